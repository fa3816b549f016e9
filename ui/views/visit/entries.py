"""A column of short written entries, each under a heading chosen from a few: used by What I saw (areas)
and by the Signs of Safety map (categories). Type, pick the heading, press Add (or Ctrl+Enter)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from ui.views.visit.page import edits, entry_form
from ui.views.visit.sharing import SharingToggle
from ui.views.visit.words import current_id, fill_list
from ui.views.widgets import button, entry_list, label, named, needs_choice, raw_text, row, text_box

_WRAP = Qt.AlignmentFlag(
    Qt.AlignmentFlag.AlignLeft.value | Qt.AlignmentFlag.AlignVCenter.value | Qt.TextFlag.TextWordWrap.value
)


class WrappingCombo(QComboBox):
    """A choice of heading whose words wrap onto a second line in a narrow column: a column is a third of the
    page, too narrow for "Harm: what has already hurt the child" on one line, and a cut-off heading reads as
    another one. The list that opens shows every heading in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)  # the words wrap: the box may be as narrow as its column
        # A combo box is fixed at one line's height; this one may be given more, as its words need
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.currentIndexChanged.connect(self.updateGeometry)  # another heading may take more lines

    def _option(self, width: int) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, super().sizeHint().height())
        return option

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        option = self._option(width)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        words = self.fontMetrics().boundingRect(
            QRect(0, 0, field.width(), 10_000), _WRAP.value, self.currentText()
        )
        frame = option.rect.height() - field.height()
        return max(option.rect.height(), words.height() + frame + 8)  # 8: a little air around two lines

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = self._option(self.width())
        option.rect = self.rect()
        option.textAlignment = _WRAP  # the style passes the alignment on as the text's flags
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class EntryColumn(QWidget):
    add = Signal(str, str)  # category value, text
    remove = Signal(str)  # entry id

    def __init__(self, name: str, title: str, categories: list[tuple[str, str]], part: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.title = label(title, kind="subheading")
        self.list = entry_list(f"{name}List", self.tr("{0}: written so far").format(title))
        self.category = named(WrappingCombo(), f"{name}Category", self.tr("{0}: which part").format(title))
        for value, text in categories:
            self.category.addItem(text, value)
        self.category.setVisible(len(categories) > 1)
        self.text = text_box(f"{name}Text", self.tr("{0}: new entry").format(title), 84)
        self.text.setPlaceholderText(self.tr("Write here, then press Add (Ctrl+Enter)"))
        self.add_button = edits(button(self.tr("Add"), f"{name}Add", self.tr("Add to {0}").format(title)))
        self.remove_button = edits(
            button(self.tr("Remove"), f"{name}Remove", self.tr("Remove from {0}").format(title))
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addWidget(self.list, 1)
        self.sharing = SharingToggle(part, self.list, f"{name}NotShared", title) if part else None
        if self.sharing is not None:
            box.addLayout(row(self.sharing.button))
        box.addWidget(entry_form(self.category, self.text, row(self.add_button, self.remove_button)))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the main Enter key and the keypad's, as in the dialogs
            quick = QShortcut(QKeySequence(keys), self.text, context=Qt.ShortcutContext.WidgetShortcut)
            quick.activated.connect(self._add)
        needs_choice(self.list, self.remove_button)

    def _add(self) -> None:
        self.add.emit(self.category.currentData(), raw_text(self.text))

    def _remove(self) -> None:
        entry_id = current_id(self.list)
        if entry_id:
            self.remove.emit(entry_id)

    def added(self) -> None:
        """The entry is saved: empty the box for the next one."""
        self.text.clear()

    def show_entries(self, entries: list[tuple[str, str]], hidden: set[str] | None = None) -> None:
        fill_list(self.list, entries)
        if self.sharing is not None:
            self.sharing.mark(hidden or set())
