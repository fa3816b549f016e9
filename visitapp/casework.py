"""The caseload service: what the screens ask for, as plain dataclasses, with every change audited.

Controllers call this; nothing above it sees SQL. One ``Casework`` wraps one connection, so it belongs to
the thread that made it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from visitapp.domain.models import CaseloadRow, Child, Person, Visit, VisitStatus
from visitapp.store import children, settings, visits
from visitapp.store.audit import last_action_at
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, transaction

AUTO_LOCK_DEFAULT_MINUTES = 5
AUTO_LOCK_MAX_MINUTES = 15  # the policy maximum a council's information governance team signs up to
_NOTES_AUDIT_GAP = timedelta(
    minutes=10
)  # autosave runs every few seconds; the trail needs one line per sitting


SIGNED_OFF_MESSAGE = "This visit is signed off, so it cannot be changed. Add an amendment instead."


class CaseworkError(Exception):
    """Something the worker asked for cannot be done; the message says why in plain words."""


class Casework:
    def __init__(self, conn: Connection, worker_id: str) -> None:
        self.conn = conn
        self.worker_id = worker_id
        # When each visit's notes were last audited: autosave need not ask the audit trail every time.
        self._notes_audited_at: dict[str, datetime] = {}

    # Children ---------------------------------------------------------------------------------------------

    def caseload(self) -> list[CaseloadRow]:
        return children.caseload(self.conn)

    def child(self, child_id: str) -> Child:
        found = children.get_child(self.conn, child_id)
        if found is None:
            raise CaseworkError("That child's record could not be found.")
        return found

    def save_child(self, child: Child, today: date | None = None) -> None:
        child.full_name = " ".join(child.full_name.split())
        if not child.full_name:
            raise CaseworkError("Please give the child's full name.")
        if child.date_of_birth and child.date_of_birth > (today or date.today()):
            raise CaseworkError("The date of birth is in the future. Please check it.")
        with transaction(self.conn):
            created = children.upsert_child(self.conn, child)
            audit(
                self.conn, self.worker_id, "child.created" if created else "child.updated", "child", child.id
            )

    def people(self, child_id: str) -> list[Person]:
        return children.people_for(self.conn, child_id)

    def save_person(self, person: Person) -> None:
        person.name = " ".join(person.name.split())
        if not person.name:
            raise CaseworkError("Please give the person's name.")
        with transaction(self.conn):
            created = children.upsert_person(self.conn, person)
            audit(
                self.conn,
                self.worker_id,
                "person.added" if created else "person.updated",
                "person",
                person.id,
            )

    def remove_person(self, person_id: str) -> None:
        with transaction(self.conn):
            children.delete_person(self.conn, person_id)
            audit(self.conn, self.worker_id, "person.removed", "person", person_id)

    # Visits -----------------------------------------------------------------------------------------------

    def visits(self, child_id: str) -> list[Visit]:
        return visits.visits_for(self.conn, child_id)

    def signed_off_visits(self, child_id: str) -> set[str]:
        """Ids of the child's visits that are signed off (locked: read only)."""
        return visits.signed_off_ids(self.conn, child_id)

    def visit(self, visit_id: str) -> Visit:
        found = visits.get_visit(self.conn, visit_id)
        if found is None:
            raise CaseworkError("That visit could not be found.")
        return found

    def save_visit(self, visit: Visit) -> None:
        if visits.signed_off(self.conn, visit.id):
            raise CaseworkError(SIGNED_OFF_MESSAGE)
        was = visits.visit_status(self.conn, visit.id)
        with transaction(self.conn):
            created = visits.upsert_visit(self.conn, visit)
            action = "visit.created" if created else "visit.updated"
            if visit.status is VisitStatus.COMPLETED and was is not VisitStatus.COMPLETED:
                action = "visit.completed"
            audit(self.conn, self.worker_id, action, "visit", visit.id)

    def save_notes(self, visit_id: str, notes: str) -> None:
        """Autosave, every few seconds while the worker types: one UPDATE, audited once per sitting.

        Between audit lines the UPDATE runs alone, as its own transaction: inside BEGIN ... COMMIT SQLite
        keeps a statement journal for it (its triggers may abort it), and with SQLCipher's memory security on
        each of that journal's allocations costs two system calls. When the sitting's audit line was written
        is remembered here, so the trail is read once per visit and session, not on every save.
        """
        last = self._notes_audited_at.get(visit_id)
        if last is None:
            last = last_action_at(self.conn, visit_id, "visit.notes_edited")
        now = datetime.now(UTC)
        if last is not None and now - last <= _NOTES_AUDIT_GAP:
            if not visits.save_notes(self.conn, visit_id, notes):
                raise CaseworkError(SIGNED_OFF_MESSAGE)
            self._notes_audited_at[visit_id] = last
            return
        with transaction(self.conn):
            if not visits.save_notes(self.conn, visit_id, notes):
                raise CaseworkError(SIGNED_OFF_MESSAGE)
            audit(self.conn, self.worker_id, "visit.notes_edited", "visit", visit_id)
        self._notes_audited_at[visit_id] = now

    def complete_visit(self, visit_id: str) -> Visit:
        visit = self.visit(visit_id)
        visit.status = VisitStatus.COMPLETED
        self.save_visit(visit)
        return visit

    # Settings ---------------------------------------------------------------------------------------------

    def auto_lock_minutes(self) -> int:
        stored = settings.get(self.conn, "auto_lock_minutes")
        try:
            value = int(stored) if stored else AUTO_LOCK_DEFAULT_MINUTES
        except ValueError:
            value = AUTO_LOCK_DEFAULT_MINUTES
        return max(1, min(value, AUTO_LOCK_MAX_MINUTES))

    def set_auto_lock_minutes(self, minutes: int) -> None:
        if not 1 <= minutes <= AUTO_LOCK_MAX_MINUTES:
            raise CaseworkError(f"Auto-lock can be set from 1 to {AUTO_LOCK_MAX_MINUTES} minutes.")
        with transaction(self.conn):
            settings.put(self.conn, "auto_lock_minutes", str(minutes))
            audit(self.conn, self.worker_id, "settings.auto_lock", "worker", self.worker_id)
