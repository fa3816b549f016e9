"""The sync indicator in the header: one button that says how things stand, with a thin progress bar
while a sync runs. Clicking it opens the sync panel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from ui.sync import text
from ui.sync.style import apply_sync_style
from ui.views.widgets import button, named, restyle
from visitapp.sync.engine import SyncProgress
from visitapp.sync.status import SyncOverview

STATES = ("not_set_up", "all_synced", "waiting", "syncing", "offline", "needs_attention")


class SyncIndicator(QWidget):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.state = "not_set_up"
        self.overview: SyncOverview | None = None
        self.button = button(self.tr("Set up sync"), "syncIndicatorButton", self.tr("Sync"))
        self.button.setMinimumHeight(44)
        self.bar = named(QProgressBar(), "syncIndicatorProgress", self.tr("Sync progress"))
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        policy = self.bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the button does not jump when a run starts or ends
        self.bar.setSizePolicy(policy)
        self.bar.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.button)
        box.addWidget(self.bar)
        self.button.clicked.connect(self.clicked)
        apply_sync_style(self)
        self.show_overview(None, "not_set_up")

    def show_overview(self, overview: SyncOverview | None, state: str | None = None) -> None:
        """Show where things stand (``state`` overrides the overview's, e.g. offline from the network)."""
        self.overview = overview
        self._show(state or (overview.state if overview else "not_set_up"))
        self.bar.hide()

    def show_syncing(self, step: SyncProgress | None = None) -> None:
        self._show("syncing")
        self.bar.show()
        if step is None:
            self.bar.setRange(0, 0)  # busy, amount not known yet
            return
        value, maximum = text.progress_fraction(step)
        self.bar.setRange(0, maximum)
        self.bar.setValue(value)
        self.button.setText(self.tr("Syncing… {0}%").format(min(100, round(100 * value / maximum))))
        self.button.setToolTip(text.progress_text(step))

    def _show(self, state: str) -> None:
        self.state = state
        words = text.indicator_text(state, self.overview)
        self.button.setText(words)
        self.button.setAccessibleDescription(words + ". " + text.indicator_help(state, self.overview))
        self.button.setToolTip(text.indicator_help(state, self.overview))
        self.button.setProperty("syncState", state)
        restyle(self.button)
