"""Drawing mode: mouse, touch and pen draw the strokes they should (checked by pixel), undo/redo go 50 steps
deep, starting again asks first, the child cannot leave except by Done, and Done keeps a PNG in the vault."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.pictures.conftest import run_job
from ui.controllers.store_access import StoreAccess
from ui.pictures.canvas import HISTORY_STEPS, DrawingCanvas
from ui.pictures.drawing_screen import DrawingScreen
from ui.pictures.drawing_view import COLOURS
from ui.pictures.jobs import full_image as full_image_job
from ui.pictures.jobs import visit_pictures
from visitapp.pictures import PictureInfo, Source

RED = COLOURS.index(("#e53935", "Red"))
BLUE = COLOURS.index(("#1e4fc4", "Dark blue"))


class NoStore:
    def __init__(self) -> None:
        self.jobs: list[object] = []

    def run(self, job: object, on_done: object = None, on_error: object = None) -> bool:
        self.jobs.append(job)
        return True


def _screen(qtbot: QtBot, store: object = None, visit_id: str = "v") -> DrawingScreen:
    screen = DrawingScreen(store or NoStore(), visit_id)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.start()  # full screen (the offscreen test screen is smaller than a tablet's)
    qtbot.waitExposed(screen)
    return screen


def _is(pixel: QColor, hex_colour: str, tolerance: int = 40) -> bool:
    want = QColor(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], want.getRgb()[:3], strict=True))


def _pixel(canvas: DrawingCanvas, x: int, y: int) -> QColor:
    return canvas.image().pixelColor(x, y)


def _mouse_stroke(qtbot: QtBot, canvas: DrawingCanvas, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(canvas, QPoint(x, y))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def _ink_height(canvas: DrawingCanvas, x: int, colour: str) -> int:
    image = canvas.image()
    return sum(1 for y in range(image.height()) if _is(image.pixelColor(x, y), colour, 60))


def test_the_screen_has_what_a_child_needs(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    view = screen.view
    assert screen.windowState() & Qt.WindowState.WindowFullScreen
    assert len(view.colours.buttons()) >= 12
    assert sum("Skin" in name for _, name in COLOURS) >= 5
    assert len(view.brushes.buttons()) == 3
    for widget in [*view.colours.buttons(), *view.brushes.buttons(), view.undo, view.redo, view.rubber,
                   view.wipe, view.done, view.leave]:  # fmt: skip
        assert widget.objectName() and widget.accessibleName()
        assert widget.minimumSizeHint().height() >= 44 or widget.height() >= 44
        assert widget.height() >= 44 and widget.width() >= 44


def test_mouse_strokes_draw_in_the_chosen_colour(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    canvas = screen.view.canvas
    screen.view.colours.button(RED).click()
    _mouse_stroke(qtbot, canvas, [(50, 100), (150, 100), (250, 100)])
    assert _is(_pixel(canvas, 100, 100), "#e53935") and _is(_pixel(canvas, 200, 100), "#e53935")
    assert _is(_pixel(canvas, 150, 200), "#ffffff")
    assert canvas.can_undo() and screen.view.undo.isEnabled()

    screen.view.rubber.click()  # the rubber takes the colour away again
    _mouse_stroke(qtbot, canvas, [(100, 100), (200, 100)])
    assert _is(_pixel(canvas, 150, 100), "#ffffff") and _is(_pixel(canvas, 240, 100), "#e53935")


def test_touch_draws_with_each_finger(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    canvas = screen.view.canvas
    screen.view.colours.button(BLUE).click()
    device = QTest.createTouchDevice()

    def fingers(action: str, x: int) -> None:  # points given with the canvas, so they are the canvas's
        sequence = QTest.touchEvent(canvas, device)
        getattr(sequence, action)(0, QPoint(x, 60), canvas)
        getattr(sequence, action)(1, QPoint(x, 300), canvas)
        sequence.commit()

    fingers("press", 60)
    fingers("move", 160)
    fingers("move", 260)
    fingers("release", 260)
    assert _is(_pixel(canvas, 210, 60), "#1e4fc4") and _is(_pixel(canvas, 110, 300), "#1e4fc4")
    assert _is(_pixel(canvas, 150, 180), "#ffffff")
    canvas.undo()  # two fingers, two strokes
    canvas.undo()
    assert canvas.is_blank()


def _pen() -> QPointingDevice:
    return QPointingDevice(
        "test pen", 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2,
    )  # fmt: skip


def _pen_stroke(canvas: DrawingCanvas, pen: QPointingDevice, y: int, pressure: float) -> None:
    kinds = [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 9 + [QEvent.Type.TabletRelease]
    for step, kind in enumerate(kinds):
        at = QPointF(400 + step * 30, y)
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        event = QTabletEvent(
            kind, pen, at, canvas.mapToGlobal(at), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons,
        )  # fmt: skip
        QApplication.sendEvent(canvas, event)


def test_the_pen_draws_thicker_when_pressed_harder(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    canvas = screen.view.canvas
    screen.view.brushes.button(2).click()  # thick
    pen = _pen()
    _pen_stroke(canvas, pen, 120, pressure=0.1)
    _pen_stroke(canvas, pen, 320, pressure=1.0)
    image = canvas.image()
    light = sum(1 for y in range(60, 200) if _is(image.pixelColor(520, y), COLOURS[0][0], 60))
    firm = sum(1 for y in range(240, 400) if _is(image.pixelColor(520, y), COLOURS[0][0], 60))
    assert 0 < light < firm
    assert firm >= 30  # the thick brush, pressed hard
    assert canvas.can_undo()


def test_undo_and_redo_go_at_least_50_steps(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    canvas = screen.view.canvas
    before: list[QImage] = [canvas.image()]
    for n in range(60):
        canvas.pen_down(0, QPointF(20 + n * 15, 40))
        canvas.pen_move(0, QPointF(20 + n * 15, 400))
        canvas.pen_up(0)
        before.append(canvas.image())
    assert HISTORY_STEPS >= 50
    for _ in range(55):
        screen.view.undo.click()
    assert canvas.image() == before[5]
    for _ in range(55):
        screen.view.redo.click()
    assert canvas.image() == before[60]
    screen.view.undo.click()
    canvas.pen_down(0, QPointF(700, 600))  # a new stroke after undo: redo has nothing left
    canvas.pen_up(0)
    assert not canvas.can_redo() and not screen.view.redo.isEnabled()


def test_starting_again_asks_first_and_can_be_undone(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    canvas, view = screen.view.canvas, screen.view
    _mouse_stroke(qtbot, canvas, [(50, 100), (250, 100)])
    drawn = canvas.image()
    view.wipe.click()
    assert view.confirm.isVisible()
    assert canvas.image() == drawn  # nothing happens until the question is answered
    view.confirm.no.click()
    assert not view.confirm.isVisible() and canvas.image() == drawn
    view.wipe.click()
    view.confirm.yes.click()
    assert canvas.is_blank()
    view.undo.click()
    assert canvas.image() == drawn


def test_the_child_cannot_leave_except_by_done(qtbot: QtBot) -> None:
    screen = _screen(qtbot)
    left: list[bool] = []
    screen.left.connect(lambda: left.append(True))
    _mouse_stroke(qtbot, screen.view.canvas, [(50, 100), (250, 100)])
    QTest.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.isVisible()
    assert not screen.close()  # Alt+F4 and the window's close button end here
    QTest.keyClick(screen, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert screen.isVisible() and not left
    assert screen.windowModality() == Qt.WindowModality.ApplicationModal
    screen.view.leave.click()  # the worker's way out asks first
    assert screen.isVisible() and screen.view.confirm.isVisible()
    screen.view.confirm.yes.click()
    assert not screen.isVisible() and left == [True]


def test_done_keeps_the_drawing_in_the_vault_as_png(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str]
) -> None:
    visit_id = vault_with_child["visit_id"]
    screen = _screen(qtbot, store, visit_id)
    screen.view.colours.button(RED).click()
    _mouse_stroke(qtbot, screen.view.canvas, [(50, 100), (250, 100)])
    kept: list[PictureInfo] = []
    screen.kept.connect(kept.append)
    screen.view.done.click()
    assert not screen.isVisible()
    assert screen.view.canvas.is_blank()  # forgotten as soon as it is handed over
    qtbot.waitUntil(lambda: bool(kept), timeout=10000)
    [listed] = run_job(qtbot, store, visit_pictures(visit_id))  # type: ignore[misc]
    assert listed.id == kept[0].id and listed.source is Source.DRAWING and listed.mime_type == "image/png"
    stored, image = run_job(qtbot, store, full_image_job(listed.id))  # type: ignore[misc]
    assert stored.data.startswith(b"\x89PNG")
    assert _is(image.pixelColor(150, 100), "#e53935") and _is(image.pixelColor(150, 200), "#ffffff")


def test_done_on_an_empty_page_keeps_nothing(qtbot: QtBot) -> None:
    store = NoStore()
    screen = _screen(qtbot, store)
    left: list[bool] = []
    screen.left.connect(lambda: left.append(True))
    screen.view.done.click()
    assert left == [True] and not store.jobs and not screen.isVisible()


def test_locking_keeps_the_drawing_then_closes(qtbot: QtBot) -> None:
    store = NoStore()
    screen = _screen(qtbot, store)
    _mouse_stroke(qtbot, screen.view.canvas, [(50, 100), (250, 100)])
    screen.view.wipe.click()  # a question was open when the lock came
    screen.keep_and_close()
    assert len(store.jobs) == 1  # queued for the vault before the store thread locks it
    assert not screen.isVisible() and screen.view.canvas.is_blank() and not screen.view.canvas.can_undo()
