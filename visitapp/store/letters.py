"""Letter drafts: one per visit, its text and which recorded quotes and pictures the composer put in it;
and update letters, one per child and period, with the visits and quotes they gathered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection


@dataclass(frozen=True)
class StoredLetter:
    visit_id: str
    text: str
    quote_ids: tuple[str, ...]
    picture_ids: tuple[str, ...]
    composed_at: datetime
    updated_at: datetime
    version: int


def get_letter(conn: Connection, visit_id: str) -> StoredLetter | None:
    row = conn.execute(
        "SELECT visit_id, text, quote_ids, picture_ids, composed_at, updated_at, version "
        "FROM letter_drafts WHERE visit_id = ?",
        (visit_id,),
    ).fetchone()
    if row is None:
        return None
    return StoredLetter(
        visit_id=row[0],
        text=row[1],
        quote_ids=tuple(json.loads(row[2])),
        picture_ids=tuple(json.loads(row[3])),
        composed_at=datetime.fromisoformat(row[4]),
        updated_at=datetime.fromisoformat(row[5]),
        version=row[6],
    )


def put_composed(
    conn: Connection, visit_id: str, text: str, quote_ids: tuple[str, ...], picture_ids: tuple[str, ...]
) -> None:
    """A freshly composed draft replaces whatever was there (the worker asked for it)."""
    now = utc_now_iso()
    conn.execute(
        "INSERT INTO letter_drafts (visit_id, text, quote_ids, picture_ids, composed_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(visit_id) DO UPDATE SET text = excluded.text, "
        "quote_ids = excluded.quote_ids, picture_ids = excluded.picture_ids, "
        "composed_at = excluded.composed_at, updated_at = excluded.updated_at, version = version + 1",
        (visit_id, text, json.dumps(list(quote_ids)), json.dumps(list(picture_ids)), now, now),
    )


def save_text(conn: Connection, visit_id: str, text: str) -> bool:
    """The worker's edit. False when there is no draft to change."""
    updated = conn.execute(
        "UPDATE letter_drafts SET text = ?, updated_at = ?, version = version + 1 WHERE visit_id = ?",
        (text, utc_now_iso(), visit_id),
    ).rowcount
    return bool(updated)


# Update letters: one per child and period, gathering that period's finished visits ------------------------

_PERIOD_COLUMNS = (
    "id, child_id, starts_on, ends_on, text, quote_ids, visit_ids, composed_at, updated_at, version"
)


@dataclass(frozen=True)
class StoredUpdate:
    id: str
    child_id: str
    starts_on: date
    ends_on: date
    text: str
    quote_ids: tuple[str, ...]
    visit_ids: tuple[str, ...]
    composed_at: datetime
    updated_at: datetime
    version: int


def _update_from_row(row: tuple) -> StoredUpdate:
    return StoredUpdate(
        id=row[0],
        child_id=row[1],
        starts_on=date.fromisoformat(row[2]),
        ends_on=date.fromisoformat(row[3]),
        text=row[4],
        quote_ids=tuple(json.loads(row[5])),
        visit_ids=tuple(json.loads(row[6])),
        composed_at=datetime.fromisoformat(row[7]),
        updated_at=datetime.fromisoformat(row[8]),
        version=row[9],
    )


def get_update(conn: Connection, child_id: str, starts_on: date, ends_on: date) -> StoredUpdate | None:
    row = conn.execute(
        f"SELECT {_PERIOD_COLUMNS} FROM period_letters WHERE child_id = ? AND starts_on = ? AND ends_on = ?",
        (child_id, starts_on.isoformat(), ends_on.isoformat()),
    ).fetchone()
    return _update_from_row(row) if row else None


def latest_update(conn: Connection, child_id: str) -> StoredUpdate | None:
    """The child's update the worker touched last, to come back to."""
    row = conn.execute(
        f"SELECT {_PERIOD_COLUMNS} FROM period_letters WHERE child_id = ? "
        "ORDER BY updated_at DESC, ends_on DESC LIMIT 1",
        (child_id,),
    ).fetchone()
    return _update_from_row(row) if row else None


def put_update_composed(
    conn: Connection,
    letter_id: str,
    child_id: str,
    period: tuple[date, date],
    text: str,
    quote_ids: tuple[str, ...],
    visit_ids: tuple[str, ...],
) -> str:
    """A freshly composed update replaces the one for the same period, keeping its id. Returns the id."""
    now = utc_now_iso()
    starts_on, ends_on = (day.isoformat() for day in period)
    conn.execute(
        "INSERT INTO period_letters (id, child_id, starts_on, ends_on, text, quote_ids, visit_ids, "
        "composed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(child_id, starts_on, ends_on) DO UPDATE SET text = excluded.text, "
        "quote_ids = excluded.quote_ids, visit_ids = excluded.visit_ids, composed_at = excluded.composed_at, "
        "updated_at = excluded.updated_at, version = version + 1",
        (letter_id, child_id, starts_on, ends_on, text, json.dumps(list(quote_ids)),
         json.dumps(list(visit_ids)), now, now),
    )  # fmt: skip
    row = conn.execute(
        "SELECT id FROM period_letters WHERE child_id = ? AND starts_on = ? AND ends_on = ?",
        (child_id, starts_on, ends_on),
    ).fetchone()
    return str(row[0])


def save_update_text(conn: Connection, letter_id: str, text: str) -> bool:
    """The worker's edit to an update. False when there is no such update."""
    updated = conn.execute(
        "UPDATE period_letters SET text = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        (text, utc_now_iso(), letter_id),
    ).rowcount
    return bool(updated)
