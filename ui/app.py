"""Starting the desktop app: ``run_app`` is what ``visitapp`` with no sub-command calls."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.controllers.app_controller import AppController
from ui.style import apply_style
from visitapp.paths import VaultPaths, resolve_data_dir

if TYPE_CHECKING:
    from visitapp.store.keys import KdfParams

# For start-up benchmarks and installer smoke tests: quit as soon as the first screen is shown, and say when
# on stdout (the system-wide monotonic clock, so the benchmark can subtract its own start time).
QUIT_WHEN_SHOWN = "VISITAPP_QUIT_WHEN_SHOWN"


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setApplicationName("VisitApp")
    app.setApplicationDisplayName("VisitApp")
    apply_style(app)
    return app


def build(
    data_dir: str | os.PathLike[str] | None = None, kdf_params: KdfParams | None = None
) -> AppController:
    """The app, ready but not shown. ``kdf_params`` lets tests make vaults cheaply; None is the real cost."""
    return AppController(VaultPaths(resolve_data_dir(data_dir)), kdf_params)


def show(controller: AppController) -> None:
    window = controller.window
    screen = window.screen().availableGeometry()
    if screen.width() <= 1440 or screen.height() <= 900:
        window.setGeometry(screen)  # without a window manager, maximising alone does nothing
        window.showMaximized()  # small laptops and tablets: every pixel helps
    else:
        window.resize(1280, 820)
        window.show()
    controller.start()


def quit_on_terminate(app: QApplication) -> None:
    """A logout or ``kill`` asks politely: quit through Qt, so typed notes are saved and the vault locked."""
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    # Python runs signal handlers only when it has control; a light tick gives it control while Qt waits.
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(500)


def run_app(data_dir: str | os.PathLike[str] | None = None, kdf_params: KdfParams | None = None) -> int:
    app = application()
    controller = build(data_dir, kdf_params)
    app.aboutToQuit.connect(controller.shutdown)
    quit_on_terminate(app)
    show(controller)
    if os.environ.get(QUIT_WHEN_SHOWN) == "1":
        QTimer.singleShot(0, lambda: (_report_shown(), app.quit()))  # the screen is up once the loop turns
    return app.exec()


def _report_shown() -> None:
    if sys.stdout is not None:  # a windowed bundle may have no stdout
        print(f"shown at {time.monotonic():.6f}", flush=True)
