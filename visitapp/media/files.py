"""Importing picture files chosen by the worker: each file is read once, read-only, and never changed.

A batch never stops at a bad file: every path gets its own result, kept or refused with a message naming it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import MAX_FILE_BYTES, PictureRefused, Reason, human_size, refuse
from .pictures import PreparedPicture, prepare_picture

StrPath = str | os.PathLike[str]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NONBLOCK", 0)  # a named pipe must not hang the import; it is refused below
)


@dataclass(frozen=True)
class ImportResult:
    """One file's outcome: exactly one of ``picture`` and ``refused`` is set."""

    path: str
    picture: PreparedPicture | None = None
    refused: PictureRefused | None = None

    @property
    def ok(self) -> bool:
        return self.picture is not None

    @property
    def message(self) -> str | None:
        """The plain-words reason a file was not added (None when it was)."""
        return None if self.refused is None else str(self.refused)


def check_file_size(path: StrPath) -> int:
    """The file's size in bytes, found without reading it; ``PictureRefused`` if it is missing or too big."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as exc:
        raise _os_refusal(name, exc) from exc
    return _check_stat(name, info)


def read_picture_file(path: StrPath) -> bytes:
    """Read a picture file's bytes, once, after checking its size. Nothing is ever written to it."""
    name = os.fspath(path)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_refusal(name, exc) from exc
    try:
        _check_stat(name, os.fstat(fd))  # the very file we opened, not whatever the name points to now
        with open(fd, "rb", closefd=False) as file:
            data = file.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while we read it
    except OSError as exc:
        raise _os_refusal(name, exc) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise refuse(name, Reason.TOO_BIG, size=f"more than {human_size(MAX_FILE_BYTES)}")
    return data


def import_file(path: StrPath) -> ImportResult:
    name = os.fspath(path)
    try:
        return ImportResult(name, picture=prepare_picture(read_picture_file(name), name))
    except PictureRefused as refusal:
        return ImportResult(name, refused=refusal)
    except MemoryError as exc:
        return ImportResult(name, refused=_chained(refuse(name, Reason.OUT_OF_MEMORY), exc))
    except Exception as exc:  # a fault of ours must cost the worker one picture, not the whole batch
        return ImportResult(name, refused=_chained(refuse(name, Reason.INTERNAL), exc))


def iter_import(paths: Iterable[StrPath]) -> Iterator[ImportResult]:
    """Import files one at a time, yielding each result as soon as it is ready (for progress reports)."""
    for path in paths:
        yield import_file(path)


def import_batch(paths: Iterable[StrPath]) -> list[ImportResult]:
    """Import every file; one bad file never stops the others. Results are in the order of ``paths``."""
    return list(iter_import(paths))


def _check_stat(name: str, info: os.stat_result) -> int:
    if not stat.S_ISREG(info.st_mode):
        raise refuse(name, Reason.NOT_A_FILE)
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(name, Reason.TOO_BIG, size=human_size(info.st_size))
    if info.st_size == 0:
        raise refuse(name, Reason.EMPTY)
    return info.st_size


def _os_refusal(name: str, exc: OSError) -> PictureRefused:
    if isinstance(exc, FileNotFoundError):
        return refuse(name, Reason.NOT_FOUND)
    if isinstance(exc, PermissionError) and not os.path.isdir(name):  # Windows says this of folders too
        return refuse(name, Reason.NOT_ALLOWED)
    if isinstance(exc, IsADirectoryError | NotADirectoryError):
        return refuse(name, Reason.NOT_A_FILE)
    return refuse(name, Reason.UNREADABLE)


def _chained(refusal: PictureRefused, cause: BaseException) -> PictureRefused:
    refusal.__cause__ = cause
    return refusal
