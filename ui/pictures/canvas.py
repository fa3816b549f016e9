"""The surface a child draws on: mouse, touch (several fingers at once) and pen with pressure.

The drawing is a list of strokes (and "wiped" marks) over a white page, so undo and redo cost a repaint, not
a copy of the page per step: ``HISTORY_STEPS`` steps are kept, and older strokes are painted into the page
for good. Everything stays in memory; ``png_bytes()`` hands the picture over without touching the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.pictures.inmemory import image_bytes

HISTORY_STEPS = 100
PAGE = QColor("#ffffff")
MOUSE_ID = -1
PEN_ID = -2
MIN_PRESSURE_SHARE = 0.25  # the lightest pen touch still draws a quarter of the brush


@dataclass
class Stroke:
    colour: QColor
    eraser: bool
    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


class Wipe:
    """A "start again" in the history: undo brings the picture back."""


Step = Stroke | Wipe


class DrawingCanvas(QWidget):
    history_changed = Signal()  # undo/redo availability or emptiness changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingCanvas")
        self.setAccessibleName(self.tr("Drawing page"))
        self.setAccessibleDescription(self.tr("Draw here with your finger, a pen or the mouse."))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.colour = QColor("#1c1c1c")
        self.brush_width = 12.0
        self.eraser = False
        self._page = self._blank(QSize(640, 480))  # steps older than the history, painted in for good
        self._image = self._page.copy()
        self._history: list[Step] = []
        self._redo: list[Step] = []
        self._active: dict[int, Stroke] = {}

    # What the screen asks ----------------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._history)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def is_blank(self) -> bool:
        """Nothing drawn since the page was last wiped (or ever)."""
        return self._image == self._blank(self._image.size())

    def undo(self) -> None:
        if self._history:
            self._redo.append(self._history.pop())
            self._repaint_all()

    def redo(self) -> None:
        if self._redo:
            self._history.append(self._redo.pop())
            self._repaint_all()

    def wipe(self) -> None:
        """Start again with a white page (undo brings the drawing back)."""
        self._finish_all()
        self._push(Wipe())
        self._repaint_all()

    def image(self) -> QImage:
        """The picture as the child sees it (the visible part of the page)."""
        return self._image.copy(QRect(0, 0, min(self.width(), self._image.width()),
                                      min(self.height(), self._image.height())))  # fmt: skip

    def png_bytes(self) -> bytes:
        """The picture as PNG, encoded in memory (QBuffer), never through a file."""
        return image_bytes(self.image(), b"PNG")

    def forget(self) -> None:
        """Drop the drawing and its history from memory (after it is kept, or when the vault locks)."""
        self._active.clear()
        self._history.clear()
        self._redo.clear()
        self._page = self._blank(self._page.size())
        self._image = self._page.copy()
        self.update()
        self.history_changed.emit()

    # Strokes -----------------------------------------------------------------------------------------------

    def pen_down(self, pointer: int, at: QPointF, pressure: float = 1.0) -> None:
        stroke = Stroke(QColor(PAGE if self.eraser else self.colour), self.eraser)
        self._active[pointer] = stroke
        self._extend(stroke, at, pressure)

    def pen_move(self, pointer: int, at: QPointF, pressure: float = 1.0) -> None:
        stroke = self._active.get(pointer)
        if stroke is not None:
            self._extend(stroke, at, pressure)

    def pen_up(self, pointer: int, at: QPointF | None = None, pressure: float = 1.0) -> None:
        stroke = self._active.pop(pointer, None)
        if stroke is None:
            return
        if at is not None and at != stroke.points[-1]:
            self._extend(stroke, at, pressure)
        self._push(stroke)

    def _width(self, pressure: float, eraser: bool) -> float:
        share = MIN_PRESSURE_SHARE + (1 - MIN_PRESSURE_SHARE) * max(0.0, min(1.0, pressure))
        return self.brush_width * share * (2.0 if eraser else 1.0)

    def _extend(self, stroke: Stroke, at: QPointF, pressure: float) -> None:
        stroke.points.append(QPointF(at))
        stroke.widths.append(self._width(pressure, stroke.eraser))
        painter = QPainter(self._image)
        dirty = self._paint_tail(painter, stroke, len(stroke.points) - 1)
        painter.end()
        self.update(dirty.toAlignedRect())

    def _push(self, step: Step) -> None:
        self._history.append(step)
        self._redo.clear()
        if len(self._history) > HISTORY_STEPS:
            oldest = self._history.pop(0)
            painter = QPainter(self._page)
            self._paint_step(painter, oldest, self._page)
            painter.end()
        self.history_changed.emit()

    def _finish_all(self) -> None:
        for pointer in list(self._active):
            self.pen_up(pointer)

    # Painting ----------------------------------------------------------------------------------------------

    @staticmethod
    def _blank(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(PAGE)
        return image

    @staticmethod
    def _paint_tail(painter: QPainter, stroke: Stroke, index: int) -> QRectF:
        """Paint the piece of ``stroke`` that ends at point ``index``; return the area it covered."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        end, width = stroke.points[index], stroke.widths[index]
        start = stroke.points[index - 1] if index else end
        start_width = stroke.widths[index - 1] if index else width
        pen = QPen(stroke.colour, (width + start_width) / 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if index:
            painter.drawLine(start, end)
        else:
            painter.drawPoint(end)
        margin = max(width, start_width) / 2 + 2
        return QRectF(start, end).normalized().adjusted(-margin, -margin, margin, margin)

    def _paint_step(self, painter: QPainter, step: Step, target: QImage) -> None:
        if isinstance(step, Wipe):
            painter.fillRect(target.rect(), PAGE)
            return
        for index in range(len(step.points)):
            self._paint_tail(painter, step, index)

    def _repaint_all(self) -> None:
        self._image = self._page.copy()
        painter = QPainter(self._image)
        for step in self._history:
            self._paint_step(painter, step, self._image)
        for stroke in self._active.values():
            self._paint_step(painter, stroke, self._image)
        painter.end()
        self.update()
        self.history_changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(event.rect(), PAGE)
        painter.drawImage(event.rect(), self._image, event.rect())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wanted = self._page.size().expandedTo(event.size())
        if wanted != self._page.size():  # grow only: a smaller window must not cut the picture
            grown = self._blank(wanted)
            painter = QPainter(grown)
            painter.drawImage(0, 0, self._page)
            painter.end()
            self._page = grown
            self._repaint_all()
        super().resizeEvent(event)

    # Input: mouse, touch, pen ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.pen_down(MOUSE_ID, event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.pen_move(MOUSE_ID, event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.pen_up(MOUSE_ID, event.position())
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        pressure = event.pressure()
        was_eraser = self.eraser
        self.eraser = was_eraser or event.pointerType() == QPointingDevice.PointerType.Eraser
        try:
            if kind == QEvent.Type.TabletPress:
                self.pen_down(PEN_ID, event.position(), pressure)
            elif kind == QEvent.Type.TabletMove:
                self.pen_move(PEN_ID, event.position(), pressure)
            elif kind == QEvent.Type.TabletRelease:
                self.pen_up(PEN_ID, event.position(), pressure)
        finally:
            self.eraser = was_eraser
        event.accept()  # no mouse events made up from the pen

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            for point in event.points():
                state = point.state()
                pointer = 1000 + point.id()
                if state == QEventPoint.State.Pressed:
                    self.pen_down(pointer, point.position())
                elif state == QEventPoint.State.Updated:
                    self.pen_move(pointer, point.position())
                elif state == QEventPoint.State.Released:
                    self.pen_up(pointer, point.position())
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._finish_all()
            event.accept()
            return True
        return super().event(event)
