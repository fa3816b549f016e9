"""Destroying a revoked laptop's vault: the key file first (without it the database is unreadable), then the
database and its side files, each overwritten with random bytes, flushed, and removed.

What this can promise is in docs/security.md ("A revoked laptop"): the key is gone, so the encrypted
database cannot be opened with this laptop's passphrase any more; overwriting is best effort, because SSDs,
copy-on-write file systems, snapshots and backups may keep old blocks that no program can reach.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from visitapp.paths import VaultPaths
from visitapp.store.files import fsync_folder

log = logging.getLogger(__name__)

BLOCK = 1024 * 1024


@dataclass
class WipeResult:
    removed: list[str] = field(default_factory=list)  # file names (no content)
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def _overwrite_and_remove(path: Path, result: WipeResult) -> None:
    if not path.exists():
        return
    try:
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as handle:
            written = 0
            while written < size:
                n = min(BLOCK, size - written)
                handle.write(secrets.token_bytes(n))
                written += n
            os.fsync(handle.fileno())
            handle.truncate(0)
            os.fsync(handle.fileno())
        path.unlink()
        result.removed.append(path.name)
    except OSError as exc:
        log.warning("could not wipe %s: %s", path.name, type(exc).__name__)
        result.problems.append(f"{path.name}: {type(exc).__name__}")
        try:
            path.unlink()
            result.removed.append(path.name)
        except OSError:
            pass


def _sync_dir(folder: Path) -> None:
    if folder.exists():
        fsync_folder(folder)


def destroy_vault(paths: VaultPaths, vault: object | None = None) -> WipeResult:
    """Lock ``vault`` (an ``OpenVault``) if given, then destroy the key and the database files."""
    if vault is not None:
        lock = getattr(vault, "lock", None)
        if callable(lock):
            lock()
    result = WipeResult()
    _overwrite_and_remove(paths.key_file, result)  # first: from here on the database is unreadable
    _sync_dir(paths.root)
    db = paths.database
    for path in (
        db,
        db.with_name(db.name + "-wal"),
        db.with_name(db.name + "-shm"),
        db.with_name(db.name + "-journal"),
        paths.attempts_file,
    ):
        _overwrite_and_remove(path, result)
    _sync_dir(paths.root)
    return result
