"""Loads the stylesheets from resources/ (never inline strings) and sets a readable base font.

``visitapp.qss`` is the app's; screens with a look of their own (pictures, letter, family view, sync) add
theirs on top with ``stylesheet(name)``.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QApplication

from visitapp.paths import resources_dir

log = logging.getLogger(__name__)
STYLESHEET = "visitapp.qss"


@cache
def stylesheet(name: str) -> str:
    """A stylesheet from resources/, read once; empty (Qt's look still works) if it is missing."""
    try:
        return (resources_dir() / name).read_text("utf-8")
    except OSError:
        log.warning("stylesheet %s not found; using the app's look", name)
        return ""


def apply_style(app: QApplication) -> None:
    QDir.setSearchPaths("icons", [str(resources_dir() / "icons")])  # url(icons:…) in the stylesheets
    path = resources_dir() / STYLESHEET
    try:
        app.setStyleSheet(path.read_text("utf-8"))
    except OSError:
        log.warning("stylesheet %s not found; using Qt's default look", STYLESHEET)
    font = app.font()
    font.setPointSize(12)
    app.setFont(font)
