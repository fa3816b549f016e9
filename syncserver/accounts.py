"""Workers, their devices (enrolment codes and tokens) and which children each worker is assigned.

Codes and tokens are random and long, so a plain SHA-256 is enough to store them: only hashes reach the
database, and a stolen copy of it enrols nothing and authenticates nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from syncserver.db import Database, Tx, utc_now
from visitapp.sync.protocol import is_uuid

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud over the phone
CODE_LENGTH = 16  # 80 bits
LAST_SEEN_EVERY = timedelta(minutes=5)


class AdminError(Exception):
    """A mistake in an admin command, with a sentence for the administrator."""


@dataclass(frozen=True)
class Device:
    device_id: str
    worker_id: int
    revoked: bool


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _worker_id(tx: Tx, username: str) -> int:
    worker_id = tx.scalar("SELECT id FROM workers WHERE username = ?", (username,))
    if worker_id is None:
        raise AdminError(f"There is no worker with the username {username!r}.")
    return int(worker_id)


def _child(child_id: str) -> str:
    if not is_uuid(child_id):
        raise AdminError("A child id must be a UUID, as the case system gives it.")
    return child_id.lower()


def add_worker(db: Database, username: str, display_name: str = "") -> int:
    username = username.strip()
    if not username:
        raise AdminError("The username cannot be empty.")
    with db.transaction(write=True) as tx:
        if tx.scalar("SELECT 1 FROM workers WHERE username = ?", (username,)):
            raise AdminError(f"A worker with the username {username!r} already exists.")
        tx.execute(
            "INSERT INTO workers (username, display_name, created_at) VALUES (?, ?, ?)",
            (username, display_name.strip(), utc_now()),
        )
        return _worker_id(tx, username)


def create_device(db: Database, username: str, label: str = "", valid_hours: float = 72) -> tuple[str, str]:
    """A new device slot for a worker and its one-time enrolment code: ``(device_id, code)``."""
    if valid_hours <= 0:
        raise AdminError("The code must be valid for some time.")
    code = new_code()
    device_id = str(uuid.uuid4())
    expires = (datetime.now(UTC) + timedelta(hours=valid_hours)).isoformat(timespec="seconds")
    with db.transaction(write=True) as tx:
        worker_id = _worker_id(tx, username)
        tx.execute(
            "INSERT INTO devices (id, worker_id, label, code_hash, code_expires_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (device_id, worker_id, label.strip(), _hash(normalise_code(code)), expires, utc_now()),
        )
    return device_id, code


def enrol(db: Database, code: str) -> tuple[str, str] | None:
    """Exchange a one-time code for a device token: ``(device_id, token)``, or None if the code is unknown,
    used, expired or its device revoked. The token is shown once and only its hash is kept."""
    code_hash = _hash(normalise_code(code))
    token = secrets.token_urlsafe(32)
    with db.transaction(write=True) as tx:
        row = tx.one(
            "SELECT id, code_expires_at, revoked_at FROM devices WHERE code_hash = ?" + tx.for_update,
            (code_hash,),
        )
        if row is None:
            return None
        device_id, expires_at, revoked_at = row
        if revoked_at is not None or expires_at is None or expires_at < utc_now():
            return None
        now = utc_now()
        tx.execute(
            "UPDATE devices SET code_hash = NULL, code_expires_at = NULL, token_hash = ?, enrolled_at = ?,"
            " last_seen_at = ? WHERE id = ?",
            (_hash(token), now, now, device_id),
        )
    return str(device_id), token


def authenticate(db: Database, token: str) -> Device | None:
    """The device holding this token (possibly revoked), or None if no device has it."""
    found = _look_up(db, token, None)
    return found[0] if found else None


def authenticate_for_child(db: Database, token: str, child_id: str) -> tuple[Device, bool] | None:
    """The device holding this token and whether ``child_id`` is assigned to its worker, or None if no device
    has the token. One read, not two: a picture upload feels every trip to the database."""
    return _look_up(db, token, child_id.lower())


def _look_up(db: Database, token: str, child_id: str | None) -> tuple[Device, bool] | None:
    sql, params = "SELECT d.id, d.worker_id, d.revoked_at, d.last_seen_at", [_hash(token)]
    if child_id is not None:
        sql += ", EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = d.worker_id AND a.child_id = ?)"
        params.insert(0, child_id)
    with db.transaction() as tx:
        row = tx.one(sql + " FROM devices d WHERE d.token_hash = ?", params)
    if row is None:
        return None
    device = Device(device_id=str(row[0]), worker_id=int(row[1]), revoked=row[2] is not None)
    stale = (datetime.now(UTC) - LAST_SEEN_EVERY).isoformat(timespec="seconds")
    if not device.revoked and (row[3] is None or row[3] < stale):
        with db.transaction(write=True) as tx:
            tx.execute("UPDATE devices SET last_seen_at = ? WHERE id = ?", (utc_now(), device.device_id))
    return device, child_id is not None and bool(row[4])


def revoke_device(db: Database, device_id: str) -> None:
    with db.transaction(write=True) as tx:
        row = tx.one("SELECT revoked_at FROM devices WHERE id = ?", (device_id.lower(),))
        if row is None:
            raise AdminError(f"There is no device with the id {device_id}.")
        if row[0] is None:
            # The code goes too, so an unused code cannot enrol a device after it was revoked.
            tx.execute(
                "UPDATE devices SET revoked_at = ?, code_hash = NULL, code_expires_at = NULL WHERE id = ?",
                (utc_now(), device_id.lower()),
            )


def assigned_children(tx: Tx, worker_id: int) -> list[str]:
    rows = tx.all("SELECT child_id FROM assignments WHERE worker_id = ? ORDER BY child_id", (worker_id,))
    return [str(r[0]) for r in rows]


def is_assigned(tx: Tx, worker_id: int, child_id: str) -> bool:
    return bool(
        tx.scalar(
            "SELECT 1 FROM assignments WHERE worker_id = ? AND child_id = ?", (worker_id, child_id.lower())
        )
    )


def assign(db: Database, child_id: str, username: str) -> bool:
    """Give a worker a child. The child's records are announced again in the feed (new sequence numbers,
    same versions) so the worker's next pull brings them, whatever the worker's cursor.
    Returns False if the child was already assigned."""
    child = _child(child_id)
    with db.transaction(write=True) as tx:
        tx.lock_sequence()
        worker_id = _worker_id(tx, username)
        if is_assigned(tx, worker_id, child):
            return False
        now = utc_now()
        tx.execute(
            "INSERT INTO assignments (worker_id, child_id, assigned_at) VALUES (?, ?, ?)",
            (worker_id, child, now),
        )
        tx.execute(
            "INSERT INTO assignment_log (worker_id, child_id, action, at) VALUES (?, ?, 'assign', ?)",
            (worker_id, child, now),
        )
        keys = tx.all(
            "SELECT record_type, record_id FROM records WHERE child_id = ? ORDER BY sequence", (child,)
        )
        for record_type, record_id in keys:
            tx.execute(
                "UPDATE records SET sequence = ? WHERE record_type = ? AND record_id = ?",
                (tx.next_sequence(), record_type, record_id),
            )
    return True


def unassign(db: Database, child_id: str, username: str) -> bool:
    child = _child(child_id)
    with db.transaction(write=True) as tx:
        worker_id = _worker_id(tx, username)
        if not is_assigned(tx, worker_id, child):
            return False
        tx.execute("DELETE FROM assignments WHERE worker_id = ? AND child_id = ?", (worker_id, child))
        tx.execute(
            "INSERT INTO assignment_log (worker_id, child_id, action, at) VALUES (?, ?, 'unassign', ?)",
            (worker_id, child, utc_now()),
        )
    return True


def list_workers(db: Database) -> list[tuple[str, str, int]]:
    """``(username, display name, number of children)`` for every worker."""
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT w.username, w.display_name, (SELECT COUNT(*) FROM assignments a WHERE a.worker_id = w.id)"
            " FROM workers w ORDER BY w.username"
        )
    return [(str(u), str(n), int(c)) for u, n, c in rows]


def list_devices(db: Database) -> list[tuple[str, str, str, str, str]]:
    """``(device id, username, label, state, last seen)`` for every device."""
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT d.id, w.username, d.label, d.enrolled_at, d.revoked_at, d.last_seen_at"
            " FROM devices d JOIN workers w ON w.id = d.worker_id ORDER BY w.username, d.created_at"
        )
    out = []
    for device_id, username, label, enrolled, revoked, seen in rows:
        state = "revoked" if revoked else ("enrolled" if enrolled else "waiting for enrolment")
        out.append((str(device_id), str(username), str(label), state, str(seen or "-")))
    return out


def list_assignments(db: Database) -> list[tuple[str, str, str]]:
    """``(username, child id, assigned at)``."""
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT w.username, a.child_id, a.assigned_at"
            " FROM assignments a JOIN workers w ON w.id = a.worker_id"
            " ORDER BY w.username, a.child_id"
        )
    return [(str(u), str(c), str(t)) for u, c, t in rows]
