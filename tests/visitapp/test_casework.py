from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from visitapp.casework import Casework, CaseworkError
from visitapp.domain.models import Child, LegalStatus, Person, Visit, VisitStatus
from visitapp.store import audit, db
from visitapp.visit_flow import VisitFlow


def _child(casework: Casework, name: str = "Robin Larkspur") -> Child:
    child = Child(full_name=name, known_as="Robs", date_of_birth=date(2017, 5, 4),
                  legal_status=LegalStatus.LOOKED_AFTER)  # fmt: skip
    casework.save_child(child)
    return child


def test_child_round_trip_and_caseload(casework: Casework) -> None:
    child = _child(casework)
    assert casework.child(child.id) == child
    rows = casework.caseload()
    assert [r.full_name for r in rows] == ["Robin Larkspur"] and rows[0].last_visit_at is None
    assert child.age_on(date(2026, 5, 3)) == 8 and child.age_on(date(2026, 5, 4)) == 9


def test_people_keep_the_childs_own_words(casework: Casework) -> None:
    child = _child(casework)
    nan = Person(child_id=child.id, name="Josephine Hale", relationship="Nanna Jo")
    teacher = Person(child_id=child.id, name="Mr Abbott", relationship="my teacher", role="class teacher")
    casework.save_person(nan)
    casework.save_person(teacher)
    assert [p.relationship for p in casework.people(child.id)] == ["Nanna Jo", "my teacher"]
    casework.remove_person(nan.id)
    assert [p.name for p in casework.people(child.id)] == ["Mr Abbott"]


def test_visit_notes_autosave_and_sign_off_locks_them(casework: Casework) -> None:
    child = _child(casework)
    person = Person(child_id=child.id, name="Josephine Hale", relationship="Nanna Jo")
    casework.save_person(person)
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 11, 2, 10, 30), present_person_ids=[person.id])
    casework.save_visit(visit)
    casework.save_notes(visit.id, "You showed me your new bike.")
    stored = casework.visit(visit.id)
    assert stored.notes == "You showed me your new bike." and stored.present_person_ids == [person.id]
    assert casework.caseload()[0].last_visit_at == datetime(2026, 11, 2, 10, 30)
    casework.complete_visit(visit.id)
    assert casework.visit(visit.id).status is VisitStatus.COMPLETED
    casework.save_notes(visit.id, "You showed me your new bike. It is red.")  # completed, not yet signed off
    VisitFlow(casework.conn, casework.worker_id).sign_off(visit.id)
    with pytest.raises(CaseworkError, match="signed off"):
        casework.save_notes(visit.id, "changed later")
    with pytest.raises(CaseworkError, match="signed off"):
        casework.save_visit(stored)
    assert casework.visit(visit.id).notes == "You showed me your new bike. It is red."


def test_saving_a_completed_visit_again_is_an_update_in_the_trail(casework: Casework) -> None:
    child = _child(casework)
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 11, 2, 10, 30))
    casework.save_visit(visit)
    casework.complete_visit(visit.id)
    stored = casework.visit(visit.id)
    stored.place = "at school"
    casework.save_visit(stored)  # a detail corrected before sign-off
    actions = [e.action for e in audit.entries_for(casework.conn, visit.id)]
    assert actions == ["visit.created", "visit.completed", "visit.updated"]


def test_bad_child_details_get_clear_messages(casework: Casework) -> None:
    with pytest.raises(CaseworkError, match="full name"):
        casework.save_child(Child(full_name="   "))
    with pytest.raises(CaseworkError, match="future"):
        casework.save_child(
            Child(full_name="Ada Future", date_of_birth=date(2030, 1, 1)), today=date(2026, 1, 1)
        )


def test_audit_trail_is_append_only_and_holds_no_content(casework: Casework) -> None:
    child = _child(casework)
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 11, 2, 10, 30))
    casework.save_visit(visit)
    for n in range(5):
        casework.save_notes(visit.id, f"draft {n}")
    rows = casework.conn.execute("SELECT * FROM audit").fetchall()
    actions = [r[3] for r in rows]
    assert actions.count("visit.notes_edited") == 1  # once per sitting, not per keystroke
    assert "child.created" in actions and "visit.created" in actions
    flat = repr(rows)
    assert "Robin" not in flat and "draft" not in flat
    with pytest.raises(db.DatabaseError, match="append-only"):
        casework.conn.execute("UPDATE audit SET action = 'x'")
    with pytest.raises(db.DatabaseError, match="append-only"):
        casework.conn.execute("DELETE FROM audit")


def test_notes_are_audited_again_when_a_new_sitting_begins(casework: Casework) -> None:
    child = _child(casework)
    visit = Visit(child_id=child.id, starts_at=datetime(2026, 11, 2, 10, 30))
    casework.save_visit(visit)
    casework.save_notes(visit.id, "first sitting")
    # An hour passes (the audit trail cannot be changed, so the session's memory of it is moved back).
    casework._notes_audited_at[visit.id] -= timedelta(hours=1)
    casework.save_notes(visit.id, "second sitting")
    edits = [e for e in audit.entries_for(casework.conn, visit.id) if e.action == "visit.notes_edited"]
    assert len(edits) == 2
    # A new session (after unlock) reads the trail: a sitting already audited is not audited twice.
    again = Casework(casework.conn, casework.worker_id)
    again.save_notes(visit.id, "still the second sitting")
    assert len([e for e in audit.entries_for(again.conn, visit.id) if e.action == "visit.notes_edited"]) == 2
    assert again.visit(visit.id).notes == "still the second sitting"


def test_auto_lock_setting_is_bounded(casework: Casework) -> None:
    assert casework.auto_lock_minutes() == 5
    casework.set_auto_lock_minutes(15)
    assert casework.auto_lock_minutes() == 15
    for bad in (0, 16):
        with pytest.raises(CaseworkError):
            casework.set_auto_lock_minutes(bad)
