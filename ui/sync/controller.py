"""When sync runs, and what the indicator shows.

Runs: on unlock, on becoming online, every few minutes while online, on demand, and after a visit is
completed or signed off; never while locked; one at a time (a request during a run makes one more run
after it). A run is a ``BackgroundThread`` with its own connection lent by the vault, never a store job.
Locking cancels a running sync and lets the store lock the vault only once the run has given its
connection back (``stop(then)``); the UI thread waits at most a few tens of milliseconds for that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ui.controllers.store_access import StoreAccess
from ui.store_worker import StoreContext
from ui.sync.indicator import SyncIndicator
from ui.sync.network import NetworkWatch
from ui.sync.thread import BackgroundThread, Work
from visitapp.sync import session, status
from visitapp.sync.client import RetryPolicy
from visitapp.sync.engine import SyncProgress
from visitapp.sync.session import RunResult
from visitapp.vault import OpenVault

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 5 * 60_000
REFRESH_EVERY_MS = 30_000  # the "N waiting" count follows the worker's saves
LOCK_WAIT_MS = 40  # the most the UI thread waits for a cancelled run before locking goes on without it


def _overview(context: StoreContext) -> status.SyncOverview:
    return status.overview(context.casework.conn)


class SyncController(QObject):
    revoked = Signal(object)  # status.Unsynced: what never reached the server
    overview_changed = Signal()
    progressed = Signal(object)  # SyncProgress
    run_finished = Signal(object)  # RunResult, or the exception that stopped the run

    def __init__(self, store: StoreAccess, indicator: SyncIndicator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.indicator = store, indicator
        self.policy: RetryPolicy | None = None  # None: the client's own (patient) retries; tests go faster
        self.vault: OpenVault | None = None
        self.overview: status.SyncOverview | None = None
        self.last_error = ""
        self.runs = 0  # finished runs, for tests and the panel
        self._thread: BackgroundThread | None = None
        self._on_result: Callable[[object], None] | None = None
        self._again = False
        self._allow_deletions = 0  # deletions the worker agreed to, for the next run only
        self._after_stop: list[Callable[[], None]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_EVERY_MS)
        self.timer.timeout.connect(self._timed)
        self.refresher = QTimer(self)
        self.refresher.setInterval(REFRESH_EVERY_MS)
        self.refresher.timeout.connect(self.refresh)
        self.network = NetworkWatch(self)
        self.network.came_online.connect(self.sync_now)
        self.network.changed.connect(self._show)

    # Life ---------------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.vault is not None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """After unlock: borrow the vault's handle from the store thread, show where things stand, sync."""
        self.store.run(lambda context: context.vault, self._adopt)

    def _adopt(self, vault: object) -> None:
        if not isinstance(vault, OpenVault) or vault.is_locked:
            return
        self.vault = vault
        self.timer.start()
        self.refresher.start()
        self.refresh()
        if self.network.online is not False:
            self.sync_now()

    def stop(self, then: Callable[[], None]) -> None:
        """Locking: no more runs; cancel the one going; ``then`` (which locks the vault) once it is over."""
        self.vault = None
        self.timer.stop()
        self.refresher.stop()
        self._again = False
        self._allow_deletions = 0
        self.overview = None
        self.indicator.show_overview(None, "not_set_up")
        thread = self._thread
        if thread is None:
            then()
            return
        thread.cancel()
        if thread.wait(LOCK_WAIT_MS):
            self._finished(thread)
            then()
            return
        self._after_stop.append(then)  # the run ends on its own soon (its sockets are cut)

    def shutdown(self) -> None:
        """Closing the app: cancel and wait (the window is going; nothing to keep responsive)."""
        self.vault = None
        self.timer.stop()
        self.refresher.stop()
        thread = self._thread
        if thread is not None:
            thread.cancel()
            thread.wait(15_000)
            self._finished(thread)

    # Runs ---------------------------------------------------------------------------------------------

    def sync_now(self, allow_deletions: int = 0) -> bool:
        """Start a run in the background; False while locked. During a run: one more run after it.
        ``allow_deletions``: the worker confirmed that a pull may remove up to that many records (one run)."""
        vault = self.vault
        if vault is None:
            return False
        self._allow_deletions = max(self._allow_deletions, allow_deletions)
        if self._thread is not None:
            self._again = True
            return True
        policy, allow, self._allow_deletions = self.policy, self._allow_deletions, 0
        self.indicator.show_syncing()
        self.run_network(
            lambda token, moved: session.run_sync(vault, token, moved, policy, allow_deletions=allow),
            self._ran,
        )
        return True

    def run_network(self, work: Work, on_result: Callable[[object], None]) -> bool:
        """Run ``work`` on its own thread (an enrolment uses this too); False if one is running already."""
        if self._thread is not None or self.vault is None:
            return False
        thread = BackgroundThread(work)
        thread.progressed.connect(self._progress)
        thread.finished.connect(lambda: self._finished(thread))
        self._thread, self._on_result = thread, on_result
        thread.start()
        return True

    def _timed(self) -> None:
        if self.network.online is not False:
            self.sync_now()

    def _progress(self, step: object) -> None:
        if isinstance(step, SyncProgress) and self._thread is not None:
            self.indicator.show_syncing(step)
            self.progressed.emit(step)

    def _finished(self, thread: BackgroundThread) -> None:
        if thread is not self._thread:
            return  # already handled (a lock waited for it)
        thread.wait()
        self._thread, on_result = None, self._on_result
        self._on_result = None
        thread.deleteLater()
        if self._after_stop:
            waiting, self._after_stop = self._after_stop, []
            for then in waiting:
                then()
            return
        if self.vault is None:
            return
        if on_result is not None:
            on_result(thread.result)
        if self._again and self.vault is not None:
            self._again = False
            self.sync_now()

    def _ran(self, result: object) -> None:
        self.runs += 1
        if isinstance(result, RunResult) and not result.cancelled:
            report = result.report
            if report is not None and report.outcome == "revoked":
                self.vault = None
                self.timer.stop()
                self.refresher.stop()
                self.revoked.emit(result.unsynced or status.Unsynced())
                return
            self.last_error = ""
            if result.overview is not None:
                self.overview = result.overview
        elif isinstance(result, Exception):
            self.last_error = self.tr(
                "Sync stopped with a problem on this laptop. Your work is safe; it will try again later."
            )
        self._show()
        self.run_finished.emit(result)
        self.overview_changed.emit()

    # What the indicator shows ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview (a quick store job) and show it."""
        if self.vault is not None:
            self.store.run(_overview, self._got_overview, lambda _exc: None)

    def _got_overview(self, overview: object) -> None:
        if isinstance(overview, status.SyncOverview) and self.vault is not None:
            self.overview = overview
            self._show()
            self.overview_changed.emit()

    def state(self) -> str:
        if self._thread is not None:
            return "syncing"
        o = self.overview
        if o is None:
            return "not_set_up"
        if self.network.online is False and o.state in ("waiting", "all_synced"):
            return "offline"
        return o.state

    def _show(self) -> None:
        if self.vault is None:
            return
        if self._thread is not None:
            self.indicator.show_syncing()
        else:
            self.indicator.show_overview(self.overview, self.state())
