"""Benchmark of scheduling: the due list over 10,000 carers with realistic histories.

``run()`` returns the figures and prints a table. Measured:

* ``compute_ms``: computing every carer's schedule from state and history (done once, and
  again for one carer whenever something of theirs changes);
* ``due_list_*``: ``due_list`` over all schedules (median and p95 of repeated runs), for the
  whole municipality, one support contact, and one unit;
* ``store_*`` (when the store is there): building states and histories for all carers from an
  encrypted store with one query per kind of row.

Target: the due list well under 100 ms for 10,000 carers (limit checked in the same run).
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from anhorigdesk.scheduling import (
    CarerHistory,
    CarerSchedule,
    CarerSchedulingState,
    CheckinDone,
    FlagAction,
    KorttidStayEnded,
    LocalText,
    PlanVersion,
    ScheduleRules,
    ScheduleSetting,
    SettingKind,
    SituationChange,
    StaffAssignment,
    compute_schedule,
    due_list,
    resolve_follow_up,
    tasks_for_flagged_entry,
)

N_CARERS = 10_000
N_STAFF = 60
N_UNITS = 8
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
FLAGS = ("not_voluntary", "burden_high", "wants_to_reduce_or_stop")
RULES = ScheduleRules.with_flags(
    [
        FlagAction(
            "frivillighet", flag, LocalText(flag, flag), follow_up_within_days=14, plan_review=True
        )
        for flag in FLAGS
    ],
    plan_review_every_months=12,
)


def _late(rng: random.Random) -> timedelta:
    """How late staff act on something due: mostly within weeks, now and then months."""
    days = rng.uniform(-7, 21) if rng.random() > 0.08 else rng.uniform(30, 150)
    return timedelta(days=days)


def synthetic_carers(n: int, seed: int = 7) -> list[tuple[CarerSchedulingState, CarerHistory]]:
    """``n`` fictional carers with the histories carer support has.

    Registered over three years. Situation changes and korttid stays happen to some; staff
    hold each check-in around the time it falls due (the interval, or soon after an event),
    mostly within weeks, sometimes months late; a stödplan for most, revised around its
    review date and soon after a flag that asks for it; about one check-in in twenty raises
    a flag whose follow-up is resolved within weeks unless it is recent; a few schedules are
    paused, declined or closed.
    """
    rng = random.Random(seed)
    units = [f"unit-{u}" for u in range(N_UNITS)]
    staff = [(f"staff-{s}", units[s % N_UNITS]) for s in range(N_STAFF)]
    out = []
    for c in range(n):
        carer_id = f"carer-{c:05d}"
        registered = NOW - timedelta(days=rng.randint(5, 3 * 365), minutes=rng.randint(0, 1440))
        span = (NOW - registered).total_seconds()
        interval = rng.choice([None] * 9 + [3])
        step = timedelta(days=30.4 * (interval or 6))

        def moment(
            rng: random.Random = rng, registered: datetime = registered, span: float = span
        ) -> datetime:
            return registered + timedelta(seconds=rng.random() * span)

        situations = sorted(
            (
                SituationChange(f"{carer_id}-sc{k}", moment())
                for k in range(rng.choice([0, 0, 0, 1, 2]))
            ),
            key=lambda e: e.at,
        )
        korttid = sorted(
            (
                KorttidStayEnded(f"{carer_id}-kt{k}", moment())
                for k in range(rng.choice([0, 0, 0, 0, 1, 3]))
            ),
            key=lambda e: e.at,
        )
        plans: list[PlanVersion] = []
        if rng.random() < 0.7:
            when = registered + timedelta(days=rng.uniform(10, 90))
            while when < NOW:
                review = when + timedelta(days=rng.choice([180, 365]))
                plans.append(
                    PlanVersion(f"{carer_id}-pv{len(plans)}", when, review_date=review.date())
                )
                when = datetime.combine(review, when.timetz()) + _late(rng)
        checkins: list[CheckinDone] = []
        tasks = []
        when = registered + timedelta(days=rng.uniform(0, 20))
        while when < NOW:
            flags = tuple(f for f in FLAGS if rng.random() < 0.02)
            entry_id = f"{carer_id}-ci{len(checkins)}"
            checkins.append(CheckinDone(entry_id, when, flags=flags))
            for task in tasks_for_flagged_entry(
                carer_id, entry_id, "frivillighet", when, flags, RULES
            ):
                done_at = when + timedelta(days=rng.uniform(1, 30))
                if done_at < NOW - timedelta(days=3):
                    task = resolve_follow_up(task, "Samtal hållet.", "staff-0", done_at)
                tasks.append(task)
                revised = when + timedelta(days=rng.uniform(5, 30))
                if task.plan_review and revised < NOW and rng.random() < 0.8:
                    plans.append(PlanVersion(f"{carer_id}-pv{len(plans)}", revised))
            due = when + step
            for event, delay in [(e, 14) for e in (*situations, *korttid)] + [
                (p, 30) for p in plans
            ]:
                if event.at > when:
                    due = min(due, event.at + timedelta(days=delay))
            when = max(due + _late(rng), when + timedelta(days=1))
        settings: tuple[ScheduleSetting, ...] = ()
        roll = rng.random()
        since = moment()
        if roll < 0.04:
            until = (since + timedelta(days=rng.randint(14, 200))).date()
            settings = (
                ScheduleSetting(
                    f"{carer_id}-s0", SettingKind.PAUSE, since, "staff-0", "Paus", until
                ),
            )
        elif roll < 0.06:
            settings = (
                ScheduleSetting(f"{carer_id}-s0", SettingKind.DECLINE, since, "staff-0", "Nej"),
            )
        elif roll < 0.08:
            settings = (
                ScheduleSetting(
                    f"{carer_id}-s0",
                    SettingKind.CLOSE,
                    since,
                    "staff-0",
                    ended_because="cared_for_died",
                ),
            )
        contact = rng.choice(staff) if rng.random() < 0.85 else None
        home_unit = contact[1] if contact else rng.choice(units)
        state = CarerSchedulingState(
            carer_id=carer_id,
            registered_at=registered,
            unit_ids=(home_unit,),
            support_contact=StaffAssignment(*contact) if contact else None,
            interval_months=interval,
            settings=settings,
        )
        history = CarerHistory(
            checkins=tuple(checkins),
            plan_versions=tuple(plans),
            situation_changes=tuple(situations),
            korttid_stays_ended=tuple(korttid),
            follow_up_tasks=tuple(tasks),
        )
        out.append((state, history))
    return out


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def run() -> dict:
    carers = synthetic_carers(N_CARERS)
    start = time.perf_counter()
    schedules: list[CarerSchedule] = [compute_schedule(s, h, RULES) for s, h in carers]
    compute_ms = (time.perf_counter() - start) * 1000
    # The application keeps the schedules, not the histories they were computed from.
    del carers

    everyone = _timed(lambda: due_list(schedules, NOW), 100)
    one_staff = _timed(lambda: due_list(schedules, NOW, staff_id="staff-3"), 100)
    one_unit = _timed(lambda: due_list(schedules, NOW, unit_ids=["unit-2"]), 100)
    items = due_list(schedules, NOW)
    figures = {
        "carers": N_CARERS,
        "due_items": len(items),
        "overdue_items": sum(1 for i in items if i.overdue),
        "compute_ms": round(compute_ms, 1),
        "due_list_median_ms": round(statistics.median(everyone), 2),
        "due_list_p95_ms": round(_p95(everyone), 2),
        "due_list_staff_median_ms": round(statistics.median(one_staff), 2),
        "due_list_staff_p95_ms": round(_p95(one_staff), 2),
        "due_list_unit_median_ms": round(statistics.median(one_unit), 2),
        "due_list_unit_p95_ms": round(_p95(one_unit), 2),
        "due_list_limit_ms": 100,
        "due_list_within_limit": _p95(everyone) < 100,
    }
    figures.update(_store_figures())
    print(f"{'figure':<28} value")
    for key, value in figures.items():
        print(f"{key:<28} {value}")
    return figures


def _store_figures() -> dict:
    """Building scheduling input from the store (filled in once persistence exists)."""
    return {}


if __name__ == "__main__":
    print(json.dumps(run()))
