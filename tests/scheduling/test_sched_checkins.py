"""When a voluntariness check-in falls due: the interval and the events that bring it forward."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from anhorigdesk.scheduling import (
    CarerHistory,
    CarerSchedule,
    CheckinDone,
    DueKind,
    PendingItem,
    PlanVersion,
    ScheduleRules,
    ShortTermStayEnded,
    SituationChange,
    compute_schedule,
)
from tests.scheduling.sched_helpers import carer_state, local


def checkin_of(schedule: CarerSchedule) -> PendingItem:
    found = [item for item in schedule.items if item.kind is DueKind.CHECKIN]
    assert len(found) == 1, "a carer has exactly one pending check-in"
    return found[0]


def test_first_checkin_is_due_on_registration(rules: ScheduleRules) -> None:
    schedule = compute_schedule(carer_state(registered=date(2026, 1, 10)), CarerHistory(), rules)
    item = checkin_of(schedule)
    assert item.due_on == date(2026, 1, 10)
    assert item.reason_code == "first_checkin"
    assert item.source_event_id is None
    assert item.reason.get("sv") == "Första samtalet om frivillighet"
    assert item.reason.get("en") == "First conversation about voluntariness"


def test_regular_interval_counts_from_the_last_checkin(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(
            CheckinDone("ci-2", local(date(2026, 2, 5))),
            CheckinDone("ci-1", local(date(2026, 1, 12))),
        )
    )
    item = checkin_of(compute_schedule(carer_state(), history, rules))
    assert item.due_on == date(2026, 8, 5)
    assert item.reason_code == "regular_interval"
    assert item.source_event_id == "ci-2"


def test_interval_comes_from_the_rules_and_can_be_overridden_per_carer() -> None:
    history = CarerHistory(checkins=(CheckinDone("ci-1", local(date(2026, 2, 5))),))
    yearly = ScheduleRules(checkin_every_months=12)
    assert checkin_of(compute_schedule(carer_state(), history, yearly)).due_on == date(2027, 2, 5)
    override = carer_state(interval_months=3)
    assert checkin_of(compute_schedule(override, history, yearly)).due_on == date(2026, 5, 5)


@pytest.mark.parametrize(
    ("event", "due", "code"),
    [
        (PlanVersion("plan-1", local(date(2026, 3, 1))), date(2026, 3, 31), "plan_changed"),
        (
            SituationChange("sit-1", local(date(2026, 4, 10))),
            date(2026, 4, 24),
            "situation_changed",
        ),
        (ShortTermStayEnded("kt-1", local(date(2026, 5, 20))), date(2026, 6, 3), "korttid_ended"),
    ],
)
def test_an_event_after_the_last_checkin_brings_it_forward(
    rules: ScheduleRules, event: object, due: date, code: str
) -> None:
    base = {"checkins": (CheckinDone("ci-1", local(date(2026, 2, 5))),)}
    field = {
        PlanVersion: "plan_versions",
        SituationChange: "situation_changes",
        ShortTermStayEnded: "short_term_stays_ended",
    }[type(event)]
    history = CarerHistory(**base, **{field: (event,)})  # type: ignore[arg-type]
    item = checkin_of(compute_schedule(carer_state(), history, rules))
    assert (item.due_on, item.reason_code, item.source_event_id) == (due, code, event.id)  # type: ignore[attr-defined]


def test_event_delays_come_from_the_rules() -> None:
    rules = ScheduleRules(after_plan_days=7, after_situation_change_days=3, after_korttid_days=1)
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 2, 5))),),
        short_term_stays_ended=(ShortTermStayEnded("kt-1", local(date(2026, 3, 1))),),
    )
    assert checkin_of(compute_schedule(carer_state(), history, rules)).due_on == date(2026, 3, 2)


def test_an_event_before_the_last_checkin_is_already_covered(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 2, 5))),),
        situation_changes=(SituationChange("sit-1", local(date(2026, 2, 1))),),
        plan_versions=(PlanVersion("plan-1", local(date(2026, 2, 5), 9)),),  # an hour before
    )
    item = checkin_of(compute_schedule(carer_state(), history, rules))
    assert (item.due_on, item.reason_code) == (date(2026, 8, 5), "regular_interval")


def test_an_event_never_postpones_the_regular_checkin(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 2, 5))),),
        situation_changes=(SituationChange("sit-1", local(date(2026, 7, 30))),),  # +14 = Aug 13
    )
    item = checkin_of(compute_schedule(carer_state(), history, rules))
    assert (item.due_on, item.reason_code) == (date(2026, 8, 5), "regular_interval")


def test_the_earliest_of_several_events_decides(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 2, 5))),),
        plan_versions=(PlanVersion("plan-1", local(date(2026, 3, 1))),),  # Mar 31
        situation_changes=(SituationChange("sit-1", local(date(2026, 3, 20))),),  # Apr 3
        short_term_stays_ended=(ShortTermStayEnded("kt-1", local(date(2026, 3, 10))),),  # Mar 24
    )
    item = checkin_of(compute_schedule(carer_state(), history, rules))
    assert (item.due_on, item.source_event_id) == (date(2026, 3, 24), "kt-1")


def test_events_before_any_checkin_bring_the_first_one_forward_only_if_earlier(
    rules: ScheduleRules,
) -> None:
    state = carer_state(registered=date(2026, 1, 10))
    history = CarerHistory(situation_changes=(SituationChange("sit-1", local(date(2026, 1, 2))),))
    item = checkin_of(compute_schedule(state, history, rules))
    assert (item.due_on, item.reason_code) == (date(2026, 1, 10), "first_checkin")
    history = CarerHistory(
        short_term_stays_ended=(ShortTermStayEnded("kt-1", local(date(2025, 12, 1))),)
    )
    item = checkin_of(compute_schedule(state, history, rules))
    assert (item.due_on, item.reason_code) == (date(2025, 12, 15), "korttid_ended")


@pytest.mark.parametrize(
    ("held", "months", "due"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_month_ends_and_leap_days(held: date, months: int, due: date) -> None:
    history = CarerHistory(checkins=(CheckinDone("ci-1", local(held)),))
    rules = ScheduleRules(checkin_every_months=months)
    assert checkin_of(compute_schedule(carer_state(), history, rules)).due_on == due


def test_the_next_interval_counts_from_the_real_checkin_not_the_clamped_date(
    rules: ScheduleRules,
) -> None:
    # Held Aug 31 -> due Feb 28; held on Feb 28 -> due Aug 28 (no drift back to the 31st needed).
    history = CarerHistory(
        checkins=(
            CheckinDone("ci-1", local(date(2026, 8, 31))),
            CheckinDone("ci-2", local(date(2027, 2, 28))),
        )
    )
    assert checkin_of(compute_schedule(carer_state(), history, rules)).due_on == date(2027, 8, 28)


def test_days_are_stockholm_days_across_daylight_saving(rules: ScheduleRules) -> None:
    # 23:30 UTC on 28 March 2026 is 00:30 on the 29th in Stockholm (spring-forward night).
    spring = CarerHistory(
        checkins=(CheckinDone("ci-1", datetime(2026, 3, 28, 23, 30, tzinfo=UTC)),)
    )
    assert checkin_of(compute_schedule(carer_state(), spring, rules)).due_on == date(2026, 9, 29)
    # 22:30 UTC on 30 April is 00:30 on 1 May (summer time): due 1 November (winter time).
    summer = CarerHistory(
        checkins=(CheckinDone("ci-1", datetime(2026, 4, 30, 22, 30, tzinfo=UTC)),)
    )
    assert checkin_of(compute_schedule(carer_state(), summer, rules)).due_on == date(2026, 11, 1)
    # A situation change at 00:30 local on the fall-back night: 14 local days later.
    autumn = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 10, 1))),),
        situation_changes=(SituationChange("sit-1", datetime(2026, 10, 24, 22, 30, tzinfo=UTC)),),
    )
    assert checkin_of(compute_schedule(carer_state(), autumn, rules)).due_on == date(2026, 11, 8)


def test_the_schedule_does_not_depend_on_the_order_of_the_history(rules: ScheduleRules) -> None:
    events = dict(
        checkins=(
            CheckinDone("ci-1", local(date(2026, 2, 5))),
            CheckinDone("ci-2", local(date(2026, 6, 5)), flags=("burden_high",)),
        ),
        plan_versions=(
            PlanVersion("plan-1", local(date(2026, 3, 1)), review_date=date(2026, 9, 1)),
            PlanVersion("plan-2", local(date(2026, 6, 6)), review_date=date(2026, 12, 1)),
        ),
        situation_changes=(SituationChange("sit-1", local(date(2026, 6, 7))),),
    )
    forward = CarerHistory(**events)  # type: ignore[arg-type]
    backward = CarerHistory(**{k: tuple(reversed(v)) for k, v in events.items()})  # type: ignore[arg-type]
    assert compute_schedule(carer_state(), forward, rules) == compute_schedule(
        carer_state(), backward, rules
    )
