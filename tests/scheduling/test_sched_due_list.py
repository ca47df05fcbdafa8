"""The due list: horizon, lateness order, filters by support contact and unit, local days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from anhorigdesk.scheduling import (
    CarerHistory,
    CheckinDone,
    DueKind,
    FixedClock,
    ScheduleRules,
    compute_schedule,
    due_list,
)
from tests.scheduling.sched_helpers import (
    STAFF_A,
    STAFF_B,
    UNIT_NORTH,
    UNIT_SOUTH,
    carer_state,
    local,
)


def regular(carer_id: str, held: date, staff: str | None = STAFF_A, unit: str = UNIT_NORTH):  # type: ignore[no-untyped-def]
    """A carer whose only pending item is the check-in six months after ``held``."""
    return compute_schedule(
        carer_state(carer_id, staff=staff, unit=unit),
        CarerHistory(checkins=(CheckinDone(f"{carer_id}-ci", local(held)),)),
        ScheduleRules(),
    )


def test_horizon_keeps_overdue_today_and_soon_and_leaves_later_items_out() -> None:
    schedules = [
        regular("c-overdue", date(2026, 2, 20)),  # due Aug 20
        regular("c-today", date(2026, 3, 1)),  # due Sep 1
        regular("c-soon", date(2026, 3, 15)),  # due Sep 15 (day 14)
        regular("c-later", date(2026, 3, 16)),  # due Sep 16 (day 15)
    ]
    clock = FixedClock(local(date(2026, 9, 1), 8))
    items = due_list(schedules, clock.now())
    assert [(i.carer_id, i.days_overdue, i.overdue) for i in items] == [
        ("c-overdue", 12, True),
        ("c-today", 0, False),
        ("c-soon", -14, False),
    ]
    assert [i.carer_id for i in due_list(schedules, clock.now(), horizon_days=15)][-1] == "c-later"
    assert [i.carer_id for i in due_list(schedules, clock.now(), horizon_days=0)] == [
        "c-overdue",
        "c-today",
    ]


def test_items_carry_what_the_list_shows() -> None:
    [item] = due_list([regular("c-1", date(2026, 2, 20))], local(date(2026, 9, 1)))
    assert (item.kind, item.carer_id, item.due_date, item.reason_code) == (
        DueKind.CHECKIN,
        "c-1",
        date(2026, 8, 20),
        "regular_interval",
    )
    assert (item.owner_staff_id, item.unit_id, item.source_event_id) == (
        STAFF_A,
        UNIT_NORTH,
        "c-1-ci",
    )
    assert item.reason.get("sv").startswith("Dags att åter fråga")
    assert item.reason.get("en").startswith("Time to ask again")


def test_sorted_by_lateness_then_kind_then_carer(rules: ScheduleRules) -> None:
    flagged = compute_schedule(
        carer_state("c-b"),
        CarerHistory(
            checkins=(CheckinDone("ci-f", local(date(2026, 8, 18)), flags=("not_voluntary",)),)
        ),
        rules,
    )  # follow-up and plan review due Sep 1
    schedules = [regular("c-c", date(2026, 3, 1)), flagged, regular("c-a", date(2026, 3, 1))]
    items = due_list(schedules, local(date(2026, 9, 1)))
    assert [(i.carer_id, i.kind) for i in items] == [
        ("c-b", DueKind.FOLLOW_UP),
        ("c-a", DueKind.CHECKIN),
        ("c-c", DueKind.CHECKIN),
        ("c-b", DueKind.PLAN_REVIEW),
    ]
    assert due_list(list(reversed(schedules)), local(date(2026, 9, 1))) == items


def test_filters_by_support_contact_and_unit() -> None:
    schedules = [
        regular("c-1", date(2026, 2, 20), STAFF_A, UNIT_NORTH),
        regular("c-2", date(2026, 2, 20), STAFF_B, UNIT_NORTH),
        regular("c-3", date(2026, 2, 20), STAFF_B, UNIT_SOUTH),
        regular("c-4", date(2026, 2, 20), None, UNIT_SOUTH),  # nobody assigned yet
    ]
    now = local(date(2026, 9, 1))

    def ids(**filters):  # type: ignore[no-untyped-def]
        return [i.carer_id for i in due_list(schedules, now, **filters)]

    assert ids() == ["c-1", "c-2", "c-3", "c-4"]
    assert ids(staff_id=STAFF_B) == ["c-2", "c-3"]
    assert ids(unit_ids=[UNIT_SOUTH]) == ["c-3", "c-4"]
    assert ids(unit_ids={UNIT_NORTH, UNIT_SOUTH}) == ["c-1", "c-2", "c-3", "c-4"]
    assert ids(staff_id=STAFF_B, unit_ids=[UNIT_NORTH]) == ["c-2"]
    assert ids(unit_ids=[]) == []
    unassigned = next(i for i in due_list(schedules, now) if i.carer_id == "c-4")
    assert (unassigned.owner_staff_id, unassigned.unit_id) == (None, UNIT_SOUTH)


def test_today_is_the_local_day_across_daylight_saving() -> None:
    schedules = [regular("c-1", date(2026, 4, 25))]  # due 25 October 2026, the fall-back day
    # 21:30 UTC on Oct 24 is 23:30 CEST on Oct 24: due tomorrow.
    assert due_list(schedules, datetime(2026, 10, 24, 21, 30, tzinfo=UTC))[0].days_overdue == -1
    # 22:30 UTC on Oct 24 is 00:30 CEST on Oct 25: due today.
    assert due_list(schedules, datetime(2026, 10, 24, 22, 30, tzinfo=UTC))[0].days_overdue == 0
    # 22:30 UTC on Oct 25 is 23:30 CET, still Oct 25, although 25 hours have passed.
    assert due_list(schedules, datetime(2026, 10, 25, 22, 30, tzinfo=UTC))[0].days_overdue == 0
    assert due_list(schedules, datetime(2026, 10, 25, 23, 30, tzinfo=UTC))[0].days_overdue == 1
    # Spring: 29 March 2026 has 23 hours; a day later is still one day.
    spring = [regular("c-2", date(2025, 9, 29))]  # due 29 March 2026
    assert due_list(spring, datetime(2026, 3, 28, 23, 0, tzinfo=UTC))[0].days_overdue == 0
    assert due_list(spring, datetime(2026, 3, 29, 22, 0, tzinfo=UTC))[0].days_overdue == 1


def test_leap_day_due_dates_count_overdue_days_through_february() -> None:
    schedules = [regular("c-1", date(2027, 8, 31))]  # due 29 February 2028
    assert due_list(schedules, local(date(2028, 2, 28)))[0].days_overdue == -1
    assert due_list(schedules, local(date(2028, 3, 1)))[0].days_overdue == 1


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        due_list([], datetime(2026, 9, 1, 12, 0))
    with pytest.raises(ValueError, match="horizon_days"):
        due_list([], local(date(2026, 9, 1)), horizon_days=-1)
