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
