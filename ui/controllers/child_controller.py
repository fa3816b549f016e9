"""A child's page: load it, change the child's details, manage their people, start or open a visit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from ui.controllers.confirm import ask
from ui.controllers.forms import open_form
from ui.controllers.store_access import StoreAccess
from ui.family.answer_dialog import answer_response
from ui.family.jobs import responses_for_child
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from ui.store_worker import Job, StoreContext
from ui.views.child_dialog import ChildDialog
from ui.views.child_view import ChildView
from ui.views.person_dialog import PersonDialog
from visitapp.domain.family import FamilyResponse
from visitapp.domain.models import Child, Person, Visit


@dataclass(frozen=True)
class _Loaded:
    child: Child
    people: list[Person]
    visits: list[Visit]
    signed_off: set[str]  # ids of the visits that are signed off
    family_said: list[FamilyResponse]


def _load(child_id: str) -> Callable[[StoreContext], _Loaded]:
    def job(context: StoreContext) -> _Loaded:
        casework = context.casework
        said = responses_for_child(child_id)(context)
        return _Loaded(
            casework.child(child_id),
            casework.people(child_id),
            casework.visits(child_id),
            casework.signed_off_visits(child_id),
            said,
        )

    return job


class ChildController(QObject):
    back = Signal()
    visit_chosen = Signal(str)
    missing = Signal()

    def __init__(
        self,
        store: StoreAccess,
        people: PeopleModel,
        visits: VisitsModel,
        view: ChildView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.people = people
        self.visits = visits
        self.view = view
        self.child: Child | None = None
        # HOOK (family view): opens the last record for the family; set by CompanionWindows.attach.
        self.share_with_family: Callable[[str, Callable[[str], None]], None] | None = None
        # HOOK (update letter): the letter gathering a period's visits; set by CompanionWindows.attach.
        self.open_update: Callable[[str], None] | None = None
        view.back.connect(self.back)
        view.edit_child.connect(self.edit_child)
        view.add_person.connect(lambda: self.edit_person(None))
        view.edit_person.connect(lambda row: self.edit_person(self.people.person(row)))
        view.remove_person.connect(self.remove_person)
        view.new_visit.connect(self.new_visit)
        view.open_visit.connect(lambda row: self.visit_chosen.emit(self.visits.visit_id(row)))
        view.share_family.connect(self._share_with_family)
        view.write_update.connect(self._write_update)
        view.answer_family.connect(self.answer_family)

    @property
    def child_id(self) -> str | None:
        return self.child.id if self.child else None

    def open(self, child_id: str, then: Callable[[], None] = lambda: None) -> None:
        def loaded(result: _Loaded) -> None:
            self.child = result.child
            self.view.show_child(result.child, result.child.age_on(date.today()))
            self.people.set_people(result.people)
            self.visits.set_visits(result.visits, result.signed_off)
            days = {v.id: v.starts_at.date() for v in result.visits}
            self.view.show_family_said(result.family_said, days, self.share_with_family is not None)
            then()
            self.view.focus_visits()

        self.store.run(_load(child_id), loaded, lambda exc: self.missing.emit())

    def reload(self) -> None:
        if self.child is not None:
            self.open(self.child.id)

    def edit_child(self) -> ChildDialog | None:
        if self.child is None:
            return None
        dialog = ChildDialog(self.child, adding=False, parent=self.view.window())
        open_form(dialog, self.store, lambda: _saving_child(dialog.read_child()), lambda _: self.reload())
        return dialog

    def edit_person(self, person: Person | None) -> PersonDialog | None:
        if self.child is None:
            return None
        adding = person is None
        dialog = PersonDialog(person or Person(child_id=self.child.id, name=""), adding, self.view.window())
        open_form(dialog, self.store, lambda: _saving_person(dialog.read_person()), lambda _: self.reload())
        return dialog

    def remove_person(self, row: int) -> None:
        person = self.people.person(row)
        ask(
            self.view,
            "removePersonQuestion",
            self.tr("Remove this person?"),
            self.tr("Remove {0} from the people in this child's life?").format(person.name),
            self.tr("&Remove"),
            lambda: self.store.run(
                lambda context: context.casework.remove_person(person.id), lambda _: self.reload()
            ),
        )

    def _write_update(self) -> None:
        if self.child is not None and self.open_update is not None:
            self.open_update(self.child.id)

    def _share_with_family(self) -> None:
        if self.child is not None and self.share_with_family is not None:
            self.share_with_family(self.child.id, self.view.show_share_error)

    def answer_family(self, response_id: str) -> None:
        """The worker's answer to what the family said (an amendment, for a signed-off record)."""
        if self.child is not None:
            answer_response(self.store, self.view, response_id, lambda _: self.reload())

    def new_visit(self) -> None:
        if self.child is None:
            return
        # Saved straight away so that autosave has a record to write into from the first keystroke.
        visit = Visit(child_id=self.child.id, starts_at=datetime.now().replace(second=0, microsecond=0))

        def create(context: StoreContext) -> str:
            context.casework.save_visit(visit)
            return visit.id

        self.store.run(create, self.visit_chosen.emit)

    def clear(self) -> None:
        self.child = None
        self.view.clear()
        self.people.clear()
        self.visits.clear()


def _saving_child(child: Child) -> Job:
    return lambda context: context.casework.save_child(child)


def _saving_person(person: Person) -> Job:
    return lambda context: context.casework.save_person(person)
