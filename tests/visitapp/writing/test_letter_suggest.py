"""One-click plain alternatives: only where the suggestion is words to put in, with the right capital."""

from __future__ import annotations

from visitapp.writing.checker import check_letter
from visitapp.writing.suggest import replacement


def _offers(text: str) -> dict[str, str | None]:
    return {f.text: replacement(f, text) for f in check_letter(text, 9, ["Amira Khan", "Amira"]).findings}


def test_plain_words_dates_and_you() -> None:
    offers = _offers(
        "Dear Amira,\n\nThe child went to the contact centre on 12/03/2026. We had a LAC review."
    )
    assert offers["The child"] == "You"
    assert offers["contact centre"] == "the family centre"
    assert offers["12/03/2026"] == "Thursday 12 March 2026"
    assert offers["LAC review"] == "your meeting"  # mid-sentence: no capital


def test_advice_is_never_applied() -> None:
    text = "Dear Amira,\n\nMum was clearly chaotic. We talked about safeguarding at the meeting today."
    offers = _offers(text)
    assert offers["clearly"] is None and offers["chaotic"] is None
    assert "safeguarding" in offers and offers["safeguarding"] == "keeping you safe"


def test_a_changed_quote_goes_back_to_the_recorded_words() -> None:
    text = "Dear Amira,\n\nYou said, \u201cI love my big sister lots\u201d."
    found = check_letter(text, 9, ["Amira"], recorded_quotes=["I love my big sister"]).findings
    assert [replacement(f, text) for f in found] == ["I love my big sister"]
