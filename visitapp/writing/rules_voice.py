"""Checks on voice: writing about the child instead of to them, and opinions dressed up as facts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from visitapp.writing.findings import OPINION_AS_FACT, Finding
from visitapp.writing.text import Span, inside_any

# Labels that judge a person. Each needs to be replaced by what was seen or heard, or owned as a view.
_LABELS = (
    "manipulative", "manipulating", "lazy", "aggressive", "hostile", "uncooperative", "un-cooperative",
    "defiant", "naughty", "attention-seeking", "attention seeking", "chaotic", "unkempt", "filthy",
    "smelly", "rude", "liar", "dishonest", "deceitful", "disengaged", "resistant", "evasive", "volatile",
    "unstable", "irresponsible", "selfish", "toxic", "controlling", "needy", "clingy", "troubled",
    "problem child", "out of control", "unmotivated", "obstructive", "in denial", "bad mother",
    "bad father", "bad parent", "poor parenting", "inappropriate", "inappropriately", "refused to engage",
    "failed to engage", "difficult child", "a difficult", "disruptive", "spoilt", "spoiled", "sly",
)  # fmt: skip
# Words that make a view sound certain.
_CERTAINTY = (
    "clearly", "obviously", "evidently", "undoubtedly", "undeniably", "of course", "no doubt",
    "without doubt", "without a doubt", "it is clear", "it's clear", "it\u2019s clear",
)  # fmt: skip

_OPINION_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in (*_LABELS, *_CERTAINTY))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_CERTAIN = frozenset(_CERTAINTY)

# Words that show the view is the writer's own ("I think", "I saw"), anywhere in the sentence.
_OWNED_RE = re.compile(
    r"\b(?:I|we|I['\u2019]m|I\s+am|we\s+are|I\s+was|we\s+were)\s+(?:really\s+|also\s+|still\s+)?"
    r"(?:think|thought|felt|feel|believe|saw|see|noticed|notice|heard|hear|wonder|wondered|worry|worried|"
    r"found|find|understand|suspect|guess|am\s+worried|was\s+worried|not\s+sure)\b"
    r"|\b(?:in\s+my\s+(?:view|opinion)|my\s+(?:view|opinion|worry|guess)|seemed\s+to\s+me|to\s+me)\b",
    re.IGNORECASE,
)
# Words that report someone else's view ("Mum said ..."); they must come before the judgement they own.
_REPORTED_RE = re.compile(
    r"\b(?:said|says|told|tells|thinks|thought|feels|felt|described|called|explained|shared|reported|"
    r"believes|worries|worried)\b",
    re.IGNORECASE,
)
# "Clearly" after these verbs describes how something was done, not how sure the writer is.
_MANNER_VERBS = frozenset(
    "speak spoke said say explained explain wrote write see saw hear heard think talk talked told tell "
    "showed show set very so more how".split()
)
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no|isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)


def opinion_findings(text: str, sentence_spans: Sequence[Span], skip: Sequence[Span]) -> list[Finding]:
    findings: list[Finding] = []
    for sentence in sentence_spans:
        owned: bool | None = None
        for match in _OPINION_RE.finditer(text, sentence.start, sentence.end):
            if inside_any(match.start(), match.end(), skip):
                continue
            found = match.group()
            before = text[sentence.start : match.start()]
            previous = re.findall(r"[\w']+", before)[-1:]
            certainty = " ".join(found.lower().split()) in _CERTAIN
            if certainty and found.lower() == "clearly" and previous and previous[0].lower() in _MANNER_VERBS:
                continue
            if not certainty and _NEGATION_RE.search(before):
                continue
            unquoted = _without(text, sentence, skip)
            if owned is None:
                owned = bool(_OWNED_RE.search(unquoted))
            reported = bool(_REPORTED_RE.search(unquoted[: match.start() - sentence.start]))
            if (owned or reported) and not certainty:
                continue
            if certainty:
                message = (
                    f"\u201c{found}\u201d makes a view sound like a fact. The child should be able to tell "
                    "what you saw from what you think."
                )
                suggestion = "Leave it out, or say what you saw or heard that made you think so."
            else:
                message = (
                    f"\u201c{found}\u201d is a judgement written as a fact, and nobody owns it. "
                    "Describe what happened, or say whose view it is."
                )
                suggestion = "Say what you saw or heard, or own the view: \u201cI think\u2026\u201d."
            findings.append(Finding(OPINION_AS_FACT, match.start(), match.end(), found, message, suggestion))
    return findings


def _without(text: str, sentence: Span, skip: Sequence[Span]) -> str:
    """The sentence with quoted passages blanked out, so a quote cannot own an opinion."""
    chars = list(text[sentence.start : sentence.end])
    for span in skip:
        for index in range(max(span.start, sentence.start), min(span.end, sentence.end)):
            chars[index - sentence.start] = " "
    return "".join(chars)
