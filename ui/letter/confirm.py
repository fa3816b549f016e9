"""A question that does not block: the answer arrives by callback, so locking the app can close it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.letter.widgets import named


def ask(
    parent: QWidget, name: str, title: str, text: str, yes_text: str, on_yes: Callable[[], None]
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes = named(
        box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole), f"{name}Yes", yes_text.replace("&", "")
    )
    no = named(
        box.addButton(box.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole), f"{name}No", box.tr("Cancel")
    )
    box.setDefaultButton(no)  # a stray Enter must never throw the worker's changes away
    box.setEscapeButton(no)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()
        box.deleteLater()

    box.finished.connect(finished)
    box.open()
    return box
