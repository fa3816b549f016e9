"""Parts both letters are made of: the letter for one visit (``composer``) and the update that gathers the
visits of a period (``update_composer``).

Each function turns something recorded at a visit into sentences said to the child ("you") by the worker
("I"), kept within the sentence length the checker allows for the child's age. Words the worker or the child
typed are used as typed; only the joining words are ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from visitapp.domain.models import Child, Person, Worker
from visitapp.domain.visit_record import NotAloneReason, SafetyCategory, TimeAlone
from visitapp.domain.visit_steps import VisitRecord
from visitapp.practice.direct_work import DirectWorkTool
from visitapp.writing.composer_phrases import (
    close,
    fit,
    lower_first,
    place_phrase,
    quote_sentence,
    quoted_words,
    sentence,
    starts_sentence,
)

DEFAULT_AGE = 10  # when the date of birth is not recorded: plain enough for most readers

GOING_WELL_CATEGORIES = (SafetyCategory.STRENGTHS, SafetyCategory.EXISTING_SAFETY)
WORRY_CATEGORIES = (
    SafetyCategory.HARM,
    SafetyCategory.DANGER_STATEMENT,
    SafetyCategory.COMPLICATING_FACTORS,
)


@dataclass(frozen=True)
class Section:
    key: str  # "opening", a heading from letter_text.HEADINGS, or "sign_off"
    heading: str
    body: str


def section(heading: str, paragraphs: Sequence[str]) -> Section:
    return Section(heading, heading, "\n\n".join(p for p in paragraphs if p))


def assemble(display_name: str, sections: Sequence[Section]) -> tuple[tuple[Section, ...], str]:
    """The sections that have something in them, and the letter's text: greeting, sections, sign-off."""
    kept = tuple(part for part in sections if part.body)
    parts = [f"Dear {display_name},"]
    for part in kept:
        parts += [part.heading, part.body] if part.heading else [part.body]
    return kept, "\n\n".join(parts) + "\n"


def age_on(child: Child, day: date) -> int:
    """The age the letter is written for: the child's age on ``day``, never below four."""
    age = child.age_on(day)
    return DEFAULT_AGE if age is None else max(age, 4)


def sign_off(worker: Worker) -> Section:
    team = worker.team.strip()
    job = f"{worker.job_title}, {team}" if team else worker.job_title
    return Section("sign_off", "", f"Best wishes,\n{worker.full_name}\n{job}")


def why_sentences(purpose: str) -> list[str]:
    purpose = " ".join(purpose.split())
    if not purpose:
        return []
    if purpose.lower().startswith(("to ", "because ", "so ", "for ")):
        return [sentence(f"I came {lower_first(purpose)}")]
    return [sentence(purpose)]


def _names_two(name: str) -> bool:
    """One person in the child's list may be a couple: "Carol and Ray Haines, your foster carers"."""
    return any(joiner in f" {name} " for joiner in (" and ", " & "))


def there_sentences(age: int, names: Sequence[str]) -> list[str]:
    """ "Your Nan, Sally Cole, was there.", or two people in one sentence when it is short enough."""
    singles = [starts_sentence(f"{name} {'were' if _names_two(name) else 'was'} there.") for name in names]
    if len(names) == 2:
        return fit(age, starts_sentence(f"{names[0]} and {names[1]} were there."), singles)
    return singles


def present_people(record: VisitRecord, people: Sequence[Person]) -> list[Person]:
    by_id = {person.id: person for person in people}
    return [by_id[pid] for pid in record.visit.present_person_ids if pid in by_id]


def alone_sentences(age: int, alone: TimeAlone) -> list[str]:
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
        return fit(age, joined, [f"We had {minutes} on our own.", sentence(f"We were {where}")])
    reason = alone.not_alone_reason
    if reason is None:
        return []
    if reason is NotAloneReason.OTHER:
        return ["We did not have time on our own.", sentence(alone.not_alone_other)]
    return list(_NOT_ALONE[reason])


def activity_sentences(record: VisitRecord, tools: Mapping[str, DirectWorkTool]) -> list[str]:
    """The activities we did together, then what the worker noticed, each as its own sentence."""
    said = []
    for entry in record.tools:
        tool = tools.get(entry.tool)
        if tool is not None:
            said.append(sentence(f"We did the {tool.label.lower()} activity together"))
    return said + [sentence(obs.text) for obs in record.observations if obs.text.strip()]


def said_sentences(record: VisitRecord, tools: Mapping[str, DirectWorkTool]) -> list[tuple[str, str]]:
    """The child's words from one visit, exactly as recorded: (sentence, quote id) in the order said.

    A direct-work answer's id is "<tool entry id>:<field key>".
    """
    said = [(quote_sentence(quote), quote.id) for quote in record.quotes if quote.words.strip()]
    for entry in record.tools:
        tool = tools.get(entry.tool)
        for field in tool.fields if tool else ():
            answer = entry.answers.get(field.key, "")
            if field.kind != "words" or not answer.strip():
                continue
            asked = f"I asked, {quoted_words(field.prompt)} " if field.prompt.strip() else ""
            said.append((close(f"{asked}You said, {quoted_words(answer)}"), f"{entry.id}:{field.key}"))
    return said


def entries(record: VisitRecord, *categories: SafetyCategory) -> list[str]:
    return [sentence(e.text) for c in categories for e in record.safety if e.category is c and e.text.strip()]


def worries_lead(age: int) -> str:
    lead = fit(
        age,
        "I want to be honest with you about our worries.",
        ["I want to be honest with you.", "These are our worries."],
    )
    return " ".join(lead)


def next_visit_sentence(age: int, day: str) -> str:
    said = fit(
        age,
        f"I will come to see you again on {day}.",
        ["I will come to see you again.", f"That will be on {day}."],
    )
    return " ".join(said)


def lower_lead(sentence_words: str) -> str:
    """ "You told me, …" as it reads after a date ("On Monday 1 June 2026, you told me"); "I" stays."""
    if sentence_words.startswith(("I ", "I\u2019", "I'")):
        return sentence_words
    return sentence_words[:1].lower() + sentence_words[1:]


def sentence_key(text: str) -> str:
    return " ".join(text.lower().rstrip(".").split())


def unique(texts: Iterable[str]) -> list[str]:
    """Each sentence once (a worry written at every visit is said once), in the order first written."""
    seen: set[str] = set()
    kept = []
    for text in texts:
        if sentence_key(text) not in seen:
            seen.add(sentence_key(text))
            kept.append(text)
    return kept


_NOT_ALONE: dict[NotAloneReason, tuple[str, ...]] = {
    NotAloneReason.DECLINED: ("You did not want time on your own.", "That is OK."),
    NotAloneReason.TOO_YOUNG: ("You are still very little.", "So we stayed with your family."),
    NotAloneReason.ASLEEP: ("You were asleep for most of my visit.",),
    NotAloneReason.NOT_AT_HOME: ("You were out for part of my visit.", "So we did not have time alone."),
    NotAloneReason.PARENT_REFUSED: (
        "I was not allowed to see you alone.",
        "I will ask again next time.",
        "It matters that we can talk alone.",
    ),
    NotAloneReason.INTERPRETER_NEEDED: ("We needed someone to help us talk.", "So we were not on our own."),
}
