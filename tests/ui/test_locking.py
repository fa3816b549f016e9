"""Locking, by hand and when idle: the work is saved, every view is emptied, unlock brings it all back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from tests.ui.uikit import all_text, by_name, fetch, go_step, open_visit, press_lock_shortcut, unlock
from ui.controllers.app_controller import AppController
from visitapp.domain.visit_steps import Step

SECRETS = ("Juniper", "Quillfeather", "Juni", "Nanna Jo", "Mr Ellery", "First words", "den in the garden")


def _assert_nothing_left() -> None:
    text = all_text()
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} is still shown somewhere after locking"
    # Nor one Ctrl+Z away: an emptied field must not be able to undo its way back to a name.
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit):
            assert not widget.isUndoAvailable(), widget.objectName()
        if isinstance(widget, QPlainTextEdit):
            assert not widget.document().isUndoAvailable(), widget.objectName()


def test_auto_lock_saves_clears_and_unlock_restores(
    make_app: Callable[[], AppController], vault_with_child: dict[str, str], qtbot: QtBot
) -> None:
    app = make_app()
    unlock(app, qtbot, PASSPHRASE)
    open_visit(app, qtbot, vault_with_child["child_id"], vault_with_child["visit_id"])
    by_name("Show or hide my notes").click()
    notes = by_name("My notes", QPlainTextEdit)
    notes.setFocus()
    qtbot.keyClicks(notes, " We built a den in the garden.")
    place = by_name("Where the visit happened", QLineEdit)
    place.end(False)
    qtbot.keyClicks(place, " by the den in the garden")
    app.screens.visit.go_to(list(Step).index(Step.SIGNS_OF_SAFETY))  # the worker had moved on
    app.idle.set_timeout_ms(300)  # the test hook: five minutes would be a long test

    qtbot.waitUntil(lambda: not app.unlocked, timeout=3000)
    assert app.window.stack.currentWidget() is app.screens.unlock
    assert "locked itself" in app.screens.unlock.reason.text()
    _assert_nothing_left()

    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.visit.visit_id == vault_with_child["visit_id"])
    assert notes.toPlainText() == "First words. We built a den in the garden."
    assert place.text() == "at home by the den in the garden"
    assert app.screens.workspace.pages.currentWidget() is app.screens.visit
    assert app.screens.visit.current_step() is Step.SIGNS_OF_SAFETY  # back on the step, not the first


def test_lock_closes_open_dialogs_and_leaves_no_names(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.child.child_id == data["child_id"])
    assert app.child.people.rowCount() == 2
    dialog = app.child.edit_child()
    assert dialog is not None and dialog.isVisible()

    press_lock_shortcut(app, qtbot)  # Ctrl+L works with a dialog open
    qtbot.waitUntil(lambda: not app.unlocked)
    assert app.screens.unlock.reason.text().startswith("You locked VisitApp")
    _assert_nothing_left()

    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.child.child_id == data["child_id"])  # back on the same child's page
    assert app.screens.workspace.pages.currentWidget() is app.screens.child


def test_lock_now_button_and_switching_screens_save_notes(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    qtbot.keyClicks(app.screens.visit.notes, " More.")
    app.screens.visit.back_button.click()  # leaving the editor saves at once, not after the pause
    saved = fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]).notes)
    assert saved == "First words. More."

    app.screens.workspace.lock.click()
    qtbot.waitUntil(lambda: not app.unlocked)
    _assert_nothing_left()


def test_closing_the_window_saves_typed_notes(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    qtbot.keyClicks(app.screens.visit.notes, " Said goodbye at the door.")
    app.window.close()
    assert not app.store.running

    from visitapp.casework import Casework
    from visitapp.paths import VaultPaths
    from visitapp.vault import unlock_vault

    vault = unlock_vault(VaultPaths(app.paths.root), PASSPHRASE)
    try:
        notes = Casework(vault.connect(), vault.worker_id).visit(data["visit_id"]).notes
    finally:
        vault.lock()
    assert notes == "First words. Said goodbye at the door."


def test_back_from_the_pictures_window_the_visit_is_on_the_same_step(unlocked, qtbot: QtBot) -> None:
    """Closing a window opened from the visit reloads the visit (its pictures may have changed): on the step
    the worker left, not back at the first one."""
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "The child's words")
    shown = app.visit.loaded
    by_name("Add a drawing or photo…", QPushButton).click()
    qtbot.waitUntil(lambda: len(app.companions.open_windows) == 1)
    by_name("Back to the visit", QPushButton).click()
    qtbot.waitUntil(lambda: not app.companions.open_windows)
    qtbot.waitUntil(lambda: app.visit.loaded is not None and app.visit.loaded is not shown)  # reloaded
    assert app.screens.visit.current_step() is Step.CHILDS_WORDS


def test_words_typed_but_not_added_wait_in_the_vault_while_locked(unlocked, qtbot: QtBot) -> None:
    """Not in the record (Add was not pressed), not lost, and not left on screen behind the lock."""
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    typed = {
        ("What I saw: new entry", QPlainTextEdit): "You showed me the tadpoles in the",
        ("What are we worried about?: new entry", QPlainTextEdit): "The gate latch is broken",
        ("Whose number", QLineEdit): "Nanna Jo",
        ("What they will do", QLineEdit): "Fix the gate latch",
    }
    for (name, kind), words in typed.items():
        box = by_name(name, kind)
        box.setPlainText(words) if isinstance(box, QPlainTextEdit) else box.setText(words)

    app.lock_now()
    qtbot.waitUntil(lambda: not app.unlocked)
    shown = all_text()
    for words in typed.values():
        assert words not in shown
    for (name, kind), _ in typed.items():
        box = by_name(name, kind)
        assert not (
            box.document().isUndoAvailable() if isinstance(box, QPlainTextEdit) else box.isUndoAvailable()
        )

    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.visit.visit_id == data["visit_id"])
    for (name, kind), words in typed.items():
        box = by_name(name, kind)
        assert (box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()) == words, name
    record = fetch(app, qtbot, lambda context: context.flow.open(data["visit_id"]))
    assert all(words not in repr(record) for words in typed.values())  # still only typed, not recorded


def test_words_not_added_stay_with_their_own_visit(unlocked, qtbot: QtBot) -> None:
    """Typed for one visit, they are never shown in another, where Add would put them in the wrong record."""
    from tests.ui.test_guided_visit import new_visit

    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    by_name("What I saw: new entry", QPlainTextEdit).setPlainText("You showed me the pond")
    other = new_visit(app, qtbot, data["child_id"], data["visit_id"])  # leaves the first visit
    assert by_name("What I saw: new entry", QPlainTextEdit).toPlainText() == ""
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    box = by_name("What I saw: new entry", QPlainTextEdit)
    qtbot.waitUntil(lambda: box.toPlainText() == "You showed me the pond")
    kept = fetch(app, qtbot, lambda context: context.flow.unadded(other))
    assert kept == {}  # and nothing of it was kept under the other visit
