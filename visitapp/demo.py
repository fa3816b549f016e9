"""A demo caseload of fictional children and visits, for trying the app, screenshots and benchmarks.

Every name, place and sentence here is invented. The generator is seeded, so the same arguments give the
same vault, and it writes in one transaction so that 10,000 visits take seconds, not minutes.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from visitapp.domain.models import (
    Child,
    CommunicationNeed,
    LegalStatus,
    Person,
    Visit,
    VisitStatus,
    VisitType,
)
from visitapp.domain.visit_record import (
    Action,
    NextVisit,
    NotAloneReason,
    Observation,
    ObservationArea,
    Quote,
    QuoteKind,
    SafetyCategory,
    SafetyEntry,
    ScaleRating,
    SharedHow,
    TimeAlone,
    ToolEntry,
)
from visitapp.store import children, visit_parts, visits
from visitapp.store.audit import record as audit
from visitapp.store.db import Connection, transaction

FIRST_NAMES = [
    "Amara", "Kai", "Lily-Mae", "Tomasz", "Zainab", "Reuben", "Ffion", "Darius", "Orla", "Jayden",
    "Priya", "Elias", "Summer", "Kofi", "Niamh", "Bilal", "Rosie", "Mateo", "Hana", "Corey",
]  # fmt: skip
SURNAMES = [
    "Ashdown", "Baptiste", "Calloway", "Dunmore", "Ekwueme", "Fairweather", "Galbraith", "Hollis",
    "Iqbal", "Jablonski", "Kershaw", "Lindqvist", "Mbeki", "Nightingale", "Okonjo", "Pemberton",
]  # fmt: skip
KNOWN_AS = {"Lily-Mae": "Lils", "Tomasz": "Tom", "Jayden": "Jay", "Elias": "Eli", "Rosie": "Ro"}
PRONOUNS = ["she/her", "he/him", "they/them"]
LANGUAGES = ["English", "English", "English", "Polish", "Urdu", "Somali", "Welsh", "Portuguese"]
# (full name, the child's own words for them, role); "{surname}" is the child's surname.
FAMILY = [
    ("Tanya {surname}", "Mum", ""), ("Marcus {surname}", "Dad", ""), ("Joan Whitfield", "Nanna Jo", ""),
    ("Peter Whitfield", "Grandad Pete", ""), ("Bethany Kaur", "Auntie Bee", ""),
    ("Shannon {surname}", "my big sister", ""), ("Solomon Adeyemi", "Uncle Sol", ""),
    ("Carol and Ray Haines", "Carol and Ray, my carers", "foster carers"),
]  # fmt: skip
PROFESSIONALS = [
    ("Mrs Okafor", "my teacher", "class teacher"),
    ("Dee", "the nurse who comes round", "health visitor"),
    ("Mr Harland", "the man at school who helps", "learning mentor"),
    ("Priti", "my helper at the clinic", "family support worker"),
]
PLACES = ["at home", "at school", "at Nanna Jo's flat", "at the family centre", "at the park café", "at home"]
PURPOSES = [
    "To see how you are getting on at home and at school.",
    "To talk about how family time with Dad is going.",
    "To check the plan we made together last month.",
    "To meet you on your own and hear what you think.",
    "To see your new bedroom and how you have settled in.",
]
NOTE_OPENINGS = [
    "You showed me your drawings straight away and were proud of the one of your dog.",
    "You were quiet at first, then told me all about your swimming lesson.",
    "We sat at the kitchen table and you made us both a pretend cup of tea.",
    "You were tired after school, so we kept our chat short.",
    "You took me round the garden and showed me the sunflowers you planted.",
]
NOTE_MIDDLES = [
    "When we were on our own you said you like it when Mum reads to you at bedtime.",
    "You told me the mornings are hard when there is shouting before school.",
    "You said you miss Grandad Pete and would like to see him more often.",
    "You told me you have a new friend called Mo and you play football at break.",
    "You said you sometimes feel worried when Dad is late to pick you up.",
]
CHILD_WORDS = [
    "I like it when Mum does my hair before school.",
    "Nanna Jo lets me feed the ducks.",
    "I don't like it when they shout, it makes my tummy hurt.",
    "my best thing is my bike",
    "I want to see Dad more, like on Saturdays.",
    "School is boring but I like dinner time.",
    "I get scared at night when the lights go off.",
    "Can I have my own room when I'm bigger?",
    "I'm happy here. Carol makes pancakes.",
    "I miss my old friends.",
]
WISHES = ["I wish I could stay up later.", "I want a dog.", "I want Mum and Dad to stop arguing."]
OBSERVATIONS = [
    "You were dressed warmly and your hair was brushed.",
    "You went to Mum for a cuddle when you felt shy.",
    "The kitchen was tidy and there was fruit in the bowl.",
    "You played happily on the floor with your cars for the whole visit.",
]
WORRIES = [
    "Mum and Dad argue loudly in the evenings, and you hear it from your bedroom.",
    "You have missed eleven days of school since September.",
]
STRENGTHS = ["Mum has kept every appointment this month.", "Nanna Jo picks you up from school every day."]
NEXT_STEPS = ["Mum will ring the school about breakfast club.", "I will ask about a counsellor at school."]
ACTIONS = [
    "Ring the school about breakfast club",
    "Book a check-up at the dentist",
]  # someone in their life does these
NOT_SEEN_REASONS = ["Nobody answered the door.", "The family were at the hospital."]
NOTE_ENDINGS = [
    "I will come again in four weeks and we will look at your plan together.",
    "I am going to talk to your school about extra help with reading.",
    "Mum and I agreed she will call me if things get difficult at home.",
    "Next time I would like to meet your big sister too.",
]


def _child(rng: random.Random, index: int, today: date) -> Child:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    surname = SURNAMES[(index * 7) % len(SURNAMES)]
    suffix = "" if index < len(FIRST_NAMES) else f" {index // len(FIRST_NAMES) + 1}"
    age_days = rng.randint(365 * 1, 365 * 17)
    needs: list[CommunicationNeed] = []
    if rng.random() < 0.15:
        needs.append(rng.choice(list(CommunicationNeed)))
    pronouns = rng.choice(PRONOUNS)
    status = rng.choice(list(LegalStatus)[:6])
    if status is LegalStatus.CARE_LEAVER:  # care leavers are 16 to 25: keep the draw, move it into that range
        age_days = 365 * 17 + age_days % (365 * 4)
    return Child(
        full_name=f"{first} {surname}{suffix}",
        known_as=KNOWN_AS.get(first, ""),
        date_of_birth=today - timedelta(days=age_days),
        pronouns=pronouns,
        legal_status=status,
        first_language=rng.choice(LANGUAGES),
        communication_needs=needs,
    )


def _people(rng: random.Random, child: Child) -> list[Person]:
    chosen = rng.sample(FAMILY, k=3) + rng.sample(PROFESSIONALS, k=1)
    surname = next(w for w in reversed(child.full_name.split()) if not w.isdigit())  # not "Baptiste 2"
    people: list[Person] = []
    for name, relationship, role in chosen:
        people.append(
            Person(child_id=child.id, name=name.format(surname=surname), relationship=relationship, role=role)
        )
    return people


def _visit(rng: random.Random, child: Child, people: list[Person], when: datetime, draft: bool) -> Visit:
    notes = " ".join([rng.choice(NOTE_OPENINGS), rng.choice(NOTE_MIDDLES), rng.choice(NOTE_ENDINGS)])
    return Visit(
        child_id=child.id,
        starts_at=when,
        place=rng.choice(PLACES),
        visit_type=VisitType.UNANNOUNCED if rng.random() < 0.1 else VisitType.PLANNED,
        purpose=rng.choice(PURPOSES),
        notes=notes,
        status=VisitStatus.DRAFT if draft else VisitStatus.COMPLETED,
        present_person_ids=[p.id for p in rng.sample(people, k=2)],
    )


def _record_parts(rng: random.Random, conn: Connection, visit: Visit, people: list[Person]) -> None:
    """The guided-visit parts, so every screen and the caseload's due dates have something to show."""
    roll = rng.random()
    if roll < 0.05:
        alone = TimeAlone(child_seen=False, not_seen_reason=rng.choice(NOT_SEEN_REASONS),
                          not_seen_next_steps="I will come back within two days.")  # fmt: skip
    elif roll < 0.2:
        alone = TimeAlone(seen_alone=False, not_alone_reason=rng.choice(list(NotAloneReason)[:6]))
    else:
        alone = TimeAlone(
            seen_alone=True, minutes=rng.randint(10, 45), place=rng.choice(["bedroom", "garden"])
        )
    visits.save_time_alone(conn, visit.id, alone)
    if not alone.child_seen:
        return
    for n in range(rng.randint(1, 3)):
        visit_parts.add_quote(conn, Quote(
            visit_id=visit.id, words=rng.choice(WISHES if n == 2 else CHILD_WORDS),
            said_at=visit.starts_at + timedelta(minutes=10 * (n + 1)),
            shared_how=rng.choice(list(SharedHow)), child_alone=bool(alone.seen_alone),
            kind=QuoteKind.WISH if n == 2 else QuoteKind.WORDS,
        ))  # fmt: skip
    visit_parts.add_observation(conn, Observation(visit.id, rng.choice(list(ObservationArea)[:3]),
                                                  rng.choice(OBSERVATIONS)))  # fmt: skip
    for category, texts in ((SafetyCategory.HARM, WORRIES), (SafetyCategory.STRENGTHS, STRENGTHS),
                            (SafetyCategory.NEXT_STEPS, NEXT_STEPS)):  # fmt: skip
        visit_parts.add_safety_entry(conn, SafetyEntry(visit.id, category, rng.choice(texts)))
    if rng.random() < 0.5:
        visit_parts.add_scale(
            conn, ScaleRating(visit.id, "you", rng.randint(3, 9), "because it is calmer now")
        )
    if rng.random() < 0.2:
        visit_parts.add_tool_entry(conn, ToolEntry(visit.id, "three_houses", {
            "worries": "when the big boys are at the park", "good_things": "my scooter and Nanna Jo",
            "dreams": "going to the seaside"}))  # fmt: skip
    visit_parts.upsert_action(conn, Action(
        child_id=visit.child_id, visit_id=visit.id, who=people[0].name, what=rng.choice(ACTIONS),
        due_on=visit.starts_at.date() + timedelta(days=7),
        done_on=visit.starts_at.date() + timedelta(days=5) if visit.status is VisitStatus.COMPLETED else None,
    ))  # fmt: skip


def populate(
    conn: Connection,
    worker_id: str,
    n_children: int = 12,
    n_visits: int = 200,
    seed: int = 7,
    today: date | None = None,
) -> None:
    """Add fictional children and visits to an open vault, in one transaction."""
    if n_children < 1 or n_visits < 0:
        raise ValueError("Ask for at least one child and no fewer than zero visits.")
    rng = random.Random(seed)
    today = today or date.today()
    with transaction(conn):
        cast: list[tuple[Child, list[Person]]] = []
        for index in range(n_children):
            child = _child(rng, index, today)
            children.upsert_child(conn, child)
            audit(conn, worker_id, "child.created", "child", child.id)
            people = _people(rng, child)
            for person in people:
                children.upsert_person(conn, person)
            cast.append((child, people))
        now = datetime.combine(today, datetime.min.time()).replace(hour=9)
        for index in range(n_visits):
            child, people = cast[index % n_children]
            # Working hours, the newest visits a day or more ago and spread out, so due dates differ.
            days_ago = 1 + 3 * (index // n_children) + (index % n_children) % 9
            if (index % n_children) % 5 == 4:
                days_ago += 50  # a few children are overdue a visit, as on any real caseload
            when = (
                now
                - timedelta(days=days_ago)
                + timedelta(hours=rng.randint(0, 7), minutes=15 * rng.randint(0, 3))
            )
            visit = _visit(rng, child, people, when, draft=index < n_children // 3)
            visits.upsert_visit(conn, visit)
            _record_parts(rng, conn, visit, people)
            visits.save_flags(conn, visit.id, "", index >= n_children,
                              NextVisit(planned_on=when.date() + timedelta(days=14)))  # fmt: skip
            if visit.status is VisitStatus.COMPLETED and index >= 2 * n_children:
                visits.sign_off(conn, visit.id, worker_id)  # older visits are signed off and locked
            audit(conn, worker_id, "visit.created", "visit", visit.id)
