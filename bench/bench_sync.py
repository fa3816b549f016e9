"""The laptop's sync over a bad link: a two-week backlog (500 visits with their parts, 300 pictures) sent to a
real server through a proxy on 127.0.0.1 that cuts every connection every 5 seconds (down for half a
second each time), with the laptop's ordinary retry policy. Loopback only; bounded to a few minutes.

Figures: the time until everything is on the server, how many link drops and sync runs that took, and the
ratio of bytes the laptop sent (every attempt, headers included) to the bytes that had to go (record bodies
plus picture bytes).
"""

from __future__ import annotations

import hashlib
import importlib.util
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

from bench.bench_syncserver import _Server
from syncserver import accounts
from syncserver.app import create_app
from syncserver.db import Database
from visitapp.casework import Casework
from visitapp.domain.models import Child, Visit, Worker
from visitapp.domain.visit_record import ObservationArea
from visitapp.paths import VaultPaths
from visitapp.store import db as store_db
from visitapp.store import sync_state
from visitapp.store.keys import KdfParams
from visitapp.sync import account, records, status
from visitapp.sync import protocol as p
from visitapp.sync.client import SyncClient
from visitapp.sync.engine import SyncEngine
from visitapp.vault import create_vault
from visitapp.visit_flow import VisitFlow

VISITS, PICTURES, CHILDREN = 500, 300, 20
PICTURE_BYTES = (200_000, 600_000)  # a downscaled photo or drawing
FLAP_EVERY, DOWN_FOR = 5.0, 0.5
# Over loopback the whole backlog can go in under 5 s, so the first cut comes sooner: every run of this
# benchmark then meets at least one drop in the middle of its uploads.
FIRST_CUT_AFTER = 1.0
DEADLINE = 300.0


def _load_proxy() -> ModuleType:
    """The test suite's fault proxy, loaded by path (a 'tests' package on sys.path may shadow ours)."""
    path = Path(__file__).resolve().parent.parent / "tests" / "visitapp" / "sync" / "faultproxy.py"
    spec = importlib.util.spec_from_file_location("bench_faultproxy", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _backlog(conn: store_db.Connection, worker_id: str, children: list[str]) -> int:
    """500 visits with words, observations and 300 pictures. Returns the picture bytes."""
    rng = random.Random(1)
    casework, flow = Casework(conn, worker_id), VisitFlow(conn, worker_id)
    picture_bytes = 0
    visit_ids = []
    for i in range(VISITS):
        visit = Visit(child_id=children[i % len(children)], starts_at=_when(i), notes="Notes. " * 40)
        casework.save_visit(visit)
        flow.add_quote(visit.id, "I like it when we go to the park on Saturdays.")
        flow.add_observation(visit.id, list(ObservationArea)[0], "Relaxed and chatty; showed me the garden.")
        visit_ids.append(visit.id)
    with store_db.transaction(conn):
        for i in range(PICTURES):
            data = rng.randbytes(rng.randint(*PICTURE_BYTES))
            sha = hashlib.sha256(data).hexdigest()
            conn.execute(
                "INSERT INTO picture_blobs (sha256, mime_type, width, height, byte_size, data, stored_at) "
                "VALUES (?, 'image/jpeg', 2560, 1920, ?, ?, '2026-03-01')",
                (sha, len(data), data),
            )
            conn.execute(
                "INSERT INTO visit_pictures (id, visit_id, sha256, made_by, made_on, source, added_at, "
                "position) VALUES (?, ?, ?, 'child', '2026-03-01', 'camera', '2026-03-01', ?)",
                (str(uuid.uuid4()), visit_ids[i], sha, i),
            )
            picture_bytes += len(data)
    return picture_bytes


def _when(i: int) -> datetime:
    return datetime(2026, 3, 2, 9, 0) + timedelta(days=i % 14, minutes=30 * (i % 16))


def _record_bytes(conn: store_db.Connection) -> int:
    total = 0
    for rtype, rid in conn.execute("SELECT record_type, record_id FROM sync_outbox").fetchall():
        rt = records.get(rtype)
        body = rt.read(conn, rid) if rt else None
        total += len(p.canonical_json(body).encode()) if body is not None else 0
    return total


def run() -> list[tuple[str, str]]:
    proxy_module = _load_proxy()
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-sync-") as tmp:
        server_db = Database("sqlite:///" + str(Path(tmp) / "server.db"))
        server_db.migrate()
        accounts.add_worker(server_db, "bench")
        server = _Server(create_app(server_db))
        port = int(server.url.rsplit(":", 1)[1])
        proxy = proxy_module.FaultProxy(port)
        vault = create_vault(
            VaultPaths(Path(tmp) / "vault"),
            Worker("Bench Worker", "Social Worker", "Bench Team"),
            "bench passphrase that is long enough",
            params=KdfParams(n=2**14),
        )
        try:
            conn = vault.connect()
            children = []
            for i in range(CHILDREN):
                child = Child(full_name=f"Bench Child {i}")
                Casework(conn, vault.worker_id).save_child(child)
                accounts.assign(server_db, child.id, "bench")
                children.append(child.id)
            _, code = accounts.create_device(server_db, "bench")
            account.enrol(conn, proxy.url, code)
            picture_bytes = _backlog(conn, vault.worker_id, children)
            needed = picture_bytes + _record_bytes(conn)
            waiting = status.overview(conn).waiting

            proxy.flap(FLAP_EVERY, DOWN_FOR, first_after=FIRST_CUT_AFTER)
            started = time.perf_counter()
            runs, outcome = 0, ""
            sent_by_client = 0
            while time.perf_counter() - started < DEADLINE:
                runs += 1
                with SyncClient(proxy.url, _token(conn)) as client:
                    report = SyncEngine(conn, client).run()
                    sent_by_client += client.traffic.body_bytes_sent
                outcome = report.outcome
                if outcome == "synced" and status.overview(conn).state == "all_synced":
                    break
            seconds = time.perf_counter() - started
            wire = proxy.stats.bytes_from_client
            left = status.overview(conn)
        finally:
            proxy.stop()
            vault.lock()
            server.stop()
            server_db.close()
    done = outcome == "synced" and left.state == "all_synced"
    return [
        (
            "backlog",
            f"{VISITS} visits ({waiting} records) + {PICTURES} pictures, {needed / 1e6:.1f} MB to send",
        ),
        (
            "link",
            f"cut after {FIRST_CUT_AFTER:.0f} s, then every {FLAP_EVERY:.0f} s, down {DOWN_FOR} s each time",
        ),
        (
            "completed",
            "yes"
            if done
            else f"NO ({outcome}; {left.waiting} records, {left.pictures_waiting} pictures left)",
        ),
        (
            "time to sync everything",
            f"{seconds:.1f} s over {runs} sync runs, {proxy.stats.faults.get('flap', 0)} link drops",
        ),
        ("bytes sent / bytes needed (wire, all attempts)", f"{wire / needed:.3f}"),
        (
            "picture bytes re-sent after drops",
            f"{max(0, sent_by_client - picture_bytes) / 1e6:.2f} MB",
        ),
    ]


def _token(conn: store_db.Connection) -> str | None:
    return sync_state.meta_get(conn, sync_state.DEVICE_TOKEN)


if __name__ == "__main__":
    for label, value in run():
        print(f"{label}: {value}")
