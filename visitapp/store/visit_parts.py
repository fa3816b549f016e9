"""The parts of a guided visit (quotes, observations, safety map, scales, tools, actions, amendments).

Each list is kept in the order the worker added it (``position``). SQL in, dataclasses out.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from visitapp.domain.visit_record import (
    Action,
    Amendment,
    Observation,
    ObservationArea,
    Quote,
    QuoteAnnotation,
    QuoteKind,
    SafetyCategory,
    SafetyEntry,
    ScaleRating,
    SharedHow,
    ToolEntry,
)
from visitapp.store.db import Connection


def _next_position(conn: Connection, table: str, visit_id: str) -> int:
    row = conn.execute(f"SELECT coalesce(max(position), 0) + 1 FROM {table} WHERE visit_id = ?", (visit_id,))
    return int(row.fetchone()[0])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# Quotes -------------------------------------------------------------------------------------------


def add_quote(conn: Connection, quote: Quote) -> None:
    conn.execute(
        "INSERT INTO quotes (id, visit_id, words, said_at, prompt, shared_how, child_alone, kind, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (quote.id, quote.visit_id, quote.words, quote.said_at.isoformat(timespec="seconds"), quote.prompt,
         quote.shared_how.value, int(quote.child_alone), quote.kind.value,
         _next_position(conn, "quotes", quote.visit_id)),
    )  # fmt: skip


def update_quote(conn: Connection, quote: Quote) -> None:
    """The database refuses a change of words once the visit is completed (trigger in migration 2)."""
    conn.execute(
        "UPDATE quotes SET words = ?, prompt = ?, shared_how = ?, child_alone = ?, kind = ? WHERE id = ?",
        (
            quote.words,
            quote.prompt,
            quote.shared_how.value,
            int(quote.child_alone),
            quote.kind.value,
            quote.id,
        ),
    )


def delete_quote(conn: Connection, quote_id: str) -> None:
    conn.execute("DELETE FROM quotes WHERE id = ?", (quote_id,))


def quotes_for(conn: Connection, visit_id: str) -> list[Quote]:
    rows = conn.execute(
        "SELECT id, visit_id, words, said_at, prompt, shared_how, child_alone, kind FROM quotes "
        "WHERE visit_id = ? ORDER BY position",
        (visit_id,),
    ).fetchall()
    quotes = [
        Quote(id=r[0], visit_id=r[1], words=r[2], said_at=datetime.fromisoformat(r[3]), prompt=r[4],
              shared_how=SharedHow(r[5]), child_alone=bool(r[6]), kind=QuoteKind(r[7]))
        for r in rows
    ]  # fmt: skip
    by_id = {q.id: q for q in quotes}
    for r in conn.execute(
        "SELECT a.id, a.quote_id, a.text, a.at FROM quote_annotations a JOIN quotes q ON q.id = a.quote_id "
        "WHERE q.visit_id = ? ORDER BY a.at",
        (visit_id,),
    ):
        by_id[r[1]].annotations.append(QuoteAnnotation(id=r[0], quote_id=r[1], text=r[2],
                                                       at=datetime.fromisoformat(r[3])))  # fmt: skip
    return quotes


def add_annotation(conn: Connection, note: QuoteAnnotation) -> None:
    conn.execute(
        "INSERT INTO quote_annotations (id, quote_id, text, at) VALUES (?, ?, ?, ?)",
        (note.id, note.quote_id, note.text, note.at.isoformat(timespec="seconds")),
    )


def quote_visit(conn: Connection, quote_id: str) -> str | None:
    row = conn.execute("SELECT visit_id FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    return row[0] if row else None


# Simple text lists: observations and the safety map -----------------------------------------------


def add_observation(conn: Connection, item: Observation) -> None:
    conn.execute(
        "INSERT INTO observations (id, visit_id, area, text, position) VALUES (?, ?, ?, ?, ?)",
        (
            item.id,
            item.visit_id,
            item.area.value,
            item.text,
            _next_position(conn, "observations", item.visit_id),
        ),
    )


def observations_for(conn: Connection, visit_id: str) -> list[Observation]:
    rows = conn.execute(
        "SELECT id, visit_id, area, text FROM observations WHERE visit_id = ? ORDER BY position", (visit_id,)
    )
    return [Observation(id=r[0], visit_id=r[1], area=ObservationArea(r[2]), text=r[3]) for r in rows]


def add_safety_entry(conn: Connection, item: SafetyEntry) -> None:
    conn.execute(
        "INSERT INTO safety_entries (id, visit_id, category, text, position) VALUES (?, ?, ?, ?, ?)",
        (item.id, item.visit_id, item.category.value, item.text,
         _next_position(conn, "safety_entries", item.visit_id)),
    )  # fmt: skip


def safety_entries_for(conn: Connection, visit_id: str) -> list[SafetyEntry]:
    rows = conn.execute(
        "SELECT id, visit_id, category, text FROM safety_entries WHERE visit_id = ? ORDER BY position",
        (visit_id,),
    )
    return [SafetyEntry(id=r[0], visit_id=r[1], category=SafetyCategory(r[2]), text=r[3]) for r in rows]


def delete_part(conn: Connection, table: str, item_id: str) -> None:
    if table not in {"observations", "safety_entries", "scale_ratings", "tool_entries", "actions"}:
        raise ValueError(f"not a removable part: {table}")
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))


# Scales and direct-work tools ---------------------------------------------------------------------


def add_scale(conn: Connection, item: ScaleRating) -> None:
    conn.execute(
        "INSERT INTO scale_ratings (id, visit_id, who, score, reason, one_step_higher, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (item.id, item.visit_id, item.who, item.score, item.reason, item.one_step_higher,
         _next_position(conn, "scale_ratings", item.visit_id)),
    )  # fmt: skip


def scales_for(conn: Connection, visit_id: str) -> list[ScaleRating]:
    rows = conn.execute(
        "SELECT id, visit_id, who, score, reason, one_step_higher FROM scale_ratings WHERE visit_id = ? "
        "ORDER BY position",
        (visit_id,),
    )
    return [ScaleRating(id=r[0], visit_id=r[1], who=r[2], score=r[3], reason=r[4], one_step_higher=r[5])
            for r in rows]  # fmt: skip


def add_tool_entry(conn: Connection, item: ToolEntry) -> None:
    conn.execute(
        "INSERT INTO tool_entries (id, visit_id, tool, answers, position) VALUES (?, ?, ?, ?, ?)",
        (item.id, item.visit_id, item.tool, json.dumps(item.answers, ensure_ascii=False),
         _next_position(conn, "tool_entries", item.visit_id)),
    )  # fmt: skip


def tool_entries_for(conn: Connection, visit_id: str) -> list[ToolEntry]:
    rows = conn.execute(
        "SELECT id, visit_id, tool, answers FROM tool_entries WHERE visit_id = ? ORDER BY position",
        (visit_id,),
    )
    return [ToolEntry(id=r[0], visit_id=r[1], tool=r[2], answers=json.loads(r[3])) for r in rows]


# Actions and amendments ---------------------------------------------------------------------------


def upsert_action(conn: Connection, item: Action) -> None:
    conn.execute(
        "INSERT INTO actions (id, child_id, visit_id, who, what, due_on, done_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET who = excluded.who, what = excluded.what, due_on = excluded.due_on, "
        "done_on = excluded.done_on",
        (item.id, item.child_id, item.visit_id, item.who, item.what, _iso(item.due_on), _iso(item.done_on)),
    )


def _actions(conn: Connection, where: str, arg: str) -> list[Action]:
    rows = conn.execute(
        f"SELECT id, child_id, visit_id, who, what, due_on, done_on FROM actions WHERE {where} "
        "ORDER BY due_on IS NULL, due_on, rowid",
        (arg,),
    )
    return [Action(id=r[0], child_id=r[1], visit_id=r[2], who=r[3], what=r[4], due_on=_date(r[5]),
                   done_on=_date(r[6])) for r in rows]  # fmt: skip


def actions_for_visit(conn: Connection, visit_id: str) -> list[Action]:
    return _actions(conn, "visit_id = ?", visit_id)


def open_actions_for_child(conn: Connection, child_id: str) -> list[Action]:
    return _actions(conn, "child_id = ? AND done_on IS NULL", child_id)


def add_amendment(conn: Connection, item: Amendment) -> None:
    conn.execute(
        "INSERT INTO amendments (id, visit_id, part, text, reason, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            item.id,
            item.visit_id,
            item.part,
            item.text,
            item.reason,
            item.at.isoformat(timespec="seconds"),
            item.by,
        ),
    )


def amendments_for(conn: Connection, visit_id: str) -> list[Amendment]:
    rows = conn.execute(
        "SELECT id, visit_id, part, text, reason, at, by FROM amendments "
        "WHERE visit_id = ? ORDER BY at, rowid",
        (visit_id,),
    )
    return [Amendment(id=r[0], visit_id=r[1], part=r[2], text=r[3], reason=r[4],
                      at=datetime.fromisoformat(r[5]), by=r[6]) for r in rows]  # fmt: skip
