"""The caseload page: load the list, filter it, open a child, add a child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from ui.controllers.forms import open_form
from ui.controllers.store_access import StoreAccess
from ui.models.caseload_model import CaseloadModel
from ui.store_worker import StoreContext
from ui.views.caseload_view import CaseloadView
from ui.views.child_dialog import ChildDialog
from visitapp.domain.models import CaseloadRow, Child


class CaseloadController(QObject):
    child_chosen = Signal(str)

    def __init__(
        self, store: StoreAccess, model: CaseloadModel, view: CaseloadView, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.store = store
        self.model = model
        self.view = view
        view.open_child.connect(self.child_chosen)
        view.add_child.connect(self.add_child)

    def open(self, then: Callable[[], None]) -> None:
        def loaded(rows: list[CaseloadRow]) -> None:
            self.model.set_rows(rows)
            self.view.refreshed()
            then()
            self.view.filter.setFocus()

        # With each child's next visit due, counted from today (working days, bank holidays).
        self.store.run(lambda context: context.flow.caseload(date.today()), loaded)

    def add_child(self) -> ChildDialog:
        dialog = ChildDialog(Child(full_name=""), adding=True, parent=self.view.window())

        def job() -> Callable[[StoreContext], str]:
            child = dialog.read_child()

            def save(context: StoreContext) -> str:
                context.casework.save_child(child)
                return child.id

            return save

        open_form(dialog, self.store, job, self.child_chosen.emit)
        return dialog

    def clear(self) -> None:
        self.view.clear()
        self.model.clear()
