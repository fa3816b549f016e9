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
from visitapp.domain.visit_record import NotAloneReason, SafetyCategory, TimeAlone
from visitapp.domain.visit_steps import VisitRecord
from visitapp.practice.direct_work import DirectWorkTool, load_tools
from visitapp.writing import letter_text as lt
from visitapp.writing.composer_phrases import (
    action_sentences,
    close,
    fit,
    job_words,
    lower_first,
    naming,
    place_phrase,
    quote_sentence,
    quoted_words,
    sentence,
    starts_sentence,
    who_does_it,
)
from visitapp.writing.introductions import introduce

DEFAULT_AGE = 10  # when the date of birth is not recorded: plain enough for most readers

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
class Section:
    key: str  # "opening", a heading from letter_text.HEADINGS, or "sign_off"
    heading: str
    body: str


@dataclass(frozen=True)
class LetterDraft:
    text: str
    sections: tuple[Section, ...]
    quote_ids: tuple[str, ...]  # Quote ids, and "<tool entry id>:<field key>" for direct-work answers
    picture_ids: tuple[str, ...]  # "[Picture N]" in the text is picture_ids[N - 1]
    age: int


def letter_age(record: VisitRecord) -> int:
    age = record.child.age_on(record.visit.starts_at.date())
    return DEFAULT_AGE if age is None else max(age, 4)


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
        sections = [
            Section("opening", "", self._opening()),
            self._section(lt.WHO_WAS_THERE, self._who_was_there()),
            self._section(lt.WHY_I_CAME, self._why()),
            self._section(lt.OUR_TIME, self._time_together()),
            self._section(lt.YOUR_WORDS, self._your_words()),
            self._section(lt.YOUR_PICTURES, self._pictures(shown)),
            self._section(
                lt.GOING_WELL, self._entries(SafetyCategory.STRENGTHS, SafetyCategory.EXISTING_SAFETY)
            ),
            self._section(lt.WORRIES, self._worries()),
            self._section(lt.NEXT, self._next()),
            Section("sign_off", "", f"Best wishes,\n{self.worker.full_name}\n{self._job()}"),
        ]
        introduced = set(self.record.visit.present_person_ids)
        sections = [
            replace(section, body=introduce(section.body, self.people, introduced))
            if section.key not in ("opening", "sign_off", lt.WHO_WAS_THERE)
            else section
            for section in sections
        ]
        kept = tuple(section for section in sections if section.body)
        parts = [f"Dear {self.record.child.display_name},"]
        for section in kept:
            parts += [section.heading, section.body] if section.heading else [section.body]
        text = "\n\n".join(parts) + "\n"
        return LetterDraft(text, kept, tuple(self.quote_ids), tuple(p.id for p in shown), self.age)

    @staticmethod
    def _section(heading: str, paragraphs: list[str]) -> Section:
        return Section(heading, heading, "\n\n".join(p for p in paragraphs if p))

    def _job(self) -> str:
        team = self.worker.team.strip()
        return f"{self.worker.job_title}, {team}" if team else self.worker.job_title

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
        by_id = {person.id: person for person in self.people}
        present = [by_id[pid] for pid in self.record.visit.present_person_ids if pid in by_id]
        if not present:
            return []
        singles = [starts_sentence(f"{naming(person).first} was there.") for person in present]
        if len(present) == 2:
            first, second = (naming(person).first for person in present)
            singles = fit(self.age, starts_sentence(f"{first} and {second} were there."), singles)
        return [" ".join(singles)]

    def _why(self) -> list[str]:
        purpose = " ".join(self.record.visit.purpose.split())
        if not purpose:
            return []
        if purpose.lower().startswith(("to ", "because ", "so ", "for ")):
            return [sentence(f"I came {lower_first(purpose)}")]
        return [sentence(purpose)]

    def _time_together(self) -> list[str]:
        alone = self.record.time_alone
        paragraphs = [" ".join(self._alone_sentences(alone))]
        for entry in self.record.tools:
            tool = self.tools.get(entry.tool)
            if tool is not None:
                paragraphs.append(sentence(f"We did the {tool.label.lower()} activity together"))
        paragraphs += [sentence(obs.text) for obs in self.record.observations if obs.text.strip()]
        return paragraphs

    def _alone_sentences(self, alone: TimeAlone) -> list[str]:
        if not alone.child_seen:
            lines = ["I did not see you this time."]
            if alone.not_seen_reason.strip():
                lines.append(sentence(alone.not_seen_reason))
            if alone.not_seen_next_steps.strip():
                lines.append(sentence(alone.not_seen_next_steps))
            return lines
        if alone.seen_alone:
            minutes = f"{alone.minutes} minute{'s' if alone.minutes != 1 else ''}"
            where = place_phrase(alone.place).replace("at ", "in ", 1) if alone.place.strip() else ""
            joined = f"We had {minutes} on our own{' ' + where if where else ''}."
            return fit(self.age, joined, [f"We had {minutes} on our own.", sentence(f"We were {where}")])
        reason = alone.not_alone_reason
        if reason is None:
            return []
        if reason is NotAloneReason.OTHER:
            return ["We did not have time on our own.", sentence(alone.not_alone_other)]
        return _NOT_ALONE[reason]

    def _your_words(self) -> list[str]:
        paragraphs = []
        for quote in self.record.quotes:
            if quote.words.strip():
                paragraphs.append(quote_sentence(quote))
                self.quote_ids.append(quote.id)
        for entry in self.record.tools:
            tool = self.tools.get(entry.tool)
            for field in tool.fields if tool else ():
                said = entry.answers.get(field.key, "")
                if field.kind != "words" or not said.strip():
                    continue
                asked = f"I asked, {quoted_words(field.prompt)} " if field.prompt.strip() else ""
                paragraphs.append(close(f"{asked}You said, {quoted_words(said)}"))
                self.quote_ids.append(f"{entry.id}:{field.key}")
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

    def _entries(self, *categories: SafetyCategory) -> list[str]:
        return [
            sentence(e.text)
            for c in categories
            for e in self.record.safety
            if e.category is c and e.text.strip()
        ]

    def _worries(self) -> list[str]:
        entries = self._entries(
            SafetyCategory.HARM, SafetyCategory.DANGER_STATEMENT, SafetyCategory.COMPLICATING_FACTORS
        )
        if not entries:
            return []
        lead = fit(
            self.age,
            "I want to be honest with you about our worries.",
            ["I want to be honest with you.", "These are our worries."],
        )
        return [" ".join(lead), *entries]

    def _next(self) -> list[str]:
        paragraphs = self._entries(SafetyCategory.SAFETY_GOALS, SafetyCategory.NEXT_STEPS)
        for action in self.record.actions:
            if action.done_on is None and action.what.strip():
                who = self._person_words(action.who)
                when = self._when(action.due_on) if action.due_on else ""
                paragraphs.append(" ".join(action_sentences(self.age, who, action.what, when)))
        planned = self.record.next_visit.planned_on
        if planned is not None:
            day = self._when(planned)
            paragraphs.append(
                " ".join(
                    fit(
                        self.age,
                        f"I will come to see you again on {day}.",
                        ["I will come to see you again.", f"That will be on {day}."],
                    )
                )
            )
        return paragraphs


_NOT_ALONE: dict[NotAloneReason, list[str]] = {
    NotAloneReason.DECLINED: ["You did not want time on your own.", "That is OK."],
    NotAloneReason.TOO_YOUNG: ["You are still very little.", "So we stayed with your family."],
    NotAloneReason.ASLEEP: ["You were asleep for most of my visit."],
    NotAloneReason.NOT_AT_HOME: ["You were out for part of my visit.", "So we did not have time alone."],
    NotAloneReason.PARENT_REFUSED: [
        "I was not allowed to see you alone.",
        "I will ask again next time.",
        "It matters that we can talk alone.",
    ],
    NotAloneReason.INTERPRETER_NEEDED: ["We needed someone to help us talk.", "So we were not on our own."],
}
