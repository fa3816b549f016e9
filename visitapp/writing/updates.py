"""The update letter as a service: gather a period's finished visits, keep the worker's edits, check, export.

``UpdateService(conn, worker_id).open(child_id, period)`` composes the update the first time for that child
and period, then always returns the stored draft as an ``UpdateSession``, which offers the letter screen what
``LetterSession`` does (check, preview, export) without going back to the store. ``open(child_id)`` with no
period comes back to the update the worker touched last, or starts one for the last three months. A period
with no finished visit raises ``LetterError`` with a plain message; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from visitapp.domain.models import Child, Person, Worker, new_id
from visitapp.domain.visit_steps import VisitRecord
from visitapp.practice.direct_work import load_tools
from visitapp.store import children, letters, settings, visits
from visitapp.store.audit import last_action_at
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, transaction
from visitapp.visit_flow import FlowError, VisitFlow
from visitapp.writing.composer import LetterPicture
from visitapp.writing.letter_parts import age_on
from visitapp.writing.letters import CheckedLetter, LetterError, export_letter, for_a_letter, recorded_words
from visitapp.writing.periods import EmptyPeriod, Period, default_period, visits_in
from visitapp.writing.update_composer import compose_update

_EDIT_AUDIT_GAP = timedelta(minutes=10)  # one trail line per sitting, not per keystroke
ENTITY = "period_letter"


@dataclass(frozen=True)
class UpdateSession(CheckedLetter):
    """One child's update for one period, loaded once. ``newer_visits``: visits finished in the period
    since the draft was made (the worker may start again to gather them)."""

    letter_id: str
    child_id: str
    period: Period
    visit_ids: tuple[str, ...]
    text: str
    age: int
    child_names: tuple[str, ...]
    names: tuple[str, ...]
    worker_name: str
    recorded_quotes: tuple[str, ...]
    inserted_quote_ids: tuple[str, ...]
    newer_visits: int = 0
    locked: bool = False
    pictures: tuple[LetterPicture | None, ...] = ()

    def images_by_number(self, text: str) -> dict[int, bytes]:
        return {}  # an update gathers words; pictures stay with each visit's own letter

    @property
    def visit_day(self) -> date:
        return self.period.ends_on

    @property
    def default_file_name(self) -> str:
        """ "update-2025-12-01-to-2026-03-01.pdf": the period, and nothing that says whose letter it is."""
        return f"update-{self.period.starts_on.isoformat()}-to-{self.period.ends_on.isoformat()}.pdf"


class UpdateService:
    def __init__(
        self, conn: Connection, worker_id: str, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.conn = conn
        self.worker_id = worker_id
        self.clock = clock
        self.flow = VisitFlow(conn, worker_id, tools=load_tools(), clock=clock)

    def default_period(self) -> Period:
        return default_period(self.clock().date())

    def open(self, child_id: str, period: Period | None = None) -> UpdateSession:
        """The stored update for this period (composing it first if there is none). Without a period: the
        update touched last, or the last three months."""
        if period is None:
            last = letters.latest_update(self.conn, child_id)
            period = Period(last.starts_on, last.ends_on) if last else self.default_period()
        child, people, records = self._load(child_id, period)
        if letters.get_update(self.conn, child_id, period.starts_on, period.ends_on) is None:
            self._compose(child, period, people, records, "update.composed")
        return self._session(child, period, people, records)

    def recompose(self, child_id: str, period: Period) -> UpdateSession:
        """Gather the visits again: the worker's edits are replaced."""
        child, people, records = self._load(child_id, period)
        self._compose(child, period, people, records, "update.recomposed")
        return self._session(child, period, people, records)

    def save(self, letter_id: str, text: str) -> None:
        """The worker's edit (autosaved as they type); audited once per sitting."""
        with transaction(self.conn):
            if not letters.save_update_text(self.conn, letter_id, text):
                raise LetterError("There is no update letter to save this in.")
            last = last_action_at(self.conn, letter_id, "update.edited")
            if last is None or datetime.now(UTC) - last > _EDIT_AUDIT_GAP:
                audit(self.conn, self.worker_id, "update.edited", ENTITY, letter_id)

    def record_export(self, letter_id: str, protected: bool) -> None:
        action = "update.exported_with_password" if protected else "update.exported_without_password"
        with transaction(self.conn):
            audit(self.conn, self.worker_id, action, ENTITY, letter_id)

    def export_pdf(
        self,
        session: UpdateSession,
        text: str,
        folder: Path,
        file_name: str = "",
        password: str | None = None,
    ) -> Path:
        """Build, write and audit in one call (the screen splits these across threads)."""
        path = export_letter(session, text, folder, file_name, password)
        self.record_export(session.letter_id, protected=bool(password))
        return path

    # Inside ---------------------------------------------------------------------------------------------

    def _worker(self) -> Worker:
        loaded = settings.load_worker(self.conn)
        if loaded is None:
            raise LetterError("This vault has no worker details, so the letter cannot be signed.")
        return loaded[1]

    def _load(self, child_id: str, period: Period) -> tuple[Child, list[Person], list[VisitRecord]]:
        child = children.get_child(self.conn, child_id)
        if child is None:
            raise LetterError("That child's record could not be found.")
        listed = [v for v in visits.visits_for(self.conn, child_id) if period.holds(v.starts_at.date())]
        try:
            records = [for_a_letter(self.conn, self.flow.open(visit.id)) for visit in listed]
        except FlowError as exc:
            raise LetterError(str(exc)) from exc
        return child, children.people_for(self.conn, child_id), visits_in(records, period)

    def _compose(
        self, child: Child, period: Period, people: list[Person], records: list[VisitRecord], action: str
    ) -> None:
        try:
            draft = compose_update(child, period, records, people, self._worker(), self.flow.tools)
        except EmptyPeriod as exc:
            raise LetterError(str(exc)) from exc
        span = (period.starts_on, period.ends_on)
        with transaction(self.conn):
            letter_id = letters.put_update_composed(
                self.conn, new_id(), child.id, span, draft.text, draft.quote_ids, draft.visit_ids
            )
            audit(self.conn, self.worker_id, action, ENTITY, letter_id)

    def _session(
        self, child: Child, period: Period, people: list[Person], records: list[VisitRecord]
    ) -> UpdateSession:
        stored = letters.get_update(self.conn, child.id, period.starts_on, period.ends_on)
        assert stored is not None
        gathered = set(stored.visit_ids)
        return UpdateSession(
            letter_id=stored.id,
            child_id=child.id,
            period=period,
            visit_ids=stored.visit_ids,
            text=stored.text,
            age=age_on(child, period.ends_on),
            child_names=tuple(n for n in (child.full_name, child.known_as, child.display_name) if n),
            names=tuple(n for p in people for n in (p.name, p.relationship) if n.strip()),
            worker_name=self._worker().full_name,
            recorded_quotes=tuple(words for record in records for words in recorded_words(record)),
            inserted_quote_ids=stored.quote_ids,
            newer_visits=sum(1 for record in records if record.visit.id not in gathered),
        )
