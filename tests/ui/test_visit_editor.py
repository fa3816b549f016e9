"""The visit editor: notes save by themselves within two seconds; details save; completing locks it."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.uikit import fetch, open_visit
from visitapp.domain.models import VisitStatus, VisitType


def test_notes_autosave_within_two_seconds_even_while_typing(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    view = app.screens.visit
    assert view.saved.text() == "Saved"
    started = time.monotonic()
    for word in ("You", "told", "me", "about", "your", "new", "school", "friends"):
        qtbot.keyClicks(view.notes, " " + word)
        assert view.saved.text() in ("Saving…", "Saved")
        qtbot.wait(250)  # never a long pause, so only the at-most-1.5-seconds rule can save
    notes = lambda: fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]).notes)  # noqa: E731
    assert notes() != "First words."  # something was saved while the worker was still typing
    assert time.monotonic() - started < 3
    qtbot.waitUntil(lambda: view.saved.text() == "Saved", timeout=2500)
    assert notes() == "First words. You told me about your new school friends"


def test_details_save_and_people_present(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    view = app.screens.visit
    assert len(view.present) == 2
    view.place.setText("")
    qtbot.keyClicks(view.place, "at school")
    view.visit_type.setCurrentIndex(view.visit_type.findData(VisitType.UNANNOUNCED.value))
    next(iter(view.present.values())).setChecked(True)
    app.visit.flush()
    visit = fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]))
    assert (visit.place, visit.visit_type, len(visit.present_person_ids)) == (
        "at school",
        VisitType.UNANNOUNCED,
        1,
    )
    assert visit.notes == "First words."


def test_mark_completed_asks_first_then_is_read_only(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    view = app.screens.visit
    qtbot.keyClicks(view.notes, " Last line.")
    view.complete_button.click()
    question = QApplication.activeModalWidget()
    assert isinstance(question, QMessageBox)
    yes = next(b for b in question.buttons() if b.objectName() == "completeVisitQuestionYes")
    yes.click()
    qtbot.waitUntil(lambda: view.notes.isReadOnly())
    assert not view.complete_button.isVisible() and "can be read but not changed" in view.state.text()
    visit = fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]))
    assert visit.status is VisitStatus.COMPLETED and visit.notes == "First words. Last line."


def test_new_visit_from_the_child_page(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.screens.workspace.pages.currentWidget() is app.screens.child)
    assert app.child.visits.rowCount() == 1
    app.screens.child.new_visit_button.click()
    qtbot.waitUntil(lambda: app.visit.visit_id not in (None, data["visit_id"]))
    assert app.screens.visit.notes.toPlainText() == ""
    assert app.screens.visit.notes.hasFocus() or QApplication.focusWidget() is None
    app.screens.visit.back_button.click()
    qtbot.waitUntil(lambda: app.child.visits.rowCount() == 2)
