"""Sync server benchmarks, loopback only: pushing records (SQLite and PostgreSQL) and uploading pictures
(as many at once as the laptop sends, against baselines sent the same way).

``run()`` returns ``(figure, value)`` pairs. The pushes go to a real uvicorn server in a thread, on SQLite and
on a throwaway PostgreSQL cluster (skipped with a note if PostgreSQL is not installed). The uploads go to
``visitapp-server serve`` and to the baselines (``bench.http_baselines``), each in a process of its own, from
the laptop's own client. Bounded to about a minute.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from syncserver import accounts
from syncserver.app import create_app
from syncserver.db import Database
from syncserver.pgcluster import Cluster, ClusterUnavailable
from visitapp.sync import protocol as p
from visitapp.sync.client import SyncClient

RECORDS, BATCH = 1000, 100
UPLOAD_ROUNDS = 3  # each server is measured this many times; the figures are medians
PICTURES, PICTURE_BYTES = 300, 1_000_000
REPO = Path(__file__).resolve().parents[1]  # the servers' working folder, so `-m bench.…` is found
AT_ONCE = p.PICTURE_UPLOADS_AT_ONCE  # pictures the laptop sends at once; the baselines get the same
Picture = tuple[str, bytes]  # (SHA-256, bytes): the laptop knows each picture's address before it sends it


class _Server:
    def __init__(self, app: Callable[..., Any]) -> None:
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets made that way (else Nagle + delayed
        # ACK add ~40 ms to every response with a body).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _worker(db: Database) -> tuple[str, str]:
    accounts.add_worker(db, "bench")
    _, code = accounts.create_device(db, "bench")
    enrolled = accounts.enrol(db, code)
    assert enrolled is not None
    child = str(uuid.uuid4())
    accounts.assign(db, child, "bench")
    return enrolled[1], child


def bench_push(url: str) -> float:
    """Seconds to push RECORDS new records in batches of BATCH over HTTP."""
    db = Database(url)
    db.migrate()
    token, child = _worker(db)
    body = {"kind": "observation", "text": "x" * 600}
    batches = [
        [p.Change(str(uuid.uuid4()), "observation", str(uuid.uuid4()), child, body=body) for _ in range(n)]
        for n in [BATCH] * (RECORDS // BATCH)
    ]
    server = _Server(create_app(db))
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as http:
            start = time.perf_counter()
            for batch in batches:
                r = http.post(f"{p.API_PREFIX}/push", json=p.PushRequest(batch).to_wire())
                assert r.status_code == 200 and all(x["status"] == "accepted" for x in r.json()["results"])
            return time.perf_counter() - start
    finally:
        server.stop()
        db.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _ServerProcess:
    """A server in a process of its own, as an office runs the sync server: the client's threads and the
    server's never share one interpreter. Ready once it accepts connections."""

    def __init__(self, argv: list[str], port: int, log: Path) -> None:
        self.url = f"http://127.0.0.1:{port}"
        with open(log, "wb") as out:  # the real server's access log goes here, as it would to a file
            self.process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"a bench server did not start: {log.read_text()[-2000:]}") from None
                time.sleep(0.05)

    def __enter__(self) -> _ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _sync_server(folder: Path, url: str) -> _ServerProcess:
    """``visitapp-server serve``, as IT starts it."""
    port = _free_port()
    argv = [sys.executable, "-m", "syncserver.cli", "serve", "--database-url", url, "--port", str(port)]
    argv += ["--pictures-dir", str(folder / "pictures")]
    return _ServerProcess(argv, port, folder / "server.log")


def _baseline(kind: str, folder: Path) -> _ServerProcess:
    port = _free_port()
    argv = [sys.executable, "-m", "bench.http_baselines", kind, str(port), str(folder / kind)]
    return _ServerProcess(argv, port, folder / f"{kind}.log")


def _at_once(pictures: list[Picture], at_once: int, send_one: Callable[[str, bytes], None]) -> float:
    """Seconds to send every picture from ``at_once`` threads, each sending its share one by one (as the
    laptop's upload threads do, over one client)."""
    shares = [pictures[i::at_once] for i in range(at_once)]

    def send_share(share: list[Picture]) -> None:
        for sha, data in share:
            send_one(sha, data)

    with ThreadPoolExecutor(at_once) as pool:
        start = time.perf_counter()
        for each in [pool.submit(send_share, share) for share in shares]:
            each.result()
        return time.perf_counter() - start


def _plain_sends(base_url: str, at_once: int, pictures: list[Picture]) -> float:
    with httpx.Client(base_url=base_url, timeout=60) as http:

        def send_one(sha: str, data: bytes) -> None:
            assert http.put(f"/upload/{sha}", content=data).status_code == 204

        return _at_once(pictures, at_once, send_one)


def _protocol_sends(base_url: str, token: str, child: str, pictures: list[Picture]) -> float:
    """The laptop's own client (``SyncClient``), sending each picture from offset 0 chunk by chunk as the
    sync engine does; a 409 names the offset the server holds, and the upload carries on from there."""
    with SyncClient(base_url, token, timeout=60) as client:

        def send_one(sha: str, data: bytes) -> None:
            offset, complete = 0, False
            while not complete:
                chunk = data[offset : offset + p.DEFAULT_CHUNK_BYTES]
                digest = bytes.fromhex(sha) if len(chunk) == len(data) else None  # as the engine does
                answer = client.put_chunk(child, sha, offset, len(data), chunk, digest)
                assert answer.status in (200, 409), answer
                offset, complete = answer.offset, answer.complete

        return _at_once(pictures, AT_ONCE, send_one)


@dataclass(frozen=True)
class UploadTimes:
    protocol: float  # the chunked, verified protocol, AT_ONCE pictures at a time
    plain: float  # a plain PUT of the same bytes, AT_ONCE at a time
    plain_one_by_one: float  # a plain PUT, one picture at a time
    durable: float  # a PUT that hashes and fsyncs, AT_ONCE at a time


def bench_upload(pictures: list[Picture], folder: Path) -> UploadTimes:
    """One round: each server started on its own, sent every picture, and stopped, one after another. The
    sync server gets a new database and picture folder, so every picture is new to it."""
    folder.mkdir(parents=True)
    url = "sqlite:///" + str(folder / "server.db")
    db = Database(url)
    db.migrate()
    token, child = _worker(db)
    try:
        with _baseline("plain", folder) as server:
            plain_one_by_one = _plain_sends(server.url, 1, pictures)
            plain = _plain_sends(server.url, AT_ONCE, pictures)
        with _baseline("durable", folder) as server:
            durable = _plain_sends(server.url, AT_ONCE, pictures)
        with _sync_server(folder, url) as server:
            protocol = _protocol_sends(server.url, token, child, pictures)
        with db.transaction() as tx:
            assert tx.scalar("SELECT COUNT(*) FROM pictures WHERE complete = 1") == len(pictures)
        return UploadTimes(protocol, plain, plain_one_by_one, durable)
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)  # 600 MB a round


def run() -> list[tuple[str, str]]:
    figures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-") as folder:
        sqlite_url = "sqlite:///" + str(Path(folder) / "push.db")
        seconds = bench_push(sqlite_url)
        figures.append((f"server push {RECORDS} records, {BATCH}/batch, SQLite", f"{seconds:.2f} s"))
        figures.append(("server push rate, SQLite", f"{RECORDS / seconds:.0f} records/s"))
        cluster: Cluster | None = None
        try:
            cluster = Cluster()
            cluster.start()
            seconds = bench_push(cluster.create_database())
            figures.append((f"server push {RECORDS} records, {BATCH}/batch, PostgreSQL", f"{seconds:.2f} s"))
            figures.append(("server push rate, PostgreSQL", f"{RECORDS / seconds:.0f} records/s"))
        except ClusterUnavailable:
            figures.append(("server push, PostgreSQL", "skipped: PostgreSQL is not installed"))
        finally:
            if cluster is not None:
                cluster.stop()
        made = (os.urandom(PICTURE_BYTES) for _ in range(PICTURES))
        pictures = [(hashlib.sha256(data).hexdigest(), data) for data in made]
        rounds = [bench_upload(pictures, Path(folder) / f"upload-{n}") for n in range(UPLOAD_ROUNDS)]
        megabytes = PICTURES * PICTURE_BYTES / 1e6

        def took(field: str) -> str:
            middle = statistics.median(getattr(t, field) for t in rounds)
            return f"{middle:.2f} s ({megabytes / middle:.0f} MB/s)"

        at_once = f"{AT_ONCE} at once"
        figures.append((f"server upload {PICTURES} x 1 MB pictures, {at_once}, SQLite", took("protocol")))
        figures.append((f"plain HTTP PUT of the same bytes, {at_once}", took("plain")))
        figures.append(("plain HTTP PUT of the same bytes, one at a time", took("plain_one_by_one")))
        # Each round's ratio compares runs a few seconds apart; the median of the rounds is the figure.
        ratio = statistics.median(t.plain / t.protocol for t in rounds)
        each = ", ".join(f"{t.plain / t.protocol:.2f}" for t in rounds)
        verdict = "meets target" if ratio >= 0.5 else "MISSES target"
        figures.append(
            (
                f"server upload / plain PUT throughput ratio, both {at_once}",
                f"{ratio:.2f}  {verdict} (>= 0.5; median of {each})",
            )
        )
        # The plain PUT keeps nothing. A handler that only hashes and fsyncs the same bytes shows how much
        # of the gap is the cost of keeping a picture safely on this disk.
        figures.append((f"PUT that hashes + fsyncs the same bytes, {at_once}", took("durable")))
        figures.append(
            (
                f"server upload / hash + fsync PUT throughput ratio, both {at_once}",
                f"{statistics.median(t.durable / t.protocol for t in rounds):.2f}",
            )
        )
    return figures


if __name__ == "__main__":
    for name, value in run():
        print(f"{name}: {value}")
