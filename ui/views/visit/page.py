"""What every step's page shares: a heading, a line of help, amendments made after sign-off, a place for a
plain error, and a button on to the next step. Pages hold layout only; the visit controller fills them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.models.format import moment_in_words
from ui.views.widgets import button, label
from visitapp.domain.visit_record import Amendment
from visitapp.domain.visit_steps import STEP_LABELS, Step


def step_label(step: Step) -> str:
    return QCoreApplication.translate("Steps", STEP_LABELS[step])


def entry_form(*parts: QWidget | QLayout) -> QWidget:
    """The boxes for adding something new: the whole form goes once the visit is signed off."""
    form = QWidget()
    form.setProperty("entry", True)
    box = QVBoxLayout(form)
    box.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            box.addLayout(part)
        else:
            box.addWidget(part)
    return form


def edits(widget: QAbstractButton) -> QAbstractButton:
    """Marks a button that changes the record: it is hidden once the visit is signed off."""
    widget.setProperty("edits", True)
    return widget


class StepPage(QWidget):
    next_requested = Signal()

    def __init__(self, step: Step, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"visitStepPage_{step.value}")
        self.heading = label(step_label(step), kind="heading")
        self.hint = label(hint, kind="hint")
        self.amended = label(kind="notice")
        self.amended.setObjectName(f"visitAmended_{step.value}")
        self.amended.hide()
        self.error = label(kind="error")
        self.error.setObjectName(f"visitError_{step.value}")
        self.error.hide()
        self.body = QVBoxLayout()
        self.next_button: QPushButton | None = None  # made by set_next after the fields: last in Tab order
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 8, 24, 16)
        outer.addWidget(self.heading)
        outer.addWidget(self.hint)
        outer.addWidget(self.amended)
        outer.addLayout(self.body)
        outer.addStretch(1)
        outer.addWidget(self.error)
        self._outer = outer

    def set_next(self, step: Step | None) -> None:
        if step is None:
            return
        if self.next_button is None:
            self.next_button = button(self.tr("Next step"), f"visitNext_{self.step.value}")
            self.next_button.clicked.connect(self.next_requested)
            self._outer.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        text = self.tr("Next: {0} →").format(step_label(step))
        self.next_button.setText(text)
        self.next_button.setAccessibleName(text)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def show_amendments(self, amendments: list[Amendment]) -> None:
        mine = [a for a in amendments if a.part == self.step.value]
        lines = [
            self.tr("Amended on {0}. Why: {1}\n{2}").format(moment_in_words(a.at), a.reason, a.text)
            for a in mine
        ]
        self.amended.setText("\n\n".join(lines))
        self.amended.setVisible(bool(mine))

    def set_locked(self, completed: bool, signed_off: bool) -> None:
        """After sign-off nothing on the page changes the record: fields read, buttons that edit go."""
        for widget in self.findChildren(QWidget):
            if widget.property("entry"):
                widget.setVisible(not signed_off)
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                if not widget.property("alwaysReadOnly"):
                    widget.setReadOnly(signed_off)
            elif isinstance(widget, QPushButton) and widget.property("edits"):
                widget.setVisible(not signed_off)
            elif isinstance(widget, QComboBox | QAbstractSpinBox | QCheckBox | QRadioButton):
                widget.setEnabled(not signed_off)
