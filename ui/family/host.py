"""Opening the family view from the visit or the child's page, and what happens around it.

While it is open every other page is emptied (the caseload, the child's page, the visit), so no other
child's name and none of today's notes sit behind it. When the worker leaves with their PIN or passphrase,
the page they came from is opened again. Locking closes it without that: the record is wiped from the
screen, and a response the family had finished writing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui.family import jobs
from ui.family.controller import FamilyController
from ui.family.family_view import FamilyView
from ui.family.jobs import Shown, family_message
from visitapp.domain.visit_steps import Step

if TYPE_CHECKING:
    from ui.controllers.navigator import Navigator, Place
    from ui.controllers.store_access import StoreAccess

OnError = Callable[[str], None]


class FamilyHost(QObject):
    def __init__(self, store: StoreAccess, window: QWidget, navigator: Navigator,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.window = window
        self.navigator = navigator
        self.current: FamilyController | None = None
        self._opening = False

    def open_for_visit(self, visit_id: str, on_error: OnError) -> None:
        self._open(jobs.show_for_visit(visit_id), visit_id, on_error)

    def open_for_child(self, child_id: str, on_error: OnError) -> None:
        self._open(jobs.show_for_child(child_id), None, on_error)

    def _open(self, job: Callable, during_visit_id: str | None, on_error: OnError) -> None:  # type: ignore[type-arg]
        if self.current is not None or self._opening:
            return
        self._opening = True
        self.navigator.visit.flush()  # what was typed in the visit is saved before its page is emptied

        def loaded(shown: Shown) -> None:
            self._opening = False
            if self.store.running and shiboken6.isValid(self.window):
                self._show(shown, during_visit_id)

        def refused(exc: Exception) -> None:
            self._opening = False
            on_error(family_message(exc))

        self.store.run(job, loaded, refused)

    def _show(self, shown: Shown, during_visit_id: str | None) -> None:
        self.navigator.visit.flush()  # again: anything typed while the record was read is kept too
        place = self.navigator.keep_step()  # a lock while the family screen is open comes back to this step
        view = FamilyView(self.window)
        controller = FamilyController(self.store, view, during_visit_id, self)
        self.current = controller
        self.navigator.clear_all()  # nothing of any other child, nor today's visit, behind the family view
        controller.show(shown)

        def finished() -> None:
            released_by_worker = self.current is controller
            self.current = None
            view.deleteLater()
            if released_by_worker:
                self._come_back(place)

        view.finished.connect(finished)
        view.resize(self.window.size())
        view.open()
        view.showFullScreen()
        view.record.setFocus()

    def _come_back(self, place: Place) -> None:
        if not self.store.running:
            return
        if place.page == "visit" and place.visit_id:
            visit = self.navigator.visit
            self.navigator.place = place

            def opened() -> None:
                self.navigator.pages.setCurrentWidget(visit.view)
                visit.view.go_to(list(Step).index(Step.SHARE_LAST_RECORD))

            visit.open(place.visit_id, opened)
        else:
            self.navigator.go(place)

    def close(self) -> None:
        """Locking or quitting: keep a finished response, wipe the screen, close. The store must still run."""
        controller, self.current = self.current, None
        if controller is None:
            return
        controller.flush()
        controller.wipe()
        if shiboken6.isValid(controller.view):
            controller.view.release()
