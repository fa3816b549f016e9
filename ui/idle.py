"""Notices when nobody has touched the keyboard, mouse or screen for a while, anywhere in the app."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


@cache
def _input_events() -> frozenset[QEvent.Type]:
    """Made at the first unlock, not on import: PySide6 builds QEvent's ~180 event types the first time
    the class is looked up, and the unlock window has no use for them."""
    kind = QtCore.QEvent.Type
    return frozenset({
        kind.KeyPress, kind.KeyRelease, kind.MouseButtonPress, kind.MouseButtonRelease, kind.MouseMove,
        kind.Wheel, kind.TouchBegin, kind.TouchUpdate, kind.TabletPress, kind.TabletMove, kind.InputMethod,
    })  # fmt: skip


class IdleWatcher(QObject):
    """An event filter on the QApplication: every input event restarts one single-shot timer."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._installed = False
        self._watched: frozenset[QEvent.Type] = frozenset()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        self._watched = _input_events()
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
        if event.type() in self._watched:
            self._timer.start()
        return False
