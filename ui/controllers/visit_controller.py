"""The visit editor's behaviour: load, autosave (notes and details), complete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ui.controllers.confirm import ask
from ui.controllers.debounce import Debouncer
from ui.controllers.store_access import StoreAccess, plain_message
from ui.store_worker import StoreContext
from ui.views.visit_view import VisitView
from visitapp.domain.models import Person, Visit, VisitStatus


@dataclass(frozen=True)
class _Loaded:
    visit: Visit
    child_name: str
    people: list[Person]


def _load(visit_id: str) -> Callable[[StoreContext], _Loaded]:
    def job(context: StoreContext) -> _Loaded:
        casework = context.casework
        visit = casework.visit(visit_id)
        child = casework.child(visit.child_id)
        return _Loaded(visit, child.display_name, casework.people(visit.child_id))

    return job


class VisitController(QObject):
    back = Signal(str)  # child id
    missing = Signal()

    def __init__(self, store: StoreAccess, view: VisitView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.view = view
        self.visit: Visit | None = None
        self._sent = 0  # saves sent and answered, for the "Saving…"/"Saved" line
        self._answered = 0
        self.notes_saver = Debouncer(self._save_notes, parent=self)
        self.details_saver = Debouncer(self._save_details, parent=self)
        view.notes_changed.connect(self._changed(self.notes_saver))
        view.details_changed.connect(self._changed(self.details_saver))
        view.complete.connect(self._ask_complete)
        view.back.connect(self._back)

    @property
    def visit_id(self) -> str | None:
        return self.visit.id if self.visit else None

    def open(self, visit_id: str, then: Callable[[], None]) -> None:
        def loaded(result: _Loaded) -> None:
            self.visit = result.visit
            self._sent = self._answered = 0
            self.view.show_visit(result.visit, result.child_name, result.people)
            self.view.show_save_state(self.tr("Saved") if result.visit.status is VisitStatus.DRAFT else "")
            then()
            self.view.notes.setFocus()

        self.store.run(_load(visit_id), loaded, lambda exc: self.missing.emit())

    def flush(self) -> None:
        """Send any unsaved change now (before leaving the screen, locking or closing)."""
        self.details_saver.flush()
        self.notes_saver.flush()

    def clear(self) -> None:
        self.notes_saver.cancel()
        self.details_saver.cancel()
        self.visit = None
        self.view.clear()

    def _changed(self, saver: Debouncer) -> Callable[[], None]:
        def poke() -> None:
            if self.visit is not None and self.visit.status is VisitStatus.DRAFT:
                saver.poke()
                self.view.show_save_state(self.tr("Saving…"), "saving")

        return poke

    def _save_notes(self) -> None:
        if self.visit is None:
            return
        visit_id, notes = self.visit.id, self.view.notes.toPlainText()
        self._send(lambda context: context.casework.save_notes(visit_id, notes))

    def _save_details(self) -> None:
        if self.visit is None:
            return
        visit = self.view.read_visit(self.visit)
        self.notes_saver.cancel()  # the full save carries the notes too
        self._send(lambda context: context.casework.save_visit(visit))

    def _send(self, job: Callable[[StoreContext], object]) -> None:
        self._sent += 1
        self.store.run(job, self._saved, self._not_saved)

    def _saved(self, _result: object) -> None:
        self._answered += 1
        if self._answered == self._sent and not (self.notes_saver.dirty or self.details_saver.dirty):
            self.view.show_save_state(self.tr("Saved"))

    def _not_saved(self, exc: Exception) -> None:
        self._answered += 1
        self.view.show_save_state(self.tr("Not saved: {0}").format(plain_message(exc)), "error")

    def _ask_complete(self) -> None:
        if self.visit is None:
            return
        ask(
            self.view,
            "completeVisitQuestion",
            self.tr("Mark visit completed?"),
            self.tr("Once a visit is completed it can be read but not changed. Is it finished?"),
            self.tr("&Mark completed"),
            self._complete,
        )

    def _complete(self) -> None:
        if self.visit is None:
            return
        self.flush()
        visit_id = self.visit.id

        def done(visit: Visit) -> None:
            if self.visit is not None and self.visit.id == visit.id:
                self.visit = visit
                self.view.set_completed(True)
                self.view.show_save_state("")

        self.store.run(lambda context: context.casework.complete_visit(visit_id), done)

    def _back(self) -> None:
        if self.visit is not None:
            self.flush()
            self.back.emit(self.visit.child_id)
