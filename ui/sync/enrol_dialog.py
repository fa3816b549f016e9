"""Set up sync: the server's address and the one-time code from IT. The device token it brings back is kept
inside the encrypted vault, never in a settings file."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ui.sync.style import apply_sync_style
from ui.views.dialog_base import FormDialog
from ui.views.widgets import form_layout, label, line_edit, named
from visitapp.sync.account import normalise_code

EXAMPLE_CODE = "K7QM-4XTB-9HWC-R2PZ"  # the shape syncserver prints: four groups of four, no 0/O or 1/I


class EnrolDialog(FormDialog):
    enrol_requested = Signal(str, str)

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__("enrolDialog", self.tr("Set up sync"), parent)
        apply_sync_style(self)
        self.server = line_edit("enrolServer", self.tr("Server address"))
        self.server.setPlaceholderText("https://sync.example.org")
        self.server.setText(server_url)
        self.code = line_edit("enrolCode", self.tr("Enrolment code"))
        self.code.setPlaceholderText(self.tr("for example {0}").format(EXAMPLE_CODE))
        self.code.setToolTip(
            self.tr("Sixteen letters and numbers. Spaces, dashes and small letters do not matter.")
        )
        self.code.editingFinished.connect(self._tidy_code)
        explain = self.tr(
            "Sync sends your records to your organisation's server, and fetches changes made there. "
            "IT will give you the server address (it starts with https://) and a one-time code for this "
            "laptop. You only do this once."
        )
        self.body.addWidget(label(self.tr("Set up sync"), kind="subheading"))
        self.body.addWidget(label(explain, kind="hint"))
        form = form_layout()
        form.addRow(label(self.tr("Server &address"), buddy=self.server), self.server)
        form.addRow(label(self.tr("Enrolment &code"), buddy=self.code), self.code)
        self.body.addLayout(form)
        self.status = label(kind="hint")
        self.status.setObjectName("enrolStatus")
        self.body.addWidget(self.status)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Set up"))
        named(save, "enrolSetUp", self.tr("Set up sync now"))
        self.save_requested.connect(self._request)
        self.setMinimumWidth(600)
        (self.code if server_url else self.server).setFocus()

    def _tidy_code(self) -> None:
        """Show the code as IT's sheet prints it, so a worker can compare them group by group."""
        tidy = normalise_code(self.code.text())
        if tidy != self.code.text():
            self.code.setText(tidy)

    def _request(self) -> None:
        self._tidy_code()
        self.enrol_requested.emit(self.server.text().strip(), self.code.text())

    def set_busy(self, busy: bool) -> None:
        self.setEnabled(not busy)
        self.status.setText(self.tr("Setting up… this needs the internet.") if busy else "")
        if busy:
            self.error.setText("")
