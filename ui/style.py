"""Loads the stylesheet from resources/ (never inline strings) and sets a readable base font."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from visitapp.paths import resources_dir

log = logging.getLogger(__name__)
STYLESHEET = "visitapp.qss"


def apply_style(app: QApplication) -> None:
    path = resources_dir() / STYLESHEET
    try:
        app.setStyleSheet(path.read_text("utf-8"))
    except OSError:
        log.warning("stylesheet %s not found; using Qt's default look", STYLESHEET)
    font = app.font()
    font.setPointSize(12)
    app.setFont(font)
