"""The family view, driven as a worker and a family would, on a real vault."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.helpers.vaults import PASSPHRASE
from tests.ui.family.conftest import HIDDEN, OTHER_CHILD
from tests.ui.uikit import all_text, by_name, fetch, go_step, interactive_widgets, open_visit, unlock
from ui.controllers.app_controller import AppController
from ui.family.family_view import FamilyView
from ui.family.style import SIZES
from ui.store_worker import StoreContext
from visitapp.domain.family import Verdict
from visitapp.domain.visit_steps import Step
from visitapp.family import FamilyService
from visitapp.paths import VaultPaths
from visitapp.vault import seconds_until_next_try
from visitapp.visit_flow import VisitFlow


def family_view() -> FamilyView | None:
    views = [w for w in QApplication.topLevelWidgets() if isinstance(w, FamilyView) and w.isVisible()]
    return views[0] if views else None


def open_from_share_step(app: AppController, qtbot: QtBot, ids: dict[str, str]) -> FamilyView:
    open_visit(app, qtbot, ids["child_id"], ids["today_id"])
    go_step(app, "Share the last record")
    by_name("Show the family the last record", QAbstractButton).click()
    qtbot.waitUntil(lambda: family_view() is not None, timeout=5000)
    view = family_view()
    assert view is not None
    return view


def test_the_family_view_shows_that_record_and_nothing_else(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    text = all_text()
    assert "Dear Rowan" in text and "new blue carpet" in text and "walks you to school" in text
    assert "Book the dentist" in text and "my room, blue carpet" in text
    assert HIDDEN not in text  # marked not for the family
    assert "just for you" not in text  # the child did not agree the family may see it
    assert "secret about Dad" not in text  # the child's words reach the family only through the letter
    assert "Today's private notes" not in text  # nothing of today's visit sits behind the family view
    for name in OTHER_CHILD:
        assert name not in text
    assert view.isFullScreen() and view.isModal()


def _leave_with(view: FamilyView, qtbot: QtBot, credential: str) -> None:
    view.finish.click()
    assert view.current_page() is view.exit
    by_name("Your PIN or passphrase", QLineEdit, view).setText(credential)
    by_name("Close the family screen", QAbstractButton, view).click()


def test_leaving_needs_the_workers_pin_or_passphrase(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    fetch(app, qtbot, lambda context: FamilyService(context.casework.conn, context.casework.worker_id)
          .set_exit_pin("2580"))  # fmt: skip
    view = open_from_share_step(app, qtbot, family_vault)
    view.reject()  # Escape, or the window's close button
    assert view.isVisible() and view.current_page() is view.exit
    view.close()
    assert view.isVisible()
    _leave_with(view, qtbot, "1234")
    error = view.exit.error
    qtbot.waitUntil(lambda: error.isVisible(), timeout=5000)
    assert view.isVisible() and "stays open" in error.text()
    assert by_name("Your PIN or passphrase", QLineEdit, view).text() == ""  # a wrong try is not kept
    assert OTHER_CHILD[0] not in all_text()
    _leave_with(view, qtbot, "2580")
    qtbot.waitUntil(lambda: family_view() is None, timeout=5000)
    # Back where the worker was: today's visit, on the share step, ticked as shared.
    qtbot.waitUntil(lambda: app.visit.visit_id == family_vault["today_id"], timeout=5000)
    assert app.visit.view.current_step().value == "share_last_record"
    assert by_name("I shared the last record with the family", QAbstractButton).isChecked()


def test_the_passphrase_also_lets_the_worker_out(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    _leave_with(view, qtbot, "not my passphrase")
    qtbot.waitUntil(lambda: view.exit.error.isVisible(), timeout=5000)
    assert view.isVisible()
    _leave_with(view, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: family_view() is None, timeout=5000)


def test_locking_closes_the_family_view_and_leaves_nothing_on_screen(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    view.respond.click()
    view.response.verdict_buttons[Verdict.WRONG_OR_MISSING].click()
    view.response.who.setText("Nanna Jo")
    view.response.words.setPlainText("The carpet is green.")
    app.idle.set_timeout_ms(50)  # left alone: the app locks itself
    qtbot.waitUntil(lambda: not app.unlocked, timeout=5000)
    assert family_view() is None
    text = all_text()
    for words in ("Rowan", "carpet", "Dear ", OTHER_CHILD[0]):
        assert words not in text
    unlock(app, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: app.visit.visit_id == family_vault["today_id"], timeout=5000)
    assert family_view() is None  # unlocking brings back the visit, not the family view
    assert app.screens.visit.current_step() is Step.SHARE_LAST_RECORD  # the step the family screen came from
    kept = fetch(app, qtbot, lambda context: FamilyService(context.casework.conn, context.casework.worker_id)
                 .responses_for_child(family_vault["child_id"]))  # fmt: skip
    assert [(r.speaker, r.words) for r in kept] == [("Nanna Jo", "The carpet is green.")]  # type: ignore[union-attr]


def test_an_entry_marked_not_for_the_family_is_left_out(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    open_visit(app, qtbot, family_vault["child_id"], family_vault["last_id"])  # finished: still allowed
    go_step(app, "What I saw")
    seen = by_name("What I saw: written so far", QListWidget)
    seen.setCurrentRow(0)
    toggle = by_name("What I saw: not for the family", QAbstractButton)
    assert toggle.isVisible() and not toggle.isChecked()
    toggle.click()
    qtbot.waitUntil(lambda: "(Not shown to the family)" in seen.item(0).text(), timeout=5000)
    assert toggle.isChecked()
    view = open_from_share_step(app, qtbot, family_vault)
    text = all_text()
    assert "new blue carpet" not in text and "walks you to school" in text
    assert view.isVisible()


def test_every_control_is_named_big_enough_and_reached_by_keyboard(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    for page in (view.show_record, view.show_response, lambda: view.show_exit(True)):
        page()
        qtbot.wait(10)
        for widget in interactive_widgets():
            if widget.window() is view and widget.isVisible():
                assert widget.objectName() and widget.accessibleName(), widget
                assert widget.height() >= 44, (widget.objectName(), widget.height())
                group = widget.group() if isinstance(widget, QAbstractButton) else None
                # Choices in a group work like radio buttons: Tab reaches the group, the arrows move in it.
                members = group.buttons() if group is not None else [widget]
                assert any(m.focusPolicy() & Qt.FocusPolicy.TabFocus for m in members), widget.objectName()


def test_wrong_passphrases_at_the_exit_meet_the_unlock_delay_off_the_ui_thread(
    app: AppController,
    family_vault: dict[str, str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    checked_on: list[threading.Thread] = []
    real_check = FamilyService.check_exit

    def spy(self: FamilyService, credential: str) -> bool:
        checked_on.append(threading.current_thread())
        return real_check(self, credential)

    monkeypatch.setattr(FamilyService, "check_exit", spy)
    view = open_from_share_step(app, qtbot, family_vault)
    for _ in range(2):
        _leave_with(view, qtbot, "not my passphrase")
        qtbot.waitUntil(lambda: view.exit.leave_button.isEnabled(), timeout=5000)
        assert "stays open" in view.exit.error.text() and not view.exit.wait.isVisible()
    _leave_with(view, qtbot, "not my passphrase")
    qtbot.waitUntil(lambda: view.exit.wait.isVisible(), timeout=5000)
    assert checked_on and all(t is not threading.main_thread() for t in checked_on)  # the KDF: never here
    # The third wrong passphrase starts the delay: a countdown, as on the unlock screen, and no way to try.
    assert "try again in" in view.exit.wait.text() and not view.exit.leave_button.isEnabled()
    assert "Too many wrong tries" in view.exit.error.text()
    assert seconds_until_next_try(VaultPaths(data_dir)) > 0  # kept beside the vault, for unlocking too
    qtbot.waitUntil(lambda: view.exit.leave_button.isEnabled(), timeout=5000)  # the delay runs out
    assert not view.exit.wait.isVisible()
    _leave_with(view, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: family_view() is None, timeout=5000)
    assert seconds_until_next_try(VaultPaths(data_dir)) == 0  # the right passphrase cleared the count


def test_an_amendment_to_a_part_with_a_hidden_entry_is_not_shown(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    last = family_vault["last_id"]

    def amend(context: StoreContext) -> None:
        flow = VisitFlow(context.casework.conn, context.casework.worker_id)
        flow.sign_off(last)
        flow.amend(last, "signs_of_safety", "The fight next door was at number 14.", "Wrong house.")
        flow.amend(last, "what_i_saw", "Your room had a new green carpet.", "Wrong colour.")

    fetch(app, qtbot, lambda context: amend(context) or True)
    open_from_share_step(app, qtbot, family_vault)
    text = all_text()
    assert "new green carpet" in text and "number 14" not in text and HIDDEN not in text


def test_a_record_longer_than_the_screen_says_there_is_more_below(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    view.set_size(len(SIZES) - 1)  # the biggest text: the record runs past the screen
    scroll = view.record.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0, timeout=3000)
    assert scroll.value() == 0 and view.more_below.isVisible()
    assert "More below" in view.more_below.text()
    scroll.setValue(scroll.maximum())  # read to the end
    assert not view.more_below.isVisible()
    scroll.setValue(0)
    assert view.more_below.isVisible()


def test_back_on_the_share_step_it_says_the_family_left_something_to_answer(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    by_name("Is this right? Tell us what you think", QAbstractButton, view).click()
    by_name("Something is wrong or missing", QAbstractButton, view).click()
    by_name("Rowan is speaking", QAbstractButton, view).click()
    by_name("What you want to say", QPlainTextEdit, view).setPlainText("My carpet is green.")
    view.response.save_button.click()
    qtbot.waitUntil(lambda: view.current_page() is view.thanks, timeout=5000)
    _leave_with(view, qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: family_view() is None, timeout=5000)
    said = app.screens.visit.share.responses
    qtbot.waitUntil(said.isVisible, timeout=5000)
    assert said.text().startswith("The family said something about the record at this visit.")
