"""The tablet camera: choose front or back, see the preview, take a photo, take it again or keep it.

Photos are captured into memory (``QImageCapture.capture()``, never ``captureToFile``), encoded to JPEG in a
QBuffer and kept in the vault. With no camera, the screen says so plainly and offers adding a picture file.

Use::

    dialog = CameraDialog(store, visit_id, parent)   # or CameraDialog(..., source=a test's frame source)
    dialog.kept.connect(...)                         # PictureInfo
    dialog.import_requested.connect(...)             # no camera: the worker chose to add a file instead
    dialog.open()
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtMultimedia import QCamera, QCameraDevice, QImageCapture, QMediaCaptureSession, QMediaDevices
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.pictures.gallery_model import fitted
from ui.pictures.inmemory import image_bytes
from ui.pictures.jobs import Store, add_capture
from ui.pictures.messages import tr
from ui.pictures.style import apply_pictures_style
from ui.views.widgets import button, label, named
from visitapp.pictures import PictureInfo

JPEG_QUALITY = 92  # the core re-encodes at its own quality; this only has to lose nothing visible first


@dataclass(frozen=True)
class CameraChoice:
    key: str
    name: str  # what the worker sees: "Back camera", "Front camera (faces you)", or the device's name
    back: bool


class FrameSource(QObject):
    """Where photos come from. The real one wraps QtMultimedia; tests inject their own frames."""

    frame = Signal(QImage)
    problem = Signal(str)

    def cameras(self) -> list[CameraChoice]:
        return []

    def start(self, choice: CameraChoice, preview: QWidget | None) -> None: ...

    def capture(self) -> None: ...

    def stop(self) -> None: ...

    def preview_widget(self) -> QWidget | None:
        return None


class QtCameraSource(FrameSource):
    """QCamera + QMediaCaptureSession + QImageCapture, capturing to a QImage in memory."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._devices = {bytes(d.id().data()).hex(): d for d in QMediaDevices.videoInputs()}
        self._back_position = QCameraDevice.Position.BackFace
        self._front_position = QCameraDevice.Position.FrontFace
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._capture: QImageCapture | None = None
        self._preview: QWidget | None = None

    def cameras(self) -> list[CameraChoice]:
        choices = []
        for key, device in self._devices.items():
            position = device.position()
            if position == self._back_position:
                name, back = tr("Back camera"), True
            elif position == self._front_position:
                name, back = tr("Front camera (faces you)"), False
            else:
                name, back = device.description() or tr("Camera"), False
            choices.append(CameraChoice(key, name, back))
        return sorted(choices, key=lambda c: not c.back)  # the back camera first: it photographs paper

    def preview_widget(self) -> QWidget | None:
        if self._preview is None:
            self._preview = QVideoWidget()
            self._preview.setObjectName("cameraPreview")
            self._preview.setAccessibleName(tr("What the camera sees"))
        return self._preview

    def start(self, choice: CameraChoice, preview: QWidget | None) -> None:
        self.stop()
        camera = QCamera(self._devices[choice.key])
        session = QMediaCaptureSession()
        capture = QImageCapture()
        session.setCamera(camera)
        session.setImageCapture(capture)
        if isinstance(preview, QVideoWidget):
            session.setVideoOutput(preview)
        capture.imageCaptured.connect(lambda _id, image: self.frame.emit(image))
        capture.errorOccurred.connect(lambda _id, _error, text: self.problem.emit(text))
        camera.errorOccurred.connect(lambda _error, text: self.problem.emit(text))
        self._camera, self._session, self._capture = camera, session, capture
        camera.start()

    def capture(self) -> None:
        if self._capture is not None:
            self._capture.capture()  # into memory; never captureToFile

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self._camera = self._session = self._capture = None


class CameraDialog(QDialog):
    kept = Signal(object)  # PictureInfo
    import_requested = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, visit_id: str, parent: QWidget | None = None,
                 source: FrameSource | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("cameraScreen")
        self.setWindowTitle(tr("Take a photo"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        apply_pictures_style(self)
        self.store = store
        self.visit_id = visit_id
        self.source = source if source is not None else QtCameraSource(self)
        self.source.setParent(self)
        self.source.frame.connect(self.show_frame)
        self.source.problem.connect(self._problem)
        self._photo: QImage | None = None
        self.choices = self.source.cameras()

        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.message = label(kind="error")
        self.message.setObjectName("cameraMessage")
        layout.addWidget(self.message)
        if self.choices:
            self._build_camera_page()
        else:
            self._build_no_camera_page()
        self.resize(960, 680)

    # No camera ---------------------------------------------------------------------------------------------

    def _build_no_camera_page(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch()
        text = QLabel(tr(
            "No camera was found on this computer.\n\n"
            "To keep a picture the child made on paper, take a photo of it with another device you are "
            "allowed to use for work, then add the photo from the computer's files."
        ))  # fmt: skip
        text.setObjectName("noCameraMessage")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.close_button = button(tr("&Close"), "cameraClose", tr("Close"))
        add_text = tr("Add pictures from files")
        self.add_files = button(tr("&Add pictures from files…"), "cameraAddFiles", add_text, primary=True)
        for widget in (self.close_button, self.add_files):
            widget.setMinimumHeight(52)
            buttons.addWidget(widget)
        buttons.addStretch()
        box.addSpacing(24)
        box.addLayout(buttons)
        box.addStretch()
        self.close_button.clicked.connect(self.reject)
        self.add_files.clicked.connect(self._import_instead)
        self.pages.addWidget(page)
        self.add_files.setFocus()

    def _import_instead(self) -> None:
        self.accept()
        self.import_requested.emit()

    # Camera ------------------------------------------------------------------------------------------------

    def _build_camera_page(self) -> None:
        live = QWidget()
        live_layout = QVBoxLayout(live)
        top = QHBoxLayout()
        self.camera_choice = named(QComboBox(), "cameraChoice", tr("Which camera"))
        self.camera_choice.setMinimumHeight(44)
        for choice in self.choices:
            self.camera_choice.addItem(choice.name, choice.key)
        top.addWidget(label(tr("Camera:"), buddy=self.camera_choice))
        top.addWidget(self.camera_choice, 1)
        live_layout.addLayout(top)
        preview = self.source.preview_widget()
        if preview is None:
            preview = QLabel(tr("The camera is ready."))
            preview.setObjectName("cameraPreview")
            preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview = preview
        live_layout.addWidget(preview, 1)
        self.take = button(tr("&Take photo"), "cameraTake", tr("Take photo"), primary=True)
        self.cancel = button(tr("&Cancel"), "cameraCancel", tr("Cancel"))
        row = QHBoxLayout()
        row.addWidget(self.cancel)
        row.addStretch()
        row.addWidget(self.take)
        live_layout.addLayout(row)

        still = QWidget()
        still_layout = QVBoxLayout(still)
        self.still = QLabel()
        self.still.setObjectName("cameraStill")
        self.still.setAccessibleName(tr("The photo just taken"))
        self.still.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.still.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        still_layout.addWidget(self.still, 1)
        self.retake = button(tr("Take it &again"), "cameraRetake", tr("Take it again"))
        self.keep = button(tr("&Keep this photo"), "cameraKeep", tr("Keep this photo"), primary=True)
        row2 = QHBoxLayout()
        row2.addWidget(self.retake)
        row2.addStretch()
        row2.addWidget(self.keep)
        still_layout.addLayout(row2)
        for widget in (self.take, self.cancel, self.retake, self.keep):
            widget.setMinimumHeight(52)
        self.pages.addWidget(live)
        self.pages.addWidget(still)

        self.camera_choice.currentIndexChanged.connect(self._start_camera)
        self.take.clicked.connect(self.source.capture)
        self.cancel.clicked.connect(self.reject)
        self.retake.clicked.connect(self._retake)
        self.keep.clicked.connect(self.keep_photo)
        self._start_camera()

    def _start_camera(self) -> None:
        choice = self.choices[max(0, self.camera_choice.currentIndex())]
        self.message.setText("")
        self.source.start(choice, self.preview)

    def show_frame(self, image: QImage) -> None:
        """A photo was taken (or a test handed one over): show it, and offer Take again and Keep."""
        if image.isNull():
            self._problem(tr("The camera did not give a picture. Please try again."))
            return
        self._photo = image
        self._fit_photo()
        self.pages.setCurrentIndex(1)
        self.keep.setFocus()

    def _retake(self) -> None:
        self._forget_photo()
        self.pages.setCurrentIndex(0)

    def keep_photo(self) -> None:
        if self._photo is None:
            return
        data = image_bytes(self._photo, b"JPEG", JPEG_QUALITY)
        self._forget_photo()
        self.keep.setEnabled(False)
        queued = self.store.run(
            add_capture(self.visit_id, data, "camera photo"), self._stored, self._not_stored
        )
        if not queued:
            self._not_stored(RuntimeError("locked"))

    def _stored(self, info: PictureInfo) -> None:
        self.kept.emit(info)
        self.accept()

    def _not_stored(self, exc: Exception) -> None:
        self.keep.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self._problem(tr("The photo could not be kept. Please take it again."))
        self.failed.emit(str(exc))

    def _problem(self, text: str) -> None:
        self.message.setText(text)

    def _forget_photo(self) -> None:
        self._photo = None
        if self.choices:
            self.still.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_photo()

    def _fit_photo(self) -> None:
        if self._photo is not None:
            pixmap = QPixmap.fromImage(self._photo)
            self.still.setPixmap(fitted(pixmap, max(64, self.still.width()), max(64, self.still.height())))

    def done(self, result: int) -> None:
        self.source.stop()
        self._forget_photo()
        super().done(result)
