"""Settings: how soon VisitApp locks itself, changing the passphrase, and a way to set up sync."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QVBoxLayout, QWidget

from ui.views.dialog_base import fit_to_contents
from ui.views.widgets import button, form_layout, label, line_edit, named, wipe
from visitapp.casework import AUTO_LOCK_MAX_MINUTES
from visitapp.domain.passphrase import GUIDANCE


class SettingsDialog(QDialog):
    save_auto_lock = Signal(int)
    change_passphrase = Signal(str, str, str)
    set_up_sync = Signal()

    def __init__(self, minutes: int, parent: QWidget | None = None, with_sync: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # A list rather than a spin box: easier to hit with a finger, and it cannot go outside 1 to 15.
        self.minutes = named(QComboBox(), "settingsAutoLockMinutes", self.tr("Lock after this many minutes"))
        for value in range(1, AUTO_LOCK_MAX_MINUTES + 1):
            self.minutes.addItem(
                self.tr("1 minute") if value == 1 else self.tr("{0} minutes").format(value), value
            )
        self.minutes.setCurrentIndex(self.minutes.findData(minutes))
        self.save_minutes = button(self.tr("Save &lock time"), "settingsSaveAutoLock")
        self.lock_message = label(kind="hint")
        self.lock_message.setObjectName("settingsAutoLockMessage")
        self.current = line_edit("settingsCurrentPassphrase", self.tr("Current passphrase"), secret=True)
        self.new = line_edit("settingsNewPassphrase", self.tr("New passphrase"), secret=True)
        self.confirm = line_edit("settingsConfirmPassphrase", self.tr("New passphrase again"), secret=True)
        self.change = button(self.tr("C&hange passphrase"), "settingsChangePassphrase")
        self.pass_message = label(kind="hint")
        self.pass_message.setObjectName("settingsPassphraseMessage")
        self.close_button = button(self.tr("&Close"), "settingsClose")
        self.sync_button = button(self.tr("Set up s&ync…"), "settingsSetUpSync", self.tr("Set up sync"))
        self.sync_button.setVisible(with_sync)
        self._layout()
        self.sync_button.clicked.connect(self.set_up_sync)
        self.save_minutes.clicked.connect(lambda: self.save_auto_lock.emit(self.minutes.currentData()))
        self.change.clicked.connect(
            lambda: self.change_passphrase.emit(self.current.text(), self.new.text(), self.confirm.text())
        )
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(640)

    def _layout(self) -> None:
        lock_row = QHBoxLayout()
        lock_row.addWidget(label(self.tr("Lock after"), buddy=self.minutes))
        lock_row.addWidget(self.minutes)
        lock_row.addWidget(self.save_minutes)
        lock_row.addStretch(1)
        form = form_layout()
        form.addRow(label(self.tr("C&urrent passphrase"), buddy=self.current), self.current)
        form.addRow(label(self.tr("&New passphrase"), buddy=self.new), self.new)
        form.addRow(label(self.tr("New passphrase a&gain"), buddy=self.confirm), self.confirm)
        box = QVBoxLayout(self)
        box.addWidget(label(self.tr("Locking"), kind="subheading"))
        explain = self.tr(
            "VisitApp locks itself when nobody has used it for a while. Your work is saved first. "
            "You can choose 1 to {0} minutes."
        ).format(AUTO_LOCK_MAX_MINUTES)
        box.addWidget(label(explain, kind="hint"))
        box.addLayout(lock_row)
        box.addWidget(self.lock_message)
        box.addWidget(label(self.tr("Passphrase"), kind="subheading"))
        box.addWidget(label(self.tr(GUIDANCE), kind="hint"))
        box.addLayout(form)
        change_row = QHBoxLayout()
        change_row.addStretch(1)
        change_row.addWidget(self.change)
        box.addLayout(change_row)
        box.addWidget(self.pass_message)
        close_row = QHBoxLayout()
        close_row.addWidget(self.sync_button)
        close_row.addStretch(1)
        close_row.addWidget(self.close_button)
        box.addLayout(close_row)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        fit_to_contents(self)
        super().showEvent(event)

    def show_lock_message(self, text: str) -> None:
        self.lock_message.setText(text)

    def set_changing(self, busy: bool) -> None:
        self.change.setEnabled(not busy)
        self.change.setText(self.tr("Changing…") if busy else self.tr("C&hange passphrase"))

    def show_passphrase_message(self, text: str, done: bool) -> None:
        self.set_changing(False)
        self.pass_message.setText(text)
        if done:
            for field in (self.current, self.new, self.confirm):
                wipe(field)
