"""Every schema step upgrades a vault made by the version before it, keeping what was in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from visitapp.store import db, keys, migrations

# Rows a vault of each version holds before it is upgraded; extend when a migration is added.
SEED_BY_VERSION = {
    1: [
        "INSERT INTO worker VALUES ('w1', 'Morgan', 'Social Worker', 'Harbour Team')",
        "INSERT INTO children (id, full_name, legal_status, created_at, updated_at) "
        "VALUES ('c1', 'Test Child', 'child_in_need', '2026-01-01', '2026-01-01')",
        "INSERT INTO visits (id, child_id, starts_at, visit_type, status, created_at, updated_at) "
        "VALUES ('v1', 'c1', '2026-01-02T10:00', 'planned', 'draft', '2026-01-02', '2026-01-02')",
    ],
    2: [
        "INSERT INTO worker VALUES ('w1', 'Morgan', 'Social Worker', 'Harbour Team')",
        "INSERT INTO children (id, full_name, legal_status, created_at, updated_at, visiting_rule) "
        "VALUES ('c1', 'Test Child', 'looked_after', '2026-01-01', '2026-01-01', 'looked_after_first_year')",
        "INSERT INTO visits (id, child_id, starts_at, visit_type, status, created_at, updated_at, "
        "seen_alone) VALUES ('v1', 'c1', '2026-01-02T10:00', 'planned', 'draft', '2026-01-02', "
        "'2026-01-02', 1)",
        "INSERT INTO quotes VALUES ('q1', 'v1', 'I like my room', '2026-01-02T10:20', '', 'told_me_alone', "
        "1, 'words', 1)",
    ],
    # The letter drafts step: a vault that already holds a letter keeps it, with the quotes it used.
    # (Keyed by the version that has letter_drafts; see LETTER_DRAFTS in visitapp/store/migrations.py.)
    3: [
        "INSERT INTO worker VALUES ('w1', 'Morgan', 'Social Worker', 'Harbour Team')",
        "INSERT INTO children (id, full_name, legal_status, created_at, updated_at) "
        "VALUES ('c1', 'Test Child', 'child_in_need', '2026-01-01', '2026-01-01')",
        "INSERT INTO visits (id, child_id, starts_at, visit_type, status, created_at, updated_at) "
        "VALUES ('v1', 'c1', '2026-01-02T10:00', 'planned', 'completed', '2026-01-02', '2026-01-02')",
        "INSERT INTO quotes VALUES ('q1', 'v1', 'I like my room', '2026-01-02T10:20', '', 'told_me_alone', "
        "1, 'words', 1)",
        "INSERT INTO letter_drafts (visit_id, text, quote_ids, composed_at, updated_at) VALUES ('v1', "
        "'Dear Test,', '[\"q1\"]', '2026-01-02T11:00', '2026-01-02T11:00')",
    ],
    # The pictures step: a vault holding a completed visit with a picture keeps it, and its words stay fixed.
    4: [
        "INSERT INTO worker VALUES ('w1', 'Morgan', 'Social Worker', 'Harbour Team')",
        "INSERT INTO children (id, full_name, legal_status, created_at, updated_at) "
        "VALUES ('c1', 'Test Child', 'child_in_need', '2026-01-01', '2026-01-01')",
        "INSERT INTO visits (id, child_id, starts_at, visit_type, status, created_at, updated_at) "
        "VALUES ('v1', 'c1', '2026-01-02T10:00', 'planned', 'completed', '2026-01-02', '2026-01-02')",
        "INSERT INTO picture_blobs VALUES ('ab12', 'image/png', 2, 1, 3, x'010203', '2026-01-02')",
        "INSERT INTO picture_thumbnails VALUES ('ab12', 'image/png', 2, 1, x'0102')",
        "INSERT INTO visit_pictures (id, visit_id, sha256, description, made_by, made_on, source, added_at, "
        "position) VALUES ('p1', 'v1', 'ab12', 'my dog Biscuit', 'child', '2026-01-02', 'drawing', "
        "'2026-01-02', 1)",
        "INSERT INTO quotes VALUES ('q1', 'v1', 'I like my room', '2026-01-02T10:20', '', 'told_me_alone', "
        "1, 'words', 1)",
        "INSERT INTO letter_drafts (visit_id, text, quote_ids, picture_ids, composed_at, updated_at) VALUES "
        "('v1', 'Dear Test,', '[\"q1\"]', '[\"p1\"]', '2026-01-02T11:00', '2026-01-02T11:00')",
    ],
}
# The sync step: a vault that has synced keeps everything above plus its cursor and what the server holds.
SEED_BY_VERSION[5] = [
    *SEED_BY_VERSION[4],
    "INSERT INTO sync_meta VALUES ('cursor', '42')",
    "INSERT INTO sync_records VALUES ('child', 'c1', 'c1', 3, 0, 0)",
]
# The family step: a family's response to a record stays beside it, with the worker's answer.
SEED_BY_VERSION[6] = [
    *SEED_BY_VERSION[5],
    "INSERT INTO family_responses (id, record_visit_id, verdict, speaker, words, at, answer, answer_kind, "
    "answered_at) VALUES ('r1', 'v1', 'wrong_or_missing', 'Nanna Jo', 'The carpet is green.', "
    "'2026-01-09T10:00', 'I corrected it.', 'changed', '2026-01-09T12:00')",
]

# The update letters step: a child's update for a period stays, with the visits and quotes it gathered.
SEED_BY_VERSION[7] = [
    *SEED_BY_VERSION[6],
    "INSERT INTO period_letters (id, child_id, starts_on, ends_on, text, quote_ids, visit_ids, composed_at, "
    "updated_at) VALUES ('u1', 'c1', '2025-12-01', '2026-03-01', 'Dear Test,', '[\"q1\"]', '[\"v1\"]', "
    "'2026-03-01T09:00', '2026-03-01T09:00')",
]

# The quieter sync triggers: a record waiting to be sent stays queued, one already sent stays sent.
SEED_BY_VERSION[8] = [
    *SEED_BY_VERSION[7],
    "UPDATE sync_outbox SET dirty = 0, state = 'sending', change_id = 'ch1' WHERE record_id = 'q1'",
]


# The last case opens a current vault again: nothing to do, nothing lost.
@pytest.mark.parametrize("start", range(migrations.LATEST_VERSION + 1))
def test_upgrade_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    key = keys.new_database_key()
    conn = db.connect(tmp_path / "vault.db", key)
    assert migrations.migrate(conn, target=start) == start
    for statement in SEED_BY_VERSION.get(start, []):
        conn.execute(statement)
    conn.close()

    conn = db.connect(tmp_path / "vault.db", key)
    assert migrations.migrate(conn) == migrations.LATEST_VERSION
    assert migrations.schema_version(conn) == migrations.LATEST_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if start >= 1:
        assert conn.execute("SELECT full_name FROM children WHERE id = 'c1'").fetchone()[0] == "Test Child"
        # a visit made before the guided flow existed reads as "child seen, time alone not recorded"
        assert conn.execute("SELECT child_seen, alone_minutes FROM visits WHERE id = 'v1'").fetchone() == (
            1,
            0,
        )
    if start >= 2:
        assert conn.execute("SELECT words FROM quotes WHERE id = 'q1'").fetchone()[0] == "I like my room"
    if start >= 3:
        assert conn.execute("SELECT quote_ids FROM letter_drafts WHERE visit_id = 'v1'").fetchone() == (
            '["q1"]',
        )
    if start >= 4:
        assert conn.execute("SELECT description FROM visit_pictures WHERE id = 'p1'").fetchone()[0] == (
            "my dog Biscuit"
        )
        with pytest.raises(db.DatabaseError):
            conn.execute("UPDATE visit_pictures SET description = 'changed' WHERE id = 'p1'")
    if start >= 1:
        # Records made before sync existed wait to be sent (the upgrade queues them), as does every new one.
        queued = {r[0] for r in conn.execute("SELECT record_type || ':' || record_id FROM sync_outbox")}
        assert {"child:c1", "visit:v1"} <= queued
        if start >= 2:
            assert "quote:q1" in queued
    if start == 4:
        assert conn.execute("SELECT sha256 FROM sync_blobs WHERE direction = 'up'").fetchall() == [("ab12",)]
    if start >= 5:
        assert conn.execute("SELECT value FROM sync_meta WHERE key = 'cursor'").fetchone() == ("42",)
    if start >= 6:
        assert conn.execute("SELECT words FROM family_responses WHERE id = 'r1'").fetchone() == (
            "The carpet is green.",
        )
        with pytest.raises(db.DatabaseError):  # answered: the answer is fixed
            conn.execute("UPDATE family_responses SET answer = 'x' WHERE id = 'r1'")


def test_every_version_has_a_seed() -> None:
    assert set(SEED_BY_VERSION) == set(range(1, migrations.LATEST_VERSION + 1))


def test_a_vault_from_a_newer_app_is_not_touched(tmp_path: Path) -> None:
    key = keys.new_database_key()
    conn = db.connect(tmp_path / "vault.db", key)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    with pytest.raises(migrations.VaultTooNew):
        migrations.migrate(conn)


def _upgraded(tmp_path: Path, version: int, seed: list[str]) -> db.Connection:
    """A vault made at ``version`` holding ``seed``, closed, then opened and upgraded as the app does."""
    key = keys.new_database_key()
    conn = db.connect(tmp_path / "vault.db", key)
    migrations.migrate(conn, target=version)
    for statement in seed:
        conn.execute(statement)
    conn.close()
    conn = db.connect(tmp_path / "vault.db", key)
    assert migrations.migrate(conn) == migrations.LATEST_VERSION
    return conn


def test_the_update_letters_step_upgrades_a_vault_of_version_6(tmp_path: Path) -> None:
    conn = _upgraded(tmp_path, 6, SEED_BY_VERSION[6])
    assert conn.execute("SELECT count(*) FROM period_letters").fetchone() == (0,)
    for statement in SEED_BY_VERSION[7][len(SEED_BY_VERSION[6]) :]:
        conn.execute(statement)
    row = conn.execute("SELECT child_id, visit_ids FROM period_letters WHERE id = 'u1'").fetchone()
    assert row == ("c1", '["v1"]')
    assert conn.execute("SELECT words FROM family_responses WHERE id = 'r1'").fetchone() is not None
    with pytest.raises(db.DatabaseError):  # one update per child and period
        conn.execute(
            "INSERT INTO period_letters (id, child_id, starts_on, ends_on, text, composed_at, updated_at) "
            "VALUES ('u2', 'c1', '2025-12-01', '2026-03-01', 'again', '2026-03-02', '2026-03-02')"
        )
    with pytest.raises(db.DatabaseError):  # a period ends after it starts
        conn.execute(
            "INSERT INTO period_letters (id, child_id, starts_on, ends_on, text, composed_at, updated_at) "
            "VALUES ('u3', 'c1', '2026-03-01', '2026-01-01', 'back to front', '2026-03-02', '2026-03-02')"
        )


def _outbox(conn: db.Connection, record_id: str) -> tuple[int, str, str]:
    return conn.execute(
        "SELECT dirty, queued_at, child_id FROM sync_outbox WHERE record_id = ?", (record_id,)
    ).fetchone()


def test_an_edit_to_a_record_waiting_to_be_sent_leaves_its_outbox_row_alone(tmp_path: Path) -> None:
    conn = _upgraded(tmp_path, 7, SEED_BY_VERSION[8])
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_queue_%'"
    outbox = [(name, sql) for name, sql in conn.execute(triggers) if name != "sync_queue_picture_bytes"]
    assert len(outbox) == 3 * 16  # insert, update and delete for each kind of record
    assert all("WHERE sync_outbox.dirty = 0" in sql for _, sql in outbox)

    conn.execute("UPDATE sync_outbox SET queued_at = '2026-01-01T00:00:00Z' WHERE record_id = 'v1'")
    conn.execute("UPDATE visits SET notes = 'typed' WHERE id = 'v1'")
    assert _outbox(conn, "v1") == (1, "2026-01-01T00:00:00Z", "c1")  # still waiting, since it first waited

    conn.execute("UPDATE quotes SET prompt = 'at tea' WHERE id = 'q1'")  # changed while being sent
    dirty, queued_at, child = _outbox(conn, "q1")
    assert (dirty, child) == (1, "c1") and queued_at > "2026-01-01"

    conn.execute("UPDATE sync_outbox SET child_id = NULL WHERE record_id = 'c1'")
    conn.execute("UPDATE children SET known_as = 'T' WHERE id = 'c1'")
    assert _outbox(conn, "c1")[2] == "c1"  # a missing child id is still filled in

    conn.execute("DELETE FROM sync_outbox WHERE record_id = 'u1'")  # sent and accepted
    conn.execute("UPDATE period_letters SET text = 'Dear T,' WHERE id = 'u1'")
    assert _outbox(conn, "u1")[0] == 1


def test_a_new_vault_and_an_upgraded_one_have_the_same_triggers(tmp_path: Path) -> None:
    key = keys.new_database_key()
    fresh = db.connect(tmp_path / "fresh.db", key)
    migrations.migrate(fresh)
    upgraded = db.connect(tmp_path / "old.db", key)
    migrations.migrate(upgraded, target=7)
    migrations.migrate(upgraded)
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert fresh.execute(query).fetchall() == upgraded.execute(query).fetchall()
