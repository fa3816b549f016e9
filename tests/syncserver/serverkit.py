"""Helpers shared by the sync server tests: enrolled workers, changes, and a live uvicorn server."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn

from syncserver import accounts
from syncserver.app import create_app
from syncserver.db import Database
from syncserver.picture_store import PictureStore
from visitapp.sync import protocol as p


def sqlite_url(folder: Path) -> str:
    return "sqlite:///" + str(folder / "server.db")


@contextmanager
def migrated(url: str) -> Iterator[Database]:
    """A server database with its schema up to date, closed afterwards: what each server fixture stands on."""
    database = Database(url)
    database.migrate()
    try:
        yield database
    finally:
        database.close()


@dataclass
class Worker:
    """A worker with one enrolled device and some assigned children."""

    username: str
    worker_id: int
    device_id: str
    token: str
    children: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_worker(db: Database, username: str, n_children: int = 1) -> Worker:
    worker_id = accounts.add_worker(db, username, "Test Worker")
    _, code = accounts.create_device(db, username, "test laptop")
    enrolled = accounts.enrol(db, code)
    assert enrolled is not None
    worker = Worker(username, worker_id, enrolled[0], enrolled[1])
    for _ in range(n_children):
        child = str(uuid.uuid4())
        accounts.assign(db, child, username)
        worker.children.append(child)
    return worker


def change(child_id: str, record_id: str | None = None, base: int = 0, **kw: object) -> p.Change:
    return p.Change(
        change_id=str(uuid.uuid4()),
        record_type=str(kw.pop("record_type", "visit")),
        record_id=record_id or str(uuid.uuid4()),
        child_id=child_id,
        base_version=base,
        body=kw.pop("body", {"text": "x"}),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


class LiveServer:
    """The real app under uvicorn, in a thread, on a free port of 127.0.0.1. Picture files go to
    ``pictures_dir`` (default: the server's own default, next to a SQLite file)."""

    def __init__(self, db: Database, pictures_dir: Path | None = None) -> None:
        self.db = db
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets made that way (else Nagle + delayed
        # ACK add ~40 ms to every response with a body).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(db, pictures_dir)
        self.store: PictureStore = app.state.pictures
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
