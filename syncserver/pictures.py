"""Pictures: stored per child and addressed by SHA-256, uploaded in chunks that can resume.

Each chunk says where it starts and carries its own SHA-256, so a damaged chunk is refused (and resent by
the client) instead of spoiling the picture. When the last byte arrives the whole picture is hashed again;
only a picture whose hash matches its address is made durable in the picture store and marked complete, and
only a complete picture can be downloaded. The bytes live in files (``picture_store``); the ``pictures``
rows say how far each upload is and which child it belongs to.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from syncserver.db import Database, utc_now
from syncserver.picture_store import PictureStore

log = logging.getLogger(__name__)


class Outcome(Enum):
    STORED = "stored"  # chunk appended (maybe completing the picture)
    WRONG_OFFSET = "wrong_offset"  # the chunk does not start where the server's copy ends
    WRONG_LENGTH = "wrong_length"  # the declared size differs from the one given when the upload began
    BAD_CHUNK = "bad_chunk"  # the chunk's bytes do not match its digest
    HASH_MISMATCH = "hash_mismatch"  # all bytes arrived but they are not this picture; upload discarded
    TOO_LONG = "too_long"  # the chunk runs past the declared size


@dataclass(frozen=True)
class UploadState:
    length: int
    received: int
    complete: bool


class PictureUnavailable(Exception):
    """A picture marked complete whose file is missing or damaged: a fault on the server, not the client."""


@dataclass(frozen=True)
class StoreProblem:
    child_id: str
    sha256: str
    path: Path
    problem: str


def _state(store: PictureStore, child_id: str, sha256: str, row: tuple[Any, ...]) -> UploadState:
    length, received, complete = int(row[0]), int(row[1]), bool(row[2])
    if not complete:
        # Chunks before the last are not fsynced, so after a power cut the file may hold less than the
        # database counted: trust only what both hold.
        received = min(received, store.partial_size(child_id, sha256))
    return UploadState(length, received, complete)


def state(db: Database, store: PictureStore, child_id: str, sha256: str) -> UploadState | None:
    with db.transaction() as tx:
        row = tx.one(
            "SELECT length, received, complete FROM pictures WHERE child_id = ? AND sha256 = ?",
            (child_id, sha256),
        )
    return _state(store, child_id, sha256, row) if row else None


def _early_answer(current: UploadState, length: int, offset: int, size: int) -> Outcome | None:
    """The answer to a chunk that cannot be stored where it says, or None if it can."""
    if current.complete:
        return Outcome.STORED  # already here: a repeat is harmless
    if current.length != length:
        return Outcome.WRONG_LENGTH
    if offset != current.received:
        return Outcome.WRONG_OFFSET
    if offset + size > length:
        return Outcome.TOO_LONG
    return None


def put_chunk(
    db: Database,
    store: PictureStore,
    device_id: str,
    child_id: str,
    sha256: str,
    length: int,
    offset: int,
    parts: Sequence[bytes],
    chunk_digest: bytes,
) -> tuple[Outcome, UploadState]:
    """Store one chunk, given as the parts its request body came in (they are never joined: a picture is
    copied once, into the file), whose SHA-256 the client gave as ``chunk_digest``."""
    hasher, size = hashlib.sha256(), 0
    for part in parts:
        hasher.update(part)
        size += len(part)
    if hasher.digest() != chunk_digest:
        current = state(db, store, child_id, sha256)
        return Outcome.BAD_CHUNK, current or UploadState(length, 0, False)
    if offset == 0 and size == length:  # the whole picture in one chunk, its hash checked above
        # Whole bytes that match the address are the picture, whatever an earlier, unfinished upload of it
        # declared: they complete it, and a picture new to the server needs no look at that upload first.
        whole = chunk_digest.hex() == sha256
        if whole and store.write_in_place(sha256, parts):
            return _mark_complete(db, store, device_id, child_id, sha256, length)
        current = state(db, store, child_id, sha256)
        answer = _early_answer(current, length, offset, size) if current else None
        if answer is Outcome.STORED or (answer is not None and not whole):
            assert current is not None
            return answer, current
        # A file is there already (another child's copy, a racing upload, or one cut short by a crash):
        # a file of this request's own, renamed over it once whole, never disturbs a reader.
        finished = store.new_private_file(child_id, sha256, parts)
        return _finish(db, store, device_id, child_id, sha256, length, finished, chunk_digest.hex())
    # The row lock (SQLite: the write lock) is held while the partial file is touched, so only one request
    # at a time writes it, in any server process on this database and picture store.
    with db.transaction(write=True) as tx:
        tx.execute(
            "INSERT INTO pictures (child_id, sha256, length, received, complete, device_id, created_at)"
            " VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING",
            (child_id, sha256, length, device_id, utc_now()),
        )
        row = tx.one(
            "SELECT length, received, complete FROM pictures WHERE child_id = ? AND sha256 = ?"
            + tx.for_update,
            (child_id, sha256),
        )
        assert row is not None
        current = _state(store, child_id, sha256, row)
        answer = _early_answer(current, length, offset, size)
        if answer is not None:
            return answer, current
        # No fsync for a chunk before the last: if a power cut loses it, the file is shorter than the
        # database says, so the client is sent back to resend it; anything torn inside fails the hash check
        # on the last chunk, and the client starts again.
        store.write_partial(child_id, sha256, offset, parts)
        received = offset + size
        if received < length:
            tx.execute(
                "UPDATE pictures SET received = ? WHERE child_id = ? AND sha256 = ?",
                (received, child_id, sha256),
            )
            return Outcome.STORED, UploadState(length, received, False)
        finished = store.detach_partial(child_id, sha256)
    return _finish(db, store, device_id, child_id, sha256, length, finished, None)


def _finish(
    db: Database,
    store: PictureStore,
    device_id: str,
    child_id: str,
    sha256: str,
    length: int,
    finished: Path,
    whole_hex: str | None,
) -> tuple[Outcome, UploadState]:
    """Check a whole upload, make it durable and only then mark it complete. ``finished`` is a file no other
    request knows, so this runs outside the row lock: pictures finishing at once share the disk's flushes
    instead of queueing for SQLite's one writer."""
    try:
        good = (whole_hex or store.file_sha256(finished)) == sha256
        if good:
            store.publish(finished, sha256)
    finally:
        finished.unlink(missing_ok=True)  # gone once published; otherwise not wanted
    if not good:
        with db.transaction(write=True) as tx:
            tx.execute(
                "DELETE FROM pictures WHERE child_id = ? AND sha256 = ? AND complete = 0", (child_id, sha256)
            )
            store.discard_partial(child_id, sha256)  # under the row lock, like every partial-file change
        return Outcome.HASH_MISMATCH, UploadState(length, 0, False)
    return _mark_complete(db, store, device_id, child_id, sha256, length)


def _mark_complete(
    db: Database, store: PictureStore, device_id: str, child_id: str, sha256: str, length: int
) -> tuple[Outcome, UploadState]:
    """The picture's file is durable under its SHA-256: say so in the database."""
    with db.transaction(write=True) as tx:
        now = utc_now()
        tx.execute(
            "INSERT INTO pictures"
            " (child_id, sha256, length, received, complete, device_id, created_at, completed_at)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (child_id, sha256) DO UPDATE"
            " SET length = excluded.length, received = excluded.received, complete = 1,"
            " completed_at = excluded.completed_at WHERE pictures.complete = 0",
            (child_id, sha256, length, length, device_id, now, now),
        )
        store.discard_partial(child_id, sha256)  # anything a racing upload of the same picture had sent
        return Outcome.STORED, UploadState(length, length, True)


def sweep_leftovers(
    db: Database, store: PictureStore, now: float, idle: float = 3600.0, abandoned: float = 30 * 86400.0
) -> int:
    """Delete what uploads left behind in ``partial/``; returns the number of files deleted. Run as the
    server starts. A file is only ever deleted once it has not changed for ``idle`` seconds, so a request
    in progress in another server process on the same folder is never touched:

    - a ``.finishing`` file: the request that was checking it died (the server was stopped or killed);
    - an upload's partial file that no unfinished upload owns any more (the picture completed, or its
      upload was given up after a hash mismatch);
    - an unfinished upload not added to for ``abandoned`` seconds: the laptop that began it is gone or
      has started again; should it come back, the server asks it for the picture from the start.
    """
    with db.transaction() as tx:
        unfinished = {
            (str(r[0]), str(r[1])) for r in tx.all("SELECT child_id, sha256 FROM pictures WHERE complete = 0")
        }
    deleted = 0
    for path, mtime, pair in store.leftovers():
        age = now - mtime
        in_progress = pair is not None and pair in unfinished
        if age > (abandoned if in_progress else idle):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:  # a file the server's account may not delete: say so, start anyway
                log.warning("could not delete the upload leftover %s: %s", path, exc)
                continue
            deleted += 1
    return deleted


def _problem(found: tuple[int, str] | None, sha256: str, length: int) -> str | None:
    """What is wrong with a complete picture's file, given its ``(size, SHA-256)`` on disk."""
    if found is None:
        return "missing"
    if found[0] != length:
        return f"damaged: {found[0]} bytes, expected {length}"
    if found[1] != sha256:
        return "damaged: the bytes do not match the SHA-256"
    return None


def read(db: Database, store: PictureStore, child_id: str, sha256: str) -> bytes | None:
    """The whole picture, or None if it is not (yet) complete on the server. Raises PictureUnavailable if
    it is complete but its file is missing or damaged."""
    with db.transaction() as tx:
        length = tx.scalar(
            "SELECT length FROM pictures WHERE child_id = ? AND sha256 = ? AND complete = 1",
            (child_id, sha256),
        )
    if length is None:
        return None
    data = store.read(sha256)
    found = None if data is None else (len(data), hashlib.sha256(data).hexdigest())
    problem = _problem(found, sha256, int(length))
    if problem is not None:
        log.error("picture %s (child %s): file %s is %s", sha256, child_id, store.path(sha256), problem)
        raise PictureUnavailable(problem)
    return data


def check_store(db: Database, store: PictureStore) -> tuple[int, list[StoreProblem]]:
    """Every complete picture's file, checked for presence, size and hash: ``(pictures checked, problems)``.
    For IT after a restore (``visitapp-server admin check-pictures``)."""
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT child_id, sha256, length FROM pictures WHERE complete = 1 ORDER BY sha256, child_id"
        )
    problems: list[StoreProblem] = []
    found: dict[str, tuple[int, str] | None] = {}
    for child_id, sha256, length in rows:
        if sha256 not in found:  # children with the same picture share its file: read it once
            found[sha256] = store.inspect(sha256)
        problem = _problem(found[sha256], sha256, int(length))
        if problem is not None:
            problems.append(StoreProblem(child_id, sha256, store.path(sha256), problem))
    return len(rows), problems
