"""Every interactive part of the picture screens has an objectName and an accessibleName, and is at least
44 px tall; the keyboard reaches the drawing tools."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.pictures.test_pictures_camera import InjectedCamera, _frame
from tests.ui.pictures.test_pictures_gallery import _info
from ui.app import application
from ui.pictures.camera import CameraDialog
from ui.pictures.details_dialog import PictureDetailsDialog
from ui.pictures.drawing_screen import DrawingScreen
from ui.pictures.importer import ImportReport, ImportResultDialog
from ui.pictures.panel import PicturesPanel

INTERACTIVE = (QAbstractButton, QComboBox, QAbstractItemView, QPlainTextEdit, QAbstractSpinBox, QLineEdit)


class _NoStore:
    def run(self, job: object, on_done: object = None, on_error: object = None) -> bool:
        return True


def _check(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # a date field's own line edit: the field carries the name
        if type(widget).__name__ in ("QScrollBar",) or widget.objectName().startswith("qt_"):
            continue
        label = f"{type(widget).__name__} {widget.objectName()!r}"
        if not widget.objectName():
            problems.append(f"{label}: no objectName")
        if not widget.accessibleName():
            problems.append(f"{label}: no accessibleName")
        if widget.height() < 44 and not isinstance(widget, QAbstractItemView):
            problems.append(f"{label}: {widget.height()} px tall")
    return problems


def test_every_picture_screen_is_named_and_big_enough(qtbot: QtBot) -> None:
    application()  # the app's stylesheet, as the real app has it
    store = _NoStore()
    screens: list[QWidget] = [
        DrawingScreen(store, "v"),  # type: ignore[arg-type]
        PicturesPanel(store, visit_id="v"),  # type: ignore[arg-type]
        CameraDialog(store, "v"),  # type: ignore[arg-type]  # no camera here
        CameraDialog(store, "v", source=InjectedCamera([_frame("#336699")])),  # type: ignore[arg-type]
        PictureDetailsDialog(_info(1)),
        ImportResultDialog(ImportReport(refused=[("a.png", "“a.png” is empty: there is no picture in it.")])),
    ]
    problems = []
    for screen in screens:
        qtbot.addWidget(screen)
        screen.resize(1366, 768)
        screen.show()
        qtbot.waitExposed(screen)
        problems += [f"{screen.objectName()}: {p}" for p in _check(screen)]
    assert problems == []


def test_the_keyboard_reaches_every_drawing_tool(qtbot: QtBot) -> None:
    screen = DrawingScreen(_NoStore(), "v")  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.start()
    view = screen.view
    for _ in range(2):  # something to undo and to redo, so both buttons are enabled
        view.canvas.pen_down(0, QPointF(50, 50))
        view.canvas.pen_up(0, QPointF(90, 90))
    view.undo.click()
    wanted = {view.undo, view.redo, view.rubber, view.wipe, view.done, view.leave,
              *view.colours.buttons(), *view.brushes.buttons()}  # fmt: skip
    reached = set()
    view.undo.setFocus()
    for _ in range(60):
        reached.add(screen.focusWidget())
        screen.focusNextChild()
    assert wanted <= reached
