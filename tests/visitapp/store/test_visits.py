"""Which earlier visit's record the family is shown, and which visits are signed off, on a real vault."""

from __future__ import annotations

from datetime import datetime

from visitapp.casework import Casework
from visitapp.domain.models import Child, Visit, VisitStatus
from visitapp.store import visits
from visitapp.store.db import transaction


def _child(casework: Casework, name: str = "Rowan Ashby") -> str:
    child = Child(full_name=name)
    casework.save_child(child)
    return child.id


def _visit(casework: Casework, child_id: str, when: datetime, status: VisitStatus = VisitStatus.COMPLETED,
           visit_id: str | None = None) -> Visit:  # fmt: skip
    visit = Visit(child_id=child_id, starts_at=when, status=status)
    if visit_id is not None:
        visit.id = visit_id
    casework.save_visit(visit)
    return visit


def _sign_off(casework: Casework, visit_id: str) -> None:
    with transaction(casework.conn):
        visits.sign_off(casework.conn, visit_id, casework.worker_id)


def test_the_last_completed_visit_before_is_the_latest_and_skips_drafts(casework: Casework) -> None:
    child = _child(casework)
    march = _visit(casework, child, datetime(2026, 3, 4, 10))
    _visit(casework, child, datetime(2026, 3, 18, 10), VisitStatus.DRAFT)
    found = visits.last_completed_before(casework.conn, child, datetime(2026, 4, 1, 9))
    assert found == (march.id, datetime(2026, 3, 4, 10))


def test_the_last_completed_visit_before_is_strictly_before(casework: Casework) -> None:
    child = _child(casework)
    first = _visit(casework, child, datetime(2026, 3, 4, 10))
    this = _visit(casework, child, datetime(2026, 3, 18, 10, 30))
    assert visits.last_completed_before(casework.conn, child, this.starts_at) == (first.id, first.starts_at)
    # Seconds are not stored: a moment later in the same minute is still not after the visit.
    assert (
        visits.last_completed_before(casework.conn, child, datetime(2026, 3, 18, 10, 30, 45))[0] == first.id
    )
    assert visits.last_completed_before(casework.conn, child, first.starts_at) is None


def test_a_visit_earlier_the_same_day_is_the_last_record(casework: Casework) -> None:
    child = _child(casework)
    morning = _visit(casework, child, datetime(2026, 3, 18, 9, 15))
    afternoon = datetime(2026, 3, 18, 14, 0)
    assert visits.last_completed_before(casework.conn, child, afternoon) == (morning.id, morning.starts_at)


def test_two_visits_in_the_same_minute_are_told_apart_by_id(casework: Casework) -> None:
    child = _child(casework)
    when = datetime(2026, 3, 4, 10)
    _visit(casework, child, when, visit_id="00000000-0000-4000-8000-00000000000a")
    later_id = _visit(casework, child, when, visit_id="00000000-0000-4000-8000-00000000000b").id
    for _ in range(3):
        assert visits.last_completed_before(casework.conn, child, datetime(2026, 3, 5, 10))[0] == later_id
    # Neither is before the other: a visit in the same minute is never a visit's last record.
    assert visits.last_completed_before(casework.conn, child, when) is None


def test_the_last_completed_visit_ever_and_only_of_this_child(casework: Casework) -> None:
    child, other = _child(casework), _child(casework, "Juniper Vale")
    assert visits.last_completed_before(casework.conn, child, None) is None
    mine = _visit(casework, child, datetime(2026, 3, 4, 10))
    _visit(casework, other, datetime(2026, 5, 1, 10))
    assert visits.last_completed_before(casework.conn, child, None) == (mine.id, mine.starts_at)


def test_signed_off_ids_are_the_childs_signed_off_visits_only(casework: Casework) -> None:
    child, other = _child(casework), _child(casework, "Juniper Vale")
    assert visits.signed_off_ids(casework.conn, child) == set()
    signed = _visit(casework, child, datetime(2026, 3, 4, 10))
    _visit(casework, child, datetime(2026, 3, 18, 10))  # completed, not signed off
    _visit(casework, child, datetime(2026, 4, 1, 10), VisitStatus.DRAFT)
    theirs = _visit(casework, other, datetime(2026, 3, 4, 10))
    _sign_off(casework, signed.id)
    _sign_off(casework, theirs.id)
    assert visits.signed_off_ids(casework.conn, child) == {signed.id}
    assert casework.signed_off_visits(other) == {theirs.id}
