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
}


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


def test_every_version_has_a_seed() -> None:
    assert set(SEED_BY_VERSION) == set(range(1, migrations.LATEST_VERSION + 1))


def test_a_vault_from_a_newer_app_is_not_touched(tmp_path: Path) -> None:
    key = keys.new_database_key()
    conn = db.connect(tmp_path / "vault.db", key)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    with pytest.raises(migrations.VaultTooNew):
        migrations.migrate(conn)
