"""Which page the worker is on (by ids only), moving between pages, and coming back after unlock."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget

from ui.controllers.caseload_controller import CaseloadController
from ui.controllers.child_controller import ChildController
from ui.controllers.visit_controller import VisitController


@dataclass(frozen=True)
class Place:
    """Ids, never names or text: this is kept in memory while the app is locked."""

    page: str = "caseload"  # "caseload" | "child" | "visit"
    child_id: str = ""
    visit_id: str = ""
    step: str = ""  # a visit's step (a Step value): after unlock the worker is back where they were


class Navigator(QObject):
    def __init__(
        self,
        pages: QStackedWidget,
        caseload: CaseloadController,
        child: ChildController,
        visit: VisitController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pages = pages
        self.caseload, self.child, self.visit = caseload, child, visit
        self.place = Place()
        caseload.child_chosen.connect(self.open_child)
        child.back.connect(self.open_caseload)
        child.visit_chosen.connect(self.open_visit)
        child.missing.connect(self.open_caseload)
        visit.back.connect(self.open_child)
        visit.missing.connect(self.open_caseload)

    def open_caseload(self) -> None:
        self._leave()
        self.place = Place()
        self.caseload.open(lambda: self.pages.setCurrentWidget(self.caseload.view))

    def open_child(self, child_id: str) -> None:
        self._leave()
        self.place = Place("child", child_id)
        self.child.open(child_id, lambda: self.pages.setCurrentWidget(self.child.view))

    def open_visit(self, visit_id: str, child_id: str = "", step: str = "") -> None:
        self._leave()
        self.place = Place("visit", child_id or self.child.child_id or "", visit_id, step)
        self.visit.open(visit_id, lambda: self.pages.setCurrentWidget(self.visit.view), step)

    def where_now(self) -> Place:
        """The place, with the visit's step if the visit is shown: what locking keeps to come back to. A
        visit page emptied for the family screen keeps the step it had (see keep_step)."""
        if self.place.page == "visit" and self.visit.visit_id == self.place.visit_id:
            return replace(self.place, step=self.visit.current_step())
        return self.place

    def keep_step(self) -> Place:
        """Note the visit's step in the place before its page is emptied, so it can be shown again."""
        self.place = self.where_now()
        return self.place

    def go(self, place: Place) -> None:
        if place.page == "visit" and place.visit_id:
            self.open_visit(place.visit_id, place.child_id, place.step)
        elif place.page == "child" and place.child_id:
            self.open_child(place.child_id)
        else:
            self.open_caseload()

    def clear_all(self) -> None:
        """Empty every page (no child's data left in any widget); the place itself is kept."""
        self.caseload.clear()
        self.child.clear()
        self.visit.clear()

    def _leave(self) -> None:
        self.visit.flush()  # switching screens saves what was typed
