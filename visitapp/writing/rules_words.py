"""Checks on single words: glossary terms, initials nobody explained, and dates written in numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence

from visitapp.writing.findings import ACRONYM, JARGON, NUMERIC_DATE, UNKNOWN_ACRONYM, Finding
from visitapp.writing.glossary import Glossary
from visitapp.writing.text import Span, inside_any

# Capitals that children meet every day and that need no explaining.
COMMON_INITIALS = frozenset(
    {"OK", "TV", "UK", "PE", "DVD", "PS", "BBC", "LEGO", "II", "III", "IV", "DJ", "PJ"}
)
_INITIALS_RE = re.compile(
    r"(?<![\w'\u2019-])(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{2,}(?:s|'s|\u2019s)?(?![\w-])"
)

_MONTHS = "January February March April May June July August September October November December".split()
_DATE_RES = (
    # 2025-03-12 or 2025/3/12: year first.
    (re.compile(r"(?<![\w/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\w/-]|\.\d)"), "ymd"),
    # 12/03/2025, 12-3-25, 12.3.25: day first, as written in the UK.
    (re.compile(r"(?<![\w/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)"), "dmy"),
)


def glossary_findings(
    text: str, glossary: Glossary, skip: Sequence[Span], names: Collection[str]
) -> list[Finding]:
    findings: list[Finding] = []
    for match in glossary.find(text):
        found = text[match.start : match.end]
        if inside_any(match.start, match.end, skip) or found.lower() in names:
            continue
        term = match.term
        if term.is_acronym:
            meaning = f" ({term.full})" if term.full else ""
            message = (
                f"\u201c{found}\u201d{meaning} is a set of initials a child will not know. "
                "Write it out in words the child uses."
            )
            kind = ACRONYM
        else:
            message = (
                f"\u201c{found}\u201d is a social-work word. Say it the way you would say it to the child."
            )
            kind = JARGON
        findings.append(Finding(kind, match.start, match.end, found, message, term.plain))
    return findings


def unknown_initials_findings(
    text: str, glossary: Glossary, skip: Sequence[Span], names: Collection[str]
) -> list[Finding]:
    findings: list[Finding] = []
    for match in _INITIALS_RE.finditer(text):
        found = match.group()
        bare = re.sub(r"(?:'s|\u2019s|s)$", "", found) if not found.isupper() else found
        if bare in COMMON_INITIALS or found in COMMON_INITIALS or found.lower() in names:
            continue
        if glossary.lookup(found) or glossary.lookup(bare) or bare.lower() in names:
            continue
        if inside_any(match.start(), match.end(), skip) or _shouting(text, match.start(), match.end()):
            continue
        findings.append(
            Finding(
                UNKNOWN_ACRONYM,
                match.start(),
                match.end(),
                found,
                f"\u201c{found}\u201d looks like initials, and they are not in the glossary. "
                "A child reading this later may not know what they mean.",
                "Write out what the initials stand for, in plain words.",
            )
        )
    return findings


def _shouting(text: str, start: int, end: int) -> bool:
    """Part of a run of capitals ("WELL DONE YOU") rather than a set of initials."""
    before = re.search(r"([A-Za-z]+)[^\w\n]+$", text[max(0, start - 30) : start])
    after = re.match(r"[^\w\n]+([A-Za-z]+)", text[end : end + 30])
    return any(m is not None and m.group(1).isupper() and len(m.group(1)) > 1 for m in (before, after))


def _in_words(year: int, month: int, day: int) -> str | None:
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    return f"{when.strftime('%A')} {when.day} {_MONTHS[when.month - 1]} {when.year}"


def numeric_date_findings(text: str, skip: Sequence[Span]) -> list[Finding]:
    findings: list[Finding] = []
    for pattern, order in _DATE_RES:
        for match in pattern.finditer(text):
            if inside_any(match.start(), match.end(), skip):
                continue
            if order == "ymd":
                year, month, day = (int(match.group(i)) for i in (1, 2, 3))
            else:
                day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
                year += 2000 if year < 100 else 0
            words = _in_words(year, month, day)
            findings.append(
                Finding(
                    NUMERIC_DATE,
                    match.start(),
                    match.end(),
                    match.group(),
                    f"\u201c{match.group()}\u201d is a date in numbers. Children (and people in other "
                    "countries) can read it the wrong way round.",
                    words or "Write the date in words, for example \u201cTuesday 4 March 2025\u201d.",
                )
            )
    findings.sort(key=lambda finding: finding.start)
    return findings
