"""Times from the store (UTC, ISO 8601) shown in the computer's local time."""

from __future__ import annotations

from datetime import datetime


def _local(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone() if parsed.tzinfo is not None else parsed


def local_date(value: str | None) -> str:
    """``2026-11-27T23:30:00+00:00`` → the local calendar date, e.g. ``2026-11-28``."""
    parsed = _local(value)
    return parsed.date().isoformat() if parsed else (value or "")[:10]


def local_minute(value: str | None) -> str:
    """A stored time as local ``YYYY-MM-DD HH:MM``."""
    parsed = _local(value)
    return parsed.strftime("%Y-%m-%d %H:%M") if parsed else (value or "")[:16].replace("T", " ")
