"""Work the letter screen hands to other threads: store jobs (open, save, record an export) and the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Signal

from visitapp.store.db import Connection
from visitapp.writing.letters import LetterService, LetterSession, PictureSource, export_letter

PictureSourceFactory = Callable[[Connection], PictureSource]


class Store(Protocol):
    """What the screen needs from ``ui.controllers.store_access.StoreAccess``."""

    def run(self, job: Callable[[Any], Any], on_done: Any = None, on_error: Any = None) -> bool: ...


def _service(context: Any, pictures: PictureSourceFactory | None) -> LetterService:
    casework = context.casework  # raises "VisitApp is locked." when it is
    source = pictures(casework.conn) if pictures is not None else None
    return LetterService(casework.conn, casework.worker_id, source)


def open_letter(visit_id: str, pictures: PictureSourceFactory | None) -> Callable[[Any], LetterSession]:
    return lambda context: _service(context, pictures).open(visit_id)


def recompose_letter(visit_id: str, pictures: PictureSourceFactory | None) -> Callable[[Any], LetterSession]:
    return lambda context: _service(context, pictures).recompose(visit_id)


def save_letter(visit_id: str, text: str) -> Callable[[Any], None]:
    return lambda context: _service(context, None).save(visit_id, text)


def record_export(visit_id: str, protected: bool) -> Callable[[Any], None]:
    return lambda context: _service(context, None).record_export(visit_id, protected)


class _ExportSignals(QObject):
    done = Signal(object)  # Path
    failed = Signal(object)  # Exception


class ExportRunnable(QRunnable):
    """Builds and writes the PDF on a pool thread. Needs no store: everything is in the session."""

    def __init__(
        self, session: LetterSession, text: str, folder: Path, file_name: str, password: str | None
    ) -> None:
        super().__init__()
        self.signals = _ExportSignals()
        self._args = (session, text, folder, file_name, password)

    def run(self) -> None:
        try:
            path = export_letter(*self._args)
        except Exception as exc:  # reported to the worker in plain words by the screen
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(path)
