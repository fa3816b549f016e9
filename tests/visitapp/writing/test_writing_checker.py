"""Each rule of the letter checker, with cases that must fire and cases that must not."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.visitapp.writing.letter_texts import (
    GOOD_LETTER,
    GOOD_LETTER_QUOTES,
    JARGON_LETTER,
    JARGON_LETTER_QUOTES,
)
from visitapp.writing import findings as kinds
from visitapp.writing.checker import LetterCheck, check_letter, max_sentence_words
from visitapp.writing.findings import Finding


def _of(result: LetterCheck, kind: str) -> list[str]:
    return [finding.text for finding in result.findings if finding.kind == kind]


def _check(text: str, age: int = 10, **kwargs: object) -> LetterCheck:
    result = check_letter(text, age, **kwargs)  # type: ignore[arg-type]
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text, finding
        assert finding.message and finding.suggestion
    return result


# --- glossary words and initials ---


def test_jargon_and_glossary_initials_with_plain_alternatives() -> None:
    result = _check("Your contact with Dad is at the contact centre. Your IRO will visit.")
    assert _of(result, kinds.JARGON) == ["contact", "contact centre"]
    assert _of(result, kinds.ACRONYM) == ["IRO"]
    suggestions = {finding.text: finding.suggestion for finding in result.findings}
    assert suggestions["contact centre"] == "the family centre"
    assert "checks your plan" in suggestions["IRO"]


def test_plain_words_are_not_jargon() -> None:
    result = _check("I will contact your school. You had family time with Dad at the family centre.")
    assert _of(result, kinds.JARGON) == [] and _of(result, kinds.ACRONYM) == []


def test_a_name_the_child_uses_for_someone_is_not_jargon_or_initials() -> None:
    text = "You went to the park with CG and DJ. Then KT came round."
    assert _of(_check(text), kinds.ACRONYM) == ["CG"]
    assert _of(_check(text), kinds.UNKNOWN_ACRONYM) == ["KT"]
    named = _check(text, names=["CG", "KT"])
    assert _of(named, kinds.ACRONYM) == [] and _of(named, kinds.UNKNOWN_ACRONYM) == []


def test_unknown_initials() -> None:
    result = _check("The QRX panel met. You watched TV and did PE, then wrote OK on your picture.")
    assert _of(result, kinds.UNKNOWN_ACRONYM) == ["QRX"]


def test_capitals_for_emphasis_and_in_quotes_are_not_initials() -> None:
    result = _check('Your card said WELL DONE YOU in big letters. You said "I am SO HAPPY".')
    assert _of(result, kinds.UNKNOWN_ACRONYM) == []


# --- dates ---


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("12/03/2025", "Wednesday 12 March 2025"),
        ("2025-03-12", "Wednesday 12 March 2025"),
        ("12.3.25", "Wednesday 12 March 2025"),
        ("1-4-2024", "Monday 1 April 2024"),
        ("31/02/2025", "Write the date in words"),
    ],
)
def test_numeric_dates_are_flagged_with_the_date_in_words(written: str, suggested: str) -> None:
    result = _check(f"I will visit you on {written} after school.")
    found = [finding for finding in result.findings if finding.kind == kinds.NUMERIC_DATE]
    assert [finding.text for finding in found] == [written]
    assert found[0].suggestion.startswith(suggested)


def test_dates_in_words_times_and_amounts_are_fine() -> None:
    result = _check("I will visit on Wednesday 12 March at 3.30pm. You have 2.50 pounds and 1/2 a cake.")
    assert _of(result, kinds.NUMERIC_DATE) == []


# --- writing to the child ---


def test_the_child_and_their_name_and_pronouns() -> None:
    text = "Amira was happy. She showed me her room. The child's drawing was of a cat."
    result = _check(text, child_names=["Amira Khan"])
    assert _of(result, kinds.THIRD_PERSON) == ["Amira", "She", "her", "The child's"]
    suggestions = [f.suggestion for f in result.findings if f.kind == kinds.THIRD_PERSON]
    assert suggestions[0] == "you" and suggestions[-1] == "your"


def test_pronouns_about_other_people_and_vocatives_are_fine() -> None:
    text = (
        "Dear Amira,\nYour mum, Leila, said she was proud of you. Well done, Amira! "
        "Amira, I liked your picture of Nan. She looks kind in it."
    )
    assert _of(_check(text, child_names=["Amira"]), kinds.THIRD_PERSON) == []


def test_without_a_child_name_only_the_child_phrases_are_flagged() -> None:
    result = _check("The young person said she was fine. Then Mum said he was late.")
    assert _of(result, kinds.THIRD_PERSON) == ["The young person", "she"]


# --- sentence length ---


def test_sentence_limits_grow_with_age() -> None:
    limits = [max_sentence_words(age) for age in (4, 6, 8, 10, 12, 15, 17, 30)]
    assert limits == sorted(limits) and limits[1] == 8


def test_long_sentences_depend_on_age() -> None:
    text = "We went to the park and you played on the swings and then we had an ice cream together."
    assert _of(_check(text, age=6), kinds.LONG_SENTENCE) == [text]
    assert _of(_check(text, age=17), kinds.LONG_SENTENCE) == []
    finding = next(f for f in _check(text, age=6).findings if f.kind == kinds.LONG_SENTENCE)
    assert "19 words" in finding.message and "8 words" in finding.message
    assert "and then" in finding.suggestion


def test_the_childs_own_words_do_not_make_a_sentence_long() -> None:
    text = 'You said, "I want to go to the beach and swim and eat chips and see the big boats go by."'
    assert _of(_check(text, age=6), kinds.LONG_SENTENCE) == []


# --- people without a role ---


def test_person_named_without_a_role_the_first_time() -> None:
    text = "Today you played with Kayden. Kayden is your best friend now. Mr Osei came too."
    assert _of(_check(text), kinds.NO_ROLE) == ["Kayden", "Mr Osei"]


def test_people_with_a_role_places_and_the_signature_are_fine() -> None:
    text = (
        "Your teacher, Mr Osei, said you read well. Sally, your Nan, made tea. "
        "You went to Tesco with Auntie Beth. We walked past Hill Top School. We played Uno. "
        "Your dog called Biscuit barked. Mum's support worker Cherry King came on Monday in March.\n\n"
        "Love from\nJo Baker\nYour social worker"
    )
    assert _of(_check(text, child_names=["Amira"]), kinds.NO_ROLE) == []


def test_the_childs_own_name_needs_no_role() -> None:
    assert _of(_check("Dear Amira,\nYou ran fast.", child_names=["Amira"]), kinds.NO_ROLE) == []


# --- opinion written as fact ---


def test_opinions_written_as_facts() -> None:
    text = "Mum is manipulative. Dad is clearly tired. Your room was chaotic."
    assert _of(_check(text), kinds.OPINION_AS_FACT) == ["manipulative", "clearly", "chaotic"]


def test_owned_or_reported_views_and_manner_words_are_fine() -> None:
    text = (
        "I think the house felt chaotic that day. Your teacher said your brother was naughty. "
        "You explained clearly what happened. You are not lazy at all."
    )
    assert _of(_check(text), kinds.OPINION_AS_FACT) == []


def test_a_quote_cannot_own_an_opinion() -> None:
    text = 'Mum is lazy, and you told me "I think so too".'
    assert _of(_check(text), kinds.OPINION_AS_FACT) == ["lazy"]


# --- quotes ---


def test_a_changed_quote_is_flagged_with_the_recorded_words() -> None:
    recorded = ["I dont want to go to Dads on Saturday cos hes always on his phone"]
    text = "You said, \"I don't want to go to Dad's on Saturday because he's always on his phone.\""
    result = _check(text, recorded_quotes=recorded)
    found = [f for f in result.findings if f.kind == kinds.CHANGED_QUOTE]
    assert len(found) == 1
    assert found[0].text.startswith("I don't want") and found[0].suggestion == recorded[0]


def test_exact_quotes_excerpts_and_other_quotes_are_fine() -> None:
    recorded = ["I like my new school, the teachers are kind", "Biscuit is the best cat"]
    text = (
        "You said \u201ci like my new school,  the teachers are kind.\u201d You told me "
        '\'the teachers are kind\' again. Nan said "tea is ready". You said "Biscuit is the best cat!"'
    )
    assert _of(_check(text, recorded_quotes=recorded), kinds.CHANGED_QUOTE) == []


def test_quotes_are_not_checked_when_none_were_recorded() -> None:
    assert _of(_check('You said "I like it".'), kinds.CHANGED_QUOTE) == []


def test_quotes_are_never_flagged_for_jargon_or_voice() -> None:
    text = 'You said "I hate contact and the IRO is lazy".'
    result = _check(text, child_names=["Amira"])
    assert result.findings == ()


# --- whole letters ---


def test_a_good_letter_has_few_or_no_findings_and_suits_the_child() -> None:
    result = _check(GOOD_LETTER, age=9, child_names=["Amira"], recorded_quotes=GOOD_LETTER_QUOTES)
    assert len(result.findings) <= 1, result.findings
    assert result.readability.reading_age <= 9


def test_a_jargon_letter_has_many_findings_of_many_kinds() -> None:
    result = _check(JARGON_LETTER, age=9, child_names=["Amira"], recorded_quotes=JARGON_LETTER_QUOTES)
    counts = Counter(finding.kind for finding in result.findings)
    assert len(result.findings) >= 25
    assert set(counts) == set(kinds.KINDS)
    assert result.readability.reading_age > 9


def test_findings_are_in_text_order_and_serialise() -> None:
    result = _check(JARGON_LETTER, age=9, child_names=["Amira"])
    starts = [finding.start for finding in result.findings]
    assert starts == sorted(starts)
    data = json.loads(json.dumps(result.as_dict()))
    assert set(data) == {"findings", "readability"}
    assert set(data["readability"]) == {"flesch_reading_ease", "flesch_kincaid_grade", "reading_age"}
    first = data["findings"][0]
    assert set(first) == {"kind", "start", "end", "text", "message", "suggestion"}
    assert Finding(**first) == result.findings[0]


def test_empty_letter() -> None:
    result = _check("", age=8)
    assert result.findings == () and result.readability.words == 0


_LETTER_ALPHABET = st.sampled_from(
    list("abcdeAmiraSJ IROCP  \n\n.,!?'\"\u201c\u201d\u2019/-0123")
    + ["the child", "Mr ", "contact", "12/3/25"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LETTER_ALPHABET, max_size=80).map("".join), st.integers(min_value=3, max_value=18))
def test_any_text_gives_findings_that_slice_back(text: str, age: int) -> None:
    result = check_letter(text, age, ["Amira"], recorded_quotes=["I like it", "a b c"])
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
