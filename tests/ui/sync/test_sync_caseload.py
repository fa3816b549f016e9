"""The caseload's Sync column, against a real server: hidden until the laptop syncs, then it names the
children whose records are still only on this laptop, and empties once they reach the office."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.sync.kit import Server, edit_offline
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
    synced_app: AppController, server: Server, vault_with_child: dict[str, str], qtbot: QtBot
) -> None:
    app = synced_app
    table = app.caseload.view.table
    qtbot.waitUntil(lambda: not table.isColumnHidden(M.SYNC))
    assert _sync_cell(app) == ""  # all sent: nothing to say
    header = table.horizontalHeader()
    header.resizeSection(M.SYNC, 300)  # the worker widens it; the overview, read again, changes nothing
    with qtbot.waitSignal(app.sync.overview_changed):
        app.sync.refresh()
    qtbot.wait(100)  # the counts' store job answers
    assert header.sectionSize(M.SYNC) == 300

    edit_offline(app, qtbot, server, vault_with_child["child_id"], vault_with_child["visit_id"])
    qtbot.waitUntil(lambda: _sync_cell(app) == "1 to send")
    tip = app.caseload.model.index(0, M.SYNC).data(Qt.ItemDataRole.ToolTipRole)
    assert "next sync" in tip

    server.start()
    app.sync.sync_now()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    qtbot.waitUntil(lambda: _sync_cell(app) == "")
