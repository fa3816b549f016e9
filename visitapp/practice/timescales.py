"""When each child must next be visited, and whether they are overdue time alone with their worker.

Rules come from ``resources/timescales.toml``; a council may shorten its own intervals in a local file, but
the statutory maxima are hard caps that no setting can lengthen.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from visitapp.domain.models import LegalStatus
from visitapp.paths import resources_dir
from visitapp.practice.workdays import add_months, add_working_days

_DURATION = re.compile(r"^\s*(\d+)\s+(days?|working days?|weeks?|months?)\s*$")


class TimescaleError(ValueError):
    """A timescales file that cannot be used; the message names the rule and what is wrong."""


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str  # "days", "working_days", "weeks" or "months"

    @classmethod
    def parse(cls, text: str, where: str) -> Duration:
        match = _DURATION.match(text)
        if not match:
            raise TimescaleError(f"{where}: '{text}' should look like '6 weeks' or '10 working days'.")
        unit = match.group(2).rstrip("s").replace(" ", "_") + "s"
        return cls(int(match.group(1)), unit)

    def after(self, start: date) -> date:
        if self.unit == "working_days":
            return add_working_days(start, self.amount)
        if self.unit == "months":
            return add_months(start, self.amount)
        return start + timedelta(days=self.amount * (7 if self.unit == "weeks" else 1))

    def longest_days(self) -> float:
        """The most calendar days this can span, for comparing a council's interval with a legal cap."""
        per_unit = {"days": 1.0, "weeks": 7.0, "months": 31.0, "working_days": 7 / 5}[self.unit]
        return self.amount * per_unit + (4 if self.unit == "working_days" else 0)

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"


@dataclass(frozen=True)
class VisitingRule:
    key: str
    label: str
    council_interval: Duration
    first_visit: Duration | None = None
    statutory_max: Duration | None = None
    council_interval_after_first_year: Duration | None = None
    statutory_max_after_first_year: Duration | None = None
    seen_alone_every: Duration | None = None
    seen_alone_from_age: int = 0

    def intervals(self, start: date | None, last_visit: date) -> tuple[Duration, Duration | None]:
        """The council interval and legal cap that apply at ``last_visit``."""
        settled = start is not None and add_months(start, 12) <= last_visit
        if settled and self.council_interval_after_first_year:
            return self.council_interval_after_first_year, self.statutory_max_after_first_year
        return self.council_interval, self.statutory_max


@dataclass(frozen=True)
class DueVisit:
    due: date
    days_left: int  # negative when overdue
    basis: str  # in plain words, for the caseload's tooltip

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


DEFAULT_RULE_FOR_STATUS = {
    LegalStatus.CHILD_IN_NEED: "child_in_need",
    LegalStatus.CHILD_PROTECTION_PLAN: "child_protection_plan",
    LegalStatus.LOOKED_AFTER: "looked_after_first_year",
    LegalStatus.CARE_LEAVER: "care_leaver",
    LegalStatus.PRIVATE_FOSTERING: "private_fostering",
    LegalStatus.EARLY_HELP: "early_help",
    LegalStatus.OTHER: "child_in_need",
}

_FIELDS = ("first_visit", "council_interval", "statutory_max", "council_interval_after_first_year",
           "statutory_max_after_first_year", "seen_alone_every")  # fmt: skip


def _rule_from_table(key: str, table: dict) -> VisitingRule:
    unknown = set(table) - {*_FIELDS, "label", "seen_alone_from_age"}
    if unknown:
        raise TimescaleError(f"[{key}]: unknown setting {sorted(unknown)[0]!r}.")
    if "council_interval" not in table:
        raise TimescaleError(f"[{key}]: council_interval is missing.")
    fields: dict[str, Any] = {f: Duration.parse(str(table[f]), f"[{key}] {f}") for f in _FIELDS if f in table}
    fields["label"] = str(table.get("label", key))
    fields["seen_alone_from_age"] = int(table.get("seen_alone_from_age", 0))
    rule = VisitingRule(key=key, **fields)
    _check_caps(rule)
    return rule


def _check_caps(rule: VisitingRule) -> None:
    pairs = ((rule.council_interval, rule.statutory_max),
             (rule.council_interval_after_first_year, rule.statutory_max_after_first_year))  # fmt: skip
    for council, cap in pairs:
        if council and cap and council.longest_days() > cap.longest_days():
            raise TimescaleError(
                f"[{rule.key}]: the council interval ({council}) is longer than the legal maximum ({cap})."
            )


def load_rules(extra: Path | None = None) -> dict[str, VisitingRule]:
    """The built-in rules, then a council's local file: it may change intervals and labels, not the caps."""
    with open(resources_dir() / "timescales.toml", "rb") as handle:
        rules = {key: _rule_from_table(key, table) for key, table in tomllib.load(handle).items()}
    if extra is not None and extra.exists():
        try:
            local = tomllib.loads(extra.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise TimescaleError(f"{extra.name} cannot be read: {exc}") from exc
        for key, table in local.items():
            if key not in rules:
                raise TimescaleError(f"{extra.name}: there is no rule called [{key}].")
            if any(name.startswith("statutory_max") for name in table):
                raise TimescaleError(f"{extra.name}: [{key}] cannot change a legal maximum.")
            changed: dict[str, Any] = {
                f: Duration.parse(str(v), f"[{key}] {f}") for f, v in table.items() if f in _FIELDS
            }
            changed["label"] = str(table.get("label", rules[key].label))
            rule = replace(rules[key], **changed)
            _check_caps(rule)
            rules[key] = rule
    return rules


def next_visit_due(rule: VisitingRule, today: date, last_visit: date | None, start: date | None) -> DueVisit:
    """The date the next visit is due: the council's interval, never later than the legal cap."""
    if last_visit is None:
        base = start or today
        interval = rule.first_visit or rule.council_interval
        due = interval.after(base)
        basis = f"first visit within {interval} of {'the start' if start else 'today'}"
    else:
        council, cap = rule.intervals(start, last_visit)
        due = council.after(last_visit)
        basis = f"every {council} ({rule.label.lower()})"
        if cap is not None and cap.after(last_visit) < due:
            due, basis = cap.after(last_visit), f"at least every {cap} by law"
    return DueVisit(due=due, days_left=(due - today).days, basis=basis)


def weeks_since_seen_alone(rule: VisitingRule, today: date, age: int | None, last_alone: date | None,
                           known_since: date) -> int | None:  # fmt: skip
    """Whole weeks without time alone, when that is longer than the rule allows; otherwise None."""
    if rule.seen_alone_every is None or age is None or age < rule.seen_alone_from_age:
        return None
    since = last_alone or known_since
    if rule.seen_alone_every.after(since) >= today:
        return None
    return (today - since).days // 7


def later_than_due_needs_reason(planned: date, due: DueVisit) -> bool:
    """An earlier visit is always fine; a later one must say why."""
    return planned > due.due
