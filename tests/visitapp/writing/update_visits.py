"""Made-up visits to Kit, who is ten, over one winter: the material for the update letter's tests and bench.

Nobody here is real. Three finished visits fall in the period (1 December 2025 to 1 March 2026), plus one
finished before it and one still in draft inside it, which the update must leave out. ``six_visits()`` adds
three more for the benchmark. This module imports only ``visitapp`` so the bench can load it by path.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from visitapp.domain.models import Child, Person, Visit, VisitStatus, VisitType, Worker
from visitapp.domain.visit_record import (
    Action,
    NextVisit,
    Observation,
    ObservationArea,
    Quote,
    QuoteKind,
    SafetyCategory,
    SafetyEntry,
    TimeAlone,
    ToolEntry,
)
from visitapp.domain.visit_steps import VisitRecord
from visitapp.writing.periods import Period

WORKER = Worker(full_name="Ifeoma Castellanos", job_title="Social Worker", team="Northgate Families Team")
PERIOD = Period(date(2025, 12, 1), date(2026, 3, 1))
TODAY = date(2026, 3, 1)

KIT = Child(full_name="Christopher Tamsett", known_as="Kit", date_of_birth=date(2015, 9, 12), id="child-kit")
MUM = Person(KIT.id, "Leanne Tamsett", relationship="Mum", id="p-mum")
GRANDAD = Person(KIT.id, "Raymond Tamsett", relationship="Grandad Ray", id="p-grandad")
SISTER = Person(KIT.id, "Ruby Tamsett", relationship="sister", id="p-ruby")
TEACHER = Person(KIT.id, "Mrs Okafor", role="class teacher", id="p-teacher")
PEOPLE = [MUM, GRANDAD, SISTER, TEACHER]

S = SafetyCategory


def _visit(
    key: str, when: datetime, place: str, purpose: str, present: list[Person], **extra: object
) -> Visit:
    return Visit(
        child_id=KIT.id,
        starts_at=when,
        place=place,
        purpose=purpose,
        status=VisitStatus.COMPLETED,
        present_person_ids=[p.id for p in present],
        id=f"visit-{key}",
        **extra,  # type: ignore[arg-type]
    )


def _safety(visit: Visit, *entries: tuple[SafetyCategory, str]) -> list[SafetyEntry]:
    return [
        SafetyEntry(visit.id, category, text, id=f"{visit.id}-s{n}")
        for n, (category, text) in enumerate(entries)
    ]


def december() -> VisitRecord:
    visit = _visit(
        "dec",
        datetime(2025, 12, 4, 16, 0),
        "at home",
        "because school said you were tired and hungry three days in a row",
        [MUM, SISTER],
    )
    return VisitRecord(
        visit=visit,
        child=KIT,
        time_alone=TimeAlone(seen_alone=True, minutes=30, place="your bedroom"),
        quotes=[
            Quote(visit.id, "Mum is nice when she is awake", datetime(2025, 12, 4, 16, 20), id="q-awake"),
            Quote(
                visit.id,
                "playing Lego with Ruby on the big rug",
                datetime(2025, 12, 4, 16, 25),
                prompt="What is the best thing about home?",
                id="q-lego",
            ),
        ],
        safety=_safety(
            visit,
            (S.HARM, "Three times in November, Mum drank so much wine that nobody made your tea."),
            (
                S.DANGER_STATEMENT,
                "If nothing changes, you and Ruby could get hurt with nobody awake to help.",
            ),
            (S.STRENGTHS, "Grandad Ray comes round every Sunday and cooks dinner with you."),
            (S.SAFETY_GOALS, "There is always a grown-up awake to look after you and Ruby in the evening."),
            (S.NEXT_STEPS, "Grandad Ray will come round on Wednesday evenings too."),
        ),
        actions=[
            Action(
                KIT.id,
                visit.id,
                "Mum",
                "go to a support group for people who drink too much",
                due_on=date(2025, 12, 19),
                done_on=date(2025, 12, 16),
                id="a-group",
            ),  # fmt: skip
            Action(
                KIT.id,
                visit.id,
                "me",
                "ask Mrs Okafor to save breakfast for you",
                due_on=date(2025, 12, 10),
                done_on=date(2025, 12, 8),
                id="a-breakfast",
            ),  # fmt: skip
        ],
        next_visit=NextVisit(planned_on=date(2026, 1, 8)),
    )


def january() -> VisitRecord:
    visit = _visit(
        "jan", datetime(2026, 1, 8, 15, 30), "Grandad Ray's flat", "to see how Christmas went", [GRANDAD]
    )
    return VisitRecord(
        visit=visit,
        child=KIT,
        time_alone=TimeAlone(seen_alone=True, minutes=20, place="the park by the flats"),
        quotes=[
            Quote(
                visit.id,
                "happy because Mum did not drink at Christmas",
                datetime(2026, 1, 8, 15, 50),
                kind=QuoteKind.FEELING,
                id="q-christmas",
            ),  # fmt: skip
        ],
        tools=[
            ToolEntry(
                visit.id,
                "three_houses",
                {
                    "worries": "Mum falling asleep on the sofa",
                    "good_things": "Grandad, my bike, Ruby",
                    "dreams": "Mum stays awake and we watch films",
                    "may_share": "Grandad and Mrs Okafor",
                },
                id="t-houses",
            ),  # fmt: skip
        ],
        observations=[
            Observation(
                visit.id,
                ObservationArea.PRESENTATION,
                "You showed me the bike Grandad Ray gave you for Christmas.",
                id="o-bike",
            ),  # fmt: skip
        ],
        safety=_safety(
            visit,
            (S.STRENGTHS, "Mum has been to the support group every week since December."),
            (S.COMPLICATING_FACTORS, "Weekends are hardest for Mum, when Grandad Ray is away."),
            (S.SAFETY_GOALS, "There is always a grown-up awake to look after you and Ruby in the evening."),
        ),
        actions=[
            Action(
                KIT.id,
                visit.id,
                "Grandad Ray",
                "teach you to ride your bike",
                due_on=date(2026, 4, 3),
                id="a-bike",
            )
        ],
        next_visit=NextVisit(planned_on=date(2026, 2, 5)),
    )


def february() -> VisitRecord:
    visit = _visit(
        "feb",
        datetime(2026, 2, 5, 17, 0),
        "at home",
        "because Ruby said nobody could wake Mum on Saturday night",
        [MUM],
        visit_type=VisitType.UNANNOUNCED,
    )
    return VisitRecord(
        visit=visit,
        child=KIT,
        time_alone=TimeAlone(seen_alone=True, minutes=25, place="the kitchen"),
        quotes=[
            Quote(
                visit.id,
                "I rang Grandad like we practised and he came really fast",
                datetime(2026, 2, 5, 17, 15),
                prompt="What did you do when Mum would not wake up?",
                id="q-rang",
            ),  # fmt: skip
        ],
        safety=_safety(
            visit,
            (
                S.HARM,
                "On Saturday 31 January, Mum drank wine and would not wake up. You and Ruby were on "
                "your own for two hours.",
            ),  # fmt: skip
            (S.EXISTING_SAFETY, "You knew to ring Grandad Ray, and Grandad Ray came straight away."),
            (S.NEXT_STEPS, "We will have a family meeting with Mum, Grandad Ray and Mrs Okafor."),
        ),
        actions=[
            Action(
                KIT.id, visit.id, "me", "arrange the family meeting", due_on=date(2026, 2, 27), id="a-meet"
            ),
            Action(
                KIT.id,
                visit.id,
                "Mum",
                "ring Grandad Ray if a weekend feels hard",
                id="a-ring",
            ),  # fmt: skip
        ],
        next_visit=NextVisit(planned_on=date(2026, 3, 5)),
    )


def before_the_period() -> VisitRecord:
    visit = _visit("nov", datetime(2025, 11, 20, 16, 0), "at home", "to meet you", [MUM])
    quote = Quote(visit.id, "November words that stay out", datetime(2025, 11, 20, 16, 10), id="q-nov")
    alone = TimeAlone(seen_alone=True, minutes=10)
    return VisitRecord(
        visit=visit, child=KIT, time_alone=alone, quotes=[quote], next_visit=NextVisit(date(2025, 12, 4))
    )


def still_a_draft() -> VisitRecord:
    visit = _visit("draft", datetime(2026, 2, 19, 16, 0), "at school", "to see you at school", [TEACHER])
    visit.status = VisitStatus.DRAFT
    quote = Quote(visit.id, "draft words that stay out", datetime(2026, 2, 19, 16, 10), id="q-draft")
    return VisitRecord(visit=visit, child=KIT, time_alone=TimeAlone(seen_alone=None), quotes=[quote])


def kit_records() -> list[VisitRecord]:
    """Every record a worker would hold for Kit, newest first, as the vault lists them."""
    return [still_a_draft(), february(), january(), december(), before_the_period()]


def six_visits() -> list[VisitRecord]:
    """Six finished visits in the period: the three above, and each again a fortnight later."""
    records = [december(), january(), february()]
    for record in [december(), january(), february()]:
        record.visit.id += "-again"
        record.visit.starts_at += timedelta(days=14)
        records.append(record)
    return records
