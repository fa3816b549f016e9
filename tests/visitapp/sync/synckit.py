"""Helpers for the laptop-side sync tests: laptops with real vaults, a worker on a real server, and the
checks every fault test ends with (nothing acknowledged lost, no duplicates, both sides equal)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from syncserver import accounts, paths, pictures
from syncserver.db import Database
from syncserver.picture_store import PictureStore
from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from visitapp.casework import Casework
from visitapp.domain.models import Child, Person, Visit
from visitapp.paths import VaultPaths
from visitapp.store import sync_state as ss
from visitapp.sync import account, records
from visitapp.sync.client import RetryPolicy, SyncClient
from visitapp.sync.engine import SyncEngine, SyncReport
from visitapp.vault import OpenVault, create_vault
from visitapp.visit_flow import VisitFlow

FAST_RETRIES = RetryPolicy(attempts=12, base=0.001, cap=0.01)


@dataclass
class ServerWorker:
    db: Database
    username: str
    children: list[str] = field(default_factory=list)

    def code(self) -> str:
        return accounts.create_device(self.db, self.username, "laptop")[1]

    def assign(self, child_id: str) -> None:
        accounts.assign(self.db, child_id, self.username)
        self.children.append(child_id)


def make_server_worker(db: Database, username: str = "morgan") -> ServerWorker:
    accounts.add_worker(db, username, "Morgan Test-Worker")
    return ServerWorker(db, username)


class Laptop:
    """One worker's laptop: a real vault, the services, and sync through ``url`` (a proxy or the server)."""

    def __init__(self, root: Path, url: str, code: str, sleeps: list[float] | None = None) -> None:
        self.paths = VaultPaths(root)
        self.vault: OpenVault = create_vault(self.paths, WORKER, PASSPHRASE, params=FAST_KDF)
        self.conn = self.vault.connect()
        self.url = url
        self.sleeps = sleeps if sleeps is not None else []
        account.enrol(self.conn, url, code, client=self.client())
        self.casework = Casework(self.conn, self.vault.worker_id)
        self.flow = VisitFlow(self.conn, self.vault.worker_id)

    def client(self) -> SyncClient:
        token = ss.meta_get(self.conn, ss.DEVICE_TOKEN) if self.conn else None
        return SyncClient(self.url, token, policy=FAST_RETRIES, sleep=self.sleeps.append, timeout=10)

    def sync(self, hook: Callable[[str], None] | None = None, **kw: Any) -> SyncReport:
        allow = kw.pop("allow_mass_delete", False)
        with self.client() as client:
            return SyncEngine(self.conn, client, hook=hook, **kw).run(allow_mass_delete=allow)

    def reopen(self) -> None:
        """After a simulated crash: a fresh connection, as after a restart."""
        self.conn = self.vault.connect()
        self.casework = Casework(self.conn, self.vault.worker_id)
        self.flow = VisitFlow(self.conn, self.vault.worker_id)

    def new_child(self, worker: ServerWorker, name: str = "Alex Example") -> Child:
        child = Child(full_name=name)
        self.casework.save_child(child)
        worker.assign(child.id)
        return child

    def new_visit(self, child_id: str, notes: str = "") -> Visit:
        visit = Visit(child_id=child_id, starts_at=datetime(2026, 3, 2, 10, 0), notes=notes)
        self.casework.save_visit(visit)
        return visit

    def add_person(self, child_id: str, name: str) -> Person:
        person = Person(child_id=child_id, name=name, relationship="Nan")
        self.casework.save_person(person)
        return person

    def add_picture(self, visit_id: str, side: int = 320, seed: int = 0) -> str:
        """A noisy photo (hard to compress) kept in the visit; returns its SHA-256."""
        return add_picture(self.conn, self.vault.worker_id, visit_id, side, seed)

    def close(self) -> None:
        self.vault.lock()


def noise_photo(side: int, seed: int) -> bytes:
    import io
    import random

    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def add_picture(conn: Any, worker_id: str, visit_id: str, side: int = 320, seed: int = 0) -> str:
    from visitapp.media import prepare_capture
    from visitapp.pictures import Pictures, Source

    prepared = prepare_capture(noise_photo(side, seed), "camera photo")
    Pictures(conn, worker_id).add(visit_id, prepared, Source.CAMERA)
    return prepared.sha256


def server_pictures(db: Database) -> dict[str, bytes]:
    """Complete pictures on the server, by SHA-256 (the server's default picture store: next to its file)."""
    store = PictureStore(paths.pictures_dir(db.url))
    with db.transaction() as tx:
        rows = tx.all("SELECT child_id, sha256 FROM pictures WHERE complete = 1")
    return {str(sha): pictures.read(db, store, child, sha) or b"" for child, sha in rows}


def laptop_records(conn: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced record on a laptop, as it would be sent."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for rt in records.REGISTRY.values():
        try:
            ids = [r[0] for r in conn.execute(f"SELECT {rt.id_column} FROM {rt.table}")]
        except Exception:  # a table of a later feature that this schema lacks
            continue
        for rid in ids:
            body = rt.read(conn, rid)
            assert body is not None
            out[(rt.name, rid)] = body
    return out


def server_records(db: Database) -> dict[tuple[str, str], dict[str, Any]]:
    with db.transaction() as tx:
        rows = tx.all("SELECT record_type, record_id, body FROM records WHERE deleted = 0")
    return {(str(t), str(i)): json.loads(b) for t, i, b in rows}


def server_change_count(db: Database) -> int:
    with db.transaction() as tx:
        return int(tx.scalar("SELECT count(*) FROM change_log"))


def assert_converged(db: Database, *laptops: Laptop) -> None:
    """Every laptop has exactly what the server has, and nothing waits to be sent."""
    server = server_records(db)
    for laptop in laptops:
        waiting = laptop.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
        assert waiting == 0, f"{waiting} changes still waiting"
        local = laptop_records(laptop.conn)
        assert set(local) == set(server), set(local) ^ set(server)
        for key, body in server.items():
            assert json.loads(json.dumps(local[key])) == body, key


def assert_no_duplicates(db: Database) -> None:
    """Each change id is logged once; each record has exactly one row; versions run 1..n with no gaps."""
    with db.transaction() as tx:
        dupes = tx.all("SELECT change_id FROM change_log GROUP BY change_id HAVING count(*) > 1")
        gaps = tx.all(
            "SELECT r.record_type, r.record_id FROM records r WHERE r.version != "
            "(SELECT count(*) FROM change_log c WHERE c.record_type = r.record_type "
            "AND c.record_id = r.record_id)"
        )
    assert not dupes
    assert not gaps


def new_id() -> str:
    return str(uuid.uuid4())
