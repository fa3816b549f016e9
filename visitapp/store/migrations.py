"""Numbered schema migrations. ``PRAGMA user_version`` holds the number of the last one applied.

Never edit a migration that has shipped: add the next one, and a test that upgrades a vault made by the
version before it (tests/visitapp/store/test_migrations.py walks every step).
"""

from __future__ import annotations

from collections.abc import Callable

from visitapp.store.db import Connection, transaction

V1_FOUNDATION = """
CREATE TABLE worker (
    id          TEXT PRIMARY KEY,
    full_name   TEXT NOT NULL,
    job_title   TEXT NOT NULL,
    team        TEXT NOT NULL
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE children (
    id                  TEXT PRIMARY KEY,
    full_name           TEXT NOT NULL,
    known_as            TEXT NOT NULL DEFAULT '',
    date_of_birth       TEXT,
    pronouns            TEXT NOT NULL DEFAULT '',
    legal_status        TEXT NOT NULL,
    first_language      TEXT NOT NULL DEFAULT '',
    communication_needs TEXT NOT NULL DEFAULT '[]',
    communication_notes TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    child_id     TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    relationship TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_by_child ON people(child_id, position);
CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    child_id     TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    starts_at    TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    visit_type   TEXT NOT NULL,
    purpose      TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX visits_by_child ON visits(child_id, starts_at);
CREATE TABLE visit_people (
    visit_id  TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, person_id)
);
-- The audit trail holds ids and actions, never case content, and cannot be changed once written.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX audit_by_entity ON audit(entity_id, seq);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""

V2_GUIDED_VISIT = """
ALTER TABLE children ADD COLUMN visiting_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN plan_start TEXT;
ALTER TABLE visits ADD COLUMN child_seen INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visits ADD COLUMN not_seen_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN not_seen_next_steps TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN seen_alone INTEGER;
ALTER TABLE visits ADD COLUMN alone_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN alone_place TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN not_alone_reason TEXT;
ALTER TABLE visits ADD COLUMN not_alone_other TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN alone_timer_started_at TEXT;
ALTER TABLE visits ADD COLUMN chose_not_to_share TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN shared_last_record INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN next_visit_on TEXT;
ALTER TABLE visits ADD COLUMN next_visit_later_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN signed_off_at TEXT;
ALTER TABLE visits ADD COLUMN signed_off_by TEXT;
-- Covers the caseload's "when was the child last seen, last seen alone" without reading visit rows.
CREATE INDEX visits_seen_by_child ON visits(child_id, starts_at, child_seen, seen_alone);
CREATE TABLE quotes (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    words       TEXT NOT NULL,
    said_at     TEXT NOT NULL,
    prompt      TEXT NOT NULL DEFAULT '',
    shared_how  TEXT NOT NULL,
    child_alone INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    position    INTEGER NOT NULL
);
CREATE INDEX quotes_by_visit ON quotes(visit_id, position);
-- A child's words are never changed or removed once the visit is completed: annotate them instead.
CREATE TRIGGER quote_words_fixed_once_completed BEFORE UPDATE OF words ON quotes
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'a quote cannot be changed after the visit is completed'); END;
CREATE TRIGGER quote_kept_once_completed BEFORE DELETE ON quotes
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'a quote cannot be removed after the visit is completed'); END;
CREATE TABLE quote_annotations (
    id       TEXT PRIMARY KEY,
    quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    text     TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX annotations_by_quote ON quote_annotations(quote_id, at);
CREATE TABLE observations (
    id       TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    area     TEXT NOT NULL,
    text     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX observations_by_visit ON observations(visit_id, position);
CREATE TABLE safety_entries (
    id       TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    text     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX safety_by_visit ON safety_entries(visit_id, position);
CREATE TABLE scale_ratings (
    id              TEXT PRIMARY KEY,
    visit_id        TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    who             TEXT NOT NULL,
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    reason          TEXT NOT NULL DEFAULT '',
    one_step_higher TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL
);
CREATE INDEX scales_by_visit ON scale_ratings(visit_id, position);
CREATE TABLE tool_entries (
    id       TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    tool     TEXT NOT NULL,
    answers  TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX tools_by_visit ON tool_entries(visit_id, position);
CREATE TABLE actions (
    id       TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    who      TEXT NOT NULL,
    what     TEXT NOT NULL,
    due_on   TEXT,
    done_on  TEXT
);
CREATE INDEX actions_by_child ON actions(child_id, done_on);
CREATE TABLE amendments (
    id       TEXT PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    part     TEXT NOT NULL,
    text     TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,
    by       TEXT NOT NULL
);
CREATE INDEX amendments_by_visit ON amendments(visit_id, at);
CREATE TRIGGER amendments_are_kept_update BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'an amendment cannot be changed; add another'); END;
CREATE TRIGGER amendments_are_kept_delete BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'an amendment cannot be removed; add another'); END;
-- A signed-off visit is locked: its own fields never change again (amendments sit beside it).
CREATE TRIGGER signed_off_visit_is_locked BEFORE UPDATE ON visits
WHEN OLD.signed_off_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this visit is signed off; add an amendment instead'); END;
"""


def _script(sql: str) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        for statement in _split_statements(sql):
            conn.execute(statement)

    return apply


def _split_statements(sql: str) -> list[str]:
    # executescript() would COMMIT our open transaction; split on ';' at line ends, keeping triggers whole.
    statements, current = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and (
            not joined.upper().startswith("CREATE TRIGGER") or joined.endswith("END;")
        ):
            statements.append(joined)
            current = []
    return statements


# Index i holds the step from version i to version i + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _script(V1_FOUNDATION),
    _script(V2_GUIDED_VISIT),
]

LATEST_VERSION = len(MIGRATIONS)


class VaultTooNew(Exception):
    """The vault was written by a newer VisitApp; opening it here could damage it."""


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int = LATEST_VERSION) -> int:
    """Apply each missing step in its own transaction. Returns the version reached."""
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise VaultTooNew(
            f"This vault was made by a newer VisitApp (schema {current}); please update VisitApp first."
        )
    while current < target:
        with transaction(conn):
            MIGRATIONS[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
        current += 1
    return current
