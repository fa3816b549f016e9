"""Work the letter screen hands to other threads: store jobs (open, save, record an export) and the PDF.

The screen asks a ``LetterJobs`` for its store jobs, so one screen serves both letters: ``VisitLetterJobs``
(the letter for one visit) and ``UpdateJobs`` (the update gathering a period's visits for one child).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Signal

from visitapp.store.db import Connection
from visitapp.writing.letters import (
    ExportableLetter,
    LetterService,
    LetterSession,
    PictureSource,
    export_letter,
)
from visitapp.writing.periods import Period
from visitapp.writing.updates import UpdateService

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


class LetterJobs(Protocol):
    """The store jobs behind one letter on the screen. ``session`` is what the last open returned."""

    def open(self) -> Callable[[Any], Any]: ...

    def recompose(self) -> Callable[[Any], Any]: ...

    def save(self, session: Any, text: str) -> Callable[[Any], None]: ...

    def record_export(self, session: Any, protected: bool) -> Callable[[Any], None]: ...


class VisitLetterJobs:
    def __init__(self, visit_id: str, pictures: PictureSourceFactory | None = None) -> None:
        self.visit_id = visit_id
        self.pictures = pictures

    def open(self) -> Callable[[Any], Any]:
        return open_letter(self.visit_id, self.pictures)

    def recompose(self) -> Callable[[Any], Any]:
        return recompose_letter(self.visit_id, self.pictures)

    def save(self, session: Any, text: str) -> Callable[[Any], None]:
        return save_letter(self.visit_id, text)

    def record_export(self, session: Any, protected: bool) -> Callable[[Any], None]:
        return record_export(self.visit_id, protected)


class UpdateJobs:
    """One child's update. ``period`` None opens the update touched last, or the last three months."""

    def __init__(self, child_id: str, period: Period | None = None, today: date | None = None) -> None:
        self.child_id = child_id
        self.period = period
        self.today = today

    def _service(self, context: Any) -> UpdateService:
        casework = context.casework  # raises "VisitApp is locked." when it is
        today = self.today
        clock = (lambda: datetime.combine(today, time(12))) if today else datetime.now
        return UpdateService(casework.conn, casework.worker_id, clock=clock)

    def open(self) -> Callable[[Any], Any]:
        child_id, period = self.child_id, self.period  # as they are now, not when the job runs
        return lambda context: self._service(context).open(child_id, period)

    def recompose(self) -> Callable[[Any], Any]:
        child_id, period = self.child_id, self.period
        if period is None:
            return self.open()
        return lambda context: self._service(context).recompose(child_id, period)

    def save(self, session: Any, text: str) -> Callable[[Any], None]:
        letter_id = session.letter_id
        return lambda context: self._service(context).save(letter_id, text)

    def record_export(self, session: Any, protected: bool) -> Callable[[Any], None]:
        letter_id = session.letter_id
        return lambda context: self._service(context).record_export(letter_id, protected)


class _ExportSignals(QObject):
    done = Signal(object)  # Path
    failed = Signal(object)  # Exception


class ExportRunnable(QRunnable):
    """Builds and writes the PDF on a pool thread. Needs no store: everything is in the session."""

    def __init__(
        self, session: ExportableLetter, text: str, folder: Path, file_name: str, password: str | None
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
