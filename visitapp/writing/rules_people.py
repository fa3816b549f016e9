"""Check that each person is introduced with who they are ("Sally, your Nan") the first time they appear.

This is a heuristic. A person is a run of capitalised words (with an optional title such as "Mr"). A sentence
that starts with a single capitalised word only counts it when the word also appears capitalised mid-sentence
somewhere else, so ordinary words at the start of sentences are left alone. Places and organisations are
skipped when a place word follows ("Hill Top School") or a journey comes before ("went to Tesco").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from visitapp.writing.findings import NO_ROLE, Finding
from visitapp.writing.people_words import KIN_TITLES, NOT_NAMES, PLACE_WORDS, ROLE_NOUNS, TITLES
from visitapp.writing.text import Span, inside_any

_NAME_WORD = r"[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:['\u2019-][A-Z]?[a-z]+)*"  # at least one small letter
_PERSON_RE = re.compile(
    rf"(?<![\w'\u2019-])(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?(?![\w-])"
)
_POSSESSIVE_RE = re.compile(r"['\u2019]s$")
_DETERMINER_RE = re.compile(r"\b(?:your|my|his|her|their|our|the|a|an)\s+|['\u2019]s\s+", re.IGNORECASE)
_CALLED_RE = re.compile(r"\b(?:called|named|known\s+as)\s*$", re.IGNORECASE)
_JOURNEY_RE = re.compile(
    r"\b(?:(?:went|go|goes|going|gone|come|came|coming|back|trip|drove|walked|moved|ran)\s+(?:to|round)|"
    r"visit|visited|at|in|from|near|into|of|play|played|playing|watch|watched|watching)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A single capitalised word at the start of a sentence counts as a person when one of these follows it.
_PERSON_VERB_RE = re.compile(
    r"['\u2019]?s?\s+(?:said|says|told|tells|attended|came|comes|visited|lives|lived|asked|helped|thinks|"
    r"feels|felt|wants|wanted|agreed|explained|phoned|rang|called)\b"
)
_WINDOW = 60  # characters either side of a name searched for a role, within the same sentence


def _words_of(name: str) -> list[str]:
    return [_POSSESSIVE_RE.sub("", part).rstrip(".").lower() for part in name.split()]


def _has_role(text: str, sentence: Span, start: int, end: int) -> bool:
    before = text[max(sentence.start, start - _WINDOW) : start]
    after = text[end : min(sentence.end, end + _WINDOW)]
    if _CALLED_RE.search(before):
        return True
    window = before + " " + after
    for match in _DETERMINER_RE.finditer(window):
        for noun in re.findall(r"[\w-]+", window[match.end() : match.end() + 40])[:3]:
            if noun.lower() in ROLE_NOUNS or noun.lower().rstrip("s") in ROLE_NOUNS:
                return True
    # "who is your teacher", "who looks after you", "(your teacher)" are caught above; so is "Mum's worker".
    return bool(re.match(r"\s*(?:,|\()?\s*(?:who|which)\s+(?:is|was|are|looks|helps|works)\b", after))


def no_role_findings(
    text: str,
    sentence_spans: Sequence[Span],
    skip: Sequence[Span],
    exempt_names: Sequence[str],
    signature_from: int,
) -> list[Finding]:
    exempt = {word for name in exempt_names for word in _words_of(name)}
    sentence_starts = {span.start for span in sentence_spans}
    mid_sentence = {
        _POSSESSIVE_RE.sub("", m.group()).lower()
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][A-Za-z'\u2019-]+", text)
    }
    seen: set[str] = set()
    findings: list[Finding] = []
    for sentence in sentence_spans:
        if sentence.start >= signature_from:
            break
        for match in _PERSON_RE.finditer(text, sentence.start, sentence.end):
            name = _POSSESSIVE_RE.sub("", match.group())
            parts = _words_of(name)
            titled = parts[0].rstrip(".") in TITLES
            core = parts[1:] if titled else parts
            start, end = match.start(), match.start() + len(name)
            if not core or any(part in NOT_NAMES for part in core) or parts[0] in KIN_TITLES:
                seen.update(core)
                continue
            if any(part in exempt for part in core) or inside_any(start, end, skip):
                continue
            if match.end() < len(text) and _next_word(text, match.end()) in PLACE_WORDS:
                continue
            if _JOURNEY_RE.search(text[max(0, start - 30) : start]):
                continue
            acts = _PERSON_VERB_RE.match(text, match.end())
            if (
                start in sentence_starts
                and not titled
                and len(core) == 1
                and core[0] not in mid_sentence
                and not acts
            ):
                continue
            first_time = not any(part in seen for part in core)
            seen.update(core)
            if not first_time or _has_role(text, sentence, start, end):
                continue
            findings.append(
                Finding(
                    NO_ROLE,
                    start,
                    end,
                    text[start:end],
                    f"This is the first time {name} appears. A child reading this years from now may not "
                    "know who they are.",
                    f"Say who they are, for example \u201c{name}, your teacher\u201d "
                    f"or \u201cyour Nan, {name}\u201d.",
                )
            )
    return findings


def _next_word(text: str, offset: int) -> str:
    match = re.match(r"['\u2019]?s?\s+([A-Za-z]+)", text[offset : offset + 40])
    return match.group(1).lower() if match else ""
