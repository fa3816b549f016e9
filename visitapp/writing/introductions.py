"""Say who each person is the first time the letter names them ("ask Mr Dunmore, your class teacher, …").

The worker's own entries often name people in passing. The first time one of the child's people is named
outside the child's quoted words, the composer adds who they are right after the name. The child's words
are never touched, and a name followed by "'s" is left alone (there is no tidy place for the words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from visitapp.domain.models import Person
from visitapp.writing.composer_phrases import naming
from visitapp.writing.text import inside_any, quoted


def _forms(person: Person) -> list[tuple[str, str]]:
    """(how the letter may name them, what to add after it) for one person."""
    named = naming(person)
    name = " ".join(person.name.split())
    if named.first.startswith("your "):  # family, by the child's own word for them
        return [(named.later.removeprefix("your "), name), (name, named.later)]
    if named.first == name:
        return []
    return [(name, named.first[len(name) :].strip(" ,"))]


def introduce(body: str, people: Sequence[Person], introduced: set[str]) -> str:
    """``body`` with who-they-are added at each person's first mention; ``introduced`` is updated."""
    for person in people:
        if person.id in introduced:
            continue
        skip = quoted(body)
        first: tuple[int, int, str] | None = None
        for form, words in _forms(person):
            pattern = re.compile(rf"(?<![\w'\u2019-]){re.escape(form)}(?![\w-])")
            for match in pattern.finditer(body):
                if not inside_any(match.start(), match.end(), skip):
                    if first is None or match.start() < first[0]:
                        first = (match.start(), match.end(), words)
                    break
        if first is None:
            continue
        introduced.add(person.id)
        start, end, words = first
        after = body[end:]
        if re.match(r"['\u2019]s\b", after) or body[max(0, start - 1) : start] == "(":
            continue
        closing = "" if re.match(r"\s*(?:[.,;:!?)]|$)", after) else ","
        body = f"{body[:end]}, {words}{closing}{after}"
    return body
