"""The composer's small phrases: naming people, places, the child's words, actions, sentence length.

Every phrase talks to the child ("you") as the worker ("I"). Words the worker or the child typed are used as
typed; only the joining words around them are the composer's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from visitapp.domain.models import Person, Worker
from visitapp.domain.visit_record import Quote, QuoteKind, SharedHow
from visitapp.writing.checker import max_sentence_words
from visitapp.writing.people_words import KIN_TITLES, ROLE_NOUNS
from visitapp.writing.text import quoted, words

_PLACE_START = re.compile(r"^(?:at|in|on|by|near|outside|inside|round|around|with)\b", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
_KIN = KIN_TITLES | {
    "nanna",
    "nannie",
    "grandpa",
    "grandad",
    "granddad",
    "grandma",
    "step-mum",
    "step-dad",
    "stepmum",
    "stepdad",
    "brother",
    "sister",
    "carer",
    "foster",
}
_ME = {"i", "me", "myself", "social worker", "your social worker", "the social worker", "sw"}


def own_word_count(sentence: str) -> int:
    """Words the checker counts against the child's age: the child's quoted words do not count."""
    inside = quoted(sentence)
    return sum(
        1 for word in words(sentence) if not any(span.start <= word.start < span.end for span in inside)
    )


def fit(age: int, *options: list[str] | str) -> list[str]:
    """The first option whose sentences all suit a child of ``age`` (the checker's limit), else the last.

    Each option is one sentence or a list of shorter ones: ``fit(age, "A and B.", ["A.", "B."])``.
    """
    limit = max_sentence_words(age)
    chosen: list[str] = []
    for option in options:
        chosen = [option] if isinstance(option, str) else list(option)
        if all(own_word_count(part) <= limit for part in chosen):
            return chosen
    return chosen


def job_words(job_title: str) -> str:
    """ "Social Worker" as said mid-sentence ("your social worker"); initials stay in capitals."""
    return " ".join(word if word.isupper() and len(word) > 1 else word.lower() for word in job_title.split())


def sentence(text: str) -> str:
    """The worker's words as one tidy sentence: first letter capital, closing full stop if none."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if _ENDS_SENTENCE.search(text) else text + "."


def lower_first(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 1 and text[1].isupper():  # initials or a name: leave them alone
        return text
    return text[:1].lower() + text[1:]


def place_phrase(place: str) -> str:
    """ "at home" stays as it is; "Nan's house" becomes "at Nan's house"."""
    place = " ".join(place.split())
    if not place:
        return ""
    return place if _PLACE_START.match(place) else f"at {place}"


def quoted_words(said: str) -> str:
    """The child's words in curly quotation marks, exactly as recorded (line breaks become spaces, since a
    quotation cannot span lines in the letter's text)."""
    return "\u201c" + " ".join(part for part in said.strip().splitlines() if part.strip()) + "\u201d"


def close(sentence_with_quote: str) -> str:
    """Add a full stop after a closing quotation mark unless the child's words already end the sentence."""
    inner = sentence_with_quote.rstrip("\u201d")
    return sentence_with_quote if _ENDS_SENTENCE.search(inner) else sentence_with_quote + "."


def quote_sentence(quote: Quote) -> str:
    said = quoted_words(quote.words)
    prompt = " ".join(quote.prompt.split())
    how = {
        SharedHow.WRITTEN_BY_CHILD: "You wrote",
        SharedHow.IN_A_DRAWING: "In your drawing you wrote",
        SharedHow.DURING_PLAY: "While we played, you said",
        SharedHow.THROUGH_INTERPRETER: "With help from the interpreter, you told me",
    }.get(quote.shared_how, "You told me")
    if quote.kind is QuoteKind.WISH:
        how = "You told me what you wish for"
    elif quote.kind is QuoteKind.FEELING:
        how = "You told me how you feel"
    joint = ":" if quote.kind in (QuoteKind.WISH, QuoteKind.FEELING) else ","
    lead = ""
    if prompt.endswith("?"):
        lead = f"I asked, {quoted_words(prompt)} "
    elif prompt:
        lead = f"When we talked about {lower_first(prompt).rstrip('.')}, "
        how = how[0].lower() + how[1:]
    return close(f"{lead}{how}{joint} {said}")


@dataclass(frozen=True)
class Naming:
    """How the letter names one person: in full with who they are the first time, then as the child does."""

    first: str
    later: str


def naming(person: Person) -> Naming:
    name = " ".join(person.name.split())
    relationship = " ".join(person.relationship.split())
    role = " ".join(person.role.split())
    rel_words = [w.lower() for w in relationship.replace("'s", "").split()]
    family = bool(rel_words) and (rel_words[0] in _KIN or rel_words[0] in ROLE_NOUNS)
    if relationship and relationship.lower() != name.lower() and family:
        return Naming(f"your {relationship}, {name},", _your(relationship))
    if role:
        owned = (
            role if re.match(r"^(?:your|the|a|an)\b|\w['\u2019]s\b", role, re.IGNORECASE) else f"your {role}"
        )
        return Naming(f"{name}, {owned},", name)
    if relationship and relationship.lower() not in name.lower():
        return Naming(f"{name}, who you call {relationship},", relationship)
    return Naming(name, name)


def _your(relationship: str) -> str:
    """ "your Nanna Jo": the child's own name for someone, said to the child."""
    return f"your {relationship}"


def starts_sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def who_does_it(who: str, people: Sequence[Person], worker: Worker, child_names: Sequence[str]) -> str:
    """The person an action belongs to, as the child would say it: "I", "You", "Your Nanna Jo"."""
    plain = " ".join(who.split())
    lowered = plain.lower()
    worker_names = {
        worker.full_name.lower(),
        worker.full_name.split(" ")[0].lower(),
        worker.job_title.lower(),
    }
    if lowered in _ME or lowered in worker_names:
        return "I"
    if lowered in {name.lower() for name in child_names if name} or lowered in {"you", "the child"}:
        return "You"
    for person in people:
        if lowered in {person.name.lower(), person.relationship.lower()} and lowered:
            return starts_sentence(naming(person).later)
    return plain


def action_sentences(age: int, who: str, what: str, when: str) -> list[str]:
    doing = lower_first(what).rstrip(".")
    doing = doing[3:] if doing.startswith("to ") else doing
    verb_phrase = f"{who} will {doing}"
    if not when:
        return [sentence(verb_phrase)]
    return fit(age, f"{verb_phrase} by {when}.", [sentence(verb_phrase), f"That will be by {when}."])
