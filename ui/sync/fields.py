"""A record's fields as rows a worker can compare: plain names, plain values, internal ids left out."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

_HIDDEN = {"id", "child_id", "visit_id", "version", "worker_id", "created_at", "updated_at"}
_NAMES = {
    "full_name": "Full name",
    "known_as": "Known as",
    "starts_at": "When",
    "place": "Where",
    "notes": "Notes",
    "status": "Status",
    "visit_type": "Type of visit",
    "signed_off_at": "Signed off",
    "completed_at": "Completed",
    "text": "Words",
    "relationship": "Relationship",
    "role": "Role",
    "name": "Name",
    "present_person_ids": "People there",
}
_YES_NO = {"child_seen", "seen_alone", "shared_last_record", "chose_not_to_share"}
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


def _moment(text: str) -> str:
    """An ISO date or time, in words (4 March 2026, 10:30)."""
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if len(text) == 10:
        return f"{when.day} {when:%B %Y}"
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when.day} {when:%B %Y}, {when:%H:%M}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def field_name(key: str) -> str:
    return _tr(_NAMES.get(key, key.replace("_", " ").capitalize()))


def value_text(value: Any, key: str = "") -> str:
    if value is None or value == "" or value == []:
        return ""
    if key in _YES_NO and isinstance(value, int):
        value = bool(value)
    if isinstance(value, str) and _MOMENT.match(value):
        return _moment(value)
    if isinstance(value, bool):
        return _tr("Yes") if value else _tr("No")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _tr("{0} people").format(len(value)) if value else ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_of(mine: dict[str, Any] | None, theirs: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    """(field, this laptop's value, the server's value); a side that is None was deleted there."""
    if mine is None or theirs is None:
        gone = _tr("(deleted)")
        present = mine if mine is not None else (theirs or {})
        rows = rows_of(present, present)
        if mine is None:
            return [(gone_name, gone, b) for gone_name, _a, b in rows] or [("", gone, "")]
        return [(name, a, gone) for name, a, _b in rows] or [("", "", gone)]
    keys = [k for k in mine if k not in _HIDDEN]
    keys += [k for k in theirs if k not in _HIDDEN and k not in mine]
    # Fields that differ come first: they are what the worker has to decide about.
    rows = [(field_name(k), value_text(mine.get(k), k), value_text(theirs.get(k), k)) for k in keys]
    return sorted(rows, key=lambda r: r[1] == r[2])
