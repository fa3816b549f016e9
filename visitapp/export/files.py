"""Where an exported letter goes: a file name that names no child unless the worker typed it, written whole.

The file is written next to its final name and renamed over it once complete (``os.replace``), so a full
disk or a pulled USB stick leaves either the old file or none, never half a letter.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from visitapp.store.files import fsync_folder

_UNSAFE = re.compile(r"[\x00-\x1f<>:\"/\\|?*]+")
_WINDOWS_RESERVED = frozenset(
    "con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2 lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 "
    "lpt9".split()
)
MAX_NAME = 120


class ExportError(Exception):
    """The letter could not be written; the message says what to do, in plain words."""


def default_file_name(visit_day: date) -> str:
    """ "letter-2026-03-04.pdf": the visit's date, and nothing that says whose letter it is."""
    return f"letter-{visit_day.isoformat()}.pdf"


def clean_file_name(typed: str, visit_day: date, fallback: str | None = None) -> str:
    """The worker's typed name made safe on every system: no folders, no reserved names, ends in .pdf.
    A name with nothing usable left gives ``fallback`` (by default, the visit's ``default_file_name``)."""
    name = _UNSAFE.sub("-", typed).strip(" .-")
    name = re.sub(r"\s+", " ", name)
    if name.lower().endswith(".pdf"):
        name = name[:-4].rstrip(" .-")
    if not name or name.lower() in _WINDOWS_RESERVED:
        return fallback or default_file_name(visit_day)
    return name[:MAX_NAME] + ".pdf"


def write_atomically(data: bytes, destination: Path) -> Path:
    """Write ``data`` to ``destination`` whole or not at all. Returns the final path."""
    folder = destination.parent
    if not folder.is_dir():
        raise ExportError("That folder does not exist. Choose another folder.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".visitapp-", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError("VisitApp may not save in that folder. Choose another folder.") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, destination)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise ExportError(
            "The letter could not be saved there. Check there is space and that you may save in that folder."
        ) from exc
    with contextlib.suppress(OSError):  # make the rename itself survive a power cut, where the OS allows
        fsync_folder(folder)
    return destination
