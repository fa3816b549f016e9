"""The guided visit, driven as a worker would: by the names a screen reader announces, step by step, from a
new visit to sign-off and an amendment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.uikit import by_name, fetch, go_step, type_date
from ui.controllers.app_controller import AppController
from ui.family.jobs import service as family_service
from ui.models.visits_model import VisitsModel
from ui.views.dialog_base import FormDialog
from ui.views.visit.share_last_record import ShareLastRecordPage
from visitapp.domain.models import Child, VisitStatus
from visitapp.domain.visit_steps import Step, StepState
from visitapp.store import letters


def new_visit(app: AppController, qtbot: QtBot, child_id: str, old_visit: str) -> str:
    app.navigator.open_child(child_id)
    qtbot.waitUntil(lambda: app.screens.workspace.pages.currentWidget() is app.screens.child)
    by_name("New visit").click()
    qtbot.waitUntil(lambda: app.visit.visit_id not in (None, old_visit))
    qtbot.waitUntil(lambda: app.screens.workspace.pages.currentWidget() is app.screens.visit)
    with qtbot.waitActive(app.window):  # shortcuts need an active window
        app.window.activateWindow()
    return str(app.visit.visit_id)


def record(app: AppController, qtbot: QtBot, visit_id: str):  # type: ignore[no-untyped-def]
    return fetch(app, qtbot, lambda context: context.flow.open(visit_id))


def step_state(step: str) -> str:
    steps = by_name("Steps of the visit", QAbstractItemView)
    model = steps.model()
    for row in range(model.rowCount()):
        text = str(model.index(row, 0).data())
        if text.split("\n")[0] == step:
            return text.split("\n")[1]
    raise AssertionError(step)


def answer_yes(qtbot: QtBot, name: str) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    next(b for b in box.buttons() if b.objectName() == f"{name}Yes").click()  # type: ignore[union-attr]


def give_what_finishing_needs(app: AppController, qtbot: QtBot) -> None:
    """Time alone (twenty minutes) and the next visit: what Finish insists on."""
    go_step(app, "Time alone with the child")
    by_name("Yes, I saw the child on their own", QWidget).click()
    by_name("Minutes alone with the child", QSpinBox).setValue(20)
    go_step(app, "Next visit")
    by_name("Save the next visit", QPushButton).click()
    qtbot.waitUntil(lambda: step_state("Next visit") == "Done")


def dialog_open(qtbot: QtBot) -> FormDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), FormDialog))
    return QApplication.activeModalWidget()  # type: ignore[return-value]


def save(qtbot: QtBot, dialog: FormDialog) -> None:
    by_name("Save", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def press_capture(qtbot: QtBot, target: QWidget) -> FormDialog:
    # Offscreen, a closed dialog leaves no window active (a window manager would re-activate ours).
    with qtbot.waitActive(target.window()):
        target.window().activateWindow()
    target.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, Qt.Key.Key_Q, shift_ctrl)
    return dialog_open(qtbot)


def capture(qtbot: QtBot, target: QWidget, words: str) -> FormDialog:
    dialog = press_capture(qtbot, target)
    box = by_name("The child's words, exactly as said", QPlainTextEdit, root=dialog)
    qtbot.waitUntil(box.hasFocus, timeout=1000)  # typing starts at once
    box.insertPlainText(words)
    save(qtbot, dialog)
    return dialog


def test_a_whole_visit_from_new_to_signed_off(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    assert step_state("Before you go") == "Not yet" and step_state("Finish") == "Not yet"

    qtbot.keyClicks(by_name("Purpose of the visit", QLineEdit), "To see your new room")
    go_step(app, "Who is here")
    by_name("Josephine Quillfeather (Nanna Jo)", QCheckBox).click()
    qtbot.waitUntil(lambda: step_state("Who is here") == "Done", timeout=3000)
    assert step_state("Before you go") == "Done"

    go_step(app, "Share the last record")
    by_name("I shared the last record with the family", QCheckBox).click()
    qtbot.waitUntil(lambda: step_state("Share the last record") == "Done")

    go_step(app, "Time alone with the child")
    by_name("Start the timer", QPushButton).click()
    qtbot.waitUntil(lambda: "timer running" in app.screens.visit.timer_status.text())
    assert step_state("Time alone with the child") == "Not yet"  # running: under way, not a slip
    running = app.screens.visit.alone.problem
    assert running.text().startswith("The timer is running") and running.property("kind") == "hint"
    assert not app.screens.visit.alone.minutes.isEnabled()  # the timer counts them
    qtbot.keyClicks(by_name("Where you were alone with the child", QLineEdit), "in the garden")

    go_step(app, "The child's words")
    capture(qtbot, by_name("Write down the child's words", QPushButton, root=app.screens.visit.words),
            "I like my room.  ")  # fmt: skip
    qtbot.waitUntil(lambda: by_name("The child's words at this visit", QListWidget).count() == 1)
    tools = by_name("Direct-work tool", QComboBox)
    tools.setCurrentIndex(tools.findText("Three Houses"))
    by_name("Use this tool", QPushButton).click()
    houses = dialog_open(qtbot)
    qtbot.keyClicks(by_name("House of worries", QPlainTextEdit, root=houses), "the dog next door")
    qtbot.keyClicks(by_name("House of hopes and dreams", QPlainTextEdit, root=houses), "a trampoline")
    save(qtbot, houses)
    entries = by_name("Direct work done at this visit", QListWidget)
    qtbot.waitUntil(lambda: entries.count() == 1)
    assert "“the dog next door”" in entries.item(0).text()

    go_step(app, "What I saw")
    qtbot.keyClicks(by_name("What I saw: new entry", QPlainTextEdit), "You showed me your posters.")
    by_name("Add to What I saw", QPushButton).click()
    qtbot.waitUntil(lambda: by_name("What I saw: written so far", QListWidget).count() == 1)
    assert by_name("What I saw: new entry", QPlainTextEdit).toPlainText() == ""  # ready for the next one

    go_step(app, "Worries, what's working, what needs to happen")
    working = by_name("What is working well?: new entry", QPlainTextEdit)
    qtbot.keyClicks(working, "Nanna Jo walks you to school.")
    by_name("Add to What is working well?", QPushButton).click()
    qtbot.keyClicks(by_name("Whose number", QLineEdit), "Juni")
    score = by_name("Their number, 0 to 10", QSpinBox)
    assert score.text() == "Choose"  # no number until one is given: a forgotten one is not a 0
    by_name("Add this number", QPushButton).click()
    assert app.screens.visit.safety.error.text() == "Choose their number, from 0 to 10, then add it."
    score.setValue(8)
    qtbot.keyClicks(by_name("Why that number", QLineEdit), "I like it here")
    by_name("Add this number", QPushButton).click()
    qtbot.waitUntil(lambda: by_name("Scale answers", QListWidget).count() == 1)
    assert step_state("Worries, what's working, what needs to happen") == "Done"

    go_step(app, "Actions")
    qtbot.keyClicks(by_name("What they will do", QLineEdit), "ask school about the club")
    by_name("Add this action", QPushButton).click()
    qtbot.waitUntil(lambda: by_name("Actions agreed at this visit", QListWidget).count() == 1)

    go_step(app, "Time alone with the child")  # the timer has run all this time
    assert "timer running" in app.screens.visit.timer_status.text()
    by_name("Stop time alone", QPushButton).click()  # from the bar every step shares
    qtbot.waitUntil(lambda: step_state("Time alone with the child") == "Done")
    assert by_name("Start the timer again", QPushButton).isVisible()  # a new start adds on: it says so
    assert app.screens.visit.timer_button.text() == "Start time alone again"  # the top bar says the same
    assert app.screens.visit.alone.problem.text() == "Starting the timer again adds to these minutes."
    assert app.screens.visit.timer_status.text() == "Time alone: 1 minute"  # a short time, rounded up
    assert app.screens.visit.alone.minutes.text() == "1 minute"

    go_step(app, "Next visit")
    by_name("Save the next visit", QPushButton).click()  # the proposed date: when it is due
    qtbot.waitUntil(lambda: step_state("Next visit") == "Done")

    go_step(app, "Worries, what's working, what needs to happen")
    qtbot.keyClicks(working, "Nanna Jo cooks tea on Fridays.")  # typed, and Add forgotten
    qtbot.keyClicks(by_name("Whose number", QLineEdit), "Nanna Jo")  # and a scale answer, not added
    go_step(app, "Finish")
    assert app.screens.visit.finish.missing.text() == "Nothing is missing."
    by_name("Mark the visit completed", QPushButton).click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    question = QApplication.activeModalWidget().text()  # type: ignore[union-attr]
    assert question.startswith("Not added yet, so not in the record: what you typed in “What is working")
    assert "“Scale from 0 to 10”" in question
    answer_yes(qtbot, "completeVisitQuestion")
    qtbot.waitUntil(lambda: app.screens.visit.finish.stamp.text().startswith("Completed on"))
    assert "Written within one working day of the visit." in app.screens.visit.finish.stamp.text()
    by_name("Sign off this visit…", QPushButton).click()
    by_name("Sign off this visit…", QPushButton).click()  # a double click asks once
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    qtbot.wait(100)
    asked = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(asked) == 1
    question = QApplication.activeModalWidget().text()  # type: ignore[union-attr]
    assert "You have not opened the letter to the child yet." in question  # said before it is locked
    answer_yes(qtbot, "signOffQuestion")
    qtbot.waitUntil(lambda: app.screens.visit.finish.signed.text().startswith("Signed off"))

    # Signed off: every page reads, nothing edits.
    for step in ("Before you go", "Time alone with the child", "What I saw", "Actions"):
        go_step(app, step)
        page = app.screens.visit.stack.currentWidget()
        for field in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
            if field.isVisible() and not isinstance(field.parentWidget(), QAbstractSpinBox | QComboBox):
                assert field.isReadOnly(), (step, field.objectName())
    assert not app.screens.visit.capture_button.isVisible()

    go_step(app, "Finish")
    by_name("Add an amendment…", QPushButton).click()
    amend = dialog_open(qtbot)
    part = by_name("Which part of the record", QComboBox, root=amend)
    part.setCurrentIndex(part.findText("What I saw"))
    qtbot.keyClicks(by_name("The amendment", QPlainTextEdit, root=amend), "The posters were of horses.")
    why = by_name("Why the record is being amended", QPlainTextEdit, root=amend)
    qtbot.keyClicks(why, "I misremembered.")
    save(qtbot, amend)
    go_step(app, "What I saw")
    beside = app.screens.visit.seen.amended
    qtbot.waitUntil(beside.isVisible)
    assert "The posters were of horses." in beside.text() and "I misremembered." in beside.text()
    assert (
        by_name("What I saw: written so far", QListWidget)
        .item(0)
        .text()
        .endswith("You showed me your posters.")
    )  # the original stays, beside the amendment

    saved = record(app, qtbot, visit_id)
    assert saved.quotes[0].words == "I like my room.  "  # exactly as typed: the spaces too
    assert saved.time_alone.seen_alone and saved.time_alone.minutes >= 1
    assert saved.time_alone.place == "in the garden"
    assert saved.tools[0].answers["worries"] == "the dog next door"
    assert [a.part for a in saved.amendments] == ["what_i_saw"]
    assert saved.signed_off_at is not None and saved.visit.purpose == "To see your new room"
    # The letter was never opened before sign-off: it was written from the record then, to read and export.
    letter = fetch(app, qtbot, lambda context: letters.get_letter(context.casework.conn, visit_id))
    assert letter is not None and "I like my room." in letter.text

    app.screens.visit.back_button.click()  # the child's page lists it as signed off, not merely completed
    qtbot.waitUntil(lambda: visit_id in app.child.visits.visit_ids())
    row = app.child.visits.visit_ids().index(visit_id)
    assert app.child.visits.index(row, VisitsModel.STATUS).data() == "Signed off"


def test_ctrl_and_either_enter_key_adds_an_entry(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "What I saw")
    box = by_name("What I saw: new entry", QPlainTextEdit)
    written = by_name("What I saw: written so far", QListWidget)
    for count, (key, modifiers) in enumerate(
        [
            (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
            (Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier),
        ],
        start=1,
    ):
        box.setFocus()
        qtbot.keyClicks(box, f"Seen with {key.name}.")
        qtbot.keyClick(box, key, modifiers)
        qtbot.waitUntil(lambda count=count: written.count() == count)  # added, as Add would


def test_the_timer_keeps_running_across_steps(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    by_name("Start time alone", QPushButton).click()
    status = app.screens.visit.timer_status
    qtbot.waitUntil(lambda: "timer running" in status.text())
    first = status.text()
    for step in ("The child's words", "What I saw", "Actions", "Finish"):
        go_step(app, step)
        assert "timer running" in status.text() and status.isVisible()
    qtbot.waitUntil(lambda: status.text() != first, timeout=2500)  # it ticks on its own
    assert by_name("Stop time alone", QPushButton).isVisible()


def test_not_alone_needs_a_reason_before_finishing(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "Time alone with the child")
    by_name("No, not on their own", QWidget).click()
    qtbot.waitUntil(lambda: step_state("Time alone with the child") == "Needs attention", timeout=3000)
    go_step(app, "Next visit")
    by_name("Save the next visit", QPushButton).click()
    qtbot.waitUntil(lambda: step_state("Next visit") == "Done")
    go_step(app, "Finish")
    missing = app.screens.visit.finish.missing
    assert "Say why the child was not seen alone." in missing.text()
    by_name("Mark the visit completed", QPushButton).click()
    answer_yes(qtbot, "completeVisitQuestion")
    error = app.screens.visit.finish.error
    qtbot.waitUntil(error.isVisible)
    assert "Say why the child was not seen alone." in error.text()

    go_step(app, "Time alone with the child")
    reason = by_name("Why the child was not seen alone", QComboBox)
    reason.setCurrentIndex(reason.findText("Other (say why)"))
    other = by_name("Why, in your own words", QLineEdit)
    assert other.isVisible()
    qtbot.waitUntil(lambda: "own words" in app.screens.visit.alone.problem.text(), timeout=3000)
    qtbot.keyClicks(other, "We ran out of time after the doctor came.")
    qtbot.waitUntil(lambda: step_state("Time alone with the child") == "Done", timeout=3000)
    go_step(app, "Finish")
    assert missing.text() == "Nothing is missing."
    by_name("Mark the visit completed", QPushButton).click()
    answer_yes(qtbot, "completeVisitQuestion")
    qtbot.waitUntil(lambda: record(app, qtbot, visit_id).completed_at is not None)


def test_the_capture_box_opens_from_any_step(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    assert "Ctrl+Shift+Q" in by_name("Write down the child's words", QPushButton,
                                     root=app.screens.visit.capture_button.parentWidget()).text()  # fmt: skip
    said = ["I don't want to move.", "  Nanna\u00a0Jo makes the best chips\nand beans ", "I wish I had a dog"]
    places = (
        ("Before you go", "Purpose of the visit"),
        ("What I saw", "What I saw: new entry"),
        ("Next visit", "Date of the next visit"),
    )
    for (step, field), words in zip(places, said, strict=True):
        go_step(app, step)
        dialog = press_capture(qtbot, by_name(field))
        assert not by_name("The child was alone with me", QCheckBox, root=dialog).isChecked()  # no timer
        if words.startswith("I wish"):
            by_name("A wish", root=dialog).click()
        by_name("The child's words, exactly as said", QPlainTextEdit, root=dialog).insertPlainText(words)
        save(qtbot, dialog)
        assert app.screens.visit.current_step().value != Step.CHILDS_WORDS.value  # the worker stays put
    go_step(app, "The child's words")
    qtbot.waitUntil(lambda: by_name("The child's words at this visit", QListWidget).count() == 3)
    saved = record(app, qtbot, visit_id)
    assert [q.words for q in saved.quotes] == said  # not one character tidied
    assert saved.quotes[2].kind.value == "wish"

    by_name("Start time alone", QPushButton).click()  # with the timer running, "alone" is the default
    qtbot.waitUntil(lambda: "timer running" in app.screens.visit.timer_status.text())
    dialog = press_capture(qtbot, by_name("Steps of the visit"))
    assert by_name("The child was alone with me", QCheckBox, root=dialog).isChecked()
    dialog.reject()


def test_words_are_read_only_after_completion_but_can_be_annotated(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    capture(qtbot, by_name("Steps of the visit"), "Mum shouts sometimes.")
    give_what_finishing_needs(app, qtbot)
    go_step(app, "The child's words")
    quotes = by_name("The child's words at this visit", QListWidget)
    quotes.setCurrentRow(0)
    assert by_name("Change these words", QPushButton).isEnabled()
    app.visit.complete()
    qtbot.waitUntil(lambda: step_state("Finish") == "Done", timeout=3000)
    assert not by_name("Change these words", QPushButton).isVisible()
    assert not by_name("Remove these words", QPushButton).isVisible()
    quotes.setCurrentRow(0)
    qtbot.keyClick(quotes, Qt.Key.Key_Return)  # opening a completed quote offers a note, not a change
    note = dialog_open(qtbot)
    assert note.objectName() == "annotateDialog"
    qtbot.keyClicks(by_name("Your note", QPlainTextEdit, root=note), "Said laughing; Mum was in the room.")
    save(qtbot, note)
    qtbot.waitUntil(lambda: "Note added" in quotes.item(0).text())
    saved = record(app, qtbot, visit_id)
    assert saved.quotes[0].words == "Mum shouts sometimes."
    assert saved.quotes[0].annotations[0].text == "Said laughing; Mum was in the room."


def test_dates_and_times_are_typed_in_one_go(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    today = date.today()
    when = by_name("Date of the visit", QLineEdit)
    assert when.text().endswith(f"{today.day} {today:%B %Y}")  # today, in words
    type_date(qtbot, when, "yesterday")
    type_date(qtbot, by_name("Time the visit starts", QLineEdit), "2.30pm")
    assert by_name("Time the visit starts", QLineEdit).text() == "14:30"
    yesterday = today - timedelta(days=1)
    moved = datetime.combine(yesterday, time(14, 30))
    qtbot.waitUntil(lambda: record(app, qtbot, visit_id).visit.starts_at == moved, timeout=5000)
    type_date(qtbot, when, "31/2")  # a slip: said under the field, and the saved visit stays where it was
    hint = app.screens.visit.before.starts_on.hint
    assert hint.isVisible() and "“31/2” is not a date" in hint.text()
    qtbot.wait(1600)  # longer than the form ever waits before saving
    assert record(app, qtbot, visit_id).visit.starts_at.date() == yesterday
    type_date(qtbot, when, "yesterday")  # put right
    clock = by_name("Time the visit starts", QLineEdit)
    type_date(qtbot, clock, "25:00")
    assert hint.text() == "Type a time of day, such as 9:30 or 14:00."
    type_date(qtbot, when, "today")  # a good date beside a bad time: still nothing saved
    qtbot.wait(1600)
    assert record(app, qtbot, visit_id).visit.starts_at == moved
    assert hint.text() == "Type a time of day, such as 9:30 or 14:00."
    type_date(qtbot, clock, "9")  # 9 in the morning; "2" would be 2 in the afternoon
    fixed = datetime.combine(today, time(9, 0))
    qtbot.waitUntil(lambda: record(app, qtbot, visit_id).visit.starts_at == fixed, timeout=5000)
    assert not hint.isVisible()

    go_step(app, "Actions")
    qtbot.keyClicks(by_name("What they will do", QLineEdit), "ring the dentist")
    type_date(qtbot, by_name("By when", QLineEdit), "next friday")
    friday = today + timedelta(days=7 - today.weekday() + 4)  # the Friday of next week
    by_name("Add this action", QPushButton).click()
    qtbot.waitUntil(lambda: by_name("Actions agreed at this visit", QListWidget).count() == 1)
    assert [a.due_on for a in record(app, qtbot, visit_id).actions] == [friday]
    qtbot.keyClicks(by_name("What they will do", QLineEdit), "write to school")
    type_date(qtbot, by_name("By when", QLineEdit), "soon")
    by_name("Add this action", QPushButton).click()
    hint = app.screens.visit.actions.due.hint
    assert hint.isVisible() and hint.text().startswith("“soon” is not a date")
    assert by_name("Actions agreed at this visit", QListWidget).count() == 1  # nothing added on a guess
    no_date = by_name("No date yet", QCheckBox)
    no_date.click()
    assert not by_name("By when", QLineEdit).isEnabled() and not hint.isVisible()
    by_name("Add this action", QPushButton).click()
    qtbot.waitUntil(lambda: by_name("Actions agreed at this visit", QListWidget).count() == 2)
    no_date.click()  # it stays reachable beside the date it turns off
    assert by_name("By when", QLineEdit).isEnabled()

    go_step(app, "Next visit")
    next_date = by_name("Date of the next visit", QLineEdit)
    type_date(qtbot, next_date, "")
    by_name("Save the next visit", QPushButton).click()
    next_hint = app.screens.visit.next_visit.date.hint
    assert next_hint.isVisible() and next_hint.text() == "Type a date, or pick one from the calendar."
    qtbot.wait(300)
    assert record(app, qtbot, visit_id).next_visit.planned_on is None


def test_a_later_next_visit_asks_for_a_reason(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "Next visit")
    page = app.screens.visit.next_visit
    assert page.due.text().startswith("Due by")
    due = page.chosen()
    reason = by_name("Why the next visit is later than it is due", QPlainTextEdit)
    assert not reason.isVisible()
    later = due + timedelta(days=10)
    type_date(qtbot, by_name("Date of the next visit", QLineEdit), f"{later.day}/{later.month}/{later.year}")
    assert reason.isVisible() and "later than the visit is due" in page.later.text()
    by_name("Save the next visit", QPushButton).click()
    qtbot.waitUntil(page.error.isVisible)
    assert "A later date needs a reason" in page.error.text()
    qtbot.keyClicks(reason, "The family are away for a fortnight.")
    by_name("Save the next visit", QPushButton).click()
    qtbot.waitUntil(lambda: page.saved.text().startswith("Saved"))
    assert not page.error.isVisible()
    saved = record(app, qtbot, visit_id)
    assert saved.next_visit.planned_on == due + timedelta(days=10)
    assert saved.next_visit.later_reason == "The family are away for a fortnight."
    earlier = due - timedelta(days=3)  # earlier: no reason needed
    type_date(qtbot, by_name("Date of the next visit", QLineEdit), f"{earlier:%d %B %Y}")
    assert not reason.isVisible()
    # Beside Save, what is saved, and that the date in the box is not it until saved.
    assert page.saved.text() == f"Saved: {later.day} {later:%B %Y}. The date above is not saved yet."
    type_date(qtbot, by_name("Date of the next visit", QLineEdit), f"{later.day}/{later.month}/{later.year}")
    assert page.saved.text() == f"Saved: {later.day} {later:%B %Y}."


def test_the_caseload_shows_what_is_overdue(unlocked, qtbot: QtBot) -> None:
    app, _data = unlocked
    table = by_name("Your children", QAbstractItemView)
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    days = model.index(0, headers.index("Days left"))
    due = model.index(0, headers.index("Next visit due"))
    assert str(days.data()).endswith("days overdue")  # the only visit was in March
    assert days.data(Qt.ItemDataRole.ForegroundRole).name() == "#a4161a"  # and in red
    assert "every" in str(due.data(Qt.ItemDataRole.ToolTipRole)) or "by law" in str(
        due.data(Qt.ItemDataRole.ToolTipRole)
    )


def test_the_letter_and_pictures_open_from_the_visit(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "The child's words")
    by_name("Add a drawing or photo…", QPushButton).click()
    qtbot.waitUntil(lambda: len(app.companions.open_windows) == 1)
    by_name("Back to the visit", QPushButton).click()
    qtbot.waitUntil(lambda: not app.companions.open_windows)
    go_step(app, "Finish")
    by_name("Write the letter to the child", QPushButton).click()
    qtbot.waitUntil(lambda: len(app.companions.open_windows) == 1)
    app.lock_now()  # locking saves and closes the letter window before the vault locks
    qtbot.waitUntil(lambda: not app.unlocked)
    assert not app.companions.open_windows


def type_as_a_person(qtbot: QtBot, text: str) -> None:
    """Each key to whichever box has the focus then, as typing does."""
    for character in text:
        qtbot.keyClick(QApplication.focusWidget(), character)


def test_a_new_childs_date_of_birth_is_typed_in_one_go(unlocked, qtbot: QtBot) -> None:
    """Day, month and year boxes: "14/03/2016" typed straight through lands as 14 March 2016. Nothing is
    filled in for the worker (a date field that starts at today made every untouched child a newborn)."""
    app, _ = unlocked

    def add(name: str, typed: str | None, refused: str = "Give the date of birth") -> Child:
        dialog = app.caseload.add_child()
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
        qtbot.keyClicks(dialog.full_name, name)
        by_name("Save", QPushButton, root=dialog).click()
        assert dialog.isVisible() and refused in dialog.error.text()
        if typed is None:
            dialog.birthday_unknown.setChecked(True)
        else:
            dialog.birthday.day.setFocus()
            type_as_a_person(qtbot, typed)
        save(qtbot, dialog)
        qtbot.waitUntil(lambda: app.child.child is not None and app.child.child.full_name == name)
        assert app.child.child is not None
        return app.child.child

    assert add("Barnaby Quell", "14/03/2016").date_of_birth == date(2016, 3, 14)
    assert add("Wren Tallis", "4 mar 2019").date_of_birth == date(2019, 3, 4)
    assert add("Cosmo Fairweather", "07112012").date_of_birth == date(2012, 11, 7)  # full boxes move on
    assert add("Perpetua Ashgrove", None).date_of_birth is None
    dialog = app.caseload.add_child()
    qtbot.keyClicks(dialog.full_name, "Ione Marchbank")
    dialog.birthday.set_date(date(2016, 2, 1))
    dialog.birthday.day.setText("31")  # 31 February
    by_name("Save", QPushButton, root=dialog).click()
    assert dialog.isVisible() and "not a real date" in dialog.error.text()


def test_child_dialog_sets_the_visiting_rule_and_start(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.child.child_id == data["child_id"])
    dialog = app.child.edit_child()
    assert dialog is not None
    status = by_name("Legal status", QComboBox, root=dialog)
    rule = by_name("Visiting rule", QComboBox, root=dialog)
    assert rule.currentText() == "Child in need"  # the usual rule for the status
    status.setCurrentIndex(status.findText("Looked after"))
    assert rule.currentText().startswith("Looked after: first year")  # follows the status
    by_name("No start date yet", QCheckBox, root=dialog).click()
    by_name("Save", QPushButton, root=dialog).click()  # ticked off, but no date given
    assert dialog.isVisible() and "Give the date the plan or placement started" in dialog.error.text()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    by_name("When the plan or placement started: day", root=dialog).setFocus()
    type_as_a_person(qtbot, "1/9/2026")
    save(qtbot, dialog)
    child = fetch(app, qtbot, lambda context: context.casework.child(data["child_id"]))
    assert child.visiting_rule == "" and child.plan_start == date(2026, 9, 1)
    assert child.legal_status.value == "looked_after"
    dialog = app.child.edit_child()
    assert dialog is not None
    rule = by_name("Visiting rule", QComboBox, root=dialog)
    rule.setCurrentIndex(rule.findData("care_order_at_home"))
    rule.activated.emit(rule.currentIndex())  # as a worker's pick
    save(qtbot, dialog)
    child = fetch(app, qtbot, lambda context: context.casework.child(data["child_id"]))
    assert child.visiting_rule == "care_order_at_home"


def test_step_states_use_words_and_shapes(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    new_visit(app, qtbot, data["child_id"], data["visit_id"])
    steps = by_name("Steps of the visit", QListWidget)
    states = {steps.item(r).data(Qt.ItemDataRole.UserRole) for r in range(steps.count())}
    assert states <= {s.value for s in StepState}
    accessible = steps.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "Before you go: Not yet" and not steps.item(0).icon().isNull()
    assert step_state("Share the last record") == "Not yet"  # this child has had a visit before


def test_a_first_visit_has_no_last_record_to_share(unlocked, qtbot: QtBot) -> None:
    """Not a tick for "Done", which would read as if something had been shared with the family."""
    app, _ = unlocked
    child = Child(full_name="Ottoline Brackenbury", known_as="Otti", date_of_birth=date(2016, 3, 9))
    fetch(app, qtbot, lambda context: context.casework.save_child(child))
    new_visit(app, qtbot, child.id, "")
    assert step_state("Share the last record") == "Not needed at a first visit"
    steps = by_name("Steps of the visit", QListWidget)
    share = steps.item(list(Step).index(Step.SHARE_LAST_RECORD))
    assert share.data(Qt.ItemDataRole.UserRole) == StepState.NOT_NEEDED.value and not share.icon().isNull()
    go_step(app, "Finish")
    suggested = app.window.findChild(QLabel, "visitFinishSuggested")
    qtbot.waitUntil(lambda: suggested.isVisible())
    assert "Who is here" in suggested.text() and "Share the last record" not in suggested.text()
    # Time alone is needed to finish: in the list of what is still needed, never also "not required".
    assert "Time alone" not in suggested.text()
    assert "Record whether you saw the child on their own." in app.screens.visit.finish.missing.text()


def test_the_update_letter_opens_from_the_childs_page_and_locking_closes_it(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    app.navigator.open_child(data["child_id"])
    qtbot.waitUntil(lambda: app.child.child_id == data["child_id"])
    by_name("Write an update letter…", QPushButton).click()
    qtbot.waitUntil(lambda: len(app.companions.open_windows) == 1)
    dialog, _screen = app.companions.open_windows[0]
    assert dialog.objectName() == "updateLetterWindow" and dialog.isVisible()
    app.lock_now()
    qtbot.waitUntil(lambda: not app.unlocked)
    assert not app.companions.open_windows


def test_share_the_last_record_names_the_visit_shown_and_confirms_the_pin(unlocked, qtbot: QtBot) -> None:
    app, data = unlocked
    visit_id = new_visit(app, qtbot, data["child_id"], data["visit_id"])
    go_step(app, "Share the last record")
    which = app.window.findChild(QLabel, "visitLastRecordWhich")
    pin_state = app.window.findChild(QLabel, "visitFamilyPinSaved")
    show = by_name("Show the family the last record", QPushButton, root=app.screens.visit)
    # The earlier visit is a draft: never shown to a family, so nothing is offered and the page names it.
    draft = "The visit on Wednesday 4 March 2026 is still a draft, so it cannot be shown."
    qtbot.waitUntil(lambda: which.text().startswith(draft))
    assert which.isVisible() and which.text() == draft + (
        " Complete it first, or tell the family what you remember of it."
    )
    assert not show.isVisible() and not pin_state.isVisible()

    def complete_the_first(context) -> None:  # type: ignore[no-untyped-def]
        first = context.casework.visit(data["visit_id"])
        context.casework.save_visit(replace(first, status=VisitStatus.COMPLETED))

    fetch(app, qtbot, complete_the_first)
    app.navigator.open_visit(visit_id, data["child_id"], Step.SHARE_LAST_RECORD.value)
    qtbot.waitUntil(lambda: "Wednesday 4 March 2026" in which.text() and "draft" not in which.text())
    assert which.text() == "The family will see the record of the visit on Wednesday 4 March 2026."
    assert show.isVisible()
    # Whether a PIN is set is said when the page opens, and stays said.
    qtbot.waitUntil(lambda: pin_state.text().startswith("No PIN is set yet"))  # read off the UI thread
    assert pin_state.isVisible()
    pin_button = by_name("Choose a PIN for closing it", QPushButton, root=app.screens.visit)
    pin_button.click()
    dialog = dialog_open(qtbot)
    by_name("Cancel", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert pin_state.isVisible() and pin_state.text().startswith("No PIN is set yet")  # Cancel hides nothing
    # Choosing the PIN that closes the family screen says it was saved (it used to close without a word).
    pin_button.click()
    dialog = dialog_open(qtbot)
    qtbot.keyClicks(by_name("New PIN", QLineEdit, root=dialog), "2580")
    qtbot.keyClicks(by_name("The same PIN again", QLineEdit, root=dialog), "2581")
    by_name("Save", QPushButton, root=dialog).click()
    assert dialog.isVisible() and "not the same" in dialog.error.text()
    first = by_name("New PIN", QLineEdit, root=dialog)
    again = by_name("The same PIN again", QLineEdit, root=dialog)
    assert first.text() == again.text() == "" and first.hasFocus()  # both typed afresh, from the first
    qtbot.keyClicks(first, "2580")
    qtbot.keyClicks(again, "2580")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: pin_state.text().startswith("PIN saved."))
    assert pin_state.isVisible()
    assert fetch(app, qtbot, lambda context: family_service(context).has_exit_pin())
    # Another visit says that a PIN is set, not that one was just saved.
    other = new_visit(app, qtbot, data["child_id"], visit_id)
    go_step(app, "Share the last record")
    set_already = (
        "A PIN is set for leaving the family screen. It closes with that PIN, or with your passphrase."
    )
    # read off the UI thread: until then the page says in general how the family screen closes
    qtbot.waitUntil(lambda: app.visit.visit_id == other and pin_state.text() == set_already)
    assert pin_state.isVisible()
    # Cancel on the PIN dialog leaves that said too.
    pin_button.click()
    dialog = dialog_open(qtbot)
    by_name("Cancel", QPushButton, root=dialog).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert pin_state.isVisible() and pin_state.text().startswith("A PIN is set")


def test_the_share_step_names_a_visit_earlier_the_same_day_by_its_time(qtbot: QtBot) -> None:
    page = ShareLastRecordPage()
    qtbot.addWidget(page)
    this = datetime(2026, 3, 18, 15, 0)
    page.show_shared(False, True, datetime(2026, 3, 18, 10, 30), this, today=date(2026, 3, 18))
    assert page.which.text() == "The family will see the record of the visit at 10:30 this morning."
    page.show_shared(False, True, datetime(2026, 3, 18, 13, 5), this, today=date(2026, 3, 18))
    assert page.which.text() == "The family will see the record of the visit at 13:05 this afternoon."
    page.show_shared(False, True, datetime(2026, 3, 18, 10, 30), this, today=date(2026, 3, 25))
    assert (
        page.which.text()
        == "The family will see the record of the visit on Wednesday 18 March 2026 at 10:30."
    )
    page.show_shared(False, True, datetime(2026, 3, 4, 10, 30), this, today=date(2026, 3, 18))
    assert page.which.text() == "The family will see the record of the visit on Wednesday 4 March 2026."
    # A newer draft is named, and the older record is the one shown instead.
    page.show_facts(True, datetime(2026, 3, 18, 9, 0))
    assert page.which.text() == (
        "The visit at 09:00 this morning is still a draft, so it cannot be shown. "
        "The family will see the record of the visit on Wednesday 4 March 2026 instead."
    )


def test_a_signed_off_visit_says_what_is_true_now_of_the_visits_before(qtbot: QtBot) -> None:
    """What was shown at the time is not kept, so a signed-off visit says how the visits before it stand."""
    page = ShareLastRecordPage()
    qtbot.addWidget(page)
    this = datetime(2026, 3, 18, 15, 0)
    page.show_shared(True, True, datetime(2026, 3, 4, 10), this, signed_off=True)
    assert (
        page.which.text()
        == "The last completed visit before this one is the visit on Wednesday 4 March 2026."
    )
    page.show_facts(False, datetime(2026, 3, 11, 10))
    page.show_shared(False, True, None, this, signed_off=True)
    assert page.which.text() == "The visit on Wednesday 11 March 2026 is still a draft."
    page.show_facts(False, None)
    assert page.which.text() == ("No visit before this one is completed.")


def test_before_you_go_asks_for_ticks_only_when_there_is_something_to_tick(qtbot: QtBot) -> None:
    from ui.views.visit.before import BeforeYouGoPage
    from visitapp.domain.visit_record import Action

    page = BeforeYouGoPage()
    qtbot.addWidget(page)
    page.show()
    page.show_open_actions([])
    assert page.no_actions.isVisible() and not page.tick_hint.isVisible()
    page.show_open_actions([Action(child_id="c", visit_id="v", who="Nanna Jo", what="Book the dentist")])
    assert page.tick_hint.isVisible() and not page.no_actions.isVisible()
    assert "Tick" not in page.hint.text()  # the page's own hint never asks for a tick there is not
