"""The period an update letter covers, the default one (the last three months), and the visits inside it."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from visitapp.domain.models import Child, VisitStatus
from visitapp.domain.visit_steps import VisitRecord
from visitapp.writing.letter_text import day_in_words

DEFAULT_MONTHS = 3


@dataclass(frozen=True)
class Period:
    """The days the update covers, both included."""

    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        if self.starts_on > self.ends_on:
            raise ValueError("The period must start before it ends.")

    @property
    def is_three_months(self) -> bool:
        return self.starts_on == months_before(self.ends_on, DEFAULT_MONTHS)

    def holds(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when that month is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def default_period(today: date) -> Period:
    """The last three months, up to and including today."""
    return Period(months_before(today, DEFAULT_MONTHS), today)


class EmptyPeriod(Exception):
    """No finished visit falls in the period, so there is nothing to gather; the message says so."""


def empty_period_message(child: Child, period: Period) -> str:
    start, end = day_in_words(period.starts_on), day_in_words(period.ends_on)
    return (
        f"There are no finished visits to {child.display_name} from {start} to {end}, so there is nothing "
        "to put in an update yet. Choose other dates, or finish a visit first."
    )


def visits_in(records: Sequence[VisitRecord], period: Period) -> list[VisitRecord]:
    """The finished visits inside the period, oldest first."""
    kept = [
        r
        for r in records
        if r.visit.status is VisitStatus.COMPLETED and period.holds(r.visit.starts_at.date())
    ]
    return sorted(kept, key=lambda r: r.visit.starts_at)
