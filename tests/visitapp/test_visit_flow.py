"""The guided visit, step by step, on a real vault."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from visitapp.casework import Casework
from visitapp.domain.models import Child, CommunicationNeed, LegalStatus, Person, Visit
from visitapp.domain.visit_record import (
    Action,
    NotAloneReason,
    ObservationArea,
    SafetyCategory,
    SharedHow,
    TimeAlone,
)
from visitapp.domain.visit_steps import Step, StepState
from visitapp.store import db, settings
from visitapp.visit_flow import FlowError, VisitFlow

VISIT_DAY = datetime(2026, 11, 20, 10, 0)  # a Friday


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(VISIT_DAY)


@pytest.fixture
def flow(casework: Casework, clock: Clock) -> VisitFlow:
    return VisitFlow(casework.conn, casework.worker_id, clock=clock)


CP = LegalStatus.CHILD_PROTECTION_PLAN


def _visit(casework: Casework, dob: date = date(2016, 3, 1), status: LegalStatus = CP,
           needs: list[CommunicationNeed] | None = None, when: datetime = VISIT_DAY) -> Visit:  # fmt: skip
    child = Child(
        full_name="Skye Marlowe", date_of_birth=dob, legal_status=status, communication_needs=needs or []
    )
    casework.save_child(child)
    mum = Person(child_id=child.id, name="Dana Marlowe", relationship="Mum")
    casework.save_person(mum)
    visit = Visit(child_id=child.id, starts_at=when, purpose="To see how the new routine is going.",
                  present_person_ids=[mum.id])  # fmt: skip
    casework.save_visit(visit)
    return visit


def _seen_alone(flow: VisitFlow, visit: Visit, minutes: int = 20) -> None:
    flow.save_time_alone(visit.id, TimeAlone(seen_alone=True, minutes=minutes, place="the kitchen"))


def test_steps_move_from_not_yet_to_done(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    steps = flow.steps(flow.open(visit.id))
    assert steps[Step.BEFORE_YOU_GO] is StepState.DONE and steps[Step.WHO_IS_HERE] is StepState.DONE
    assert steps[Step.SHARE_LAST_RECORD] is StepState.NOT_NEEDED  # nothing to share on a first visit
    assert steps[Step.TIME_ALONE] is StepState.NOT_YET and steps[Step.CHILDS_WORDS] is StepState.NOT_YET
    _seen_alone(flow, visit)
    flow.add_quote(visit.id, "I like it when Mum walks me to school.")
    flow.add_observation(visit.id, ObservationArea.PRESENTATION, "Skye was dressed for the weather.")
    flow.add_safety_entry(visit.id, SafetyCategory.STRENGTHS, "Mum has kept every appointment.")
    flow.save_action(Action(child_id=visit.child_id, visit_id=visit.id, who="Me", what="Ring the school",
                            due_on=date(2026, 11, 27)))  # fmt: skip
    flow.set_next_visit(visit.id, date(2026, 12, 2))
    steps = flow.steps(flow.open(visit.id))
    assert all(state is StepState.DONE for step, state in steps.items()
               if step not in (Step.FINISH, Step.SHARE_LAST_RECORD))  # fmt: skip
    flow.complete(visit.id)
    assert flow.steps(flow.open(visit.id))[Step.FINISH] is StepState.DONE


def test_the_childs_words_are_kept_exactly(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    words = "  i dont want to go to dads   \n  cos hes loud "
    quote = flow.add_quote(visit.id, words, prompt="Three Houses: worries", shared_how=SharedHow.IN_A_DRAWING,
                           child_alone=True)  # fmt: skip
    stored = flow.open(visit.id).quotes[0]
    assert stored.words == words and stored.prompt == "Three Houses: worries"
    assert stored.shared_how is SharedHow.IN_A_DRAWING and stored.said_at == VISIT_DAY
    with pytest.raises(FlowError):
        flow.add_quote(visit.id, "   ")
    assert quote.id == stored.id


def test_quotes_are_fixed_once_the_visit_is_completed(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    quote = flow.add_quote(visit.id, "My bed is comfy.")
    quote.words = "My bed is comfy now."
    flow.edit_quote(quote)  # fine while the visit is in progress
    _seen_alone(flow, visit)
    flow.set_next_visit(visit.id, date(2026, 12, 1))
    flow.complete(visit.id)
    quote.words = "My bed is very comfy."
    with pytest.raises(FlowError, match="cannot be changed after the visit is completed"):
        flow.edit_quote(quote)
    with pytest.raises(FlowError, match="cannot be removed"):
        flow.remove_quote(quote)
    with pytest.raises(db.DatabaseError):  # the database itself refuses, not just the service
        casework.conn.execute("UPDATE quotes SET words = 'x' WHERE id = ?", (quote.id,))
    flow.annotate_quote(quote.id, "Skye said this while showing me the new duvet.")
    stored = flow.open(visit.id).quotes[0]
    assert stored.words == "My bed is comfy now." and len(stored.annotations) == 1


@pytest.mark.parametrize(
    ("alone", "problem"),
    [
        (TimeAlone(seen_alone=False), "why the child was not seen alone"),
        (TimeAlone(seen_alone=False, not_alone_reason=NotAloneReason.OTHER), "in your own words"),
        (TimeAlone(seen_alone=True, minutes=0), "how many minutes"),
        (TimeAlone(child_seen=False, not_seen_reason="Nobody was home."), "what happens next"),
        (TimeAlone(), "whether you saw the child on their own"),
    ],
)
def test_finishing_needs_a_reason_when_not_alone(casework: Casework, flow: VisitFlow, alone: TimeAlone,
                                                 problem: str) -> None:  # fmt: skip
    visit = _visit(casework)
    flow.save_time_alone(visit.id, alone)
    flow.set_next_visit(visit.id, date(2026, 11, 24))
    assert flow.steps(flow.open(visit.id))[Step.TIME_ALONE] in (StepState.NEEDS_ATTENTION, StepState.NOT_YET)
    with pytest.raises(FlowError, match=problem):
        flow.complete(visit.id)


@pytest.mark.parametrize(
    "alone",
    [TimeAlone(seen_alone=False, not_alone_reason=NotAloneReason.ASLEEP),
     TimeAlone(seen_alone=False, not_alone_reason=NotAloneReason.OTHER, not_alone_other="Skye was poorly."),
     TimeAlone(child_seen=False, not_seen_reason="Nobody was home.", not_seen_next_steps="Back on Monday.")],
)  # fmt: skip
def test_a_recorded_reason_lets_the_visit_finish(
    casework: Casework, flow: VisitFlow, alone: TimeAlone
) -> None:
    visit = _visit(casework)
    flow.save_time_alone(visit.id, alone)
    # Not seen at a first visit under a plan: the next try is due within 2 working days.
    flow.set_next_visit(visit.id, date(2026, 11, 24))
    assert flow.complete(visit.id).completed_at is not None


def test_the_timer_keeps_running_across_screens(casework: Casework, flow: VisitFlow, clock: Clock) -> None:
    visit = _visit(casework)
    flow.start_alone_timer(visit.id)
    assert flow.open(visit.id).time_alone.is_running()  # another screen opening the visit sees it running
    # Under way, not a slip: "not yet", without the warning triangle (Finish still insists it is stopped).
    assert flow.steps(flow.open(visit.id))[Step.TIME_ALONE] is StepState.NOT_YET
    with pytest.raises(FlowError, match="still running"):
        flow.complete(visit.id)
    clock.now += timedelta(minutes=12, seconds=10)
    assert flow.stop_alone_timer(visit.id).minutes == 13  # part of a minute still counts
    flow.start_alone_timer(visit.id)
    clock.now += timedelta(minutes=5)
    alone = flow.stop_alone_timer(visit.id)
    assert alone.minutes == 18 and alone.seen_alone is True and not alone.is_running()


def test_typed_time_alone_never_stops_a_running_timer(
    casework: Casework, flow: VisitFlow, clock: Clock
) -> None:
    visit = _visit(casework)
    flow.start_alone_timer(visit.id)
    typed = TimeAlone(seen_alone=False, minutes=0, place="in the garden")  # a form filled before the start
    kept = flow.update_time_alone(visit.id, typed)
    assert kept.is_running() and kept.seen_alone is True and kept.place == "in the garden"
    clock.now += timedelta(minutes=3)
    assert flow.stop_alone_timer(visit.id).minutes == 3
    flow.update_time_alone(visit.id, TimeAlone(seen_alone=True, minutes=7, place="in the garden"))
    assert flow.open(visit.id).time_alone.minutes == 7  # once stopped, the worker may correct the minutes


def test_next_visit_later_than_due_needs_a_reason(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)  # child protection plan: every 10 working days, so due 4 December
    with pytest.raises(FlowError, match="4 December 2026. A later date needs a reason"):
        flow.set_next_visit(visit.id, date(2026, 12, 9))
    flow.set_next_visit(visit.id, date(2026, 12, 9), later_reason="The family are away until the 8th.")
    flow.set_next_visit(visit.id, date(2026, 11, 25))  # earlier is always fine
    with pytest.raises(FlowError, match="before this one"):
        flow.set_next_visit(visit.id, date(2026, 11, 1))


def test_sign_off_locks_and_amendments_sit_beside(casework: Casework, flow: VisitFlow, clock: Clock) -> None:
    visit = _visit(casework)
    with pytest.raises(FlowError, match="Finish the visit"):
        flow.sign_off(visit.id)
    _seen_alone(flow, visit)
    flow.set_next_visit(visit.id, date(2026, 12, 1))
    flow.complete(visit.id)
    with pytest.raises(FlowError, match="not signed off"):
        flow.amend(visit.id, "notes", "x", "y")
    flow.sign_off(visit.id)
    with pytest.raises(FlowError, match="signed off"):
        flow.add_observation(visit.id, ObservationArea.OTHER, "late addition")
    with pytest.raises(FlowError, match="why"):
        flow.amend(visit.id, "notes", "Skye's school is Hill Top, not Hillside.", " ")
    flow.amend(visit.id, "notes", "Skye's school is Hill Top, not Hillside.", "Mum pointed out the mistake.")
    record = flow.open(visit.id)
    assert record.amendments[0].reason == "Mum pointed out the mistake." and record.signed_off_at is not None
    with pytest.raises(db.DatabaseError, match="cannot be changed"):
        casework.conn.execute("UPDATE amendments SET text = 'x'")


def test_recorded_within_one_working_day(casework: Casework, flow: VisitFlow, clock: Clock) -> None:
    visit = _visit(casework)  # Friday
    _seen_alone(flow, visit)
    flow.set_next_visit(visit.id, date(2026, 12, 1))
    clock.now = datetime(2026, 11, 23, 16, 0)  # Monday: one working day after Friday's visit
    record = flow.complete(visit.id)
    assert record.completed_at == clock.now and record.recorded_within_one_working_day is True
    late = _visit(casework)
    _seen_alone(flow, late)
    flow.set_next_visit(late.id, date(2026, 12, 1))
    clock.now = datetime(2026, 11, 24, 9, 0)  # Tuesday: too late
    assert flow.complete(late.id).recorded_within_one_working_day is False


def test_observations_matter_most_for_young_and_non_verbal_children(
    casework: Casework, flow: VisitFlow
) -> None:
    baby = _visit(casework, dob=date(2025, 6, 1))
    assert flow.steps(flow.open(baby.id))[Step.WHAT_I_SAW] is StepState.NEEDS_ATTENTION
    older = _visit(casework, dob=date(2012, 6, 1), needs=[CommunicationNeed.NON_VERBAL])
    assert flow.steps(flow.open(older.id))[Step.WHAT_I_SAW] is StepState.NEEDS_ATTENTION
    talker = _visit(casework, dob=date(2012, 6, 1))
    assert flow.steps(flow.open(talker.id))[Step.WHAT_I_SAW] is StepState.NOT_YET


def test_direct_work_tools_check_their_answers(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    entry = flow.add_tool_entry(
        visit.id, "three_houses", {"worries": "when the dog barks", "dreams": "a trampoline"}
    )
    assert flow.open(visit.id).tools[0].answers == entry.answers
    for tool, answers, message in [
        ("scaling", {"score": "11"}, "0 to 10"),
        ("feelings_faces", {"face": "purple"}, "choose one of"),
        ("three_houses", {"roof": "x"}, "no question"),
        ("three_houses", {"worries": "  "}, "Nothing was written"),
        ("no_such_tool", {"a": "b"}, "not available"),
    ]:
        with pytest.raises(FlowError, match=message):
            flow.add_tool_entry(visit.id, tool, answers)
    with pytest.raises(FlowError, match="0 to 10"):
        flow.add_scale(visit.id, "Mum", 12)


def test_before_you_go_shows_last_time_and_open_actions(casework: Casework, flow: VisitFlow) -> None:
    first = _visit(casework, when=datetime(2026, 11, 6, 10, 0))
    flow.add_safety_entry(first.id, SafetyCategory.NEXT_STEPS, "Mum will book the dentist.")
    flow.save_action(Action(child_id=first.child_id, visit_id=first.id, who="Mum", what="Book the dentist"))
    second = Visit(child_id=first.child_id, starts_at=VISIT_DAY)
    casework.save_visit(second)
    record = flow.open(second.id)
    assert [e.text for e in record.agreed_last_time] == ["Mum will book the dentist."]
    assert [a.what for a in record.open_actions_before] == ["Book the dentist"]
    assert flow.steps(record)[Step.SHARE_LAST_RECORD] is StepState.NOT_YET
    flow.mark_action_done(record.open_actions_before[0], date(2026, 11, 20))
    assert flow.open(second.id).open_actions_before == []


def test_caseload_shows_due_dates_overdue_and_time_alone(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework, when=datetime(2026, 10, 1, 10, 0))  # CP plan, aged 10: alone expected monthly
    flow.save_time_alone(visit.id, TimeAlone(seen_alone=False, not_alone_reason=NotAloneReason.ASLEEP))
    row = flow.caseload(date(2026, 11, 23))[0]
    assert row.next_visit_due == date(2026, 10, 15) and row.days_until_due == -39  # 10 working days: overdue
    assert row.weeks_not_seen_alone == 7
    _seen_alone(flow, visit)  # seen alone on 1 October after all: four weeks later that is too long ago
    assert flow.caseload(date(2026, 10, 20))[0].weeks_not_seen_alone is None
    assert flow.caseload(date(2026, 11, 23))[0].weeks_not_seen_alone == 7


def test_the_audit_trail_names_no_one(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    flow.add_quote(visit.id, "Skye's secret words")
    rows = repr(casework.conn.execute("SELECT * FROM audit").fetchall())
    assert "quote.added" in rows and "secret" not in rows and "Skye" not in rows


def test_words_typed_but_not_added_are_kept_in_the_vault_not_in_the_record(
    casework: Casework, flow: VisitFlow
) -> None:
    visit, other = _visit(casework), _visit(casework)
    flow.keep_unadded(visit.id, {"visitObservationsText": "You showed me your new", "visitScaleWho": "  "})
    assert flow.unadded(visit.id) == {"visitObservationsText": "You showed me your new"}  # blanks dropped
    assert flow.unadded(other.id) == {}  # each visit its own
    assert flow.open(visit.id).observations == []  # not in the record until Add is pressed
    queued = casework.conn.execute("SELECT count(*) FROM sync_outbox WHERE record_id = ?", (visit.id,))
    before = queued.fetchone()[0]
    flow.keep_unadded(visit.id, {})  # added or wiped out since: nothing is kept
    assert flow.unadded(visit.id) == {}
    after = casework.conn.execute("SELECT count(*) FROM sync_outbox WHERE record_id = ?", (visit.id,))
    assert after.fetchone()[0] == before  # a vault setting: never sent to the office


def test_signing_off_lets_go_of_words_never_added(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    _seen_alone(flow, visit)
    flow.set_next_visit(visit.id, date(2026, 12, 1))
    flow.complete(visit.id)
    flow.keep_unadded(visit.id, {"visitSeenText": "Half a sentence about"})
    flow.sign_off(visit.id)
    assert flow.unadded(visit.id) == {}  # not in the record, and no box to add it from any more


def test_a_damaged_kept_words_setting_leaves_the_boxes_empty(casework: Casework, flow: VisitFlow) -> None:
    visit = _visit(casework)
    with db.transaction(casework.conn):
        settings.put(casework.conn, f"unadded:{visit.id}", "{not json")
    assert flow.unadded(visit.id) == {}  # the visit still opens
