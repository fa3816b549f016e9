"""Schema migrations on SQLite and PostgreSQL, and the small database layer."""

from __future__ import annotations

import threading

import pytest

from syncserver.db import Database, parse_url
from syncserver.schema import MIGRATIONS

LATEST = MIGRATIONS[-1].version


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


@pytest.mark.parametrize("previous", range(len(MIGRATIONS)))
def test_each_version_upgrades_to_the_latest(db_url: str, previous: int) -> None:
    db = Database(db_url)
    try:
        assert db.migrate(target=previous) == previous
        assert db.schema_version() == previous
        assert db.migrate() == LATEST
        assert db.migrate() == LATEST  # a second run changes nothing
        with db.transaction() as tx:
            assert tx.scalar("SELECT COUNT(*) FROM schema_migrations") == LATEST
            assert tx.scalar("SELECT value FROM sequence_counter WHERE id = 1") == 0
    finally:
        db.close()


def test_two_servers_starting_at_once_migrate_once(db_url: str) -> None:
    dbs = [Database(db_url) for _ in range(3)]
    barrier = threading.Barrier(len(dbs))
    errors: list[BaseException] = []

    def start(db: Database) -> None:
        barrier.wait()
        try:
            db.migrate()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(db,)) for db in dbs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert dbs[0].schema_version() == LATEST
    for db in dbs:
        db.close()


def test_failed_transaction_is_rolled_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction(write=True) as tx:
        tx.execute("INSERT INTO workers (username, created_at) VALUES ('ghost', 'now')")
        raise RuntimeError("stop")
    with db.transaction() as tx:
        assert tx.scalar("SELECT COUNT(*) FROM workers") == 0


@pytest.mark.parametrize(
    "url, expected",
    [
        ("sqlite:////var/lib/x.db", ("sqlite", "/var/lib/x.db")),
        ("sqlite:///rel.db", ("sqlite", "rel.db")),
        ("postgresql://u@h/db", ("postgresql", "postgresql://u@h/db")),
        ("postgres://u@h/db", ("postgresql", "postgresql://u@h/db")),
        ("postgresql+psycopg://u@h/db", ("postgresql", "postgresql://u@h/db")),
    ],
)
def test_parse_url(url: str, expected: tuple[str, str]) -> None:
    assert parse_url(url) == expected


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite:///", "mysql://h/db", ""])
def test_parse_url_refuses(url: str) -> None:
    with pytest.raises(ValueError):
        parse_url(url)
