"""Settings: the auto-lock time (1 to 15 minutes) and a new passphrase that works at the next unlock."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from tests.ui.uikit import fetch, unlock

NEW_PASSPHRASE = "harbour violet teaspoon comet"


def test_auto_lock_minutes_are_saved_and_used(unlocked, qtbot: QtBot) -> None:
    app, _ = unlocked
    dialog = app.settings.open(app.window)
    choices = [dialog.minutes.itemData(i) for i in range(dialog.minutes.count())]
    assert dialog.minutes.currentData() == 5 and choices == list(range(1, 16))
    dialog.minutes.setCurrentIndex(dialog.minutes.findData(12))
    dialog.save_minutes.click()
    qtbot.waitUntil(lambda: "12 minutes" in dialog.lock_message.text())
    assert app.idle._timer.interval() == 12 * 60_000
    assert fetch(app, qtbot, lambda context: context.casework.auto_lock_minutes()) == 12


def test_change_passphrase(unlocked, qtbot: QtBot) -> None:
    app, _ = unlocked
    dialog = app.settings.open(app.window)
    dialog.current.setText("wrong current passphrase")
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.confirm.setText(NEW_PASSPHRASE)
    dialog.change.click()
    qtbot.waitUntil(lambda: dialog.change.isEnabled(), timeout=5000)
    assert "nothing was changed" in dialog.pass_message.text()

    dialog.current.setText(PASSPHRASE)
    dialog.change.click()
    qtbot.waitUntil(lambda: "has been changed" in dialog.pass_message.text(), timeout=5000)
    assert dialog.current.text() == dialog.new.text() == ""

    app.screens.workspace.lock.click()
    qtbot.waitUntil(lambda: not app.unlocked)
    unlock(app, qtbot, NEW_PASSPHRASE)
