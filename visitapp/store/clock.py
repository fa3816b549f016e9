"""Timestamps as the store writes them: UTC, ISO 8601, to the millisecond."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
