"""The family view read as a family would: each heading in line with the words and bullets under it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.family.test_family_view import open_from_share_step
from tests.ui.ink import ink_left
from ui.controllers.app_controller import AppController
from ui.family.style import SIZES


def test_headings_line_up_with_the_bullets_under_them(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    qtbot.wait(50)
    page = view.findChild(QWidget, "familyRecordPage")
    labels = [label for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    headings = [label for label in labels if label.property("family") in ("heading", "section")]
    bullets = [label for label in labels if label.text().startswith("• ")]
    assert headings and bullets
    edge = min(ink_left(bullet, page) for bullet in bullets)
    out_of_line = {h.text(): ink_left(h, page) - edge for h in headings if abs(ink_left(h, page) - edge) > 2}
    assert out_of_line == {}


def test_with_the_biggest_text_every_button_is_on_the_screen_and_the_title_on_one_line(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    view = open_from_share_step(app, qtbot, family_vault)
    view.resize(1366, 768)  # a common laptop screen, which the family view fills
    for step in range(len(SIZES)):
        view.set_size(step)
        qtbot.wait(20)
        assert view.width() <= 1366, SIZES[step]  # the buttons never make it wider than the screen
        for button in (view.read_button, view.smaller, view.bigger, view.contrast, view.finish):
            if button.isVisible():
                right = button.mapTo(view, QPoint(button.width(), 0)).x()
                assert right <= view.width(), (SIZES[step], button.text())
                assert button.width() >= button.sizeHint().width(), (SIZES[step], button.text())
        title = view.title
        one_line = title.fontMetrics().horizontalAdvance(title.text())
        assert one_line <= title.contentsRect().width(), SIZES[step]  # one line, not a word a line
    if os.environ.get("VISITAPP_SCREENSHOTS"):  # to look at, as tests/ui/family/test_family_screenshots.py
        view.grab().save(str(Path(os.environ["VISITAPP_SCREENSHOTS"]) / "family-biggest-text.png"))
