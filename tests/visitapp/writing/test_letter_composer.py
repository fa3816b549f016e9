"""The composer's drafts for two made-up children: snapshots of the text, and the rules each must follow.

To accept a deliberate change to the wording, run with UPDATE_LETTER_SNAPSHOTS=1 and read the diff.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.visitapp.writing.letter_visits import WORKER, pip_visit, rowan_visit
from visitapp.domain.models import Child, Visit
from visitapp.domain.visit_record import NotAloneReason, TimeAlone
from visitapp.domain.visit_steps import VisitRecord
from visitapp.writing import findings as kinds
from visitapp.writing import letter_text as lt
from visitapp.writing.checker import check_letter, max_sentence_words
from visitapp.writing.composer import LetterDraft, compose_letter
from visitapp.writing.composer_phrases import own_word_count
from visitapp.writing.letter_parts import there_sentences
from visitapp.writing.text import sentences

SNAPSHOTS = Path(__file__).parent / "snapshots"
CASES = {"pip_age_6": pip_visit, "rowan_age_15": rowan_visit}


def _draft(case: str) -> tuple[LetterDraft, VisitRecord]:
    record, people, pictures = CASES[case]()
    return compose_letter(record, people, WORKER, pictures), record


@pytest.mark.parametrize("case", sorted(CASES))
def test_draft_matches_its_snapshot(case: str) -> None:
    draft, _ = _draft(case)
    path = SNAPSHOTS / f"{case}.txt"
    if os.environ.get("UPDATE_LETTER_SNAPSHOTS"):
        path.write_text(draft.text, "utf-8")
    assert draft.text == path.read_text("utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_draft_talks_to_the_child_and_is_signed(case: str) -> None:
    draft, record = _draft(case)
    text = draft.text
    assert text.startswith(f"Dear {record.child.display_name},\n")
    assert f"I am {WORKER.full_name}, your social worker." in text
    assert text.rstrip().endswith(
        f"Best wishes,\n{WORKER.full_name}\nSocial Worker, Riverside Children's Team"
    )
    assert re.search(r"\bI came to see you\b", text)
    assert not re.search(r"\b(?:he|she|him|her|his|the child)\b", _without_quotes(text), re.IGNORECASE)
    assert "/" not in text.replace("\u201c", "").split("Best wishes")[0]  # no dates in numbers


def _without_quotes(text: str) -> str:
    return re.sub(r"\u201c[^\u201d]*\u201d", "", text)


def test_pip_quotes_roles_pictures_and_worries() -> None:
    draft, record = _draft("pip_age_6")
    text = draft.text
    assert "Your Granny Reenie, Irene Marlowe, was there." in text  # the child's name for her, then in full
    assert "Mr Dunmore, your class teacher," in text  # named in passing: who he is, at first mention
    assert "\u201cI like my new bed it has stars on\u201d" in text  # exactly as recorded, no tidying
    assert "\u201cI miss Mummy at bedtime\u201d" in text
    assert draft.quote_ids == ("q-bed", "q-miss")
    assert (
        "[Picture 1]\nYou made this picture. You told me, \u201cThis is me and Biscuit the cat\u201d." in text
    )
    assert "secret den" not in text and draft.picture_ids == ("pic-cat",)  # Pip said no to this one
    assert "Mummy has not come to see you for three weeks." in text.split(lt.WORRIES)[1]
    assert "Wednesday 4 March 2026" in text and "Wednesday 18 March 2026" in text
    assert draft.age == 6


def test_pip_sentences_the_composer_wrote_fit_a_six_year_old() -> None:
    draft, record = _draft("pip_age_6")
    limit = max_sentence_words(6)
    typed = [entry.text for entry in record.safety] + [o.text for o in record.observations]
    typed += [record.visit.purpose, "Tamsin Oyelaran-Brook", "Mr Dunmore, your class teacher"]
    for span in sentences(draft.text):
        if not any(words.rstrip(".") in span.text for words in typed):
            assert own_word_count(span.text) <= limit, span.text


def test_rowan_roles_quotes_and_what_happens_next() -> None:
    draft, _ = _draft("rowan_age_15")
    text = draft.text
    assert (
        "Sunita Haldane, your foster carer, and Joel Fairweather, your mentor at the youth club, were there."
        in text
    )
    assert "I did not tell anyone that I was coming this time." in text  # an unannounced visit says so
    assert "I asked, \u201cWhere were you on those nights?\u201d You told me, \u201cI wasn't doing" in text
    assert "You wrote" not in text or "\u201cI want to go back to football on Saturdays\u201d" in text
    assert "\u201cgetting kicked out of school\u201d" in text  # a direct-work answer, in the child's words
    assert draft.quote_ids == ("q-where", "q-football", "t-wm:worries")
    assert "screenshot of my messages" not in text
    assert (
        "I will talk with your Mum, Delphine Achterberg, about weekends by Wednesday 18 February 2026."
        in text
    )
    assert "Joel Fairweather will find out about Saturday football by Friday 20 February 2026." in text
    worries = text.split(lt.WORRIES)[1].split(lt.NEXT)[0]
    assert (
        "you could be hurt and nobody would be able to help you" in worries
    )  # said as recorded, not softened
    assert text.index(lt.GOING_WELL) < text.index(lt.WORRIES) < text.index(lt.NEXT)


@pytest.mark.parametrize("case", sorted(CASES))
def test_checker_finds_no_jargon_or_third_person_in_a_composed_draft(case: str) -> None:
    draft, record = _draft(case)
    record_, people, _ = CASES[case]()
    result = check_letter(
        draft.text,
        draft.age,
        [record.child.full_name, record.child.display_name],
        names=[n for p in people for n in (p.name, p.relationship) if n],
        recorded_quotes=[q.words for q in record.quotes],
        worker_name=WORKER.full_name,
    )
    bad = {kinds.JARGON, kinds.ACRONYM, kinds.UNKNOWN_ACRONYM, kinds.THIRD_PERSON, kinds.NUMERIC_DATE,
           kinds.CHANGED_QUOTE, kinds.NO_ROLE, kinds.OPINION_AS_FACT}  # fmt: skip
    assert [f for f in result.findings if f.kind in bad] == []


def test_empty_parts_are_left_out() -> None:
    child = Child(full_name="Ada Quince", date_of_birth=date(2016, 1, 5))
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 5, 6, 10, 0))
    record = VisitRecord(visit=visit, child=child, time_alone=TimeAlone(seen_alone=None))
    text = compose_letter(record, [], WORKER).text
    for heading in lt.HEADINGS:
        assert heading not in text
    assert text == (
        f"Dear Ada,\n\nI am {WORKER.full_name}, your social worker. "
        "I came to see you on Wednesday 6 May 2026."
        f"\n\nBest wishes,\n{WORKER.full_name}\nSocial Worker, Riverside Children's Team\n"
    )


def test_no_time_alone_is_explained_plainly() -> None:
    record, people, _ = pip_visit()
    record.time_alone = TimeAlone(seen_alone=False, not_alone_reason=NotAloneReason.PARENT_REFUSED)
    text = compose_letter(record, people, WORKER).text
    assert "I was not allowed to see you alone. I will ask again next time." in text
    record.time_alone = TimeAlone(child_seen=False, not_seen_reason="you were staying at a friend's house",
                                  not_seen_next_steps="I will come back on Friday")  # fmt: skip
    text = compose_letter(record, people, WORKER).text
    assert (
        "I did not see you this time. You were staying at a friend's house. I will come back on Friday."
        in text
    )


def test_the_structure_reads_back() -> None:
    draft, _ = _draft("pip_age_6")
    blocks = lt.parse_letter(draft.text)
    assert blocks[0].kind == lt.GREETING and blocks[-1].kind == lt.SIGN_OFF
    headings = [b.text for b in blocks if b.kind == lt.HEADING]
    assert headings == [s.heading for s in draft.sections if s.heading]
    pictures = [b for b in blocks if b.kind == lt.PICTURE]
    assert [(p.number, p.text[:24]) for p in pictures] == [(1, "You made this picture. Y")]
    assert lt.picture_numbers(draft.text) == [1]
    assert all(draft.text[b.start : b.end].endswith(b.text) for b in blocks)


def test_a_couple_in_one_entry_were_there() -> None:
    """One person in the child's list may be two people: the verb agrees."""
    assert there_sentences(10, ["Carol and Ray Haines, your foster carers,"]) == [
        "Carol and Ray Haines, your foster carers, were there."
    ]
    assert there_sentences(10, ["Your Nan, Sally Cole,"]) == ["Your Nan, Sally Cole, was there."]
