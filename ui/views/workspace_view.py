"""The unlocked app: a header with who is signed in, the sync indicator, Settings and Lock now, above the
current page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from ui.sync.indicator import SyncIndicator
from ui.views.widgets import button, label


class WorkspaceView(QWidget):
    lock_requested = Signal()
    settings_requested = Signal()

    def __init__(self, pages: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        header = QWidget()
        header.setObjectName("header")
        self.who = label(kind="who")
        self.who.setObjectName("headerWorker")
        self.sync_indicator = SyncIndicator()
        self.settings = button(self.tr("Se&ttings"), "headerSettings")
        self.lock = button(self.tr("&Lock now"), "headerLockNow", self.tr("Lock now"), primary=True)
        self.lock.setToolTip(self.tr("Lock VisitApp now (Ctrl+L)"))
        self.notice = label(kind="error")
        self.notice.setObjectName("workspaceNotice")
        row = QHBoxLayout(header)
        row.addWidget(label(self.tr("VisitApp"), kind="brand"))
        row.addWidget(self.who, 1)
        row.addWidget(self.sync_indicator)
        row.addWidget(self.settings)
        row.addWidget(self.lock)
        self.pages = QStackedWidget()
        self.pages.setObjectName("workspacePages")
        for page in pages:
            self.pages.addWidget(page)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(header)
        box.addWidget(self.notice)
        box.addWidget(self.pages, 1)
        self.notice.hide()
        self.lock.clicked.connect(self.lock_requested)
        self.settings.clicked.connect(self.settings_requested)

    def show_worker(self, full_name: str, job_title: str) -> None:
        self.who.setText(f"{full_name}, {job_title}" if full_name else "")

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
