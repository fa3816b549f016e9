"""One background thread that owns the vault: every read and write of case data runs here, in order.

Modelled on Anki's task manager: the UI thread hands over a job (a function of ``StoreContext``) and gets
the result back by signal, so it never waits on disk or on the key derivation. Unlocking also runs here, so
every connection is opened, used and closed on this one thread (SQLCipher connections refuse other threads,
and ``OpenVault.lock()`` can only close the ones its own thread made).
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:
    from visitapp.casework import Casework
    from visitapp.domain.models import Worker
    from visitapp.vault import OpenVault
    from visitapp.visit_flow import VisitFlow

log = logging.getLogger(__name__)

Job = Callable[["StoreContext"], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[Exception], None]


@dataclass(frozen=True)
class SessionInfo:
    worker: Worker
    auto_lock_minutes: int


class StoreContext:
    """What a job may use. Lives only on the store thread."""

    def __init__(self) -> None:
        self.vault: OpenVault | None = None
        self._casework: Casework | None = None
        self._flow: VisitFlow | None = None

    @property
    def casework(self) -> Casework:
        if self._casework is None:
            from visitapp.vault import VaultError

            raise VaultError("VisitApp is locked.")
        return self._casework

    @property
    def flow(self) -> VisitFlow:
        """The guided visit over the same connection (its rule and tool tables are read once per unlock)."""
        if self._flow is None:
            from visitapp.visit_flow import VisitFlow  # here, not at start-up: it loads the holiday tables

            casework = self.casework
            self._flow = VisitFlow(casework.conn, casework.worker_id)
        return self._flow

    def adopt(self, vault: OpenVault) -> SessionInfo:
        from visitapp.casework import Casework  # on the store thread, not before the first window

        self.vault = vault
        self._casework = Casework(vault.connect(), vault.worker_id)
        self._flow = None
        return SessionInfo(vault.worker, self._casework.auto_lock_minutes())

    def close(self) -> None:
        if self.vault is not None:
            self.vault.lock()  # checkpoint, close every connection, wipe the key
        self.vault = None
        self._casework = None
        self._flow = None


class _StoreThread(QThread):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.jobs: queue.SimpleQueue[tuple[int, Job] | None] = queue.SimpleQueue()

    def run(self) -> None:
        context = StoreContext()
        try:
            while (item := self.jobs.get()) is not None:
                job_id, job = item
                try:
                    result = job(context)
                except Exception as exc:  # reported to the UI; the thread must keep serving
                    log.warning(
                        "store job failed: %s", type(exc).__name__
                    )  # never the message: may hold content
                    self.failed.emit(job_id, exc)
                else:
                    self.done.emit(job_id, result)
        finally:
            context.close()


class StoreClient(QObject):
    """The UI thread's handle on the store thread. ``stop()`` finishes queued jobs, then locks the vault."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[OnDone | None, OnError | None]] = {}
        self._next_id = 0
        self._thread = _StoreThread()
        self._thread.done.connect(self._on_done)
        self._thread.failed.connect(self._on_failed)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def run(self, job: Job, on_done: OnDone | None = None, on_error: OnError | None = None) -> None:
        self._next_id += 1
        self._callbacks[self._next_id] = (on_done, on_error)
        self._thread.jobs.put((self._next_id, job))

    def pending(self) -> int:
        return len(self._callbacks)

    def stop(self) -> None:
        """Run what is queued (the last autosave among it), lock the vault, end the thread. Answers that
        arrive after this are dropped: the screens they were for have been cleared."""
        self._thread.jobs.put(None)
        self._thread.wait()
        self._callbacks.clear()

    def _on_done(self, job_id: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None and not _for_nobody(on_done):
            on_done(result)

    def _on_failed(self, job_id: int, exc: Exception) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        if on_error is not None and not _for_nobody(on_error):
            on_error(exc)


def _for_nobody(callback: Callable[..., None]) -> bool:
    """A method of a widget that was deleted while its job ran (its window closed): drop the answer."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)
