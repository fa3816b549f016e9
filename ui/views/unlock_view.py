"""The locked screen: one passphrase field, one button, and plain words about what happened."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.views.widgets import button, label, line_edit, wipe


class UnlockView(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPage")
        self.passphrase = line_edit("unlockPassphrase", self.tr("Passphrase"), secret=True)
        self.unlock = button(self.tr("&Unlock"), "unlockButton", primary=True)
        self.reason = label(kind="notice")
        self.reason.setObjectName("unlockReason")
        self.message = label(kind="error")
        self.message.setObjectName("unlockMessage")
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.wait = label(kind="hint")
        self.wait.setObjectName("unlockWait")

        column = QWidget()
        column.setMinimumWidth(520)
        column.setMaximumWidth(620)
        box = QVBoxLayout(column)
        box.addStretch(1)
        box.addWidget(label(self.tr("VisitApp is locked"), kind="heading"))
        box.addWidget(label(self.tr("Type your passphrase to open your records."), kind="hint"))
        box.addWidget(self.reason)
        box.addWidget(label(self.tr("&Passphrase"), buddy=self.passphrase))
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(self.wait)
        box.addStretch(2)
        outer = QHBoxLayout(self)  # the column in the middle (stretches, not Qt.AlignHCenter: see widgets.py)
        outer.addStretch(1)
        outer.addWidget(column)
        outer.addStretch(1)

        self.passphrase.returnPressed.connect(self._submit)
        self.unlock.clicked.connect(self._submit)

    def show_reason(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.unlock.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.unlock.setText(self.tr("Unlocking…") if busy else self.tr("&Unlock"))

    def show_wait(self, seconds: int) -> None:
        """A countdown while too many wrong tries hold the button back; 0 gives it back."""
        waiting = seconds > 0
        self.unlock.setEnabled(not waiting)
        if not waiting:
            text = ""
        elif seconds == 1:
            text = self.tr("You can try again in 1 second.")
        else:
            text = self.tr("You can try again in {0} seconds.").format(seconds)
        self.wait.setText(text)
        if not waiting:
            self.passphrase.setFocus()

    def reset(self) -> None:
        wipe(self.passphrase)
        self.message.clear()
        self.wait.clear()
        self.set_busy(False)

    def _submit(self) -> None:
        if self.unlock.isEnabled():
            self.submitted.emit(self.passphrase.text())
