"""Sharing the last record with the family, and what they say about it.

The family's view is kept beside the record, never instead of it: a response never changes the record.
If the worker agrees something was wrong, the correction is an amendment linked to the response.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from visitapp.domain.models import new_id


class Verdict(StrEnum):
    AGREE = "agree"
    WRONG_OR_MISSING = "wrong_or_missing"
    DISAGREE = "disagree"


VERDICT_LABELS = {
    Verdict.AGREE: "Yes, this is right",
    Verdict.WRONG_OR_MISSING: "Something is wrong or missing",
    Verdict.DISAGREE: "We disagree with it",
}


class AnswerKind(StrEnum):
    CHANGED = "changed"  # the worker corrected the record (an amendment, once signed off)
    KEPT = "kept"  # the worker kept the record as it was, and says why


@dataclass
class FamilyResponse:
    record_visit_id: str  # the visit whose record was shared
    verdict: Verdict
    speaker: str  # who is speaking, as the family put it: "Mum", "Dad", "Kai", "Nanna Jo"
    words: str  # their words, exactly
    at: datetime
    during_visit_id: str | None = None  # the visit at which it was shared, if any
    answer: str = ""
    answer_kind: AnswerKind | None = None
    answered_at: datetime | None = None
    amendment_id: str | None = None
    id: str = field(default_factory=new_id)

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


# Parts of a visit record the worker can mark "not for sharing" (third-party information, another child).
# The child's own words (quotes, direct-work answers) are never in this list: they reach the family only
# through the letter, where the worker chose them, because a child may have said them in confidence.
SHAREABLE_PARTS = ("observations", "safety_entries", "scale_ratings", "actions")


@dataclass(frozen=True)
class SharedItem:
    heading: str  # which part of the record this belongs to, in plain words
    text: str


@dataclass(frozen=True)
class SharedPicture:
    picture_id: str
    description: str  # the child's own words about it


@dataclass(frozen=True)
class SharedAmendment:
    part: str
    text: str
    reason: str
    at: datetime


@dataclass
class SharedRecord:
    """Exactly what the family view may show: one visit of one child, minus what is not for sharing."""

    visit_id: str
    child_name: str  # the name the child likes to be called
    visit_date: date
    place: str
    purpose: str
    who_was_there: list[str]
    letter: str | None
    items: list[SharedItem]
    pictures: list[SharedPicture]
    amendments: list[SharedAmendment]
    next_visit: date | None
    responses: list[FamilyResponse]
