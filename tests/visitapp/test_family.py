"""Sharing the last record with the family, and keeping what they say beside it, on a real vault."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from PIL import Image

from tests.helpers.vaults import PASSPHRASE
from visitapp.casework import Casework
from visitapp.domain.family import AnswerKind, Verdict
from visitapp.domain.models import Child, Person, Visit
from visitapp.domain.visit_record import Action, ObservationArea, SafetyCategory, SafetyEntry, TimeAlone
from visitapp.family import FamilyError, FamilyService
from visitapp.media import prepare_capture
from visitapp.paths import VaultPaths
from visitapp.pictures import Consent, PictureDetails, Pictures, Source
from visitapp.store import db, letters
from visitapp.vault import OpenVault, UnlockThrottled, WrongPassphrase, seconds_until_next_try, unlock_vault
from visitapp.visit_flow import VisitFlow
from visitapp.writing.letters import LetterService


@pytest.fixture
def family(casework: Casework, open_vault: OpenVault) -> FamilyService:
    return FamilyService(casework.conn, casework.worker_id, vault=open_vault)


def _finished_visit(
    casework: Casework, name: str = "Rowan Ashby", when: datetime = datetime(2026, 11, 2, 10)
) -> Visit:
    child = Child(full_name=name, known_as=name.split()[0])
    casework.save_child(child)
    nan = Person(child_id=child.id, name="Josephine Hale", relationship="Nanna Jo")
    casework.save_person(nan)
    visit = Visit(child_id=child.id, starts_at=when, place="at home", purpose="To see your new room.",
                  present_person_ids=[nan.id])  # fmt: skip
    casework.save_visit(visit)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.save_time_alone(visit.id, TimeAlone(seen_alone=True, minutes=15))
    flow.add_quote(visit.id, "I told you a secret about Dad.")
    flow.add_observation(visit.id, ObservationArea.HOME_CONDITIONS, "Your room had a new blue carpet.")
    flow.add_safety_entry(visit.id, SafetyCategory.STRENGTHS, "Nanna Jo walks you to school.")
    flow.add_safety_entry(visit.id, SafetyCategory.HARM, "The police came after a fight next door.")
    flow.save_action(Action(child_id=child.id, visit_id=visit.id, who="Nanna Jo", what="Book the dentist",
                            due_on=date(2026, 11, 20)))  # fmt: skip
    flow.set_next_visit(visit.id, date(2026, 11, 10))
    flow.complete(visit.id)
    return visit


def _signed_off_with_harm_hidden(
    casework: Casework, family: FamilyService
) -> tuple[Visit, VisitFlow, SafetyEntry]:
    """A finished visit, its "police came" worry marked not for the family, signed off with no letter (as
    visits were before sign-off wrote one)."""
    visit = _finished_visit(casework)
    flow = VisitFlow(casework.conn, casework.worker_id)
    harm = flow.open(visit.id).safety[1]
    family.mark_shareable("safety_entries", harm.id, False)
    flow.sign_off(visit.id)
    return visit, flow, harm


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_shared_record_holds_only_what_may_be_shared(casework: Casework, family: FamilyService) -> None:
    visit = _finished_visit(casework)
    other = _finished_visit(casework, "Juniper Vale")
    flow = VisitFlow(casework.conn, casework.worker_id)
    harm = flow.open(visit.id).safety[1]
    family.mark_shareable("safety_entries", harm.id, False)  # third-party information: not for the family
    pictures = Pictures(casework.conn, casework.worker_id)
    shown = pictures.add(visit.id, prepare_capture(_png("red"), "drawing"), Source.DRAWING,
                         PictureDetails("my room", consent=Consent(True, True, False)))  # fmt: skip
    pictures.add(visit.id, prepare_capture(_png("blue"), "drawing"), Source.DRAWING,
                 PictureDetails("just for you", consent=Consent(True, False, False)))  # fmt: skip

    shared = family.shared_record(visit.id)
    text = repr(shared)
    assert shared.child_name == "Rowan" and shared.who_was_there == ["Josephine Hale (Nanna Jo)"]
    assert "new blue carpet" in text and "walks you to school" in text and "Book the dentist" in text
    assert "fight next door" not in text  # marked not for sharing
    assert "secret about Dad" not in text  # the child's words reach the family only through the letter
    assert "Juniper" not in text and other.id not in text
    assert [p.picture_id for p in shared.pictures] == [shown.id]
    assert family.not_shared(visit.id) == {harm.id}


def test_the_record_to_share_is_the_last_completed_visit(casework: Casework, family: FamilyService) -> None:
    first = _finished_visit(casework)
    today = Visit(child_id=first.child_id, starts_at=datetime(2026, 11, 16, 10))
    casework.save_visit(today)
    assert family.record_to_share(first.child_id, before=today.starts_at) == first.id
    assert family.record_to_share(first.child_id, before=first.starts_at) is None


def test_a_draft_is_never_the_record_to_share(casework: Casework, family: FamilyService) -> None:
    first = _finished_visit(casework)
    draft = Visit(child_id=first.child_id, starts_at=datetime(2026, 11, 9, 10))
    casework.save_visit(draft)
    today = Visit(child_id=first.child_id, starts_at=datetime(2026, 11, 16, 10))
    casework.save_visit(today)
    assert family.record_to_share(first.child_id, before=today.starts_at) == first.id
    assert family.record_to_share(first.child_id) == first.id  # the last completed one ever
    last = family.last_visit_before(first.child_id, today.starts_at)
    assert last is not None and last.id == draft.id  # the one the family will ask about: still a draft


def test_the_record_to_share_may_be_from_earlier_the_same_day(
    casework: Casework, family: FamilyService
) -> None:
    morning = _finished_visit(casework, when=datetime(2026, 11, 2, 9, 30))
    afternoon = Visit(child_id=morning.child_id, starts_at=datetime(2026, 11, 2, 14))
    casework.save_visit(afternoon)
    assert family.record_to_share(morning.child_id, before=afternoon.starts_at) == morning.id
    # Never the visit itself, nor one in the same minute, even a moment into it.
    assert family.record_to_share(morning.child_id, before=datetime(2026, 11, 2, 9, 30, 40)) is None
    last = family.last_visit_before(morning.child_id, afternoon.starts_at)
    assert last is not None and last.id == morning.id
    assert family.last_visit_before(morning.child_id, morning.starts_at) is None


def test_the_record_to_share_is_only_ever_of_this_child(casework: Casework, family: FamilyService) -> None:
    mine = _finished_visit(casework, when=datetime(2026, 11, 2, 10))
    theirs = _finished_visit(casework, "Juniper Vale", when=datetime(2026, 11, 9, 10))
    assert family.record_to_share(mine.child_id, before=datetime(2026, 11, 16, 10)) == mine.id
    assert family.record_to_share(theirs.child_id, before=datetime(2026, 11, 2, 10)) is None


def test_a_response_sits_beside_the_record(casework: Casework, family: FamilyService) -> None:
    record = _finished_visit(casework)
    today = Visit(child_id=record.child_id, starts_at=datetime(2026, 11, 16, 10))
    casework.save_visit(today)
    before = VisitFlow(casework.conn, casework.worker_id).open(record.id)
    words = "  The carpet is green, not blue!  "
    response = family.add_response(record.id, Verdict.WRONG_OR_MISSING, "Nanna Jo", words, today.id)
    assert family.shared_record(record.id).responses[0].words == "  The carpet is green, not blue!  "
    after = VisitFlow(casework.conn, casework.worker_id).open(record.id)
    assert after.observations == before.observations  # the record itself is unchanged
    response.words = "The carpet is green."
    family.edit_response(response)  # still during today's visit
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.save_time_alone(today.id, TimeAlone(seen_alone=True, minutes=5))
    flow.set_next_visit(today.id, date(2026, 11, 20))
    flow.complete(today.id)
    response.words = "Changed later"
    with pytest.raises(FamilyError, match="cannot be changed"):
        family.edit_response(response)
    with pytest.raises(FamilyError, match="stays in the record"):
        family.remove_response(response.id)
    with pytest.raises(db.DatabaseError):
        casework.conn.execute("UPDATE family_responses SET words = 'x'")


def test_a_correction_after_sign_off_is_a_linked_amendment(casework: Casework, family: FamilyService) -> None:
    record = _finished_visit(casework)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.sign_off(record.id)
    response = family.add_response(record.id, Verdict.WRONG_OR_MISSING, "Nanna Jo", "The carpet is green.")
    assert [r.id for r in family.responses_for_child(record.child_id, unanswered_only=True)] == [response.id]
    assert [row.unanswered_responses for row in flow.caseload(date(2026, 11, 16))] == [1]
    with pytest.raises(FamilyError, match="amendment"):
        family.answer(response.id, AnswerKind.CHANGED, "I corrected the colour.")
    answered = family.answer(response.id, AnswerKind.CHANGED, "I corrected the colour.",
                             amendment=("What I saw", "Your room had a new green carpet."))  # fmt: skip
    amendments = flow.open(record.id).amendments
    assert answered.amendment_id == amendments[0].id and "Nanna Jo told us" in amendments[0].reason
    assert family.responses_for_child(record.child_id, unanswered_only=True) == []
    assert [row.unanswered_responses for row in flow.caseload(date(2026, 11, 16))] == [0]
    with pytest.raises(FamilyError, match="answered"):
        family.answer(response.id, AnswerKind.KEPT, "Second thoughts.")


def test_keeping_the_record_needs_a_reason(casework: Casework, family: FamilyService) -> None:
    record = _finished_visit(casework)
    response = family.add_response(record.id, Verdict.DISAGREE, "Dad", "I was never shouting.")
    with pytest.raises(FamilyError, match="why you kept"):
        family.answer(response.id, AnswerKind.KEPT, "  ")
    assert family.answer(
        response.id, AnswerKind.KEPT, "Two neighbours and the school said the same."
    ).answered
    with pytest.raises(FamilyError, match="who is speaking"):
        family.add_response(record.id, Verdict.AGREE, " ", "")
    with pytest.raises(FamilyError, match="in their words"):
        family.add_response(record.id, Verdict.DISAGREE, "Mum", "")


def test_leaving_the_family_view_needs_the_pin_or_the_passphrase(family: FamilyService) -> None:
    for bad in ("12", "abcd", "1111", "123456789"):
        with pytest.raises(FamilyError):
            family.set_exit_pin(bad)
    family.set_exit_pin("2580")
    assert family.check_exit("2580") and family.check_exit(PASSPHRASE)
    assert not family.check_exit("0000") and not family.check_exit("wrong words here")
    for _ in range(4):
        family.check_exit("9999")  # with "0000", five wrong PINs (the wrong passphrase was not one)
    assert not family.pin_still_accepted() and not family.check_exit("2580")  # five wrong: PIN no longer
    assert family.check_exit(PASSPHRASE) and family.check_exit("2580")  # the passphrase restores it


def test_the_audit_trail_records_sharing_without_content(casework: Casework, family: FamilyService) -> None:
    record = _finished_visit(casework)
    family.shared_record(record.id)
    family.add_response(record.id, Verdict.AGREE, "Mum", "Yes that's right")
    rows = repr(casework.conn.execute("SELECT action, entity_id FROM audit").fetchall())
    assert "record.shared_with_family" in rows and "family_response.added" in rows
    assert "that's right" not in rows and "Mum" not in rows


def test_a_response_waits_in_the_outbox_to_reach_the_office(
    casework: Casework, family: FamilyService
) -> None:
    record = _finished_visit(casework)
    response = family.add_response(record.id, Verdict.AGREE, "Mum", "")
    queued = casework.conn.execute(
        "SELECT child_id FROM sync_outbox WHERE record_type = 'family_response' AND record_id = ?",
        (response.id,),
    ).fetchone()
    assert queued == (record.child_id,)


# Amendments, "not for the family", and the way out ---------------------------------------------------------

DIGIT_PASSPHRASE = "480215973306"  # twelve digits: an acceptable passphrase that looks like a PIN


def test_an_amendment_about_a_part_with_a_hidden_entry_is_not_shared(
    casework: Casework, family: FamilyService
) -> None:
    visit, flow, harm = _signed_off_with_harm_hidden(casework, family)
    flow.amend(visit.id, "signs_of_safety", "The fight next door was at number 14.", "Wrong house number.")
    flow.amend(visit.id, "what_i_saw", "Your room had a new green carpet.", "I wrote the wrong colour.")
    flow.amend(visit.id, "childs_words", "The secret about Dad was about his new job.", "Misheard.")
    flow.amend(visit.id, "notes", "Private: check with the police.", "Forgot.")
    flow.amend(visit.id, "no such part", "Something else.", "Unknown.")
    shared = family.shared_record(visit.id)
    assert [a.text for a in shared.amendments] == ["Your room had a new green carpet."]
    assert "number 14" not in repr(shared) and "new job" not in repr(shared) and "police" not in repr(shared)
    family.mark_shareable("safety_entries", harm.id, True)  # nothing hidden in that part any more
    assert [a.part for a in family.shared_record(visit.id).amendments] == ["signs_of_safety", "what_i_saw"]
    seen = flow.open(visit.id).observations[0]
    family.mark_shareable("observations", seen.id, False)
    assert [a.part for a in family.shared_record(visit.id).amendments] == ["signs_of_safety"]


def test_a_hidden_scale_hides_amendments_to_the_safety_map(casework: Casework, family: FamilyService) -> None:
    visit = _finished_visit(casework)
    flow = VisitFlow(casework.conn, casework.worker_id)
    scale = flow.add_scale(visit.id, "Mr Okafor next door", 3, "He hears shouting at night.")
    family.mark_shareable("scale_ratings", scale.id, False)
    flow.sign_off(visit.id)
    response = family.add_response(visit.id, Verdict.WRONG_OR_MISSING, "Nanna Jo", "That is not right.")
    family.answer(response.id, AnswerKind.CHANGED, "Corrected.",
                  amendment=("signs_of_safety", "Mr Okafor gave a 4, not a 3."))  # fmt: skip
    other = family.add_response(visit.id, Verdict.WRONG_OR_MISSING, "Nanna Jo", "The carpet is green.")
    family.answer(other.id, AnswerKind.CHANGED, "Corrected.",
                  amendment=("What I saw", "Your room had a new green carpet."))  # fmt: skip
    shared = family.shared_record(visit.id)
    assert [a.text for a in shared.amendments] == ["Your room had a new green carpet."]
    assert "Okafor" not in repr(shared.amendments)


def test_wrong_passphrases_at_the_exit_meet_the_unlock_delay(
    family: FamilyService, vault_paths: VaultPaths
) -> None:
    for _ in range(3):
        assert not family.check_exit("wrong words here")
    assert seconds_until_next_try(vault_paths) > 0  # the same count the unlock screen keeps, beside the vault
    with pytest.raises(FamilyError, match="wait") as caught:
        family.check_exit(PASSPHRASE)  # refused unchecked while the delay is due
    assert 0 < getattr(caught.value, "seconds", 0) <= 2
    with pytest.raises(UnlockThrottled):
        unlock_vault(vault_paths, PASSPHRASE)  # and the unlock screen (after a restart too) waits as well


def test_the_right_passphrase_at_the_exit_clears_the_count(
    family: FamilyService, vault_paths: VaultPaths
) -> None:
    for _ in range(2):
        assert not family.check_exit("wrong words here")
    assert vault_paths.attempts_file.exists()
    assert family.check_exit(PASSPHRASE)
    assert not vault_paths.attempts_file.exists() and seconds_until_next_try(vault_paths) == 0


def test_a_wrong_unlock_counts_at_the_exit(family: FamilyService, vault_paths: VaultPaths) -> None:
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_paths, "wrong words here")
    with pytest.raises(FamilyError, match="wait"):
        family.check_exit(PASSPHRASE)


def test_the_pin_still_works_while_the_passphrase_waits(
    family: FamilyService, vault_paths: VaultPaths
) -> None:
    family.set_exit_pin("2580")
    for _ in range(3):
        assert not family.check_exit("wrong words here")
    assert family.pin_still_accepted()  # a wrong passphrase is not a wrong PIN
    assert family.check_exit("2580")
    with pytest.raises(FamilyError, match="wait"):
        family.check_exit("1111")  # not the PIN, and the passphrase may not be tried yet
    for _ in range(4):
        with pytest.raises(FamilyError, match="wait"):
            family.check_exit("1111")
    assert not family.pin_still_accepted()  # each of those was one wrong PIN: five, so only the passphrase


def test_an_all_digit_passphrase_opens_the_exit_while_a_pin_is_set(
    family: FamilyService, open_vault: OpenVault, vault_paths: VaultPaths
) -> None:
    open_vault.change_passphrase(PASSPHRASE, DIGIT_PASSPHRASE, DIGIT_PASSPHRASE)
    family.set_exit_pin("2580")
    assert family.check_exit(DIGIT_PASSPHRASE)
    # A wrong all-digit try is one wrong PIN, and not also a wrong passphrase.
    assert not family.check_exit("1111")
    assert not vault_paths.attempts_file.exists()
    for _ in range(4):
        assert not family.check_exit("1111")
    assert not family.pin_still_accepted()
    assert not family.check_exit("2580")  # now only the passphrase: a wrong one counts as one
    assert vault_paths.attempts_file.exists()
    assert family.check_exit(DIGIT_PASSPHRASE) and family.pin_still_accepted()


def test_a_visit_signed_off_without_a_letter_shows_the_family_the_letter_the_worker_sees(
    casework: Casework, family: FamilyService
) -> None:
    visit, _flow, _harm = _signed_off_with_harm_hidden(casework, family)  # as before sign-off wrote letters
    assert letters.get_letter(casework.conn, visit.id) is None

    shared = family.shared_record(visit.id)
    worker_sees = LetterService(casework.conn, casework.worker_id).open(visit.id).text
    assert shared.letter == worker_sees and shared.letter.startswith("Dear Rowan")
    assert "blue carpet" in shared.letter and "fight next door" not in shared.letter
    assert letters.get_letter(casework.conn, visit.id) is None  # still not stored


def test_a_score_reads_as_sentences_on_the_family_screen(casework: Casework, family: FamilyService) -> None:
    visit = _finished_visit(casework)
    flow = VisitFlow(casework.conn, casework.worker_id)
    flow.add_scale(visit.id, "you", 4, "because it is calmer now")
    flow.add_scale(visit.id, "Nanna Jo", 7)
    scores = [i.text for i in family.shared_record(visit.id).items if i.heading == "Scores out of 10"]
    assert scores == ["You: 4 out of 10. Because it is calmer now", "Nanna Jo: 7 out of 10."]
