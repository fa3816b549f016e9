"""A laptop the organisation has withdrawn: tell the worker what never reached the server, then (once the
vault is locked) destroy the key and the database on a background thread, and say that it is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from ui.sync.style import apply_sync_style
from ui.sync.thread import BackgroundThread
from ui.views.widgets import button, label
from visitapp.paths import VaultPaths
from visitapp.sync.status import Unsynced
from visitapp.sync.wipe import WipeResult, destroy_vault


class RevokedDialog(QDialog):
    def __init__(self, unsynced: Unsynced, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokedDialog")
        self.setWindowTitle(self.tr("This laptop has been withdrawn"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_sync_style(self)
        intro = self.tr(
            "Your organisation has withdrawn this laptop from VisitApp, so the records on it are being "
            "removed. This is done on purpose, for example when a laptop is lost or handed back."
        )
        if unsynced.total:
            left = self.tr("These had not reached the server and cannot be recovered from this laptop:")
        else:
            left = self.tr("Everything you recorded had reached the server, so nothing is lost.")
        self.lines = label("\n".join("• " + line for line in unsynced.lines()) if unsynced.total else "")
        self.lines.setObjectName("revokedUnsynced")
        self.status = label(self.tr("Removing the records from this laptop…"), kind="hint")
        self.status.setObjectName("revokedStatus")
        self.close_button = button(self.tr("&Close"), "revokedClose", self.tr("Close"), primary=True)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(label(self.windowTitle(), kind="heading"))
        box.addWidget(label(intro))
        box.addWidget(label(left, kind="subheading" if unsynced.total else "hint"))
        box.addWidget(self.lines)
        if unsynced.total:
            box.addWidget(
                label(
                    self.tr(
                        "Please tell your manager today, so this work can be written up "
                        "again from your memory and notes."
                    ),
                    kind="hint",
                )
            )
        box.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        box.addLayout(buttons)
        self.setMinimumWidth(620)

    def show_done(self, result: WipeResult) -> None:
        if result.complete:
            self.status.setText(self.tr("The records and the key have been removed from this laptop."))
        else:
            self.status.setText(
                self.tr(
                    "The key has been removed, so the records can no longer be opened. "
                    "Some files could not be cleaned up: please tell IT support."
                )
            )
        self.close_button.setEnabled(True)
        self.close_button.setFocus()


class RevokedFlow(QObject):
    """Started after the vault is locked: wipe in the background, then let the worker close the message."""

    def __init__(self, paths: VaultPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.dialog: RevokedDialog | None = None
        self.result: WipeResult | None = None
        self._thread: BackgroundThread | None = None

    def run(self, unsynced: Unsynced, window: QWidget, after: Callable[[], None]) -> RevokedDialog:
        self.dialog = dialog = RevokedDialog(unsynced, window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "dialog", None))
        dialog.finished.connect(lambda: after())
        dialog.open()
        paths = self.paths
        self._thread = thread = BackgroundThread(lambda _token, _moved: destroy_vault(paths))
        thread.finished.connect(lambda: self._wiped(thread))
        thread.start()
        return dialog

    def _wiped(self, thread: BackgroundThread) -> None:
        thread.wait()
        self._thread = None
        result = thread.result
        thread.deleteLater()
        self.result = result if isinstance(result, WipeResult) else WipeResult(problems=[str(type(result))])
        if self.dialog is not None:
            self.dialog.show_done(self.result)
