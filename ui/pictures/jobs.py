"""Work the picture screens hand to other threads.

- Store jobs (functions of the store thread's context) for ``StoreAccess.run``: each builds a ``Pictures``
  service on the store thread's own connection. Drawings and camera frames are prepared inside the job, so a
  lock that arrives right after Done still keeps the picture (queued jobs run before the vault locks).
- ``ImportRunnable``: reads and prepares chosen files on a pool thread, one result at a time, so the UI
  and the store thread never wait for a 12 MP decode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ui.pictures.inmemory import image_from
from visitapp.media import CaptureKind, PreparedPicture, iter_import, prepare_capture
from visitapp.pictures import Consent, PictureDetails, PictureImage, PictureInfo, Pictures, Source

StoreJob = Callable[[Any], Any]


class Store(Protocol):
    """What the picture screens need from ``ui.controllers.store_access.StoreAccess``."""

    def run(self, job: StoreJob, on_done: Any = None, on_error: Any = None) -> bool: ...


def _service(context: Any) -> Pictures:
    casework = context.casework  # raises "VisitApp is locked." when it is
    return Pictures(casework.conn, casework.worker_id)


def add_prepared(visit_id: str, picture: PreparedPicture, source: Source) -> StoreJob:
    return lambda context: _service(context).add(visit_id, picture, source)


def add_capture(visit_id: str, data: bytes, kind: CaptureKind) -> StoreJob:
    """Prepare a drawing or camera frame (PNG/JPEG bytes in memory) and keep it, in one store job."""
    source = Source.DRAWING if kind == "drawing" else Source.CAMERA

    def job(context: Any) -> PictureInfo:
        return _service(context).add(visit_id, prepare_capture(data, kind), source)

    return job


def visit_pictures(visit_id: str) -> StoreJob:
    return lambda context: _service(context).for_visit(visit_id)


def child_pictures(child_id: str) -> StoreJob:
    return lambda context: _service(context).for_child(child_id)


def thumbnails(picture_ids: Sequence[str]) -> StoreJob:
    """Thumbnails decoded on the store thread (QImage, not QPixmap, is safe off the UI thread)."""
    ids = list(picture_ids)

    def job(context: Any) -> dict[str, QImage]:
        found = _service(context).thumbnails(ids)
        return {picture_id: image_from(data) for picture_id, data in found.items()}

    return job


def full_image(picture_id: str) -> StoreJob:
    def job(context: Any) -> tuple[PictureImage, QImage]:
        stored = _service(context).image(picture_id)
        return stored, image_from(stored.data)

    return job


def save_details(picture_id: str, details: PictureDetails) -> StoreJob:
    return lambda context: _service(context).save_details(picture_id, details)


def set_consent(picture_id: str, consent: Consent) -> StoreJob:
    return lambda context: _service(context).set_consent(picture_id, consent)


def remove(picture_id: str) -> StoreJob:
    return lambda context: _service(context).remove(picture_id)


class ImportSignals(QObject):
    result = Signal(object)  # ImportResult, one per file, in order
    finished = Signal()


class ImportRunnable(QRunnable):
    """Prepares files on a pool thread; the controller hands each good one to the store thread."""

    def __init__(self, paths: Sequence[str]) -> None:
        super().__init__()
        self.signals = ImportSignals()
        self._paths = list(paths)
        self.cancelled = False

    def run(self) -> None:
        try:
            for result in iter_import(self._paths):
                if self.cancelled:
                    break
                self.signals.result.emit(result)
        finally:
            self.signals.finished.emit()
