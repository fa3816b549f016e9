"""SQL for the sync tables (see ``sync_tables.py``): the outbox, what the server holds, conflicts, blobs
and the few sync settings (server address, device token, cursor) that live inside the encrypted vault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection

# sync_meta keys
SERVER_URL = "server_url"
DEVICE_TOKEN = "device_token"  # noqa: S105 - the name of a setting, not a secret
DEVICE_ID = "device_id"
CURSOR = "cursor"
ASSIGNED = "assigned_children"
LAST_SYNCED_AT = "last_synced_at"
LAST_OUTCOME = "last_outcome"
LAST_MESSAGE = "last_message"
LAST_ATTEMPT_AT = "last_attempt_at"
MASS_DELETE_REFUSED = "mass_delete_refused"


def meta_get(conn: Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def meta_put(conn: Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM sync_meta WHERE key = ?", (key,))
        return
    conn.execute(
        "INSERT INTO sync_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def cursor(conn: Connection) -> int:
    return int(meta_get(conn, CURSOR, "0") or 0)


@contextmanager
def applying(conn: Connection) -> Iterator[None]:
    """Inside an open transaction: writes made here are the server's, so the triggers queue nothing."""
    conn.execute("INSERT OR IGNORE INTO sync_applying (one) VALUES (1)")
    try:
        yield
    finally:
        conn.execute("DELETE FROM sync_applying")


# The outbox ---------------------------------------------------------------------------------------------


@dataclass
class OutboxRow:
    record_type: str
    record_id: str
    child_id: str | None
    dirty: bool
    state: str  # waiting | sending | refused | conflict
    change_id: str | None
    base_version: int | None
    op: str | None
    body: dict[str, Any] | None
    signed_off: bool
    reason_code: str | None
    reason: str | None


_OUTBOX_COLUMNS = (
    "record_type, record_id, child_id, dirty, state, change_id, base_version, op, body, signed_off, "
    "reason_code, reason"
)


def _outbox_row(r: tuple) -> OutboxRow:
    return OutboxRow(
        r[0],
        r[1],
        r[2],
        bool(r[3]),
        r[4],
        r[5],
        r[6],
        r[7],
        json.loads(r[8]) if r[8] else None,
        bool(r[9]),
        r[10],
        r[11],
    )


def outbox_row(conn: Connection, record_type: str, record_id: str) -> OutboxRow | None:
    row = conn.execute(
        f"SELECT {_OUTBOX_COLUMNS} FROM sync_outbox WHERE record_type = ? AND record_id = ?",
        (record_type, record_id),
    ).fetchone()
    return _outbox_row(row) if row else None


def frozen_changes(conn: Connection, limit: int) -> list[OutboxRow]:
    """Changes prepared for sending and not answered yet (resent with the same id and body)."""
    rows = conn.execute(
        f"SELECT {_OUTBOX_COLUMNS} FROM sync_outbox WHERE state = 'sending' AND change_id IS NOT NULL "
        "ORDER BY queued_at LIMIT ?",
        (limit,),
    ).fetchall()
    return [_outbox_row(r) for r in rows]


def to_freeze(conn: Connection, limit: int) -> list[OutboxRow]:
    rows = conn.execute(
        f"SELECT {_OUTBOX_COLUMNS} FROM sync_outbox WHERE dirty = 1 AND change_id IS NULL "
        "AND state IN ('waiting', 'refused') ORDER BY queued_at LIMIT ?",
        (limit,),
    ).fetchall()
    return [_outbox_row(r) for r in rows]


def resend_retryable(conn: Connection) -> None:
    """Changes refused for a reason that may pass next time (server error, child not assigned yet)."""
    conn.execute("UPDATE sync_outbox SET state = 'sending' WHERE state = 'refused' AND change_id IS NOT NULL")


def freeze(
    conn: Connection,
    row: OutboxRow,
    change_id: str,
    base: int,
    op: str,
    body: dict | None,
    signed_off: bool,
    child_id: str,
) -> None:
    conn.execute(
        "UPDATE sync_outbox SET dirty = 0, state = 'sending', change_id = ?, base_version = ?, op = ?, "
        "body = ?, "
        "signed_off = ?, child_id = ?, reason_code = NULL, reason = NULL, attempts = attempts + 1 "
        "WHERE record_type = ? AND record_id = ?",
        (
            change_id,
            base,
            op,
            None if body is None else json.dumps(body, sort_keys=True),
            int(signed_off),
            child_id,
            row.record_type,
            row.record_id,
        ),
    )


def drop_outbox(conn: Connection, record_type: str, record_id: str) -> None:
    conn.execute("DELETE FROM sync_outbox WHERE record_type = ? AND record_id = ?", (record_type, record_id))


def change_done(conn: Connection, record_type: str, record_id: str) -> None:
    """The frozen change is answered for good: forget it, and the row too unless edited since."""
    conn.execute(
        "DELETE FROM sync_outbox WHERE record_type = ? AND record_id = ? AND dirty = 0",
        (record_type, record_id),
    )
    conn.execute(
        "UPDATE sync_outbox SET state = 'waiting', change_id = NULL, base_version = NULL, op = NULL, "
        "body = NULL, reason_code = NULL, reason = NULL WHERE record_type = ? AND record_id = ?",
        (record_type, record_id),
    )


def mark_refused(
    conn: Connection, record_type: str, record_id: str, code: str, reason: str, keep_change: bool
) -> None:
    conn.execute(
        "UPDATE sync_outbox SET state = 'refused', reason_code = ?, reason = ?, "
        "change_id = CASE WHEN ? THEN change_id END WHERE record_type = ? AND record_id = ?",
        (code, reason, int(keep_change), record_type, record_id),
    )


def mark_conflict(conn: Connection, record_type: str, record_id: str) -> None:
    """Held until the worker chooses; the change itself is done (the server kept it, or never had it)."""
    conn.execute(
        "UPDATE sync_outbox SET state = 'conflict', change_id = NULL, dirty = 1 "
        "WHERE record_type = ? AND record_id = ?",
        (record_type, record_id),
    )


def queue_record(conn: Connection, record_type: str, record_id: str, child_id: str | None) -> None:
    conn.execute(
        "INSERT INTO sync_outbox (record_type, record_id, child_id, dirty, queued_at) VALUES (?, ?, ?, 1, ?) "
        "ON CONFLICT(record_type, record_id) DO UPDATE SET dirty = 1",
        (record_type, record_id, child_id, utc_now_iso()),
    )


# What the server holds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    version: int
    signed_off: bool
    deleted: bool
    child_id: str


def known(conn: Connection, record_type: str, record_id: str) -> Known | None:
    row = conn.execute(
        "SELECT server_version, signed_off, deleted, child_id FROM sync_records "
        "WHERE record_type = ? AND record_id = ?",
        (record_type, record_id),
    ).fetchone()
    return Known(int(row[0]), bool(row[1]), bool(row[2]), str(row[3])) if row else None


def set_known(
    conn: Connection,
    record_type: str,
    record_id: str,
    child_id: str,
    version: int,
    signed_off: bool,
    deleted: bool,
) -> None:
    conn.execute(
        "INSERT INTO sync_records (record_type, record_id, child_id, server_version, signed_off, deleted) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id) DO UPDATE SET "
        "server_version = max(server_version, excluded.server_version), signed_off = excluded.signed_off, "
        "deleted = excluded.deleted, child_id = excluded.child_id",
        (record_type, record_id, child_id, version, int(signed_off), int(deleted)),
    )


# Conflicts and held records -----------------------------------------------------------------------------


@dataclass
class ConflictRow:
    id: int
    kind: str  # conflict | held | signed_off
    record_type: str
    record_id: str
    child_id: str | None
    local_op: str | None
    local_body: dict[str, Any] | None
    server_record: dict[str, Any]
    reason: str
    created_at: str


_CONFLICT_COLUMNS = (
    "id, kind, record_type, record_id, child_id, local_op, local_body, server_record, reason, created_at"
)


def _conflict(r: tuple) -> ConflictRow:
    return ConflictRow(
        r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else None, json.loads(r[7]), r[8], r[9]
    )


def keep_conflict(
    conn: Connection,
    kind: str,
    record_type: str,
    record_id: str,
    child_id: str | None,
    local_op: str | None,
    local_body: dict | None,
    server_record: dict,
    reason: str,
) -> None:
    """Open (or bring up to date) the one unresolved conflict of this record. Both versions are kept."""
    existing = conn.execute(
        "SELECT id, server_record, local_body FROM sync_conflicts "
        "WHERE record_type = ? AND record_id = ? AND resolved_at IS NULL",
        (record_type, record_id),
    ).fetchone()
    server_json = json.dumps(server_record, sort_keys=True)
    local_json = None if local_body is None else json.dumps(local_body, sort_keys=True)
    if existing is None:
        conn.execute(
            "INSERT INTO sync_conflicts (kind, record_type, record_id, child_id, local_op, local_body, "
            "server_record, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                record_type,
                record_id,
                child_id,
                local_op,
                local_json,
                server_json,
                reason,
                utc_now_iso(),
            ),
        )
        return
    if int(json.loads(existing[1]).get("version", 0)) > int(server_record.get("version", 0)):
        server_json = existing[1]  # never step back to an older server version
    conn.execute(
        "UPDATE sync_conflicts SET kind = ?, server_record = ?, reason = ?, "
        "local_op = coalesce(?, local_op), local_body = coalesce(?, local_body) WHERE id = ?",
        (kind, server_json, reason, local_op, local_json, existing[0]),
    )


def open_conflicts(conn: Connection, kind: str | None = None) -> list[ConflictRow]:
    where = "resolved_at IS NULL" + (" AND kind = ?" if kind else "")
    rows = conn.execute(
        f"SELECT {_CONFLICT_COLUMNS} FROM sync_conflicts WHERE {where} ORDER BY id", (kind,) if kind else ()
    ).fetchall()
    return [_conflict(r) for r in rows]


def get_conflict(conn: Connection, conflict_id: int) -> ConflictRow | None:
    row = conn.execute(
        f"SELECT {_CONFLICT_COLUMNS} FROM sync_conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    return _conflict(row) if row else None


def resolve(conn: Connection, conflict_id: int, resolution: str) -> None:
    conn.execute(
        "UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
        (utc_now_iso(), resolution, conflict_id),
    )


# Pictures and other blobs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlobRow:
    direction: str
    child_id: str
    sha256: str
    length: int
    state: str
    sent: int
    attempts: int
    reason: str | None


def queue_blob(conn: Connection, direction: str, child_id: str, sha256: str, length: int = 0) -> None:
    conn.execute(
        "INSERT INTO sync_blobs (direction, child_id, sha256, length, queued_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(direction, child_id, sha256) DO NOTHING",
        (direction, child_id, sha256, length, utc_now_iso()),
    )


def waiting_blobs(conn: Connection, direction: str) -> list[BlobRow]:
    rows = conn.execute(
        "SELECT direction, child_id, sha256, length, state, sent, attempts, reason FROM sync_blobs "
        "WHERE direction = ? AND state = 'waiting' ORDER BY queued_at, sha256",
        (direction,),
    ).fetchall()
    return [BlobRow(*r) for r in rows]


def update_blob(conn: Connection, row: BlobRow, **values: object) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    conn.execute(
        f"UPDATE sync_blobs SET {sets} WHERE direction = ? AND child_id = ? AND sha256 = ?",
        (*values.values(), row.direction, row.child_id, row.sha256),
    )
