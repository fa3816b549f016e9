"""The set-up dialog: an example code shaped like the real ones, plain http refused for another machine with a
sentence that says why, and a code typed loosely (lower case, spaces, no dashes) tidied and accepted."""

from __future__ import annotations

import re
from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from syncserver import accounts
from tests.ui.sync.kit import Server
from tests.ui.uikit import by_name
from tests.visitapp.sync.synckit import ServerWorker
from ui.controllers.app_controller import AppController
from ui.sync.enrol_dialog import EXAMPLE_CODE, EnrolDialog

App = Callable[[], AppController]


def test_the_example_code_has_the_shape_of_a_real_one(qtbot: QtBot) -> None:
    dialog = EnrolDialog()
    qtbot.addWidget(dialog)
    shape = re.compile(r"^([A-Z2-9]{4}-){3}[A-Z2-9]{4}$")
    assert shape.match(accounts.new_code()) and shape.match(EXAMPLE_CODE)
    assert set(EXAMPLE_CODE.replace("-", "")) <= set(accounts.CODE_ALPHABET)
    assert EXAMPLE_CODE in by_name("Enrolment code", QLineEdit, root=dialog).placeholderText()


def test_plain_http_is_refused_then_a_loosely_typed_code_sets_up(
    open_app: App, server: Server, worker: ServerWorker, qtbot: QtBot
) -> None:
    app = open_app()
    qtbot.waitUntil(lambda: app.sync.runs >= 1)
    by_name("Sync", QPushButton).click()
    panel = app.sync_dialogs.panel
    by_name("Set up sync", QPushButton, root=panel).click()
    dialog = app.sync_dialogs.enrol_dialog
    assert isinstance(dialog, EnrolDialog)
    address = by_name("Server address", QLineEdit, root=dialog)
    code_box = by_name("Enrolment code", QLineEdit, root=dialog)
    code = worker.code()
    qtbot.keyClicks(address, "http://sync.example.org")
    qtbot.keyClicks(code_box, code.lower().replace("-", " "))
    by_name("Set up sync now", QPushButton, root=dialog).click()
    assert code_box.text() == code  # tidied to the shape on IT's sheet
    qtbot.waitUntil(lambda: "must start with https://" in dialog.error.text(), timeout=10_000)
    assert "this laptop" in dialog.error.text() and dialog.isEnabled() and dialog.isVisible()

    address.setText(server.url)  # http to 127.0.0.1: this machine, allowed
    code_box.setText(code.lower().replace("-", ""))
    by_name("Set up sync now", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: app.screens.workspace.sync_indicator.state == "all_synced", timeout=10_000)
    panel.reject()
