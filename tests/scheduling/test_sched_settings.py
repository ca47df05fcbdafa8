"""Pausing, declining, closing and reopening a carer's check-ins."""

from __future__ import annotations

import re
from datetime import date

import pytest

from anhorigdesk.scheduling import (
    CarerHistory,
    CheckinDone,
    DueKind,
    PlanVersion,
    ScheduleRules,
    ScheduleSetting,
    ScheduleStatus,
    SettingKind,
    compute_schedule,
    ended_because_text,
)
from tests.scheduling.sched_helpers import STAFF_A, carer_state, local

HISTORY = CarerHistory(
    checkins=(
        CheckinDone("ci-1", local(date(2026, 2, 5))),
        CheckinDone("ci-2", local(date(2026, 3, 1)), flags=("not_voluntary",)),
    ),
    plan_versions=(
        PlanVersion("plan-1", local(date(2026, 2, 5), 11), review_date=date(2026, 12, 1)),
    ),
)
# Pending without any record: check-in Sep 1 (regular), plan review Mar 15 (flag), follow-up Mar 15.


def pause(record_id: str, on: date, until: date) -> ScheduleSetting:
    return ScheduleSetting(
        record_id, SettingKind.PAUSE, local(on), STAFF_A, reason="Sjukhusvistelse", until=until
    )


def decline(record_id: str, on: date) -> ScheduleSetting:
    return ScheduleSetting(
        record_id, SettingKind.DECLINE, local(on), STAFF_A, reason="Vill inte bli tillfrågad"
    )


def close(record_id: str, on: date, because: str = "cared_for_died") -> ScheduleSetting:
    return ScheduleSetting(record_id, SettingKind.CLOSE, local(on), STAFF_A, ended_because=because)


def reopen(record_id: str, on: date) -> ScheduleSetting:
    return ScheduleSetting(record_id, SettingKind.REOPEN, local(on), STAFF_A)


def kinds(settings: tuple[ScheduleSetting, ...], rules: ScheduleRules) -> dict[DueKind, date]:
    schedule = compute_schedule(carer_state(settings=settings), HISTORY, rules)
    return {item.kind: item.due_on for item in schedule.items}


def test_without_records_everything_is_pending(rules: ScheduleRules) -> None:
    assert kinds((), rules) == {
        DueKind.CHECKIN: date(2026, 9, 1),
        DueKind.PLAN_REVIEW: date(2026, 3, 15),
        DueKind.FOLLOW_UP: date(2026, 3, 15),
    }


def test_a_pause_moves_the_checkin_to_its_end(rules: ScheduleRules) -> None:
    settings = (pause("p-1", date(2026, 8, 20), until=date(2026, 10, 1)),)
    schedule = compute_schedule(carer_state(settings=settings), HISTORY, rules)
    assert schedule.status is ScheduleStatus.PAUSED
    checkin = next(i for i in schedule.items if i.kind is DueKind.CHECKIN)
    assert (checkin.due_on, checkin.reason_code) == (date(2026, 10, 1), "regular_interval")
    # A pause touches neither the plan review nor the follow-up of a raised flag.
    assert kinds(settings, rules)[DueKind.PLAN_REVIEW] == date(2026, 3, 15)
    assert kinds(settings, rules)[DueKind.FOLLOW_UP] == date(2026, 3, 15)


def test_a_pause_that_ends_before_the_due_date_changes_nothing(rules: ScheduleRules) -> None:
    settings = (pause("p-1", date(2026, 4, 1), until=date(2026, 5, 1)),)
    assert kinds(settings, rules)[DueKind.CHECKIN] == date(2026, 9, 1)


def test_a_decline_stops_checkins_but_not_plan_reviews_or_follow_ups(rules: ScheduleRules) -> None:
    schedule = compute_schedule(
        carer_state(settings=(decline("d-1", date(2026, 4, 1)),)), HISTORY, rules
    )
    assert schedule.status is ScheduleStatus.DECLINED
    assert {i.kind for i in schedule.items} == {DueKind.PLAN_REVIEW, DueKind.FOLLOW_UP}


def test_closing_stops_checkins_and_plan_reviews_but_keeps_open_follow_ups(
    rules: ScheduleRules,
) -> None:
    schedule = compute_schedule(
        carer_state(settings=(close("c-1", date(2026, 4, 1)),)), HISTORY, rules
    )
    assert schedule.status is ScheduleStatus.CLOSED
    assert [i.kind for i in schedule.items] == [DueKind.FOLLOW_UP]


def test_reopening_after_a_closure_asks_again_on_the_day_of_reopening(rules: ScheduleRules) -> None:
    settings = (close("c-1", date(2026, 4, 1)), reopen("r-1", date(2026, 11, 2)))
    schedule = compute_schedule(carer_state(settings=settings), HISTORY, rules)
    assert schedule.status is ScheduleStatus.ACTIVE
    checkin = next(i for i in schedule.items if i.kind is DueKind.CHECKIN)
    assert (checkin.due_on, checkin.reason_code, checkin.source_event_id) == (
        date(2026, 11, 2),
        "schedule_reopened",
        "r-1",
    )
    assert DueKind.PLAN_REVIEW in {i.kind for i in schedule.items}


def test_after_reopening_a_checkin_restarts_the_regular_interval(rules: ScheduleRules) -> None:
    settings = (decline("d-1", date(2026, 4, 1)), reopen("r-1", date(2026, 11, 2)))
    history = CarerHistory(
        checkins=(*HISTORY.checkins, CheckinDone("ci-3", local(date(2026, 11, 5)))),
        plan_versions=HISTORY.plan_versions,
    )
    schedule = compute_schedule(carer_state(settings=settings), history, rules)
    checkin = next(i for i in schedule.items if i.kind is DueKind.CHECKIN)
    assert (checkin.due_on, checkin.reason_code) == (date(2027, 5, 5), "regular_interval")


def test_ending_a_pause_early_lifts_the_pause_without_an_extra_checkin(
    rules: ScheduleRules,
) -> None:
    settings = (
        pause("p-1", date(2026, 8, 20), until=date(2026, 12, 1)),
        reopen("r-1", date(2026, 8, 25)),
    )
    assert kinds(settings, rules)[DueKind.CHECKIN] == date(2026, 9, 1)


def test_the_latest_record_decides_and_order_of_input_does_not_matter(rules: ScheduleRules) -> None:
    settings = (
        reopen("r-1", date(2026, 6, 1)),
        decline("d-1", date(2026, 5, 1)),
        pause("p-1", date(2026, 7, 1), until=date(2026, 9, 20)),
    )
    schedule = compute_schedule(carer_state(settings=settings), HISTORY, rules)
    assert schedule.status is ScheduleStatus.PAUSED
    assert kinds(settings, rules)[DueKind.CHECKIN] == date(2026, 9, 20)
    assert kinds(tuple(reversed(settings)), rules) == kinds(settings, rules)


def test_closure_reasons_are_translated() -> None:
    assert ended_because_text("cared_for_moved").get("sv") == "Närstående har flyttat"
    assert ended_because_text("relationship_ended").get("en") == "The caring relationship has ended"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: ScheduleSetting("x", SettingKind.PAUSE, local(date(2026, 1, 1)), STAFF_A, "r"),
            "a pause needs an 'until' date",
        ),
        (
            lambda: ScheduleSetting(
                "x", SettingKind.PAUSE, local(date(2026, 1, 1)), STAFF_A, "", until=date(2026, 2, 1)
            ),
            "a pause needs a reason",
        ),
        (
            lambda: ScheduleSetting("x", SettingKind.DECLINE, local(date(2026, 1, 1)), STAFF_A),
            "a decline needs a reason",
        ),
        (
            lambda: ScheduleSetting(
                "x", SettingKind.CLOSE, local(date(2026, 1, 1)), STAFF_A, ended_because="bored"
            ),
            "closing needs ended_because",
        ),
        (
            lambda: ScheduleSetting(
                "x", SettingKind.REOPEN, local(date(2026, 1, 1)), STAFF_A, until=date(2026, 2, 1)
            ),
            "only a pause has an 'until' date",
        ),
        (
            lambda: ScheduleSetting("x", "snooze", local(date(2026, 1, 1)), STAFF_A),  # type: ignore[arg-type]
            "'snooze' is not a valid SettingKind",
        ),
        (
            lambda: ScheduleSetting("x", SettingKind.REOPEN, local(date(2026, 1, 1)), ""),
            "by_staff_id is empty",
        ),
        (
            lambda: carer_state(interval_months=0),
            re.escape("interval must be 1..60 months"),
        ),
    ],
)
def test_bad_records_are_refused_with_a_clear_message(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]
