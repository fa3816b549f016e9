"""The family view read as a family would: each heading in line with the words and bullets under it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.family.test_family_view import open_from_share_step
from tests.ui.ink import ink_left
from ui.controllers.app_controller import AppController


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
