"""Cutting a letter into words, sentences and quoted passages, each with character offsets into the text.

Every span keeps ``start``/``end`` so that ``text[start:end]`` gives back exactly what was found. The rules
here are tuned for letters typed by social workers: titles such as "Mr." do not end a sentence, a blank line
always does, and a short line on its own (a greeting such as "Dear Amira," or a signature) is a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# A word: letters (any script) or digits, joined by inner apostrophes or hyphens ("didn't", "well-known").
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")

# Words that end with a full stop but do not end the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms miss dr prof st rev cllr sgt insp pc no vs etc eg ie e.g i.e approx dept tel".split()
)
_TERMINAL_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*")
_CLOSERS = "\"'\u201d\u2019)]"
_LINE_END_PUNCTUATION = ",:;.!?\u2026"


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Words in ``text[start:end]``, with offsets into the whole text."""
    stop = len(text) if end is None else end
    return [Span(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, stop)]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes a title, an initial or a known abbreviation."""
    begin = dot
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") is an initial, not the end of a sentence.
    return len(word) == 1 and text[begin].isupper()


def _line_breaks_sentence(line: str, next_line: str) -> bool:
    """Whether a single line break ends a sentence (greetings, signatures, lists), or is just a wrap."""
    stripped = line.rstrip()
    following = next_line.lstrip()
    if not stripped or not following:
        return True
    if following[0] in "-*\u2022" or stripped[-1] in _LINE_END_PUNCTUATION:
        return True
    return len(stripped.split()) <= 4 and following[0].isupper()


def _cut_points(text: str) -> list[int]:
    """Offsets where one sentence ends and the next may begin."""
    cuts: set[int] = set()
    for match in _TERMINAL_RE.finditer(text):
        end = match.end()
        if end < len(text) and not text[end].isspace():
            continue
        if (
            match.group()[0] == "."
            and len(match.group().rstrip(_CLOSERS)) == 1
            and _is_abbreviation(text, match.start())
        ):
            continue
        cuts.add(end)
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines[:-1]):
        offset += len(line)
        if _line_breaks_sentence(line, lines[index + 1]):
            cuts.add(offset)
        offset += 1
    return sorted(cuts)


def sentences(text: str) -> list[Span]:
    """Sentences with offsets; surrounding white space is left out of each span."""
    result: list[Span] = []
    begin = 0
    for cut in [*_cut_points(text), len(text)]:
        if cut <= begin:
            continue
        start, end = begin, cut
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and _WORD_RE.search(text, start, end):
            result.append(Span(start, end, text[start:end]))
        begin = cut
    return result


# Quoted passages: straight or curly double quotes, curly single quotes, and straight single quotes that
# open after a space and close before one (so "don't" and "Nan's" are never taken for quotation marks).
_QUOTE_RES = (
    re.compile(r"\"([^\"\n]+)\""),
    re.compile(r"\u201c([^\u201c\u201d\n]+)\u201d"),
    re.compile(r"\u2018([^\u2018\n]+?)\u2019(?![^\W_])"),
    re.compile(r"(?<![^\W_])'(?=\S)([^'\n]*?[^\s'])'(?![^\W_])"),
)


def quoted(text: str) -> list[Span]:
    """The inside of each quoted passage (without the quotation marks), in order of appearance."""
    found: list[Span] = []
    taken: list[tuple[int, int]] = []
    for pattern in _QUOTE_RES:
        for match in pattern.finditer(text):
            outer = (match.start(), match.end())
            if any(outer[0] < end and start < outer[1] for start, end in taken):
                continue
            taken.append(outer)
            found.append(Span(match.start(1), match.end(1), match.group(1)))
    return sorted(found, key=lambda span: span.start)


def inside_any(start: int, end: int, spans: Iterable[Span]) -> bool:
    """True when ``start``–``end`` overlaps any of ``spans``."""
    return any(start < span.end and span.start < end for span in spans)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as an editor shows them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
