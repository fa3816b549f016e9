"""The store thread: jobs run in order off the UI thread, errors come back as values, stop() locks."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from ui import jobs
from ui.store_worker import SessionInfo, StoreClient, StoreContext
from visitapp.casework import CaseworkError
from visitapp.paths import VaultPaths
from visitapp.vault import VaultError


def test_jobs_run_in_order_on_another_thread_and_errors_are_reported(qtbot: QtBot) -> None:
    client = StoreClient()
    seen: list[object] = []

    def fail(context: StoreContext) -> None:
        raise CaseworkError("plain words")

    for n in range(5):
        client.run(
            lambda context, n=n: (n, threading.current_thread() is threading.main_thread()), seen.append
        )
    client.run(fail, on_error=seen.append)
    client.run(lambda context: context.casework, on_error=seen.append)  # no vault open yet
    qtbot.waitUntil(lambda: len(seen) == 7)
    client.stop()
    assert seen[:5] == [(n, False) for n in range(5)]
    assert isinstance(seen[5], CaseworkError) and str(seen[5]) == "plain words"
    assert isinstance(seen[6], VaultError)
    assert not client.running


def test_stop_finishes_queued_work_then_locks_the_vault(
    qtbot: QtBot, vault_with_child: dict[str, str], data_dir: Path
) -> None:
    client = StoreClient()
    opened: list[SessionInfo] = []
    client.run(jobs.unlock(VaultPaths(data_dir), PASSPHRASE), opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    vaults: list[object] = []
    visit_id = vault_with_child["visit_id"]
    client.run(lambda context: context.casework.save_notes(visit_id, "Saved just before the lock."))
    client.run(lambda context: vaults.append(context.vault))
    client.stop()  # returns only when the queue is done and the vault is locked
    assert vaults and vaults[0].is_locked  # type: ignore[attr-defined]

    again = StoreClient()
    notes: list[str] = []
    again.run(jobs.unlock(VaultPaths(data_dir), PASSPHRASE))
    again.run(lambda context: context.casework.visit(visit_id).notes, notes.append)
    qtbot.waitUntil(lambda: bool(notes))
    again.stop()
    assert notes == ["Saved just before the lock."]
