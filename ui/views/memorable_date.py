"""A date someone knows by heart, such as a date of birth, typed as a day, a month and a year in three boxes.

GOV.UK forms ask for such dates this way. A calendar is slow for a date years back, and Qt's date field will
not take a date typed in one go ("14/03/2016" there ends up as 1 December of this year). A separator
(/ . - or space) moves on to the next box, and so does a box that is full; Tab works as everywhere.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.views.widgets import label, named

SEPARATORS = "/.- "
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip


class _Part(QLineEdit):
    """One box, ``chars`` wide. Knows the next one, to move on to it once ``full`` digits are typed."""

    def __init__(self, full: int, longest: int, chars: int) -> None:
        super().__init__()
        self.next_part: _Part | None = None
        self._full = full
        self.setMaxLength(longest)
        self.setFixedWidth(28 + 14 * chars)
        self.textEdited.connect(self._move_on_when_full)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.text() and event.text() in SEPARATORS:
            # Never kept: it moves on from a box with something in it, and is dropped in a box just moved
            # to (the one before filled up, then came the "/" typed out of habit).
            if self.text().strip() and self.selectedText() != self.text():
                self._move_on()
            return
        super().keyPressEvent(event)

    def _move_on_when_full(self, text: str) -> None:
        if len(text) == self._full and text.isdigit() and self.cursorPosition() == len(text):
            self._move_on()

    def _move_on(self) -> None:
        if self.next_part is not None:
            self.next_part.setFocus()
            self.next_part.selectAll()


class MemorableDateField(QWidget):
    """Day, month and year boxes. ``date()`` is the date they make, or None while they make none."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.day = named(_Part(2, 2, 2), f"{name}Day", self.tr("{0}: day").format(accessible))
        # The month may be a name too ("Mar", "September"), so it is wider and takes more letters.
        self.month = named(_Part(2, 9, 4), f"{name}Month", self.tr("{0}: month").format(accessible))
        self.year = named(_Part(4, 4, 4), f"{name}Year", self.tr("{0}: year").format(accessible))
        self.day.next_part, self.month.next_part = self.month, self.year
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        parts = ((self.day, self.tr("Day")), (self.month, self.tr("Month")), (self.year, self.tr("Year")))
        for part, text in parts:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(label(text, kind="hint"))
            column.addWidget(part)
            row.addLayout(column)
        row.addStretch(1)
        self.setFocusProxy(self.day)

    def date(self) -> date | None:
        return parse_date(self.day.text(), self.month.text(), self.year.text())

    def is_blank(self) -> bool:
        return not (self.day.text().strip() or self.month.text().strip() or self.year.text().strip())

    def set_date(self, value: date | None) -> None:
        self.day.setText(str(value.day) if value else "")
        self.month.setText(str(value.month) if value else "")
        self.year.setText(str(value.year) if value else "")


def parse_date(day: str, month: str, year: str) -> date | None:
    """The date the three boxes make: the month as a number or an English name (or its first three
    letters); the year in full. None if they make no real date."""
    day, month, year = day.strip(), month.strip().lower(), year.strip()
    if not (re.fullmatch(r"\d{1,2}", day) and re.fullmatch(r"\d{4}", year)):
        return None
    if re.fullmatch(r"\d{1,2}", month):
        number = int(month)
    else:
        names = [n for n, full in enumerate(MONTHS, 1) if len(month) >= 3 and full.startswith(month)]
        if len(names) != 1:
            return None
        number = names[0]
    try:
        return date(int(year), number, int(day))
    except ValueError:  # 31 February, month 13, day 0
        return None
