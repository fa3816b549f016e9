"""The whole app's life: first run or unlock, the workspace, and locking (on demand and when idle)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog

from ui.controllers.caseload_controller import CaseloadController
from ui.controllers.child_controller import ChildController
from ui.controllers.companions import CompanionWindows
from ui.controllers.first_run_controller import FirstRunController
from ui.controllers.navigator import Navigator, Place
from ui.controllers.settings_controller import SettingsController
from ui.controllers.store_access import StoreAccess
from ui.controllers.unlock_controller import UnlockController
from ui.controllers.visit_controller import VisitController
from ui.idle import IdleWatcher
from ui.lock_keys import LockKeyInDialogs
from ui.store_worker import SessionInfo
from ui.views.screens import Screens
from visitapp.paths import VaultPaths
from visitapp.store.keys import KdfParams


class AppController(QObject):
    def __init__(self, paths: VaultPaths, kdf_params: KdfParams | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.store = StoreAccess(self)
        self.idle = IdleWatcher(self)
        self.screens = s = Screens()
        self.window = s.window
        self.caseload = CaseloadController(self.store, s.caseload_model, s.caseload, self)
        self.child = ChildController(self.store, s.people_model, s.visits_model, s.child, self)
        self.visit = VisitController(self.store, s.visit, self)
        self.companions = CompanionWindows(self.store, self.window, self._reopen_visit, self)
        self.visit.hooks.open_letter = self.companions.open_letter
        self.visit.hooks.add_picture = self.companions.add_picture
        self.navigator = Navigator(s.workspace.pages, self.caseload, self.child, self.visit, self)
        self.unlock = UnlockController(paths, self.store, s.unlock, self._opened, self)
        self.first_run = FirstRunController(paths, self.store, s.first_run, self._opened, kdf_params, self)
        self.settings = SettingsController(self.store, self._set_minutes, self)
        self.saved_place: Place | None = None
        self.unlocked = False
        self._minutes = 5
        s.workspace.lock_requested.connect(self.lock_now)
        s.workspace.settings_requested.connect(lambda: self.settings.open(self.window))
        self.store.failed.connect(s.workspace.show_notice)
        self.idle.idle.connect(self._idle_lock)
        self.window.closing.connect(self.shutdown)
        shortcut = QShortcut(QKeySequence(self.tr("Ctrl+L")), self.window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.lock_now)
        self.lock_keys = LockKeyInDialogs(self)
        self.lock_keys.pressed.connect(self.lock_now)

    def start(self) -> None:
        if self.paths.exists():
            self.window.show_page(self.screens.unlock)
            self.unlock.show()
        else:
            self.window.show_page(self.screens.first_run)
            self.first_run.show()

    def _opened(self, info: SessionInfo) -> None:
        self.unlocked = True
        self.screens.workspace.show_worker(info.worker.full_name, info.worker.job_title)
        self.settings.minutes = info.auto_lock_minutes
        self._set_minutes(info.auto_lock_minutes)
        self.window.show_page(self.screens.workspace)
        place, self.saved_place = self.saved_place or Place(), None
        self.navigator.go(place)

    def _set_minutes(self, minutes: int) -> None:
        self._minutes = minutes
        self.idle.start(minutes * 60_000)  # tests shorten it with idle.set_timeout_ms()

    def lock_now(self) -> None:
        # Deferred one turn of the event loop: Ctrl+L may arrive while a dialog that locking closes is
        # still delivering the key press.
        if self.unlocked:
            QTimer.singleShot(0, lambda: self.lock(self.tr("You locked VisitApp. Your work was saved.")))

    def _idle_lock(self) -> None:
        text = self.tr("VisitApp locked itself after {0} minutes without use. Your work was saved.")
        self.lock(text.format(self._minutes))

    def lock(self, reason: str = "") -> None:
        """Save, close dialogs, empty every view, lock the vault on its thread, show the unlock screen."""
        if not self.unlocked:
            return
        self.unlocked = False
        self.saved_place = self.navigator.place
        self.companions.close_all()  # a drawing or letter in progress is saved while the store still runs
        self.visit.flush()  # queued before the stop, so it is written before the vault locks
        self._close_windows()
        self.navigator.clear_all()
        self.screens.workspace.show_worker("", "")
        self.screens.workspace.show_notice("")
        self.idle.stop()
        self.store.stop()
        self.window.show_page(self.screens.unlock)
        self.unlock.show(reason)

    def _reopen_visit(self) -> None:
        if self.unlocked and self.visit.visit_id is not None:
            self.visit.open(str(self.visit.visit_id), lambda: None)

    def shutdown(self) -> None:
        """Closing the window or quitting: save what is typed and lock, like a lock with no way back."""
        if self.unlocked:
            self.unlocked = False
            self.companions.close_all()
            self.visit.flush()
        self.idle.stop()
        self.store.stop()
        self.lock_keys.remove()

    def _close_windows(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # Dialogs delete themselves later; do it now so no name or note survives in a hidden widget.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
