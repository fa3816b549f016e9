"""What the family said, from the child's page: shared from there, answered there, a correction linked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.family.conftest import OTHER_CHILD
from tests.ui.family.test_family_view import family_view
from tests.ui.uikit import all_text, by_name, fetch
from ui.controllers.app_controller import AppController
from ui.family.answer_dialog import AnswerDialog
from ui.store_worker import StoreContext
from visitapp.domain.family import AnswerKind, FamilyResponse, Verdict
from visitapp.domain.visit_record import TimeAlone
from visitapp.family import FamilyError, FamilyService


def _family(context: StoreContext) -> FamilyService:
    return FamilyService(context.casework.conn, context.casework.worker_id)


def _open_child(app: AppController, qtbot: QtBot, child_id: str) -> None:
    app.navigator.open_child(child_id)
    qtbot.waitUntil(lambda: app.child.child_id == child_id, timeout=5000)


def test_the_family_view_opens_from_the_childs_page_and_keeps_a_response(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    _open_child(app, qtbot, family_vault["child_id"])
    by_name("Show the family the last record", QAbstractButton).click()
    qtbot.waitUntil(lambda: family_view() is not None, timeout=5000)
    view = family_view()
    assert view is not None
    assert "new blue carpet" in all_text() and OTHER_CHILD[0] not in all_text()
    by_name("Is this right? Tell us what you think", QAbstractButton, view).click()
    by_name("Something is wrong or missing", QAbstractButton, view).click()
    by_name("Keep what we said", QAbstractButton, view).click()
    qtbot.waitUntil(lambda: view.response.error.isVisible(), timeout=5000)
    assert "who is speaking" in view.response.error.text()  # the core's own plain words
    by_name("Rowan is speaking", QAbstractButton, view).click()
    by_name("What you want to say", QPlainTextEdit, view).setPlainText("  My carpet is GREEN!  ")
    view.response.save_button.click()
    qtbot.waitUntil(lambda: view.current_page() is view.thanks, timeout=5000)
    kept = fetch(app, qtbot, lambda c: _family(c).responses_for_child(family_vault["child_id"]))
    assert [(r.speaker, r.verdict, r.words, r.during_visit_id) for r in kept] == [  # type: ignore[attr-defined]
        ("Rowan", Verdict.WRONG_OR_MISSING, "  My carpet is GREEN!  ", None)
    ]
    record = fetch(app, qtbot, lambda c: c.flow.open(family_vault["last_id"]))
    assert [o.text for o in record.observations] == ["Your room had a new blue carpet."]  # type: ignore[attr-defined]


def test_a_response_cannot_be_changed_once_its_visit_is_completed(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    ids = family_vault
    response = fetch(app, qtbot, lambda c: _family(c).add_response(
        ids["last_id"], Verdict.DISAGREE, "Dad", "I was not there.", ids["today_id"]))  # fmt: skip
    assert isinstance(response, FamilyResponse)

    def complete_today(context: StoreContext) -> None:
        flow = context.flow
        flow.save_time_alone(ids["today_id"], TimeAlone(seen_alone=True, minutes=10))
        flow.set_next_visit(ids["today_id"], flow.open(ids["today_id"]).visit.starts_at.date())
        flow.complete(ids["today_id"])

    fetch(app, qtbot, complete_today)
    response.words = "Changed afterwards"

    def edit(context: StoreContext) -> str:
        try:
            _family(context).edit_response(response)
        except FamilyError as exc:
            return str(exc)
        return "edited"

    assert "cannot be changed" in str(fetch(app, qtbot, edit))
    kept = fetch(app, qtbot, lambda c: _family(c).responses_for_child(ids["child_id"]))
    assert [r.words for r in kept] == ["I was not there."]  # type: ignore[attr-defined]


def test_a_correction_is_an_amendment_linked_to_the_response(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot
) -> None:
    ids = family_vault
    fetch(app, qtbot, lambda c: c.flow.sign_off(ids["last_id"]))
    response = fetch(app, qtbot, lambda c: _family(c).add_response(
        ids["last_id"], Verdict.WRONG_OR_MISSING, "Nanna Jo", "The carpet is green."))  # fmt: skip
    assert isinstance(response, FamilyResponse)
    _open_child(app, qtbot, ids["child_id"])
    said = by_name("What the family said about your records", QListWidget)
    assert said.count() == 1 and "Waiting for your answer" in said.item(0).text()
    said.setCurrentRow(0)
    by_name("Answer what they said", QAbstractButton).click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AnswerDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AnswerDialog)
    by_name("I changed the record", QAbstractButton, dialog).click()
    by_name("What I changed, or why I kept it", QPlainTextEdit, dialog).setPlainText(
        "I put the colour right."
    )
    dialog.part.setCurrentIndex(dialog.part.findData("what_i_saw"))
    by_name("The corrected words", QPlainTextEdit, dialog).setPlainText("Your room had a new green carpet.")
    by_name("Save", QAbstractButton, dialog).click()
    qtbot.waitUntil(lambda: "Answered: I put the colour right." in said.item(0).text(), timeout=5000)
    answered = fetch(app, qtbot, lambda c: _family(c).responses_for_child(ids["child_id"]))[0]  # type: ignore[index]
    record = fetch(app, qtbot, lambda c: c.flow.open(ids["last_id"]))
    amendment = record.amendments[0]  # type: ignore[attr-defined]
    assert answered.answer_kind is AnswerKind.CHANGED and answered.amendment_id == amendment.id
    assert amendment.text == "Your room had a new green carpet." and "Nanna Jo told us" in amendment.reason
    assert [o.text for o in record.observations] == ["Your room had a new blue carpet."]  # type: ignore[attr-defined]


def test_the_caseload_shows_a_response_waiting_for_an_answer(
    app: AppController, family_vault: dict[str, str], qtbot: QtBot, qtmodeltester
) -> None:
    fetch(app, qtbot, lambda c: _family(c).add_response(
        family_vault["last_id"], Verdict.DISAGREE, "Dad", "Not true."))  # fmt: skip
    app.navigator.open_caseload()
    model = app.caseload.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and "1 to answer" in all_text(), timeout=5000)
    column = model.FAMILY
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Family said"
    rows = {model.index(r, model.NAME).data(): model.index(r, column).data() for r in range(2)}
    assert rows == {"Rowan Ashby (Rowan)": "1 to answer", f"{OTHER_CHILD[0]} ({OTHER_CHILD[1]})": ""}
    qtmodeltester.check(model)
