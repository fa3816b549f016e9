"""Kit's made-up winter of visits, recorded into a real vault through the visit flow and finished."""

from __future__ import annotations

from datetime import date, datetime

from tests.visitapp.writing.update_visits import PEOPLE, kit_records
from visitapp.casework import Casework
from visitapp.domain.models import VisitStatus
from visitapp.domain.visit_steps import VisitRecord
from visitapp.store.db import Connection
from visitapp.visit_flow import VisitFlow


def record_visit(casework: Casework, flow: VisitFlow, record: VisitRecord) -> str:
    """One visit, typed in as a worker would, then finished unless it is still a draft."""
    visit = record.visit
    finished = visit.status is VisitStatus.COMPLETED
    visit.status = VisitStatus.DRAFT
    casework.save_visit(visit)
    for quote in record.quotes:
        flow.add_quote(visit.id, quote.words, quote.prompt, quote.shared_how, kind=quote.kind)
    for entry in record.safety:
        flow.add_safety_entry(visit.id, entry.category, entry.text)
    for observation in record.observations:
        flow.add_observation(visit.id, observation.area, observation.text)
    for tool in record.tools:
        flow.add_tool_entry(visit.id, tool.tool, tool.answers)
    for action in record.actions:
        flow.save_action(action)
    if record.time_alone.seen_alone is not None:
        flow.save_time_alone(visit.id, record.time_alone)
    if record.next_visit.planned_on is not None:
        flow.set_next_visit(visit.id, record.next_visit.planned_on, "Agreed with the family.")
    if finished:
        flow.complete(visit.id)
    return visit.id


def record_kit(casework: Casework, conn: Connection) -> str:
    """Kit, the people in Kit's life and every visit (three in the period); returns Kit's child id."""
    records = kit_records()
    child = records[0].child
    casework.save_child(child, today=date(2026, 3, 1))
    for person in PEOPLE:
        casework.save_person(person)
    flow = VisitFlow(conn, casework.worker_id, clock=lambda: datetime(2026, 3, 1, 9, 0))
    for record in sorted(records, key=lambda r: r.visit.starts_at):
        record_visit(casework, flow, record)
    return child.id
