"""The child and person forms refuse an empty name themselves: a clear message, the form kept open, and
nothing sent to the store (which would refuse it too, and log a failed job)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.uikit import by_name


def _open_child_page(app, qtbot: QtBot, child_id: str) -> None:  # type: ignore[no-untyped-def]
    app.navigator.open_child(child_id)
    qtbot.waitUntil(lambda: app.child.child_id == child_id)


@pytest.mark.parametrize("spaces", ["", "   "])
def test_a_person_with_no_name_is_refused_by_the_form(
    unlocked, qtbot: QtBot, caplog: pytest.LogCaptureFixture, spaces: str
) -> None:
    app, data = unlocked
    _open_child_page(app, qtbot, data["child_id"])
    dialog = app.child.edit_person(None)
    name = by_name("Name", QLineEdit, root=dialog)
    qtbot.keyClicks(name, spaces)
    qtbot.keyClicks(by_name("Role, for professionals", QLineEdit, root=dialog), "school nurse")
    with caplog.at_level(logging.WARNING):
        by_name("Save", QPushButton, root=dialog).click()
        qtbot.wait(100)
    assert dialog.isVisible() and dialog.error.text() == "Please give the person's name."
    assert not [r for r in caplog.records if "store job failed" in r.getMessage()]
    qtbot.keyClicks(name, "Ms Okafor")
    by_name("Save", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: app.child.people.rowCount() == 3)  # Nanna Jo, Mr Ellery and now Ms Okafor


def test_a_child_with_no_name_is_refused_by_the_form(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    _open_child_page(app, qtbot, data["child_id"])
    dialog = app.child.edit_child()
    assert dialog is not None
    full_name = by_name("Full name", QLineEdit, root=dialog)
    full_name.clear()
    by_name("Save", QPushButton, root=dialog).click()
    assert dialog.isVisible() and dialog.error.text() == "Please give the child's full name."
