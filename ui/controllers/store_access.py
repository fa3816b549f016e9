"""The controllers' way to the store thread, which exists only while the vault is open (or opening)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ui.jobs import UnlockRefused, warm_up
from ui.store_worker import Job, OnDone, OnError, StoreClient


def plain_message(exc: Exception) -> str:
    """Our own errors carry worker-readable messages; anything else gets a calm general one, never a trace."""
    # Loaded by the store thread by the time anything fails (and kept out of the first window's imports).
    from visitapp.casework import CaseworkError
    from visitapp.store.keys import KeyFileDamaged
    from visitapp.vault import VaultError
    from visitapp.visit_flow import FlowError

    if isinstance(exc, CaseworkError | FlowError | VaultError | UnlockRefused | KeyFileDamaged):
        return str(exc)
    return QCoreApplication.translate(
        "Errors", "VisitApp could not finish that. Please try again. If it keeps happening, tell IT support."
    )


class StoreAccess(QObject):
    failed = Signal(str)  # a plain message for anything that had no error handler of its own
    first_job = Signal()  # the first job since the thread started: the worker is unlocking or setting up

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client: StoreClient | None = None
        self._idle_since_start = False
        self._warmed = False

    @property
    def running(self) -> bool:
        return self._client is not None

    def start(self) -> None:
        if self._client is None:
            self._client = StoreClient(self)
            self._idle_since_start = True

    def stop(self) -> None:
        """Finish queued work, lock the vault, end the thread. Later answers are dropped."""
        client, self._client = self._client, None
        if client is not None:
            client.stop()
            client.setParent(None)

    def run(self, job: Job, on_done: OnDone | None = None, on_error: OnError | None = None) -> bool:
        """Queue ``job``; False (and nothing happens) while locked."""
        if self._client is None:
            return False
        self._client.run(job, on_done, on_error or self._report)
        if self._idle_since_start:
            self._idle_since_start = False
            self.first_job.emit()
        return True

    def warm_up(self) -> None:
        """Load the store thread's modules while the worker types (once a run): unlocking then waits only for
        the key derivation. Not a first job: the workspace is built when the worker submits."""
        if self._client is not None and not self._warmed:
            self._warmed = True
            self._client.run(warm_up)

    def _report(self, exc: Exception) -> None:
        self.failed.emit(plain_message(exc))
