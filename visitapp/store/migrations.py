"""Numbered schema migrations. ``PRAGMA user_version`` holds the number of the last one applied.

Never edit a migration that has shipped: add the next one, and a test that upgrades a vault made by the
version before it (tests/visitapp/store/test_migrations.py walks every step).
"""

from __future__ import annotations

from collections.abc import Callable

from visitapp.store.db import Connection, transaction
from visitapp.store.sync_tables import (
    BASE_TRIGGERS,
    TriggerSpec,
    add_sync_tables,
    outbox_trigger_names,
    outbox_triggers,
)

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

# The letter to the child: one draft per visit, with the ids of the child's words and pictures the composer
# put in it (the checker compares quoted words with what was recorded). Locked with the visit at sign-off.
LETTER_DRAFTS = """
CREATE TABLE letter_drafts (
    visit_id    TEXT PRIMARY KEY REFERENCES visits(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    quote_ids   TEXT NOT NULL DEFAULT '[]',
    picture_ids TEXT NOT NULL DEFAULT '[]',
    composed_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER letter_locked_at_sign_off BEFORE UPDATE ON letter_drafts
WHEN (SELECT signed_off_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this visit is signed off, so its letter cannot be changed'); END;
CREATE TRIGGER letter_kept_at_sign_off BEFORE DELETE ON letter_drafts
WHEN (SELECT signed_off_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this visit is signed off, so its letter cannot be removed'); END;
"""

# Pictures (issue 4): the bytes live once, addressed by the SHA-256 of what is stored; each visit links to
# them with the child's own description, who made it, the date and the child's consent. Plain BLOB columns
# (sqlcipher3 has no incremental blob I/O, and a kept picture is at most a few MB at 2560 px). Thumbnails sit
# in their own table so a gallery never reads the big pages.
V4_PICTURES = """
CREATE TABLE picture_blobs (
    sha256     TEXT PRIMARY KEY,
    mime_type  TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    byte_size  INTEGER NOT NULL,
    data       BLOB NOT NULL,
    stored_at  TEXT NOT NULL
);
CREATE TABLE picture_thumbnails (
    sha256    TEXT PRIMARY KEY REFERENCES picture_blobs(sha256) ON DELETE CASCADE,
    mime_type TEXT NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    data      BLOB NOT NULL
);
-- Stored bytes are addressed by their hash, so they can never change.
CREATE TRIGGER picture_bytes_never_change BEFORE UPDATE ON picture_blobs
BEGIN SELECT RAISE(ABORT, 'a stored picture cannot be changed'); END;
CREATE TABLE visit_pictures (
    id               TEXT PRIMARY KEY,
    visit_id         TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    sha256           TEXT NOT NULL REFERENCES picture_blobs(sha256),
    description      TEXT NOT NULL DEFAULT '',
    made_by          TEXT NOT NULL CHECK (made_by IN ('child', 'together', 'photo')),
    made_on          TEXT NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('drawing', 'camera', 'file')),
    keep_in_record   INTEGER NOT NULL DEFAULT 1,
    may_show_family  INTEGER NOT NULL DEFAULT 0,
    may_go_in_letter INTEGER NOT NULL DEFAULT 0,
    added_at         TEXT NOT NULL,
    position         INTEGER NOT NULL,
    UNIQUE (visit_id, sha256)
);
CREATE INDEX visit_pictures_by_visit ON visit_pictures(visit_id, position);
CREATE INDEX visit_pictures_by_hash ON visit_pictures(sha256);
-- The child's description is their own words, like a quote: fixed once the visit is completed.
CREATE TRIGGER picture_words_fixed_once_completed BEFORE UPDATE OF description ON visit_pictures
WHEN NEW.description IS NOT OLD.description
 AND (SELECT status FROM visits WHERE id = OLD.visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'a picture description cannot be changed after the visit is completed'); END;
CREATE TRIGGER picture_kept_once_completed BEFORE DELETE ON visit_pictures
WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'a picture cannot be removed after the visit is completed'); END;
"""

# Sharing the last record with the family: parts can be marked not for sharing, and the family's
# responses sit beside the record. A response's words are fixed once the visit it was given at is
# completed; the worker's answer, once given, is fixed too.
FAMILY_RESPONSES = """
ALTER TABLE observations ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE safety_entries ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE scale_ratings ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE actions ADD COLUMN shareable INTEGER NOT NULL DEFAULT 1;
CREATE TABLE family_responses (
    id              TEXT PRIMARY KEY,
    record_visit_id TEXT NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    during_visit_id TEXT REFERENCES visits(id),
    verdict         TEXT NOT NULL,
    speaker         TEXT NOT NULL,
    words           TEXT NOT NULL,
    at              TEXT NOT NULL,
    answer          TEXT NOT NULL DEFAULT '',
    answer_kind     TEXT,
    answered_at     TEXT,
    amendment_id    TEXT REFERENCES amendments(id)
);
CREATE INDEX family_responses_by_record ON family_responses(record_visit_id, at);
CREATE INDEX family_responses_open ON family_responses(answered_at, record_visit_id);
CREATE TRIGGER family_words_fixed BEFORE UPDATE OF verdict, speaker, words, at ON family_responses
WHEN OLD.during_visit_id IS NULL OR (SELECT status FROM visits WHERE id = OLD.during_visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'the family said this, so it cannot be changed now'); END;
CREATE TRIGGER family_answer_fixed BEFORE UPDATE OF answer, answer_kind, answered_at, amendment_id
ON family_responses WHEN OLD.answered_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this response has been answered; the answer cannot be changed'); END;
CREATE TRIGGER family_response_kept BEFORE DELETE ON family_responses
WHEN OLD.during_visit_id IS NULL OR (SELECT status FROM visits WHERE id = OLD.during_visit_id) = 'completed'
BEGIN SELECT RAISE(ABORT, 'the family said this, so it stays in the record'); END;
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


_CHILD_OF_RECORD = "(SELECT child_id FROM visits WHERE id = {}.record_visit_id)"
FAMILY_RESPONSE_SYNC = TriggerSpec(
    "family_responses", "family_response", _CHILD_OF_RECORD.format("NEW"), _CHILD_OF_RECORD.format("OLD")
)


def add_family_responses(conn: Connection) -> None:
    """The family step: its tables and triggers, and sync triggers so responses reach the office."""
    _script(FAMILY_RESPONSES)(conn)
    for statement in outbox_triggers(FAMILY_RESPONSE_SYNC):
        conn.execute(statement)


# Update letters (issue 5): one letter to the child gathering the finished visits of a period (the
# three-month update). One draft per child and period, kept so the worker can come back to it; the visits and
# quotes it gathered are remembered. Synced like the visit letter (``add_period_letters``).
V7_PERIOD_LETTERS = """
CREATE TABLE period_letters (
    id          TEXT PRIMARY KEY,
    child_id    TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    text        TEXT NOT NULL,
    quote_ids   TEXT NOT NULL DEFAULT '[]',
    visit_ids   TEXT NOT NULL DEFAULT '[]',
    composed_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (child_id, starts_on, ends_on),
    CHECK (starts_on <= ends_on)
);
CREATE INDEX period_letters_by_child ON period_letters(child_id, updated_at);
"""


PERIOD_LETTER_SYNC = TriggerSpec("period_letters", "period_letter", "NEW.child_id", "OLD.child_id")


def add_period_letters(conn: Connection) -> None:
    """The update letters' table, with sync triggers so a draft reaches the office like any letter."""
    _script(V7_PERIOD_LETTERS)(conn)
    for statement in outbox_triggers(PERIOD_LETTER_SYNC):
        conn.execute(statement)


def quieter_outbox_triggers(conn: Connection) -> None:
    """Schema 8: every sync trigger made again so that it leaves a record already waiting to be sent alone
    (see ``outbox_triggers``). What is queued stays queued."""
    for spec in (*BASE_TRIGGERS, FAMILY_RESPONSE_SYNC, PERIOD_LETTER_SYNC):
        for name in outbox_trigger_names(spec):
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in outbox_triggers(spec, only_when_clean=True):
            conn.execute(statement)


# Index i holds the step from version i to version i + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _script(V1_FOUNDATION),
    _script(V2_GUIDED_VISIT),
    _script(LETTER_DRAFTS),
    _script(V4_PICTURES),
    add_sync_tables,  # sync: outbox, server versions, conflicts, cursor; triggers queue every change
    add_family_responses,
    add_period_letters,
    quieter_outbox_triggers,  # a record already waiting to be sent is not queued again on every save
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
