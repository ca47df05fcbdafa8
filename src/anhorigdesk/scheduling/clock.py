"""The injected clock: "now" as an aware UTC instant, "days" in the local time zone.

Scheduling never calls ``datetime.now()`` itself. Whoever asks for a schedule hands in a
:class:`Clock` (or an instant taken from one), so every rule can be tested at a fixed moment.
Calendar days (due dates, days overdue) are counted in Europe/Stockholm: an answer given at
00:30 local time on a summer night belongs to that local day, although it is still the day
before in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock(Protocol):
    """Where "now" comes from. ``now()`` returns an aware datetime in UTC."""

    @property
    def tz(self) -> ZoneInfo: ...

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class SystemClock:
    """The real clock of the machine."""

    tz: ZoneInfo = STOCKHOLM

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still at ``at`` until a test moves it with :meth:`advance_to`."""

    at: datetime
    tz: ZoneInfo = field(default=STOCKHOLM)

    def __post_init__(self) -> None:
        self.at = require_aware(self.at, "FixedClock.at").astimezone(UTC)

    def now(self) -> datetime:
        return self.at

    def advance_to(self, at: datetime) -> None:
        self.at = require_aware(at, "FixedClock.advance_to").astimezone(UTC)


def require_aware(value: datetime, where: str) -> datetime:
    """Return ``value`` if it is an aware datetime, else raise a ValueError naming ``where``."""
    if not isinstance(value, datetime):
        raise TypeError(f"{where}: expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{where}: the datetime has no time zone (naive); give an aware UTC time")
    return value


def local_date(instant: datetime, tz: ZoneInfo = STOCKHOLM) -> date:
    """The calendar day on which ``instant`` falls in ``tz``."""
    return instant.astimezone(tz).date()
