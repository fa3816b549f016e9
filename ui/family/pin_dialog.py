"""The worker chooses a short PIN for closing the family view (their passphrase always works too)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from ui.controllers.store_access import StoreAccess
from ui.family import jobs
from ui.family.jobs import family_message
from ui.views.dialog_base import FormDialog
from ui.views.widgets import form_layout, label, line_edit


class PinDialog(FormDialog):
    def __init__(self, has_pin: bool, parent: QWidget | None = None) -> None:
        super().__init__("familyPinDialog", self.tr("A PIN for closing the family screen"), parent)
        self.pin = line_edit("familyPin", self.tr("New PIN"), secret=True)
        self.again = line_edit("familyPinAgain", self.tr("The same PIN again"), secret=True)
        for field in (self.pin, self.again):
            field.setMaxLength(8)
            field.setInputMask("")
        words = self.tr("The family screen stays open until you type this PIN or your passphrase. Choose "
                        "4 to 8 digits that the family will not guess.")  # fmt: skip
        if has_pin:
            words += " " + self.tr("This replaces the PIN you chose before.")
        self.body.addWidget(label(words, kind="hint"))
        form = form_layout()
        form.addRow(label(self.tr("&PIN"), buddy=self.pin), self.pin)
        form.addRow(label(self.tr("&Again"), buddy=self.again), self.again)
        self.body.addLayout(form)
        self.setMinimumWidth(560)
        self.pin.setFocus()


def choose_pin(store: StoreAccess, parent: QWidget, then: Callable[[], None] = lambda: None) -> None:
    def ask(has_pin: bool) -> None:
        if not shiboken6.isValid(parent):
            return
        dialog = PinDialog(has_pin, parent.window())

        def save() -> None:
            if dialog.pin.text() != dialog.again.text():
                dialog.show_error(dialog.tr("The two PINs are not the same. Type them again."))
                dialog.pin.clear()  # the dots cannot be checked: both are typed afresh
                dialog.again.clear()
                dialog.pin.setFocus()
                return
            dialog.setEnabled(False)

            def saved(_: object) -> None:
                if shiboken6.isValid(dialog):
                    dialog.accept()
                then()

            def refused(exc: Exception) -> None:
                if shiboken6.isValid(dialog):
                    dialog.show_error(family_message(exc))

            store.run(jobs.set_exit_pin(dialog.pin.text()), saved, refused)

        dialog.save_requested.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    store.run(jobs.has_exit_pin, ask)
