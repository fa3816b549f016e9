"""Drawing mode's layout: big colours on the left, big tools along the top, the page filling the rest.

Layout only; ``DrawingScreen`` (drawing_screen.py) gives it behaviour. Sized for a 1366 x 768 tablet: every
button is at least 64 px, far above the 44 px minimum, because small fingers miss.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.pictures.canvas import DrawingCanvas

SWATCH_PX = 64
TOOL_PX = 72

# (colour, name for screen readers). Six skin colours, from very light to very dark, so every child can
# draw themselves and their family.
COLOURS: list[tuple[str, str]] = [
    ("#1c1c1c", "Black"),
    ("#8a8a8a", "Grey"),
    ("#e53935", "Red"),
    ("#fb8c00", "Orange"),
    ("#fdd835", "Yellow"),
    ("#7cb342", "Light green"),
    ("#2e7d32", "Dark green"),
    ("#4fc3f7", "Light blue"),
    ("#1e4fc4", "Dark blue"),
    ("#8e24aa", "Purple"),
    ("#f06292", "Pink"),
    ("#795548", "Brown"),
    ("#fbe3d0", "Skin colour, very light"),
    ("#eec1a0", "Skin colour, light"),
    ("#d49a6a", "Skin colour, medium"),
    ("#ad7148", "Skin colour, tan"),
    ("#7a4a2c", "Skin colour, dark"),
    ("#4a2c1c", "Skin colour, very dark"),
]
BRUSHES: list[tuple[float, str, str]] = [
    (6.0, "thinBrush", "Thin brush"),
    (16.0, "mediumBrush", "Medium brush"),
    (36.0, "thickBrush", "Thick brush"),
]


def brush_dot(width: float) -> float:
    """How big a brush's dot is drawn on its button: readable even for the thin one."""
    return max(10.0, min(width, 34.0))


def dot_icon(diameter: float, colour: str = "#1c1c1c") -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(24, 24), diameter / 2, diameter / 2)
    painter.end()
    return QIcon(pixmap)


def _rubber_icon() -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(24, 24)
    painter.rotate(-35)
    painter.setPen(QPen(QColor("#1c1c1c"), 2))
    painter.setBrush(QColor("#f48fb1"))
    painter.drawRoundedRect(-18, -9, 22, 18, 3, 3)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(4, -9, 14, 18, 3, 3)
    painter.end()
    return QIcon(pixmap)


def _tool(text: str, name: str, accessible: str, icon: QIcon | None = None) -> QToolButton:
    widget = QToolButton()
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setText(text)
    widget.setToolTip(accessible)
    widget.setMinimumSize(QSize(TOOL_PX + 24, TOOL_PX))
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if icon is not None:
        widget.setIcon(icon)
        widget.setIconSize(QSize(36, 36))
        widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    return widget


class Swatch(QToolButton):
    """A big colour to pick: the colour itself, with a thick ring round the one in use."""

    def __init__(self, colour: QColor, name: str, object_name: str) -> None:
        super().__init__()
        self.colour = colour
        self.setObjectName(object_name)
        self.setAccessibleName(name)
        self.setToolTip(name)
        self.setCheckable(True)
        self.setFixedSize(SWATCH_PX, SWATCH_PX)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        if self.isChecked():
            painter.setPen(QPen(QColor("#1f3a4d"), 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(outer)
            inner = outer.adjusted(9, 9, -9, -9)
        else:
            inner = outer.adjusted(4, 4, -4, -4)
        painter.setPen(QPen(QColor("#6b6b6b"), 1.5))
        painter.setBrush(self.colour)
        painter.drawEllipse(inner)
        if self.hasFocus():
            pen = QPen(QColor("#1c1c1c"), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()


class ConfirmPanel(QFrame):
    """A question asked inside drawing mode (no separate window a child could lose behind the page)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("kind", "drawingQuestion")
        self.question = QLabel()
        self.question.setObjectName(f"{name}Question")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.yes = QPushButton()
        self.no = QPushButton()
        for button, suffix in ((self.yes, "Yes"), (self.no, "No")):
            button.setObjectName(f"{name}{suffix}")
            button.setMinimumSize(QSize(220, TOOL_PX))
            button.setAutoDefault(False)
        self.yes.setProperty("role", "danger")
        self.no.setProperty("role", "safe")
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.no)
        buttons.addSpacing(24)
        buttons.addWidget(self.yes)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.question)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        self.hide()

    def ask(self, question: str, yes: str, no: str) -> None:
        self.question.setText(question)
        self.yes.setText(yes)
        self.yes.setAccessibleName(yes)
        self.no.setText(no)
        self.no.setAccessibleName(no)
        self.place()
        self.show()
        self.raise_()
        self.no.setFocus()  # Enter or Space on a stray key press keeps the drawing

    def place(self) -> None:
        """Centred over the page, as tall as its words need at this width."""
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(760, parent.width() - 80)
        self.setFixedWidth(width)
        layout = self.layout()
        by_width = layout is not None and layout.hasHeightForWidth()
        height = layout.totalHeightForWidth(width) if layout is not None and by_width else 0
        self.setFixedHeight(max(height, self.sizeHint().height()))
        self.move((parent.width() - width) // 2, (parent.height() - self.height()) // 3)


class DrawingView(QWidget):
    """Everything on the drawing screen, laid out; no behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingScreen")
        self.canvas = DrawingCanvas()

        self.colours = QButtonGroup(self)
        self.colours.setExclusive(True)
        palette = QGridLayout()
        palette.setSpacing(8)
        for index, (colour, name) in enumerate(COLOURS):
            swatch = Swatch(QColor(colour), self.tr(name), f"colour{index}")
            self.colours.addButton(swatch, index)
            palette.addWidget(swatch, index // 2, index % 2)
        self.colours.button(0).setChecked(True)
        palette_box = QFrame()
        palette_box.setObjectName("drawingPalette")
        palette_box.setLayout(palette)

        self.brushes = QButtonGroup(self)
        self.brushes.setExclusive(True)
        tools = QHBoxLayout()
        tools.setSpacing(10)
        self.undo = _tool(self.tr("Undo"), "drawingUndo", self.tr("Undo"), _arrow_icon(back=True))
        self.redo = _tool(self.tr("Redo"), "drawingRedo", self.tr("Redo"), _arrow_icon(back=False))
        tools.addWidget(self.undo)
        tools.addWidget(self.redo)
        tools.addSpacing(20)
        for index, (width, name, accessible) in enumerate(BRUSHES):
            label = (self.tr("Thin"), self.tr("Medium"), self.tr("Thick"))[index]
            brush = _tool(label, name, self.tr(accessible), dot_icon(brush_dot(width)))
            brush.setCheckable(True)
            brush.setProperty("brushWidth", width)
            self.brushes.addButton(brush, index)
            tools.addWidget(brush)
        self.brushes.button(1).setChecked(True)
        self.rubber = _tool(self.tr("Rubber"), "drawingRubber", self.tr("Rubber: rub out"), _rubber_icon())
        self.rubber.setCheckable(True)
        tools.addWidget(self.rubber)
        tools.addSpacing(20)
        self.wipe = _tool(
            self.tr("Start again"), "drawingStartAgain", self.tr("Start again with a clean page")
        )
        tools.addWidget(self.wipe)
        tools.addStretch()
        self.leave = QPushButton(self.tr("Worker: leave"))
        self.leave.setObjectName("drawingWorkerLeave")
        self.leave.setAccessibleName(self.tr("Worker: leave drawing without keeping it"))
        self.leave.setMinimumHeight(48)
        self.leave.setAutoDefault(False)
        self.leave.setProperty("kind", "quiet")
        tools.addWidget(self.leave)
        tools.addSpacing(12)
        self.done = _tool(self.tr("Done"), "drawingDone", self.tr("Done: keep my drawing"), _tick_icon())
        self.done.setProperty("role", "done")
        self.done.setMinimumSize(QSize(TOOL_PX * 2, TOOL_PX))
        tools.addWidget(self.done)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(palette_box, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.canvas, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addLayout(tools)
        layout.addLayout(body, 1)

        self.confirm = ConfirmPanel("drawingConfirm", self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.confirm.place()


def _arrow_icon(back: bool) -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not back:
        painter.translate(48, 0)
        painter.scale(-1, 1)
    pen = QPen(QColor("#1c1c1c"), 5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawArc(10, 10, 30, 28, 90 * 16, -250 * 16)
    painter.setBrush(QColor("#1c1c1c"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon([QPointF(4, 18), QPointF(20, 6), QPointF(20, 26)])
    painter.end()
    return QIcon(pixmap)


def _tick_icon() -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#ffffff"), 7)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(8, 26), QPointF(19, 37), QPointF(40, 11)])
    painter.end()
    return QIcon(pixmap)
