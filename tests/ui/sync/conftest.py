"""Fixtures for the app's sync tests: a real sync server on 127.0.0.1 and a worker on it whose child is the
one in ``vault_with_child``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from syncserver.db import Database
from tests.helpers.vaults import PASSPHRASE
from tests.syncserver.serverkit import migrated, sqlite_url
from tests.ui.sync.kit import Server, enrol_and_sync, open_vault
from tests.ui.uikit import unlock
from tests.visitapp.sync.synckit import FAST_RETRIES, ServerWorker, make_server_worker
from ui.controllers.app_controller import AppController


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[Database]:
    with migrated(sqlite_url(tmp_path)) as database:
        yield database


@pytest.fixture
def server(server_db: Database) -> Iterator[Server]:
    live = Server(server_db)
    yield live
    live.stop()


@pytest.fixture
def worker(server_db: Database, vault_with_child: dict[str, str]) -> ServerWorker:
    made = make_server_worker(server_db)
    made.assign(vault_with_child["child_id"])
    return made


@pytest.fixture
def open_app(make_app: Callable[[], AppController], qtbot: QtBot) -> Callable[[], AppController]:
    """The app, unlocked, retrying fast (the real client waits up to a minute before saying offline)."""

    def make() -> AppController:
        app = make_app()
        app.sync.policy = FAST_RETRIES
        unlock(app, qtbot, PASSPHRASE)
        qtbot.waitUntil(lambda: app.sync.active, timeout=5000)
        return app

    return make


@pytest.fixture
def synced_app(
    open_app: Callable[[], AppController], server: Server, worker: ServerWorker, data_dir: Path, qtbot: QtBot
) -> AppController:
    """The app on ``vault_with_child``, enrolled with ``server`` and synced, once it says all is synced."""
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    vault.lock()
    app = open_app()
    qtbot.waitUntil(lambda: app.screens.workspace.sync_indicator.state == "all_synced", timeout=10_000)
    return app
