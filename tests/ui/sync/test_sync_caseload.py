"""The caseload's Sync column, against a real server: hidden until the laptop syncs, then it names the
children whose records are still only on this laptop, and empties once they reach the office."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.sync.kit import Server, enrol_and_sync, open_vault
from tests.ui.uikit import open_visit
from tests.visitapp.sync.synckit import ServerWorker
from ui.controllers.app_controller import AppController
from ui.models.caseload_model import CaseloadModel as M

App = Callable[[], AppController]


def _state(app: AppController) -> str:
    return app.screens.workspace.sync_indicator.state


def _sync_cell(app: AppController) -> str:
    return str(app.caseload.model.index(0, M.SYNC).data())


def test_hidden_while_sync_is_not_set_up(
    open_app: App, vault_with_child: dict[str, str], qtbot: QtBot
) -> None:
    app = open_app()
    qtbot.waitUntil(lambda: _state(app) == "not_set_up" and app.sync.runs >= 1)
    assert app.caseload.model.rowCount() == 1
    assert app.caseload.view.table.isColumnHidden(M.SYNC)  # every record would read "to send"


def test_names_what_is_still_to_send_and_empties_once_sent(
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
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    table = app.caseload.view.table
    qtbot.waitUntil(lambda: not table.isColumnHidden(M.SYNC))
    assert _sync_cell(app) == ""  # all sent: nothing to say

    server.stop()
    open_visit(app, qtbot, vault_with_child["child_id"], vault_with_child["visit_id"])
    qtbot.keyClicks(app.screens.visit.notes, " Went to the park.")
    app.visit.flush()
    app.sync.refresh()
    qtbot.waitUntil(lambda: _state(app) == "waiting", timeout=5000)
    qtbot.waitUntil(lambda: _sync_cell(app) == "1 to send")
    tip = app.caseload.model.index(0, M.SYNC).data(Qt.ItemDataRole.ToolTipRole)
    assert "next sync" in tip
    header = table.horizontalHeader()
    assert header.sectionSize(M.SYNC) > table.fontMetrics().horizontalAdvance("1 to send")

    server.start()
    app.sync.sync_now()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    qtbot.waitUntil(lambda: _sync_cell(app) == "")
