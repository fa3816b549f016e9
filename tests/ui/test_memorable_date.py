"""Reading the day, month and year boxes of a date of birth."""

from __future__ import annotations

from datetime import date

import pytest

from ui.views.memorable_date import parse_date


@pytest.mark.parametrize(
    "day, month, year, expected",
    [
        ("14", "3", "2016", date(2016, 3, 14)),
        ("04", "03", "2016", date(2016, 3, 4)),
        (" 4 ", "Mar", "2016", date(2016, 3, 4)),
        ("4", "march", "2016", date(2016, 3, 4)),
        ("29", "2", "2016", date(2016, 2, 29)),  # a leap year
        ("29", "2", "2017", None),
        ("31", "2", "2016", None),
        ("0", "3", "2016", None),
        ("14", "13", "2016", None),
        ("14", "ma", "2016", None),  # too short to tell March from May
        ("14", "3", "16", None),  # a two-figure year could be 1916 or 2016
        ("", "", "", None),
        ("14", "", "2016", None),
    ],
)
def test_the_boxes_make_a_date_or_none(day: str, month: str, year: str, expected: date | None) -> None:
    assert parse_date(day, month, year) == expected
