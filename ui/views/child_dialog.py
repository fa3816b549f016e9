"""Add or change a child's details."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.views.dialog_base import FormDialog
from ui.views.widgets import check_box, date_time_field, form_layout, label, line_edit, named
from visitapp.domain.models import Child, CommunicationNeed, LegalStatus


class ChildDialog(FormDialog):
    def __init__(self, child: Child, adding: bool, parent: QWidget | None = None) -> None:
        title = self.tr("Add a child") if adding else self.tr("Change the child's details")
        super().__init__("childDialog", title, parent)
        self._child = child
        self.full_name = line_edit("childFullName", self.tr("Full name"))
        self.known_as = line_edit("childKnownAs", self.tr("Name they like to be called"))
        self.birthday_unknown = check_box(self.tr("Date of birth not &known"), "childBirthdayUnknown")
        self.birthday = date_time_field("childBirthday", self.tr("Date of birth"), "d MMMM yyyy")
        self.birthday.setMaximumDate(QDate.currentDate())
        self.pronouns = named(QComboBox(), "childPronouns", self.tr("Pronouns"))
        self.pronouns.setEditable(True)
        self.pronouns.addItems(["", "she/her", "he/him", "they/them"])
        self.status = named(QComboBox(), "childLegalStatus", self.tr("Legal status"))
        for status in LegalStatus:
            self.status.addItem(self.tr(status.label), status.value)
        self.language = line_edit("childFirstLanguage", self.tr("First language"))
        self.needs = {
            need: check_box(self.tr(need.label), f"childNeed_{need.value}") for need in CommunicationNeed
        }
        self.needs_notes = named(
            QPlainTextEdit(), "childCommunicationNotes", self.tr("Notes on communication")
        )
        self.needs_notes.setTabChangesFocus(True)
        self.needs_notes.setFixedHeight(80)
        self._layout()
        self._fill(child)
        self.birthday_unknown.toggled.connect(lambda unknown: self.birthday.setEnabled(not unknown))
        self.full_name.setFocus()  # typing starts in the first field, not on a button

    def _layout(self) -> None:
        # Two columns, so the whole form fits a 768-pixel-high screen without scrolling.
        form = form_layout()
        form.addRow(label(self.tr("&Full name"), buddy=self.full_name), self.full_name)
        form.addRow(label(self.tr("Likes to be &called"), buddy=self.known_as), self.known_as)
        form.addRow(label(self.tr("&Date of birth"), buddy=self.birthday), self.birthday)
        form.addRow("", self.birthday_unknown)
        form.addRow(label(self.tr("&Pronouns"), buddy=self.pronouns), self.pronouns)
        form.addRow(label(self.tr("&Legal status"), buddy=self.status), self.status)
        form.addRow(label(self.tr("First lan&guage"), buddy=self.language), self.language)
        needs = QVBoxLayout()
        needs.addWidget(label(self.tr("How they communicate"), kind="subheading"))
        grid = QGridLayout()
        for index, box in enumerate(self.needs.values()):
            grid.addWidget(box, index // 2, index % 2)
        needs.addLayout(grid)
        needs.addWidget(label(self.tr("Notes on communicati&on"), buddy=self.needs_notes))
        needs.addWidget(self.needs_notes)
        needs.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addSpacing(24)
        columns.addLayout(needs, 1)
        self.body.addLayout(columns)

    def _fill(self, child: Child) -> None:
        self.full_name.setText(child.full_name)
        self.known_as.setText(child.known_as)
        self.birthday_unknown.setChecked(child.date_of_birth is None and bool(child.full_name))
        self.birthday.setEnabled(not self.birthday_unknown.isChecked())
        self.birthday.setDate(QDate(child.date_of_birth) if child.date_of_birth else QDate.currentDate())
        self.pronouns.setCurrentText(child.pronouns)
        self.status.setCurrentIndex(self.status.findData(child.legal_status.value))
        self.language.setText(child.first_language)
        for need, box in self.needs.items():
            box.setChecked(need in child.communication_needs)
        self.needs_notes.setPlainText(child.communication_notes)

    def read_child(self) -> Child:
        birthday: date | None = None if self.birthday_unknown.isChecked() else self.birthday.date().toPython()  # type: ignore[assignment]
        return replace(
            self._child,
            full_name=self.full_name.text().strip(),
            known_as=self.known_as.text().strip(),
            date_of_birth=birthday,
            pronouns=self.pronouns.currentText().strip(),
            legal_status=LegalStatus(self.status.currentData()),
            first_language=self.language.text().strip(),
            communication_needs=[need for need, box in self.needs.items() if box.isChecked()],
            communication_notes=self.needs_notes.toPlainText().strip(),
        )
