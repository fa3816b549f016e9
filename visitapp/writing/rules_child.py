"""Check that the letter talks to the child ("you") rather than about them ("the child", "she", "Amira")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from visitapp.writing.findings import THIRD_PERSON, Finding
from visitapp.writing.people_words import CHILD_PHRASE_RE, NOT_NAMES, ROLE_NOUNS
from visitapp.writing.text import Span, inside_any

_PRONOUNS: dict[str, str] = {
    "he": "you", "she": "you", "him": "you", "her": "you or your", "his": "your", "hers": "yours",
    "himself": "yourself", "herself": "yourself", "they": "you", "them": "you", "their": "your",
    "theirs": "yours", "themselves": "yourself",
}  # fmt: skip
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_ADDRESS = frozenset({"you", "your", "yours", "yourself"})
_GREETINGS = frozenset({"dear", "hi", "hello", "hey", "to", "done", "you", "thanks", "morning", "afternoon"})
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _name_pattern(child_names: Sequence[str]) -> re.Pattern[str] | None:
    forms: set[str] = set()
    for name in child_names:
        parts = name.split()
        if parts:
            forms.add(" ".join(parts))
            forms.add(parts[0])
    if not forms:
        return None
    alternatives = "|".join(
        r"\s+".join(map(re.escape, form.split())) for form in sorted(forms, key=len)[::-1]
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:['\u2019]s)?(?![\w-])")


def _is_vocative(text: str, start: int, end: int) -> bool:
    """The child's name used to speak to them: "Dear Amira,", "Well done, Amira!", "Amira, I ..."."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start].rstrip()
    after = text[end:line_end].lstrip()
    previous = re.findall(r"[\w']+", before)[-1:]
    if not before and not after.strip(" ,.!:;"):
        return True
    if previous and previous[0].lower() in _GREETINGS and (not after or after[0] in ",.!?:;"):
        return True
    if after[:1] in (",", "!", "?", ":") and (not before or before[-1] in ",.!?:;\u2014-"):
        return True
    return bool(before) and before[-1] == "," and (not after or after[0] in ".!?,")


def third_person_findings(
    text: str, child_names: Sequence[str], sentence_spans: Sequence[Span], skip: Sequence[Span]
) -> list[Finding]:
    findings: list[Finding] = []
    events: list[tuple[int, int, str]] = []  # (start, end, what): child, vocative, pronoun, address, other
    for match in CHILD_PHRASE_RE.finditer(text):
        events.append((match.start(), match.end(), "phrase"))
    pattern = _name_pattern(child_names)
    taken = [(start, end) for start, end, _ in events]
    if pattern:
        for match in pattern.finditer(text):
            what = "vocative" if _is_vocative(text, match.start(), match.end()) else "name"
            events.append((match.start(), match.end(), what))
            taken.append((match.start(), match.end()))
    starts = {span.start for span in sentence_spans}
    for match in _TOKEN_RE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        word = match.group().lower()
        if word in _PRONOUNS:
            events.append((match.start(), match.end(), "pronoun"))
        elif word in _ADDRESS:
            events.append((match.start(), match.end(), "address"))
        elif word in ROLE_NOUNS or (
            match.group()[0].isupper() and word not in NOT_NAMES and match.start() not in starts
        ):
            events.append((match.start(), match.end(), "other"))
    events.sort()
    last: str | None = None
    last_end = 0
    child_in_group = False
    for start, end, what in events:
        if "\n\n" in text[last_end:start].replace(" ", "").replace("\r", ""):
            last = None  # a new paragraph: start again
        last_end = end
        if inside_any(start, end, skip):
            continue
        found = text[start:end]
        if what in ("phrase", "name"):
            possessive = found.lower().endswith(("'s", "\u2019s"))
            suggestion = "your" if possessive else "you"
            if what == "phrase":
                message = f"\u201c{found}\u201d writes about the child. The letter is to them: "
                message += f"say \u201c{suggestion}\u201d."
            else:
                name = re.sub(r"['\u2019]s$", "", found)
                message = f"The letter is to {name}: say \u201c{suggestion}\u201d rather than their name."
            findings.append(Finding(THIRD_PERSON, start, end, found, message, suggestion))
            last = "child"
            around = text[max(0, start - 6) : end + 6].lower()
            child_in_group = bool(re.search(r"\band\b", around))
        elif what == "pronoun":
            word = found.lower()
            if last == "child" and not (word in _PLURAL and child_in_group):
                findings.append(
                    Finding(
                        THIRD_PERSON,
                        start,
                        end,
                        found,
                        f"\u201c{found}\u201d seems to mean the child. Talk to them directly.",
                        _PRONOUNS[word],
                    )
                )
        else:
            last = "other"
    return findings
