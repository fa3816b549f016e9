"""Sync server benchmarks, loopback only: pushing records (SQLite and PostgreSQL) and uploading pictures
(as many at once as the laptop sends, against baselines sent the same way).

``run()`` returns ``(figure, value)`` pairs. It starts a real uvicorn server in a thread for each case, and a
throwaway PostgreSQL cluster (skipped with a note if PostgreSQL is not installed). Bounded to well under 60 s.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
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

RECORDS, BATCH = 1000, 100
PICTURES, PICTURE_BYTES = 300, 1_000_000
AT_ONCE = p.PICTURE_UPLOADS_AT_ONCE  # pictures the laptop sends at once; the baselines get the same
Picture = tuple[str, bytes]  # (SHA-256, bytes): the laptop keeps each picture's address, it never rehashes
Sender = Callable[[httpx.Client, list[Picture]], None]


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


async def _plain_put(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
    """The baseline: a minimal ASGI handler that reads the whole request body and answers 204."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def _durable_put(folder: Path) -> Callable[..., Any]:
    """A second baseline: the least a server that keeps what it accepts must do. It hashes the body and
    writes it to a file with fsync before answering 204 (no database, no authorisation, no resume), off the
    event loop as the real server does, so uploads at once overlap."""

    def keep(body: bytes) -> None:
        with open(folder / hashlib.sha256(body).hexdigest(), "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())

    async def handler(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            return
        body, more = bytearray(), True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        await asyncio.to_thread(keep, bytes(body))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return handler


def _at_once(pictures: list[Picture], at_once: int, send_all: Sender) -> float:
    """Seconds to send every picture over ``at_once`` connections, each sending its share one by one (as
    the laptop does)."""
    shares = [pictures[i::at_once] for i in range(at_once)]
    clients = [httpx.Client(timeout=60) for _ in shares]
    try:
        with ThreadPoolExecutor(at_once) as pool:
            start = time.perf_counter()
            running = [pool.submit(send_all, *pair) for pair in zip(clients, shares, strict=True)]
            for each in running:
                each.result()
            return time.perf_counter() - start
    finally:
        for client in clients:
            client.close()


def _plain_sender(base_url: str) -> Sender:
    def send_all(http: httpx.Client, share: list[Picture]) -> None:
        for sha, data in share:
            assert http.put(f"{base_url}/upload/{sha}", content=data).status_code == 204

    return send_all


def _protocol_sender(base_url: str, token: str, child: str) -> Sender:
    def send_all(http: httpx.Client, share: list[Picture]) -> None:
        for sha, data in share:
            _upload(http, base_url, token, child, sha, data)

    return send_all


@dataclass(frozen=True)
class UploadTimes:
    protocol: float  # the chunked, verified protocol, AT_ONCE pictures at a time
    plain: float  # a plain PUT of the same bytes, AT_ONCE at a time
    plain_one_by_one: float  # a plain PUT, one picture at a time
    durable: float  # a PUT that hashes and fsyncs, AT_ONCE at a time


def bench_upload(url: str, pictures: list[Picture], scratch: Path) -> UploadTimes:
    db = Database(url)
    db.migrate()
    token, child = _worker(db)
    (scratch / "durable").mkdir(parents=True, exist_ok=True)
    server = _Server(create_app(db, scratch / "pictures"))
    plain, durable = _Server(_plain_put), _Server(_durable_put(scratch / "durable"))
    try:
        plain_one_by_one = _at_once(pictures, 1, _plain_sender(plain.url))
        plain_seconds = _at_once(pictures, AT_ONCE, _plain_sender(plain.url))
        durable_seconds = _at_once(pictures, AT_ONCE, _plain_sender(durable.url))
        protocol_seconds = _at_once(pictures, AT_ONCE, _protocol_sender(server.url, token, child))
        with db.transaction() as tx:
            assert tx.scalar("SELECT COUNT(*) FROM pictures WHERE complete = 1") == len(pictures)
        return UploadTimes(protocol_seconds, plain_seconds, plain_one_by_one, durable_seconds)
    finally:
        server.stop()
        plain.stop()
        durable.stop()
        db.close()


def _upload(http: httpx.Client, base_url: str, token: str, child: str, sha: str, data: bytes) -> None:
    """What the laptop does for a new picture: send from offset 0 chunk by chunk; a 409 names the offset
    the server holds (after an earlier, cut-off attempt), and the upload carries on from there."""
    url = f"{base_url}{p.API_PREFIX}/children/{child}/pictures/{sha}"
    offset, complete = 0, False
    while not complete:
        chunk = data[offset : offset + p.DEFAULT_CHUNK_BYTES]
        headers = {
            "Authorization": f"Bearer {token}",
            p.HEADER_UPLOAD_OFFSET: str(offset),
            p.HEADER_UPLOAD_LENGTH: str(len(data)),
            p.HEADER_CONTENT_DIGEST: p.content_digest_header(chunk),
        }
        r = http.put(url, content=chunk, headers=headers)
        assert r.status_code in (200, 409), r.text
        offset = int(r.headers[p.HEADER_UPLOAD_OFFSET])
        complete = r.headers[p.HEADER_UPLOAD_COMPLETE] == "1"


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
        t = bench_upload("sqlite:///" + str(Path(folder) / "pictures.db"), pictures, Path(folder))
        megabytes = PICTURES * PICTURE_BYTES / 1e6

        def took(seconds: float) -> str:
            return f"{seconds:.2f} s ({megabytes / seconds:.0f} MB/s)"

        at_once = f"{AT_ONCE} at once"
        figures.append((f"server upload {PICTURES} x 1 MB pictures, {at_once}, SQLite", took(t.protocol)))
        figures.append((f"plain HTTP PUT of the same bytes, {at_once}", took(t.plain)))
        figures.append(("plain HTTP PUT of the same bytes, one at a time", took(t.plain_one_by_one)))
        ratio = t.plain / t.protocol
        verdict = "meets target" if ratio >= 0.5 else "MISSES target"
        figures.append(
            (
                f"server upload / plain PUT throughput ratio, both {at_once}",
                f"{ratio:.2f}  {verdict} (>= 0.5)",
            )
        )
        # The plain PUT keeps nothing. A handler that only hashes and fsyncs the same bytes shows how much
        # of the gap is the cost of keeping a picture safely on this disk.
        figures.append((f"PUT that hashes + fsyncs the same bytes, {at_once}", took(t.durable)))
        figures.append(
            (
                f"server upload / hash + fsync PUT throughput ratio, both {at_once}",
                f"{t.durable / t.protocol:.2f}",
            )
        )
    return figures


if __name__ == "__main__":
    for name, value in run():
        print(f"{name}: {value}")
