"""Small builders so every interactive widget gets its objectName and accessibleName in one line.

``QtCore.Qt`` is looked up where it is used, not imported by name: the first look-up makes PySide6 build
every enum of the Qt namespace (~40 ms), and the unlock window, which uses these builders, needs none of
them (tests/ui/test_startup_imports.py checks it)."""

from __future__ import annotations

from typing import TypeVar

from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
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
        widget.setMinimumHeight(44)  # as tall as the field; QLabel's own alignment centres it vertically
    return widget


class RowTable(QTableView):
    """A read-only table whose rows open with Enter as well as double-click (QTableView ignores Enter)."""

    row_activated = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self.row_activated)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if (
            event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and self.currentIndex().isValid()
        ):
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


def table(name: str, accessible: str, view: RowTable | None = None) -> RowTable:
    view = named(view if view is not None else RowTable(), name, accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(44)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(
        QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
    )
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
    layout.setLabelAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter)
    layout.setHorizontalSpacing(16)
    return layout


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (kind, role) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def text_box(name: str, accessible: str, height: int = 96) -> QPlainTextEdit:
    """A few lines of prose. Tab moves on (these are form fields, not documents)."""
    box = named(QPlainTextEdit(), name, accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def raw_text(box: QPlainTextEdit) -> str:
    """Exactly what was typed: ``toPlainText`` turns no-break spaces into plain ones, which would change a
    child's words. Paragraph and line separators become ordinary new lines."""
    return box.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def radio(text: str, name: str) -> QRadioButton:
    return named(QRadioButton(text), name, text.replace("&", ""))


def combo(name: str, accessible: str, items: list[tuple[str, object]] | None = None) -> QComboBox:
    widget = named(QComboBox(), name, accessible)
    widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    widget.setMinimumContentsLength(12)  # long choices are shown in full in the open list, not squeezed
    for text, data in items or []:
        widget.addItem(text, data)
    return widget


def spin(name: str, accessible: str, low: int, high: int) -> QSpinBox:
    widget = named(QSpinBox(), name, accessible)
    widget.setRange(low, high)
    return widget


def entry_list(name: str, accessible: str) -> QListWidget:
    """A list of things recorded at this visit; each item wraps, so long words are read in full."""
    widget = named(QListWidget(), name, accessible)
    widget.setWordWrap(True)
    widget.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
    widget.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap the words when the width changes
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setMinimumHeight(120)
    return widget


def needs_choice(widget: QListWidget, *buttons: QWidget) -> None:
    """Buttons that act on the chosen item are usable only while an item is chosen."""

    def update() -> None:
        for b in buttons:
            b.setEnabled(bool(widget.selectedItems()))

    widget.itemSelectionChanged.connect(update)
    update()


def row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return layout
