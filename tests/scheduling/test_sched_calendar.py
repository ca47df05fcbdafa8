"""Month ends, leap days and daylight-saving changes, on the calendar and the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from anhorigdesk.scheduling import STOCKHOLM, FixedClock, SystemClock, add_months, local_date
from tests.scheduling.sched_helpers import local


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # into a common February
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap February
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # from a leap day a year on
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),  # leap day to leap day
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 10, 31), 6, date(2027, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # across a year end
        (date(2026, 7, 31), 6, date(2027, 1, 31)),
        (date(2026, 5, 15), 0, date(2026, 5, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_short_months(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_local_date_follows_stockholm_across_daylight_saving() -> None:
    # Summer time (UTC+2): 22:30 UTC is already 00:30 the next local day.
    assert local_date(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)
    # Winter time (UTC+1): 22:30 UTC is 23:30 the same local day.
    assert local_date(datetime(2026, 1, 30, 22, 30, tzinfo=UTC)) == date(2026, 1, 30)
    # The spring-forward night (29 March 2026, 02:00 -> 03:00 local).
    assert local_date(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == date(2026, 3, 29)
    assert local_date(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == date(2026, 3, 29)
    # The fall-back night (25 October 2026, 03:00 -> 02:00 local): 00:30 UTC is 02:30 CEST,
    # 01:30 UTC is 02:30 CET; both on the 25th; 22:30 UTC that evening is still the 25th.
    assert local_date(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert local_date(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert local_date(datetime(2026, 10, 25, 22, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert local_date(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 26)


def test_local_helper_gives_utc_instants_of_local_wall_clock_times() -> None:
    summer = local(date(2026, 7, 1), 0, 30)
    assert summer == datetime(2026, 6, 30, 22, 30, tzinfo=UTC)
    assert summer.tzinfo is UTC


def test_fixed_clock_stands_still_in_utc_and_moves_on_request() -> None:
    clock = FixedClock(datetime(2026, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))))
    assert clock.now() == datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    assert clock.tz is STOCKHOLM
    clock.advance_to(datetime(2026, 5, 2, 12, 0, tzinfo=UTC))
    assert clock.now() == datetime(2026, 5, 2, 12, 0, tzinfo=UTC)


def test_clocks_refuse_naive_times() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        FixedClock(datetime(2026, 5, 1, 12, 0))
    clock = FixedClock(datetime(2026, 5, 1, 12, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="no time zone"):
        clock.advance_to(datetime(2026, 5, 2))


def test_system_clock_gives_aware_utc_now() -> None:
    now = SystemClock().now()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)
