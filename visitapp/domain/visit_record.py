"""What a guided visit records beyond its notes: time alone, the child's words, what the worker saw,
the Signs of Safety map, direct-work answers, actions, the next visit, and later amendments.

Everything the child said is kept word for word. Once a visit is completed a quote's words never change;
a worker who needs to add something writes an annotation beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from visitapp.domain.models import new_id


class NotAloneReason(StrEnum):
    DECLINED = "declined"
    TOO_YOUNG = "too_young"
    ASLEEP = "asleep"
    NOT_AT_HOME = "not_at_home"
    PARENT_REFUSED = "parent_refused"
    INTERPRETER_NEEDED = "interpreter_needed"
    OTHER = "other"


NOT_ALONE_LABELS = {
    NotAloneReason.DECLINED: "The child did not want to",
    NotAloneReason.TOO_YOUNG: "Too young",
    NotAloneReason.ASLEEP: "Asleep",
    NotAloneReason.NOT_AT_HOME: "Not at home",
    NotAloneReason.PARENT_REFUSED: "A parent or carer said no",
    NotAloneReason.INTERPRETER_NEEDED: "An interpreter was needed",
    NotAloneReason.OTHER: "Other (say why)",
}


class SharedHow(StrEnum):
    TOLD_ME_ALONE = "told_me_alone"
    DURING_PLAY = "during_play"
    WRITTEN_BY_CHILD = "written_by_child"
    THROUGH_INTERPRETER = "through_interpreter"
    IN_A_DRAWING = "in_a_drawing"
    OTHER = "other"


SHARED_HOW_LABELS = {
    SharedHow.TOLD_ME_ALONE: "Told me when we were alone",
    SharedHow.DURING_PLAY: "Said while we played",
    SharedHow.WRITTEN_BY_CHILD: "Wrote it themselves",
    SharedHow.THROUGH_INTERPRETER: "Through an interpreter",
    SharedHow.IN_A_DRAWING: "In a drawing",
    SharedHow.OTHER: "Another way",
}


class QuoteKind(StrEnum):
    WORDS = "words"
    WISH = "wish"
    FEELING = "feeling"


class ObservationArea(StrEnum):
    PRESENTATION = "presentation"
    INTERACTION = "interaction"
    HOME_CONDITIONS = "home_conditions"
    OTHER = "other"


OBSERVATION_LABELS = {
    ObservationArea.PRESENTATION: "How the child looked and seemed",
    ObservationArea.INTERACTION: "How the child and the adults were with each other",
    ObservationArea.HOME_CONDITIONS: "The home",
    ObservationArea.OTHER: "Anything else I saw",
}


class SafetyCategory(StrEnum):
    """The Signs of Safety map: worries, what is working well, what needs to happen."""

    HARM = "harm"
    DANGER_STATEMENT = "danger_statement"
    COMPLICATING_FACTORS = "complicating_factors"
    STRENGTHS = "strengths"
    EXISTING_SAFETY = "existing_safety"
    SAFETY_GOALS = "safety_goals"
    NEXT_STEPS = "next_steps"


SAFETY_COLUMNS = {
    "What are we worried about?": (SafetyCategory.HARM, SafetyCategory.DANGER_STATEMENT,
                                   SafetyCategory.COMPLICATING_FACTORS),
    "What is working well?": (SafetyCategory.STRENGTHS, SafetyCategory.EXISTING_SAFETY),
    "What needs to happen?": (SafetyCategory.SAFETY_GOALS, SafetyCategory.NEXT_STEPS),
}  # fmt: skip

SAFETY_LABELS = {
    SafetyCategory.HARM: "Harm: what has already hurt the child",
    SafetyCategory.DANGER_STATEMENT: "Danger: what could happen if nothing changes",
    SafetyCategory.COMPLICATING_FACTORS: "What makes things harder",
    SafetyCategory.STRENGTHS: "Strengths: people and things that help",
    SafetyCategory.EXISTING_SAFETY: "Safety already there when things go wrong",
    SafetyCategory.SAFETY_GOALS: "Safety goals: what we need to see",
    SafetyCategory.NEXT_STEPS: "Next steps",
}


@dataclass
class TimeAlone:
    child_seen: bool = True
    not_seen_reason: str = ""
    not_seen_next_steps: str = ""
    seen_alone: bool | None = None  # None: not recorded yet
    minutes: int = 0
    place: str = ""
    not_alone_reason: NotAloneReason | None = None
    not_alone_other: str = ""
    timer_started_at: datetime | None = None  # set while the timer runs, across steps and screens

    def is_running(self) -> bool:
        return self.timer_started_at is not None


@dataclass
class Quote:
    visit_id: str
    words: str
    said_at: datetime
    prompt: str = ""  # the question asked, or the direct-work tool that drew it out
    shared_how: SharedHow = SharedHow.TOLD_ME_ALONE
    child_alone: bool = True
    kind: QuoteKind = QuoteKind.WORDS
    annotations: list[QuoteAnnotation] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass
class QuoteAnnotation:
    quote_id: str
    text: str
    at: datetime
    id: str = field(default_factory=new_id)


@dataclass
class Observation:
    visit_id: str
    area: ObservationArea
    text: str
    id: str = field(default_factory=new_id)


@dataclass
class SafetyEntry:
    visit_id: str
    category: SafetyCategory
    text: str
    id: str = field(default_factory=new_id)


@dataclass
class ScaleRating:
    """One person's 0-10 answer: 10 means safe enough to close, 0 means the child cannot live at home."""

    visit_id: str
    who: str
    score: int
    reason: str = ""
    one_step_higher: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class ToolEntry:
    visit_id: str
    tool: str  # a key in resources/direct_work_tools.toml
    answers: dict[str, str]  # field key -> the child's own words
    id: str = field(default_factory=new_id)


@dataclass
class Action:
    child_id: str
    visit_id: str
    who: str
    what: str
    due_on: date | None = None
    done_on: date | None = None
    id: str = field(default_factory=new_id)


@dataclass
class Amendment:
    """A change to a signed-off record: kept beside the original, never instead of it."""

    visit_id: str
    part: str  # what was amended, e.g. "notes" or "purpose"
    text: str
    reason: str
    at: datetime
    by: str
    id: str = field(default_factory=new_id)


@dataclass
class NextVisit:
    planned_on: date | None = None
    later_reason: str = ""
