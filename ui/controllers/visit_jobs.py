"""Store jobs for the guided visit. Each change runs and then reads the visit back in the same job, so the
screen gets the saved state (step ticks, what is missing) in one round trip to the store thread."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ui.store_worker import StoreContext
from visitapp.domain.models import Person
from visitapp.domain.visit_steps import Step, StepState, VisitRecord, finish_problems, step_states
from visitapp.practice.direct_work import DirectWorkTool

if TYPE_CHECKING:  # loaded on the store thread at first use, not at start-up (the holiday tables are slow)
    from visitapp.practice.timescales import DueVisit
    from visitapp.visit_flow import VisitFlow


@dataclass(frozen=True)
class Loaded:
    record: VisitRecord
    states: dict[Step, StepState]
    problems: list[str]  # what Finish needs, in plain words
    people: list[Person]
    due: DueVisit
    tools: dict[str, DirectWorkTool]
    not_shared: frozenset[str] = frozenset()  # entries the family view leaves out
    unadded: Mapping[str, str] = field(default_factory=dict)  # typed, not added, by box: read on opening


def snapshot(context: StoreContext, visit_id: str) -> Loaded:
    from ui.family.jobs import service as family_service
    from visitapp.practice.timescales import later_than_due_needs_reason

    flow = context.flow
    record = flow.open(visit_id)
    due = flow.due_after(record)
    planned = record.next_visit.planned_on
    later = planned is not None and later_than_due_needs_reason(planned, due)
    return Loaded(
        record=record,
        states=step_states(record, later),
        problems=finish_problems(record, later),
        people=context.casework.people(record.child.id),
        due=due,
        tools=flow.tools,
        not_shared=frozenset(family_service(context).not_shared(visit_id)),
    )


def load(visit_id: str) -> Callable[[StoreContext], Loaded]:
    """The visit as it opens, with the words left typed but not added when it was last left."""
    return lambda context: replace(snapshot(context, visit_id), unadded=context.flow.unadded(visit_id))


def change(visit_id: str, do: Callable[[VisitFlow], object]) -> Callable[[StoreContext], Loaded]:
    """Make the change through the visit flow, then read the visit back."""

    def job(context: StoreContext) -> Loaded:
        do(context.flow)
        return snapshot(context, visit_id)

    return job


def change_casework(visit_id: str, do: Callable[[StoreContext], object]) -> Callable[[StoreContext], Loaded]:
    def job(context: StoreContext) -> Loaded:
        do(context)
        return snapshot(context, visit_id)

    return job
