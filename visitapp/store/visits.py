"""Visits: SQL in, dataclasses out. Notes get their own fast path because autosave calls it constantly."""

from __future__ import annotations

from datetime import datetime

from visitapp.domain.models import Visit, VisitStatus, VisitType
from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection

_COLUMNS = "id, child_id, starts_at, place, visit_type, purpose, notes, status, version"


def _visit_from_row(row: tuple, present: list[str]) -> Visit:
    return Visit(
        id=row[0],
        child_id=row[1],
        starts_at=datetime.fromisoformat(row[2]),
        place=row[3],
        visit_type=VisitType(row[4]),
        purpose=row[5],
        notes=row[6],
        status=VisitStatus(row[7]),
        version=row[8],
        present_person_ids=present,
    )


def _present(conn: Connection, visit_id: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT person_id FROM visit_people WHERE visit_id = ?", (visit_id,))]


def get_visit(conn: Connection, visit_id: str) -> Visit | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return _visit_from_row(row, _present(conn, visit_id)) if row else None


def visits_for(conn: Connection, child_id: str) -> list[Visit]:
    """Newest first. People present are left empty here; open the visit to see them."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM visits WHERE child_id = ? ORDER BY starts_at DESC", (child_id,)
    ).fetchall()
    return [_visit_from_row(r, []) for r in rows]


def upsert_visit(conn: Connection, visit: Visit) -> bool:
    now = utc_now_iso()
    completed_at = now if visit.status is VisitStatus.COMPLETED else None
    values = (
        visit.starts_at.isoformat(timespec="minutes"),
        visit.place,
        visit.visit_type.value,
        visit.purpose,
        visit.notes,
        visit.status.value,
    )
    updated = conn.execute(
        "UPDATE visits SET starts_at = ?, place = ?, visit_type = ?, purpose = ?, notes = ?, status = ?, "
        "version = version + 1, updated_at = ?, completed_at = coalesce(completed_at, ?) WHERE id = ?",
        (*values, now, completed_at, visit.id),
    ).rowcount
    created = not updated
    if created:
        conn.execute(
            f"INSERT INTO visits ({_COLUMNS}, created_at, updated_at, completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (visit.id, visit.child_id, *values, visit.version, now, now, completed_at),
        )
    else:
        visit.version += 1
    conn.execute("DELETE FROM visit_people WHERE visit_id = ?", (visit.id,))
    conn.executemany(
        "INSERT INTO visit_people (visit_id, person_id) VALUES (?, ?)",
        [(visit.id, pid) for pid in visit.present_person_ids],
    )
    return created


def save_notes(conn: Connection, visit_id: str, notes: str) -> int:
    """The autosave path: one UPDATE, only while the visit is a draft. Returns rows changed (0 or 1)."""
    return int(
        conn.execute(
            "UPDATE visits SET notes = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = ?",
            (notes, utc_now_iso(), visit_id, VisitStatus.DRAFT.value),
        ).rowcount
    )


def visit_status(conn: Connection, visit_id: str) -> VisitStatus | None:
    row = conn.execute("SELECT status FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return VisitStatus(row[0]) if row else None


def count_visits(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM visits").fetchone()[0])
