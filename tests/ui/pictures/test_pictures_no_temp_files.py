"""After drawing, a camera capture and an import, neither the data folder nor the system temp folder holds an
image file or any plaintext run of the stored pictures' bytes: they exist only inside the encrypted vault."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.pictures.conftest import run_job
from tests.ui.pictures.test_pictures_camera import InjectedCamera
from tests.ui.pictures.test_pictures_import import make_batch
from ui.controllers.store_access import StoreAccess
from ui.pictures.camera import CameraDialog
from ui.pictures.drawing_screen import DrawingScreen
from ui.pictures.importer import ImportController, ImportReport
from visitapp.pictures import Pictures

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".heic", ".heif", ".bmp", ".gif", ".tif", ".tiff", ".ppm"}
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"RIFF", b"GIF8", b"BM")
RUN = 48  # bytes: a run this long from inside a compressed picture occurs nowhere by chance


def _files(root: Path, since_ns: int, skip: list[Path]) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        if any(Path(folder).is_relative_to(s) for s in skip):
            continue
        for name in names:
            path = Path(folder) / name
            try:
                info = path.stat()
            except OSError:
                continue  # another program's file, gone already
            if info.st_mtime_ns >= since_ns and info.st_size < 100 * 1024 * 1024:
                yield path


def _runs(data: bytes) -> list[bytes]:
    """Distinctive byte runs: from the middle and three-quarters of the way through the stored bytes."""
    return [data[len(data) // 2 : len(data) // 2 + RUN], data[3 * len(data) // 4 : 3 * len(data) // 4 + RUN]]


def test_pictures_leave_no_trace_outside_the_vault(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str], data_dir: Path, tmp_path: Path
) -> None:
    visit_id = vault_with_child["visit_id"]
    originals = tmp_path / "worker's own pictures"
    files = make_batch(originals)
    started = time.time_ns() - 2_000_000_000  # file systems keep coarse times

    # drawing
    screen = DrawingScreen(store, visit_id)
    qtbot.addWidget(screen)
    screen.start()
    canvas = screen.view.canvas
    for n in range(5):
        canvas.pen_down(0, QPointF(40 + n * 50, 40))
        canvas.pen_move(0, QPointF(300 - n * 30, 400))
        canvas.pen_up(0)
    kept: list[object] = []
    screen.kept.connect(kept.append)
    screen.view.done.click()
    # camera
    frame = QImage(1280, 960, QImage.Format.Format_RGB32)
    for y in range(960):
        for x in range(0, 1280, 4):
            frame.setPixelColor(x, y, QColor((x * 7) % 256, (y * 3) % 256, (x + y) % 256))
    camera = CameraDialog(store, visit_id, source=InjectedCamera([frame]))
    qtbot.addWidget(camera)
    camera.show()
    camera.kept.connect(kept.append)
    camera.take.click()
    camera.keep.click()
    # import
    importer = ImportController(store, visit_id)
    reports: list[ImportReport] = []
    importer.finished.connect(reports.append)
    importer.import_paths([str(p) for p in files.values()])
    qtbot.waitUntil(lambda: len(kept) == 2 and bool(reports), timeout=20000)

    def stored_bytes(context: object) -> list[bytes]:
        service = Pictures(context.casework.conn, context.casework.worker_id)  # type: ignore[attr-defined]
        pictures = service.for_visit(visit_id)
        thumbs = service.thumbnails([p.id for p in pictures])
        return [service.image(p.id).data for p in pictures] + list(thumbs.values())

    blobs = run_job(qtbot, store, stored_bytes)
    assert len(blobs) == 8  # type: ignore[arg-type]  # 4 pictures, 4 thumbnails
    runs = [run for blob in blobs for run in _runs(blob)]  # type: ignore[attr-defined]
    store.stop()  # checkpoint and lock: what is on disk now is what stays there

    checked = 0
    for root in (data_dir, Path(tempfile.gettempdir())):
        # Skipped: the worker's own files, and other tests' folders (pytest keeps them all under one root);
        # this test's data folder is searched on its own, first.
        skip = [originals] if root == data_dir else [tmp_path.parent.parent]
        for path in _files(root, started, skip):
            try:
                content = path.read_bytes()
            except OSError:
                continue  # another program's file we may not read
            checked += 1
            assert path.suffix.lower() not in IMAGE_SUFFIXES, f"an image file was written: {path}"
            assert not content.startswith(IMAGE_MAGIC), f"an image was written: {path}"
            assert not any(run in content for run in runs), f"picture bytes in plain text: {path}"
    assert checked >= 1  # at least the vault itself was searched
    assert (data_dir / "vault.db").exists()
