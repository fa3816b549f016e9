"""Check that the child's words, when quoted, are exactly what was recorded during the visit.

A quoted passage that is nearly the same as a recorded quote but not quite (a word tidied, added or
dropped) is flagged, with the recorded words as the suggestion. Case, spacing and punctuation do not count
as changes. A quote that is a whole run of words taken from a recorded quote is fine; one that resembles no
recorded quote is left alone (it may be someone else's words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from visitapp.writing.findings import CHANGED_QUOTE, Finding
from visitapp.writing.text import Span

# How alike (0–1, over words) a passage and a recorded quote must be to count as the same quote, changed.
RESEMBLANCE = 0.6


def quote_words(quote: str) -> list[str]:
    """The words of a quote, lower-cased, with curly apostrophes made straight."""
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", quote.replace("\u2019", "'").replace("\u2018", "'").lower())


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return size > 0 and any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def changed_quote_findings(text: str, passages: Sequence[Span], recorded: Sequence[str]) -> list[Finding]:
    records = [(quote, quote_words(quote)) for quote in recorded if quote_words(quote)]
    if not records:
        return []
    findings: list[Finding] = []
    for passage in passages:
        said = quote_words(passage.text)
        if not said or any(
            said == words or (len(said) >= 3 and _contains(words, said)) for _, words in records
        ):
            continue
        best_quote, best_score = "", 0.0
        for quote, words in records:
            score = SequenceMatcher(None, said, words, autojunk=False).ratio()
            if score > best_score:
                best_quote, best_score = quote, score
        if best_score < RESEMBLANCE:
            continue
        start, end = _trimmed(text, passage)
        findings.append(
            Finding(
                CHANGED_QUOTE,
                start,
                end,
                text[start:end],
                "These words are in quotation marks but are not exactly what the child said. "
                "Quote their words as recorded, even if they are not how you would put it.",
                best_quote.strip(),
            )
        )
    return findings


def _trimmed(text: str, passage: Span) -> tuple[int, int]:
    """The passage without white space at its edges, so the finding covers just the words."""
    start, end = passage.start, passage.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
