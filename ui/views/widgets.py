"""Small builders so every interactive widget gets its objectName and accessibleName in one line.

Qt's classes are looked up where they are used (``QtWidgets.QComboBox``, ``QtCore.Qt``), not imported by
name: PySide6 builds a class, with all of its enums, the first time it is looked up, and the Qt namespace
alone costs ~40 ms. The unlock window uses these builders but needs only a label, a line edit and a button,
so it pays for nothing else (tests/ui/test_startup_imports.py checks the Qt namespace).
The table that opens a row with Enter is in keyboard_widgets.py for the same reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtCore, QtWidgets
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QFormLayout,
        QHBoxLayout,
        QListWidget,
        QPlainTextEdit,
        QRadioButton,
        QSpinBox,
    )

    from ui.views.keyboard_widgets import RowTable

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


def unkerned(widget: W) -> W:
    """For a short text with a shortcut letter (&) and no room to spare: a field's label, a tick box, a
    choice. Qt measures such a text with its letter pairs kerned but draws the underlined letter on its own,
    a pixel or three wider, and cuts off what does not fit ("&Type" lost its "e"). Unkerned, the measure and
    the drawing agree."""
    font = widget.font()
    font.setKerning(False)
    widget.setFont(font)
    return widget


def check_box(text: str, name: str) -> QCheckBox:
    return unkerned(named(QtWidgets.QCheckBox(text), name, text.replace("&", "")))


def label(text: str = "", kind: str = "", buddy: QWidget | None = None) -> QLabel:
    """``kind`` picks a style in visitapp.qss (heading, subheading, hint, error, notice)."""
    widget = QLabel(text)
    widget.setWordWrap(buddy is None)  # a field's own label stays on one line beside it
    if kind:
        widget.setProperty("kind", kind)
    if buddy is not None:
        unkerned(widget)
        widget.setBuddy(buddy)  # Alt + the underlined letter jumps to the field
        widget.setMinimumHeight(44)  # as tall as the field; QLabel's own alignment centres it vertically
    return widget


def table(name: str, accessible: str, view: RowTable | None = None) -> RowTable:
    from ui.views.keyboard_widgets import RowTable

    view = named(view if view is not None else RowTable(), name, accessible)
    rows = QtWidgets.QAbstractItemView
    view.setSelectionBehavior(rows.SelectionBehavior.SelectRows)
    view.setSelectionMode(rows.SelectionMode.SingleSelection)
    view.setEditTriggers(rows.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(44)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(
        QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
    )
    view.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def wipe(*fields: QLineEdit) -> None:
    """Empty line edits *and* their undo history: QLineEdit.clear() is undoable, so Ctrl+Z after a lock
    would bring a child's name back. setText("") starts the history afresh."""
    for field in fields:
        field.setText("")


def form_layout() -> QFormLayout:
    """Labels on the left, vertically centred on fields that fill the width."""
    layout = QtWidgets.QFormLayout()
    layout.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
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
    box = named(QtWidgets.QPlainTextEdit(), name, accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def raw_text(box: QPlainTextEdit) -> str:
    """Exactly what was typed: ``toPlainText`` turns no-break spaces into plain ones, which would change a
    child's words. Paragraph and line separators become ordinary new lines."""
    return box.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def radio(text: str, name: str) -> QRadioButton:
    return unkerned(named(QtWidgets.QRadioButton(text), name, text.replace("&", "")))


def combo(name: str, accessible: str, items: list[tuple[str, object]] | None = None) -> QComboBox:
    widget = named(QtWidgets.QComboBox(), name, accessible)
    widget.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    widget.setMinimumContentsLength(12)  # long choices are shown in full in the open list, not squeezed
    for text, data in items or []:
        widget.addItem(text, data)
    return widget


def spin(name: str, accessible: str, low: int, high: int) -> QSpinBox:
    widget = named(QtWidgets.QSpinBox(), name, accessible)
    widget.setRange(low, high)
    widget.lineEdit().setTextMargins(8, 0, 0, 0)  # the stylesheet's padding never reaches the number
    return widget


def entry_list(name: str, accessible: str) -> QListWidget:
    """A list of things recorded at this visit; each item wraps, so long words are read in full."""
    widget = named(QtWidgets.QListWidget(), name, accessible)
    widget.setWordWrap(True)
    widget.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
    widget.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setResizeMode(QtWidgets.QListWidget.ResizeMode.Adjust)  # re-wrap the words when the width changes
    widget.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
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
    layout = QtWidgets.QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return layout
