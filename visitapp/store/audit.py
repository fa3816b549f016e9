"""The append-only audit trail: who did what to which record, and when. Ids and actions only."""

from __future__ import annotations

from datetime import datetime

from visitapp.domain.models import AuditEntry
from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection


def record(conn: Connection, actor: str, action: str, entity: str, entity_id: str) -> None:
    conn.execute(
        "INSERT INTO audit (at, actor, action, entity, entity_id) VALUES (?, ?, ?, ?, ?)",
        (utc_now_iso(), actor, action, entity, entity_id),
    )


def last_action_at(conn: Connection, entity_id: str, action: str) -> datetime | None:
    row = conn.execute(
        "SELECT at FROM audit WHERE entity_id = ? AND action = ? ORDER BY seq DESC LIMIT 1",
        (entity_id, action),
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def entries_for(conn: Connection, entity_id: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT at, actor, action, entity, entity_id FROM audit WHERE entity_id = ? ORDER BY seq",
        (entity_id,),
    ).fetchall()
    return [AuditEntry(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4]) for r in rows]
