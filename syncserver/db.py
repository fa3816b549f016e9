"""A small database layer over plain DB-API: SQLite (one office) or PostgreSQL through psycopg 3 (a county).

SQL in this package is written once, with ``?`` placeholders; the PostgreSQL side swaps them for ``%s``.
Writers that hand out sequence numbers are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a row lock
on the single counter row, held until commit), so sequence order equals commit order and a reader paging
through "changes since N" can never skip a number that commits later.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from syncserver.schema import MIGRATIONS, TYPES

MIGRATION_LOCK_KEY = 7_202_401  # PostgreSQL advisory lock id, taken while migrating


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Tx:
    """One open transaction. Rows come back as plain tuples."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect
        self._savepoints = 0

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self._conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    @property
    def for_update(self) -> str:
        """Row-lock suffix for a SELECT; SQLite already holds the write lock for the whole transaction."""
        return " FOR UPDATE" if self.dialect == "postgresql" else ""

    def lock_sequence(self) -> None:
        """Serialise with every other writer that hands out sequence numbers, until this commits."""
        if self.dialect == "postgresql":
            self.execute("SELECT value FROM sequence_counter WHERE id = 1 FOR UPDATE")

    def next_sequence(self) -> int:
        value = self.scalar("UPDATE sequence_counter SET value = value + 1 WHERE id = 1 RETURNING value")
        return int(value)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo just this block on error; the rest of the transaction carries on."""
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.execute(f"RELEASE SAVEPOINT {name}")


def parse_url(url: str) -> tuple[str, str]:
    """``(dialect, target)``: a SQLite file path or a libpq connection string."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if not path or path == ":memory:":
            raise ValueError("SQLite needs a file path, for example sqlite:////var/lib/visitapp/server.db")
        return "sqlite", path
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql", "postgresql://" + url[len(prefix) :]
    raise ValueError("The database URL must start with sqlite:/// or postgresql://")


class Database:
    """A pool of connections to one database, handing out transactions."""

    def __init__(self, url: str, pool_size: int = 8) -> None:
        self.url = url
        self.dialect, self._target = parse_url(url)
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        if self.dialect == "sqlite":
            Path(self._target).expanduser().parent.mkdir(parents=True, exist_ok=True)

    def _connect(self) -> Any:
        if self.dialect == "sqlite":
            conn = sqlite3.connect(self._target, isolation_level=None, check_same_thread=False, timeout=60)
            conn.execute("PRAGMA page_size=16384")  # new files only; chosen when picture bytes lived here
            _switch_to_wal(conn)
            conn.execute("PRAGMA synchronous=FULL")  # an acknowledged change must survive a power cut
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=60000")
            return conn
        import psycopg  # only needed for PostgreSQL

        return psycopg.connect(self._target, autocommit=False)

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Tx]:
        """A transaction: committed if the block ends normally, rolled back if it raises."""
        with self._slots:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                conn = self._connect()
            healthy = True
            try:
                if self.dialect == "sqlite":
                    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                elif not write:
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield Tx(conn, self.dialect)
                conn.commit() if self.dialect == "postgresql" else conn.execute("COMMIT")
            except BaseException:
                try:
                    conn.rollback() if self.dialect == "postgresql" else conn.execute("ROLLBACK")
                except Exception:
                    healthy = False
                raise
            finally:
                if healthy and not getattr(conn, "closed", False):
                    self._pool.put(conn)
                else:
                    conn.close()

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    def schema_version(self) -> int:
        with self.transaction() as tx:
            if self.dialect == "sqlite":
                exists = tx.scalar("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'")
            else:
                exists = tx.scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")
            if not exists:
                return 0
            return int(tx.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))

    def migrate(self, target: int | None = None) -> int:
        """Bring the schema up to date (or up to ``target``); safe to run from two processes at once.
        Returns the version reached."""
        types = TYPES[self.dialect]
        with self.transaction(write=True) as tx:
            if self.dialect == "postgresql":
                tx.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
            tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = int(tx.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
            for migration in MIGRATIONS:
                if migration.version <= current or (target is not None and migration.version > target):
                    continue
                for statement in migration.statements:
                    tx.execute(statement.format(**types))
                tx.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (migration.version, utc_now()),
                )
                current = migration.version
        return current


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Turning a brand-new file to WAL needs a moment alone with it, and SQLite answers "locked" at once
    instead of waiting when two servers start together; so try again for a few seconds."""
    for attempt in range(100):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)
