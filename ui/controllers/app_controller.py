"""The whole app's life: first run or unlock, the workspace, and locking (on demand and when idle).

Only what the first screens need is loaded before the window appears. The workspace (ui/controllers/
workspace.py: caseload, child, visit, the windows opened from it, sync) is built while the first unlock's key
derivation runs on the store thread, or the first time anything asks for one of its parts. Qt classes the
unlock window does not use (QEvent, QDialog) are looked up where used, as in ui/views/widgets.py.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.controllers.store_access import StoreAccess
from ui.controllers.unlock_controller import UnlockController
from ui.idle import IdleWatcher
from ui.store_worker import SessionInfo
from ui.views.screens import Screens
from visitapp.paths import VaultPaths

if TYPE_CHECKING:
    from ui.controllers.first_run_controller import FirstRunController
    from ui.controllers.navigator import Place
    from ui.controllers.workspace import Workspace
    from ui.lock_keys import LockKeys
    from visitapp.store.keys import KdfParams
    from visitapp.sync.status import Unsynced

# The workspace's parts, reachable as the app's own attributes (app.caseload, app.navigator, app.sync ...).
WORKSPACE_PARTS = frozenset(
    "caseload child visit companions navigator sync sync_dialogs visit_sync revoked settings".split()
)


class AppController(QObject):
    def __init__(self, paths: VaultPaths, kdf_params: KdfParams | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.store = StoreAccess(self)
        self.idle = IdleWatcher(self)
        self.screens = Screens()
        self.window = self.screens.window
        self.unlock = UnlockController(paths, self.store, self.screens.unlock, self._opened, self)
        self._kdf_params = kdf_params
        self._workspace: Workspace | None = None
        self.saved_place: Place | None = None
        self.unlocked = False
        self._minutes = 5
        # The first job is an unlock or a first run: build the workspace while the store derives the key.
        self.store.first_job.connect(lambda: QTimer.singleShot(0, self.workspace))
        self.idle.idle.connect(self._idle_lock)
        self.window.closing.connect(self.shutdown)
        self._lock_keys: LockKeys | None = None  # Ctrl+L, from the first unlock on

    @cached_property
    def first_run(self) -> FirstRunController:
        """Made only on a laptop with no vault yet (or after one was withdrawn)."""
        from ui.controllers.first_run_controller import FirstRunController

        return FirstRunController(
            self.paths, self.store, self.screens.first_run, self._opened, self._kdf_params, self
        )

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from ui.controllers.workspace import Workspace

            views = self.screens.behind_unlock()
            self._workspace = Workspace(
                self.paths, self.store, views, self.window, self._set_minutes, self._reopen_visit, self
            )
            views.workspace.lock_requested.connect(self.lock_now)
            self._workspace.sync.revoked.connect(self._revoked)
        return self._workspace

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not set in __init__: the workspace's parts, built on first use.
        if name in WORKSPACE_PARTS:
            return getattr(self.workspace(), name)
        raise AttributeError(name)

    def start(self) -> None:
        if self.paths.exists():
            self.window.show_page(self.screens.unlock)
            self.unlock.show()
        else:
            self.window.show_page(self.screens.first_run)
            self.first_run.show()

    def _opened(self, info: SessionInfo) -> None:
        from ui.controllers.navigator import Place

        self.workspace()
        self.unlocked = True
        self.screens.workspace.show_worker(info.worker.full_name, info.worker.job_title)
        self.settings.minutes = info.auto_lock_minutes
        self._set_minutes(info.auto_lock_minutes)
        self.window.show_page(self.screens.workspace)
        place, self.saved_place = self.saved_place or Place(), None
        self.navigator.go(place)
        self._lock_keys_on(True)
        self.sync.start()

    def _set_minutes(self, minutes: int) -> None:
        self._minutes = minutes
        self.idle.start(minutes * 60_000)  # tests shorten it with idle.set_timeout_ms()

    def lock_now(self) -> None:
        # Deferred one turn of the event loop: Ctrl+L may arrive while a dialog that locking closes is
        # still delivering the key press.
        if self.unlocked:
            QTimer.singleShot(0, lambda: self.lock(self.tr("You locked VisitApp. Your work was saved.")))

    def _idle_lock(self) -> None:
        if self._minutes == 1:
            self.lock(self.tr("VisitApp locked itself after 1 minute without use. Your work was saved."))
        else:
            text = self.tr("VisitApp locked itself after {0} minutes without use. Your work was saved.")
            self.lock(text.format(self._minutes))

    def lock(self, reason: str = "") -> None:
        """Save, close dialogs, empty every view, lock the vault on its thread, show the unlock screen."""
        if not self.unlocked:
            return
        self.unlocked = False
        self.saved_place = self.navigator.where_now()
        self.companions.close_all()  # a drawing or letter in progress is saved while the store still runs
        self.visit.flush()  # queued before the stop, so it is written before the vault locks
        self._close_windows()
        self.navigator.clear_all()
        # Rows the views just dropped are deleted later; now, so no name waits in a hidden widget.
        QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
        self.screens.workspace.show_worker("", "")
        self.screens.workspace.show_notice("")
        self.idle.stop()
        self._lock_keys_on(False)
        self.window.show_page(self.screens.unlock)
        self.screens.unlock.set_busy(True)  # until the vault is locked
        # A sync run is cancelled first; the store locks the vault once the run gave its connection back.
        self.sync.stop(lambda: self._locked(reason))

    def _locked(self, reason: str) -> None:
        self.store.stop()
        self.unlock.show(reason)

    def _revoked(self, unsynced: Unsynced) -> None:
        """The organisation withdrew this laptop: lock, then destroy the key and the records, and say so."""
        self.lock(self.tr("Your organisation has withdrawn this laptop from VisitApp."))
        self.revoked.run(unsynced, self.window, self.start)

    def _reopen_visit(self) -> None:
        if self.unlocked and self.visit.visit_id is not None:
            self.visit.open(str(self.visit.visit_id), lambda: None, self.visit.current_step())

    def shutdown(self) -> None:
        """Closing the window or quitting: save what is typed and lock, like a lock with no way back."""
        if self.unlocked:
            self.unlocked = False
            self.companions.close_all()
            self.visit.flush()
        self.idle.stop()
        if self._workspace is not None:
            self._workspace.sync.shutdown()
        self.store.stop()
        self._lock_keys_on(False)

    def _lock_keys_on(self, on: bool) -> None:
        if on and self._lock_keys is None:
            from ui.lock_keys import LockKeys

            self._lock_keys = LockKeys(self.window)
            self._lock_keys.pressed.connect(self.lock_now)
        if self._lock_keys is not None and on:
            self._lock_keys.install()
        elif self._lock_keys is not None:
            self._lock_keys.remove()

    def _close_windows(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QtWidgets.QDialog) and widget.isVisible():
                widget.reject()
        # Dialogs delete themselves later; do it now so no name or note survives in a hidden widget.
        QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
