"""A child's page: who they are, the people in their life, and their visits (newest first)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from ui.models.format import age_in_words, day_in_words
from ui.models.people_model import PeopleModel
from ui.models.visits_model import VisitsModel
from ui.views.widgets import button, form_layout, label, table
from visitapp.domain.models import Child


class ChildView(QWidget):
    back = Signal()
    edit_child = Signal()
    add_person = Signal()
    edit_person = Signal(int)  # row
    remove_person = Signal(int)
    new_visit = Signal()
    open_visit = Signal(int)  # row

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
        self._layout()
        self.back_button.clicked.connect(self.back)
        self.edit.clicked.connect(self.edit_child)
        self.add_person_button.clicked.connect(self.add_person)
        self.edit_person_button.clicked.connect(lambda: self._with_row(self.people, self.edit_person))
        self.remove_person_button.clicked.connect(lambda: self._with_row(self.people, self.remove_person))
        self.people.row_activated.connect(lambda index: self.edit_person.emit(index.row()))
        self.new_visit_button.clicked.connect(self.new_visit)
        self.visits.row_activated.connect(lambda index: self.open_visit.emit(index.row()))

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
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        # Reading order: the child, their people, then their visits.
        chain = [
            self.back_button, self.edit, self.people, self.add_person_button, self.edit_person_button,
            self.remove_person_button, self.new_visit_button, self.visits,
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

    def clear(self) -> None:
        self.title.clear()
        for fact in self.facts.values():
            fact.clear()

    def _with_row(self, view: QWidget, signal: Signal) -> None:
        index: QModelIndex = view.currentIndex()  # type: ignore[attr-defined]
        if index.isValid():
            signal.emit(index.row())  # type: ignore[attr-defined]
