"""Pictures: bytes stored once by SHA-256, and each visit's links to them. SQL in, small dataclasses out.

Listing never reads the big blobs: the picture and thumbnail bytes are loaded one by one, on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from visitapp.media import PreparedPicture
from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection


@dataclass(frozen=True)
class PictureRow:
    """One picture as a visit holds it: what it is and what the child said, never its bytes."""

    id: str
    visit_id: str
    child_id: str
    visit_starts_at: datetime
    sha256: str
    mime_type: str
    width: int
    height: int
    byte_size: int
    description: str
    made_by: str
    made_on: date
    source: str
    keep_in_record: bool
    may_show_family: bool
    may_go_in_letter: bool
    added_at: datetime
    visit_completed: bool
    visit_signed_off: bool


_SELECT = (
    "SELECT p.id, p.visit_id, v.child_id, v.starts_at, p.sha256, b.mime_type, b.width, b.height, "
    "b.byte_size, p.description, p.made_by, p.made_on, p.source, p.keep_in_record, p.may_show_family, "
    "p.may_go_in_letter, p.added_at, v.status = 'completed', v.signed_off_at IS NOT NULL "
    "FROM visit_pictures p JOIN visits v ON v.id = p.visit_id JOIN picture_blobs b ON b.sha256 = p.sha256 "
)


def _row(r: tuple) -> PictureRow:
    return PictureRow(
        id=r[0], visit_id=r[1], child_id=r[2], visit_starts_at=datetime.fromisoformat(r[3]), sha256=r[4],
        mime_type=r[5], width=r[6], height=r[7], byte_size=r[8], description=r[9], made_by=r[10],
        made_on=date.fromisoformat(r[11]), source=r[12], keep_in_record=bool(r[13]),
        may_show_family=bool(r[14]), may_go_in_letter=bool(r[15]), added_at=datetime.fromisoformat(r[16]),
        visit_completed=bool(r[17]), visit_signed_off=bool(r[18]),
    )  # fmt: skip


def store_bytes(conn: Connection, picture: PreparedPicture) -> bool:
    """Keep the picture and its thumbnail unless bytes with that hash are already kept. True if new."""
    created = conn.execute(
        "INSERT INTO picture_blobs (sha256, mime_type, width, height, byte_size, data, stored_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
        (picture.sha256, picture.mime_type, picture.width, picture.height, len(picture.data),
         picture.data, utc_now_iso()),
    ).rowcount  # fmt: skip
    conn.execute(
        "INSERT INTO picture_thumbnails (sha256, mime_type, width, height, data) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(sha256) DO NOTHING",
        (picture.sha256, picture.thumbnail_mime_type, picture.thumbnail_width, picture.thumbnail_height,
         picture.thumbnail),
    )  # fmt: skip
    return bool(created)


def link_for(conn: Connection, visit_id: str, sha256: str) -> str | None:
    row = conn.execute(
        "SELECT id FROM visit_pictures WHERE visit_id = ? AND sha256 = ?", (visit_id, sha256)
    ).fetchone()
    return row[0] if row else None


def add_link(conn: Connection, picture_id: str, visit_id: str, sha256: str, description: str, made_by: str,
             made_on: date, source: str, consent: tuple[bool, bool, bool]) -> None:  # fmt: skip
    position = conn.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM visit_pictures WHERE visit_id = ?", (visit_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO visit_pictures (id, visit_id, sha256, description, made_by, made_on, source, "
        "keep_in_record, may_show_family, may_go_in_letter, added_at, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (picture_id, visit_id, sha256, description, made_by, made_on.isoformat(), source,
         *(int(flag) for flag in consent), utc_now_iso(), position),
    )  # fmt: skip


def get(conn: Connection, picture_id: str) -> PictureRow | None:
    row = conn.execute(_SELECT + "WHERE p.id = ?", (picture_id,)).fetchone()
    return _row(row) if row else None


def for_visit(conn: Connection, visit_id: str) -> list[PictureRow]:
    rows = conn.execute(_SELECT + "WHERE p.visit_id = ? ORDER BY p.position", (visit_id,)).fetchall()
    return [_row(r) for r in rows]


def for_child(conn: Connection, child_id: str) -> list[PictureRow]:
    """Newest visit first; within a visit, in the order they were added."""
    rows = conn.execute(
        _SELECT + "WHERE v.child_id = ? ORDER BY v.starts_at DESC, p.position", (child_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def image_bytes(conn: Connection, picture_id: str) -> tuple[bytes, str] | None:
    row = conn.execute(
        "SELECT b.data, b.mime_type FROM visit_pictures p JOIN picture_blobs b ON b.sha256 = p.sha256 "
        "WHERE p.id = ?",
        (picture_id,),
    ).fetchone()
    return (bytes(row[0]), row[1]) if row else None


def thumbnail_bytes(conn: Connection, picture_ids: Iterable[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for picture_id in picture_ids:
        row = conn.execute(
            "SELECT t.data FROM visit_pictures p JOIN picture_thumbnails t ON t.sha256 = p.sha256 "
            "WHERE p.id = ?",
            (picture_id,),
        ).fetchone()
        if row:
            found[picture_id] = bytes(row[0])
    return found


def update_details(conn: Connection, picture_id: str, description: str, made_by: str, made_on: date,
                   consent: tuple[bool, bool, bool]) -> None:  # fmt: skip
    """The database refuses a changed description once the visit is completed (trigger in V4_PICTURES)."""
    conn.execute(
        "UPDATE visit_pictures SET description = ?, made_by = ?, made_on = ?, keep_in_record = ?, "
        "may_show_family = ?, may_go_in_letter = ? WHERE id = ?",
        (description, made_by, made_on.isoformat(), *(int(flag) for flag in consent), picture_id),
    )


def update_consent(conn: Connection, picture_id: str, consent: tuple[bool, bool, bool]) -> None:
    conn.execute(
        "UPDATE visit_pictures SET keep_in_record = ?, may_show_family = ?, may_go_in_letter = ? "
        "WHERE id = ?",
        (*(int(flag) for flag in consent), picture_id),
    )


def remove_link(conn: Connection, picture_id: str) -> None:
    """Remove one visit's link; the bytes go too when no other visit links to them (secure_delete is on)."""
    row = conn.execute("SELECT sha256 FROM visit_pictures WHERE id = ?", (picture_id,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM visit_pictures WHERE id = ?", (picture_id,))
    conn.execute(
        "DELETE FROM picture_blobs WHERE sha256 = ? AND NOT EXISTS "
        "(SELECT 1 FROM visit_pictures WHERE sha256 = ?)",
        (row[0], row[0]),
    )


def count_blobs(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM picture_blobs").fetchone()[0])
