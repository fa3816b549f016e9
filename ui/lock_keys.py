"""Ctrl+L, "lock now", wherever the worker is: an application-wide shortcut on the main window, and an event
filter for modal dialogs (Qt shadows the window's shortcuts while one is open, yet locking must work there).

Made at the first unlock and active only while the vault is open: there is nothing to lock before, an
application-wide filter written in Python sees every event of every widget (a cost best not paid on the
unlock screen), and this module's use of the Qt namespace would slow the first window (see widgets.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget


class LockKeys(QObject):
    pressed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._shortcut = QShortcut(QKeySequence(self.tr("Ctrl+L")), window)
        self._shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self._shortcut.activated.connect(self.pressed)
        self._shortcut.setEnabled(False)
        self._installed = False

    def install(self) -> None:
        self._shortcut.setEnabled(True)
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        self._shortcut.setEnabled(False)
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or QApplication.activeModalWidget() is None:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() == Qt.Key.Key_L and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.pressed.emit()
            return True
        return False
