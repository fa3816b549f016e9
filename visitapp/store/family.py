"""Family responses and the "not for sharing" marks: SQL in, dataclasses out."""

from __future__ import annotations

from datetime import datetime

from visitapp.domain.family import SHAREABLE_PARTS, AnswerKind, FamilyResponse, Verdict
from visitapp.store.db import Connection

_COLUMNS = (
    "id, record_visit_id, during_visit_id, verdict, speaker, words, at, answer, answer_kind, answered_at, "
    "amendment_id"
)


def _response(r: tuple) -> FamilyResponse:
    return FamilyResponse(
        id=r[0], record_visit_id=r[1], during_visit_id=r[2], verdict=Verdict(r[3]), speaker=r[4], words=r[5],
        at=datetime.fromisoformat(r[6]), answer=r[7], answer_kind=AnswerKind(r[8]) if r[8] else None,
        answered_at=datetime.fromisoformat(r[9]) if r[9] else None, amendment_id=r[10],
    )  # fmt: skip


def add_response(conn: Connection, response: FamilyResponse) -> None:
    conn.execute(
        f"INSERT INTO family_responses ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (response.id, response.record_visit_id, response.during_visit_id, response.verdict.value,
         response.speaker, response.words, response.at.isoformat(timespec="seconds"), "", None, None, None),
    )  # fmt: skip


def update_words(conn: Connection, response: FamilyResponse) -> None:
    """Refused by the database once the visit it was given at is completed."""
    conn.execute(
        "UPDATE family_responses SET verdict = ?, speaker = ?, words = ? WHERE id = ?",
        (response.verdict.value, response.speaker, response.words, response.id),
    )


def delete_response(conn: Connection, response_id: str) -> None:
    conn.execute("DELETE FROM family_responses WHERE id = ?", (response_id,))


def set_answer(conn: Connection, response_id: str, kind: AnswerKind, answer: str, at: datetime,
               amendment_id: str | None) -> None:  # fmt: skip
    conn.execute(
        "UPDATE family_responses SET answer = ?, answer_kind = ?, answered_at = ?, amendment_id = ? "
        "WHERE id = ?",
        (answer, kind.value, at.isoformat(timespec="seconds"), amendment_id, response_id),
    )


def get_response(conn: Connection, response_id: str) -> FamilyResponse | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM family_responses WHERE id = ?", (response_id,)).fetchone()
    return _response(row) if row else None


def responses_for_record(conn: Connection, record_visit_id: str) -> list[FamilyResponse]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM family_responses WHERE record_visit_id = ? ORDER BY at, rowid",
        (record_visit_id,),
    )
    return [_response(r) for r in rows]


def responses_for_child(
    conn: Connection, child_id: str, unanswered_only: bool = False
) -> list[FamilyResponse]:
    where = " AND r.answered_at IS NULL" if unanswered_only else ""
    rows = conn.execute(
        f"SELECT {', '.join('r.' + c.strip() for c in _COLUMNS.split(','))} FROM family_responses r "
        f"JOIN visits v ON v.id = r.record_visit_id WHERE v.child_id = ?{where} ORDER BY r.at, r.rowid",
        (child_id,),
    )
    return [_response(r) for r in rows]


def set_shareable(conn: Connection, part: str, item_id: str, shareable: bool) -> int:
    if part not in SHAREABLE_PARTS:
        raise ValueError(f"not a part that can be marked: {part}")
    return int(
        conn.execute(f"UPDATE {part} SET shareable = ? WHERE id = ?", (int(shareable), item_id)).rowcount
    )


def not_shared_ids(conn: Connection, visit_id: str) -> set[str]:
    hidden: set[str] = set()
    for part in SHAREABLE_PARTS:
        rows = conn.execute(f"SELECT id FROM {part} WHERE visit_id = ? AND NOT shareable", (visit_id,))
        hidden.update(r[0] for r in rows)
    return hidden
