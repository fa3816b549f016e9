"""Pictures: stored per child and addressed by SHA-256, uploaded in chunks that can resume.

Each chunk says where it starts and carries its own SHA-256, so a damaged chunk is refused (and resent by
the client) instead of spoiling the picture. When the last byte arrives the whole picture is hashed again;
only a picture whose hash matches its address is marked complete and can be downloaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from syncserver.db import Database, utc_now


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


def state(db: Database, child_id: str, sha256: str) -> UploadState | None:
    with db.transaction() as tx:
        row = tx.one(
            "SELECT length, received, complete FROM pictures WHERE child_id = ? AND sha256 = ?",
            (child_id, sha256),
        )
    return UploadState(int(row[0]), int(row[1]), bool(row[2])) if row else None


def put_chunk(
    db: Database,
    device_id: str,
    child_id: str,
    sha256: str,
    length: int,
    offset: int,
    data: bytes,
    chunk_digest: bytes,
) -> tuple[Outcome, UploadState]:
    if hashlib.sha256(data).digest() != chunk_digest:
        current = state(db, child_id, sha256)
        return Outcome.BAD_CHUNK, current or UploadState(length, 0, False)
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
        current = UploadState(int(row[0]), int(row[1]), bool(row[2]))
        if current.complete:
            return Outcome.STORED, current  # already here: a repeat is harmless
        if current.length != length:
            return Outcome.WRONG_LENGTH, current
        if offset != current.received:
            return Outcome.WRONG_OFFSET, current
        if offset + len(data) > length:
            return Outcome.TOO_LONG, current
        if data:
            tx.execute(
                "INSERT INTO picture_chunks (child_id, sha256, start_at, data) VALUES (?, ?, ?, ?)",
                (child_id, sha256, offset, data),
            )
        received = offset + len(data)
        if received < length:
            tx.execute(
                "UPDATE pictures SET received = ? WHERE child_id = ? AND sha256 = ?",
                (received, child_id, sha256),
            )
            return Outcome.STORED, UploadState(length, received, False)
        if offset == 0:
            whole_hex = chunk_digest.hex()  # one chunk is the whole picture, and its hash is checked above
        else:
            whole = hashlib.sha256()
            for (chunk,) in tx.all(
                "SELECT data FROM picture_chunks WHERE child_id = ? AND sha256 = ? ORDER BY start_at",
                (child_id, sha256),
            ):
                whole.update(bytes(chunk))
            whole_hex = whole.hexdigest()
        if whole_hex != sha256:
            tx.execute("DELETE FROM picture_chunks WHERE child_id = ? AND sha256 = ?", (child_id, sha256))
            tx.execute("DELETE FROM pictures WHERE child_id = ? AND sha256 = ?", (child_id, sha256))
            return Outcome.HASH_MISMATCH, UploadState(length, 0, False)
        tx.execute(
            "UPDATE pictures SET received = ?, complete = 1, completed_at = ?"
            " WHERE child_id = ? AND sha256 = ?",
            (received, utc_now(), child_id, sha256),
        )
        return Outcome.STORED, UploadState(length, received, True)


def read(db: Database, child_id: str, sha256: str) -> bytes | None:
    """The whole picture, or None if it is not (yet) complete on the server."""
    with db.transaction() as tx:
        if not tx.scalar(
            "SELECT complete FROM pictures WHERE child_id = ? AND sha256 = ?", (child_id, sha256)
        ):
            return None
        rows = tx.all(
            "SELECT data FROM picture_chunks WHERE child_id = ? AND sha256 = ? ORDER BY start_at",
            (child_id, sha256),
        )
    return b"".join(bytes(r[0]) for r in rows)
