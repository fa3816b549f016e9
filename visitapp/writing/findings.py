"""What the letter checker reports: one ``Finding`` per place in the text that needs the worker's eye."""

from __future__ import annotations

from dataclasses import asdict, dataclass

JARGON = "jargon"
ACRONYM = "acronym"
UNKNOWN_ACRONYM = "unknown_acronym"
THIRD_PERSON = "third_person"
LONG_SENTENCE = "long_sentence"
NUMERIC_DATE = "numeric_date"
NO_ROLE = "no_role"
OPINION_AS_FACT = "opinion_as_fact"
CHANGED_QUOTE = "changed_quote"

KINDS: tuple[str, ...] = (
    JARGON,
    ACRONYM,
    UNKNOWN_ACRONYM,
    THIRD_PERSON,
    LONG_SENTENCE,
    NUMERIC_DATE,
    NO_ROLE,
    OPINION_AS_FACT,
    CHANGED_QUOTE,
)

# Short headings for the worker, one per kind.
KIND_LABELS: dict[str, str] = {
    JARGON: "Social-work word",
    ACRONYM: "Initials",
    UNKNOWN_ACRONYM: "Unknown initials",
    THIRD_PERSON: 'Write "you"',
    LONG_SENTENCE: "Long sentence",
    NUMERIC_DATE: "Date in numbers",
    NO_ROLE: "Who is this?",
    OPINION_AS_FACT: "Opinion as fact",
    CHANGED_QUOTE: "Changed quote",
}


@dataclass(frozen=True)
class Finding:
    """One thing to look at. ``text`` is exactly ``letter[start:end]``; ``suggestion`` is what to write."""

    kind: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
