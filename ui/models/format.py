"""Dates and ages as a worker reads them: in words, never 03/04/05."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Format", text)


def day_in_words(day: date) -> str:
    return f"{day.day} {_tr(_MONTHS[day.month - 1])} {day.year}"


def weekday_in_words(weekday: int) -> str:
    """0 is "Monday"."""
    return _tr(_DAYS[weekday])


def weekday_day_in_words(day: date) -> str:
    """ "Sunday 14 March 2027": for a day near today, where the day of the week matters."""
    return f"{weekday_in_words(day.weekday())} {day_in_words(day)}"


def short_day_in_words(day: date) -> str:
    """For narrow table columns: "30 Sep 2026". Still a date in words, never 30/09/26."""
    return f"{day.day} {_tr(_MONTHS[day.month - 1][:3])} {day.year}"


def moment_in_words(moment: datetime) -> str:
    return f"{day_in_words(moment.date())}, {moment:%H:%M}"


def age_in_words(age: int | None) -> str:
    if age is None:
        return _tr("Not known")
    if age < 1:
        return _tr("Under 1")
    return str(age)
