"""The one window: first run, unlock, or the workspace, one at a time (each page added when first shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:  # looking QCloseEvent up would build QEvent and its ~180 event types before the window
    from PySide6.QtGui import QCloseEvent


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("VisitApp"))
        self.setMinimumSize(1024, 640)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.workspace: QWidget | None = None  # added once the vault first opens (ui/views/screens.py)
        self.setCentralWidget(self.stack)

    def add_workspace(self, workspace: QWidget) -> None:
        self.workspace = workspace
        self.stack.addWidget(workspace)

    def show_page(self, page: QWidget) -> None:
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.closing.emit()  # the controller saves and locks before the window goes
        super().closeEvent(event)
