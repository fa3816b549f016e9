"""Push and pull of records: the change log, versions, conflicts, tombstones and replayed answers.

A push batch runs in one transaction holding the sequence lock, so two pushes of the same record id (two
retries racing, two laptops) are decided one after the other and make exactly one record. Each change runs
inside its own savepoint: one change the server cannot store does not undo or block the others.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from typing import Any

from syncserver.accounts import assigned_children, is_assigned
from syncserver.db import Database, Tx, utc_now
from visitapp.sync import protocol as p

log = logging.getLogger(__name__)

RECORD_COLUMNS = "record_type, record_id, child_id, version, sequence, deleted, signed_off, body"


def _record(row: tuple[Any, ...]) -> p.ServerRecord:
    record_type, record_id, child_id, version, sequence, deleted, signed_off, body = row
    return p.ServerRecord(
        record_type=str(record_type),
        record_id=str(record_id),
        child_id=str(child_id),
        version=int(version),
        sequence=int(sequence),
        deleted=bool(deleted),
        signed_off=bool(signed_off),
        body=json.loads(body) if body is not None else None,
    )


def _rejected(change_id: str, code: str, reason: str) -> p.ChangeResult:
    return p.ChangeResult(change_id=change_id, status="rejected", reason_code=code, reason=reason)


def _normalised(change: p.Change) -> p.Change:
    change.change_id = change.change_id.lower()
    change.record_id = change.record_id.lower()
    change.child_id = change.child_id.lower()
    return change


def push(db: Database, device_id: str, worker_id: int, changes: list[p.Change]) -> list[p.ChangeResult]:
    results: list[p.ChangeResult] = []
    with db.transaction(write=True) as tx:
        tx.lock_sequence()
        for change in changes:
            problem = p.validate_change(change)
            if problem:
                results.append(_rejected(str(change.change_id), p.REASON_INVALID, problem))
                continue
            change = _normalised(change)
            if not is_assigned(tx, worker_id, change.child_id):
                # Not remembered: if the child is assigned later, the same change may be sent again.
                results.append(
                    _rejected(change.change_id, p.REASON_NOT_ASSIGNED, "This child is not assigned to you.")
                )
                continue
            try:
                with tx.savepoint():
                    results.append(_apply(tx, device_id, change))
            except Exception:
                # Logged without the body; not remembered, so sending it again tries again.
                log.exception("could not store change %s", change.change_id)
                results.append(
                    _rejected(
                        change.change_id,
                        p.REASON_SERVER_ERROR,
                        "The server could not store this change; try again.",
                    )
                )
    return results


def _apply(tx: Tx, device_id: str, change: p.Change) -> p.ChangeResult:
    digest = change.digest()
    earlier = tx.one("SELECT digest, result FROM change_results WHERE change_id = ?", (change.change_id,))
    if earlier is not None:
        if earlier[0] == digest:
            return p.ChangeResult.from_wire(json.loads(earlier[1]))
        return _rejected(
            change.change_id,
            p.REASON_CHANGE_ID_REUSED,
            "This change id was already used for a different change.",
        )
    result = _decide(tx, device_id, change)
    tx.execute(
        "INSERT INTO change_results (change_id, device_id, digest, result, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (change.change_id, device_id, digest, json.dumps(asdict(result)), utc_now()),
    )
    return result


def _decide(tx: Tx, device_id: str, change: p.Change) -> p.ChangeResult:
    row = tx.one(
        f"SELECT {RECORD_COLUMNS} FROM records WHERE record_type = ? AND record_id = ?",
        (change.record_type, change.record_id),
    )
    current = _record(row) if row else None
    cid = change.change_id
    if current is None and change.base_version != 0:
        return _rejected(cid, p.REASON_UNKNOWN_RECORD, "The server has no earlier version of this record.")
    if current is not None:
        if current.child_id != change.child_id:
            return _rejected(cid, p.REASON_ID_IN_USE, "This record id is already used by another record.")
        if current.signed_off:
            return _rejected(
                cid,
                p.REASON_SIGNED_OFF,
                "This record is signed off and cannot change; add an amendment instead.",
            )
        if current.version != change.base_version:
            _keep_conflict(tx, device_id, change, current.version)
            return p.ChangeResult(change_id=cid, status="conflict", server_record=current)
    version = (current.version if current else 0) + 1
    sequence = tx.next_sequence()
    deleted = change.op == "delete"
    body = None if deleted else p.canonical_json(change.body)
    signed_off = int(change.signed_off and not deleted)
    now = utc_now()
    if current is None:
        tx.execute(
            f"INSERT INTO records ({RECORD_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.record_type,
                change.record_id,
                change.child_id,
                version,
                sequence,
                0,
                signed_off,
                body,
                now,
            ),
        )
    else:
        tx.execute(
            "UPDATE records SET version = ?, sequence = ?, deleted = ?, signed_off = ?, body = ?,"
            " updated_at = ?"
            " WHERE record_type = ? AND record_id = ?",
            (version, sequence, int(deleted), signed_off, body, now, change.record_type, change.record_id),
        )
    tx.execute(
        "INSERT INTO change_log (sequence, change_id, device_id, record_type, record_id, child_id,"
        " version, op,"
        " signed_off, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sequence,
            cid,
            device_id,
            change.record_type,
            change.record_id,
            change.child_id,
            version,
            change.op,
            signed_off,
            body,
            now,
        ),
    )
    return p.ChangeResult(change_id=cid, status="accepted", version=version, sequence=sequence)


def _keep_conflict(tx: Tx, device_id: str, change: p.Change, server_version: int) -> None:
    """The losing side of a conflict is kept on the server too, never dropped."""
    tx.execute(
        "INSERT INTO conflicts (change_id, device_id, record_type, record_id, child_id, base_version,"
        " server_version, op, signed_off, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            change.change_id,
            device_id,
            change.record_type,
            change.record_id,
            change.child_id,
            change.base_version,
            server_version,
            change.op,
            int(change.signed_off),
            None if change.body is None else p.canonical_json(change.body),
            utc_now(),
        ),
    )


def pull(db: Database, worker_id: int, since: int, limit: int) -> p.PullResponse:
    """The latest state of every record of this worker's children that changed after ``since``."""
    limit = max(1, min(limit, p.MAX_PULL_LIMIT))
    with db.transaction() as tx:
        rows = tx.all(
            f"SELECT {', '.join('r.' + c.strip() for c in RECORD_COLUMNS.split(','))} FROM records r"
            " JOIN assignments a ON a.child_id = r.child_id AND a.worker_id = ?"
            " WHERE r.sequence > ? ORDER BY r.sequence LIMIT ?",
            (worker_id, since, limit + 1),
        )
        children = assigned_children(tx, worker_id)
    records = [_record(r) for r in rows[:limit]]
    next_since = records[-1].sequence if records else since
    return p.PullResponse(
        records=records, next_since=next_since, has_more=len(rows) > limit, assigned_children=children
    )
