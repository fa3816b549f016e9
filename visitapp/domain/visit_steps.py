"""The steps of a guided visit and whether each is done, not yet started, or needs the worker's attention.

Pure functions over a ``VisitRecord``, so the side list on the visit screen and the Finish step agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from visitapp.domain.models import Child, CommunicationNeed, Visit, VisitStatus
from visitapp.domain.visit_record import (
    Action,
    Amendment,
    NextVisit,
    NotAloneReason,
    Observation,
    Quote,
    SafetyEntry,
    ScaleRating,
    TimeAlone,
    ToolEntry,
)


class Step(StrEnum):
    BEFORE_YOU_GO = "before_you_go"
    WHO_IS_HERE = "who_is_here"
    SHARE_LAST_RECORD = "share_last_record"
    TIME_ALONE = "time_alone"
    CHILDS_WORDS = "childs_words"
    WHAT_I_SAW = "what_i_saw"
    SIGNS_OF_SAFETY = "signs_of_safety"
    ACTIONS = "actions"
    NEXT_VISIT = "next_visit"
    FINISH = "finish"


STEP_LABELS = {
    Step.BEFORE_YOU_GO: "Before you go",
    Step.WHO_IS_HERE: "Who is here",
    Step.SHARE_LAST_RECORD: "Share the last record",
    Step.TIME_ALONE: "Time alone with the child",
    Step.CHILDS_WORDS: "The child's words",
    Step.WHAT_I_SAW: "What I saw",
    Step.SIGNS_OF_SAFETY: "Worries, what's working, what needs to happen",
    Step.ACTIONS: "Actions",
    Step.NEXT_VISIT: "Next visit",
    Step.FINISH: "Finish",
}


class StepState(StrEnum):
    DONE = "done"
    NOT_YET = "not_yet"
    NEEDS_ATTENTION = "needs_attention"
    NOT_NEEDED = "not_needed"  # nothing to do at this visit: there is no last record to share at a first one


@dataclass
class VisitRecord:
    """Everything the visit screen shows, loaded at once."""

    visit: Visit
    child: Child
    time_alone: TimeAlone
    quotes: list[Quote] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    safety: list[SafetyEntry] = field(default_factory=list)
    scales: list[ScaleRating] = field(default_factory=list)
    tools: list[ToolEntry] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    open_actions_before: list[Action] = field(default_factory=list)  # agreed at earlier visits, not done
    agreed_last_time: list[SafetyEntry] = field(default_factory=list)  # the last visit's next steps
    previous_visit_id: str | None = None
    # The visit the family is shown at "Share the last record": the last completed one before this (id, start)
    record_to_share: tuple[str, datetime] | None = None
    amendments: list[Amendment] = field(default_factory=list)
    chose_not_to_share: str = ""
    shared_last_record: bool = False
    next_visit: NextVisit = field(default_factory=NextVisit)
    next_due: date | None = None
    completed_at: datetime | None = None
    signed_off_at: datetime | None = None
    recorded_within_one_working_day: bool | None = None

    @property
    def observations_essential(self) -> bool:
        """For babies, young children and children who do not use words, what we saw is the record."""
        age = self.child.age_on(self.visit.starts_at.date())
        young = age is not None and age < 5
        return young or CommunicationNeed.NON_VERBAL in self.child.communication_needs


def time_alone_problem(alone: TimeAlone) -> str | None:
    """What is missing from the time-alone step, in plain words; None when it is complete."""
    if not alone.child_seen:
        if not alone.not_seen_reason.strip() or not alone.not_seen_next_steps.strip():
            return "Say why the child was not seen, and what happens next."
        return None
    if alone.is_running():
        return "The time-alone timer is still running."
    if alone.seen_alone is None:
        return "Record whether you saw the child on their own."
    if alone.seen_alone:
        return None if alone.minutes > 0 else "Record how many minutes you had alone with the child."
    if alone.not_alone_reason is None:
        return "Say why the child was not seen alone."
    if alone.not_alone_reason is NotAloneReason.OTHER and not alone.not_alone_other.strip():
        return "Say in your own words why the child was not seen alone."
    return None


def step_states(record: VisitRecord, next_visit_later_than_due: bool) -> dict[Step, StepState]:
    s: dict[Step, StepState] = {}
    done, not_yet, attention = StepState.DONE, StepState.NOT_YET, StepState.NEEDS_ATTENTION
    s[Step.BEFORE_YOU_GO] = done if record.visit.purpose.strip() else not_yet
    s[Step.WHO_IS_HERE] = done if record.visit.present_person_ids else not_yet
    if record.previous_visit_id is None:
        s[Step.SHARE_LAST_RECORD] = StepState.NOT_NEEDED
    else:
        s[Step.SHARE_LAST_RECORD] = done if record.shared_last_record else not_yet
    problem = time_alone_problem(record.time_alone)
    alone = record.time_alone
    # A running timer is time alone under way, not a slip: it wants attention only once it is over.
    under_way = alone.child_seen and (alone.seen_alone is None or alone.is_running())
    s[Step.TIME_ALONE] = done if problem is None else (not_yet if under_way else attention)
    s[Step.CHILDS_WORDS] = done if record.quotes or record.chose_not_to_share.strip() else not_yet
    if record.observations:
        s[Step.WHAT_I_SAW] = done
    else:
        s[Step.WHAT_I_SAW] = attention if record.observations_essential else not_yet
    s[Step.SIGNS_OF_SAFETY] = done if record.safety or record.scales else not_yet
    s[Step.ACTIONS] = done if record.actions else not_yet
    if record.next_visit.planned_on is None:
        s[Step.NEXT_VISIT] = not_yet
    else:
        s[Step.NEXT_VISIT] = attention if next_visit_later_than_due else done
    s[Step.FINISH] = done if record.visit.status is VisitStatus.COMPLETED else not_yet
    if record.visit.status is VisitStatus.COMPLETED:
        s = {step: (attention if state is not_yet and step in NEEDED_TO_FINISH else state)
             for step, state in s.items()}  # fmt: skip
    return s


# What Finish insists on. The rest is good practice the side list encourages but does not demand.
NEEDED_TO_FINISH = {Step.TIME_ALONE, Step.NEXT_VISIT}


def finish_problems(record: VisitRecord, next_visit_later_than_due: bool) -> list[str]:
    problems = []
    problem = time_alone_problem(record.time_alone)
    if problem:
        problems.append(problem)
    if record.next_visit.planned_on is None:
        problems.append("Choose the date of the next visit.")
    elif next_visit_later_than_due and not record.next_visit.later_reason.strip():
        problems.append("The next visit is later than it is due: say why.")
    return problems
