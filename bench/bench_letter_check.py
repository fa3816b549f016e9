"""Letter checker figures: checking a 1,500-word letter (the worker's budget is 150 ms, so the screen can
update soon after a pause in typing) and a 600-word letter (the issue's target, 30 ms), p50 and p95 over
repeats, plus the first check in a process, which also reads the glossary.
"""

from __future__ import annotations

import time

from bench.common import median, ms, percentile, verdict
from visitapp.writing.checker import check_letter
from visitapp.writing.glossary import default_glossary

REPEATS = 40
BUDGET_1500 = 0.150
BUDGET_600 = 0.030

# A made-up letter's building blocks: plain sentences, with some jargon, names, dates and quotes mixed in.
_PARAGRAPHS = (
    "I came to see you at home on Tuesday. Your mum, Leila, made us a cup of tea. We sat in the garden "
    "and you showed me the den you built with your brother Sami.",
    'You said, "I like it when Nan picks me up from school." Your Nan, Rose, told me she loves doing it. '
    "The IRO will check your care plan at the LAC review on 12/05/2025.",
    "Amira was quiet at first and she did not want to talk about contact with Dad. Mum is clearly tired "
    "and the house was chaotic, which professionals have raised as a concern at the core group.",
    "We drew the three houses together. In the house of worries you drew a storm cloud. In the house of "
    "good things you drew your cat Biscuit and your friend Kayden from school.",
    "I am worried about the nights when Mum is not well, because you told me you feel scared. We made a "
    "plan so you know who to ring, and your teacher, Mr Price, knows about it too.",
)


def make_letter(words: int) -> str:
    parts = ["Dear Amira,"]
    count = 0
    index = 0
    while count < words:
        paragraph = _PARAGRAPHS[index % len(_PARAGRAPHS)]
        parts.append(paragraph)
        count += len(paragraph.split())
        index += 1
    parts.append("Love from\nJo Baker\nYour social worker")
    return "\n\n".join(parts)


def _times(text: str) -> list[float]:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        check_letter(text, 9, ["Amira"], recorded_quotes=["I like it when Nan picks me up from school"])
        samples.append(time.perf_counter() - started)
    return samples


def run() -> list[tuple[str, str]]:
    long_letter = make_letter(1500)
    short_letter = make_letter(600)
    default_glossary.cache_clear()
    started = time.perf_counter()
    default_glossary()
    first = check_letter(long_letter, 9, ["Amira"])
    cold = time.perf_counter() - started
    long_times = _times(long_letter)
    short_times = _times(short_letter)
    figures = [
        ("1,500-word letter: words / findings", f"{first.readability.words} / {len(first.findings)}"),
        ("first check in a process (reads glossary)", ms(cold)),
    ]
    for label, samples, budget in (
        ("1,500 words", long_times, BUDGET_1500),
        ("600 words", short_times, BUDGET_600),
    ):
        p50, p95 = median(samples), percentile(samples, 95)
        figures += [
            (f"{label}: p50 / p95 of {REPEATS}", f"{ms(p50)} / {ms(p95)}"),
            (
                f"{label}: p95 / budget {ms(budget)}",
                f"{p95 / budget:.2f}\u00d7  {verdict(p95, budget)} (\u2264 {ms(budget)})",
            ),
        ]
    return figures
