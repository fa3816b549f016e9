"""The sync widgets' stylesheet (resources/sync.qss), added on top of the app's own."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtWidgets import QWidget

from visitapp.paths import resources_dir

log = logging.getLogger(__name__)
STYLESHEET = "sync.qss"


@cache
def _sheet() -> str:
    try:
        return (resources_dir() / STYLESHEET).read_text("utf-8")
    except OSError:
        log.warning("stylesheet %s not found; using the app's look", STYLESHEET)
        return ""


def apply_sync_style(widget: QWidget) -> None:
    widget.setStyleSheet(_sheet())
