"""The unlock screen: send the passphrase to the store thread, count down after too many wrong tries."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui import jobs
from ui.controllers.store_access import StoreAccess, plain_message
from ui.store_worker import SessionInfo
from ui.views.unlock_view import UnlockView
from visitapp.paths import VaultPaths
from visitapp.unlock_attempts import seconds_until_next_try


class UnlockController(QObject):
    def __init__(
        self,
        paths: VaultPaths,
        store: StoreAccess,
        view: UnlockView,
        on_open: Callable[[SessionInfo], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths, self.store, self.view, self.on_open = paths, store, view, on_open
        self._deadline = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._count_down)
        view.submitted.connect(self.unlock)
        view.passphrase.textEdited.connect(store.warm_up)

    def show(self, reason: str = "") -> None:
        self.view.reset()
        self.view.show_reason(reason)
        self.store.start()
        # The delay survives restarts (it is kept beside the vault), so start the countdown if one is due.
        self._wait(seconds_until_next_try(self.paths))
        self.view.passphrase.setFocus()

    def unlock(self, passphrase: str) -> None:
        if not passphrase:
            self.view.show_message(self.tr("Please type your passphrase."))
            return
        self.view.set_busy(True)
        self.view.show_message("")
        self.store.start()
        self.store.run(jobs.unlock(self.paths, passphrase), self._opened, self._refused)

    def _opened(self, info: SessionInfo) -> None:
        self._tick.stop()
        self.view.reset()
        self.on_open(info)

    def _refused(self, exc: Exception) -> None:
        self.view.set_busy(False)
        self.view.show_message(plain_message(exc))
        self.view.passphrase.selectAll()
        self.view.passphrase.setFocus()
        self._wait(getattr(exc, "wait", 0.0))

    def _wait(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._count_down()
        if seconds > 0:
            self._tick.start()

    def _count_down(self) -> None:
        left = math.ceil(self._deadline - time.monotonic())
        self.view.show_wait(max(left, 0))
        if left <= 0:
            self._tick.stop()
