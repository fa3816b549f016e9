"""Where a widget's drawing lands, found in its pixels: layout tests check what a worker would see (a letter
cut off, a heading out of line), not how Qt was asked to lay it out."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget


def ink_columns(widget: QWidget, area: QRect | None = None, darker_than: int = 160) -> list[int]:
    """The x of every column (in the widget) with a pixel darker than ``darker_than`` (0-255 lightness)."""
    image = widget.grab().toImage()
    area = (area or image.rect()).intersected(image.rect())
    return [
        x
        for x in range(area.left(), area.right() + 1)
        if any(image.pixelColor(x, y).lightness() < darker_than for y in range(area.top(), area.bottom() + 1))
    ]


def cut_off_on_the_right(widget: QWidget) -> bool:
    """Whether the widget's text reaches further when it is given more room: then some of it was cut off."""
    size = widget.size()
    at_size = max(ink_columns(widget), default=0)
    widget.resize(size.width() + 40, size.height())
    with_room = max(ink_columns(widget), default=0)
    widget.resize(size)
    return with_room > at_size


def ink_left(widget: QWidget, within: QWidget) -> int:
    """Where the widget's first ink is, in ``within``'s coordinates."""
    return widget.mapTo(within, QPoint(min(ink_columns(widget)), 0)).x()
