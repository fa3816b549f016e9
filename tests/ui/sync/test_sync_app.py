"""Sync in the app, against a real server: set up through the dialog, a completed visit goes in the
background, offline and back, a run on each trigger, and locking in the middle of a run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from tests.ui.sync.kit import (
    Server,
    edit_offline,
    enrol_and_sync,
    open_vault,
    ready_to_complete,
    silent_listener,
)
from tests.ui.uikit import by_name, fetch, open_visit, unlock
from tests.visitapp.sync.synckit import ServerWorker, server_records
from ui.controllers.app_controller import AppController
from ui.models.visits_model import VisitsModel
from ui.sync.enrol_dialog import EnrolDialog
from ui.sync.panel import SyncPanel
from visitapp.store import sync_state as ss
from visitapp.store.db import transaction

App = Callable[[], AppController]


def _state(app: AppController) -> str:
    return app.screens.workspace.sync_indicator.state


def test_set_up_through_the_dialog_then_a_completed_visit_syncs_in_the_background(
    open_app: App,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
    data_dir: Path,
) -> None:
    vault = open_vault(data_dir)
    ready_to_complete(vault, vault_with_child["visit_id"])
    vault.lock()
    app = open_app()
    qtbot.waitUntil(lambda: _state(app) == "not_set_up" and app.sync.runs >= 1)
    assert by_name("Sync", QPushButton).text() == "Set up sync"

    by_name("Sync", QPushButton).click()
    panel = app.sync_dialogs.panel
    assert isinstance(panel, SyncPanel)
    by_name("Set up sync", QPushButton, root=panel).click()
    dialog = app.sync_dialogs.enrol_dialog
    assert isinstance(dialog, EnrolDialog)
    qtbot.keyClicks(by_name("Server address", QLineEdit, root=dialog), server.url)
    qtbot.keyClicks(by_name("Enrolment code", QLineEdit, root=dialog), "not-a-code")
    by_name("Set up sync now", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: "did not work" in dialog.error.text(), timeout=10_000)  # said plainly, kept open
    by_name("Enrolment code", QLineEdit, root=dialog).setText(worker.code())
    by_name("Set up sync now", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    assert {rt for rt, _ in server_records(worker.db)} >= {"child", "person", "visit"}
    panel.reject()

    open_visit(app, qtbot, vault_with_child["child_id"], vault_with_child["visit_id"])
    runs = app.sync.runs
    app.visit.complete()  # the hook: a completed visit is sent at once
    qtbot.waitUntil(lambda: app.sync.runs > runs and _state(app) == "all_synced", timeout=10_000)
    visit = server_records(worker.db)[("visit", vault_with_child["visit_id"])]
    assert visit["status"] == "completed" or visit.get("completed_at")

    app.navigator.open_child(vault_with_child["child_id"])  # the visit list says it was sent
    model = app.screens.visits_model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, VisitsModel.SYNC).data() == "Sent")


def test_offline_then_back_again(
    synced_app: AppController,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
) -> None:
    app = synced_app
    edit_offline(app, qtbot, server, vault_with_child["child_id"], vault_with_child["visit_id"])
    by_name("Sync", QPushButton).click()
    by_name("Sync now", QPushButton, root=app.sync_dialogs.panel).click()
    qtbot.waitUntil(lambda: _state(app) == "offline", timeout=10_000)
    assert by_name("Sync", QPushButton).text() == "Offline: 1 to send"
    qtbot.waitUntil(lambda: "cannot be reached" in app.sync_dialogs.panel.detail.text())

    server.start()
    by_name("Sync now", QPushButton, root=app.sync_dialogs.panel).click()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    notes = server_records(worker.db)[("visit", vault_with_child["visit_id"])]["notes"]
    assert notes == "First words. Went to the park."


def test_runs_on_becoming_online_and_on_its_timer(
    open_app: App,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
    data_dir: Path,
) -> None:
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    vault.lock()
    app = open_app()
    qtbot.waitUntil(lambda: app.sync.runs >= 1 and not app.sync.running, timeout=10_000)
    runs = app.sync.runs
    app.sync.network.came_online.emit()  # what Qt's network information reports when the laptop connects
    qtbot.waitUntil(lambda: app.sync.runs == runs + 1, timeout=10_000)
    app.sync.timer.setInterval(50)  # the test hook: five minutes would be a long test
    qtbot.waitUntil(lambda: app.sync.runs >= runs + 3, timeout=10_000)
    app.sync.timer.stop()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)


def test_locking_during_a_sync_leaves_nothing_broken(
    open_app: App,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
    data_dir: Path,
) -> None:
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    conn = vault.connect()
    listener = silent_listener()
    with transaction(conn):  # the server hangs: a run waits on it until it is cancelled
        ss.meta_put(conn, ss.SERVER_URL, f"http://127.0.0.1:{listener.getsockname()[1]}")
    vault.lock()
    try:
        app = open_app()
        qtbot.waitUntil(lambda: app.sync.running and _state(app) == "syncing", timeout=5000)
        app.screens.workspace.lock.click()
        qtbot.waitUntil(lambda: not app.unlocked)
        qtbot.waitUntil(lambda: not app.sync.running and app.screens.unlock.unlock.isEnabled(), timeout=5000)
        assert QApplication.activeModalWidget() is None
        unlock(app, qtbot, PASSPHRASE)
        qtbot.waitUntil(lambda: app.sync.running, timeout=5000)  # it tries again; the work is all there
        count = fetch(app, qtbot, lambda c: c.casework.conn.execute("SELECT count(*) FROM visits").fetchone())
        assert count == (1,)
        app.lock_now()
        qtbot.waitUntil(lambda: not app.unlocked and not app.sync.running, timeout=5000)
    finally:
        listener.close()
    vault = open_vault(data_dir)  # the key file and the database are whole
    assert vault.connect().execute("SELECT count(*) FROM children").fetchone()[0] == 1
    vault.lock()
