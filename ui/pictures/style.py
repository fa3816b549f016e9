"""The picture screens' stylesheet (resources/pictures.qss), applied to each top-level picture widget.

The app's own stylesheet (visitapp.qss) still applies underneath; these rules only add to it.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtWidgets import QWidget

from visitapp.paths import resources_dir

log = logging.getLogger(__name__)
STYLESHEET = "pictures.qss"


@cache
def _sheet() -> str:
    try:
        return (resources_dir() / STYLESHEET).read_text("utf-8")
    except OSError:
        log.warning("stylesheet %s not found; using the app's look", STYLESHEET)
        return ""


def apply_pictures_style(widget: QWidget) -> None:
    widget.setStyleSheet(_sheet())
