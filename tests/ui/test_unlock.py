"""Wrong passphrases: a clear message, a growing wait with a countdown, never an exception."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from ui.controllers.app_controller import AppController
from visitapp.vault import WRONG_PASSPHRASE_MESSAGE


def _try(app: AppController, qtbot: QtBot, passphrase: str) -> None:
    view = app.screens.unlock
    view.passphrase.setText(passphrase)
    view.unlock.click()
    qtbot.waitUntil(lambda: view.passphrase.isEnabled() and bool(view.message.text()), timeout=5000)


def test_wrong_passphrase_shows_the_message_then_a_countdown(
    make_app: Callable[[], AppController], vault_with_child: dict[str, str], qtbot: QtBot
) -> None:
    app = make_app()
    view = app.screens.unlock
    assert app.window.stack.currentWidget() is view

    _try(app, qtbot, "not my passphrase at all")
    assert view.message.text() == WRONG_PASSPHRASE_MESSAGE
    assert not app.unlocked and view.unlock.isEnabled()

    _try(app, qtbot, "still not my passphrase")
    _try(app, qtbot, "third wrong passphrase")  # the third mistake earns a wait
    assert not view.unlock.isEnabled()
    assert "try again in" in view.wait.text()

    view.passphrase.setText(vault_with_child["passphrase"])
    view.passphrase.returnPressed.emit()  # Enter does nothing while the button waits
    assert not app.unlocked
    qtbot.waitUntil(view.unlock.isEnabled, timeout=5000)
    assert view.wait.text() == ""
    view.unlock.click()
    qtbot.waitUntil(lambda: app.unlocked, timeout=5000)


def test_empty_passphrase_is_refused_politely(
    make_app: Callable[[], AppController], vault_with_child: dict[str, str], qtbot: QtBot
) -> None:
    app = make_app()
    app.screens.unlock.unlock.click()
    assert app.screens.unlock.message.text() == "Please type your passphrase."


def test_first_run_refuses_a_weak_passphrase(make_app: Callable[[], AppController], qtbot: QtBot) -> None:
    app = make_app()
    view = app.screens.first_run
    for field, text in (
        (view.full_name, "Robin Testwell"),
        (view.job_title, "Social Worker"),
        (view.team, "Blue"),
    ):
        field.setText(text)
    qtbot.keyClicks(view.passphrase, "short")
    assert "too short" in view.feedback.text()
    view.confirm.setText("short")
    view.create.click()
    qtbot.waitUntil(lambda: bool(view.error.text()), timeout=5000)
    assert "too short" in view.error.text()
    assert view.create.isEnabled() and not app.unlocked
