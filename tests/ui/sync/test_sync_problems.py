"""What the worker sees when sync needs them: a conflict side by side, decided by the worker; a revoked
laptop that says what was never sent, then locks and loses its key. Screenshots of each indicator state."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from syncserver import accounts
from tests.ui.sync.kit import Server, edit_notes, enrol_and_sync, open_vault
from tests.ui.uikit import by_name, fetch
from tests.visitapp.sync.synckit import Laptop, ServerWorker, server_records
from ui.controllers.app_controller import AppController
from ui.sync.conflict_dialog import ConflictDialog
from ui.sync.revoked import RevokedDialog
from visitapp.paths import VaultPaths
from visitapp.store import sync_state as ss
from visitapp.sync.engine import SyncProgress

App = Callable[[], AppController]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Pictures are taken on every run (taking them walks the indicator through each state) but kept only
    where VISITAPP_SCREENSHOTS names a folder, e.g. docs/screenshots: a test run must not change the repo."""
    folder = Path(os.environ.get("VISITAPP_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _state(app: AppController) -> str:
    return app.screens.workspace.sync_indicator.state


def _shot(app: AppController, folder: Path, name: str) -> None:
    for _ in range(3):  # let the header lay itself out again, as the running app would
        QApplication.processEvents()
    assert app.window.grab().save(str(folder / f"sync-indicator-{name}.png"))


def test_a_conflict_is_shown_side_by_side_and_the_worker_decides(
    open_app: App,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    shots: Path,
) -> None:
    visit_id = vault_with_child["visit_id"]
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    other = Laptop(tmp_path / "other", server.url, worker.code())  # the same worker's tablet
    other.sync()
    edit_notes(other.vault, visit_id, "First words. Written on the tablet.")
    assert other.sync().outcome == "synced"
    other.close()
    edit_notes(vault, visit_id, "First words. Written on the laptop.")
    vault.lock()

    app = open_app()
    qtbot.waitUntil(lambda: _state(app) == "needs_attention", timeout=10_000)
    assert by_name("Sync", QPushButton).text() == "Sync needs you"
    _shot(app, shots, "needs-attention")
    by_name("Sync", QPushButton).click()
    panel = app.sync_dialogs.panel
    qtbot.waitUntil(lambda: panel.scroll.isVisible())
    texts = " ".join(w.text() for w in panel.findChildren(QLabel))
    assert "changed on this laptop and somewhere else" in texts and "Both are kept" in texts
    compare = panel.findChildren(QPushButton, "syncCompare0")[0]
    assert compare.accessibleName().startswith("Compare both versions of the visit on ")
    compare.click()
    qtbot.waitUntil(lambda: isinstance(app.sync_dialogs.conflict, ConflictDialog))
    dialog = app.sync_dialogs.conflict
    assert dialog is not None
    dialog.resize(1100, 620)
    mine = [w.text() for w in dialog.findChildren(QLabel, "conflictMine")]
    theirs = [w.text() for w in dialog.findChildren(QLabel, "conflictTheirs")]
    assert mine[0] == "First words. Written on the laptop."  # what differs comes first
    assert theirs[0] == "First words. Written on the tablet."
    assert dialog.grab().save(str(shots / "sync-conflict.png"))

    by_name("Keep my version", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    assert server_records(worker.db)[("visit", visit_id)]["notes"] == "First words. Written on the laptop."
    panel.reject()


def test_a_revoked_laptop_says_what_was_not_sent_then_locks_and_loses_its_key(
    open_app: App, server: Server, worker: ServerWorker, vault_with_child: dict[str, str], qtbot: QtBot,
    data_dir: Path, shots: Path,
) -> None:  # fmt: skip
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    edit_notes(vault, vault_with_child["visit_id"], "First words. Not sent yet.")
    device = ss.meta_get(vault.connect(), ss.DEVICE_ID)
    vault.lock()
    accounts.revoke_device(worker.db, str(device))

    app = open_app()
    qtbot.waitUntil(lambda: isinstance(app.revoked.dialog, RevokedDialog), timeout=10_000)
    dialog = app.revoked.dialog
    assert dialog is not None
    assert "1 × visit" in dialog.lines.text()
    assert (
        not app.unlocked and not app.store.running or app.window.stack.currentWidget() is app.screens.unlock
    )
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=10_000)
    assert "removed" in dialog.status.text()
    paths = VaultPaths(data_dir)
    assert not paths.key_file.exists() and not paths.database.exists()
    assert not app.sync.active
    dialog.close_button.click()
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.screens.first_run)


def test_screenshots_of_each_state(
    open_app: App, server: Server, worker: ServerWorker, vault_with_child: dict[str, str], qtbot: QtBot,
    data_dir: Path, shots: Path,
) -> None:  # fmt: skip
    app = open_app()
    qtbot.waitUntil(lambda: _state(app) == "not_set_up" and app.sync.runs >= 1)
    _shot(app, shots, "not-set-up")
    app.shutdown()
    app.window.hide()
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    edit_notes(vault, vault_with_child["visit_id"], "First words. And more.")
    vault.lock()
    server.stop()
    app = open_app()
    qtbot.waitUntil(lambda: _state(app) == "offline", timeout=10_000)
    _shot(app, shots, "offline")
    app.sync.overview = app.sync.overview and app.sync.overview.__class__(
        **{**app.sync.overview.__dict__, "state": "waiting"}
    )
    app.screens.workspace.sync_indicator.show_overview(app.sync.overview)
    _shot(app, shots, "waiting")
    app.screens.workspace.sync_indicator.show_syncing(SyncProgress("pictures", 1, 3, 1_400_000, 3_600_000))
    _shot(app, shots, "syncing")
    server.start()
    app.sync.sync_now()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    _shot(app, shots, "all-synced")
    app.screens.workspace.sync_indicator.button.click()
    panel = app.sync_dialogs.panel
    qtbot.waitUntil(lambda: "Everything" in panel.detail.text())
    panel.resize(760, 420)
    assert panel.grab().save(str(shots / "sync-panel.png"))
    panel.show_overview("syncing", app.sync.overview)
    panel.show_progress(SyncProgress("pictures", 1, 3, 1_400_000, 3_600_000))
    assert panel.grab().save(str(shots / "sync-panel-progress.png"))
    panel.reject()


def test_a_refused_mass_delete_goes_through_once_the_worker_agrees(
    open_app: App,
    server: Server,
    worker: ServerWorker,
    vault_with_child: dict[str, str],
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    child_id = vault_with_child["child_id"]
    vault = open_vault(data_dir)
    enrol_and_sync(vault, server.url, worker.code())
    vault.lock()
    other = Laptop(tmp_path / "other", server.url, worker.code())  # the office tidies up from elsewhere
    other.sync()
    extra = [other.new_visit(child_id, f"visit {i}") for i in range(8)]
    assert other.sync().outcome == "synced"

    app = open_app()
    visits = lambda: len(fetch(app, qtbot, lambda c: c.casework.visits(child_id)))  # noqa: E731
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    assert visits() == 9
    for visit in extra:
        other.conn.execute("DELETE FROM visits WHERE id = ?", (visit.id,))
    assert other.sync().sent == 8
    other.close()

    app.sync.sync_now()
    qtbot.waitUntil(lambda: _state(app) == "needs_attention", timeout=10_000)
    assert visits() == 9  # refused: nothing removed without the worker's word
    by_name("Sync", QPushButton).click()
    panel = app.sync_dialogs.panel
    qtbot.waitUntil(lambda: bool(panel.findChildren(QPushButton, "syncApplyDeletions")))
    panel.findChildren(QPushButton, "syncApplyDeletions")[0].click()
    box = app.sync_dialogs.deletions_box
    assert box is not None and "8 records will be removed" in box.text()
    by_name("Remove 8 records", QPushButton, root=box).click()
    qtbot.waitUntil(lambda: _state(app) == "all_synced", timeout=10_000)
    assert visits() == 1
