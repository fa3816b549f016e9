"""The guided visit as a service: open a visit with all its parts, record each part, finish, sign off, amend.

Controllers call this with plain values and get dataclasses back. Every change is audited by id. The
child's words are stored exactly as typed; nothing here trims or tidies them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime

from visitapp.domain.models import CaseloadRow, VisitStatus
from visitapp.domain.visit_record import (
    Action,
    Amendment,
    NextVisit,
    Observation,
    ObservationArea,
    Quote,
    QuoteAnnotation,
    QuoteKind,
    SafetyCategory,
    SafetyEntry,
    ScaleRating,
    SharedHow,
    TimeAlone,
    ToolEntry,
)
from visitapp.domain.visit_steps import Step, StepState, VisitRecord, finish_problems, step_states
from visitapp.practice.direct_work import DirectWorkTool, load_tools
from visitapp.practice.timescales import (
    DEFAULT_RULE_FOR_STATUS,
    DueVisit,
    VisitingRule,
    later_than_due_needs_reason,
    load_rules,
    next_visit_due,
    weeks_since_seen_alone,
)
from visitapp.practice.workdays import add_working_days
from visitapp.store import children, settings, visit_parts, visits
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, DatabaseError, transaction


class FlowError(Exception):
    """A step cannot be saved as asked; the message says why in plain words."""


_UNADDED_KEY = "unadded:{0}"  # a vault setting, never synced: typing not yet part of the record


class VisitFlow:
    def __init__(self, conn: Connection, worker_id: str, rules: dict[str, VisitingRule] | None = None,
                 tools: dict[str, DirectWorkTool] | None = None,
                 clock: Callable[[], datetime] = datetime.now) -> None:  # fmt: skip
        self.conn = conn
        self.worker_id = worker_id
        self.rules = rules if rules is not None else load_rules()
        self.tools = tools if tools is not None else load_tools()
        self.clock = clock

    # Reading ------------------------------------------------------------------------------------------------

    def rule_for(self, child_id: str) -> VisitingRule:
        child = children.get_child(self.conn, child_id)
        if child is None:
            raise FlowError("That child's record could not be found.")
        key = child.visiting_rule or DEFAULT_RULE_FOR_STATUS[child.legal_status]
        return self.rules.get(key) or self.rules[DEFAULT_RULE_FOR_STATUS[child.legal_status]]

    def open(self, visit_id: str) -> VisitRecord:
        visit = visits.get_visit(self.conn, visit_id)
        if visit is None:
            raise FlowError("That visit could not be found.")
        child = children.get_child(self.conn, visit.child_id)
        assert child is not None  # a foreign key guarantees it
        shy, shared, next_visit, completed_at, signed_off_at = visits.get_flags(self.conn, visit_id)
        previous = self.conn.execute(
            "SELECT id FROM visits WHERE child_id = ? AND starts_at < ? ORDER BY starts_at DESC LIMIT 1",
            (child.id, visit.starts_at.isoformat(timespec="minutes")),
        ).fetchone()
        previous_id = previous[0] if previous else None
        agreed = [e for e in visit_parts.safety_entries_for(self.conn, previous_id)
                  if e.category is SafetyCategory.NEXT_STEPS] if previous_id else []  # fmt: skip
        record = VisitRecord(
            visit=visit, child=child, time_alone=visits.get_time_alone(self.conn, visit_id),
            quotes=visit_parts.quotes_for(self.conn, visit_id),
            observations=visit_parts.observations_for(self.conn, visit_id),
            safety=visit_parts.safety_entries_for(self.conn, visit_id),
            scales=visit_parts.scales_for(self.conn, visit_id),
            tools=visit_parts.tool_entries_for(self.conn, visit_id),
            actions=visit_parts.actions_for_visit(self.conn, visit_id),
            open_actions_before=[a for a in visit_parts.open_actions_for_child(self.conn, child.id)
                                 if a.visit_id != visit_id],
            agreed_last_time=agreed, previous_visit_id=previous_id,
            record_to_share=visits.last_completed_before(self.conn, child.id, visit.starts_at),
            amendments=visit_parts.amendments_for(self.conn, visit_id),
            chose_not_to_share=shy, shared_last_record=shared, next_visit=next_visit,
            completed_at=completed_at, signed_off_at=signed_off_at,
        )  # fmt: skip
        record.next_due = self.due_after(record).due
        if completed_at is not None:
            deadline = add_working_days(visit.starts_at.date(), 1)
            record.recorded_within_one_working_day = completed_at.date() <= deadline
        return record

    def due_after(self, record: VisitRecord) -> DueVisit:
        """When the next visit is due, counting from the last time the child was seen, up to this visit."""
        rule = self.rule_for(record.child.id)
        day = record.visit.starts_at.date()
        row = self.conn.execute(
            "SELECT max(starts_at) FROM visits WHERE child_id = ? AND child_seen AND starts_at <= ?",
            (record.child.id, record.visit.starts_at.isoformat(timespec="minutes")),
        ).fetchone()
        last_seen = datetime.fromisoformat(row[0]).date() if row[0] else None
        return next_visit_due(rule, day, last_seen, record.child.plan_start)

    def steps(self, record: VisitRecord) -> dict[Step, StepState]:
        return step_states(record, self._later_than_due(record))

    def _later_than_due(self, record: VisitRecord) -> bool:
        planned = record.next_visit.planned_on
        return planned is not None and later_than_due_needs_reason(planned, self.due_after(record))

    # Recording ----------------------------------------------------------------------------------------------

    def _write(
        self, visit_id: str, action: str, entity: str, entity_id: str, change: Callable[[], object]
    ) -> None:
        if visits.signed_off(self.conn, visit_id):
            raise FlowError("This visit is signed off, so it cannot be changed. Add an amendment instead.")
        try:
            with transaction(self.conn):
                change()
                audit(self.conn, self.worker_id, action, entity, entity_id)
        except DatabaseError as exc:  # a trigger refused it; say why in the worker's words
            raise FlowError(_plain(str(exc))) from exc

    def save_time_alone(self, visit_id: str, alone: TimeAlone) -> None:
        if alone.minutes < 0 or alone.minutes > 600:
            raise FlowError("Minutes alone should be between 0 and 600.")
        self._write(visit_id, "visit.time_alone", "visit", visit_id,
                    lambda: visits.save_time_alone(self.conn, visit_id, alone))  # fmt: skip

    def update_time_alone(self, visit_id: str, typed: TimeAlone) -> TimeAlone:
        """Saves what the worker typed on the time-alone step. The timer belongs to start/stop: while it runs,
        its start and the minutes counted so far are kept as stored, whatever the form says."""
        stored = visits.get_time_alone(self.conn, visit_id)
        alone = replace(typed, timer_started_at=stored.timer_started_at)
        if stored.is_running():
            alone.minutes, alone.seen_alone = stored.minutes, True
        self.save_time_alone(visit_id, alone)
        return alone

    # Words typed in a box but not added ---------------------------------------------------------------------

    def keep_unadded(self, visit_id: str, words: Mapping[str, str]) -> None:
        """Keep what is typed in the visit's boxes but not added (by box), in the vault, when the visit is
        left or the app locks: it is not in the record until the worker presses Add, but it is not lost
        either, nor left on the screen behind the lock."""
        key = _UNADDED_KEY.format(visit_id)
        kept = {box: text for box, text in words.items() if text.strip()}
        with transaction(self.conn):
            if kept:
                settings.put(self.conn, key, json.dumps(kept))
            else:
                settings.delete(self.conn, key)

    def unadded(self, visit_id: str) -> dict[str, str]:
        """What ``keep_unadded`` kept for the visit, to put back in its boxes."""
        kept = settings.get(self.conn, _UNADDED_KEY.format(visit_id))
        try:
            loaded = json.loads(kept) if kept else {}
        except ValueError:  # damaged: the visit must still open, with empty boxes, rather than not at all
            return {}
        return {str(box): str(text) for box, text in loaded.items()} if isinstance(loaded, dict) else {}

    def start_alone_timer(self, visit_id: str) -> TimeAlone:
        alone = visits.get_time_alone(self.conn, visit_id)
        if not alone.is_running():
            alone.timer_started_at = self.clock().replace(microsecond=0)
            alone.seen_alone = True
            self.save_time_alone(visit_id, alone)
        return alone

    def stop_alone_timer(self, visit_id: str) -> TimeAlone:
        """Adds the minutes since the timer started (rounded up: a 30-second chat still counts)."""
        alone = visits.get_time_alone(self.conn, visit_id)
        if alone.timer_started_at is not None:
            seconds = max(0.0, (self.clock() - alone.timer_started_at).total_seconds())
            alone.minutes += int(-(-seconds // 60))
            alone.timer_started_at = None
            self.save_time_alone(visit_id, alone)
        return alone

    def add_quote(self, visit_id: str, words: str, prompt: str = "",
                  shared_how: SharedHow = SharedHow.TOLD_ME_ALONE, child_alone: bool = True,
                  kind: QuoteKind = QuoteKind.WORDS) -> Quote:  # fmt: skip
        if not words.strip():
            raise FlowError("Type the child's words before saving.")
        quote = Quote(visit_id=visit_id, words=words, said_at=self.clock().replace(microsecond=0),
                      prompt=prompt, shared_how=shared_how, child_alone=child_alone, kind=kind)  # fmt: skip
        self._write(
            visit_id, "quote.added", "quote", quote.id, lambda: visit_parts.add_quote(self.conn, quote)
        )
        return quote

    def edit_quote(self, quote: Quote) -> None:
        if not quote.words.strip():
            raise FlowError("A quote cannot be empty. Remove it instead, if the visit is not completed yet.")
        self._write(quote.visit_id, "quote.edited", "quote", quote.id,
                    lambda: visit_parts.update_quote(self.conn, quote))  # fmt: skip

    def remove_quote(self, quote: Quote) -> None:
        self._write(quote.visit_id, "quote.removed", "quote", quote.id,
                    lambda: visit_parts.delete_quote(self.conn, quote.id))  # fmt: skip

    def annotate_quote(self, quote_id: str, text: str) -> QuoteAnnotation:
        """Allowed after completion, even after sign-off: it adds, it never changes the child's words."""
        visit_id = visit_parts.quote_visit(self.conn, quote_id)
        if visit_id is None:
            raise FlowError("That quote could not be found.")
        if not text.strip():
            raise FlowError("Write the note you want to add beside the quote.")
        note = QuoteAnnotation(quote_id=quote_id, text=text, at=self.clock().replace(microsecond=0))
        with transaction(self.conn):
            visit_parts.add_annotation(self.conn, note)
            audit(self.conn, self.worker_id, "quote.annotated", "quote", quote_id)
        return note

    def set_chose_not_to_share(self, visit_id: str, reason: str) -> None:
        self._save_flags(visit_id, chose_not_to_share=reason)

    def set_shared_last_record(self, visit_id: str, shared: bool) -> None:
        self._save_flags(visit_id, shared_last_record=shared)

    def set_next_visit(self, visit_id: str, planned_on: date, later_reason: str = "") -> None:
        record = self.open(visit_id)
        due = self.due_after(record)
        if planned_on < record.visit.starts_at.date():
            raise FlowError("The next visit cannot be before this one.")
        if later_than_due_needs_reason(planned_on, due) and not later_reason.strip():
            raise FlowError(f"The next visit is due by {due.due:%-d %B %Y}. A later date needs a reason.")
        self._save_flags(visit_id, next_visit=NextVisit(planned_on, later_reason))

    def _save_flags(self, visit_id: str, **changes: object) -> None:
        shy, shared, next_visit, _, _ = visits.get_flags(self.conn, visit_id)
        values: dict[str, object] = {"chose_not_to_share": shy, "shared_last_record": shared,
                                     "next_visit": next_visit, **changes}  # fmt: skip
        self._write(visit_id, "visit.updated", "visit", visit_id,
                    lambda: visits.save_flags(self.conn, visit_id, **values))  # type: ignore[arg-type]  # fmt: skip

    def add_observation(self, visit_id: str, area: ObservationArea, text: str) -> Observation:
        item = Observation(visit_id=visit_id, area=area, text=_required(text, "Write what you saw."))
        self._write(visit_id, "observation.added", "observation", item.id,
                    lambda: visit_parts.add_observation(self.conn, item))  # fmt: skip
        return item

    def add_safety_entry(self, visit_id: str, category: SafetyCategory, text: str) -> SafetyEntry:
        item = SafetyEntry(
            visit_id=visit_id, category=category, text=_required(text, "Write the entry first.")
        )
        self._write(visit_id, "safety.added", "safety_entry", item.id,
                    lambda: visit_parts.add_safety_entry(self.conn, item))  # fmt: skip
        return item

    def add_scale(
        self, visit_id: str, who: str, score: int, reason: str = "", one_step_higher: str = ""
    ) -> ScaleRating:
        if not 0 <= score <= 10:
            raise FlowError("A scale runs from 0 to 10.")
        item = ScaleRating(visit_id=visit_id, who=_required(who, "Say whose number this is."), score=score,
                           reason=reason, one_step_higher=one_step_higher)  # fmt: skip
        self._write(visit_id, "scale.added", "scale", item.id, lambda: visit_parts.add_scale(self.conn, item))
        return item

    def add_tool_entry(self, visit_id: str, tool_key: str, answers: dict[str, str]) -> ToolEntry:
        tool = self.tools.get(tool_key)
        if tool is None:
            raise FlowError("That direct-work tool is not available on this laptop.")
        problem = tool.check_answers(answers)
        if problem:
            raise FlowError(problem)
        item = ToolEntry(visit_id=visit_id, tool=tool_key, answers=dict(answers))
        self._write(visit_id, "tool.added", "tool_entry", item.id,
                    lambda: visit_parts.add_tool_entry(self.conn, item))  # fmt: skip
        return item

    def remove_part(self, visit_id: str, table: str, item_id: str) -> None:
        self._write(visit_id, f"{table}.removed", table, item_id,
                    lambda: visit_parts.delete_part(self.conn, table, item_id))  # fmt: skip

    def save_action(self, action: Action) -> None:
        action.who = _required(action.who, "Say who will do it.")
        action.what = _required(action.what, "Say what will be done.")
        self._write(action.visit_id, "action.saved", "action", action.id,
                    lambda: visit_parts.upsert_action(self.conn, action))  # fmt: skip

    def mark_action_done(self, action: Action, day: date) -> None:
        """An earlier visit's action can be ticked off at a later visit, even if that one is signed off."""
        action.done_on = day
        with transaction(self.conn):
            visit_parts.upsert_action(self.conn, action)
            audit(self.conn, self.worker_id, "action.done", "action", action.id)

    # Finishing ----------------------------------------------------------------------------------------------

    def complete(self, visit_id: str) -> VisitRecord:
        record = self.open(visit_id)
        problems = finish_problems(record, self._later_than_due(record))
        if problems:
            raise FlowError("Before finishing: " + " ".join(problems))
        record.visit.status = VisitStatus.COMPLETED
        finished_at = self.clock().replace(microsecond=0)

        def finish() -> None:
            visits.upsert_visit(self.conn, record.visit)
            visits.stamp_completed(self.conn, visit_id, finished_at)

        self._write(visit_id, "visit.completed", "visit", visit_id, finish)
        return self.open(visit_id)

    def sign_off(self, visit_id: str) -> None:
        if visits.visit_status(self.conn, visit_id) is not VisitStatus.COMPLETED:
            raise FlowError("Finish the visit before signing it off.")

        def sign() -> None:
            visits.sign_off(self.conn, visit_id, self.worker_id)
            # Nothing can be added now: words left typed in its boxes would stay in the vault, unseen
            settings.delete(self.conn, _UNADDED_KEY.format(visit_id))

        self._write(visit_id, "visit.signed_off", "visit", visit_id, sign)

    def amend(self, visit_id: str, part: str, text: str, reason: str) -> Amendment:
        if not visits.signed_off(self.conn, visit_id):
            raise FlowError("This visit is not signed off yet: change it directly.")
        item = Amendment(visit_id=visit_id, part=part, text=_required(text, "Write the amendment."),
                         reason=_required(reason, "Say why the record is being amended."),
                         at=self.clock().replace(microsecond=0), by=self.worker_id)  # fmt: skip
        with transaction(self.conn):
            visit_parts.add_amendment(self.conn, item)
            audit(self.conn, self.worker_id, "visit.amended", "visit", visit_id)
        return item

    # The caseload, with what is due -------------------------------------------------------------------------

    def caseload(self, today: date) -> list[CaseloadRow]:
        # Correlated subqueries walk the covering index visits_seen_by_child, never the visit rows.
        rows = self.conn.execute(
            "SELECT c.id, c.visiting_rule, c.plan_start, "
            "(SELECT min(starts_at) FROM visits WHERE child_id = c.id), "
            "(SELECT max(starts_at) FROM visits WHERE child_id = c.id AND child_seen), "
            "(SELECT max(starts_at) FROM visits WHERE child_id = c.id AND seen_alone), "
            "(SELECT count(*) FROM family_responses r JOIN visits v ON v.id = r.record_visit_id "
            " WHERE v.child_id = c.id AND r.answered_at IS NULL) FROM children c"
        ).fetchall()
        unanswered = {r[0]: r[6] for r in rows}
        settings = {r[0]: (r[1], _day(r[2]), _day(r[3])) for r in rows}
        last = {r[0]: (_day(r[4]), _day(r[5])) for r in rows}
        result = []
        for row in children.caseload(self.conn):
            rule_key, plan_start, first_visit = settings[row.child_id]
            rule = self.rules.get(rule_key) or self.rules[DEFAULT_RULE_FOR_STATUS[row.legal_status]]
            last_seen, last_alone = last.get(row.child_id, (None, None))
            due = next_visit_due(rule, today, last_seen, plan_start)
            age = None
            if row.date_of_birth:
                dob = row.date_of_birth
                age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
            known_since = plan_start or first_visit or today
            weeks = weeks_since_seen_alone(rule, today, age, last_alone, known_since)
            result.append(CaseloadRow(
                child_id=row.child_id, full_name=row.full_name, known_as=row.known_as,
                date_of_birth=row.date_of_birth, legal_status=row.legal_status,
                last_visit_at=row.last_visit_at,
                next_visit_due=due.due, days_until_due=due.days_left, due_basis=due.basis,
                weeks_not_seen_alone=weeks, unanswered_responses=unanswered[row.child_id],
            ))  # fmt: skip
        return result


def _day(text: str | None) -> date | None:
    return datetime.fromisoformat(text).date() if text else None


def _required(text: str, message: str) -> str:
    if not text.strip():
        raise FlowError(message)
    return text


def _plain(trigger_message: str) -> str:
    message = trigger_message.strip().rstrip(".")
    return message[:1].upper() + message[1:] + "." if message else "The change was refused."
