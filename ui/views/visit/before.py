"""The first two steps: before you go (the visit's facts, what was agreed last time, open actions) and who
is here (ticks from the child's people, or someone new)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from ui.models.format import day_in_words
from ui.views.typed_date import TypedDateField, years_around
from ui.views.visit.page import StepPage, edits
from ui.views.widgets import (
    button,
    check_box,
    combo,
    form_layout,
    label,
    line_edit,
)
from visitapp.domain.models import Person, Visit, VisitType
from visitapp.domain.visit_record import Action, SafetyEntry
from visitapp.domain.visit_steps import Step


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            # Gone now: names must not linger in hidden widgets. Unparented alone, a box that a list or a
            # signal still refers to would live on as a hidden window holding the action's words.
            widget.setParent(None)
            widget.deleteLater()


class BeforeYouGoPage(StepPage):
    details_changed = Signal()
    action_done = Signal(str)  # action id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.BEFORE_YOU_GO,
            self.tr("Why you are going, and what was agreed last time."),
            parent,
        )
        # Filled in before, during or after the visit: a day typed without its year is a recent one. Back to
        # ten years for visits written up from paper; a year ahead at most.
        self.starts_on = TypedDateField("visitStartsOn", self.tr("Date of the visit"), "recent")
        self.starts_on.set_range(*years_around(date.today(), back=10, ahead=1))
        self.starts_at = self.starts_on.add_time("visitStartsAt", self.tr("Time the visit starts"))
        self.place = line_edit("visitPlace", self.tr("Where the visit happened"))
        self.visit_type = combo(
            "visitType",
            self.tr("Type of visit"),
            [
                (self.tr("Planned"), VisitType.PLANNED.value),
                (self.tr("Unannounced"), VisitType.UNANNOUNCED.value),
            ],
        )
        self.purpose = line_edit("visitPurpose", self.tr("Purpose of the visit"))
        self.purpose.setPlaceholderText(self.tr("For example: to see how the new bedtime routine is going"))
        form = form_layout()
        self.starts_on.in_form(form, self.tr("&When"))
        form.addRow(label(self.tr("W&here"), buddy=self.place), self.place)
        form.addRow(label(self.tr("&Type"), buddy=self.visit_type), self.visit_type)
        form.addRow(label(self.tr("&Purpose"), buddy=self.purpose), self.purpose)
        self.body.addLayout(form)
        self.body.addWidget(label(self.tr("What was agreed last time"), kind="subheading"))
        self.agreed = label()
        self.agreed.setObjectName("visitAgreedLastTime")
        self.body.addWidget(self.agreed)
        self.body.addWidget(label(self.tr("Actions still open"), kind="subheading"))
        self.no_actions = label(self.tr("No actions are waiting from earlier visits."), kind="hint")
        self.body.addWidget(self.no_actions)
        self.tick_hint = label(self.tr("Tick each one that has been done."), kind="hint")
        self.tick_hint.hide()  # only when there is something to tick
        self.body.addWidget(self.tick_hint)
        self.actions_box = QVBoxLayout()
        self.body.addLayout(self.actions_box)
        self.action_boxes: list[QCheckBox] = []
        self.starts_on.date_changed.connect(self._when_changed)
        self.starts_at.time_changed.connect(self._when_changed)
        self.place.textEdited.connect(self.details_changed)
        self.purpose.textEdited.connect(self.details_changed)
        self.visit_type.currentIndexChanged.connect(self.details_changed)

    def _when_changed(self) -> None:
        # Only a date and a time that both read as one are an edit to save: a slip in either is said under
        # them, and "Saved" beside it would say the slip had been kept.
        if self.starts_on.check(quietly=True):
            self.details_changed.emit()

    def show_visit(self, visit: Visit) -> None:
        fields = (self.starts_on, self.starts_at, self.place, self.purpose, self.visit_type)
        for widget in fields:
            widget.blockSignals(True)  # filling the form is not an edit
        self.starts_on.set_date(visit.starts_at.date())
        self.starts_at.set_time(visit.starts_at.time())
        self.place.setText(visit.place)
        self.purpose.setText(visit.purpose)
        for field in (self.place, self.purpose):
            field.setCursorPosition(0)  # show the start of a long line, not its end
        self.visit_type.setCurrentIndex(self.visit_type.findData(visit.visit_type.value))
        for widget in fields:
            widget.blockSignals(False)

    def show_last_time(self, agreed: list[SafetyEntry], first_visit: bool) -> None:
        if agreed:
            self.agreed.setText("\n".join(f"• {entry.text}" for entry in agreed))
        elif first_visit:
            self.agreed.setText(self.tr("This is the first visit recorded for this child."))
        else:
            self.agreed.setText(self.tr("No next steps were written down at the last visit."))

    def show_open_actions(self, actions: list[Action]) -> None:
        _clear(self.actions_box)
        self.action_boxes = []
        for index, action in enumerate(actions):
            when = self.tr(", by {0}").format(day_in_words(action.due_on)) if action.due_on else ""
            text = self.tr("Done: {0} ({1}{2})").format(action.what, action.who, when)
            box = check_box(text, f"visitOpenAction_{index}")
            box.toggled.connect(lambda on, box=box, action_id=action.id: self._ticked(box, on, action_id))
            self.actions_box.addWidget(box)
            self.action_boxes.append(box)
        self.no_actions.setVisible(not actions)
        self.tick_hint.setVisible(bool(actions))
        chain = [self.purpose, *self.action_boxes, self.next_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _ticked(self, box: QCheckBox, on: bool, action_id: str) -> None:
        if on:
            box.setEnabled(False)  # done is done; it leaves this list next time the visit opens
            self.action_done.emit(action_id)

    def read_visit(self, base: Visit) -> Visit:
        """The visit as the form has it. While the date or the time reads as none (the field says what is
        wrong), the visit keeps when it was saved as, both parts: a slip of the keyboard never moves it."""
        day, moment = self.starts_on.day(), self.starts_at.time_of_day()
        starts_at = datetime.combine(day, moment) if day and moment is not None else base.starts_at
        return replace(
            base,
            starts_at=starts_at.replace(second=0, microsecond=0),
            place=self.place.text().strip(),
            visit_type=VisitType(self.visit_type.currentData()),
            purpose=self.purpose.text().strip(),
        )

    def clear(self) -> None:
        fields = (self.starts_on, self.starts_at, self.place, self.purpose, self.visit_type)
        for widget in fields:
            widget.blockSignals(True)
        self.place.setText("")
        self.purpose.setText("")
        now = datetime.now()
        self.starts_on.set_date(now.date())
        self.starts_at.set_time(now.time())
        for widget in fields:
            widget.blockSignals(False)
        self.agreed.clear()
        self.show_open_actions([])

    def set_locked(self, completed: bool, signed_off: bool) -> None:
        super().set_locked(completed, signed_off)
        for box in self.action_boxes:  # an earlier visit's action may be ticked off even after sign-off
            box.setEnabled(not box.isChecked())


class WhoIsHerePage(StepPage):
    present_changed = Signal()
    add_person = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.WHO_IS_HERE,
            self.tr("Tick everyone who is here with the child. Add anyone new."),
            parent,
        )
        self.no_people = label(self.tr("No people are recorded for this child yet."), kind="hint")
        self.people_box = QVBoxLayout()
        self.present: dict[str, QCheckBox] = {}
        self.add_button = edits(button(self.tr("&Add someone who is here…"), "visitAddPerson"))
        self.body.addWidget(self.no_people)
        self.body.addLayout(self.people_box)
        self.body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(self.add_person)

    def show_people(self, people: list[Person], present: set[str]) -> None:
        _clear(self.people_box)
        self.present = {}
        for index, person in enumerate(people):
            words = person.relationship if person.relationship != person.name else ""
            about = words or person.role
            text = f"{person.name} ({about})" if about else person.name
            box = check_box(text, f"visitPresent_{index}")
            box.setChecked(person.id in present)
            box.toggled.connect(self.present_changed)
            self.people_box.addWidget(box)
            self.present[person.id] = box
        self.no_people.setVisible(not people)
        chain = [*self.present.values(), self.add_button, self.next_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def present_ids(self) -> list[str]:
        return [pid for pid, box in self.present.items() if box.isChecked()]

    def clear(self) -> None:
        self.show_people([], set())
