"""Two made-up visits for composer tests: Pip, who is six, and Rowan, who is fifteen. Nobody here is real."""

from __future__ import annotations

from datetime import date, datetime

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
    SharedHow,
    TimeAlone,
    ToolEntry,
)
from visitapp.domain.visit_steps import VisitRecord
from visitapp.writing.composer import MADE_BY_CHILD, MADE_BY_TOGETHER, LetterPicture

WORKER = Worker(
    full_name="Tamsin Oyelaran-Brook", job_title="Social Worker", team="Riverside Children's Team"
)


def pip_visit() -> tuple[VisitRecord, list[Person], list[LetterPicture]]:
    child = Child(full_name="Pippa Marlowe", known_as="Pip", date_of_birth=date(2019, 11, 2), id="child-pip")
    gran = Person(child.id, "Irene Marlowe", relationship="Granny Reenie", id="p-gran")
    teacher = Person(child.id, "Mr Dunmore", role="class teacher", id="p-teacher")
    uncle = Person(child.id, "Callum Marlowe", relationship="Uncle Cal", id="p-uncle")
    visit = Visit(
        child_id=child.id,
        starts_at=datetime(2026, 3, 4, 15, 45),
        place="Granny Reenie's house",
        purpose="to see how you are getting on living with Granny Reenie",
        status=VisitStatus.COMPLETED,
        present_person_ids=[gran.id],
        id="visit-pip",
    )
    record = VisitRecord(
        visit=visit,
        child=child,
        time_alone=TimeAlone(seen_alone=True, minutes=25, place="your bedroom"),
        quotes=[
            Quote(visit.id, "I like my new bed it has stars on", datetime(2026, 3, 4, 16), id="q-bed"),
            Quote(
                visit.id,
                "I miss Mummy at bedtime",
                datetime(2026, 3, 4, 16, 5),
                kind=QuoteKind.FEELING,
                id="q-miss",
            ),
        ],
        observations=[
            Observation(visit.id, ObservationArea.PRESENTATION, "You showed me how you can hop on one foot.")
        ],
        safety=[
            SafetyEntry(visit.id, SafetyCategory.STRENGTHS, "Granny Reenie reads you a story every night."),
            SafetyEntry(visit.id, SafetyCategory.HARM, "Mummy has not come to see you for three weeks."),
            SafetyEntry(visit.id, SafetyCategory.NEXT_STEPS, "Granny Reenie will ring Mummy this week."),
        ],
        actions=[
            Action(child.id, visit.id, who="Tamsin", what="ask Mr Dunmore about your reading"),
        ],
        next_visit=NextVisit(planned_on=date(2026, 3, 18)),
    )
    pictures = [
        LetterPicture("pic-cat", "This is me and Biscuit the cat", MADE_BY_CHILD, may_go_in_letter=True),
        LetterPicture("pic-secret", "my secret den", MADE_BY_CHILD, may_go_in_letter=False),
    ]
    return record, [gran, teacher, uncle], pictures


def rowan_visit() -> tuple[VisitRecord, list[Person], list[LetterPicture]]:
    child = Child(full_name="Rowan Achterberg", date_of_birth=date(2010, 6, 20), id="child-rowan")
    mum = Person(child.id, "Delphine Achterberg", relationship="Mum", id="p-mum")
    carer = Person(child.id, "Sunita Haldane", role="foster carer", id="p-carer")
    mentor = Person(child.id, "Joel Fairweather", role="mentor at the youth club", id="p-mentor")
    visit = Visit(
        child_id=child.id,
        starts_at=datetime(2026, 2, 11, 17, 0),
        place="at Sunita's home",
        visit_type=VisitType.UNANNOUNCED,
        purpose="because Sunita told me you had not been home two nights last week",
        status=VisitStatus.COMPLETED,
        present_person_ids=[carer.id, mentor.id],
        id="visit-rowan",
    )
    record = VisitRecord(
        visit=visit,
        child=child,
        time_alone=TimeAlone(seen_alone=True, minutes=40, place="the park near the house"),
        quotes=[
            Quote(
                visit.id,
                "I wasn't doing anything bad, I was just at Kai's, his mum doesn't care what time I get in",
                datetime(2026, 2, 11, 17, 20),
                prompt="Where were you on those nights?",
                id="q-where",
            ),
            Quote(
                visit.id,
                "I want to go back to football on Saturdays",
                datetime(2026, 2, 11, 17, 30),
                kind=QuoteKind.WISH,
                shared_how=SharedHow.WRITTEN_BY_CHILD,
                id="q-football",
            ),
        ],
        tools=[ToolEntry(visit.id, "worry_monster", {"worries": "getting kicked out of school"}, id="t-wm")],
        safety=[
            SafetyEntry(visit.id, SafetyCategory.STRENGTHS, "You have been at school every day this term."),
            SafetyEntry(
                visit.id,
                SafetyCategory.EXISTING_SAFETY,
                "You text Sunita when you are going to be late, most of the time.",
            ),
            SafetyEntry(
                visit.id,
                SafetyCategory.DANGER_STATEMENT,
                "I am worried that when nobody knows where you are at night, you could be hurt "
                "and nobody would be able to help you.",
            ),
            SafetyEntry(
                visit.id, SafetyCategory.SAFETY_GOALS, "Sunita always knows where you are after ten."
            ),
        ],
        actions=[
            Action(
                child.id,
                visit.id,
                who="Joel Fairweather",
                what="find out about Saturday football",
                due_on=date(2026, 2, 20),
            ),
            Action(
                child.id,
                visit.id,
                who="me",
                what="talk with your Mum about weekends",
                due_on=date(2026, 2, 18),
            ),
        ],
        next_visit=NextVisit(planned_on=date(2026, 3, 4)),
    )
    pictures = [
        LetterPicture("pic-map", "the places I go after school", MADE_BY_TOGETHER, may_go_in_letter=True),
        LetterPicture("pic-phone", "screenshot of my messages", MADE_BY_CHILD, may_go_in_letter=False),
    ]
    return record, [mum, carer, mentor], pictures
