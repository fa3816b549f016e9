"""Schema migrations on SQLite and PostgreSQL (and moving version 1's picture bytes to files), and the
small database layer."""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from pathlib import Path

import pytest

from syncserver import pictures
from syncserver.cli import main
from syncserver.db import Database, Tx, parse_url
from syncserver.picture_store import PictureStore
from syncserver.schema import MIGRATIONS

LATEST = MIGRATIONS[-1].version
CHUNK = 8 * 1024


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


def _version_1_picture(
    tx: Tx, child: str, data: bytes, received: int | None = None, sha: str | None = None
) -> str:
    """A picture as schema version 1 stored it: a row, and its bytes as chunks in the database."""
    sha = sha or hashlib.sha256(data).hexdigest()
    received = len(data) if received is None else received
    tx.execute(
        "INSERT INTO pictures (child_id, sha256, length, received, complete, device_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, 'laptop', 'then')",
        (child, sha, len(data), received, int(received == len(data))),
    )
    for start in range(0, received, CHUNK):
        tx.execute(
            "INSERT INTO picture_chunks (child_id, sha256, start_at, data) VALUES (?, ?, ?, ?)",
            (child, sha, start, data[start : min(start + CHUNK, received)]),
        )
    return sha


def test_picture_bytes_kept_in_the_database_move_to_files(
    db_url: str, pictures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(db_url)
    assert db.migrate(target=1) == 1
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    shared, unfinished, damaged = os.urandom(3 * CHUNK + 5), os.urandom(4 * CHUNK), os.urandom(2 * CHUNK)
    with db.transaction(write=True) as tx:
        shared_sha = _version_1_picture(tx, a, shared)
        _version_1_picture(tx, b, shared)
        unfinished_sha = _version_1_picture(tx, a, unfinished, received=2 * CHUNK)
        damaged_sha = _version_1_picture(tx, b, damaged, sha=hashlib.sha256(b"other").hexdigest())
    db.close()

    command = ["admin", "--database-url", db_url, "migrate", "--pictures-dir", str(pictures_dir)]
    assert main(command) == 0
    out = capsys.readouterr()
    assert f"version {LATEST}" in out.out
    assert "Moved 3 pictures' bytes" in out.err and f"Picture {damaged_sha} is damaged" in out.err
    store = PictureStore(pictures_dir)
    assert store.path(shared_sha).read_bytes() == shared
    assert store.partial_path(a, unfinished_sha).read_bytes() == unfinished[: 2 * CHUNK]
    assert not store.path(damaged_sha).exists() and not store.partial_path(b, damaged_sha).exists()
    db = Database(db_url)
    try:
        with db.transaction() as tx:
            left = tx.all("SELECT DISTINCT sha256 FROM legacy_picture_chunks")
        assert left == [(damaged_sha,)]  # kept for someone to look at, never published
        assert pictures.read(db, store, a, shared_sha) == shared
        assert pictures.read(db, store, b, shared_sha) == shared
        # The unfinished upload resumes where version 1 left it.
        assert pictures.state(db, store, a, unfinished_sha) == pictures.UploadState(
            len(unfinished), 2 * CHUNK, False
        )
        for start in (2 * CHUNK, 3 * CHUNK):
            chunk = unfinished[start : start + CHUNK]
            outcome, st = pictures.put_chunk(
                db,
                store,
                "laptop",
                a,
                unfinished_sha,
                len(unfinished),
                start,
                [chunk],
                hashlib.sha256(chunk).digest(),
            )
            assert outcome is pictures.Outcome.STORED
        assert st.complete and pictures.read(db, store, a, unfinished_sha) == unfinished
        checked, problems = pictures.check_store(db, store)
        assert checked == 4 and [(x.sha256, x.problem) for x in problems] == [(damaged_sha, "missing")]
    finally:
        db.close()
    assert main(command) == 0  # a second start moves nothing more
    assert "Moved" not in capsys.readouterr().err
