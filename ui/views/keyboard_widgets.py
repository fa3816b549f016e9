"""A Qt widget changed so the keyboard works as a form expects. Apart from widgets.py so that the unlock
window, which does not need it, does not make PySide6 build the class and its enums."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget


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
