"""Importing files in the background: a batch with a 200 MB file, a damaged one, a bomb and a text file
gives a message naming each, the good pictures still go in (with no metadata), and the originals are
untouched. Dropping files on the panel imports them too."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.pictures.conftest import run_job
from tests.visitapp.media.samples import assert_no_metadata, drawing_like, encode, gps_jpeg_bytes
from ui.controllers.store_access import StoreAccess
from ui.pictures.importer import ImportController, ImportReport, ImportResultDialog
from ui.pictures.jobs import full_image, visit_pictures
from ui.pictures.panel import PicturesPanel


def make_batch(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "photo": folder / "holiday photo.jpg",
        "drawing": folder / "rainbow.png",
        "huge": folder / "enormous scan.png",
        "corrupt": folder / "half copied.jpg",
        "text": folder / "shopping list.txt",
        "bomb": folder / "tiny but huge.png",
    }
    files["photo"].write_bytes(gps_jpeg_bytes())
    files["drawing"].write_bytes(encode(drawing_like((500, 400)), "PNG"))
    with files["huge"].open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # 200 MB (sparse: takes no room on disk)
    files["corrupt"].write_bytes(gps_jpeg_bytes()[:700])
    files["text"].write_text("eggs, milk, bread")
    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG")
    files["bomb"].write_bytes(buffer.getvalue())
    return files


def test_a_bad_batch_names_each_bad_file_and_keeps_the_good_ones(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str], tmp_path: Path
) -> None:
    visit_id = vault_with_child["visit_id"]
    files = make_batch(tmp_path / "from the tablet")
    before = {name: (path.stat().st_size, path.stat().st_mtime_ns) for name, path in files.items()}
    controller = ImportController(store, visit_id)
    reports: list[ImportReport] = []
    controller.finished.connect(reports.append)
    assert controller.import_paths([str(p) for p in files.values()])
    assert not controller.import_paths([str(files["photo"])])  # one batch at a time
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    report = reports[0]

    assert sorted(name for name, _ in report.added) == ["holiday photo.jpg", "rainbow.png"]
    messages = dict(report.refused)
    assert set(messages) == {"enormous scan.png", "half copied.jpg", "shopping list.txt", "tiny but huge.png"}
    for name, message in messages.items():
        assert f"“{name}”" in message and str(tmp_path) not in message  # the name, never the folders
    assert "200 MB" in messages["enormous scan.png"] and "50 MB" in messages["enormous scan.png"]
    assert "damaged" in messages["half copied.jpg"]
    assert "not a picture" in messages["shopping list.txt"]
    assert "bigger than any camera photo" in messages["tiny but huge.png"]

    listed = run_job(qtbot, store, visit_pictures(visit_id))
    assert len(listed) == 2  # type: ignore[arg-type]
    for picture in listed:  # type: ignore[attr-defined]
        stored, _image = run_job(qtbot, store, full_image(picture.id))  # type: ignore[misc]
        assert_no_metadata(stored.data)
    after = {name: (path.stat().st_size, path.stat().st_mtime_ns) for name, path in files.items()}
    assert after == before  # the originals stay where they were, as they were

    dialog = ImportResultDialog(report)
    qtbot.addWidget(dialog)
    assert "2 added, 4 not added" in dialog.findChild(object, "importResultHeading").text()
    note = dialog.findChild(object, "importOriginalsNote").text()
    assert "original files stay where they were" in note
    refused_lines = [w for w in dialog.findChildren(object, "importRefusedLine")]
    assert len(refused_lines) == 4


def test_dropping_files_on_the_panel_imports_them(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str], tmp_path: Path
) -> None:
    visit_id = vault_with_child["visit_id"]
    files = make_batch(tmp_path / "dropped")
    panel = PicturesPanel(store, visit_id=visit_id)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["drawing"])), QUrl.fromLocalFile(str(files["text"]))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(panel, enter)  # as a real drag does: enter first, then drop
    assert enter.isAccepted() and panel.view.drop_hint.property("dragging") == "true"
    QApplication.sendEvent(
        panel, QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    qtbot.waitUntil(lambda: any(isinstance(d, ImportResultDialog) for d in panel.dialogs), timeout=20000)
    [result] = [d for d in panel.dialogs if isinstance(d, ImportResultDialog)]
    assert [name for name, _ in result.report.added] == ["rainbow.png"]
    assert [name for name, _ in result.report.refused] == ["shopping list.txt"]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
