"""Days and times typed in one go: what the text is read as, and how the field shows that reading.

"Today" in these tests is Thursday 3 December 2026."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from tests.ui.uikit import type_date
from ui.views.typed_date import DateCalendar, Leaning, TypedDateField, TypedTimeField, read_day, read_time

TODAY = date(2026, 12, 3)  # a Thursday
MARCH_14 = date(2027, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "14/3/2027", "14/03/27", "14 3 2027", "14.3.2027", "14-03-2027", "14032027", "140327", "2027-03-14",
        "14 March 2027", "14 mar 27", "14th of March 2027", "Sunday 14 March 2027", "March 14, 2027",
        "  14 / 3 / 2027 ",
    ],
)  # fmt: skip
def test_a_whole_date_is_read_whichever_way_it_is_written(text: str) -> None:
    assert read_day(text, TODAY) == MARCH_14


@pytest.mark.parametrize(
    "text, leaning, expected",
    [
        ("14/3", "future", date(2027, 3, 14)),
        ("14/3", "past", date(2026, 3, 14)),
        ("14/3", "nearest", date(2027, 3, 14)),  # 101 days on, against 264 back
        ("1/12", "nearest", date(2026, 12, 1)),
        ("1/12", "future", date(2027, 12, 1)),
        ("1 dec", "past", date(2026, 12, 1)),
        ("5 jan", "nearest", date(2027, 1, 5)),  # in December, "5 January" is next month's
        ("3/12", "future", TODAY),  # today counts either way
        ("3/12", "past", TODAY),
        ("today", "past", TODAY),
        ("tomorrow", "past", date(2026, 12, 4)),
        ("yesterday", "future", date(2026, 12, 2)),
        ("friday", "future", date(2026, 12, 4)),
        ("fri", "past", date(2026, 11, 27)),
        ("on Monday", "future", date(2026, 12, 7)),
        ("next thursday", "nearest", date(2026, 12, 10)),  # "next" is never today
        ("last thu", "future", date(2026, 11, 26)),
        ("thu", "future", TODAY),
    ],
)
def test_a_day_without_a_year_leans_as_the_field_does(text: str, leaning: Leaning, expected: date) -> None:
    assert read_day(text, TODAY, leaning) == expected


def test_nearest_takes_the_closer_day_of_the_week() -> None:
    # Monday 30 November is 3 days back and Monday 7 December 4 days on.
    assert read_day("monday", TODAY, "nearest") == date(2026, 11, 30)
    assert read_day("saturday", TODAY, "nearest") == date(2026, 12, 5)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "14",
        "2027",
        "31/2/2027",
        "14/13/2027",
        "0/3/2027",
        "14 ma 2027",
        "14/3/202",
        "14 March May 2027",
        "friday monday",
        "141/3/2027",
        "29/2",
        "next",
        "next week",
    ],  # fmt: skip
)
def test_text_that_names_no_day_reads_as_none(text: str) -> None:
    # "29/2": no 29 February within a year either side of December 2026, so nothing is guessed.
    assert read_day(text, TODAY, "future") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10:30", time(10, 30)), ("10.30", time(10, 30)), ("1030", time(10, 30)), ("9", time(9, 0)),
        ("09:05", time(9, 5)), ("9am", time(9, 0)), ("2pm", time(14, 0)), ("2.15 pm", time(14, 15)),
        ("12am", time(0, 0)), ("12pm", time(12, 0)), ("noon", time(12, 0)), ("23:59", time(23, 59)),
        ("24:00", None), ("13pm", None), ("9:5", None), ("10:60", None), ("half ten", None), ("", None),
    ],
)  # fmt: skip
def test_a_time_of_day_is_read_or_refused(text: str, expected: time | None) -> None:
    assert read_time(text) == expected


def shown_field(qtbot: QtBot, day: date | None = None) -> tuple[TypedDateField, list[object]]:
    """A "By when" field on screen (holding ``day``, if given), and the readings it says from then on."""
    field = TypedDateField("due", "By when", "future")
    qtbot.addWidget(field)
    field.show()
    if day is not None:
        field.set_date(day)
    readings: list[object] = []
    field.date_changed.connect(readings.append)
    return field, readings


def test_leaving_the_field_writes_the_reading_back_in_words(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot)
    field.text.setFocus()
    QTest.keyClicks(field.text, "14/3/27")
    assert field.hint.text() == "Reads as Sunday 14 March 2027"  # while typing
    assert readings == []  # nothing is said until the worker has finished
    QTest.keyClick(field.text, Qt.Key.Key_Return)
    assert field.text.text() == "Sunday 14 March 2027"
    assert field.date() == MARCH_14
    assert readings == [MARCH_14]
    assert not field.hint.isVisible()
    assert field.problem() is None
    type_date(qtbot, field.text, "Sunday 14 March 2027")  # its own words read back as the same day
    assert readings == [MARCH_14]


def test_text_that_is_no_date_stays_as_typed_with_a_message(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    type_date(qtbot, field.text, "31/2/2027")
    assert field.text.text() == "31/2/2027"  # kept, to be mended, not replaced by a guess
    assert field.date() is None
    assert readings == [None]
    assert field.hint.isVisible() and field.hint.property("kind") == "error"
    assert field.hint.text().startswith("“31/2/2027” is not a date.")  # under the field: no need to name it
    problem = field.problem()
    assert problem is not None and "“31/2/2027” is not a date" in problem
    type_date(qtbot, field.text, "")
    assert field.problem() == "By when: Type a date, or pick one from the calendar."


def test_a_day_outside_the_range_is_named_as_such(qtbot: QtBot) -> None:
    field = TypedDateField("starts", "First day", "past")
    qtbot.addWidget(field)
    field.set_range(None, date.today())
    field.set_date(date.today() + timedelta(days=400))
    problem = field.problem()
    assert problem is not None and problem.endswith("is after today.")


def test_the_calendar_opens_from_the_keyboard_and_a_pick_sets_the_day(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    field.text.setFocus()
    QTest.keyClick(field.text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.findChild(DateCalendar)
    assert calendar is not None and calendar.isVisible()
    grid = calendar.calendar
    assert grid.selectedDate().toPython() == MARCH_14  # opens on the day in the field
    days = grid.findChild(QAbstractItemView)  # the calendar's own grid of days takes the keys
    QTest.keyClick(days, Qt.Key.Key_Right)
    QTest.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert field.date() == date(2027, 3, 15)
    assert field.text.text() == "Monday 15 March 2027"
    assert readings == [date(2027, 3, 15)]


def test_a_disabled_field_opens_no_calendar(qtbot: QtBot) -> None:
    field, _ = shown_field(qtbot)
    field.set_date_enabled(False)
    field.open_calendar()
    assert field.findChild(DateCalendar) is None


def test_a_time_is_written_back_as_hours_and_minutes(qtbot: QtBot) -> None:
    field = TypedTimeField("when", "Time of the visit")
    qtbot.addWidget(field)
    field.show()
    readings: list[object] = []
    field.time_changed.connect(readings.append)
    field.setFocus()
    QTest.keyClicks(field, "2.15pm")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "14:15"
    assert readings == [time(14, 15)]
    field.selectAll()
    QTest.keyClicks(field, "25:00")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert field.time_of_day() is None and field.text() == "25:00"
    assert field.problem() == "Time of the visit: Type a time of day, such as 9:30 or 14:00."
    assert field.problem(with_name=False) == "Type a time of day, such as 9:30 or 14:00."
