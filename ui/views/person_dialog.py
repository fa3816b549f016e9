"""Add or change someone in a child's life."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from ui.views.dialog_base import FormDialog
from ui.views.widgets import form_layout, label, line_edit
from visitapp.domain.models import Person


class PersonDialog(FormDialog):
    def __init__(self, person: Person, adding: bool, parent: QWidget | None = None) -> None:
        title = self.tr("Add a person") if adding else self.tr("Change this person")
        super().__init__("personDialog", title, parent)
        self._person = person
        self.name = line_edit("personName", self.tr("Name"))
        self.relationship = line_edit("personRelationship", self.tr("Who they are, in the child's words"))
        self.relationship.setPlaceholderText(self.tr("For example: Nanna Jo, my big brother"))
        self.role = line_edit("personRole", self.tr("Role, for professionals"))
        self.role.setPlaceholderText(self.tr("For example: class teacher, health visitor"))
        form = form_layout()
        form.addRow(label(self.tr("&Name"), buddy=self.name), self.name)
        form.addRow(label(self.tr("In the child's &words"), buddy=self.relationship), self.relationship)
        form.addRow(label(self.tr("&Role"), buddy=self.role), self.role)
        self.body.addLayout(form)
        self.name.setText(person.name)
        self.relationship.setText(person.relationship)
        self.role.setText(person.role)
        self.setMinimumWidth(560)
        self.name.setFocus()

    def problem(self) -> str | None:
        if not self.name.text().strip():
            self.name.setFocus()
            return self.tr("Please give the person's name.")
        return None

    def read_person(self) -> Person:
        return replace(
            self._person,
            name=self.name.text().strip(),
            relationship=self.relationship.text().strip(),
            role=self.role.text().strip(),
        )
