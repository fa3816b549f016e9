"""The two small pages of the family view: "thank you" after a response is kept, and the worker's way out
(the PIN or passphrase). Layout only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.family.record_page import text
from ui.views.widgets import button, line_edit, wipe


def _centred(page: QWidget, column: QVBoxLayout) -> None:
    holder = QWidget()
    holder.setMaximumWidth(900)
    holder.setLayout(column)
    outer = QHBoxLayout(page)
    outer.setContentsMargins(32, 24, 32, 24)
    outer.addStretch(1)
    outer.addWidget(holder, 4)
    outer.addStretch(1)


class ThanksPage(QWidget):
    more = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyThanksPage")
        self.more_button = button(self.tr("Say &something else"), "familySayMore")
        self.back_button = button(self.tr("Back to the &record"), "familyThanksBack", primary=True)
        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(text(self.tr("Thank you"), "heading"))
        column.addWidget(text(self.tr(
            "What you said is now kept with the record, in your words. The record itself has not been "
            "changed. Your social worker will read it and write back to say what they changed, or why "
            "they kept it as it was."
        )))  # fmt: skip
        buttons = QHBoxLayout()
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        column.addLayout(buttons)
        column.addStretch(1)
        _centred(self, column)
        self.more_button.clicked.connect(self.more)
        self.back_button.clicked.connect(self.back)


class ExitPage(QWidget):
    leave = Signal(str)  # the credential typed
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("familyExitPage")
        self.hint = text("")
        self.secret = line_edit("familyExitSecret", self.tr("Your PIN or passphrase"), secret=True)
        self.error = text("", "error")
        self.error.setObjectName("familyExitError")
        self.error.hide()
        self.wait = text("", "quiet")
        self.wait.setObjectName("familyExitWait")
        self.wait.hide()
        self._pin_usable = False
        self._waiting = False
        self._checking = False
        self.leave_button = button(self.tr("&Close the family screen"), "familyExitLeave", primary=True)
        self.back_button = button(self.tr("&Go back to the record"), "familyExitBack")
        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(text(self.tr("For the social worker"), "heading"))
        column.addWidget(self.hint)
        column.addWidget(self.secret)
        column.addWidget(self.error)
        column.addWidget(self.wait)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        column.addLayout(buttons)
        column.addStretch(1)
        _centred(self, column)
        self.leave_button.clicked.connect(self._leave)
        self.secret.returnPressed.connect(self._leave)
        self.back_button.clicked.connect(self.back)

    def start(self, has_pin: bool, pin_accepted: bool = True) -> None:
        if has_pin and pin_accepted:
            words = self.tr("Type your PIN or your passphrase to close this screen.")
        elif has_pin:
            words = self.tr("Too many wrong PINs. Type your passphrase to close this screen.")
        else:
            words = self.tr("Type your passphrase to close this screen.")
        self.hint.setText(words)
        self._pin_usable = has_pin and pin_accepted
        wipe(self.secret)
        self.show_error("")
        self.secret.setFocus()

    def _leave(self) -> None:
        if not self.leave_button.isEnabled():
            return  # Return pressed while a check runs, or while only a passphrase would do and it must wait
        self._checking = True  # one check at a time: each one takes a moment
        self._enable()
        self.leave.emit(self.secret.text())

    def show_error(self, words: str) -> None:
        wipe(self.secret)
        self.error.setText(words)
        self.error.setVisible(bool(words))
        self._checking = False  # called when a check has answered, and when the page starts
        self._enable()

    def show_wait(self, seconds: int) -> None:
        """A countdown while too many wrong passphrases hold them back (as on the unlock screen); 0 ends it.
        The PIN, while it is still accepted, works meanwhile, so the button stays for it."""
        self._waiting = seconds > 0
        if not self._waiting:
            words = ""
        elif self._pin_usable and seconds == 1:
            words = self.tr("Your passphrase can be tried again in 1 second. Your PIN works now.")
        elif self._pin_usable:
            words = self.tr("Your passphrase can be tried again in {0} seconds. Your PIN works now.").format(
                seconds
            )
        elif seconds == 1:
            words = self.tr("You can try again in 1 second.")
        else:
            words = self.tr("You can try again in {0} seconds.").format(seconds)
        self.wait.setText(words)
        self.wait.setVisible(bool(words))
        self._enable()

    def _enable(self) -> None:
        self.leave_button.setEnabled(not self._checking and (self._pin_usable or not self._waiting))
