"""Small, careful file writes for the few files beside the encrypted database (none holds case content),
and the folder fsync that the export, the wipe and the sync server use too."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write a sibling file, fsync it, rename it over the target: a crash leaves old or new, never half."""
    tmp = path.with_name(path.name + ".new")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a folder's entries (a file created, renamed or removed in it) survive a power cut. A no-op where
    the system cannot open a folder for that (Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
