"""Save soon after the worker pauses, and never more than ``max_ms`` after their first unsaved change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debouncer(QObject):
    """``poke()`` on every change; ``action`` runs after ``quiet_ms`` without changes, or at ``max_ms``
    after the first unsaved change even if the worker never stops typing (the at-most-2-seconds promise)."""

    def __init__(
        self,
        action: Callable[[], None],
        quiet_ms: int = 600,
        max_ms: int = 1500,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self.dirty = False
        self._quiet = self._timer(quiet_ms)
        self._max = self._timer(max_ms)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.flush)
        return timer

    def poke(self) -> None:
        self.dirty = True
        self._quiet.start()
        if not self._max.isActive():
            self._max.start()

    def flush(self) -> None:
        self._quiet.stop()
        self._max.stop()
        if self.dirty:
            self.dirty = False
            self._action()

    def cancel(self) -> None:
        self._quiet.stop()
        self._max.stop()
        self.dirty = False
