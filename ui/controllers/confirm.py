"""Yes/No questions that do not block: the answer arrives by callback, so locking can close them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.views.widgets import named


def ask(
    parent: QWidget, name: str, title: str, text: str, yes_text: str, on_yes: Callable[[], None]
) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(box.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
    named(yes, f"{name}Yes", yes_text.replace("&", ""))
    named(no, f"{name}No", box.tr("Cancel"))
    box.setDefaultButton(no)  # a stray Enter must not complete or remove anything
    box.setEscapeButton(no)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()
        box.deleteLater()

    box.finished.connect(finished)
    box.open()
    return box
