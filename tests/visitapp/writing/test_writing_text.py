"""Cutting letters into words, sentences and quotes, with offsets that slice back to the text."""

from __future__ import annotations

from visitapp.writing.text import Span, line_col, quoted, sentences, words


def _texts(spans: list[Span]) -> list[str]:
    return [span.text for span in spans]


def test_sentences_keep_offsets() -> None:
    text = "I came to see you. You were happy! Were you tired?  We played."
    found = sentences(text)
    assert _texts(found) == ["I came to see you.", "You were happy!", "Were you tired?", "We played."]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_titles_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Price and Dr. J. Okafor came. They stayed for tea."
    assert _texts(sentences(text)) == ["Mr. Price and Dr. J. Okafor came.", "They stayed for tea."]


def test_greeting_signature_and_paragraphs_are_separate() -> None:
    text = "Dear Amira,\nI came to see you\nat home today.\n\nLove from\nJo Baker\nYour social worker"
    assert _texts(sentences(text)) == [
        "Dear Amira,",
        "I came to see you\nat home today.",
        "Love from",
        "Jo Baker",
        "Your social worker",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'You said, "I like it here." Then we went out.'
    assert _texts(sentences(text)) == ['You said, "I like it here."', "Then we went out."]


def test_words_with_apostrophes_and_hyphens() -> None:
    text = "You didn't feel well-rested on Nan's sofa."
    assert _texts(words(text)) == ["You", "didn't", "feel", "well-rested", "on", "Nan's", "sofa"]


def test_quotes_of_each_kind_and_not_apostrophes() -> None:
    text = (
        "You said \"yes\", then \u201cno way\u201d, then \u2018maybe\u2019 and 'fine'. Nan's dog didn't bark."
    )
    found = quoted(text)
    assert _texts(found) == ["yes", "no way", "maybe", "fine"]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_line_and_column_are_one_based() -> None:
    text = "ab\ncd\nef"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 4) == (2, 2)
    assert line_col(text, 6) == (3, 1)
