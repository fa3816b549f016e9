"""Readability of a letter: Flesch Reading Ease, Flesch–Kincaid grade and a UK reading age.

Reading age is the Flesch–Kincaid (US school) grade plus five. Names are left out of the syllable count when
they are given: "Oluwaseun" is a long word, but the child knows their own name and their family's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from visitapp.writing.syllables import count_syllables
from visitapp.writing.text import sentences, words


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    reading_age: float
    words: int
    sentences: int
    syllables: int

    def as_dict(self) -> dict[str, float]:
        return {
            "flesch_reading_ease": self.flesch_reading_ease,
            "flesch_kincaid_grade": self.flesch_kincaid_grade,
            "reading_age": self.reading_age,
        }

    def too_hard_for(self, age: int) -> bool:
        # Compared in whole years, as shown to the worker, so "about 8" is never "too hard for 8".
        return self.words > 0 and round(self.reading_age) > age


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The single words that make up the given names, lower-cased ("Amira Khan" gives amira and khan)."""
    return frozenset(span.text.lower() for name in names for span in words(name))


def readability(text: str, names: Iterable[str] = ()) -> Readability:
    """Scores for the whole text. An empty text scores zero throughout."""
    excluded = name_words(names)
    tokens = words(text)
    sentence_count = len(sentences(text))
    counted = [token.text for token in tokens if token.text.lower() not in excluded]
    syllables = sum(count_syllables(word) for word in counted)
    if not tokens or not sentence_count or not counted:
        return Readability(0.0, 0.0, 0.0, len(tokens), sentence_count, syllables)
    words_per_sentence = len(tokens) / sentence_count
    syllables_per_word = syllables / len(counted)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    return Readability(
        flesch_reading_ease=round(ease, 2),
        flesch_kincaid_grade=round(grade, 2),
        reading_age=round(grade + 5, 1),
        words=len(tokens),
        sentences=sentence_count,
        syllables=syllables,
    )


def describe_reading_age(result: Readability, age: int) -> str:
    """One plain sentence about the reading age, for the worker."""
    if not result.words:
        return "There are no words to score yet."
    years = max(0, round(result.reading_age))
    article = "an" if years in (8, 11, 18) or 80 <= years < 90 else "a"
    if result.too_hard_for(age):
        return (
            f"A child would need to read like {article} {years}-year-old to follow this; "
            f"aim for age {age} or below."
        )
    return f"A child who reads like {article} {years}-year-old could follow this, which suits age {age}."
