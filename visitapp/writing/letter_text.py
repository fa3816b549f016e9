"""The small structure inside a letter's plain text, shared by the composer, the preview and the PDF.

A letter stays plain text the worker can edit freely. A few conventions give it shape:

- paragraphs are separated by a blank line;
- a paragraph that is one line and one of ``HEADINGS`` (or starts with ``# ``) is a section heading;
- a paragraph that starts with ``[Picture N]`` places the letter's N-th picture, and the rest of the paragraph
  is its caption;
- a short first paragraph starting "Dear …" is the greeting, and the sign-off ("Best wishes," and the lines
  after it) closes the letter.

Anything else is an ordinary paragraph. Nothing is lost: every character of the text belongs to one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from visitapp.writing.people_words import signature_start

WHO_WAS_THERE = "Who was there"
WHY_I_CAME = "Why I came"
OUR_TIME = "Our time together"
YOUR_WORDS = "Your words"
YOUR_PICTURES = "Your pictures"
GOING_WELL = "What is going well"
WORRIES = "What we are worried about"
NEXT = "What happens next"
OUR_VISITS = "Our visits"  # the update that gathers a period's visits
DECIDED = "What we decided and why"

HEADINGS: tuple[str, ...] = (
    WHO_WAS_THERE,
    WHY_I_CAME,
    OUR_TIME,
    YOUR_WORDS,
    YOUR_PICTURES,
    GOING_WELL,
    WORRIES,
    NEXT,
    OUR_VISITS,
    DECIDED,
)
_HEADING_KEYS = {heading.lower() for heading in HEADINGS}

PICTURE_RE = re.compile(r"^\[Picture (\d{1,3})\][ \t]*", re.IGNORECASE)
_GREETING_RE = re.compile(r"^(?:dear|hello|hi)\b[^\n]{0,60}$", re.IGNORECASE)

_MONTHS = "January February March April May June July August September October November December".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

GREETING = "greeting"
HEADING = "heading"
PARAGRAPH = "paragraph"
PICTURE = "picture"
SIGN_OFF = "sign_off"


@dataclass(frozen=True)
class Block:
    """One piece of the letter. ``number`` is the picture number for a picture block, else 0."""

    kind: str
    text: str
    start: int
    end: int
    number: int = 0


def day_in_words(day: date) -> str:
    """ "Wednesday 4 March 2026": the form the checker asks for, never 04/03/2026."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def picture_marker(number: int) -> str:
    return f"[Picture {number}]"


def is_heading(paragraph: str) -> bool:
    line = paragraph.strip()
    if "\n" in line or not line:
        return False
    return line.startswith("# ") or line.rstrip(":").lower() in _HEADING_KEYS


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in re.finditer(r"\n[ \t]*\n\s*", text[start:end]):
        spans.append((cursor, start + match.start()))
        cursor = start + match.end()
    spans.append((cursor, end))
    trimmed = []
    for begin, finish in spans:
        while begin < finish and text[begin].isspace():
            begin += 1
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        if begin < finish:
            trimmed.append((begin, finish))
    return trimmed


def parse_letter(text: str) -> list[Block]:
    """The letter's blocks in order, each with offsets into ``text``."""
    signature_from = signature_start(text)
    blocks: list[Block] = []
    for index, (start, end) in enumerate(_paragraphs(text, 0, signature_from)):
        chunk = text[start:end]
        marker = PICTURE_RE.match(chunk)
        if index == 0 and _GREETING_RE.match(chunk):
            blocks.append(Block(GREETING, chunk, start, end))
        elif marker:
            caption = chunk[marker.end() :].strip()
            blocks.append(Block(PICTURE, caption, start, end, int(marker.group(1))))
        elif is_heading(chunk):
            blocks.append(Block(HEADING, chunk.removeprefix("# ").rstrip(":").strip(), start, end))
        else:
            blocks.append(Block(PARAGRAPH, chunk, start, end))
    tail = text[signature_from:].strip()
    if tail:
        offset = text.index(tail, signature_from)
        blocks.append(Block(SIGN_OFF, tail, offset, offset + len(tail)))
    return blocks


def picture_numbers(text: str) -> list[int]:
    """The picture numbers the letter places, in order (a number placed twice counts once)."""
    seen: list[int] = []
    for block in parse_letter(text):
        if block.kind == PICTURE and block.number not in seen:
            seen.append(block.number)
    return seen
