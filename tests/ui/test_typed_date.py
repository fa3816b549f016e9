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
from ui.views.typed_date import (
    DateCalendar,
    Leaning,
    TypedDateField,
    TypedTimeField,
    gives_year,
    read_day,
    read_time,
    weekday_clash,
)

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
        ("14/3", "recent", date(2026, 3, 14)),  # 264 days back, against 101 on that count four times
        ("1/12", "recent", date(2026, 12, 1)),
        ("1/12", "future", date(2027, 12, 1)),
        ("1 dec", "past", date(2026, 12, 1)),
        ("5 jan", "recent", date(2027, 1, 5)),  # in December, "5 January" is next month's
        ("3/12", "future", TODAY),  # today counts either way
        ("3/12", "past", TODAY),
        ("today", "past", TODAY),
        ("tomorrow", "past", date(2026, 12, 4)),
        ("yesterday", "future", date(2026, 12, 2)),
        ("friday", "future", date(2026, 12, 4)),
        ("fri", "past", date(2026, 11, 27)),
        ("on Monday", "future", date(2026, 12, 7)),
        ("next thursday", "recent", date(2026, 12, 10)),  # "next": in next week, Monday to Sunday
        ("next friday", "future", date(2026, 12, 11)),  # on a Thursday, not tomorrow: that is "this friday"
        ("next mon", "past", date(2026, 12, 7)),
        ("this fri", "past", date(2026, 12, 4)),  # "this" is the one to come
        ("this thursday", "past", TODAY),
        ("weds", "past", date(2026, 12, 2)),
        ("tmrw", "past", date(2026, 12, 4)),
        ("14", "future", date(2026, 12, 14)),  # a day of the month alone: this month's, or the next
        ("the 1st", "future", date(2027, 1, 1)),
        ("the 14th", "past", date(2026, 11, 14)),
        ("30th", "past", date(2026, 11, 30)),
        ("last thu", "future", date(2026, 11, 26)),
        ("thu", "future", TODAY),
        ("in 2 weeks", "future", date(2026, 12, 17)),  # a span from today, whichever way the field leans
        ("6 weeks", "future", date(2027, 1, 14)),
        ("in six weeks' time", "recent", date(2027, 1, 14)),
        ("in a fortnight", "past", date(2026, 12, 17)),
        ("in a fortnight's time", "future", date(2026, 12, 17)),
        ("fortnight", "future", date(2026, 12, 17)),
        ("in 10 days", "future", date(2026, 12, 13)),
        ("in a week", "future", date(2026, 12, 10)),
        ("3 days ago", "past", date(2026, 11, 30)),
        ("a week ago", "recent", date(2026, 11, 26)),
        ("in 3 months", "future", date(2027, 3, 3)),
        ("2 months ago", "past", date(2026, 10, 3)),
        ("in thirteen weeks", "future", date(2027, 3, 4)),
        ("in twenty days", "future", date(2026, 12, 23)),
        ("in 6 wks", "future", date(2027, 1, 14)),
        ("1 wk ago", "past", date(2026, 11, 26)),
        ("in 18 mths", "future", date(2028, 6, 3)),
        ("in 2 yrs", "future", date(2028, 12, 3)),
        ("in a year", "future", date(2027, 12, 3)),
        ("a year ago", "past", date(2025, 12, 3)),
        ("next week", "future", date(2026, 12, 10)),  # a week on, as "next month" is a month on
        ("next month", "past", date(2027, 1, 3)),
        ("next year", "future", date(2027, 12, 3)),
        ("last week", "recent", date(2026, 11, 26)),
        ("last month", "past", date(2026, 11, 3)),
        ("in 10 years", "future", date(2036, 12, 3)),  # as far as a span reaches, in any unit
        ("10 years ago", "past", date(2016, 12, 3)),
        ("in 3653 days", "future", date(2036, 12, 3)),
        ("in 120 months", "future", date(2036, 12, 3)),
    ],
)
def test_a_day_without_a_year_leans_as_the_field_does(text: str, leaning: Leaning, expected: date) -> None:
    assert read_day(text, TODAY, leaning) == expected


def test_recent_takes_the_closer_day_counting_days_to_come_as_four_times_as_far() -> None:
    # For a visit: written up at or after it, sometimes a day or two before.
    assert read_day("friday", TODAY, "recent") == date(2026, 12, 4)  # 1 day on (4), against 6 back
    assert read_day("monday", TODAY, "recent") == date(2026, 11, 30)  # 3 back, against 4 on (16)
    assert read_day("saturday", TODAY, "recent") == date(2026, 11, 28)  # 5 back, against 2 on (8)


def test_a_day_of_the_week_beside_a_date_must_be_that_days() -> None:
    assert read_day("Sunday 14 March 2027", TODAY) == MARCH_14  # as the field writes it back
    assert read_day("Friday 14 March 2027", TODAY) is None  # which was meant, the Friday or the 14th?
    assert weekday_clash("Friday 14 March 2027", TODAY) == (MARCH_14, 4)
    assert weekday_clash("Sunday 14 March 2027", TODAY) is None
    assert weekday_clash("friday", TODAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "141",
        "2027",
        "14/3/0027",
        "14/3/1899",
        "2027/" + "1" * 5000 + "/1",  # more digits than Python will make a number of
        "9" * 400,
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
        "weeks",
        "in weeks",
        "week",
        "in 2 weeks ago",
        "in 9999 days",
        "in 3654 days",  # a day more than 10 years on
        "in 522 weeks",
        "in 121 months",
        "in 11 years",
        "11 years ago",
        "in 999 years",
        "in 99999999 years",
        "next day",  # "last day" is of something else; "tomorrow" says "next day"
        "last day",
        "in 2 fortnights and a day",
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
        ("2:30", time(14, 30)), ("230", time(14, 30)), ("6", time(18, 0)), ("02:30", time(2, 30)),
        ("7", time(7, 0)), ("0930h", time(9, 30)), ("10.30 hrs", time(10, 30)), ("2.30p.m", time(14, 30)),
        ("midnight", time(0, 0)), ("0", time(0, 0)),
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
    field.box.setFocus()
    QTest.keyClicks(field.box, "14/3/27")
    assert field.hint.text() == "Reads as Sunday 14 March 2027"  # while typing
    assert readings == []  # nothing is said until the worker has finished
    QTest.keyClick(field.box, Qt.Key.Key_Return)
    assert field.box.text() == "Sunday 14 March 2027"
    assert field.day() == MARCH_14
    assert readings == [MARCH_14]
    assert not field.hint.isVisible()
    assert field.problem() is None
    type_date(qtbot, field.box, "Sunday 14 March 2027")  # its own words read back as the same day
    assert readings == [MARCH_14]


def test_text_that_is_no_date_stays_as_typed_with_a_message(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    type_date(qtbot, field.box, "31/2/2027")
    assert field.box.text() == "31/2/2027"  # kept, to be mended, not replaced by a guess
    assert field.day() is None
    assert readings == [None]
    assert field.hint.isVisible() and field.hint.property("kind") == "error"
    assert field.hint.text().startswith("“31/2/2027” is not a date.")  # under the field: no need to name it
    problem = field.problem()
    assert problem is not None and "“31/2/2027” is not a date" in problem
    type_date(qtbot, field.box, "")
    assert field.problem() == "By when: Type a date, or pick one from the calendar."


def test_what_is_wrong_is_said_in_its_own_words(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    type_date(qtbot, field.box, "Friday 14 March 2027")
    assert field.day() is None and readings == [None]
    assert field.hint.text() == "14 March 2027 is a Sunday, not a Friday."
    type_date(qtbot, field.box, "after the review meeting at school next week")
    assert field.hint.text().startswith("“after the review meeti…” is not a date.\n")  # short, on two lines
    type_date(qtbot, field.box, "")  # a box left empty is said so at once, not only at a save
    assert field.hint.text() == "Type a date, or pick one from the calendar."
    assert field.problem() == "By when: Type a date, or pick one from the calendar."


def test_a_month_on_from_a_day_its_month_lacks_is_that_months_last_day() -> None:
    assert read_day("in a month", date(2027, 1, 31), "future") == date(2027, 2, 28)
    assert read_day("in 1 month", date(2027, 3, 31), "future") == date(2027, 4, 30)


def test_29_february_with_no_leap_year_near_says_to_give_the_year(qtbot: QtBot) -> None:
    field = TypedDateField("due", "By when", "future", today=lambda: TODAY)  # no 29 February a year each way
    qtbot.addWidget(field)
    field.show()
    for typed in ("29/2", "29 feb", "the 29th of February"):
        type_date(qtbot, field.box, typed)
        assert field.day() is None
        assert field.hint.text() == "29 February comes only in a leap year. Give the year, such as 29/2/2028."
    type_date(qtbot, field.box, "29/2/2028")
    assert field.day() == date(2028, 2, 29)
    type_date(qtbot, field.box, "29/2/2027")  # a year given, with no such day: the usual message
    assert field.hint.text().startswith("“29/2/2027” is not a date.")


@pytest.mark.parametrize(
    "today, leaning, suggested",
    [
        (TODAY, "past", "29/2/2024"),  # a date of birth: the leap year gone by, not the one to come
        (TODAY, "recent", "29/2/2024"),  # 2024's is nearer, a day to come counting four times as far
        (date(2028, 1, 10), "past", "29/2/2024"),  # 2028's is still to come
        (date(2028, 3, 10), "future", "29/2/2032"),  # 2028's has gone by
    ],
)
def test_the_leap_year_suggested_for_29_february_is_the_one_the_field_leans_to(
    qtbot: QtBot, today: date, leaning: Leaning, suggested: str
) -> None:
    field = TypedDateField("born", "Date of birth", leaning, today=lambda: today)
    qtbot.addWidget(field)
    field.show()
    type_date(qtbot, field.box, "29/2")
    assert field.day() is None
    assert field.hint.text() == f"29 February comes only in a leap year. Give the year, such as {suggested}."
    type_date(qtbot, field.box, "29/2/2024")
    assert field.day() == date(2024, 2, 29) and field.problem() is None


def test_a_span_says_how_far_off_it_is_and_one_too_far_is_refused(qtbot: QtBot) -> None:
    field = TypedDateField("due", "By when", "future", today=lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    for typed, day in (("in 9 months", date(2027, 9, 3)), ("in 10 years", date(2036, 12, 3))):
        type_date(qtbot, field.box, typed)  # far off, but the worker said how far: nothing to point out
        assert field.day() == day and field.problem() is None
        assert not field.hint.isVisible()
    type_date(qtbot, field.box, "in 40 years")
    assert field.day() is None and field.box.text() == "in 40 years"
    assert field.hint.property("kind") == "error"
    assert (
        field.hint.text()
        == "“in 40 years” is too far off.\nCount up to 10 years either way, or type the date."
    )
    assert field.problem() == (
        "By when: “in 40 years” is too far off. Count up to 10 years either way, or type the date."
    )


def test_a_day_far_off_whose_year_the_field_chose_is_pointed_out(qtbot: QtBot) -> None:
    field = TypedDateField("due", "By when", "future", today=lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    type_date(qtbot, field.box, "2/12")  # yesterday, perhaps, or a slip: "next" 2 December is a year on
    assert field.day() == date(2027, 12, 2) and field.problem() is None
    assert field.hint.property("kind") == "attention"
    assert field.hint.isVisible() and field.hint.text() == (
        "Thursday 2 December 2027 is 364 days away. Type the year if you meant another."
    )
    type_date(qtbot, field.box, "2/12/2027")  # said in full: nothing to point out
    assert not field.hint.isVisible()
    assert gives_year("14 March 2027") and gives_year("140327") and not gives_year("14/3")


def test_a_day_outside_the_range_is_named_as_such(qtbot: QtBot) -> None:
    field = TypedDateField("starts", "First day", "past")
    qtbot.addWidget(field)
    field.set_range(None, date.today())
    field.set_date(date.today() + timedelta(days=400))
    problem = field.problem()
    assert problem is not None and problem.endswith("is after today.")


def test_the_calendar_opens_from_the_keyboard_and_a_pick_sets_the_day(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    field.box.setFocus()
    QTest.keyClick(field.box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.findChild(DateCalendar)
    assert calendar is not None and calendar.isVisible()
    grid = calendar.calendar
    assert grid.selectedDate().toPython() == MARCH_14  # opens on the day in the field
    days = grid.findChild(QAbstractItemView)  # the calendar's own grid of days takes the keys
    QTest.keyClick(days, Qt.Key.Key_Right)
    QTest.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert field.day() == date(2027, 3, 15)
    assert field.box.text() == "Monday 15 March 2027"
    assert readings == [date(2027, 3, 15)]


def test_a_date_half_typed_is_not_judged_while_the_calendar_is_open(qtbot: QtBot) -> None:
    field, readings = shown_field(qtbot, MARCH_14)
    with qtbot.waitActive(field):  # focus moves, as on a real screen, only in an active window
        field.activateWindow()
    field.box.setFocus()
    field.box.selectAll()
    QTest.keyClicks(field.box, "14/3/")
    QTest.keyClick(field.box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.findChild(DateCalendar)
    assert calendar is not None and calendar.isVisible()
    assert field.box.text() == "14/3/" and readings == []  # not read back, judged or announced yet
    QTest.keyClick(calendar.calendar.findChild(QAbstractItemView), Qt.Key.Key_Escape)
    assert not calendar.isVisible() and field.box.text() == "14/3/"  # nothing changed by a look


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
