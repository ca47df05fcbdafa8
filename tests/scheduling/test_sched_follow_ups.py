"""Plan reviews, and flags acted on: a follow-up task that stays until someone resolves it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from anhorigdesk.scheduling import (
    CarerHistory,
    CarerSchedulingState,
    CheckinDone,
    DueKind,
    FlagAction,
    LocalText,
    PlanVersion,
    ScheduleRules,
    StaffAssignment,
    compute_schedule,
    due_list,
    follow_up_task_id,
    reconcile_follow_ups,
    resolve_follow_up,
)
from tests.scheduling.sched_helpers import (
    FLAG_RULES,
    STAFF_A,
    STAFF_B,
    UNIT_NORTH,
    UNIT_SOUTH,
    carer_state,
    local,
)


def items_of(kind: DueKind, state, history, rules):  # type: ignore[no-untyped-def]
    return [i for i in compute_schedule(state, history, rules).items if i.kind is kind]


# --- plan reviews ----------------------------------------------------------------------------


def test_the_latest_plan_versions_review_date_is_due(rules: ScheduleRules) -> None:
    history = CarerHistory(
        plan_versions=(
            PlanVersion("plan-1", local(date(2026, 2, 1)), review_date=date(2026, 8, 1)),
            PlanVersion("plan-2", local(date(2026, 5, 1)), review_date=date(2026, 11, 1)),
        )
    )
    [review] = items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules)
    assert (review.due_on, review.reason_code, review.source_event_id) == (
        date(2026, 11, 1),
        "plan_review_date",
        "plan-2",
    )
    assert review.reason.get("en") == "The support plan's review date"


def test_a_revision_without_a_review_date_leaves_no_plan_review(rules: ScheduleRules) -> None:
    history = CarerHistory(
        plan_versions=(
            PlanVersion("plan-1", local(date(2026, 2, 1)), review_date=date(2026, 8, 1)),
            PlanVersion("plan-2", local(date(2026, 5, 1))),
        )
    )
    assert items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules) == []


def test_a_flag_asking_for_a_plan_review_brings_it_forward_until_the_plan_is_revised(
    rules: ScheduleRules,
) -> None:
    plan = PlanVersion("plan-1", local(date(2026, 2, 1)), review_date=date(2026, 8, 1))
    flagged = CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("burden_high",))
    history = CarerHistory(checkins=(flagged,), plan_versions=(plan,))
    [review] = items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules)
    assert (review.due_on, review.reason_code, review.source_event_id, review.flag_id) == (
        date(2026, 3, 16),
        "flag_plan_review",
        "ci-1",
        "burden_high",
    )
    assert review.reason.get("sv") == "Se över stödplanen: Omsorgen är mycket tung"
    assert review.reason.get("en") == "Review the support plan: The caring is very heavy"

    revised = PlanVersion("plan-2", local(date(2026, 3, 10)), review_date=date(2026, 9, 10))
    history = CarerHistory(checkins=(flagged,), plan_versions=(plan, revised))
    [review] = items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules)
    assert (review.due_on, review.reason_code) == (date(2026, 9, 10), "plan_review_date")


def test_a_flag_raised_in_the_plan_itself_asks_for_a_later_revision(rules: ScheduleRules) -> None:
    plan = PlanVersion(
        "plan-1", local(date(2026, 2, 1)), review_date=date(2026, 8, 1), flags=("not_voluntary",)
    )
    history = CarerHistory(plan_versions=(plan,))
    [review] = items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules)
    assert (review.due_on, review.reason_code) == (date(2026, 2, 15), "flag_plan_review")
    [follow_up] = items_of(DueKind.FOLLOW_UP, carer_state(), history, rules)
    assert (follow_up.due_on, follow_up.source_event_id) == (date(2026, 2, 15), "plan-1")


def test_a_flag_without_plan_review_schedules_only_the_follow_up(rules: ScheduleRules) -> None:
    flagged = CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("wants_to_reduce_or_stop",))
    history = CarerHistory(checkins=(flagged,))
    assert items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules) == []
    [follow_up] = items_of(DueKind.FOLLOW_UP, carer_state(), history, rules)
    assert follow_up.due_on == date(2026, 3, 9)  # within 7 days
    assert follow_up.reason.get("sv") == "Uppföljande samtal: Vill minska eller sluta"


# --- follow-up tasks -------------------------------------------------------------------------


FLAGGED = CarerHistory(
    checkins=(
        CheckinDone("ci-1", local(date(2026, 2, 5))),
        CheckinDone("ci-2", local(date(2026, 3, 2)), flags=("not_voluntary", "burden_high")),
    )
)


def test_each_raised_flag_creates_one_task_keyed_by_entry_and_flag(rules: ScheduleRules) -> None:
    schedule = compute_schedule(carer_state(), FLAGGED, rules)
    created = {(t.entry_id, t.flag_id): t for t in schedule.created_tasks}
    assert set(created) == {("ci-2", "not_voluntary"), ("ci-2", "burden_high")}
    task = created[("ci-2", "not_voluntary")]
    assert task.id == follow_up_task_id("ci-2", "not_voluntary")
    assert (task.carer_id, task.due_on, task.plan_review, task.resolution) == (
        "carer-1",
        date(2026, 3, 16),
        True,
        None,
    )
    follow_ups = [i for i in schedule.items if i.kind is DueKind.FOLLOW_UP]
    assert {i.task_id for i in follow_ups} == {t.id for t in schedule.created_tasks}


def test_creation_is_idempotent_once_tasks_are_stored(rules: ScheduleRules) -> None:
    first = compute_schedule(carer_state(), FLAGGED, rules)
    stored = replace(FLAGGED, follow_up_tasks=first.created_tasks)
    second = compute_schedule(carer_state(), stored, rules)
    assert second.created_tasks == ()
    assert second.items == first.items
    # Twice stored (say, from two laptops) is still one task per flag.
    twice = replace(FLAGGED, follow_up_tasks=first.created_tasks * 2)
    tasks, created = reconcile_follow_ups("carer-1", twice, rules)
    assert created == () and len(tasks) == 2


def test_the_same_flag_twice_in_one_entry_is_one_task(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(
            CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("burden_high", "burden_high")),
        )
    )
    assert len(compute_schedule(carer_state(), history, rules).created_tasks) == 1


def test_a_follow_up_stays_until_resolved_however_late_it_is(rules: ScheduleRules) -> None:
    first = compute_schedule(carer_state(), FLAGGED, rules)
    stored = replace(FLAGGED, follow_up_tasks=first.created_tasks)
    schedule = compute_schedule(carer_state(), stored, rules)
    # A year later, and after newer check-ins without flags, both are still there and overdue.
    later = replace(
        stored, checkins=(*stored.checkins, CheckinDone("ci-3", local(date(2026, 9, 1))))
    )
    schedule = compute_schedule(carer_state(), later, rules)
    items = due_list([schedule], local(date(2027, 3, 2)))
    follow_ups = [i for i in items if i.kind is DueKind.FOLLOW_UP]
    assert len(follow_ups) == 2
    assert all(i.days_overdue == 351 for i in follow_ups)

    task = next(t for t in stored.follow_up_tasks if t.flag_id == "not_voluntary")
    done = resolve_follow_up(
        task, "  Samtal hållet, avlösning erbjuden. ", STAFF_A, local(date(2026, 3, 10))
    )
    assert done.resolution is not None
    assert (done.resolution.text, done.resolution.by_staff_id) == (
        "Samtal hållet, avlösning erbjuden.",
        STAFF_A,
    )
    others = tuple(t for t in stored.follow_up_tasks if t.id != task.id)
    resolved = replace(later, follow_up_tasks=(*others, done))
    schedule = compute_schedule(carer_state(), resolved, rules)
    assert [i.flag_id for i in schedule.items if i.kind is DueKind.FOLLOW_UP] == ["burden_high"]
    assert schedule.created_tasks == ()  # a resolved flag is not raised again


def test_a_resolved_record_wins_over_an_open_copy(rules: ScheduleRules) -> None:
    task = compute_schedule(carer_state(), FLAGGED, rules).created_tasks[0]
    done = resolve_follow_up(task, "Ringde upp.", STAFF_B, local(date(2026, 3, 5)))
    history = replace(FLAGGED, follow_up_tasks=(task, done))
    tasks, _ = reconcile_follow_ups("carer-1", history, rules)
    assert next(t for t in tasks if t.id == task.id).resolution == done.resolution


def test_resolving_needs_text_and_happens_once(rules: ScheduleRules) -> None:
    task = compute_schedule(carer_state(), FLAGGED, rules).created_tasks[0]
    with pytest.raises(ValueError, match="say what was done"):
        resolve_follow_up(task, "   ", STAFF_A, local(date(2026, 3, 5)))
    with pytest.raises(ValueError, match="by_staff_id is empty"):
        resolve_follow_up(task, "Ringde.", "", local(date(2026, 3, 5)))
    done = resolve_follow_up(task, "Ringde.", STAFF_A, local(date(2026, 3, 5)))
    with pytest.raises(ValueError, match="already resolved"):
        resolve_follow_up(done, "Igen.", STAFF_A, local(date(2026, 3, 6)))


def test_a_flag_no_form_declares_still_gets_a_follow_up(rules: ScheduleRules) -> None:
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("retired_flag",)),)
    )
    [item] = items_of(DueKind.FOLLOW_UP, carer_state(), history, rules)
    assert (item.due_on, item.flag_id) == (date(2026, 3, 16), "retired_flag")
    assert item.reason.get("sv") == "Uppföljande samtal: retired_flag"


def test_a_task_of_another_carer_is_refused(rules: ScheduleRules) -> None:
    task = compute_schedule(carer_state(), FLAGGED, rules).created_tasks[0]
    foreign = replace(task, carer_id="carer-2")
    with pytest.raises(ValueError, match="belongs to another carer"):
        compute_schedule(carer_state(), replace(FLAGGED, follow_up_tasks=(foreign,)), rules)


def test_follow_ups_are_seen_by_the_support_contact_and_the_unit_manager(
    rules: ScheduleRules,
) -> None:
    schedule = compute_schedule(carer_state(staff=STAFF_A, unit=UNIT_NORTH), FLAGGED, rules)
    now = local(date(2026, 3, 20))
    mine = due_list([schedule], now, staff_id=STAFF_A)
    unit = due_list([schedule], now, unit_ids=[UNIT_NORTH])
    assert {i.kind for i in mine} == {DueKind.FOLLOW_UP, DueKind.PLAN_REVIEW}
    assert mine == unit
    assert due_list([schedule], now, staff_id=STAFF_B) == []
    assert due_list([schedule], now, unit_ids=[UNIT_SOUTH]) == []


def test_reassigning_the_support_contact_moves_every_item(rules: ScheduleRules) -> None:
    first = compute_schedule(carer_state(), FLAGGED, rules)
    stored = replace(FLAGGED, follow_up_tasks=first.created_tasks)
    before = carer_state(staff=STAFF_A, unit=UNIT_NORTH)
    after = replace(before, support_contact=StaffAssignment(STAFF_B, UNIT_SOUTH))
    now = local(date(2026, 9, 10))
    old = due_list([compute_schedule(before, stored, rules)], now, staff_id=STAFF_A)
    assert len(old) == 4  # check-in, plan review, two follow-ups
    moved = due_list([compute_schedule(after, stored, rules)], now)
    assert due_list([compute_schedule(after, stored, rules)], now, staff_id=STAFF_A) == []
    assert [(i.kind, i.task_id) for i in moved] == [(i.kind, i.task_id) for i in old]
    assert {(i.owner_staff_id, i.unit_id) for i in moved} == {(STAFF_B, UNIT_SOUTH)}


def test_a_forms_own_declaration_of_a_flag_decides_its_label_and_time() -> None:
    plan_flag = FlagAction(
        "stodplan",
        "not_voluntary",
        LocalText.of(
            {
                "sv": "Planen bygger på ofrivillig omsorg",
                "en": "The plan rests on involuntary caring",
            }
        ),
        follow_up_within_days=3,
        plan_review=False,
    )
    rules = ScheduleRules.with_flags((*FLAG_RULES, plan_flag))
    # Two carers: for one carer the check-in's open task would cover the plan's same flag.
    by_checkin = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("not_voluntary",)),),
    )
    by_plan = CarerHistory(
        plan_versions=(
            PlanVersion("plan-1", local(date(2026, 3, 2), 11), flags=("not_voluntary",)),
        ),
    )
    items = {
        i.source_event_id: i
        for history in (by_checkin, by_plan)
        for i in items_of(DueKind.FOLLOW_UP, carer_state(), history, rules)
    }
    assert (items["ci-1"].due_on, items["plan-1"].due_on) == (date(2026, 3, 16), date(2026, 3, 5))
    assert (
        items["plan-1"].reason.get("en")
        == "Follow-up conversation: The plan rests on involuntary caring"
    )
    assert (
        items["ci-1"].reason.get("en")
        == "Follow-up conversation: The caring does not feel voluntary"
    )


def test_a_flag_without_a_follow_up_time_gets_the_default_days() -> None:
    quiet = FlagAction(
        "frivillighet",
        "respite_wish",
        LocalText.of({"sv": "Önskar avlösning", "en": "Wishes respite"}),
    )
    rules = ScheduleRules.with_flags((quiet,), default_follow_up_days=21)
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("respite_wish",)),)
    )
    [item] = items_of(DueKind.FOLLOW_UP, carer_state(), history, rules)
    assert item.due_on == date(2026, 3, 23)


def test_a_plan_without_a_review_date_is_reviewed_after_the_forms_interval() -> None:
    rules = ScheduleRules(plan_review_every_months=12)
    history = CarerHistory(plan_versions=(PlanVersion("plan-1", local(date(2028, 2, 29))),))
    [review] = items_of(DueKind.PLAN_REVIEW, carer_state(), history, rules)
    assert (review.due_on, review.reason_code) == (date(2029, 2, 28), "plan_review_date")


def test_bad_rules_are_refused_with_a_clear_message() -> None:
    with pytest.raises(
        ValueError, match=re.escape("checkin_every_months: the interval must be 1..60")
    ):
        ScheduleRules(checkin_every_months=0)
    with pytest.raises(ValueError, match="after_korttid_days: expected a whole number"):
        ScheduleRules(after_korttid_days=-1)
    with pytest.raises(ValueError, match="follow_up_within_days must be a whole number"):
        FlagAction(
            "frivillighet", "x", LocalText.of({"sv": "x", "en": "x"}), follow_up_within_days=-2
        )
    twice = FlagAction("frivillighet", "x", LocalText.of({"sv": "x", "en": "x"}))
    with pytest.raises(ValueError, match="frivillighet/x is declared twice"):
        ScheduleRules.with_flags((twice, twice))


def test_a_carer_without_units_or_contact_still_has_a_schedule(rules: ScheduleRules) -> None:
    state = CarerSchedulingState("carer-9", local(date(2026, 1, 10)), unit_ids=())
    schedule = compute_schedule(state, FLAGGED, rules)
    assert (schedule.owner_staff_id, schedule.unit_id) == (None, None)
    assert due_list([schedule], local(date(2026, 3, 20)), unit_ids=[UNIT_NORTH]) == []
    assert len(due_list([schedule], local(date(2026, 3, 20)))) == 3
    # A support contact whose unit is unknown falls back to the carer's unit.
    contact_only = carer_state(staff=STAFF_B)
    contact_only = replace(contact_only, support_contact=StaffAssignment(STAFF_B))
    assert compute_schedule(contact_only, FLAGGED, rules).unit_id == UNIT_NORTH
