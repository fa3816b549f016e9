"""The letter checker: every rule over one letter, plus its readability, in one call.

The child's own words (anything in quotation marks) are never flagged for jargon, voice or length: they must
stay exactly as said. They are only compared with what was recorded, and they count towards readability.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from visitapp.writing.findings import LONG_SENTENCE, Finding
from visitapp.writing.glossary import Glossary, default_glossary
from visitapp.writing.people_words import signature_start
from visitapp.writing.readability import Readability, name_words, readability
from visitapp.writing.rules_child import third_person_findings
from visitapp.writing.rules_people import no_role_findings
from visitapp.writing.rules_quotes import changed_quote_findings
from visitapp.writing.rules_voice import opinion_findings
from visitapp.writing.rules_words import glossary_findings, numeric_date_findings, unknown_initials_findings
from visitapp.writing.text import Span, inside_any, quoted, sentences, words

# Longest comfortable sentence, in words, by the child's age. Six-year-olds manage about eight words.
_SENTENCE_LIMITS = ((6, 8), (8, 12), (10, 15), (12, 18), (15, 20), (17, 22))
_ADULT_LIMIT = 25
_BREAK_RE = re.compile(
    r",?\s+\b(and then|because|but|so that|so|which|where|when|while|after|although)\b|;", re.I
)


@dataclass(frozen=True)
class LetterCheck:
    findings: tuple[Finding, ...]
    readability: Readability

    def as_dict(self) -> dict[str, object]:
        return {
            "findings": [finding.as_dict() for finding in self.findings],
            "readability": self.readability.as_dict(),
        }


def max_sentence_words(age: int) -> int:
    """The longest sentence, in words, that suits a reader of this age."""
    for up_to_age, limit in _SENTENCE_LIMITS:
        if age <= up_to_age:
            return limit
    return _ADULT_LIMIT


def long_sentence_findings(
    text: str, sentence_spans: Sequence[Span], skip: Sequence[Span], age: int
) -> list[Finding]:
    limit = max_sentence_words(age)
    findings: list[Finding] = []
    for sentence in sentence_spans:
        own_words = [
            w for w in words(text, sentence.start, sentence.end) if not inside_any(w.start, w.end, skip)
        ]
        if len(own_words) <= limit:
            continue
        suggestion = "Split it into two or three shorter sentences."
        for match in _BREAK_RE.finditer(text, sentence.start, sentence.end):
            if match.start() - sentence.start > 15 and not inside_any(match.start(), match.end(), skip):
                joint = match.group(1) or ";"
                suggestion = (
                    f"Split it into shorter sentences; you could start a new one at \u201c{joint}\u201d."
                )
                break
        findings.append(
            Finding(
                LONG_SENTENCE,
                sentence.start,
                sentence.end,
                sentence.text,
                f"This sentence has {len(own_words)} words. For a child of {age}, "
                f"keep sentences to about {limit} words.",
                suggestion,
            )
        )
    return findings


def check_letter(
    text: str,
    age: int,
    child_names: Sequence[str] = (),
    *,
    names: Sequence[str] = (),
    recorded_quotes: Sequence[str] = (),
    worker_name: str | None = None,
    glossary: Glossary | None = None,
) -> LetterCheck:
    """Check one letter to a child of ``age``.

    ``child_names``: the child's names ("Amira Khan", a nickname); ``names``: the names the child uses for the
    people in their life, which are never taken for jargon or initials and are left out of syllable counts;
    ``recorded_quotes``: the child's words as recorded in the visit; ``worker_name``: whose signature it is.
    """
    used_glossary = glossary if glossary is not None else default_glossary()
    child = [name for name in child_names if name.strip()]
    people = [*child, *names, *([worker_name] if worker_name else [])]
    known = name_words(people) | {" ".join(name.lower().split()) for name in people}
    passages = quoted(text)
    spans = sentences(text)
    findings: list[Finding] = []
    findings += glossary_findings(text, used_glossary, passages, known)
    findings += unknown_initials_findings(text, used_glossary, passages, known)
    findings += numeric_date_findings(text, passages)
    findings += third_person_findings(text, child, spans, passages)
    findings += long_sentence_findings(text, spans, passages, age)
    findings += no_role_findings(text, spans, passages, people, signature_start(text))
    findings += opinion_findings(text, spans, passages)
    findings += changed_quote_findings(text, passages, recorded_quotes)
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.kind))
    return LetterCheck(tuple(findings), readability(text, people))
