"""Visiting rules, table by table: weekends, bank holidays, year ends, and every kind of plan or order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from visitapp.domain.models import LegalStatus
from visitapp.practice.timescales import (
    DEFAULT_RULE_FOR_STATUS,
    Duration,
    TimescaleError,
    VisitingRule,
    later_than_due_needs_reason,
    load_rules,
    next_visit_due,
    weeks_since_seen_alone,
)
from visitapp.practice.workdays import add_months, add_working_days, is_working_day, working_days_between

D = date
TODAY = D(2026, 11, 23)


@pytest.mark.parametrize(
    ("start", "count", "expected", "why"),
    [
        (D(2026, 11, 27), 1, D(2026, 11, 30), "Friday + 1 skips the weekend"),
        (D(2026, 11, 20), 10, D(2026, 12, 4), "two plain working weeks"),
        (D(2026, 4, 2), 2, D(2026, 4, 8), "Good Friday and Easter Monday"),
        (D(2026, 12, 18), 5, D(2026, 12, 29), "Christmas, and Boxing Day moved to Monday the 28th"),
        (D(2026, 12, 30), 2, D(2027, 1, 4), "New Year's Day across the year end"),
        (D(2026, 8, 28), 1, D(2026, 9, 1), "the late summer bank holiday"),
        (D(2026, 11, 23), 0, D(2026, 11, 23), "zero days is the same day"),
    ],
)
def test_add_working_days(start: date, count: int, expected: date, why: str) -> None:
    assert add_working_days(start, count) == expected, why


def test_working_day_basics() -> None:
    assert not is_working_day(D(2026, 12, 25)) and not is_working_day(D(2026, 11, 28))
    assert is_working_day(D(2026, 11, 23))
    assert working_days_between(D(2026, 12, 18), D(2026, 12, 29)) == 5
    assert working_days_between(D(2026, 12, 29), D(2026, 12, 18)) == -5


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [(D(2026, 1, 31), 1, D(2026, 2, 28)), (D(2024, 1, 31), 1, D(2024, 2, 29)),
     (D(2026, 11, 15), 2, D(2027, 1, 15)), (D(2026, 10, 31), 2, D(2026, 12, 31))],
)  # fmt: skip
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


RULES = load_rules()


@pytest.mark.parametrize(
    ("rule", "last_visit", "start", "expected"),
    [
        ("child_in_need", None, D(2026, 11, 20), D(2026, 11, 27)),  # 5 working days
        ("child_in_need", D(2026, 10, 1), None, D(2026, 11, 12)),  # 6 weeks
        ("child_protection_plan", None, D(2026, 11, 20), D(2026, 11, 24)),  # 2 working days
        ("child_protection_plan", D(2026, 12, 18), None, D(2027, 1, 6)),  # 10 working days over Christmas
        ("looked_after_first_year", None, D(2026, 11, 20), D(2026, 11, 27)),
        ("looked_after_first_year", D(2026, 10, 1), D(2026, 6, 1), D(2026, 11, 12)),
        ("looked_after_after_first_year", D(2026, 10, 1), D(2024, 6, 1), D(2026, 11, 12)),
        ("looked_after_long_term", D(2026, 10, 1), D(2022, 6, 1), D(2027, 1, 1)),
        ("connected_carer_or_interim_care_order", D(2026, 11, 1), None, D(2026, 11, 29)),
        ("placed_with_parent", D(2026, 11, 1), None, D(2026, 12, 13)),
        ("care_order_at_home", None, D(2026, 11, 20), D(2026, 11, 27)),
        ("care_order_at_home", D(2026, 11, 1), None, D(2026, 12, 13)),
        ("private_fostering", None, D(2026, 12, 18), D(2026, 12, 31)),  # 7 working days
        ("private_fostering", D(2026, 10, 1), D(2026, 6, 1), D(2026, 11, 12)),  # first year: 6 weeks
        ("private_fostering", D(2026, 10, 1), D(2025, 1, 10), D(2026, 12, 24)),  # after: 12 weeks
        ("care_leaver", None, D(2026, 11, 20), D(2026, 11, 27)),
        ("care_leaver", D(2026, 10, 31), None, D(2026, 12, 31)),  # 2 months
        ("early_help", D(2026, 10, 1), None, D(2026, 11, 12)),
    ],
)
def test_next_visit_due_for_each_rule(
    rule: str, last_visit: date | None, start: date | None, expected: date
) -> None:  # noqa: E501
    due = next_visit_due(RULES[rule], TODAY, last_visit, start)
    assert due.due == expected
    assert due.days_left == (expected - TODAY).days
    assert due.overdue == (expected < TODAY)


def test_every_legal_status_has_a_rule() -> None:
    assert set(DEFAULT_RULE_FOR_STATUS) == set(LegalStatus)
    assert set(DEFAULT_RULE_FOR_STATUS.values()) <= set(RULES)


def test_the_legal_cap_wins_over_a_longer_council_interval() -> None:
    rule = VisitingRule("x", "x", council_interval=Duration(8, "weeks"), statutory_max=Duration(6, "weeks"))
    due = next_visit_due(rule, TODAY, D(2026, 10, 1), None)
    assert due.due == D(2026, 11, 12) and "by law" in due.basis


def test_a_council_may_shorten_but_not_lengthen(tmp_path: Path) -> None:
    local = tmp_path / "timescales.local.toml"
    local.write_text('[child_in_need]\ncouncil_interval = "4 weeks"\n')
    assert next_visit_due(load_rules(local)["child_in_need"], TODAY, D(2026, 10, 1), None).due == D(
        2026, 10, 29
    )
    for bad, message in [
        ('[looked_after_first_year]\ncouncil_interval = "8 weeks"\n', "longer than the legal maximum"),
        (
            '[looked_after_first_year]\ncouncil_interval = "30 working days"\n',
            "longer than the legal maximum",
        ),
        ('[looked_after_first_year]\nstatutory_max = "12 weeks"\n', "cannot change a legal maximum"),
        ('[no_such_rule]\ncouncil_interval = "1 weeks"\n', "no rule called"),
        ('[child_in_need]\ncouncil_interval = "six weeks"\n', "should look like"),
        ("[child_in_need\n", "cannot be read"),
    ]:
        local.write_text(bad)
        with pytest.raises(TimescaleError, match=message):
            load_rules(local)


@pytest.mark.parametrize(
    ("age", "last_alone", "expected"),
    [(7, D(2026, 10, 1), 7), (4, D(2026, 10, 1), None), (7, D(2026, 11, 10), None), (None, None, None),
     (9, None, 11)],
)  # fmt: skip
def test_not_seen_alone(age: int | None, last_alone: date | None, expected: int | None) -> None:
    rule = RULES["child_protection_plan"]
    assert weeks_since_seen_alone(rule, TODAY, age, last_alone, known_since=D(2026, 9, 1)) == expected
    assert weeks_since_seen_alone(RULES["child_in_need"], TODAY, age, last_alone, D(2026, 9, 1)) is None


def test_an_earlier_visit_is_fine_a_later_one_needs_a_reason() -> None:
    due = next_visit_due(RULES["child_in_need"], TODAY, D(2026, 11, 1), None)
    assert not later_than_due_needs_reason(due.due, due)
    assert not later_than_due_needs_reason(D(2026, 11, 30), due)
    assert later_than_due_needs_reason(D(2026, 12, 14), due)


def test_durations_read_and_print_in_plain_words() -> None:
    assert str(Duration.parse("1 weeks", "t")) == "1 week"
    assert str(Duration.parse("10 working days", "t")) == "10 working days"
    assert Duration.parse("2 months", "t").after(D(2026, 12, 31)) == D(2027, 2, 28)
