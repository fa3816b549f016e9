"""Setting up, unlocking, locking and re-keying a worker's vault.

An ``OpenVault`` holds the raw database key for as long as the vault is unlocked. ``lock()`` checkpoints,
closes every connection it handed out, and wipes the key. Every thread that touches the store asks the
``OpenVault`` for its own connection.
"""

from __future__ import annotations

import hmac
import logging
import threading

from visitapp.domain.models import Worker, new_id
from visitapp.domain.passphrase import check_passphrase
from visitapp.paths import VaultPaths
from visitapp.store import db, keys, migrations, settings
from visitapp.store.audit import record as audit
from visitapp.store.keys import KdfParams, KeyFileDamaged, WrongPassphrase
from visitapp.unlock_attempts import (
    clear_wrong_passphrases,
    count_wrong_passphrase,
    delay_after_failures,
    seconds_until_next_try,
)

log = logging.getLogger(__name__)

__all__ = [
    "KeyFileDamaged",
    "OpenVault",
    "UnlockThrottled",
    "VaultError",
    "WrongPassphrase",
    "clear_wrong_passphrases",
    "count_wrong_passphrase",
    "create_vault",
    "delay_after_failures",
    "unlock_vault",
    "seconds_until_next_try",
]

LEND_WAIT_SECONDS = 30.0  # how long lock() waits for a lent connection to come back before it goes on

WRONG_PASSPHRASE_MESSAGE = "That passphrase did not unlock VisitApp. Check Caps Lock and try again."


class VaultError(Exception):
    """A problem the worker can act on; the message says what to do."""


class UnlockThrottled(VaultError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"Too many wrong tries. Please wait {int(seconds + 0.999)} seconds, then try again.")
        self.seconds = seconds


class OpenVault:
    """An unlocked vault. Not thread-safe itself; each thread calls ``connect()`` for its own connection."""

    def __init__(self, paths: VaultPaths, database_key: bytearray, memory_security: bool = True) -> None:
        self.paths = paths
        self._key: bytearray | None = database_key
        self._memory_security = memory_security  # off only for demo vaults: see db.connect
        self._connections: list[db.Connection] = []
        self._lent: list[db.Connection] = []  # opened by other threads (a sync run); they close them
        self._guard = threading.Lock()
        self._returned = threading.Condition(self._guard)
        self._locking = False
        conn = self.connect()
        migrations.migrate(conn)
        loaded = settings.load_worker(conn)
        if loaded is None:
            raise VaultError("This vault has no worker details; it may be damaged.")
        self.worker_id, self.worker = loaded

    @property
    def is_locked(self) -> bool:
        return self._key is None

    def connect(self) -> db.Connection:
        with self._guard:
            if self._key is None:
                raise VaultError("VisitApp is locked.")
            conn = db.connect(self.paths.database, self._key, self._memory_security)
            self._connections.append(conn)
            return conn

    def lend(self) -> db.Connection:
        """A connection for another thread, such as a sync run, opened on (and only usable by) the calling
        thread, which must hand it back with ``give_back`` from that same thread. ``lock()`` waits for every
        lent connection to come back before it forgets the key; once locking has begun, this refuses."""
        with self._guard:
            if self._key is None or self._locking:
                raise VaultError("VisitApp is locked.")
            conn = db.connect(self.paths.database, self._key)
            self._lent.append(conn)
            return conn

    def give_back(self, conn: db.Connection) -> None:
        """Close a lent connection (on the thread that borrowed it) and let a waiting ``lock()`` go on."""
        try:
            conn.close()
        finally:
            with self._guard:
                self._lent = [c for c in self._lent if c is not conn]
                self._returned.notify_all()

    @property
    def lent(self) -> int:
        with self._guard:
            return len(self._lent)

    def lock(self, wait: float = LEND_WAIT_SECONDS) -> None:
        """Checkpoint, close every connection, forget the key. Safe to call twice. Lent connections belong to
        other threads: it waits (up to ``wait`` seconds) for them to be given back first, so the key is not
        dropped under a thread still reading. The caller should have asked those threads to stop."""
        with self._guard:
            self._locking = True
            if not self._returned.wait_for(lambda: not self._lent, timeout=wait):
                log.warning("locking with %d lent connection(s) still open", len(self._lent))
            conns, self._connections = self._connections, []
            for index, conn in enumerate(conns):
                try:
                    if index == 0:
                        db.checkpoint(conn)
                    conn.close()
                except (db.DatabaseError, db.ProgrammingError):
                    pass  # a connection from another thread may refuse; closing the rest matters more
            if self._key is not None:
                keys.wipe(self._key)
                self._key = None

    def check_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is this vault's, without changing anything (one KDF run, ~0.3 s)."""
        try:
            candidate = keys.unwrap_key(keys.read_key_file(self.paths.key_file), passphrase)
        except (WrongPassphrase, KeyFileDamaged):
            return False
        matches = self._key is not None and hmac.compare_digest(bytes(candidate), bytes(self._key))
        keys.wipe(candidate)
        return matches

    def change_passphrase(self, current: str, new: str, confirm: str) -> None:
        verdict = check_passphrase(new, confirm, personal=(self.worker.full_name, self.worker.team))
        if not verdict.ok:
            raise VaultError(verdict.message)
        record = keys.read_key_file(self.paths.key_file)
        try:
            old_key = keys.unwrap_key(record, current)
        except WrongPassphrase:
            raise VaultError("Your current passphrase is not right, so nothing was changed.") from None
        params = KdfParams(**{k: int(record["kdf"][k]) for k in ("n", "r", "p")})
        keys.write_key_file(self.paths.key_file, keys.wrap_key(old_key, new, params, record["vault_id"]))
        keys.wipe(old_key)
        conn = self.connect()
        audit(conn, self.worker_id, "passphrase.changed", "worker", self.worker_id)
        conn.close()
        with self._guard:
            self._connections.remove(conn)


def create_vault(
    paths: VaultPaths,
    worker: Worker,
    passphrase: str,
    confirm: str | None = None,
    params: KdfParams | None = None,
    memory_security: bool = True,
) -> OpenVault:
    """First start: make the key, wrap it, create the database and record who the worker is.
    ``memory_security=False`` is for demo vaults of fictional records only (see db.connect)."""
    if paths.key_file.exists() or paths.database.exists():
        raise VaultError("There is already a vault in this folder.")
    for label, value in (
        ("full name", worker.full_name),
        ("job title", worker.job_title),
        ("team", worker.team),
    ):
        if not value.strip():
            raise VaultError(f"Please fill in your {label}.")
    verdict = check_passphrase(passphrase, confirm, personal=(worker.full_name, worker.team))
    if not verdict.ok:
        raise VaultError(verdict.message)
    paths.ensure_root()
    database_key = keys.new_database_key()
    vault_id = keys.fresh_vault_id()
    conn = db.connect(paths.database, database_key, memory_security)
    try:
        migrations.migrate(conn)
        worker_id = new_id()
        with db.transaction(conn):
            settings.save_worker(conn, worker_id, worker)
            audit(conn, worker_id, "vault.created", "worker", worker_id)
    finally:
        conn.close()
    # The key file is written last: a vault without one was never finished and can be made again.
    keys.write_key_file(
        paths.key_file, keys.wrap_key(database_key, passphrase, params or KdfParams(), vault_id)
    )
    return OpenVault(paths, database_key, memory_security)


def unlock_vault(paths: VaultPaths, passphrase: str, now: float | None = None) -> OpenVault:
    """Unwrap the key and open the vault; wrong passphrases meet a growing delay that survives restarts."""
    wait = seconds_until_next_try(paths, now)
    if wait > 0:
        raise UnlockThrottled(wait)
    record = keys.read_key_file(paths.key_file)
    try:
        database_key = keys.unwrap_key(record, passphrase)
    except WrongPassphrase:
        count_wrong_passphrase(paths, now)
        raise
    clear_wrong_passphrases(paths)
    try:
        vault = OpenVault(paths, database_key)
    except db.WrongDatabaseKey as exc:
        raise VaultError("The key file does not belong to this vault's database.") from exc
    conn = vault.connect()
    audit(conn, vault.worker_id, "vault.unlocked", "worker", vault.worker_id)
    return vault
