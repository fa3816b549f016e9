"""A day near today, and a time of day, typed in one go: when a visit was, the next one, an action's deadline,
when a picture was made, the days a letter's update covers.

Qt's date and time fields take typing one part at a time and quietly make something else of a date typed
whole: "14 March 2027" there became 13 March 2027, and "10:30" became 11:30. Here the whole text is read when
the worker leaves the field ("14/3/2027", "14 March", "14 mar 27", "tomorrow", "friday", "in 6 weeks";
"10:30", "1030", "2pm") and written back in words ("Sunday 14 March 2027"), so a misreading shows at once.
Text that makes no date stays as typed, with a message under it, and ``day()`` is None until it is mended:
nothing is guessed.

Days are read the British way round (14/3 is 14 March). A day typed without a year is the one the field
leans to: the next such day for a date to come, the last one for a date gone by, or a recent one (the nearer,
a day to come counting four times as far as a day gone by: a visit is written up at or after it).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Literal

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.models.format import day_in_words, weekday_day_in_words, weekday_in_words
from ui.views.memorable_date import MONTHS
from ui.views.widgets import label, named, restyle
from visitapp.paths import resources_dir

Leaning = Literal["past", "future", "recent"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FILLER = {"st", "nd", "rd", "th", "of", "the", "on", "s"}  # "the 14th of March", "on Friday", "week's"
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_SPELLINGS = {"weds": "wednesday", "tmrw": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow",
              "tommorrow": "tomorrow", "yday": "yesterday"}  # fmt: skip
LONGEST_NUMBER = 8  # 14032027; longer is no date (and Python will not make an int of 4,300 digits)
EARLIEST_YEAR = 1900  # "0027" is a slip, not the year 27
FAR_AWAY_DAYS = (
    200  # a day read without its year that far off is pointed out: "2/12" the day after is a year on
)
AHEAD_WEIGHT = 4  # "recent": a day to come counts as four times as far away as a day gone by
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_COUNTS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(_NUMBER_WORDS, start=1)}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_UNIT_MONTHS = {"month": 1, "year": 12}  # the same day that many months on
_UNIT_SHORT = {"wk": "week", "mth": "month", "yr": "year"}
SPAN_REACH_YEARS = 10  # "in 40 years" is a slip, not a date a worker means


def _named(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the one name ``word`` starts (three letters at least), or None."""
    found = [n for n, full in enumerate(names) if len(word) >= 3 and full.startswith(word)]
    return found[0] if len(found) == 1 else None


def _year(digits: str) -> int | None:
    if len(digits) == 4:
        return int(digits) if int(digits) >= EARLIEST_YEAR else None
    return 2000 + int(digits) if len(digits) == 2 else None  # days near today: "27" is 2027


def _leaning_to(candidates: list[date], today: date, leaning: Leaning) -> date | None:
    if leaning == "future":
        return min((d for d in candidates if d >= today), default=None)
    if leaning == "past":
        return max((d for d in candidates if d <= today), default=None)
    return min(candidates, default=None, key=lambda d: (d - today).days * AHEAD_WEIGHT if d > today
               else (today - d).days)  # fmt: skip


def _dates(day: int, months: list[tuple[int, int]]) -> list[date]:
    """``day`` in each (year, month) that has it: no 29 February in 2027, no 31 April in any year."""
    found = []
    for year, month in months:
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    return found


def _months_around(today: date) -> list[tuple[int, int]]:
    """(year, month) for last month, this month and next."""
    index = today.year * 12 + today.month - 1
    return [((index + n) // 12, (index + n) % 12 + 1) for n in (-1, 0, 1)]


def _months_on(today: date, months: int) -> date:
    """The same day ``months`` on (or back), or the month's last day where it has no such day."""
    index = today.year * 12 + today.month - 1 + months
    year, month = index // 12, index % 12 + 1
    for day in range(today.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, today.day)  # days up to 28 are in every month


def _words(text: str) -> list[str]:
    words = [_SPELLINGS.get(w, w) for w in re.findall(r"[a-z]+|\d+", text.lower())]
    return [w for w in words if w not in _FILLER]


def _span_count(words: list[str]) -> tuple[int, str] | None:
    """A span from today as (count, unit), the count negative for one gone by: "in 2 weeks" is (2, "week"),
    "in six weeks' time" (6, "week"), "3 days ago" (-3, "day"), "last month" (-1, "month"); None if the
    words are not one."""
    one_on = len(words) == 2 and words[0] in ("next", "last")  # "next week", "last year"
    if one_on:
        back, words = words[0] == "last", ["a", words[1]]
    else:
        back = words[-1:] == ["ago"]
        if back:
            words = words[:-1]
        else:
            words = words[1:] if words[:1] == ["in"] else words
            words = words[:-1] if words[-1:] == ["time"] else words
        if words == ["fortnight"]:
            words = ["a", "fortnight"]
    if len(words) != 2:
        return None
    unit = _UNIT_SHORT.get(words[1].rstrip("s"), words[1].rstrip("s"))  # "wks", "weeks"
    count = int(words[0]) if words[0].isdigit() else _COUNTS.get(words[0])
    if count is None or (unit not in _UNIT_DAYS and unit not in _UNIT_MONTHS):
        return None
    if one_on and unit == "day":  # "last day" is of something else, not yesterday
        return None
    return (-count if back else count), unit


def _span(words: list[str], today: date) -> date | None:
    """The day a span from today names; None if the words are no span, or one more than
    ``SPAN_REACH_YEARS`` away."""
    span = _span_count(words)
    if span is None or abs(span[0]) > 366 * SPAN_REACH_YEARS:  # too far in any unit, and no overflow
        return None
    count, unit = span
    if unit in _UNIT_MONTHS:
        day = _months_on(today, count * _UNIT_MONTHS[unit])
    else:
        day = today + timedelta(days=count * _UNIT_DAYS[unit])
    reach = 12 * SPAN_REACH_YEARS
    return day if _months_on(today, -reach) <= day <= _months_on(today, reach) else None


def is_span(text: str) -> bool:
    """Whether ``text`` is a span from today ("in 6 weeks"), near enough to read or not."""
    return _span_count(_words(text)) is not None


def _read(text: str, today: date, leaning: Leaning) -> tuple[date | None, int | None]:
    """The day ``text`` names, and the day of the week typed beside a whole date (0 is Monday), if one was."""
    words = _words(text)
    if any(w.isdigit() and len(w) > LONGEST_NUMBER for w in words):
        return None, None
    if len(words) == 1 and words[0] in _RELATIVE:
        return today + timedelta(days=_RELATIVE[words[0]]), None
    if (span := _span(words, today)) is not None:
        return span, None
    weekdays = [w for w in words if not w.isdigit() and _named(w, WEEKDAYS) is not None]
    rest = [w for w in words if w not in weekdays]
    if len(weekdays) > 1:
        return None, None
    wanted = _named(weekdays[0], WEEKDAYS) if weekdays else None
    if wanted is not None and rest in ([], ["next"], ["last"], ["this"]):  # "friday", "next friday"
        week = [today + timedelta(days=n) for n in range(-7, 8)]
        days = [d for d in week if d.weekday() == wanted]
        if rest == ["next"]:  # in next week (Monday to Sunday), as "next Friday" is said on a Thursday
            return today + timedelta(days=7 - today.weekday() + wanted), None
        if rest == ["last"]:
            return max(d for d in days if d < today), None
        if rest == ["this"]:  # the one to come, today included
            return min(d for d in days if d >= today), None
        return _leaning_to(days, today, leaning), None
    return _whole_date(rest, today, leaning), wanted


def _whole_date(words: list[str], today: date, leaning: Leaning) -> date | None:
    """A date from its day, month and perhaps year, in any of the orders people write them."""
    names = [w for w in words if not w.isdigit()]
    numbers = [w for w in words if w.isdigit()]
    if len(names) > 1:
        return None
    if names:  # "14 March 2027", "March 14", "14 mar 27"
        month = _named(names[0], MONTHS)
        if month is None or not 1 <= len(numbers) <= 2:
            return None
        return _make(numbers[0], month + 1, numbers[1] if len(numbers) == 2 else None, today, leaning)
    if len(numbers) == 1 and len(numbers[0]) in (6, 8):  # 14032027 or 140327
        whole = numbers[0]
        return _make(whole[:2], int(whole[2:4]), whole[4:], today, leaning)
    if len(numbers) == 1 and len(numbers[0]) <= 2:  # "14", "the 14th": that day of a month near today
        months = [
            ((today.month - 1 + n) // 12 + today.year, (today.month - 1 + n) % 12 + 1) for n in (-1, 0, 1)
        ]
        return _leaning_to(_dates(int(numbers[0]), months), today, leaning)
    if len(numbers) == 3 and len(numbers[0]) == 4 and len(numbers[1]) <= 2:  # 2027-03-14
        return _make(numbers[2], int(numbers[1]), numbers[0], today, leaning)
    if len(numbers) in (2, 3) and len(numbers[1]) <= 2:  # 14/3/2027, 14/3
        return _make(numbers[0], int(numbers[1]), numbers[2] if len(numbers) == 3 else None, today, leaning)
    return None


def _make(day: str, month: int, year: str | None, today: date, leaning: Leaning) -> date | None:
    if len(day) > 2 or not 1 <= month <= 12:
        return None
    if year is None:  # the one such day within a year either side that the field leans to
        years = [(today.year + n, month) for n in (-1, 0, 1)]
        return _leaning_to(_dates(int(day), years), today, leaning)
    full_year = _year(year)
    found = _dates(int(day), [(full_year, month)]) if full_year is not None else []
    return found[0] if found else None


def gives_year(text: str) -> bool:
    """Whether ``text`` says the year itself (else the field chose it)."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    numbers = [w for w in words if w.isdigit()]
    month_named = any(_named(w, MONTHS) is not None for w in words if not w.isdigit())
    return any(len(n) in (4, 6, 8) for n in numbers) or len(numbers) >= (2 if month_named else 3)


def read_day(text: str, today: date, leaning: Leaning = "recent") -> date | None:
    """The day ``text`` names, or None if it names none: a day that does not exist, or a whole date with
    another day of the week beside it ("Friday 14 March 2027" is a Sunday), is none."""
    day, weekday = _read(text, today, leaning)
    return None if day is None or (weekday is not None and day.weekday() != weekday) else day


def weekday_clash(text: str, today: date, leaning: Leaning = "recent") -> tuple[date, int] | None:
    """``(the date, the day of the week typed)`` when ``text`` gives a whole date and another day of the
    week beside it; None otherwise."""
    day, weekday = _read(text, today, leaning)
    return (day, weekday) if day is not None and weekday is not None and day.weekday() != weekday else None


def read_time(text: str) -> time | None:
    """The time of day ``text`` names, or None. "10:30", "10.30", "1030", "0930h", "9am", "2.15 p.m.",
    "noon" and "midnight" all read; an hour from 1 to 6 with no am or pm is the afternoon's (a visit at
    "2:30" is at 14:30), unless written with its nought ("02:30")."""
    words = text.strip().lower().replace(" ", "")
    if words in ("noon", "midday"):
        return time(12, 0)
    if words == "midnight":
        return time(0, 0)
    found = re.fullmatch(r"(\d{1,2})(?:[:.h]?(\d{2}))?(?:(am|pm|a\.m\.?|p\.m\.?)|hrs|hr|h)?", words)
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found[1] in ("1", "2", "3", "4", "5", "6"):
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def years_around(today: date, back: int, ahead: int) -> tuple[date, date]:
    """The days from ``back`` years before ``today`` to ``ahead`` years after: a field's range, so that a
    slip of the keyboard in the year ("2072" for 2027) is caught."""
    return today - timedelta(days=round(365.25 * back)), today + timedelta(days=round(365.25 * ahead))


def _short(typed: str) -> str:
    """What was typed, to quote in a message one line long."""
    return typed if len(typed) <= 24 else typed[:22].rstrip() + "…"


class DateCalendar(QFrame):
    """The calendar that drops down from a date field: a pick, Enter or a click sets the day; Escape or a
    click elsewhere closes it with nothing changed."""

    picked = Signal(object)

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.calendar = named(QCalendarWidget(), f"{name}CalendarGrid", self.tr("Calendar"))
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumSize(420, 320)  # days big enough to tap; names of the days whole
        QVBoxLayout(self).addWidget(self.calendar)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day.toPython())


class TypedDateField(QWidget):
    """A date typed in one go or picked from the calendar beside it. ``date_changed`` says each new reading
    (a date, or None) once the worker has finished (on leaving the box, on Enter, on a pick) and on
    ``set_date``, so a form filling itself in blocks the field's signals. ``box`` is the text box."""

    date_changed = Signal(object)

    def __init__(
        self,
        name: str,
        accessible: str,
        leaning: Leaning = "recent",
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.today = today  # what a day without its year, "tomorrow" or "friday" counts from
        self.setObjectName(f"{name}Field")  # the text box, where the worker types, carries ``name`` itself
        self.leaning: Leaning = leaning
        self.earliest: date | None = None
        self.latest: date | None = None
        self._accessible = accessible
        self.box = named(_DateText(), name, accessible)
        self.box.setMinimumHeight(44)
        self.box.setMinimumWidth(280)  # "Wednesday 30 September 2026" whole
        self.box.setMaximumWidth(340)  # a date, not a line of text
        self.pick = named(
            QToolButton(), f"{name}Pick", self.tr("{0}: pick from a calendar").format(accessible)
        )
        self.pick.setIcon(QIcon(str(resources_dir() / "icons" / "calendar.svg")))
        self.pick.setToolTip(self.tr("Pick from a calendar (Alt+Down)"))
        self.pick.setMinimumSize(44, 44)
        self.pick.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a keyboard user reaches it too (or Alt+Down)
        self.hint = label(kind="hint")
        self.hint.setObjectName(f"{name}Hint")
        self.hint.setWordWrap(False)  # one line, which the field's height can count on
        self.hint.setVisible(False)
        self.time: TypedTimeField | None = None
        self._row = row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.box)
        row.addWidget(self.pick)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.hint)
        self.setFocusProxy(self.box)
        # No taller than it needs, so that in a row with taller neighbours it sits in the middle beside them.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._calendar: DateCalendar | None = None
        self._reading: date | None = None
        self.box.textEdited.connect(self._show_reading)
        self.box.editingFinished.connect(self._finish)
        self.box.open_calendar.connect(self.open_calendar)
        self.pick.clicked.connect(self.open_calendar)

    def add_beside(self, widget: QWidget) -> None:
        """``widget`` on the date's line, after the calendar button, with any message under them both."""
        self._row.insertSpacing(self._row.count() - 1, 8)  # before the stretch
        self._row.insertWidget(self._row.count() - 1, widget)

    def add_time(self, name: str, accessible: str) -> TypedTimeField:
        """A time of day beside the date (when a visit began); a problem with either shows under both."""
        self.time = TypedTimeField(name, accessible)
        self.add_beside(self.time)
        self.time.editingFinished.connect(self._show_problem)
        QWidget.setTabOrder(self.pick, self.time)
        return self.time

    def in_form(self, form: QFormLayout, text: str) -> None:
        """A row of ``form``: the label ``text`` (with its mnemonic) level with the box, not with the middle
        of the box and the message under it."""
        form.addRow(label(text, buddy=self.box), self)
        row, _ = form.getWidgetPosition(self)
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )

    def tab_chain(self) -> list[QWidget]:
        """Its parts in Tab order, for a form that sets the order of its fields itself."""
        return [self.box, self.pick, *([self.time] if self.time is not None else [])]

    # What the worker typed -------------------------------------------------------------------------------

    def day(self) -> date | None:
        """The day the text names, or None while it names none."""
        return read_day(self.box.text(), self.today(), self.leaning)

    def set_date(self, day: date) -> None:
        """Show ``day`` in words, as if picked; says ``date_changed`` if it is a new reading."""
        self.box.setText(weekday_day_in_words(day))
        self.box.setCursorPosition(0)
        self._say(None)
        self._announce()

    def set_range(self, earliest: date | None, latest: date | None) -> None:
        self.earliest, self.latest = earliest, latest

    def problem(self, with_name: bool = True) -> str | None:
        """Why the text cannot be saved, in words; None if it can. ``with_name``: starting with the field's
        name, on one line, as a message anywhere but under the field itself needs."""
        typed = self.box.text().strip()
        day = self.day()
        clash = weekday_clash(typed, self.today(), self.leaning)
        if not typed:
            wrong = self.tr("Type a date, or pick one from the calendar.")
        elif clash is not None:
            wrong = self.tr("{0} is a {1}, not a {2}.").format(
                day_in_words(clash[0]), weekday_in_words(clash[0].weekday()), weekday_in_words(clash[1])
            )
        elif day is None and is_span(typed):  # a span that reads as no day is too far off
            wrong = self.tr(
                "“{0}” is too far off.\nCount up to {1} years either way, or type the date."
            ).format(_short(typed), SPAN_REACH_YEARS)
        elif day is None and self._leap_day_without_year(typed):
            wrong = self.tr("29 February comes only in a leap year. Give the year, such as {0}.").format(
                f"29/2/{self._leap_year()}"
            )
        elif day is None:
            example = self.today()
            wrong = self.tr("“{0}” is not a date.\nType it as {1}/{2}/{3} or {4}.").format(
                _short(typed), example.day, example.month, example.year, day_in_words(example)
            )
        elif self.latest is not None and day > self.latest:
            wrong = self.tr("{0} is after {1}.").format(day_in_words(day), self._bound_words(self.latest))
        elif self.earliest is not None and day < self.earliest:
            wrong = self.tr("{0} is before {1}.").format(day_in_words(day), self._bound_words(self.earliest))
        else:
            return None
        if not with_name:
            return wrong
        return self.tr("{0}: {1}").format(self._accessible, wrong.replace("\n", " "))

    def _leap_year(self) -> int:
        """The leap year to suggest for "29/2", chosen as a day without a year is: the last one for a field
        leaning to the past, the next for the future, the nearer for "recent"."""
        today = self.today()
        years = range(today.year - 8, today.year + 9)  # a leap year comes at least every 8 years
        leap_days = [date(year, 2, 29) for year in years if calendar.isleap(year)]
        chosen = _leaning_to(leap_days, today, self.leaning)
        assert chosen is not None
        return chosen.year

    def _leap_day_without_year(self, typed: str) -> bool:
        """ "29/2" or "29 Feb" when no year near today has the day: with a year it would be one."""
        if gives_year(typed):
            return False
        with_year = read_day(f"{typed} {self._leap_year()}", self.today(), self.leaning)
        return with_year is not None and (with_year.month, with_year.day) == (2, 29)

    def _bound_words(self, day: date) -> str:
        return self.tr("today") if day == self.today() else day_in_words(day)

    def _show_reading(self) -> None:
        """While typing: what the text reads as so far, or nothing (no message for a date half typed)."""
        day = self.day()
        self._say(self.tr("Reads as {0}").format(weekday_day_in_words(day)) if day else None)

    def _finish(self) -> None:
        typed, day = self.box.text(), self.day()
        if day is not None:
            self.box.setText(weekday_day_in_words(day))  # the reading, in words, so a misreading shows
            self.box.setCursorPosition(0)
        problem = self._show_problem()
        far = day is not None and abs((day - self.today()).days) > FAR_AWAY_DAYS
        if far and problem is None and not gives_year(typed) and not is_span(typed):  # a span says how far
            assert day is not None
            self._say(self.tr("{0} is {1} days away. Type the year if you meant another.").format(
                weekday_day_in_words(day), abs((day - self.today()).days)), kind="attention")  # fmt: skip
        self._announce()

    def _show_problem(self) -> str | None:
        """Under the field once the worker has left the date or the time: what is wrong with the date, else
        with the time. Returns what it said."""
        problem = self.problem(with_name=False)
        if problem is None and self.time is not None:
            problem = self.time.problem(with_name=False)
        self._say(problem, error=True)
        return problem

    def check(self, quietly: bool = False) -> bool:
        """Before a save: True if the date (and time) can be saved; if not, says why under the field and
        (unless ``quietly``, as for a save of its own) puts the cursor there."""
        problem = self.problem(with_name=False)
        wrong: QWidget = self.box
        if problem is None and self.time is not None:
            problem, wrong = self.time.problem(with_name=False), self.time
        self._say(problem, error=True)
        if problem is not None and not quietly:
            wrong.setFocus()
        return problem is None

    def _say(self, text: str | None, error: bool = False, kind: str = "hint") -> None:
        self.hint.setText(text or "")
        self.hint.setProperty("kind", "error" if error else kind)
        restyle(self.hint)
        self.hint.setVisible(bool(text))

    def _announce(self) -> None:
        day = self.day()
        if day != self._reading:
            self._reading = day
            self.date_changed.emit(day)

    # The calendar ----------------------------------------------------------------------------------------

    def set_date_enabled(self, enabled: bool) -> None:
        """The date box and its calendar on or off; what was added beside them stays as it is."""
        self.box.setEnabled(enabled)
        self.pick.setEnabled(enabled)
        if not enabled:
            self._say(None)

    def open_calendar(self) -> None:
        if not self.box.isEnabled():
            return
        if self._calendar is None:
            # A child of the box: Qt's line edit does not count focus going to its own popup as the end of
            # editing, so a date half typed is not judged while the calendar is open.
            self._calendar = DateCalendar(self.box.objectName(), self.box)
            self._calendar.picked.connect(self._picked)
        grid = self._calendar.calendar
        grid.setMinimumDate(QDate(self.earliest) if self.earliest else QDate(1900, 1, 1))
        grid.setMaximumDate(QDate(self.latest) if self.latest else QDate(2200, 12, 31))
        grid.setSelectedDate(QDate(self.day() or self.today()))
        self._calendar.adjustSize()
        below = self.box.mapToGlobal(QPoint(0, self.box.height()))
        room = self.box.screen().availableGeometry()
        size = self._calendar.size()
        if below.y() + size.height() > room.bottom():  # no room below: above the box instead
            below.setY(self.box.mapToGlobal(QPoint(0, 0)).y() - size.height())
        below.setX(max(room.left(), min(below.x(), room.right() - size.width())))
        self._calendar.move(below)
        grid.setFocus()  # before it shows: afterwards, the move of focus would end the box's editing
        self._calendar.show()

    def _picked(self, day: date) -> None:
        self.set_date(day)
        self.box.setFocus()


class _DateText(QLineEdit):
    """Alt+Down or F4 opens the calendar, as in Qt's own date field."""

    open_calendar = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar.emit()
            return
        super().keyPressEvent(event)


class TypedTimeField(QLineEdit):
    """A time of day typed in one go, written back as "14:30". ``time_of_day()`` is None while the text
    makes none; ``time_changed`` says each new reading once the worker has finished with the field."""

    time_changed = Signal(object)

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name, accessible)
        self._accessible = accessible
        self.setMinimumHeight(44)
        self.setMaximumWidth(110)
        self.setPlaceholderText("14:30")
        self._reading: time | None = None
        self.editingFinished.connect(self._finish)

    def time_of_day(self) -> time | None:
        return read_time(self.text())

    def set_time(self, moment: time) -> None:
        self.setText(f"{moment:%H:%M}")
        self._announce()

    def problem(self, with_name: bool = True) -> str | None:
        if self.time_of_day() is not None:
            return None
        wrong = self.tr("Type a time of day, such as 9:30 or 14:00.")
        return self.tr("{0}: {1}").format(self._accessible, wrong) if with_name else wrong

    def _finish(self) -> None:
        moment = self.time_of_day()
        if moment is not None:
            self.setText(f"{moment:%H:%M}")
        self._announce()

    def _announce(self) -> None:
        moment = self.time_of_day()
        if moment != self._reading:
            self._reading = moment
            self.time_changed.emit(moment)
