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


def test_every_version_has_a_seed() -> None:
    assert set(SEED_BY_VERSION) == set(range(1, migrations.LATEST_VERSION + 1))


def test_a_vault_from_a_newer_app_is_not_touched(tmp_path: Path) -> None:
    key = keys.new_database_key()
    conn = db.connect(tmp_path / "vault.db", key)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    with pytest.raises(migrations.VaultTooNew):
        migrations.migrate(conn)
