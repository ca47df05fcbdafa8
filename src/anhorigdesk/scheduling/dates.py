"""Calendar arithmetic on local dates: months that end early, leap days."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the last day of a short month.

    31 August + 6 months is 28 February, or 29 February in a leap year; 29 February + 12 months
    is 28 February. The interval always counts from the check-in itself, never from an earlier
    clamped date, so a clamp never accumulates into drift.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
