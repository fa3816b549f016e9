"""A record changed on this laptop and somewhere else: both versions side by side, kept until the worker
chooses. A signed-off version always stands; the worker is told to add an amendment instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.sync.fields import rows_of
from ui.sync.style import apply_sync_style
from ui.views.widgets import button, label, named
from visitapp.sync.status import ConflictView


class ConflictDialog(QDialog):
    chosen = Signal(int, str)  # conflict id, "mine" | "theirs"

    def __init__(self, view: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Two versions of this {0}").format(view.label))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_sync_style(self)
        self.view = view
        signed_here = view.kind == "signed_off"
        theirs_stands = view.theirs_signed_off
        intro = self.tr(
            "This {0} was changed on this laptop and also somewhere else. Both versions are kept until "
            "you choose. The parts that differ are marked."
        ).format(view.label)
        if signed_here:
            intro = self.tr(
                "This {0} is signed off on this laptop, so it stays as it is. The other version "
                "is shown so you can add an amendment if something is missing."
            ).format(view.label)
        elif theirs_stands:
            intro = self.tr(
                "The other version was signed off, so it stands. Yours is kept beside it: take "
                "the signed-off version, then add an amendment with what you changed."
            )
        self.keep_mine = button(self.tr("Keep &my version"), "conflictKeepMine", self.tr("Keep my version"))
        self.keep_theirs = button(
            self.tr("Keep the &other version"), "conflictKeepTheirs", self.tr("Keep the other version")
        )
        self.later = button(self.tr("Decide &later"), "conflictLater", self.tr("Decide later"))
        self.keep_mine.setVisible(not theirs_stands)
        self.keep_theirs.setVisible(not signed_here)
        if signed_here:
            self.keep_mine.setText(self.tr("&Keep the signed-off version"))
            self.keep_mine.setAccessibleName(self.tr("Keep the signed-off version"))
        if theirs_stands:
            self.keep_theirs.setText(self.tr("&Take the signed-off version"))
            self.keep_theirs.setAccessibleName(self.tr("Take the signed-off version"))
        self.error = label(kind="error")
        self.error.setObjectName("conflictError")
        box = QVBoxLayout(self)
        box.addWidget(label(self.windowTitle(), kind="subheading"))
        box.addWidget(label(intro, kind="hint"))
        box.addWidget(self._sides(view), 1)
        box.addWidget(self.error)
        actions = QHBoxLayout()
        actions.addWidget(self.later)
        actions.addStretch(1)
        actions.addWidget(self.keep_theirs)
        actions.addWidget(self.keep_mine)
        box.addLayout(actions)
        self.keep_mine.clicked.connect(lambda: self.chosen.emit(view.conflict_id, "mine"))
        self.keep_theirs.clicked.connect(lambda: self.chosen.emit(view.conflict_id, "theirs"))
        self.later.clicked.connect(self.reject)
        self.resize(1100, 560)

    def _sides(self, view: ConflictView) -> QScrollArea:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(label(self.tr("What it is"), kind="columnHead"), 0, 0)
        grid.addWidget(label(self.tr("On this laptop (yours)"), kind="columnHead"), 0, 1)
        other = (
            self.tr("From the server (signed off)") if view.theirs_signed_off else self.tr("From the server")
        )
        grid.addWidget(label(other, kind="columnHead"), 0, 2)
        self.same_rows: list[QWidget] = []
        rows = rows_of(view.mine, view.theirs)
        same = sum(1 for _n, a, b in rows if a == b)
        self.show_same = button(
            self.tr("Show the {0} parts that are the same in both").format(same),
            "conflictShowSame",
            self.tr("Show the parts that are the same in both"),
        )
        self.show_same.setCheckable(True)
        self.show_same.setVisible(bool(same))
        for r, (name, mine, theirs) in enumerate(rows, start=1):
            differs = mine != theirs
            if not differs and not self.same_rows:  # the rest are the same: behind the button
                grid.addWidget(self.show_same, r, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
            at = r + (0 if differs else 1)
            cells = [
                label(name, kind="fieldName"),
                self._cell(mine, differs, "conflictMine"),
                self._cell(theirs, differs, "conflictTheirs"),
            ]
            for column, cell in enumerate(cells):
                grid.addWidget(cell, at, column, Qt.AlignmentFlag.AlignTop)
                if not differs:
                    cell.hide()
                    self.same_rows.append(cell)
        self.show_same.toggled.connect(self._toggle_same)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        inner = QWidget()
        inner.setObjectName("conflictSides")
        outer = QVBoxLayout(inner)
        outer.addLayout(grid)
        outer.addStretch(1)
        scroll = named(QScrollArea(), "conflictScroll", self.tr("Both versions side by side"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def _cell(self, value: str, differs: bool, name: str) -> QLabel:
        cell = label(value or "—", kind="changed" if differs else "same")
        cell.setObjectName(name)
        cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return cell

    def _toggle_same(self, shown: bool) -> None:
        for cell in self.same_rows:
            cell.setVisible(shown)
        self.show_same.setText(
            self.tr("Hide the parts that are the same")
            if shown
            else self.tr("Show the {0} parts that are the same in both").format(len(self.same_rows) // 3)
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.setEnabled(True)
