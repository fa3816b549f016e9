"""Settings: the auto-lock time, changing the passphrase (a KDF run, so on the store thread), and the way
to set up sync."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui import jobs
from ui.controllers.store_access import StoreAccess, plain_message
from ui.views.settings_dialog import SettingsDialog


class SettingsController(QObject):
    def __init__(
        self,
        store: StoreAccess,
        on_minutes: Callable[[int], None],
        parent: QObject | None = None,
        on_set_up_sync: Callable[[QWidget], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.on_set_up_sync = on_set_up_sync  # opens "Set up sync" over the settings dialog
        self.on_minutes = on_minutes  # tells the idle watcher
        self.minutes = 5
        self.dialog: SettingsDialog | None = None

    def open(self, parent: QWidget) -> SettingsDialog:
        dialog = SettingsDialog(self.minutes, parent, with_sync=self.on_set_up_sync is not None)
        if self.on_set_up_sync is not None:
            set_up = self.on_set_up_sync
            dialog.set_up_sync.connect(lambda: set_up(dialog))
        dialog.save_auto_lock.connect(self._save_minutes)
        dialog.change_passphrase.connect(self._change_passphrase)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save_minutes(self, minutes: int) -> None:
        def saved(_: object) -> None:
            self.minutes = minutes
            self.on_minutes(minutes)
            if self.dialog is not None:
                text = self.tr("Saved. VisitApp will lock after {0} minutes without use.").format(minutes)
                if minutes == 1:
                    text = self.tr("Saved. VisitApp will lock after 1 minute without use.")
                self.dialog.show_lock_message(text)

        def failed(exc: Exception) -> None:
            if self.dialog is not None:
                self.dialog.show_lock_message(plain_message(exc))

        self.store.run(lambda context: context.casework.set_auto_lock_minutes(minutes), saved, failed)

    def _change_passphrase(self, current: str, new: str, confirm: str) -> None:
        if self.dialog is None:
            return
        self.dialog.set_changing(True)

        def changed(_: object) -> None:
            if self.dialog is not None:
                self.dialog.show_passphrase_message(self.tr("Your passphrase has been changed."), done=True)

        def failed(exc: Exception) -> None:
            if self.dialog is not None:
                self.dialog.show_passphrase_message(plain_message(exc), done=False)

        self.store.run(jobs.change_passphrase(current, new, confirm), changed, failed)
