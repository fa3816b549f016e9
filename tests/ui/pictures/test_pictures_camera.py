"""The camera screen: with no camera (this machine has none) a plain message and the import option; with a
camera (an injected frame source) take, retake and keep, the photo going to the vault as a JPEG."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.pictures.conftest import run_job
from ui.controllers.store_access import StoreAccess
from ui.pictures.camera import CameraChoice, CameraDialog, FrameSource, QtCameraSource
from ui.pictures.jobs import visit_pictures
from visitapp.pictures import MadeBy, PictureInfo, Source


class InjectedCamera(FrameSource):
    """Two cameras; each capture hands over the next frame, as QImageCapture would."""

    def __init__(self, frames: list[QImage]) -> None:
        super().__init__()
        self.frames = frames
        self.started: list[str] = []
        self.stopped = 0

    def cameras(self) -> list[CameraChoice]:
        return [
            CameraChoice("back", "Back camera", True),
            CameraChoice("front", "Front camera (faces you)", False),
        ]

    def start(self, choice: CameraChoice, preview: object) -> None:
        self.started.append(choice.key)

    def capture(self) -> None:
        self.frame.emit(self.frames.pop(0))

    def stop(self) -> None:
        self.stopped += 1


def _frame(colour: str) -> QImage:
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def test_no_camera_says_so_and_offers_import(qtbot: QtBot) -> None:
    assert QtCameraSource().cameras() == []  # this machine really has none
    dialog = CameraDialog(None, "v")  # type: ignore[arg-type]  # nothing is stored here
    qtbot.addWidget(dialog)
    dialog.show()
    message = dialog.findChild(object, "noCameraMessage")
    assert message is not None and "No camera" in message.text()
    asked: list[bool] = []
    dialog.import_requested.connect(lambda: asked.append(True))
    assert dialog.add_files.accessibleName() and dialog.add_files.height() >= 44
    dialog.add_files.click()
    assert asked == [True] and not dialog.isVisible()


def test_take_retake_and_keep_a_photo(
    qtbot: QtBot, store: StoreAccess, vault_with_child: dict[str, str]
) -> None:
    visit_id = vault_with_child["visit_id"]
    source = InjectedCamera([_frame("#c0392b"), _frame("#2e86c1")])
    dialog = CameraDialog(store, visit_id, source=source)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.camera_choice.itemText(i) for i in range(2)] == ["Back camera", "Front camera (faces you)"]
    assert source.started == ["back"]
    dialog.camera_choice.setCurrentIndex(1)
    assert source.started == ["back", "front"]

    dialog.take.click()
    assert dialog.pages.currentIndex() == 1  # the photo, with Take again and Keep
    dialog.retake.click()
    assert dialog.pages.currentIndex() == 0
    dialog.take.click()
    kept: list[PictureInfo] = []
    dialog.kept.connect(kept.append)
    dialog.keep.click()
    qtbot.waitUntil(lambda: bool(kept), timeout=10000)
    assert not dialog.isVisible() and source.stopped >= 1
    [listed] = run_job(qtbot, store, visit_pictures(visit_id))  # type: ignore[misc]
    assert listed.source is Source.CAMERA and listed.made_by is MadeBy.PHOTO
    assert listed.mime_type == "image/jpeg" and (listed.width, listed.height) == (1600, 1200)
