"""Worries, what is working well, what needs to happen (the Signs of Safety map), and a 0 to 10 scale for
each person asked, with their reason and what one step higher would look like."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from ui.views.visit.entries import EntryColumn
from ui.views.visit.page import StepPage, edits, entry_form
from ui.views.visit.sharing import SharingToggle
from ui.views.visit.words import current_id, fill_list
from ui.views.widgets import button, entry_list, label, line_edit, needs_choice, row, spin
from visitapp.domain.visit_record import SAFETY_COLUMNS, SAFETY_LABELS, SafetyEntry, ScaleRating
from visitapp.domain.visit_steps import Step


def _tr(text: str) -> str:
    return QCoreApplication.translate("Safety", text)


SCALE_BOXES = ("visitScaleWho", "visitScaleReason", "visitScaleHigher")  # a scale answer, before Add
SCALE_WHO = SCALE_BOXES[0]
NO_NUMBER = -1  # the scale's number box before a number is chosen: it shows "Choose"


class SafetyPage(StepPage):
    add = Signal(str, str)  # category, text
    remove = Signal(str)
    add_scale = Signal(str, int, str, str)  # who, score, reason, one step higher
    remove_scale = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.SIGNS_OF_SAFETY,
            self.tr("Say plainly what you are worried about, what is going well, and what needs to happen."),
            parent,
        )
        self.columns: list[EntryColumn] = []
        columns = QHBoxLayout()
        columns.setSpacing(16)
        for index, (title, categories) in enumerate(SAFETY_COLUMNS.items()):
            column = EntryColumn(
                f"visitSafety{index}",
                _tr(title),
                [(c.value, _tr(SAFETY_LABELS[c])) for c in categories],
                part="safety_entries",
            )
            column.add.connect(self.add)
            column.remove.connect(self.remove)
            columns.addWidget(column, 1)
            self.columns.append(column)
        self.body.addLayout(columns)
        self.body.addWidget(label(self.tr("Scale from 0 to 10"), kind="subheading"))
        self.body.addWidget(label(self.tr(
            "10 means things are safe enough for social care to stop; 0 means the child cannot live at home. "
            "Ask each person for their number, why, and what one step higher would look like."
        ), kind="hint"))  # fmt: skip
        self.scales = entry_list("visitScales", self.tr("Scale answers"))
        self.scales.setMinimumHeight(100)
        self.scales_sharing = SharingToggle("scale_ratings", self.scales, "visitScaleNotShared",
                                            self.tr("Scale answers"))  # fmt: skip
        self.who = line_edit(SCALE_WHO, self.tr("Whose number"))
        self.who.setPlaceholderText(self.tr("For example: Mum, the child, me"))
        self.score = spin("visitScaleScore", self.tr("Their number, 0 to 10"), NO_NUMBER, 10)
        self.score.setSpecialValueText(self.tr("Choose"))  # not 0: a number forgotten is not a 0 given
        self.score.setValue(NO_NUMBER)
        self.reason = line_edit(SCALE_BOXES[1], self.tr("Why that number"))
        self.higher = line_edit(SCALE_BOXES[2], self.tr("What one step higher would look like"))
        self.scale_add = edits(button(self.tr("Add this number"), "visitScaleAdd"))
        self.scale_remove = edits(
            button(self.tr("Remove number"), "visitScaleRemove", self.tr("Remove this number"))
        )
        grid = QGridLayout()
        grid.addWidget(label(self.tr("Who"), buddy=self.who), 0, 0)
        grid.addWidget(self.who, 0, 1)
        grid.addWidget(label(self.tr("Number"), buddy=self.score), 0, 2)
        grid.addWidget(self.score, 0, 3)
        grid.addWidget(label(self.tr("Why"), buddy=self.reason), 1, 0)
        grid.addWidget(self.reason, 1, 1, 1, 3)
        grid.addWidget(label(self.tr("One step higher"), buddy=self.higher), 2, 0)
        grid.addWidget(self.higher, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.body.addWidget(self.scales)
        self.body.addLayout(row(self.scales_sharing.button))
        self.body.addWidget(entry_form(grid, row(self.scale_add, self.scale_remove)))
        self.scale_add.clicked.connect(self._add_scale)
        self.scale_remove.clicked.connect(self._remove_scale)
        needs_choice(self.scales, self.scale_remove)

    def column_for(self, category: str) -> EntryColumn | None:
        for column, categories in zip(self.columns, SAFETY_COLUMNS.values(), strict=True):
            if category in {c.value for c in categories}:
                return column
        return None

    def show_map(self, entries: list[SafetyEntry], scales: list[ScaleRating],
                 hidden: set[str] | None = None) -> None:  # fmt: skip
        for column, categories in zip(self.columns, SAFETY_COLUMNS.values(), strict=True):
            mine = [e for e in entries if e.category in categories]
            mine.sort(key=lambda e: categories.index(e.category))
            column.show_entries(
                [(e.id, f"{_tr(SAFETY_LABELS[e.category])}:\n{e.text}") for e in mine], hidden
            )
        lines = []
        for s in scales:
            text = self.tr("{0}: {1} out of 10").format(s.who, s.score)
            if s.reason:
                text += "\n" + self.tr("Why: {0}").format(s.reason)
            if s.one_step_higher:
                text += "\n" + self.tr("One step higher: {0}").format(s.one_step_higher)
            lines.append((s.id, text))
        fill_list(self.scales, lines)
        self.scales_sharing.mark(hidden or set())

    def _add_scale(self) -> None:
        if self.score.value() == NO_NUMBER:
            self.show_error(self.tr("Choose their number, from 0 to 10, then add it."))
            self.score.setFocus()
            return
        self.show_error("")
        self.add_scale.emit(self.who.text(), self.score.value(), self.reason.text(), self.higher.text())

    def scale_added(self) -> None:
        for field in (self.who, self.reason, self.higher):
            field.setText("")
        self.score.setValue(NO_NUMBER)

    def _remove_scale(self) -> None:
        scale_id = current_id(self.scales)
        if scale_id:
            self.remove_scale.emit(scale_id)

    def clear(self) -> None:
        self.show_map([], [])
        self.scale_added()
