"""The visit's notes and details: notes save by themselves within two seconds; details save; completing
asks first and stamps the time."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.uikit import by_name, fetch, go_step, open_visit
from visitapp.domain.models import VisitStatus, VisitType


def test_notes_autosave_within_two_seconds_even_while_typing(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    view = app.screens.visit
    assert by_name("Show or hide my notes").isChecked() is False
    by_name("Show or hide my notes").click()
    notes = by_name("My notes", QPlainTextEdit)
    assert notes.isVisible() and view.saved.text() == "Saved"
    started = time.monotonic()
    for word in ("You", "told", "me", "about", "your", "new", "school", "friends"):
        qtbot.keyClicks(notes, " " + word)
        assert view.saved.text() in ("Saving…", "Saved")
        qtbot.wait(250)  # never a long pause, so only the at-most-1.5-seconds rule can save
    notes_saved = lambda: fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]).notes)  # noqa: E731
    assert notes_saved() != "First words."  # something was saved while the worker was still typing
    assert time.monotonic() - started < 3
    qtbot.waitUntil(lambda: view.saved.text() == "Saved", timeout=2500)
    assert notes_saved() == "First words. You told me about your new school friends"


def test_details_save_and_people_present(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    place = by_name("Where the visit happened", QLineEdit)
    place.setText("")
    qtbot.keyClicks(place, "at school")
    kind = by_name("Type of visit", QComboBox)
    kind.setCurrentIndex(kind.findData(VisitType.UNANNOUNCED.value))
    go_step(app, "Who is here")
    by_name("Josephine Quillfeather (Nanna Jo)", QCheckBox).click()
    app.visit.flush()
    visit = fetch(app, qtbot, lambda context: context.casework.visit(data["visit_id"]))
    assert (visit.place, visit.visit_type, len(visit.present_person_ids)) == (
        "at school",
        VisitType.UNANNOUNCED,
        1,
    )
    assert visit.notes == "First words."


def test_mark_completed_asks_first_then_stamps_the_time(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    open_visit(app, qtbot, data["child_id"], data["visit_id"])
    by_name("Show or hide my notes").click()
    qtbot.keyClicks(by_name("My notes", QPlainTextEdit), " Last line.")
    go_step(app, "Time alone with the child")  # not seen alone, with a reason
    by_name("No, not on their own").click()
    reason = by_name("Why the child was not seen alone", QComboBox)
    reason.setCurrentIndex(reason.findText("Asleep"))
    go_step(app, "Next visit")
    by_name("Save the next visit").click()
    qtbot.waitUntil(lambda: "Saved:" in app.screens.visit.next_visit.saved.text())
    go_step(app, "Finish")
    by_name("Mark the visit completed").click()
    question = QApplication.activeModalWidget()
    assert isinstance(question, QMessageBox)
    yes = next(b for b in question.buttons() if b.objectName() == "completeVisitQuestionYes")
    yes.click()
    stamp = app.screens.visit.finish.stamp
    qtbot.waitUntil(lambda: stamp.text().startswith("Completed on"))
    assert "within one working day" in stamp.text() or "more than one working day" in stamp.text()
    assert not by_name("Mark the visit completed").isVisible()
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
    assert app.screens.visit.steps.currentRow() == 0  # a new visit starts at the first step
    by_name("Back to Juni").click()
    qtbot.waitUntil(lambda: app.child.visits.rowCount() == 2)
