"""Screenshots of the family view at 1366×768, for the user guide and for looking at as a family would.

Skipped unless VISITAPP_SCREENSHOTS names a folder:
    VISITAPP_SCREENSHOTS=docs/screenshots QT_QPA_PLATFORM=offscreen pytest tests/ui/family -k screenshots
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.family.test_family_view import open_from_share_step
from ui.controllers.app_controller import AppController

FOLDER = os.environ.get("VISITAPP_SCREENSHOTS", "")


@pytest.mark.skipif(not FOLDER, reason="set VISITAPP_SCREENSHOTS to a folder to make screenshots")
def test_family_screenshots(app: AppController, family_vault: dict[str, str], qtbot: QtBot) -> None:
    folder = Path(FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    view = open_from_share_step(app, qtbot, family_vault)
    view.showNormal()
    view.resize(1366, 768)
    qtbot.wait(50)
    assert view.grab().save(str(folder / "family-view.png"))
    view.respond.click()
    view.response.verdict_buttons[next(iter(view.response.verdict_buttons))].click()
    view.response.who_buttons[0].click()
    view.response.words.setPlainText("The carpet is green, not blue.")
    qtbot.wait(50)
    assert view.grab().save(str(folder / "family-response.png"))
    if os.environ.get("VISITAPP_SCREENSHOTS_ALL"):
        view.contrast.click()
        view.bigger.click()
        qtbot.wait(50)
        assert view.grab().save(str(folder / "family-response-contrast.png"))
        view.show_exit(has_pin=True)
        qtbot.wait(50)
        assert view.grab().save(str(folder / "family-exit.png"))
