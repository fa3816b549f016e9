"""Drawing mode: a full-screen window the child cannot leave except by Done (or the worker's own button).

Use::

    screen = DrawingScreen(store, visit_id, parent=main_window)
    screen.kept.connect(...)   # PictureInfo, once the drawing is safely in the vault
    screen.left.connect(...)   # closed with nothing kept (empty page, or the worker left)
    screen.start()             # full screen, application-modal

Escape, Alt+F4 and the window's close button do nothing here. When the app locks, call
``keep_and_close()``: the drawing is queued for the vault before the lock closes it, then forgotten.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pictures.drawing_view import COLOURS, DrawingView, brush_dot, dot_icon
from ui.pictures.jobs import Store, add_capture
from ui.pictures.messages import tr
from ui.pictures.style import apply_pictures_style
from visitapp.pictures import PictureInfo


class DrawingScreen(QWidget):
    kept = Signal(object)  # PictureInfo
    left = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("drawingWindow")
        self.setWindowTitle(tr("Drawing"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        apply_pictures_style(self)
        self.store = store
        self.visit_id = visit_id
        self._may_close = False
        self._pending_confirm = ""
        self.view = DrawingView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        view = self.view
        canvas = view.canvas
        view.colours.idClicked.connect(self._pick_colour)
        view.brushes.idClicked.connect(self._pick_brush)
        view.rubber.toggled.connect(self._rubber)
        view.undo.clicked.connect(canvas.undo)
        view.redo.clicked.connect(canvas.redo)
        view.wipe.clicked.connect(self._ask_wipe)
        view.done.clicked.connect(self.done)
        view.leave.clicked.connect(self._ask_leave)
        view.confirm.yes.clicked.connect(self._confirmed)
        view.confirm.no.clicked.connect(view.confirm.hide)
        canvas.history_changed.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Undo, self, canvas.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, canvas.redo)
        self._pick_brush(1)
        self._pick_colour(0)
        self._update_buttons()

    # Opening and leaving ---------------------------------------------------------------------------------

    def start(self) -> None:
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.view.canvas.setFocus()

    def done(self) -> None:
        """Keep the drawing (unless the page is empty) and hand back to the visit."""
        canvas = self.view.canvas
        if canvas.is_blank():
            self._close()
            self.left.emit()
            return
        data = canvas.png_bytes()
        queued = self.store.run(add_capture(self.visit_id, data, "drawing"), self._stored, self._not_stored)
        if not queued:
            self.failed.emit(tr("VisitApp is locked, so the drawing could not be kept."))
            return
        canvas.forget()
        self._close()

    def keep_and_close(self) -> None:
        """For locking: keep whatever is drawn, then close. Nothing stays on screen or in memory."""
        self.view.confirm.hide()
        self.done()
        if self.isVisible():  # the store was already gone: nothing can be kept, but nothing may be left
            self.view.canvas.forget()
            self._close()

    def _close(self) -> None:
        self._may_close = True
        self.close()

    def _stored(self, info: PictureInfo) -> None:
        self.kept.emit(info)

    def _not_stored(self, exc: Exception) -> None:
        self.failed.emit(tr("The drawing could not be kept: {why}").format(why=str(exc)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 and the close button: only Done or the worker's button leave

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            if self.view.confirm.isVisible():
                self.view.confirm.hide()
            event.accept()  # never leaves drawing mode
            return
        super().keyPressEvent(event)

    # Tools -------------------------------------------------------------------------------------------------

    def _pick_colour(self, index: int) -> None:
        colour = COLOURS[index][0]
        self.view.canvas.colour = QColor(colour)
        self.view.rubber.setChecked(False)
        for button in self.view.brushes.buttons():  # the brushes show the colour they will draw in
            button.setIcon(dot_icon(brush_dot(float(button.property("brushWidth"))), colour))

    def _pick_brush(self, index: int) -> None:
        button = self.view.brushes.button(index)
        self.view.canvas.brush_width = float(button.property("brushWidth"))

    def _rubber(self, on: bool) -> None:
        self.view.canvas.eraser = on

    def _update_buttons(self) -> None:
        canvas = self.view.canvas
        self.view.undo.setEnabled(canvas.can_undo())
        self.view.redo.setEnabled(canvas.can_redo())

    # Questions ---------------------------------------------------------------------------------------------

    def _ask_wipe(self) -> None:
        if self.view.canvas.is_blank():
            return
        self._pending_confirm = "wipe"
        self.view.confirm.ask(
            tr("Start again with a clean page?\nYour drawing will be rubbed out. (Undo brings it back.)"),
            yes=tr("Yes, clean page"),
            no=tr("No, keep drawing"),
        )

    def _ask_leave(self) -> None:
        if self.view.canvas.is_blank():
            self._close()
            self.left.emit()
            return
        self._pending_confirm = "leave"
        self.view.confirm.ask(
            tr("Leave drawing without keeping this picture?\nTo keep it, press Done instead."),
            yes=tr("Leave, don't keep it"),
            no=tr("Go back to drawing"),
        )

    def _confirmed(self) -> None:
        self.view.confirm.hide()
        if self._pending_confirm == "wipe":
            self.view.canvas.wipe()
        elif self._pending_confirm == "leave":
            self.view.canvas.forget()
            self._close()
            self.left.emit()
        self._pending_confirm = ""
