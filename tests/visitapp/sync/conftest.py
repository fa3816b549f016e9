"""Fixtures for the laptop-side sync tests: a real sync server (SQLite) on 127.0.0.1 and a worker on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer, migrated, sqlite_url
from tests.visitapp.sync.synckit import ServerWorker, make_server_worker


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[Database]:
    with migrated(sqlite_url(tmp_path)) as database:
        yield database


@pytest.fixture
def live(server_db: Database) -> Iterator[LiveServer]:
    server = LiveServer(server_db)
    yield server
    server.stop()


@pytest.fixture
def worker(server_db: Database) -> ServerWorker:
    return make_server_worker(server_db)
