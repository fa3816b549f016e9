"""Children and the people in their lives: SQL in, dataclasses out."""

from __future__ import annotations

import json
from datetime import date, datetime

from visitapp.domain.models import CaseloadRow, Child, CommunicationNeed, LegalStatus, Person
from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection

_CHILD_COLUMNS = (
    "id, full_name, known_as, date_of_birth, pronouns, legal_status, first_language, "
    "communication_needs, communication_notes, visiting_rule, plan_start, version"
)


def _child_from_row(row: tuple) -> Child:
    return Child(
        id=row[0],
        full_name=row[1],
        known_as=row[2],
        date_of_birth=date.fromisoformat(row[3]) if row[3] else None,
        pronouns=row[4],
        legal_status=LegalStatus(row[5]),
        first_language=row[6],
        communication_needs=[CommunicationNeed(n) for n in json.loads(row[7])],
        communication_notes=row[8],
        visiting_rule=row[9],
        plan_start=date.fromisoformat(row[10]) if row[10] else None,
        version=row[11],
    )


def get_child(conn: Connection, child_id: str) -> Child | None:
    row = conn.execute(f"SELECT {_CHILD_COLUMNS} FROM children WHERE id = ?", (child_id,)).fetchone()
    return _child_from_row(row) if row else None


def upsert_child(conn: Connection, child: Child) -> bool:
    """Insert or update; returns True when the child is new. Bumps the local version on every change."""
    now = utc_now_iso()
    values = (
        child.full_name,
        child.known_as,
        child.date_of_birth.isoformat() if child.date_of_birth else None,
        child.pronouns,
        child.legal_status.value,
        child.first_language,
        json.dumps([n.value for n in child.communication_needs]),
        child.communication_notes,
        child.visiting_rule,
        child.plan_start.isoformat() if child.plan_start else None,
    )
    updated = conn.execute(
        "UPDATE children SET full_name = ?, known_as = ?, date_of_birth = ?, pronouns = ?, legal_status = ?, "
        "first_language = ?, communication_needs = ?, communication_notes = ?, visiting_rule = ?, "
        "plan_start = ?, version = version + 1, updated_at = ? WHERE id = ?",
        (*values, now, child.id),
    ).rowcount
    if updated:
        child.version += 1
        return False
    conn.execute(
        f"INSERT INTO children ({_CHILD_COLUMNS}, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (child.id, *values, child.version, now, now),
    )
    return True


def caseload(conn: Connection) -> list[CaseloadRow]:
    rows = conn.execute(
        "SELECT c.id, c.full_name, c.known_as, c.date_of_birth, c.legal_status, "
        "(SELECT max(v.starts_at) FROM visits v WHERE v.child_id = c.id) "
        "FROM children c ORDER BY c.full_name COLLATE NOCASE"
    ).fetchall()
    return [
        CaseloadRow(
            child_id=r[0],
            full_name=r[1],
            known_as=r[2],
            date_of_birth=date.fromisoformat(r[3]) if r[3] else None,
            legal_status=LegalStatus(r[4]),
            last_visit_at=datetime.fromisoformat(r[5]) if r[5] else None,
        )
        for r in rows
    ]


def people_for(conn: Connection, child_id: str) -> list[Person]:
    rows = conn.execute(
        "SELECT id, child_id, name, relationship, role FROM people "
        "WHERE child_id = ? ORDER BY position, rowid",
        (child_id,),
    ).fetchall()
    return [Person(id=r[0], child_id=r[1], name=r[2], relationship=r[3], role=r[4]) for r in rows]


def upsert_person(conn: Connection, person: Person) -> bool:
    updated = conn.execute(
        "UPDATE people SET name = ?, relationship = ?, role = ? WHERE id = ?",
        (person.name, person.relationship, person.role, person.id),
    ).rowcount
    if updated:
        return False
    position = conn.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM people WHERE child_id = ?", (person.child_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO people (id, child_id, name, relationship, role, position) VALUES (?, ?, ?, ?, ?, ?)",
        (person.id, person.child_id, person.name, person.relationship, person.role, position),
    )
    return True


def delete_person(conn: Connection, person_id: str) -> None:
    conn.execute("DELETE FROM people WHERE id = ?", (person_id,))


def count_children(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM children").fetchone()[0])
