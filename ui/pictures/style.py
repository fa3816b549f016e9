"""The picture screens' stylesheet (resources/pictures.qss), applied to each top-level picture widget.

The app's own stylesheet (visitapp.qss) still applies underneath; these rules only add to it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.style import stylesheet


def apply_pictures_style(widget: QWidget) -> None:
    widget.setStyleSheet(stylesheet("pictures.qss"))
