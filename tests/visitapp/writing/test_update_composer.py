"""The update letter that gathers a period's visits: a snapshot of Kit's winter, and the rules it must follow.

To accept a deliberate change to the wording, run with UPDATE_LETTER_SNAPSHOTS=1 and read the diff.
"""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tests.visitapp.writing.update_visits import KIT, PEOPLE, PERIOD, WORKER, kit_records, six_visits
from visitapp.domain.visit_steps import VisitRecord
from visitapp.writing import findings as kinds
from visitapp.writing import letter_text as lt
from visitapp.writing.checker import check_letter, max_sentence_words
from visitapp.writing.composer_phrases import own_word_count
from visitapp.writing.letters import recorded_words
from visitapp.writing.periods import EmptyPeriod, Period, default_period, months_before
from visitapp.writing.text import sentences
from visitapp.writing.update_composer import UpdateDraft, compose_update

SNAPSHOT = Path(__file__).parent / "snapshots" / "kit_update_age_10.txt"
BAD = {kinds.JARGON, kinds.ACRONYM, kinds.UNKNOWN_ACRONYM, kinds.THIRD_PERSON, kinds.NUMERIC_DATE,
       kinds.CHANGED_QUOTE, kinds.NO_ROLE, kinds.OPINION_AS_FACT}  # fmt: skip


def _update(records: list[VisitRecord] | None = None, period: Period = PERIOD) -> UpdateDraft:
    return compose_update(KIT, period, records if records is not None else kit_records(), PEOPLE, WORKER)


def _check(draft: UpdateDraft, records: list[VisitRecord]) -> list[kinds.Finding]:
    result = check_letter(
        draft.text,
        draft.age,
        [KIT.full_name, KIT.known_as],
        names=[n for p in PEOPLE for n in (p.name, p.relationship) if n],
        recorded_quotes=[words for record in records for words in recorded_words(record)],
        worker_name=WORKER.full_name,
    )
    return list(result.findings)


def _typed_in(sentence: str, typed: str) -> bool:
    """The sentence is (part of) words the worker typed, or holds them."""
    typed = typed.removeprefix("because ").rstrip(".")
    return typed in sentence or sentence.rstrip(".") in typed


def _without_quotes(text: str) -> str:
    return re.sub(r"\u201c[^\u201d]*\u201d", "", text)


def test_update_matches_its_snapshot() -> None:
    draft = _update()
    if os.environ.get("UPDATE_LETTER_SNAPSHOTS"):
        SNAPSHOT.write_text(draft.text, "utf-8")
    assert draft.text == SNAPSHOT.read_text("utf-8")


def test_the_checker_finds_nothing_it_must_not_find() -> None:
    records = kit_records()
    draft = _update(records)
    assert [f for f in _check(draft, records) if f.kind in BAD] == []
    assert not re.search(r"\b(?:he|she|him|his|the child)\b", _without_quotes(draft.text), re.IGNORECASE)
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", draft.text)


def test_it_gathers_only_the_finished_visits_in_the_period() -> None:
    draft = _update()
    assert draft.visit_ids == ("visit-dec", "visit-jan", "visit-feb")  # oldest first
    assert "November words" not in draft.text and "draft words" not in draft.text
    assert "I came to see you three times." in draft.text
    visits = draft.text.split(lt.OUR_VISITS)[1].split(lt.YOUR_WORDS)[0]
    days = ["Thursday 4 December 2025", "Thursday 8 January 2026", "Thursday 5 February 2026"]
    assert [visits.index(day) for day in days] == sorted(visits.index(day) for day in days)
    assert "That is from Monday 1 December 2025 to Sunday 1 March 2026." in draft.text


def test_people_in_full_with_who_they_are_the_first_time_then_as_the_child_says() -> None:
    text = _update().text
    assert text.count("Leanne Tamsett") == 1 and "Your Mum, Leanne Tamsett," in text
    assert "Your Mum was there." in text  # the February visit: introduced already
    assert text.count("Raymond Tamsett") == 1 and "Your Grandad Ray, Raymond Tamsett, was there." in text
    assert "Mrs Okafor, your class teacher," in text and text.count("your class teacher") == 1


def test_the_childs_words_exactly_and_in_order() -> None:
    draft = _update()
    words = draft.text.split(lt.YOUR_WORDS)[1].split(lt.GOING_WELL)[0]
    assert "On Thursday 4 December 2025, you told me, \u201cMum is nice when she is awake\u201d." in words
    assert "\u201cI rang Grandad like we practised and he came really fast\u201d" in words
    assert "You said, \u201cGrandad, my bike, Ruby\u201d." in words  # a direct-work answer
    assert draft.quote_ids[:3] == ("q-awake", "q-lego", "q-christmas")
    assert draft.quote_ids[-1] == "q-rang" and "t-houses:dreams" in draft.quote_ids


def test_worries_are_said_plainly_and_once() -> None:
    text = _update().text
    worries = text.split(lt.WORRIES)[1].split(lt.DECIDED)[0]
    assert "you and Ruby could get hurt with nobody awake to help" in worries  # not softened
    assert "You and Ruby were on your own for two hours." in worries
    assert text.index(lt.GOING_WELL) < text.index(lt.WORRIES) < text.index(lt.DECIDED) < text.index(lt.NEXT)
    goal = "There is always a grown-up awake to look after you and Ruby in the evening."
    assert text.count(goal) == 1  # written at two visits, said once


def test_what_we_decided_says_why_and_how_it_went() -> None:
    text = _update().text
    decided = text.split(lt.DECIDED)[1].split(lt.NEXT)[0]
    assert "On Thursday 4 December 2025, we agreed what needs to happen." in decided
    assert "We agreed this because of the worries I told you about." in decided
    assert "We agreed this because Ruby said nobody could wake Mum on Saturday night." in decided
    assert "This is what we need to see, to know that you are safe." in decided
    assert (
        "Your Mum agreed to go to a support group for people who drink too much. That is done now." in decided
    )
    assert "I was going to arrange the family meeting by Friday 27 February 2026." in decided
    assert "That has not happened yet." in decided
    assert "Grandad Ray will come round on Wednesday evenings too." in decided  # an earlier visit's step


def test_what_happens_next_holds_what_is_still_to_come() -> None:
    text = _update().text
    after = text.split(lt.NEXT)[1].split("Best wishes")[0]
    assert "We will have a family meeting with Mum, Grandad Ray and Mrs Okafor." in after
    assert "Your Grandad Ray will teach you to ride your bike by Friday 3 April 2026." in after
    assert "I will come to see you again on Thursday 5 March 2026." in after
    assert "arrange the family meeting" not in after  # overdue: it is in what we decided, said honestly
    assert text.rstrip().endswith(f"Best wishes,\n{WORKER.full_name}\nSocial Worker, Northgate Families Team")


def test_a_younger_child_gets_shorter_sentences() -> None:
    young = dataclasses.replace(KIT, date_of_birth=date(2019, 9, 12))
    records = kit_records()
    for record in records:
        record.child = young
    draft = compose_update(young, PERIOD, records, PEOPLE, WORKER)
    assert draft.age == 6
    limit = max_sentence_words(6)
    typed = [e.text for r in records for e in r.safety] + [o.text for r in records for o in r.observations]
    typed += [r.visit.purpose for r in records] + [a.what for r in records for a in r.actions]
    typed += [WORKER.full_name, "Mrs Okafor, your class teacher"]
    for span in sentences(draft.text):
        if not any(_typed_in(span.text, words) for words in typed):
            assert own_word_count(span.text) <= limit, span.text
    assert "That time starts on Monday 1 December 2025. It ends on Sunday 1 March 2026." in draft.text


def test_a_period_with_no_finished_visit_gives_a_message_not_a_letter() -> None:
    summer = Period(date(2025, 6, 1), date(2025, 8, 31))
    with pytest.raises(EmptyPeriod, match="no finished visits to Kit from Sunday 1 June 2025 to Sunday 31"):
        _update(period=summer)
    with pytest.raises(EmptyPeriod):
        _update([kit_records()[0]])  # only the draft visit: nothing finished


def test_empty_parts_are_left_out() -> None:
    bare = kit_records()[3]  # December, with only a visit and some words
    bare.safety, bare.actions, bare.next_visit.planned_on = [], [], None
    text = _update([bare]).text
    for heading in (lt.GOING_WELL, lt.WORRIES, lt.DECIDED, lt.NEXT):
        assert heading not in text
    assert "I came to see you once." in text and lt.YOUR_WORDS in text


def test_the_default_period_is_the_last_three_months_up_to_today() -> None:
    assert default_period(date(2026, 3, 1)) == Period(date(2025, 12, 1), date(2026, 3, 1))
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)  # a shorter month: its last day
    assert default_period(date(2026, 3, 1)).is_three_months
    other = _update(period=Period(date(2025, 12, 1), date(2026, 2, 10))).text
    assert (
        "This letter is about the time from Monday 1 December 2025. It goes up to Tuesday 10 February"
        in other
    )
    with pytest.raises(ValueError):
        Period(date(2026, 3, 1), date(2026, 2, 1))


def test_six_visits_make_one_letter() -> None:
    draft = _update(six_visits())
    assert len(draft.visit_ids) == 6 and "I came to see you six times." in draft.text
    assert [f for f in _check(draft, six_visits()) if f.kind in BAD] == []
