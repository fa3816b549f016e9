"""Letter drafts: one per visit, its text and which recorded quotes and pictures the composer put in it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

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
