"""Fixtures for the sync server: a throwaway PostgreSQL cluster for the session, a fresh database per test
(SQLite file or PostgreSQL database, parametrised) with its own pictures folder, and a real uvicorn server
on 127.0.0.1. The platform data folder points into the test's temporary folder, so nothing reaches the real
one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from syncserver.db import Database
from syncserver.pgcluster import Cluster, ClusterUnavailable
from tests.syncserver.serverkit import LiveServer, migrated, sqlite_url


@pytest.fixture(autouse=True)
def _no_real_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("VISITAPP_SERVER_DATABASE_URL", raising=False)
    monkeypatch.delenv("VISITAPP_SERVER_PICTURES_DIR", raising=False)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    try:
        cluster = Cluster()
    except ClusterUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def make_database_url(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "sqlite":
        return sqlite_url(tmp_path)
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return make_database_url(request.param, request, tmp_path)


@pytest.fixture
def pictures_dir(tmp_path: Path) -> Path:
    return tmp_path / "picture-store"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with migrated(db_url) as database:
        yield database


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    with migrated(sqlite_url(tmp_path)) as database:
        yield database


@pytest.fixture
def server(db: Database, pictures_dir: Path) -> Iterator[LiveServer]:
    live = LiveServer(db, pictures_dir)
    yield live
    live.stop()


@pytest.fixture
def sqlite_server(sqlite_db: Database) -> Iterator[LiveServer]:
    live = LiveServer(sqlite_db)
    yield live
    live.stop()
