"""A child's page: who they are, the people in their life, and their visits (newest first)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from ui.models.format import age_in_words, day_in_words
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from ui.views.visit.words import current_id, fill_list
from ui.views.widgets import button, entry_list, form_layout, label, needs_choice, table
from visitapp.domain.family import VERDICT_LABELS, FamilyResponse
from visitapp.domain.models import Child


class ChildView(QWidget):
    back = Signal()
    edit_child = Signal()
    add_person = Signal()
    edit_person = Signal(int)  # row
    remove_person = Signal(int)
    new_visit = Signal()
    open_visit = Signal(int)  # row
    share_family = Signal()
    write_update = Signal()  # a letter to the child gathering a few months of visits
    answer_family = Signal(str)  # response id

    def __init__(self, people: PeopleModel, visits: VisitsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childPage")
        self.back_button = button(self.tr("← &Back to your children"), "childBack")
        self.title = label(kind="heading")
        self.title.setObjectName("childTitle")
        self.edit = button(self.tr("&Edit details"), "childEdit")
        self.facts: dict[str, QLabel] = {}
        self.people = table("childPeople", self.tr("People in the child's life"))
        self.people.setModel(people)
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.people.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_person_button = button(self.tr("Add &person"), "childAddPerson")
        self.edit_person_button = button(self.tr("Change pe&rson"), "childEditPerson")
        self.remove_person_button = button(self.tr("Remo&ve person"), "childRemovePerson")
        self.visits = table("childVisits", self.tr("Visits, newest first"))
        self.visits.setModel(visits)
        header = self.visits.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (VisitsModel.WHEN, VisitsModel.TYPE, VisitsModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VisitsModel.PLACE, QHeaderView.ResizeMode.Stretch)
        self.new_visit_button = button(self.tr("&New visit"), "childNewVisit", primary=True)
        self.update_button = button(self.tr("Write an &update letter…"), "childWriteUpdate")
        self.share_button = button(self.tr("Show the &family the last record"), "childShowFamily")
        self.share_button.hide()  # only where the family view is wired in
        self.share_error = label(kind="error")
        self.share_error.setObjectName("childShareError")
        self.share_error.hide()
        self.family_said = entry_list("childFamilySaid", self.tr("What the family said about your records"))
        self.family_said.setMinimumHeight(90)
        self.answer_button = button(self.tr("&Answer what they said"), "childAnswerFamily")
        needs_choice(self.family_said, self.answer_button)
        self._layout()
        self.back_button.clicked.connect(self.back)
        self.edit.clicked.connect(self.edit_child)
        self.add_person_button.clicked.connect(self.add_person)
        self.edit_person_button.clicked.connect(lambda: self._with_row(self.people, self.edit_person))
        self.remove_person_button.clicked.connect(lambda: self._with_row(self.people, self.remove_person))
        self.people.row_activated.connect(lambda index: self.edit_person.emit(index.row()))
        self.new_visit_button.clicked.connect(self.new_visit)
        self.update_button.clicked.connect(self.write_update)
        self.visits.row_activated.connect(lambda index: self.open_visit.emit(index.row()))
        self.share_button.clicked.connect(self.share_family)
        self.answer_button.clicked.connect(self._answer)
        self.family_said.itemActivated.connect(lambda _: self._answer())

    def _layout(self) -> None:
        details = form_layout()
        details.setVerticalSpacing(2)
        for key, text in (
            ("age", self.tr("Age")),
            ("birthday", self.tr("Date of birth")),
            ("pronouns", self.tr("Pronouns")),
            ("status", self.tr("Legal status")),
            ("language", self.tr("First language")),
            ("communication", self.tr("Communication")),
        ):
            self.facts[key] = label()
            self.facts[key].setObjectName(f"childFact_{key}")
            details.addRow(label(text, kind="field"), self.facts[key])
        people_buttons = QHBoxLayout()
        for widget in (self.add_person_button, self.edit_person_button, self.remove_person_button):
            people_buttons.addWidget(widget)
        people_buttons.addStretch(1)
        visits_top = QHBoxLayout()
        visits_top.addWidget(label(self.tr("Visits"), kind="subheading"), 1)
        visits_top.addWidget(self.update_button)
        visits_top.addWidget(self.new_visit_button)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.edit)

        left = QVBoxLayout()
        left.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addLayout(title_row)
        left.addLayout(details)
        left.addWidget(label(self.tr("People in their life"), kind="subheading"))
        left.addWidget(self.people, 1)
        left.addLayout(people_buttons)
        right = QVBoxLayout()
        right.addLayout(visits_top)
        right.addWidget(self.visits, 1)
        right.addWidget(self.share_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.share_error)
        self.family_heading = label(self.tr("What the family said"), kind="subheading")
        right.addWidget(self.family_heading)
        right.addWidget(self.family_said)
        right.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        # Reading order: the child, their people, then their visits.
        chain = [
            self.back_button, self.edit, self.people, self.add_person_button, self.edit_person_button,
            self.remove_person_button, self.update_button, self.new_visit_button, self.visits,
            self.share_button, self.family_said, self.answer_button,
        ]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def show_child(self, child: Child, age: int | None) -> None:
        name = f"{child.full_name} ({child.known_as})" if child.known_as else child.full_name
        self.title.setText(name)
        needs = ", ".join(self.tr(need.label) for need in child.communication_needs)
        notes = child.communication_notes.strip()
        communication = "; ".join(part for part in (needs, notes) if part)
        not_given = self.tr("Not given")
        self.facts["age"].setText(age_in_words(age))
        self.facts["birthday"].setText(
            day_in_words(child.date_of_birth) if child.date_of_birth else not_given
        )
        self.facts["pronouns"].setText(child.pronouns or not_given)
        self.facts["status"].setText(self.tr(child.legal_status.label))
        self.facts["language"].setText(child.first_language or not_given)
        self.facts["communication"].setText(communication or self.tr("Nothing recorded"))

    def focus_visits(self) -> None:
        """Land on the newest visit (Enter opens it), or on New visit when there is none."""
        if self.visits.model().rowCount():
            self.visits.setCurrentIndex(self.visits.model().index(0, 0))
            self.visits.setFocus()
        else:
            self.new_visit_button.setFocus()

    def show_family_said(self, responses: list[FamilyResponse], days: dict[str, date],
                         can_share: bool) -> None:  # fmt: skip
        """Unanswered first, then the answered ones, newest first within each. ``days``: visit id -> day."""
        ordered = sorted(responses, key=lambda r: (r.answered, -r.at.timestamp()))
        items = []
        for r in ordered:
            day = days.get(r.record_visit_id)
            about = self.tr("the visit on {0}").format(day_in_words(day)) if day else self.tr("a visit")
            verdict = self.tr(VERDICT_LABELS[r.verdict])
            words = self.tr("{0}, about {1}: {2}").format(r.speaker, about, verdict)
            if r.words.strip():
                words += f"\n“{r.words}”"
            words += "\n" + (self.tr("Answered: {0}").format(r.answer) if r.answered
                              else self.tr("Waiting for your answer"))  # fmt: skip
            items.append((r.id, words))
        fill_list(self.family_said, items)
        for widget in (self.family_heading, self.family_said, self.answer_button):
            widget.setVisible(bool(items))
        self.share_button.setVisible(can_share)
        self.show_share_error("")

    def show_share_error(self, text: str) -> None:
        self.share_error.setText(text)
        self.share_error.setVisible(bool(text))

    def _answer(self) -> None:
        response_id = current_id(self.family_said)
        if response_id:
            self.answer_family.emit(response_id)

    def clear(self) -> None:
        self.show_family_said([], {}, False)
        self.title.clear()
        for fact in self.facts.values():
            fact.clear()

    def _with_row(self, view: QWidget, signal: Signal) -> None:
        index: QModelIndex = view.currentIndex()  # type: ignore[attr-defined]
        if index.isValid():
            signal.emit(index.row())  # type: ignore[attr-defined]
