"""The sync tables (outbox, what the server holds, conflicts, the cursor) and the triggers that fill the
outbox.

Why triggers: every write to a synced table, from any service present or future, queues the record in the
same transaction as the write itself. Nobody can forget to call "queue this", a crash cannot separate the
change from its queue entry, and the services stay unaware of sync. A trigger stores only *which* record
changed (type and id); the record's body is read when the change is frozen for sending (see
``visitapp/sync/outbox.py``), so ten autosaves of one visit make one change, not ten.

Writes made by sync itself (applying the server's changes) must not queue anything: while it applies, sync
puts a row in ``sync_applying`` inside its own transaction, and every trigger checks that table is empty.
Other connections never see that row (it is gone before the transaction commits).

A module that adds a synced table later (pictures, letters, family responses) adds its triggers in its own
migration with ``outbox_triggers(...)`` and registers a record type in ``visitapp/sync/records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from visitapp.store.db import Connection

SYNC_TABLES = """
CREATE TABLE sync_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sync_applying (
    one INTEGER PRIMARY KEY CHECK (one = 1)
);
-- One row per record with local changes not yet accepted by the server. ``dirty`` is set by the triggers;
-- ``change_id`` and the frozen body are set when the change is prepared for sending, and kept (same id,
-- same body) until the server answers, so a resend after a lost answer is a harmless replay.
CREATE TABLE sync_outbox (
    record_type  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    child_id     TEXT,
    dirty        INTEGER NOT NULL DEFAULT 1,
    queued_at    TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'waiting',
    change_id    TEXT,
    base_version INTEGER,
    op           TEXT,
    body         TEXT,
    signed_off   INTEGER NOT NULL DEFAULT 0,
    reason_code  TEXT,
    reason       TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (record_type, record_id)
);
CREATE INDEX sync_outbox_by_state ON sync_outbox(state, dirty);
CREATE INDEX sync_outbox_by_child ON sync_outbox(child_id);
-- What the server holds of each record this laptop has seen: the base for the next change.
CREATE TABLE sync_records (
    record_type    TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    child_id       TEXT NOT NULL,
    server_version INTEGER NOT NULL,
    signed_off     INTEGER NOT NULL DEFAULT 0,
    deleted        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (record_type, record_id)
);
-- Both versions of a record that changed here and on the server; kept until the worker chooses. Also
-- records the server sent that could not be applied here (``kind = 'held'``), so nothing pulled is lost.
CREATE TABLE sync_conflicts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    record_type   TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    child_id      TEXT,
    local_op      TEXT,
    local_body    TEXT,
    server_record TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT
);
CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts(record_type, record_id) WHERE resolved_at IS NULL;
-- Pictures (and other blobs) by SHA-256: to upload (``direction = 'up'``) or to fetch ('down').
CREATE TABLE sync_blobs (
    direction  TEXT NOT NULL,
    child_id   TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    length     INTEGER NOT NULL DEFAULT 0,
    state      TEXT NOT NULL DEFAULT 'waiting',
    sent       INTEGER NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0,
    reason     TEXT,
    queued_at  TEXT NOT NULL,
    PRIMARY KEY (direction, child_id, sha256)
);
"""

NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


@dataclass(frozen=True)
class TriggerSpec:
    """How one local table feeds the outbox.

    ``child_new``/``child_old`` are SQL expressions for the child id in terms of NEW/OLD;
    ``id_new``/``id_old`` name the record id (a parent's id for a table that belongs to another record,
    like ``visit_people``).
    """

    table: str
    record_type: str
    child_new: str
    child_old: str
    id_new: str = "NEW.id"
    id_old: str = "OLD.id"


def outbox_trigger_names(spec: TriggerSpec) -> list[str]:
    return [f"sync_queue_{spec.table}_{event}" for event in ("insert", "update", "delete")]


def outbox_triggers(spec: TriggerSpec, only_when_clean: bool = False) -> list[str]:
    """CREATE TRIGGER statements (insert, update, delete) that queue ``spec``'s records.

    ``only_when_clean`` is how schema 8 on makes them: a change to a record that is already waiting to be
    sent leaves its outbox row alone (the row already says "send it"). Without it, every autosave rewrote the
    row and both of its indexes, four pages written where one will do. ``queued_at`` then says since when the
    record has waited, and the oldest waiting change goes first."""
    when_clean = (
        " WHERE sync_outbox.dirty = 0"
        " OR sync_outbox.child_id IS NOT coalesce(excluded.child_id, sync_outbox.child_id)"
        if only_when_clean
        else ""
    )
    statements = []
    for name, event, id_expr, child_expr in zip(
        outbox_trigger_names(spec),
        ("INSERT", "UPDATE", "DELETE"),
        (spec.id_new, spec.id_new, spec.id_old),
        (spec.child_new, spec.child_new, spec.child_old),
        strict=True,
    ):
        statements.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {spec.table} "
            "WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN "
            "INSERT INTO sync_outbox (record_type, record_id, child_id, dirty, queued_at) "
            f"VALUES ('{spec.record_type}', {id_expr}, {child_expr}, 1, {NOW_SQL}) "
            "ON CONFLICT(record_type, record_id) DO UPDATE SET dirty = 1, queued_at = excluded.queued_at, "
            f"child_id = coalesce(excluded.child_id, sync_outbox.child_id){when_clean}; END;"
        )
    return statements


def _via_visit(ref: str) -> str:
    return f"(SELECT child_id FROM visits WHERE id = {ref})"


def _via_quote(ref: str) -> str:
    return f"(SELECT v.child_id FROM quotes q JOIN visits v ON v.id = q.visit_id WHERE q.id = {ref})"


# The tables that existed when sync arrived (schema 1 to 4). Frozen: a shipped migration never changes.
BASE_TRIGGERS = (
    TriggerSpec("children", "child", "NEW.id", "OLD.id"),
    TriggerSpec("people", "person", "NEW.child_id", "OLD.child_id"),
    TriggerSpec("visits", "visit", "NEW.child_id", "OLD.child_id"),
    TriggerSpec(
        "visit_people",
        "visit",
        _via_visit("NEW.visit_id"),
        _via_visit("OLD.visit_id"),
        id_new="NEW.visit_id",
        id_old="OLD.visit_id",
    ),
    TriggerSpec("quotes", "quote", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec(
        "quote_annotations", "quote_annotation", _via_quote("NEW.quote_id"), _via_quote("OLD.quote_id")
    ),
    TriggerSpec("observations", "observation", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec("safety_entries", "safety_entry", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec("scale_ratings", "scale_rating", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec("tool_entries", "tool_entry", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec("actions", "action", "NEW.child_id", "OLD.child_id"),
    TriggerSpec("amendments", "amendment", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec("visit_pictures", "picture", _via_visit("NEW.visit_id"), _via_visit("OLD.visit_id")),
    TriggerSpec(
        "letter_drafts",
        "letter",
        _via_visit("NEW.visit_id"),
        _via_visit("OLD.visit_id"),
        id_new="NEW.visit_id",
        id_old="OLD.visit_id",
    ),
)

# A picture linked to a visit queues its bytes for upload (by SHA-256, once per child).
PICTURE_UPLOAD_TRIGGER = (
    "CREATE TRIGGER sync_queue_picture_bytes AFTER INSERT ON visit_pictures "
    "WHEN NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN "
    "INSERT INTO sync_blobs (direction, child_id, sha256, length, queued_at) "
    f"SELECT 'up', v.child_id, NEW.sha256, b.byte_size, {NOW_SQL} FROM visits v "
    "JOIN picture_blobs b ON b.sha256 = NEW.sha256 WHERE v.id = NEW.visit_id "
    "ON CONFLICT(direction, child_id, sha256) DO NOTHING; END;"
)


def split_statements(sql: str) -> list[str]:
    return [s.strip() + ";" for s in sql.split(";") if s.strip() and not s.strip().startswith("--")]


def _strip_comments(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))


def add_sync_tables(conn: Connection) -> None:
    """The migration step that brings sync: its tables, the triggers, and every existing record queued."""
    for statement in split_statements(_strip_comments(SYNC_TABLES)):
        conn.execute(statement)
    for spec in BASE_TRIGGERS:
        for statement in outbox_triggers(spec):
            conn.execute(statement)
    conn.execute(PICTURE_UPLOAD_TRIGGER)
    # Records and pictures made before sync existed have never been sent: queue them all.
    conn.execute(
        "INSERT INTO sync_blobs (direction, child_id, sha256, length, queued_at) "
        f"SELECT DISTINCT 'up', v.child_id, p.sha256, b.byte_size, {NOW_SQL} FROM visit_pictures p "
        "JOIN visits v ON v.id = p.visit_id JOIN picture_blobs b ON b.sha256 = p.sha256 WHERE true "
        "ON CONFLICT(direction, child_id, sha256) DO NOTHING"
    )
    for spec in BASE_TRIGGERS:
        if spec.table == "visit_people":
            continue
        child, rid = spec.child_new.replace("NEW.", "t."), spec.id_new.replace("NEW.", "t.")
        conn.execute(
            "INSERT INTO sync_outbox (record_type, record_id, child_id, dirty, queued_at) "
            f"SELECT '{spec.record_type}', {rid}, {child}, 1, {NOW_SQL} FROM {spec.table} t WHERE true "
            "ON CONFLICT(record_type, record_id) DO NOTHING"
        )
