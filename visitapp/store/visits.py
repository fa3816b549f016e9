"""Visits: SQL in, dataclasses out. Notes get their own fast path because autosave calls it constantly."""

from __future__ import annotations

from datetime import date, datetime

from visitapp.domain.models import Visit, VisitStatus, VisitType
from visitapp.domain.visit_record import NextVisit, NotAloneReason, TimeAlone
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
    """The autosave path: one UPDATE, until the visit is signed off. Returns rows changed (0 or 1)."""
    return int(
        conn.execute(
            "UPDATE visits SET notes = ?, version = version + 1, updated_at = ? "
            "WHERE id = ? AND signed_off_at IS NULL",
            (notes, utc_now_iso(), visit_id),
        ).rowcount
    )


def visit_status(conn: Connection, visit_id: str) -> VisitStatus | None:
    row = conn.execute("SELECT status FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return VisitStatus(row[0]) if row else None


def count_visits(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM visits").fetchone()[0])


# The guided-visit fields (migration 2) ----------------------------------------------------------------------


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def get_time_alone(conn: Connection, visit_id: str) -> TimeAlone:
    r = conn.execute(
        "SELECT child_seen, not_seen_reason, not_seen_next_steps, seen_alone, alone_minutes, alone_place, "
        "not_alone_reason, not_alone_other, alone_timer_started_at FROM visits WHERE id = ?",
        (visit_id,),
    ).fetchone()
    return TimeAlone(
        child_seen=bool(r[0]), not_seen_reason=r[1], not_seen_next_steps=r[2],
        seen_alone=None if r[3] is None else bool(r[3]), minutes=r[4], place=r[5],
        not_alone_reason=NotAloneReason(r[6]) if r[6] else None, not_alone_other=r[7],
        timer_started_at=_dt(r[8]),
    )  # fmt: skip


def save_time_alone(conn: Connection, visit_id: str, alone: TimeAlone) -> None:
    conn.execute(
        "UPDATE visits SET child_seen = ?, not_seen_reason = ?, not_seen_next_steps = ?, seen_alone = ?, "
        "alone_minutes = ?, alone_place = ?, not_alone_reason = ?, not_alone_other = ?, "
        "alone_timer_started_at = ?, version = version + 1, updated_at = ? WHERE id = ?",
        (int(alone.child_seen), alone.not_seen_reason, alone.not_seen_next_steps,
         None if alone.seen_alone is None else int(alone.seen_alone), alone.minutes, alone.place,
         alone.not_alone_reason.value if alone.not_alone_reason else None, alone.not_alone_other,
         alone.timer_started_at.isoformat(timespec="seconds") if alone.timer_started_at else None,
         utc_now_iso(), visit_id),
    )  # fmt: skip


def get_flags(
    conn: Connection, visit_id: str
) -> tuple[str, bool, NextVisit, datetime | None, datetime | None]:
    """(chose_not_to_share, shared_last_record, next visit, completed_at, signed_off_at)."""
    r = conn.execute(
        "SELECT chose_not_to_share, shared_last_record, next_visit_on, next_visit_later_reason, "
        "completed_at, signed_off_at FROM visits WHERE id = ?",
        (visit_id,),
    ).fetchone()
    next_visit = NextVisit(planned_on=date.fromisoformat(r[2]) if r[2] else None, later_reason=r[3])
    return r[0], bool(r[1]), next_visit, _dt(r[4]), _dt(r[5])


def save_flags(conn: Connection, visit_id: str, chose_not_to_share: str, shared_last_record: bool,
               next_visit: NextVisit) -> None:  # fmt: skip
    conn.execute(
        "UPDATE visits SET chose_not_to_share = ?, shared_last_record = ?, next_visit_on = ?, "
        "next_visit_later_reason = ?, version = version + 1, updated_at = ? WHERE id = ?",
        (chose_not_to_share, int(shared_last_record),
         next_visit.planned_on.isoformat() if next_visit.planned_on else None, next_visit.later_reason,
         utc_now_iso(), visit_id),
    )  # fmt: skip


def sign_off(conn: Connection, visit_id: str, worker_id: str) -> None:
    conn.execute(
        "UPDATE visits SET signed_off_at = ?, signed_off_by = ?, version = version + 1 WHERE id = ?",
        (utc_now_iso(), worker_id, visit_id),
    )


def signed_off(conn: Connection, visit_id: str) -> bool:
    row = conn.execute("SELECT signed_off_at FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return bool(row and row[0])


def last_completed_before(
    conn: Connection, child_id: str, before: datetime | None
) -> tuple[str, datetime] | None:
    """The id and start of the child's last completed visit before ``before`` (or ever): the record the
    family is shown. Strictly before, to the minute (starts are stored to the minute), so a visit is never
    its own last record, nor is another that starts in the same minute. Two that start in the same minute
    are told apart by id, so the same one is always chosen."""
    row = conn.execute(
        "SELECT id, starts_at FROM visits WHERE child_id = ? AND status = ? AND starts_at < ? "
        "ORDER BY starts_at DESC, id DESC LIMIT 1",
        (child_id, VisitStatus.COMPLETED.value, (before or datetime.max).isoformat(timespec="minutes")),
    ).fetchone()
    return (str(row[0]), datetime.fromisoformat(row[1])) if row else None


def signed_off_ids(conn: Connection, child_id: str) -> set[str]:
    """Ids of the child's signed-off visits (read only), and of no other child's."""
    rows = conn.execute(
        "SELECT id FROM visits WHERE child_id = ? AND signed_off_at IS NOT NULL", (child_id,)
    ).fetchall()
    return {str(r[0]) for r in rows}


def stamp_completed(conn: Connection, visit_id: str, when: datetime) -> None:
    """The worker's local time of finishing: what "written within one working day" is measured by."""
    conn.execute(
        "UPDATE visits SET completed_at = ? WHERE id = ?", (when.isoformat(timespec="seconds"), visit_id)
    )
