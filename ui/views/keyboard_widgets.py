"""Two Qt widgets changed so the keyboard works as a form expects. Apart from widgets.py so that the unlock
window, which needs neither, does not make PySide6 build these classes and their enums."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QTableView, QWidget


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
