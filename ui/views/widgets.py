"""Small builders so every interactive widget gets its objectName and accessibleName in one line."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str, description: str = "") -> W:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def button(text: str, name: str, accessible: str = "", primary: bool = False) -> QPushButton:
    """``text`` may carry a mnemonic (&). Buttons never become a dialog's hidden default."""
    widget = named(QPushButton(text), name, accessible or text.replace("&", ""))
    widget.setAutoDefault(False)
    if primary:
        widget.setProperty("role", "primary")
    return widget


def line_edit(name: str, accessible: str, secret: bool = False) -> QLineEdit:
    widget = named(QLineEdit(), name, accessible)
    if secret:
        widget.setEchoMode(QLineEdit.EchoMode.Password)
    return widget


def check_box(text: str, name: str) -> QCheckBox:
    return named(QCheckBox(text), name, text.replace("&", ""))


def label(text: str = "", kind: str = "", buddy: QWidget | None = None) -> QLabel:
    """``kind`` picks a style in visitapp.qss (heading, subheading, hint, error, notice)."""
    widget = QLabel(text)
    widget.setWordWrap(buddy is None)  # a field's own label stays on one line beside it
    if kind:
        widget.setProperty("kind", kind)
    if buddy is not None:
        widget.setBuddy(buddy)  # Alt + the underlined letter jumps to the field
        widget.setMinimumHeight(44)  # as tall as the field, so the words sit level with it
        widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return widget


class RowTable(QTableView):
    """A read-only table whose rows open with Enter as well as double-click (QTableView ignores Enter)."""

    row_activated = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self.row_activated)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class DateTimeField(QDateTimeEdit):
    """Tab leaves the field (a plain QDateTimeEdit walks day, month, year, hour, minute first, which traps
    keyboard users); Left and Right still move between the parts, Alt+Down opens the calendar."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt's names)
        return QWidget.focusNextPrevChild(self, next)


def date_time_field(name: str, accessible: str, display_format: str) -> DateTimeField:
    """``display_format`` decides the parts: "d MMMM yyyy" is a date only."""
    field = named(DateTimeField(), name, accessible)
    field.setCalendarPopup(True)
    field.setDisplayFormat(display_format)
    return field


def table(name: str, accessible: str) -> RowTable:
    view = named(RowTable(), name, accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(44)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def wipe(*fields: QLineEdit) -> None:
    """Empty line edits *and* their undo history: QLineEdit.clear() is undoable, so Ctrl+Z after a lock
    would bring a child's name back. setText("") starts the history afresh."""
    for field in fields:
        field.setText("")


def form_layout() -> QFormLayout:
    """Labels on the left, vertically centred on fields that fill the width."""
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    layout.setHorizontalSpacing(16)
    return layout


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (kind, role) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
