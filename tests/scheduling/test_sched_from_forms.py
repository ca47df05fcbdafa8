"""Rules read from the built-in form definitions: the interval, the plan review, each flag."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from anhorigdesk.forms import FlagRule, FlagSchedule, FormRegistry, LocalText
from anhorigdesk.scheduling import (
    CarerHistory,
    CheckinDone,
    DueKind,
    PlanVersion,
    add_months,
    compute_schedule,
)
from anhorigdesk.scheduling.from_forms import rules_from_forms, rules_from_registry
from tests.scheduling.sched_helpers import carer_state, local


def test_the_builtin_forms_give_interval_plan_review_and_flags() -> None:
    registry = FormRegistry.load()
    rules = rules_from_registry(registry)
    assert rules.checkin_every_months == registry.current("frivillighet").schedule.interval_months
    assert rules.plan_review_every_months == registry.current("stodplan").schedule.interval_months
    declared = {(form.id, flag.id): flag for form in registry.forms() for flag in form.flags}
    assert set(rules.flags) == set(declared)
    for key, flag in declared.items():
        action = rules.flags[key]
        assert action.label == flag.label
        assert action.follow_up_within_days == flag.schedule.follow_up_within_days
        assert action.plan_review == flag.schedule.plan_review


def test_a_flag_raised_in_a_checkin_is_followed_up_as_its_form_says() -> None:
    registry = FormRegistry.load()
    rules = rules_from_registry(registry)
    form = registry.current("frivillighet")
    flag = form.flag("not_voluntary")
    history = CarerHistory(
        checkins=(CheckinDone("ci-1", local(date(2026, 3, 2)), flags=("not_voluntary",)),)
    )
    schedule = compute_schedule(carer_state(), history, rules)
    [follow_up] = [i for i in schedule.items if i.kind is DueKind.FOLLOW_UP]
    days = flag.schedule.follow_up_within_days or rules.default_follow_up_days
    assert (follow_up.due_on - date(2026, 3, 2)).days == days
    assert follow_up.reason.get("sv").endswith(flag.label.get("sv"))
    assert follow_up.reason.get("en").endswith(flag.label.get("en"))
    # Regular check-in after the form's interval, from the same check-in.
    checkin = next(i for i in schedule.items if i.kind is DueKind.CHECKIN)
    assert checkin.due_on == add_months(date(2026, 3, 2), form.schedule.interval_months or 6)


def test_a_plan_without_review_date_is_reviewed_after_the_stodplan_interval() -> None:
    rules = rules_from_registry(FormRegistry.load())
    history = CarerHistory(plan_versions=(PlanVersion("plan-1", local(date(2026, 1, 15))),))
    [review] = [
        i
        for i in compute_schedule(carer_state(), history, rules).items
        if i.kind is DueKind.PLAN_REVIEW
    ]
    assert review.due_on == date(2027, 1, 15)


def test_a_flag_only_an_older_version_declares_keeps_its_own_rule() -> None:
    registry = FormRegistry.load()
    current = registry.current("frivillighet")
    retired = FlagRule(
        id="sleep_lost",
        label=LocalText.of({"sv": "Sover inte om nätterna", "en": "Loses sleep at night"}),
        when=current.flags[0].when,
        schedule=FlagSchedule(follow_up_within_days=3, plan_review=False),
    )
    older = replace(
        current,
        version=current.version - 1 if current.version > 1 else 0,
        flags=(*current.flags, retired),
    )
    registry.remember(older)
    rules = rules_from_registry(registry)
    action = rules.flag_action("frivillighet", "sleep_lost")
    assert (action.follow_up_within_days, action.label.get("en")) == (3, "Loses sleep at night")
    # The current version still decides the flags it declares.
    assert (
        rules.flags[("frivillighet", "not_voluntary")].label == current.flag("not_voluntary").label
    )


def test_event_delays_can_be_set_beside_the_forms() -> None:
    registry = FormRegistry.load()
    rules = rules_from_forms(registry.forms(), after_korttid_days=5, checkin_every_months=3)
    assert (rules.after_korttid_days, rules.checkin_every_months) == (5, 3)
