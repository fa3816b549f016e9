"""Ctrl+L from inside a dialog. The main window's application-wide shortcut is shadowed while a modal
dialog is open (Qt's rule), yet "lock now" must work wherever the worker is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


class LockKeyInDialogs(QObject):
    pressed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or QApplication.activeModalWidget() is None:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() == Qt.Key.Key_L and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.pressed.emit()
            return True
        return False

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)
