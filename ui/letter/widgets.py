"""Small builders for the letter screen: every interactive widget gets an objectName and accessibleName."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str, description: str = "") -> W:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def button(text: str, name: str, accessible: str = "", primary: bool = False) -> QPushButton:
    widget = named(QPushButton(text), name, accessible or text.replace("&", ""))
    widget.setAutoDefault(False)
    widget.setMinimumHeight(44)
    if primary:
        widget.setProperty("role", "primary")
    return widget


def label(text: str = "", kind: str = "", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    if kind:
        widget.setProperty("kind", kind)
    if name:
        widget.setObjectName(name)
    return widget


def restyle(widget: QWidget) -> None:
    """Apply a changed dynamic property to the stylesheet."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
