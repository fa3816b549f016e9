"""First start: who the worker is, and the passphrase that locks their records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from ui.views.widgets import button, check_box, form_layout, label, line_edit, restyle, wipe
from visitapp.domain.passphrase import GUIDANCE

if TYPE_CHECKING:
    from visitapp.domain.models import Worker


class FirstRunView(QWidget):
    submitted = Signal(object, str, str)  # Worker, passphrase, confirmation
    details_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self.full_name = line_edit("firstRunFullName", self.tr("Your full name"))
        self.job_title = line_edit("firstRunJobTitle", self.tr("Your job title"))
        self.team = line_edit("firstRunTeam", self.tr("Your team"))
        self.passphrase = line_edit("firstRunPassphrase", self.tr("Passphrase"), secret=True)
        self.confirm = line_edit("firstRunConfirm", self.tr("Passphrase again"), secret=True)
        self.show_passphrase = check_box(self.tr("S&how what I type"), "firstRunShowPassphrase")
        self.feedback = label(kind="hint")
        self.feedback.setObjectName("firstRunFeedback")
        self.error = label(kind="error")
        self.error.setObjectName("firstRunError")
        self.create = button(self.tr("&Set up VisitApp"), "firstRunCreate", primary=True)
        self._layout()
        for field in (self.full_name, self.job_title, self.team, self.passphrase, self.confirm):
            field.textChanged.connect(self.details_changed)
            field.returnPressed.connect(self._submit)
        self.show_passphrase.toggled.connect(self._toggle_echo)
        self.create.clicked.connect(self._submit)

    def _layout(self) -> None:
        # Two columns (about you | your passphrase) so the whole form and its button fit a 768-pixel screen.
        about = form_layout()
        about.addRow(label(self.tr("About you"), kind="subheading"))
        about.addRow(label(self.tr("&Full name"), buddy=self.full_name), self.full_name)
        about.addRow(label(self.tr("&Job title"), buddy=self.job_title), self.job_title)
        about.addRow(label(self.tr("&Team"), buddy=self.team), self.team)
        secret = form_layout()
        secret.addRow(label(self.tr("Your passphrase"), kind="subheading"))
        secret.addRow(label(self.tr(GUIDANCE), kind="hint"))
        secret.addRow(label(self.tr("&Passphrase"), buddy=self.passphrase), self.passphrase)
        secret.addRow(label(self.tr("Type it &again"), buddy=self.confirm), self.confirm)
        secret.addRow("", self.show_passphrase)
        secret.addRow(self.feedback)
        warning = self.tr(
            "Nobody can reset your passphrase. If you forget it, work that has not been sent to the office "
            "cannot be read again."
        )
        secret.addRow(label(warning, kind="notice"))
        secret.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create)
        secret.addRow(buttons)
        columns = QHBoxLayout()
        columns.addLayout(about, 1)
        columns.addSpacing(40)
        columns.addLayout(secret, 1)

        column = QWidget()
        column.setObjectName("firstRunColumn")
        column.setMaximumWidth(1180)
        box = QVBoxLayout(column)
        box.addWidget(label(self.tr("Welcome to VisitApp"), kind="heading"))
        intro = self.tr(
            "VisitApp keeps your visit records on this laptop, locked with a passphrase that only you know. "
            "Tell it who you are and choose your passphrase. This takes about a minute."
        )
        box.addWidget(label(intro))
        box.addLayout(columns)
        box.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("firstRunScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.addWidget(column, 1, Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def worker(self) -> Worker:
        from visitapp.domain.models import Worker  # not before the first window: a large module

        return Worker(self.full_name.text().strip(), self.job_title.text().strip(), self.team.text().strip())

    def show_feedback(self, text: str, good: bool) -> None:
        self.feedback.setText(text)
        self.feedback.setProperty("kind", "good" if good else "hint")
        restyle(self.feedback)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.create.setEnabled(not busy)
        self.create.setText(self.tr("Setting up…") if busy else self.tr("&Set up VisitApp"))

    def clear(self) -> None:
        for field in (self.full_name, self.job_title, self.team, self.passphrase, self.confirm):
            wipe(field)
        self.error.clear()
        self.feedback.clear()
        self.set_busy(False)

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def _submit(self) -> None:
        if self.create.isEnabled():
            self.error.clear()
            self.submitted.emit(self.worker(), self.passphrase.text(), self.confirm.text())
