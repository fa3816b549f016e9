"""The sync widgets' stylesheet (resources/sync.qss), added on top of the app's own."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.style import stylesheet


def apply_sync_style(widget: QWidget) -> None:
    widget.setStyleSheet(stylesheet("sync.qss"))
