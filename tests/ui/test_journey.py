"""The worker's first day: set up, add a child and a visit, type notes, lock, unlock, and find it all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from tests.ui.uikit import all_text, by_name, press_lock_shortcut, unlock
from ui.controllers.app_controller import AppController
from ui.views.child_dialog import ChildDialog

NAME = "Tallulah Brightwater"


def test_first_run_child_visit_notes_survive_lock(
    make_app: Callable[[], AppController], qtbot: QtBot
) -> None:
    app = make_app()
    first = app.screens.first_run
    assert app.window.stack.currentWidget() is first
    qtbot.keyClicks(first.full_name, "Robin Testwell")
    qtbot.keyClicks(first.job_title, "Social Worker")
    qtbot.keyClicks(first.team, "Harbour Team")
    qtbot.keyClicks(first.passphrase, PASSPHRASE)
    qtbot.keyClicks(first.confirm, PASSPHRASE)
    assert "match" in first.feedback.text()
    first.create.click()
    qtbot.waitUntil(lambda: app.unlocked, timeout=5000)
    assert app.window.stack.currentWidget() is app.screens.workspace

    add = app.window.findChild(QPushButton, "caseloadAddChild")
    qtbot.waitUntil(lambda: add.property("role") == "primary")  # nothing else to do on an empty caseload
    dialog = app.caseload.add_child()
    assert isinstance(dialog, ChildDialog)
    qtbot.keyClicks(dialog.full_name, NAME)
    qtbot.keyClicks(dialog.known_as, "Lulu")
    dialog.birthday.set_date(date(2018, 6, 14))
    dialog.save_requested.emit()
    qtbot.waitUntil(lambda: app.child.child is not None and app.child.child.full_name == NAME)
    assert app.screens.workspace.pages.currentWidget() is app.screens.child

    app.screens.child.new_visit_button.click()
    qtbot.waitUntil(lambda: app.visit.visit is not None)
    assert app.screens.workspace.pages.currentWidget() is app.screens.visit
    by_name("Show or hide my notes").click()
    notes = by_name("My notes", QPlainTextEdit)
    notes.setFocus()
    qtbot.keyClicks(notes, "You showed me your new bike.")
    visit_id = app.visit.visit_id

    press_lock_shortcut(app, qtbot)  # straight after typing: the notes are not saved yet
    qtbot.waitUntil(lambda: not app.unlocked)
    assert app.window.stack.currentWidget() is app.screens.unlock
    assert NAME not in all_text() and "new bike" not in all_text()

    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.visit.visit_id == visit_id)
    assert app.screens.workspace.pages.currentWidget() is app.screens.visit
    assert notes.toPlainText() == "You showed me your new bike."
    app.navigator.open_caseload()
    qtbot.waitUntil(lambda: add.property("role") is None)  # the caseload has a child now: an ordinary button
