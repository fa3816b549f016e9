"""What the sync indicator, record lists and the conflict screen show, and the worker's choices.

All functions take a connection and return plain dataclasses; nothing here talks to the network, so a UI can
call them on its own thread at any time (they read a few small tables). Sentences are for the worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from visitapp.store import sync_state as ss
from visitapp.store.db import Connection, DatabaseError, transaction
from visitapp.sync import protocol as p
from visitapp.sync import records

# Per-record states, for a small icon beside each row in a list.
SYNCED, WAITING, SENDING, CONFLICT, REFUSED = "synced", "waiting", "sending", "conflict", "refused"


@dataclass(frozen=True)
class SyncOverview:
    """The indicator. ``state``: not_set_up | all_synced | waiting | offline | needs_attention.
    (While a run is going the UI shows "syncing" with the progress it gets from the engine.)"""

    state: str
    waiting: int  # records not yet accepted by the server
    pictures_waiting: int
    bytes_waiting: int
    conflicts: int
    refused: int
    held: int
    last_synced_at: datetime | None
    last_outcome: str | None
    message: str


@dataclass(frozen=True)
class Problem:
    """One thing needing the worker, in plain words: what happened and what to do."""

    kind: str  # conflict | signed_off | refused | held | picture | mass_delete | not_recognised | unassigned
    title: str
    what_to_do: str
    record_type: str = ""
    record_id: str = ""
    child_id: str = ""
    conflict_id: int | None = None
    label: str = ""  # the kind of record in plain words ("visit", "person")
    when: str = ""  # a visit's date in words ("12 March 2026"), to tell problems apart; nothing else
    count: int = 0  # mass_delete: how many records the refused pull would remove from this laptop


@dataclass(frozen=True)
class ConflictView:
    """Both versions side by side. ``None`` for a side means that side deleted the record."""

    conflict_id: int
    kind: str
    label: str
    record_type: str
    record_id: str
    child_id: str | None
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    theirs_version: int
    theirs_signed_off: bool
    reason: str


@dataclass
class Unsynced:
    """What has not reached the server: shown before a revoked laptop is wiped."""

    records: dict[str, int] = field(default_factory=dict)  # plain label -> count
    pictures: int = 0
    conflicts: int = 0

    @property
    def total(self) -> int:
        return sum(self.records.values()) + self.pictures + self.conflicts

    def lines(self) -> list[str]:
        out = [f"{n} × {label}" for label, n in sorted(self.records.items())]
        if self.pictures:
            out.append(f"{self.pictures} × picture")
        if self.conflicts:
            out.append(f"{self.conflicts} × record changed in two places, not yet decided")
        return out or ["Nothing: every change had reached the server."]


class ConflictError(Exception):
    """The choice cannot be made; the message says why."""


def _count(conn: Connection, sql: str, args: tuple = ()) -> int:
    return int(conn.execute(sql, args).fetchone()[0])


def _label(record_type: str) -> str:
    rt = records.get(record_type)
    return rt.label if rt else "record"


def overview(conn: Connection) -> SyncOverview:
    waiting = _count(conn, "SELECT count(*) FROM sync_outbox WHERE state IN ('waiting', 'sending')")
    conflicts = _count(
        conn, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL AND kind != 'held'"
    )
    held = _count(conn, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL AND kind = 'held'")
    refused = _count(conn, "SELECT count(*) FROM sync_outbox WHERE state = 'refused'") + _count(
        conn, "SELECT count(*) FROM sync_blobs WHERE state = 'refused'"
    )
    pics, pic_bytes = conn.execute(
        "SELECT count(*), coalesce(sum(length - sent), 0) FROM sync_blobs WHERE direction = 'up' "
        "AND state = 'waiting'"
    ).fetchone()
    last = ss.meta_get(conn, ss.LAST_SYNCED_AT)
    outcome = ss.meta_get(conn, ss.LAST_OUTCOME)
    mass = ss.meta_get(conn, ss.MASS_DELETE_REFUSED)
    if not ss.meta_get(conn, ss.DEVICE_TOKEN):
        state, message = "not_set_up", "Sync is not set up on this laptop."
    elif conflicts or refused or held or mass or outcome in ("not_recognised", "needs_attention"):
        state = "needs_attention"
        message = ss.meta_get(conn, ss.LAST_MESSAGE, "") or "Some records need you."
        if conflicts or refused or held:
            message = f"{conflicts + refused + held} need you: open Sync to see what to do."
    elif outcome == "offline":
        state, message = "offline", f"Offline: {waiting + pics} waiting to be sent."
    elif waiting or pics:
        state, message = "waiting", f"{waiting + pics} waiting to be sent."
    else:
        state, message = "all_synced", "Everything is synced."
    return SyncOverview(
        state=state,
        waiting=waiting,
        pictures_waiting=int(pics),
        bytes_waiting=int(pic_bytes),
        conflicts=conflicts,
        refused=refused,
        held=held,
        last_synced_at=datetime.fromisoformat(last) if last else None,
        last_outcome=outcome,
        message=message,
    )


def record_states(conn: Connection, record_type: str, record_ids: list[str]) -> dict[str, str]:
    """The sync state of each record in a list (unknown ids read as synced)."""
    states = dict.fromkeys(record_ids, SYNCED)
    for start in range(0, len(record_ids), 500):
        ids = record_ids[start : start + 500]
        marks = ", ".join("?" * len(ids))
        for rid, state in conn.execute(
            f"SELECT record_id, state FROM sync_outbox WHERE record_type = ? AND record_id IN ({marks})",
            (record_type, *ids),
        ):
            states[rid] = {"sending": SENDING, "conflict": CONFLICT, "refused": REFUSED}.get(state, WAITING)
    return states


def child_waiting_counts(conn: Connection) -> dict[str, tuple[int, int]]:
    """Per child: (records waiting to be sent, records needing the worker). For the caseload list."""
    out: dict[str, tuple[int, int]] = {}
    for child_id, waiting, attention in conn.execute(
        "SELECT child_id, sum(state IN ('waiting', 'sending')), sum(state IN ('conflict', 'refused')) "
        "FROM sync_outbox WHERE child_id IS NOT NULL GROUP BY child_id"
    ):
        out[child_id] = (int(waiting), int(attention))
    return out


_REFUSALS = {
    p.REASON_NOT_ASSIGNED: (
        "The server says this child is not assigned to you.",
        "Ask your manager to check who the child is allocated to. Your change is kept "
        "here and will be sent once that is sorted.",
    ),
    p.REASON_SIGNED_OFF: (
        "This {label} was signed off before your change reached the server.",
        "Your change is kept on this laptop. Add an amendment to the signed-off record instead.",
    ),
    p.REASON_SERVER_ERROR: (
        "The server had a problem storing this {label}.",
        "Nothing to do: it will be sent again at the next sync.",
    ),
}
_BUG = (
    "The server could not accept this {label} ({code}).",
    "Your change is kept on this laptop. Please tell IT support; quote the code in brackets.",
)


def _visit_date(conn: Connection, visit_id: str, fallback: dict[str, Any] | None = None) -> str:
    row = conn.execute("SELECT starts_at FROM visits WHERE id = ?", (visit_id,)).fetchone()
    raw = row[0] if row else (fallback or {}).get("starts_at")
    try:
        when = datetime.fromisoformat(str(raw))
    except ValueError:
        return ""
    return f"{when.day} {when:%B %Y}"


def problems(conn: Connection) -> list[Problem]:
    out: list[Problem] = []
    for c in ss.open_conflicts(conn):
        label = _label(c.record_type)
        if c.kind == "held":
            title = f"A {label} from the server could not be stored here yet. {c.reason}"
            todo = "Nothing is lost: it is kept and tried again at each sync. If it stays, tell IT support."
        elif c.kind == "signed_off":
            title = f"This {label} is signed off here, but it was changed somewhere else."
            todo = "Your signed-off version stands. Look at the other version and add an amendment if needed."
        elif c.server_record.get("signed_off"):
            title = f"This {label} was signed off before your change reached the server."
            todo = (
                "The signed-off version stands; yours is kept here beside it. Take the signed-off version, "
                "then add an amendment with what you changed."
            )
        else:
            title = f"This {label} was changed on this laptop and somewhere else."
            todo = "Look at both versions side by side and choose which to keep. Both are kept until you do."
        when = ""
        if c.record_type == "visit":
            when = _visit_date(conn, c.record_id, c.server_record.get("body") or c.local_body)
        out.append(
            Problem(c.kind, title, todo, c.record_type, c.record_id, c.child_id or "", c.id, label, when)
        )
    for rtype, rid, child, code in conn.execute(
        "SELECT record_type, record_id, child_id, reason_code FROM sync_outbox WHERE state = 'refused'"
    ):
        label = _label(rtype)
        title, todo = _REFUSALS.get(code, _BUG)
        when = _visit_date(conn, rid) if rtype == "visit" else ""
        title = title.format(label=label, code=code)
        out.append(Problem("refused", title, todo, rtype, rid, child or "", label=label, when=when))
    for child, _sha, reason in conn.execute(
        "SELECT child_id, sha256, reason FROM sync_blobs WHERE state = 'refused'"
    ):
        out.append(
            Problem(
                "picture",
                f"A picture could not be sent. {reason or ''}".strip(),
                "It is kept on this laptop. Tell IT support if this stays.",
                child_id=child,
            )
        )
    mass = ss.meta_get(conn, ss.MASS_DELETE_REFUSED)
    if mass:
        out.append(
            Problem(
                "mass_delete",
                f"The server asked to delete {mass} records from this laptop at once. Nothing was deleted.",
                "This happens when many records were deleted on the server, on purpose or by mistake. "
                "Check with the office first. New "
                "changes from the server wait until then; your own changes are still sent. If the office "
                "says the deletions are right, apply them.",
                count=int(mass),
            )
        )
    if ss.meta_get(conn, ss.LAST_OUTCOME) == "not_recognised":
        out.append(
            Problem(
                "not_recognised",
                "The server no longer recognises this laptop.",
                "Nothing here is lost. Ask IT for a new enrolment code and enter it in Settings.",
            )
        )
    assigned = ss.meta_get(conn, ss.ASSIGNED)
    if assigned:
        mine = set(json.loads(assigned))
        for (child_id,) in conn.execute("SELECT id FROM children"):
            if child_id not in mine:
                out.append(
                    Problem(
                        "unassigned",
                        "This child is no longer assigned to you on the server.",
                        "Their record stays on this laptop for now. Ask your manager what to do.",
                        child_id=child_id,
                    )
                )
    return out


def conflict_view(conn: Connection, conflict_id: int) -> ConflictView:
    c = ss.get_conflict(conn, conflict_id)
    if c is None:
        raise ConflictError("That conflict could not be found; it may have been decided already.")
    rt = records.get(c.record_type)
    mine = rt.read(conn, c.record_id) if rt else c.local_body
    server = c.server_record
    return ConflictView(
        conflict_id=c.id,
        kind=c.kind,
        label=_label(c.record_type),
        record_type=c.record_type,
        record_id=c.record_id,
        child_id=c.child_id,
        mine=mine,
        theirs=None if server.get("deleted") else server.get("body"),
        theirs_version=int(server.get("version", 0)),
        theirs_signed_off=bool(server.get("signed_off")),
        reason=c.reason,
    )


def resolve_conflict(conn: Connection, conflict_id: int, keep: str) -> None:
    """The worker's choice: ``keep="mine"`` sends this laptop's version (made from the server's latest, so it
    is accepted); ``keep="theirs"`` takes the server's version here. The other version stays in the server's
    history and in this laptop's conflicts table."""
    if keep not in ("mine", "theirs"):
        raise ValueError(keep)
    with transaction(conn):
        c = ss.get_conflict(conn, conflict_id)
        if c is None or c.kind == "held":
            raise ConflictError("That conflict could not be found; it may have been decided already.")
        rt = records.get(c.record_type)
        server = p.ServerRecord.from_wire(c.server_record)
        if c.kind == "signed_off":
            if keep == "theirs":
                raise ConflictError(
                    "This record is signed off here, so it cannot be replaced. Add an amendment."
                )
            ss.resolve(conn, conflict_id, "kept signed-off version")
            return
        if keep == "mine":
            if server.signed_off:
                raise ConflictError(
                    "The other version is signed off, so it stands. Add an amendment instead."
                )
            ss.set_known(
                conn, c.record_type, c.record_id, server.child_id, server.version, False, server.deleted
            )
            conn.execute(
                "UPDATE sync_outbox SET state = 'waiting', dirty = 1, change_id = NULL, reason_code = NULL, "
                "reason = NULL WHERE record_type = ? AND record_id = ?",
                (c.record_type, c.record_id),
            )
            ss.queue_record(conn, c.record_type, c.record_id, server.child_id)
            ss.resolve(conn, conflict_id, "kept mine")
            return
        if rt is None:
            raise ConflictError("This VisitApp cannot show that kind of record; update VisitApp.")
        try:
            with ss.applying(conn):
                if server.deleted:
                    rt.delete(conn, c.record_id)
                elif server.body is not None:
                    rt.write(conn, c.record_id, server.body)
        except DatabaseError as exc:
            raise ConflictError(f"The other version could not be stored here: {exc}") from exc
        ss.set_known(
            conn,
            c.record_type,
            c.record_id,
            server.child_id,
            server.version,
            server.signed_off,
            server.deleted,
        )
        ss.drop_outbox(conn, c.record_type, c.record_id)
        ss.resolve(conn, conflict_id, "kept theirs")


def unsynced(conn: Connection) -> Unsynced:
    result = Unsynced()
    for rtype, n in conn.execute(
        "SELECT record_type, count(*) FROM sync_outbox WHERE state != 'conflict' GROUP BY record_type"
    ):
        result.records[_label(rtype)] = result.records.get(_label(rtype), 0) + int(n)
    result.pictures = _count(
        conn, "SELECT count(*) FROM sync_blobs WHERE direction = 'up' AND state != 'done'"
    )
    result.conflicts = _count(conn, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL")
    return result
