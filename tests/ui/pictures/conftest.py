"""Fixtures for the picture widgets: the app's real store thread over a real vault with one child's visit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from ui import jobs
from ui.app import application
from ui.controllers.store_access import StoreAccess
from ui.store_worker import SessionInfo
from visitapp.paths import VaultPaths


@pytest.fixture
def store(qtbot: QtBot, vault_with_child: dict[str, str], data_dir: Path) -> Iterator[StoreAccess]:
    """``StoreAccess`` (what the app hands to screens), unlocked on its own store thread."""
    application()  # the app's stylesheet, as the real app has it
    access = StoreAccess()
    access.start()
    opened: list[SessionInfo] = []
    access.run(jobs.unlock(VaultPaths(data_dir), PASSPHRASE), opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    yield access
    access.stop()


def run_job(qtbot: QtBot, store: StoreAccess, job: object) -> object:
    """Run one store job and wait for its answer (an exception is raised here)."""
    results: list[object] = []
    errors: list[Exception] = []
    store.run(job, results.append, errors.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(results or errors), timeout=10000)
    if errors:
        raise errors[0]
    return results[0]
