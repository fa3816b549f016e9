"""The guided visit on a 1366×768 laptop, read as a worker would: every line of a long entry, every letter of
a label, a heading choice in full, spin boxes that look adjustable, and the save state on one line."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionSpinBox,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.ink import cut_off_on_the_right, ink_columns, ink_left
from tests.ui.test_guided_visit import answer_yes, give_what_finishing_needs, new_visit
from tests.ui.uikit import by_name, go_step
from ui.controllers.app_controller import AppController

SAFETY = "Worries, what's working, what needs to happen"
COLUMNS = ("What are we worried about?", "What is working well?", "What needs to happen?")
LONG = (
    "Nanna Jo walks you to school every morning and waits at the gate until the bell goes, and on Fridays "
    "she picks you up and you go to the park together before tea."
)
RELAYOUT_MS = 300  # a list re-wraps its items a moment after its width changes


def fill_the_map(app: AppController, qtbot: QtBot) -> None:
    """One long entry under every heading of every column."""
    go_step(app, SAFETY)
    for title in COLUMNS:
        heading = by_name(f"{title}: which part", QComboBox)
        written = by_name(f"{title}: written so far", QListWidget)
        for index in range(heading.count()):
            heading.setCurrentIndex(index)
            by_name(f"{title}: new entry", QPlainTextEdit).setPlainText(LONG)
            by_name(f"Add to {title}", QPushButton).click()
            qtbot.waitUntil(lambda index=index, written=written: written.count() == index + 1)


def words_cut_off(entries: QListWidget) -> list[str]:
    """Items shorter than their words, wrapped as Qt draws them: in the item's text area, no wider than the
    list (an item measured wider than the list is drawn narrower, where its words take more lines)."""
    style, margin = entries.style(), entries.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    cut = []
    for row in range(entries.count()):
        item = entries.item(row)
        option = QStyleOptionViewItem()
        entries.initViewItemOption(option)
        rect = entries.visualItemRect(item)
        option.rect = QRect(rect.x(), rect.y(), min(rect.width(), entries.viewport().width()), rect.height())
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, entries)
        needs = entries.fontMetrics().boundingRect(
            QRect(0, 0, area.width() - 2 * margin, 100_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        if rect.width() > entries.viewport().width() or needs.height() > area.height():
            cut.append(
                f"{entries.accessibleName()} #{row}: {rect.width()} px wide in {entries.viewport().width()}, "
                f"{area.height()} px tall for {needs.height()} px of words"
            )
    return cut


def heading_fits(heading: QComboBox) -> bool:
    """Whether the chosen heading's words, wrapped, fit the box's text area."""
    option = QStyleOptionComboBox()
    heading.initStyleOption(option)
    field = heading.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, heading
    )
    words = heading.fontMetrics().boundingRect(
        QRect(0, 0, field.width(), 100_000), Qt.TextFlag.TextWordWrap, heading.currentText()
    )
    return words.height() <= field.height()


def test_long_entries_and_their_headings_are_read_in_full_with_or_without_my_notes(
    unlocked, qtbot: QtBot
) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    fill_the_map(app, qtbot)
    for notes_open in (False, True):
        if notes_open:
            by_name("Show or hide my notes", QPushButton).click()
        qtbot.wait(RELAYOUT_MS)
        lists = [by_name(f"{title}: written so far", QListWidget) for title in COLUMNS]
        assert [cut for entries in lists for cut in words_cut_off(entries)] == [], notes_open
        for title in COLUMNS:
            heading = by_name(f"{title}: which part", QComboBox)
            for index in range(heading.count()):
                heading.setCurrentIndex(index)
                qtbot.wait(20)  # the box takes the lines this heading needs
                assert heading_fits(heading), (heading.currentText(), notes_open)


def test_no_label_or_choice_loses_a_letter(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])

    def check(step: str) -> None:
        go_step(app, step)
        qtbot.wait(20)
        page = app.screens.visit.stack.currentWidget()
        texts = page.findChildren(QLabel) + page.findChildren(QRadioButton) + page.findChildren(QCheckBox)
        one_line = [
            w for w in texts if w.isVisible() and w.text() and not (isinstance(w, QLabel) and w.wordWrap())
        ]
        assert one_line, step
        cut = [w.text() for w in one_line if cut_off_on_the_right(w)]
        assert cut == [], step

    check("Before you go")  # "&Type" lost its "e"
    check("Time alone with the child")  # "&Yes, I saw the child on their own" lost its "n"
    by_name("No, not on their own", QWidget).click()
    check("Time alone with the child")
    check(SAFETY)


def test_headings_line_up_with_the_words_under_them(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, SAFETY)
    qtbot.wait(20)
    page = app.screens.visit.safety
    heading, hint = page.heading, page.hint
    column = page.columns[0].title  # a subheading, over its column
    assert abs(ink_left(heading, page) - ink_left(hint, page)) <= 2
    assert abs(ink_left(column, page) - ink_left(hint, page)) <= 2


def test_spin_boxes_show_less_and_more_in_buttons_big_enough_to_tap(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "Time alone with the child")
    minutes = by_name("Minutes alone with the child", QSpinBox)
    go_step(app, SAFETY)
    score = by_name("Their number, 0 to 10", QSpinBox)
    score.setValue(5)  # both ways open
    for box in (minutes, score):
        option = QStyleOptionSpinBox()
        box.initStyleOption(option)
        less, more = (
            box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, box)
            for part in (QStyle.SubControl.SC_SpinBoxDown, QStyle.SubControl.SC_SpinBoxUp)
        )
        assert not less.intersects(more), box.accessibleName()
        for button in (less, more):
            assert button.width() >= 36 and button.height() >= 36, (box.accessibleName(), button)
            inside = button.adjusted(6, 6, -6, -6)  # the arrow, not the button's edge
            assert ink_columns(box, inside, darker_than=200), (box.accessibleName(), "no arrow drawn")


def test_the_save_state_sits_on_one_line_once_signed_off(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    give_what_finishing_needs(app, qtbot)
    go_step(app, "Finish")
    by_name("Mark the visit completed", QPushButton).click()
    answer_yes(qtbot, "completeVisitQuestion")
    qtbot.waitUntil(lambda: app.screens.visit.finish.stamp.text().startswith("Completed on"))
    by_name("Sign off this visit…", QPushButton).click()
    answer_yes(qtbot, "signOffQuestion")
    saved = app.screens.visit.saved
    qtbot.waitUntil(lambda: saved.text() == "Signed off: read only")
    qtbot.wait(20)
    assert saved.fontMetrics().horizontalAdvance(saved.text()) <= saved.contentsRect().width()


def test_a_save_problem_wraps_instead_of_widening_the_visit(unlocked, qtbot: QtBot) -> None:
    """On a 1366-pixel screen at 125% the window is about 1093 pixels wide: a long "Not saved" message must
    wrap there, not push the page wider than the window and cut itself off."""
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    view = app.screens.visit
    narrowest = view.minimumSizeHint().width()
    problem = "Not saved: VisitApp could not finish that. Please try again. If it keeps happening, tell IT."
    view.show_save_state(problem, "error")
    assert view.minimumSizeHint().width() <= narrowest
    app.window.resize(1093, 614)
    qtbot.wait(20)
    saved = view.saved
    assert saved.wordWrap() and not cut_off_on_the_right(saved)
    view.show_save_state("Saved")
    assert not saved.wordWrap()
