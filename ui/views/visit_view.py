"""The visit editor: the facts of the visit on the left, the notes on the right."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.views.widgets import (
    button,
    check_box,
    date_time_field,
    form_layout,
    label,
    line_edit,
    named,
    restyle,
    wipe,
)
from visitapp.domain.models import Person, Visit, VisitStatus, VisitType


class VisitView(QWidget):
    back = Signal()
    details_changed = Signal()
    notes_changed = Signal()
    complete = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitPage")
        self.back_button = button(self.tr("← &Back to the child"), "visitBack")
        self.title = label(kind="heading")
        self.title.setObjectName("visitTitle")
        self.saved = label(kind="saved")
        self.saved.setObjectName("visitSaveState")
        self.starts_at = date_time_field(
            "visitStartsAt", self.tr("Date and time of the visit"), "d MMMM yyyy, HH:mm"
        )
        self.place = line_edit("visitPlace", self.tr("Where the visit happened"))
        self.visit_type = named(QComboBox(), "visitType", self.tr("Type of visit"))
        self.visit_type.addItem(self.tr("Planned"), VisitType.PLANNED.value)
        self.visit_type.addItem(self.tr("Unannounced"), VisitType.UNANNOUNCED.value)
        self.purpose = line_edit("visitPurpose", self.tr("Purpose of the visit"))
        self.present_box = QVBoxLayout()
        self.present: dict[str, QCheckBox] = {}
        self.no_people = label(self.tr("Add people on the child's page to tick who was there."), kind="hint")
        self.notes = named(QPlainTextEdit(), "visitNotes", self.tr("Visit notes"))
        self.notes.setTabChangesFocus(True)  # Tab moves on; the notes are prose, not a table
        self.notes.setPlaceholderText(self.tr("Write what happened, in plain words. It saves as you type."))
        self.complete_button = button(self.tr("&Mark visit completed"), "visitComplete")
        self.state = label(kind="hint")
        self.state.setObjectName("visitState")
        self._layout()
        self.back_button.clicked.connect(self.back)
        self.starts_at.dateTimeChanged.connect(self.details_changed)
        self.place.textEdited.connect(self.details_changed)
        self.purpose.textEdited.connect(self.details_changed)
        self.visit_type.currentIndexChanged.connect(self.details_changed)
        self.notes.textChanged.connect(self.notes_changed)
        self.complete_button.clicked.connect(self.complete)

    def _layout(self) -> None:
        form = form_layout()
        form.addRow(label(self.tr("&When"), buddy=self.starts_at), self.starts_at)
        form.addRow(label(self.tr("W&here"), buddy=self.place), self.place)
        form.addRow(label(self.tr("&Type"), buddy=self.visit_type), self.visit_type)
        form.addRow(label(self.tr("&Purpose"), buddy=self.purpose), self.purpose)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(label(self.tr("Who was there"), kind="subheading"))
        left.addWidget(self.no_people)
        left.addLayout(self.present_box)
        left.addStretch(1)
        left.addWidget(self.state)
        left.addWidget(self.complete_button)
        right = QVBoxLayout()
        notes_top = QHBoxLayout()
        notes_top.addWidget(label(self.tr("N&otes"), kind="subheading", buddy=self.notes), 1)
        notes_top.addWidget(self.saved)
        right.addLayout(notes_top)
        right.addWidget(self.notes, 1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addSpacing(24)
        body.addLayout(right, 3)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.title)
        box.addLayout(body, 1)

    def show_visit(self, visit: Visit, child_name: str, people: list[Person]) -> None:
        self.blockSignals(True)  # filling the form is not an edit
        for widget in (self.starts_at, self.place, self.purpose, self.visit_type, self.notes):
            widget.blockSignals(True)
        self.title.setText(self.tr("Visit to {0}").format(child_name))
        self.back_button.setText(self.tr("← &Back to {0}").format(child_name))
        self.starts_at.setDateTime(QDateTime(visit.starts_at))
        self.place.setText(visit.place)
        self.purpose.setText(visit.purpose)
        for field in (self.place, self.purpose):
            field.setCursorPosition(0)  # show the start of a long line, not its end
        self.visit_type.setCurrentIndex(self.visit_type.findData(visit.visit_type.value))
        self.notes.setPlainText(visit.notes)
        self.notes.moveCursor(QTextCursor.MoveOperation.End)  # carry on writing where the notes end
        self._show_people(people, set(visit.present_person_ids))
        for widget in (self.starts_at, self.place, self.purpose, self.visit_type, self.notes):
            widget.blockSignals(False)
        self.blockSignals(False)
        self.set_completed(visit.status is VisitStatus.COMPLETED)

    def _show_people(self, people: list[Person], present: set[str]) -> None:
        for box in self.present.values():
            box.setParent(None)  # gone now, not at the next event loop turn: names must not linger
        self.present = {}
        for index, person in enumerate(people):
            words = person.relationship if person.relationship != person.name else ""
            about = words or person.role
            text = f"{person.name} ({about})" if about else person.name
            box = check_box(text, f"visitPresent_{index}")
            box.setChecked(person.id in present)
            box.toggled.connect(self.details_changed)
            self.present_box.addWidget(box)
            self.present[person.id] = box
        self.no_people.setVisible(not people)
        # New boxes would join the end of the Tab order; keep them between Purpose and the notes.
        chain = [self.purpose, *self.present.values(), self.notes, self.complete_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def read_visit(self, base: Visit) -> Visit:
        when: datetime = self.starts_at.dateTime().toPython()  # type: ignore[assignment]
        return replace(
            base,
            starts_at=when.replace(second=0, microsecond=0),
            place=self.place.text().strip(),
            visit_type=VisitType(self.visit_type.currentData()),
            purpose=self.purpose.text().strip(),
            notes=self.notes.toPlainText(),
            present_person_ids=[pid for pid, box in self.present.items() if box.isChecked()],
        )

    def set_completed(self, completed: bool) -> None:
        for widget in (self.starts_at, self.visit_type, *self.present.values()):
            widget.setEnabled(not completed)
        for field in (self.place, self.purpose):
            field.setReadOnly(completed)
        self.notes.setReadOnly(completed)
        self.complete_button.setVisible(not completed)
        if completed:
            self.state.setText(self.tr("This visit is completed, so it can be read but not changed."))
        else:
            self.state.setText(
                self.tr(
                    "Everything here is saved as you type. Mark the visit completed when you have finished."
                )
            )

    def show_save_state(self, text: str, kind: str = "saved") -> None:
        self.saved.setText(text)
        self.saved.setProperty("kind", kind)
        restyle(self.saved)

    def clear(self) -> None:
        for widget in (self.starts_at, self.place, self.purpose, self.visit_type, self.notes):
            widget.blockSignals(True)
        self.title.clear()
        self.back_button.setText(self.tr("← &Back to the child"))
        wipe(self.place, self.purpose)
        self.notes.clear()
        self.starts_at.setDateTime(QDateTime.currentDateTime())
        for widget in (self.starts_at, self.place, self.purpose, self.visit_type, self.notes):
            widget.blockSignals(False)
        self._show_people([], set())
        self.saved.clear()
        self.state.clear()
