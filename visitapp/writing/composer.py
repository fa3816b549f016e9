"""Draft the letter to the child from what was recorded during a visit.

``compose_letter(record, people, worker, pictures)`` gives a ``LetterDraft``: plain text in the small
structure of ``letter_text`` (greeting, headed sections, picture places, sign-off), the sections it is made
of, and which of the child's recorded words it quoted. Parts with nothing recorded are left out. Sentences
the composer writes itself are kept within the length the checker allows for the child's age; the worker's
and the child's words are used exactly as recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from visitapp.domain.models import Person, VisitType, Worker
from visitapp.domain.visit_record import SafetyCategory
from visitapp.domain.visit_steps import VisitRecord
from visitapp.practice.direct_work import DirectWorkTool, load_tools
from visitapp.writing import letter_parts as parts
from visitapp.writing import letter_text as lt
from visitapp.writing.composer_phrases import (
    action_sentences,
    close,
    fit,
    job_words,
    naming,
    place_phrase,
    quoted_words,
    sentence,
    who_does_it,
)
from visitapp.writing.introductions import introduce
from visitapp.writing.letter_parts import DEFAULT_AGE, Section

__all__ = [
    "DEFAULT_AGE",
    "MADE_BY_CHILD",
    "MADE_BY_TOGETHER",
    "MADE_BY_WORKER",
    "LetterDraft",
    "LetterPicture",
    "Section",
    "compose_letter",
    "letter_age",
]

# Who made a picture (``LetterPicture.made_by``); anything else is taken as a person's name.
MADE_BY_CHILD = "child"
MADE_BY_TOGETHER = "together"
MADE_BY_WORKER = "worker"


@dataclass(frozen=True)
class LetterPicture:
    """A picture from the visit, as the letter needs it. ``description`` is the child's own words."""

    id: str
    description: str
    made_by: str = MADE_BY_CHILD
    may_go_in_letter: bool = False


@dataclass(frozen=True)
class LetterDraft:
    text: str
    sections: tuple[Section, ...]
    quote_ids: tuple[str, ...]  # Quote ids, and "<tool entry id>:<field key>" for direct-work answers
    picture_ids: tuple[str, ...]  # "[Picture N]" in the text is picture_ids[N - 1]
    age: int


def letter_age(record: VisitRecord) -> int:
    return parts.age_on(record.child, record.visit.starts_at.date())


def compose_letter(
    record: VisitRecord,
    people: Sequence[Person],
    worker: Worker,
    pictures: Sequence[LetterPicture] = (),
    tools: Mapping[str, DirectWorkTool] | None = None,
) -> LetterDraft:
    composer = _Composer(record, people, worker, tools if tools is not None else load_tools())
    return composer.compose(pictures)


class _Composer:
    def __init__(
        self,
        record: VisitRecord,
        people: Sequence[Person],
        worker: Worker,
        tools: Mapping[str, DirectWorkTool],
    ) -> None:
        self.record = record
        self.people = list(people)
        self.worker = worker
        self.tools = tools
        self.age = letter_age(record)
        self.child_names = [record.child.full_name, record.child.known_as, record.child.display_name]
        self.quote_ids: list[str] = []

    def compose(self, pictures: Sequence[LetterPicture]) -> LetterDraft:
        shown = [picture for picture in pictures if picture.may_go_in_letter and picture.description.strip()]
        record = self.record
        sections = [
            Section("opening", "", self._opening()),
            parts.section(lt.WHO_WAS_THERE, self._who_was_there()),
            parts.section(lt.WHY_I_CAME, parts.why_sentences(record.visit.purpose)),
            parts.section(lt.OUR_TIME, self._time_together()),
            parts.section(lt.YOUR_WORDS, self._your_words()),
            parts.section(lt.YOUR_PICTURES, self._pictures(shown)),
            parts.section(lt.GOING_WELL, parts.entries(record, *parts.GOING_WELL_CATEGORIES)),
            parts.section(lt.WORRIES, self._worries()),
            parts.section(lt.NEXT, self._next()),
            parts.sign_off(self.worker),
        ]
        introduced = set(record.visit.present_person_ids)
        sections = [
            replace(part, body=introduce(part.body, self.people, introduced))
            if part.key not in ("opening", "sign_off", lt.WHO_WAS_THERE)
            else part
            for part in sections
        ]
        kept, text = parts.assemble(record.child.display_name, sections)
        return LetterDraft(text, kept, tuple(self.quote_ids), tuple(p.id for p in shown), self.age)

    def _when(self, day: date) -> str:
        return lt.day_in_words(day)

    # The parts, in the order the child reads them ------------------------------------------------------

    def _opening(self) -> str:
        visit = self.record.visit
        me = f"I am {self.worker.full_name}, your {job_words(self.worker.job_title)}."
        where = place_phrase(visit.place)
        came = f"I came to see you{' ' + where if where else ''}"
        day = self._when(visit.starts_at.date())
        lines = [me]
        lines += fit(
            self.age,
            f"{came} on {day}.",
            [f"{came}.", f"It was {day}."],
            ["I came to see you.", sentence(f"We met {where}"), f"It was {day}."] if where else [],
        )
        if visit.visit_type is VisitType.UNANNOUNCED:
            lines += fit(
                self.age, "I did not tell anyone that I was coming this time.", "I did not say I was coming."
            )
        return " ".join(lines)

    def _who_was_there(self) -> list[str]:
        present = parts.present_people(self.record, self.people)
        if not present:
            return []
        return [" ".join(parts.there_sentences(self.age, [naming(person).first for person in present]))]

    def _time_together(self) -> list[str]:
        paragraphs = [" ".join(parts.alone_sentences(self.age, self.record.time_alone))]
        return paragraphs + parts.activity_sentences(self.record, self.tools)

    def _your_words(self) -> list[str]:
        said = parts.said_sentences(self.record, self.tools)
        self.quote_ids += [quote_id for _, quote_id in said]
        paragraphs = [words for words, _ in said]
        if not paragraphs and self.record.chose_not_to_share.strip():
            paragraphs.append("You did not want to tell me things. That is OK.")
        return paragraphs

    def _pictures(self, shown: Sequence[LetterPicture]) -> list[str]:
        paragraphs = []
        for number, picture in enumerate(shown, start=1):
            made = {
                MADE_BY_CHILD: "You made this picture.",
                MADE_BY_TOGETHER: "We made this picture together.",
                MADE_BY_WORKER: "I took this picture with you.",
            }.get(picture.made_by.strip().lower() or MADE_BY_CHILD)
            if made is None:
                made = sentence(f"{self._person_words(picture.made_by)} made this picture with you")
            said = close(f"You told me, {quoted_words(picture.description)}")
            paragraphs.append(f"{lt.picture_marker(number)}\n{made} {said}")
        return paragraphs

    def _person_words(self, who: str) -> str:
        return who_does_it(who, self.people, self.worker, self.child_names)

    def _worries(self) -> list[str]:
        worries = parts.entries(self.record, *parts.WORRY_CATEGORIES)
        return [parts.worries_lead(self.age), *worries] if worries else []

    def _next(self) -> list[str]:
        paragraphs = parts.entries(self.record, SafetyCategory.SAFETY_GOALS, SafetyCategory.NEXT_STEPS)
        for action in self.record.actions:
            if action.done_on is None and action.what.strip():
                who = self._person_words(action.who)
                when = self._when(action.due_on) if action.due_on else ""
                paragraphs.append(" ".join(action_sentences(self.age, who, action.what, when)))
        planned = self.record.next_visit.planned_on
        if planned is not None:
            paragraphs.append(parts.next_visit_sentence(self.age, self._when(planned)))
        return paragraphs
