"""The caseload on a 1366×768 laptop, with the stylesheet the app has: every child's name is read whole, and
the "Not seen alone" warning gives up its second line of room only when names need it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.ui.uikit import unlock
from ui.controllers.app_controller import AppController
from ui.models.caseload_model import CaseloadModel as M
from ui.views.caseload_view import CELL_ROOM
from visitapp.demo import populate
from visitapp.paths import VaultPaths
from visitapp.vault import create_vault


def test_names_are_whole_on_a_small_laptop_and_the_warning_wraps_only_then(
    make_app: Callable[[], AppController], data_dir: Path, qtbot: QtBot
) -> None:
    vault = create_vault(VaultPaths(data_dir), WORKER, PASSPHRASE, params=FAST_KDF)
    populate(vault.connect(), vault.worker_id)  # the demo caseload: 12 children, long names among them
    vault.lock()
    app = make_app()  # 1366 × 768
    unlock(app, qtbot, PASSPHRASE)
    model = app.caseload.model
    qtbot.waitUntil(lambda: model.rowCount() == 12)
    view = app.caseload.view
    header = view.table.horizontalHeader()
    plain = QFontMetrics(view.table.font())
    bold = QFont(view.table.font())
    bold.setBold(True)
    warnings = [t for t in model.column_texts(M.ALONE) if t]
    assert warnings, "the demo caseload has a child not seen alone for weeks"
    warning_on_one_line = max(QFontMetrics(bold).horizontalAdvance(t) for t in warnings) + CELL_ROOM

    def names_whole() -> bool:
        widest = max(plain.horizontalAdvance(name) for name in model.column_texts(M.NAME))
        return widest + CELL_ROOM <= header.sectionSize(M.NAME)

    qtbot.waitUntil(names_whole)
    assert header.sectionSize(M.ALONE) < warning_on_one_line  # on two lines, to leave names the room
    assert view.table.wordWrap()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= view.table.viewport().width()

    app.window.resize(1920, 1080)  # a wide screen: room for both on one line
    qtbot.waitUntil(lambda: header.sectionSize(M.ALONE) >= warning_on_one_line)
    assert names_whole() and not view.table.wordWrap()  # wrapping costs every cell: off when unused
    app.window.resize(1366, 768)
    qtbot.waitUntil(lambda: header.sectionSize(M.ALONE) < warning_on_one_line)
    assert names_whole()

    # Sync set up, and one child's records refused: the count takes two lines too, if names need it.
    model.set_sync_counts({model.child_id(0): (0, 152)})
    view.show_sync(True)
    qtbot.waitUntil(names_whole)
    assert not view.table.isColumnHidden(M.SYNC)
    count_on_one_line = QFontMetrics(bold).horizontalAdvance("152 to check") + CELL_ROOM
    assert header.sectionSize(M.SYNC) < count_on_one_line
    assert sum(header.sectionSize(c) for c in range(header.count())) <= view.table.viewport().width()
