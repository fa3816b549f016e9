"""Export PDF: says plainly that the file leaves the vault, and asks where, what name, and a password."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.letter.widgets import button, label, named


@dataclass(frozen=True)
class ExportRequest:
    folder: Path
    file_name: str
    password: str | None


class ExportDialog(QDialog):
    def __init__(self, default_name: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterExportDialog")
        self.setWindowTitle(self.tr("Export the letter as a PDF"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.request: ExportRequest | None = None
        warning = label(
            self.tr(
                "This is the one way information leaves the vault. Once saved, the PDF is outside "
                "VisitApp's protection: anyone who has the file can read it unless you set a password. "
                "Give it only to the child, or to someone the child agreed may read it."
            ),
            kind="notice",
            name="letterExportWarning",
        )
        self.folder = named(QLineEdit(str(folder)), "letterExportFolder", self.tr("Folder to save in"))
        self.choose = button(self.tr("C&hoose…"), "letterExportChoose", self.tr("Choose a folder"))
        self.file_name = named(QLineEdit(default_name), "letterExportFileName", self.tr("File name"))
        name_hint = label(
            self.tr(
                "The name carries no child's name unless you type it. Someone may see it over your "
                "shoulder, on a USB stick or in an email."
            ),
            kind="hint",
        )
        self.protect = named(
            QCheckBox(self.tr("&Protect with a password")),
            "letterExportProtect",
            self.tr("Protect with a password"),
        )
        self.protect.setChecked(True)
        self.password = named(QLineEdit(), "letterExportPassword", self.tr("Password"))
        self.confirm = named(QLineEdit(), "letterExportConfirm", self.tr("Password again"))
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        password_hint = label(
            self.tr("Tell the reader the password in person or by phone, never in the same email."),
            kind="hint",
        )
        self.error = label(kind="error", name="letterExportError")
        self.export = button(self.tr("&Export PDF"), "letterExportConfirmButton", self.tr("Export PDF"), True)
        self.cancel = button(self.tr("&Cancel"), "letterExportCancel", self.tr("Cancel"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.tr("File name"), self.file_name)
        form.addRow("", name_hint)
        form.addRow("", self.protect)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Again"), self.confirm)
        form.addRow("", password_hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.export)
        box = QVBoxLayout(self)
        box.addWidget(warning)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addLayout(buttons)
        self.setMinimumWidth(620)
        self.choose.clicked.connect(self._choose)
        self.protect.toggled.connect(self._protect_changed)
        self.export.clicked.connect(self._accept)
        self.cancel.clicked.connect(self.reject)

    def _protect_changed(self, on: bool) -> None:
        for field in (self.password, self.confirm):
            field.setEnabled(on)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where to save the letter"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        if not folder.is_dir():
            self.error.setText(self.tr("That folder does not exist. Choose another folder."))
            return
        password: str | None = None
        if self.protect.isChecked():
            password = self.password.text()
            if len(password) < 6:
                self.error.setText(self.tr("Choose a password of at least 6 characters, or untick the box."))
                return
            if password != self.confirm.text():
                self.error.setText(self.tr("The two passwords are not the same. Type them again."))
                return
        self.request = ExportRequest(folder, self.file_name.text(), password)
        self.password.clear()
        self.confirm.clear()
        self.accept()
