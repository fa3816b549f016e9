"""Which findings have a plain alternative the worker can take with one click, and what it is.

Only findings whose suggestion is words to put in place of the found words qualify: a glossary word or a set
of initials, "the child" for "you", a date in numbers, and a changed quote (put back as recorded). Advice
such as "split this sentence" is shown, never applied.
"""

from __future__ import annotations

import re

from visitapp.writing import findings as kinds
from visitapp.writing.findings import Finding

_REPLACEABLE = {kinds.JARGON, kinds.ACRONYM, kinds.THIRD_PERSON, kinds.NUMERIC_DATE, kinds.CHANGED_QUOTE}


def replacement(finding: Finding, text: str = "") -> str | None:
    """The words to put in place of ``finding.text`` in ``text``, or None when the worker has to decide."""
    if finding.kind not in _REPLACEABLE:
        return None
    suggestion = finding.suggestion.strip()
    if finding.kind == kinds.CHANGED_QUOTE:
        return suggestion or None
    if finding.kind == kinds.NUMERIC_DATE:
        return None if suggestion.lower().startswith("write") else suggestion
    plain = re.sub(r"\s*\(.*\)\s*$", "", suggestion).strip()
    if not plain or plain.lower().startswith("say ") or re.search(r"[\"\u201c]|\bor\b", plain):
        return None
    at_start = _starts_sentence(text, finding.start) if text else finding.kind == kinds.THIRD_PERSON
    if at_start and finding.text[:1].isupper():
        plain = plain[0].upper() + plain[1:]
    return plain


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?\n\u2026"
