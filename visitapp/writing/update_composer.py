"""Draft the update letter that gathers a period's visits for the child (the "three-month update").

``compose_update(child, period, records, people, worker)`` takes the child's visit records, keeps the
finished ones inside ``period`` and gives an ``UpdateDraft``: what happened at each visit, the child's words,
what is going well, what we are worried about, what we decided and why, and what happens next. It talks to
the child as the visit letter does (``composer``), sharing its parts (``letter_parts``). Each person is
named in full with who they are the first time, then as the child knows them. A period with no finished
visit raises ``EmptyPeriod`` with a message for the worker: there is no empty letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from visitapp.domain.models import Child, Person, VisitType, Worker
from visitapp.domain.visit_record import Action, SafetyCategory
from visitapp.domain.visit_steps import VisitRecord
from visitapp.practice.direct_work import DirectWorkTool, load_tools
from visitapp.writing import letter_parts as parts
from visitapp.writing import letter_text as lt
from visitapp.writing.checker import max_sentence_words
from visitapp.writing.composer_phrases import (
    action_sentences,
    fit,
    job_words,
    lower_first,
    naming,
    own_word_count,
    place_phrase,
    sentence,
    who_does_it,
)
from visitapp.writing.introductions import introduce
from visitapp.writing.letter_parts import Section
from visitapp.writing.periods import EmptyPeriod, Period, empty_period_message, visits_in

_COUNTS = "once|two times|three times|four times|five times|six times|seven times|eight times".split("|")


@dataclass(frozen=True)
class UpdateDraft:
    text: str
    sections: tuple[Section, ...]
    quote_ids: tuple[str, ...]  # as in LetterDraft: quote ids and "<tool entry id>:<field key>"
    visit_ids: tuple[str, ...]  # the visits it gathers, oldest first
    age: int


def compose_update(
    child: Child,
    period: Period,
    records: Sequence[VisitRecord],
    people: Sequence[Person],
    worker: Worker,
    tools: Mapping[str, DirectWorkTool] | None = None,
) -> UpdateDraft:
    gathered = visits_in(records, period)
    if not gathered:
        raise EmptyPeriod(empty_period_message(child, period))
    used_tools = tools if tools is not None else load_tools()
    return _UpdateComposer(child, period, gathered, people, worker, used_tools).compose()


class _UpdateComposer:
    def __init__(
        self,
        child: Child,
        period: Period,
        records: list[VisitRecord],
        people: Sequence[Person],
        worker: Worker,
        tools: Mapping[str, DirectWorkTool],
    ) -> None:
        self.child, self.period, self.records = child, period, records
        self.people, self.worker, self.tools = list(people), worker, tools
        self.age = parts.age_on(child, period.ends_on)
        self.child_names = [child.full_name, child.known_as, child.display_name]
        self.introduced: set[str] = set()
        self.quote_ids: list[str] = []

    def compose(self) -> UpdateDraft:
        visits = parts.section(lt.OUR_VISITS, [self._visit(record) for record in self.records])
        sections = [
            Section("opening", "", self._opening()),
            visits,
            parts.section(lt.YOUR_WORDS, self._your_words()),
            parts.section(lt.GOING_WELL, self._gathered(parts.GOING_WELL_CATEGORIES)),
            parts.section(lt.WORRIES, self._worries()),
            parts.section(lt.DECIDED, [p for record in self.records for p in self._decided(record)]),
            parts.section(lt.NEXT, self._next()),
            parts.sign_off(self.worker),
        ]
        sections = [
            replace(part, body=introduce(part.body, self.people, self.introduced))
            if part.key not in ("opening", "sign_off", lt.OUR_VISITS)
            else part
            for part in sections
        ]
        kept, text = parts.assemble(self.child.display_name, sections)
        visit_ids = tuple(record.visit.id for record in self.records)
        return UpdateDraft(text, kept, tuple(self.quote_ids), visit_ids, self.age)

    def _day(self, record: VisitRecord) -> str:
        return lt.day_in_words(record.visit.starts_at.date())

    def _person_words(self, who: str) -> str:
        return who_does_it(who, self.people, self.worker, self.child_names)

    # The parts, in the order the child reads them ------------------------------------------------------

    def _opening(self) -> str:
        me = f"I am {self.worker.full_name}, your {job_words(self.worker.job_title)}."
        start, end = (lt.day_in_words(day) for day in (self.period.starts_on, self.period.ends_on))
        dates = [f"That time starts on {start}.", f"It ends on {end}."]
        if self.period.is_three_months:
            about = ["This letter is about the last three months."]
            about += fit(self.age, f"That is from {start} to {end}.", dates)
        else:
            about = fit(
                self.age,
                f"This letter is about the time from {start} to {end}.",
                [f"This letter is about the time from {start}.", f"It goes up to {end}."],
                ["This letter is about a time in your life.", *dates],
            )
        count = len(self.records)
        times = _COUNTS[count - 1] if count <= len(_COUNTS) else f"{count} times"
        about += fit(self.age, f"In that time, I came to see you {times}.", f"I came to see you {times}.")
        about += fit(
            self.age,
            "Here is what happened, what we decided and what happens next.",
            "Here is what happened.",
        )
        return " ".join([me, *about])

    def _visit(self, record: VisitRecord) -> str:
        """One visit in a paragraph: when and where, why, who was there, our time, what we did."""
        visit, day = record.visit, self._day(record)
        where = place_phrase(visit.place)
        if where:
            said = fit(
                self.age,
                f"On {day}, I came to see you {where}.",
                [f"On {day}, I came to see you.", sentence(f"We met {where}")],
                [f"I came on {day}.", sentence(f"We met {where}")],
            )
        else:
            said = fit(self.age, f"On {day}, I came to see you.", f"I came on {day}.")
        if visit.visit_type is VisitType.UNANNOUNCED:
            said += fit(self.age, "I did not tell anyone that I was coming.", "I did not say I was coming.")
        why = " ".join(parts.why_sentences(visit.purpose))
        said.append(introduce(why, self.people, self.introduced))
        present = parts.present_people(record, self.people)
        names = [naming(p).later if p.id in self.introduced else naming(p).first for p in present]
        self.introduced.update(p.id for p in present)
        said += parts.there_sentences(self.age, names)
        rest = parts.alone_sentences(self.age, record.time_alone) + parts.activity_sentences(
            record, self.tools
        )
        said.append(introduce(" ".join(rest), self.people, self.introduced))
        return " ".join(part for part in said if part)

    def _your_words(self) -> list[str]:
        paragraphs = []
        for record in self.records:
            said = parts.said_sentences(record, self.tools)
            for number, (words, quote_id) in enumerate(said):
                if number == 0:
                    dated = f"On {self._day(record)}, {parts.lower_lead(words)}"
                    words = " ".join(fit(self.age, dated, [f"I saw you on {self._day(record)}.", words]))
                paragraphs.append(words)
                self.quote_ids.append(quote_id)
        return paragraphs

    def _gathered(self, categories: Sequence[SafetyCategory]) -> list[str]:
        return parts.unique(e for record in self.records for e in parts.entries(record, *categories))

    def _worries(self) -> list[str]:
        worries = self._gathered(parts.WORRY_CATEGORIES)
        return [parts.worries_lead(self.age), *worries] if worries else []

    def _decided(self, record: VisitRecord) -> list[str]:
        """What was agreed at one visit and why, and how each agreed action went."""
        earlier = self.records[: self.records.index(record)]
        goal = SafetyCategory.SAFETY_GOALS
        said_before = {parts.sentence_key(g) for r in earlier for g in parts.entries(r, goal)}
        goals = [g for g in parts.entries(record, goal) if parts.sentence_key(g) not in said_before]
        steps = parts.entries(record, SafetyCategory.NEXT_STEPS) if record is not self.records[-1] else []
        actions = [" ".join(self._how_it_went(a)) for a in record.actions if self._past(a)]
        if not (goals or steps or actions):
            return []
        lead = fit(
            self.age,
            f"On {self._day(record)}, we agreed what needs to happen.",
            [f"I came on {self._day(record)}.", "We agreed what needs to happen."],
        )
        lead += self._reason(record)
        paragraphs = [" ".join(lead)]
        if goals:
            need = fit(
                self.age,
                "This is what we need to see, to know that you are safe.",
                "This is what we need to see.",
            )
            paragraphs.append(" ".join([*need, *goals]))
        return paragraphs + steps + actions

    def _reason(self, record: VisitRecord) -> list[str]:
        """Why we agreed it: the reason I came, when it was a reason and short enough; else our worries."""
        purpose = " ".join(record.visit.purpose.split())
        because = sentence(f"We agreed this {lower_first(purpose)}")
        fits = own_word_count(because) <= max_sentence_words(self.age)
        if purpose.lower().startswith("because ") and fits:
            return [because]
        if parts.entries(record, *parts.WORRY_CATEGORIES):
            return fit(
                self.age,
                "We agreed this because of the worries I told you about.",
                "This is because of our worries.",
            )
        return []

    def _past(self, action: Action) -> bool:
        """Done, or due before the period ended: part of what happened, not of what happens next."""
        if not action.what.strip():
            return False
        return action.done_on is not None or (
            action.due_on is not None and action.due_on < self.period.ends_on
        )

    def _how_it_went(self, action: Action) -> list[str]:
        who = self._person_words(action.who)
        doing = lower_first(action.what).rstrip(".").removeprefix("to ")
        if action.done_on is not None:
            return [f"{who} agreed to {doing}.", "That is done now."]
        assert action.due_on is not None
        was = "were" if who == "You" else "was"
        when = lt.day_in_words(action.due_on)
        return [
            *fit(
                self.age,
                f"{who} {was} going to {doing} by {when}.",
                [f"{who} {was} going to {doing}.", f"That was by {when}."],
            ),
            "That has not happened yet.",
        ]

    def _next(self) -> list[str]:
        latest = self.records[-1]
        paragraphs = parts.entries(latest, SafetyCategory.NEXT_STEPS)
        for record in self.records:
            for action in record.actions:
                if action.what.strip() and not self._past(action):
                    who = self._person_words(action.who)
                    when = lt.day_in_words(action.due_on) if action.due_on else ""
                    paragraphs.append(" ".join(action_sentences(self.age, who, action.what, when)))
        planned = latest.next_visit.planned_on
        if planned is not None and planned > self.period.ends_on:
            paragraphs.append(parts.next_visit_sentence(self.age, lt.day_in_words(planned)))
        return parts.unique(paragraphs)
