"""What every VisitApp dialog shares: named Save/Cancel buttons and a place for a plain error message."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.views.widgets import label, named


class FormDialog(QDialog):
    """Emits ``save_requested``; the controller closes it with ``accept()`` once the store has saved."""

    save_requested = Signal()

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.error = label(kind="error")
        self.error.setObjectName(f"{name}Error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        named(save, f"{name}Save", self.tr("Save"))
        named(cancel, f"{name}Cancel", self.tr("Cancel"))
        save.setText(self.tr("&Save"))
        save.setProperty("role", "primary")
        cancel.setText(self.tr("&Cancel"))
        self.buttons.accepted.connect(self.save_requested)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.error)
        outer.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        fit_to_contents(self)
        super().showEvent(event)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.setEnabled(True)

    def problem(self) -> str | None:
        """What stops this form being saved, in words, found before anything goes to the store; None if
        nothing does. Forms with such a check of their own say so here."""
        return None


def fit_to_contents(dialog: QDialog) -> None:
    """Never smaller than the contents need. Wrapped labels make Qt under-size a dialog, squashing its rows
    on top of each other; the size hint is computed with the wrapping, so it is a safe floor."""
    dialog.setMinimumSize(dialog.sizeHint())
