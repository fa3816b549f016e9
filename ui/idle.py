"""Notices when nobody has touched the keyboard, mouse or screen for a while, anywhere in the app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """An event filter on the QApplication: every input event restarts one single-shot timer."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
        self._timer.start()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """Change the idle time; also the test hook for a short auto-lock."""
        self._timer.setInterval(timeout_ms)
        if self._installed:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT_EVENTS:
            self._timer.start()
        return False
