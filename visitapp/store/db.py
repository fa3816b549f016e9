"""Opening the SQLCipher database: the raw key, then the pragmas that DESIGN.md promises.

Note: ``sqlcipher3.DatabaseError`` is not ``sqlite3.DatabaseError``; catch the one from this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from visitapp.store.keys import sqlcipher_key_literal

if TYPE_CHECKING:
    # sqlcipher3 ships no type hints; its connection has the same API as the standard library's.
    from sqlite3 import Connection
else:
    Connection = sqlcipher3.Connection

DatabaseError = sqlcipher3.DatabaseError
ProgrammingError = sqlcipher3.ProgrammingError


class WrongDatabaseKey(Exception):
    """The key does not open this database (or the file is not a VisitApp vault)."""


def connect(path: Path, database_key: bytes | bytearray, memory_security: bool = True) -> Connection:
    """Open one connection. Every thread that touches the store opens its own.

    ``memory_security=False`` is for the demo command alone, which fills a vault with fictional records:
    SQLCipher's memory security locks and wipes every allocation (an mlock and an munlock system call each,
    about a thousand per demo visit), so 10,000 demo visits would take minutes. Once any connection in a
    process has turned it on, SQLCipher keeps it on for the life of the process."""
    conn: Connection = sqlcipher3.connect(
        str(path), timeout=10.0, isolation_level=None, check_same_thread=True
    )
    try:
        # SQLCipher logs decryption failures to stderr; a wrong key is an expected event, not noise.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f'PRAGMA key = "{sqlcipher_key_literal(database_key)}"')
        if memory_security:
            conn.execute("PRAGMA cipher_memory_security = ON")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            raise WrongDatabaseKey(str(exc)) from None
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def checkpoint(conn: Connection) -> None:
    """Fold the WAL back into the database so a locked vault is one file at rest."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class transaction:
    """``with transaction(conn): ...`` — BEGIN IMMEDIATE / COMMIT, or ROLLBACK on error."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def __enter__(self) -> Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
