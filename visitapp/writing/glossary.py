"""The glossary of social-work words and initials, each with a plain alternative a child would understand.

The built-in list is ``resources/glossary.toml``. A council can keep its own file in the same format
(for example ``glossary.local.toml`` in the data folder); ``load_glossary`` reads extra files after the
built-in one, so a local entry with the same term replaces the built-in one, and ``remove = true`` drops it.

Each entry is a ``[[term]]`` table::

    [[term]]
    term = "IRO"                                  # initials are matched with their exact capitals
    full = "independent reviewing officer"        # optional: what the initials stand for
    plain = "the person who checks your plan"     # what to write instead
    also = ["IROs"]                               # optional: other spellings
    not_after = ["to"]                            # optional: ignore the term straight after these words
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from visitapp.paths import resources_dir

LOCAL_GLOSSARY_NAME = "glossary.local.toml"


class GlossaryError(ValueError):
    """A glossary file that cannot be read or does not follow the format."""


@dataclass(frozen=True)
class Term:
    term: str
    plain: str
    full: str | None = None
    also: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()

    @property
    def is_acronym(self) -> bool:
        letters = [char for char in self.term if char.isalpha()]
        return len(letters) >= 1 and all(char.isupper() for char in letters) and " " not in self.term

    def forms(self) -> list[str]:
        """Spellings that count as this term, including a plural."""
        found = [self.term, *self.also]
        plurals = [form + ("s" if self.is_acronym or not form.endswith("s") else "es") for form in found]
        return found + [form for form in plurals if not form.endswith("ses")]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


def _boundary_pattern(forms: Iterable[str], flags: int) -> re.Pattern[str] | None:
    ordered = sorted(set(forms), key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in ordered)
    return re.compile(rf"(?<![\w'\u2019-])(?:{alternatives})(?![\w-])", flags)


class Glossary:
    """A set of terms that can find themselves in a text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: dict[str, Term] = {}
        for term in terms:
            self.terms[term.term.lower()] = term
        self._acronym_forms: dict[str, Term] = {}
        self._word_forms: dict[str, Term] = {}
        for term in self.terms.values():
            for form in term.forms():
                if term.is_acronym:
                    self._acronym_forms[form] = term
                else:
                    self._word_forms[" ".join(form.lower().split())] = term
        self._acronym_re = _boundary_pattern(self._acronym_forms, 0)
        self._word_re = _boundary_pattern(self._word_forms, re.IGNORECASE)

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, word: str) -> Term | None:
        """The term a single spelling belongs to, if any (initials must match their capitals)."""
        return self._acronym_forms.get(word) or self._word_forms.get(" ".join(word.lower().split()))

    def find(self, text: str) -> Iterator[Match]:
        """Every place a term appears, longest spelling first, without overlaps."""
        found: list[Match] = []
        for pattern, forms, fold in (
            (self._word_re, self._word_forms, True),
            (self._acronym_re, self._acronym_forms, False),
        ):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = " ".join(match.group().lower().split()) if fold else match.group()
                term = forms[key]
                if term.not_after and _previous_word(text, match.start()) in term.not_after:
                    continue
                found.append(Match(match.start(), match.end(), term))
        found.sort(key=lambda item: (item.start, -item.end))
        last_end = -1
        for item in found:
            if item.start >= last_end:
                last_end = item.end
                yield item


def _previous_word(text: str, offset: int) -> str:
    match = re.search(r"([\w'\u2019]+)\W*$", text[max(0, offset - 40) : offset])
    return match.group(1).lower() if match else ""


def _terms_from(path: Path) -> tuple[list[Term], set[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GlossaryError(f"Cannot read the glossary {path}: {exc.strerror or exc}.") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(f"The glossary {path} is not valid TOML text: {exc}.") from exc
    entries = data.get("term", [])
    if not isinstance(entries, list):
        raise GlossaryError(f"The glossary {path} should hold a list of [[term]] tables.")
    terms: list[Term] = []
    removed: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise GlossaryError(f"Entry {number} in {path} has no term.")
        if entry.get("remove") is True:
            removed.add(name.lower())
            continue
        plain = entry.get("plain")
        if not isinstance(plain, str) or not plain.strip():
            raise GlossaryError(f"The term {name!r} in {path} has no plain alternative.")
        full = entry.get("full")
        terms.append(
            Term(
                term=name.strip(),
                plain=plain.strip(),
                full=full.strip() if isinstance(full, str) and full.strip() else None,
                also=tuple(str(form) for form in entry.get("also", ())),
                not_after=tuple(str(word).lower() for word in entry.get("not_after", ())),
            )
        )
    return terms, removed


def builtin_glossary_path() -> Path:
    return resources_dir() / "glossary.toml"


def local_glossary_path(data_dir: Path) -> Path:
    """Where a council's own glossary lives in a data folder (it may not exist)."""
    return data_dir / LOCAL_GLOSSARY_NAME


def load_glossary(extra_paths: Iterable[Path] = (), include_builtin: bool = True) -> Glossary:
    """The built-in glossary with each extra file merged over it, in order. Missing extra files are errors."""
    merged: dict[str, Term] = {}
    paths = [builtin_glossary_path()] if include_builtin else []
    for path in [*paths, *(Path(extra) for extra in extra_paths)]:
        terms, removed = _terms_from(path)
        for key in removed:
            merged.pop(key, None)
        for term in terms:
            merged[term.term.lower()] = term
    return Glossary(merged.values())


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The built-in glossary, read once."""
    return load_glossary()
