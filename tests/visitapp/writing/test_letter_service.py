"""The letter service over a real vault: composed once, edits kept, quotes remembered, locked at sign-off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.visitapp.writing.letter_vault import four_pictures, record_rowan
from visitapp.casework import Casework
from visitapp.domain.visit_record import Action
from visitapp.family import FamilyService
from visitapp.store import letters
from visitapp.store.audit import entries_for
from visitapp.visit_flow import VisitFlow
from visitapp.writing import findings as kinds
from visitapp.writing.letters import LetterError, LetterService


def test_open_composes_once_and_remembers_the_quotes_it_used(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    service = LetterService(casework.conn, casework.worker_id)
    session = service.open(visit_id)
    stored = letters.get_letter(casework.conn, visit_id)
    assert stored is not None and stored.text == session.text
    assert len(session.inserted_quote_ids) == 2 == len(stored.quote_ids)
    assert "I want to go back to football on Saturdays" in session.recorded_quotes
    service.save(visit_id, session.text + "\nA line I added.")
    again = service.open(visit_id)  # not composed again: the worker's edit stays
    assert again.text.endswith("A line I added.")
    actions = [entry.action for entry in entries_for(casework.conn, visit_id)]
    assert actions.count("letter.composed") == 1 and "letter.edited" in actions


def test_a_changed_quote_is_found_with_the_recorded_words(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    session = LetterService(casework.conn, casework.worker_id).open(visit_id)
    tidied = session.text.replace("football on Saturdays", "football every Saturday")
    changed = [f for f in session.check(tidied).findings if f.kind == kinds.CHANGED_QUOTE]
    assert [f.suggestion for f in changed] == ["I want to go back to football on Saturdays"]
    assert not [f for f in session.check(session.text).findings if f.kind == kinds.CHANGED_QUOTE]


def test_pictures_only_with_consent_and_consent_is_checked_again(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    source = four_pictures()
    service = LetterService(casework.conn, casework.worker_id, source)
    session = service.open(visit_id)
    assert [p.id for p in session.pictures if p] == ["pic-0", "pic-1", "pic-2", "pic-3"]
    assert "picture number 4" not in session.text  # the child said no to this one
    assert sorted(session.images_by_number(session.text)) == [1, 2, 3, 4]
    source.pictures[2] = source.pictures[2].__class__("pic-2", "picture number 2 that I made", "child", False)
    later = service.open(visit_id)  # the child changed their mind about picture 3
    assert later.pictures[2] is None and sorted(later.images_by_number(later.text)) == [1, 2, 4]


def test_signed_off_letter_is_locked(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    service = LetterService(casework.conn, casework.worker_id)
    service.open(visit_id)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.complete(visit_id)
    flow.sign_off(visit_id)
    assert service.open(visit_id).locked
    with pytest.raises(LetterError):
        service.save(visit_id, "changed")
    with pytest.raises(LetterError):
        service.recompose(visit_id)
    with pytest.raises(Exception, match="signed off"):
        letters.save_text(casework.conn, visit_id, "changed behind the service's back")


def test_a_visit_signed_off_before_its_letter_was_opened_still_has_one(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    service = LetterService(casework.conn, casework.worker_id)
    VisitFlow(casework.conn, casework.worker_id).complete(visit_id)
    service.sign_off(visit_id)
    session = service.open(visit_id)  # read and exported, not written
    assert session.locked and session.text.startswith("Dear ")
    actions = [entry.action for entry in entries_for(casework.conn, visit_id)]
    assert actions.index("letter.composed") < actions.index("visit.signed_off")


def test_a_visit_signed_off_without_a_letter_opens_one_that_is_read_and_exported_not_stored(
    casework: Casework, tmp_path: Path
) -> None:
    """Visits signed off before sign-off wrote the letter have none: opening one composes it from the locked
    record, to read and export, but stores nothing and queues nothing to sync (each laptop would otherwise
    send its own first version, and the signed-off visit could never settle which stands)."""
    visit_id = record_rowan(casework, casework.conn)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.complete(visit_id)
    flow.sign_off(visit_id)  # as the visit screen did before: no letter written
    assert letters.get_letter(casework.conn, visit_id) is None
    outbox_before = _outbox(casework)
    service = LetterService(casework.conn, casework.worker_id, four_pictures())
    session = service.open(visit_id)
    assert session.locked and session.text.startswith("Dear ")
    assert "I want to go back to football on Saturdays" in session.text
    assert len(session.inserted_quote_ids) == 2
    assert sorted(session.images_by_number(session.text)) == [1, 2, 3, 4]
    assert service.open(visit_id).text == session.text
    with pytest.raises(LetterError):
        service.save(visit_id, session.text + "\nA line I added.")
    with pytest.raises(LetterError):
        service.recompose(visit_id)
    path = service.export_pdf(session, session.text, tmp_path)
    assert path.read_bytes().startswith(b"%PDF")
    assert letters.get_letter(casework.conn, visit_id) is None
    assert _outbox(casework) == outbox_before
    actions = [entry.action for entry in entries_for(casework.conn, visit_id)]
    assert "letter.composed" not in actions and "letter.exported_without_password" in actions


def _outbox(casework: Casework) -> list[tuple[str, str]]:
    return casework.conn.execute("SELECT record_type, record_id FROM sync_outbox ORDER BY 1, 2").fetchall()


def test_signing_off_keeps_the_letter_the_worker_wrote(casework: Casework) -> None:
    visit_id = record_rowan(casework, casework.conn)
    service = LetterService(casework.conn, casework.worker_id)
    session = service.open(visit_id)
    service.save(visit_id, session.text + "\nSee you soon.")
    VisitFlow(casework.conn, casework.worker_id).complete(visit_id)
    service.sign_off(visit_id)
    assert service.open(visit_id).text.endswith("See you soon.")


def test_what_is_not_for_the_family_stays_out_of_the_letter_and_of_the_family_screen(
    casework: Casework,
) -> None:
    """The letter is read at home and shown to the family with the record: an entry marked not for the family
    is left out of a letter written after the mark, and out of the family screen's copy of one written
    before it."""
    visit_id = record_rowan(casework, casework.conn)
    flow = VisitFlow(casework.conn, casework.worker_id)
    entry = flow.open(visit_id).safety[0]
    family = FamilyService(casework.conn, casework.worker_id)
    service = LetterService(casework.conn, casework.worker_id)
    before = service.open(visit_id).text  # written before the mark
    assert entry.text in before

    family.mark_shareable("safety_entries", entry.id, False)
    assert entry.text not in family.shared_record(visit_id).letter  # type: ignore[operator]
    kept = [paragraph for paragraph in before.split("\n\n") if entry.text not in paragraph]
    assert family.shared_record(visit_id).letter == "\n\n".join(kept)  # only that paragraph goes
    assert entry.text not in service.recompose(visit_id).text  # written after it


def test_a_hidden_action_is_dropped_from_the_family_screens_letter(casework: Casework) -> None:
    """The letter writes an action without its leading "To" ("Your Mum will ring the school..."): the family
    screen finds it all the same."""
    visit_id = record_rowan(casework, casework.conn)
    flow = VisitFlow(casework.conn, casework.worker_id)
    child_id = flow.open(visit_id).child.id
    what = "To ring the school about the bullying"
    action = Action(child_id=child_id, visit_id=visit_id, who="Mum", what=what)
    flow.save_action(action)
    service = LetterService(casework.conn, casework.worker_id)
    assert "ring the school about the bullying" in service.open(visit_id).text
    family = FamilyService(casework.conn, casework.worker_id)
    family.mark_shareable("actions", action.id, False)
    assert "ring the school" not in (family.shared_record(visit_id).letter or "")
