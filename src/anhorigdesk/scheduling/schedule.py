"""A carer's schedule: everything pending, computed once from their state and history.

:func:`compute_schedule` is a pure function of (state, history, rules, time zone); it does not
depend on "now". Its result, :class:`CarerSchedule`, keeps the pending items sorted by due date
and the earliest one's day number, so a due list over thousands of carers only compares one
integer per carer (see :mod:`.due`).

What is pending:

* one **check-in** (voluntariness), due at the earliest of: the last check-in + the interval
  (the first one at registration), and every event since the last check-in that brings it
  forward (a new or revised stödplan, a situation change, the end of a korttid stay, the
  reopening of a declined or closed schedule). A pause moves it to the pause's end; a decline
  or a closure removes it.
* one **plan review**, due at the earliest of: the latest stödplan version's review date, and
  every flag since the latest version that asks for a review. A closure removes it.
* every open **follow-up** task (a raised flag acted on). Nothing removes these but a
  resolution: not a pause, a decline or a closure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .clock import STOCKHOLM, local_date
from .dates import add_months
from .follow_ups import reconcile_follow_ups
from .records import CarerHistory, CarerSchedulingState, FollowUpTask, SettingKind
from .rules import ScheduleRules
from .texts import LocalText, fill, reason_text


class DueKind(StrEnum):
    CHECKIN = "checkin"
    PLAN_REVIEW = "plan_review"
    FOLLOW_UP = "follow_up"


class ScheduleStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # a pause whose end lies ahead or behind: check-ins wait for its end
    DECLINED = "declined"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class PendingItem:
    """Something to do for a carer, independent of "now"."""

    kind: DueKind
    due_on: date
    due_ordinal: int  # due_on.toordinal(), kept for the due list's integer comparisons
    reason_code: str
    reason: LocalText
    source_event_id: str | None
    flag_id: str | None = None
    task_id: str | None = None


@dataclass(frozen=True, slots=True)
class CarerSchedule:
    """A carer's pending items (sorted by due date) with their owner."""

    carer_id: str
    owner_staff_id: str | None
    unit_id: str | None
    status: ScheduleStatus
    items: tuple[PendingItem, ...]
    created_tasks: tuple[FollowUpTask, ...]  # follow-up tasks derived now, not yet stored

    @property
    def next_due_ordinal(self) -> int | None:
        return self.items[0].due_ordinal if self.items else None

    @property
    def next_due(self) -> date | None:
        return self.items[0].due_on if self.items else None

    @property
    def next_checkin(self) -> PendingItem | None:
        """The next voluntariness check-in (None: declined or closed). The one answer to
        "when do we talk again": the carer page shows it and the printed check-in summary
        prints it."""
        return next((i for i in self.items if i.kind is DueKind.CHECKIN), None)


@dataclass(frozen=True, slots=True)
class _Candidate:
    due_on: date
    rank: int  # breaks ties between reasons due on the same day (lower wins)
    reason_code: str
    source_event_id: str | None
    reason: LocalText | None = None
    flag_id: str | None = None


# Order of kinds on the same day: a flag's follow-up first.
KIND_ORDER = {DueKind.FOLLOW_UP: 0, DueKind.CHECKIN: 1, DueKind.PLAN_REVIEW: 2}

_STATUS = {
    SettingKind.PAUSE: ScheduleStatus.PAUSED,
    SettingKind.DECLINE: ScheduleStatus.DECLINED,
    SettingKind.CLOSE: ScheduleStatus.CLOSED,
}

# Order of reasons on the same day: the more specific event is named first.
_RANK = {
    "korttid_ended": 0,
    "situation_changed": 1,
    "plan_changed": 2,
    "schedule_reopened": 3,
    "first_checkin": 4,
    "regular_interval": 5,
    "flag_plan_review": 0,
    "plan_review_date": 1,
}


def _pick(kind: DueKind, candidates: list[_Candidate]) -> PendingItem:
    best = min(candidates, key=lambda c: (c.due_on, c.rank, c.source_event_id or ""))
    return PendingItem(
        kind=kind,
        due_on=best.due_on,
        due_ordinal=best.due_on.toordinal(),
        reason_code=best.reason_code,
        reason=best.reason if best.reason is not None else reason_text(best.reason_code),
        source_event_id=best.source_event_id,
        flag_id=best.flag_id,
    )


def _checkin_candidates(
    state: CarerSchedulingState,
    history: CarerHistory,
    rules: ScheduleRules,
    reopened: tuple[datetime, str] | None,
    tz: ZoneInfo,
) -> list[_Candidate]:
    last = max(history.checkins, key=lambda c: (c.at, c.id), default=None)
    since = last.at if last is not None else None
    if reopened is not None and (since is None or reopened[0] > since):
        # Resumed after a decline or a closure: ask again on the day of reopening. Whatever
        # came due while check-ins were stopped, or after, is covered by that conversation.
        return [
            _Candidate(
                local_date(reopened[0], tz),
                _RANK["schedule_reopened"],
                "schedule_reopened",
                reopened[1],
            )
        ]
    if last is not None:
        months = state.interval_months or rules.checkin_every_months
        first = _Candidate(
            add_months(local_date(last.at, tz), months),
            _RANK["regular_interval"],
            "regular_interval",
            last.id,
        )
    else:
        first = _Candidate(
            local_date(state.registered_at, tz), _RANK["first_checkin"], "first_checkin", None
        )
    found = [first]
    for events, days, code in (
        (history.plan_versions, rules.after_plan_days, "plan_changed"),
        (history.situation_changes, rules.after_situation_change_days, "situation_changed"),
        (history.short_term_stays_ended, rules.after_korttid_days, "korttid_ended"),
    ):
        delay = timedelta(days=days)
        for event in events:
            if since is None or event.at > since:
                found.append(
                    _Candidate(local_date(event.at, tz) + delay, _RANK[code], code, event.id)
                )
    return found


def _plan_review_candidates(
    history: CarerHistory, tasks: tuple[FollowUpTask, ...], rules: ScheduleRules, tz: ZoneInfo
) -> list[_Candidate]:
    latest = max(history.plan_versions, key=lambda p: (p.at, p.id), default=None)
    found: list[_Candidate] = []
    if latest is not None:
        review = latest.review_date
        if review is None and rules.plan_review_every_months is not None:
            review = add_months(local_date(latest.at, tz), rules.plan_review_every_months)
        if review is not None:
            found.append(
                _Candidate(review, _RANK["plan_review_date"], "plan_review_date", latest.id)
            )
    template = reason_text("flag_plan_review")
    for task in tasks:
        if not task.plan_review:
            continue
        if latest is not None and latest.at > task.raised_at:
            continue  # the plan has been revised since the flag was raised
        found.append(
            _Candidate(
                task.due_on,
                _RANK["flag_plan_review"],
                "flag_plan_review",
                task.entry_id,
                fill(template, flag=rules.flag_action(task.form_id, task.flag_id).label),
                task.flag_id,
            )
        )
    return found


def _follow_up_items(tasks: tuple[FollowUpTask, ...], rules: ScheduleRules) -> list[PendingItem]:
    template = reason_text("flag_follow_up")
    return [
        PendingItem(
            kind=DueKind.FOLLOW_UP,
            due_on=task.due_on,
            due_ordinal=task.due_on.toordinal(),
            reason_code="flag_follow_up",
            reason=fill(template, flag=rules.flag_action(task.form_id, task.flag_id).label),
            source_event_id=task.entry_id,
            flag_id=task.flag_id,
            task_id=task.id,
        )
        for task in tasks
        if task.is_open
    ]


def compute_schedule(
    state: CarerSchedulingState,
    history: CarerHistory,
    rules: ScheduleRules,
    tz: ZoneInfo = STOCKHOLM,
) -> CarerSchedule:
    """Everything pending for one carer, from their state and full history."""
    tasks, created = reconcile_follow_ups(state.carer_id, history, rules, tz)
    current = state.current_setting()
    status = _STATUS.get(current.kind, ScheduleStatus.ACTIVE) if current else ScheduleStatus.ACTIVE

    items: list[PendingItem] = []
    if status in (ScheduleStatus.ACTIVE, ScheduleStatus.PAUSED):
        reopened = None
        if (
            current is not None
            and current.kind is SettingKind.REOPEN
            and _stopped_before(state, current.id)
        ):
            reopened = (current.at, current.id)
        checkin = _pick(DueKind.CHECKIN, _checkin_candidates(state, history, rules, reopened, tz))
        if current is not None and current.until is not None and checkin.due_on < current.until:
            # Paused: nothing is due before the pause ends.
            checkin = replace(checkin, due_on=current.until, due_ordinal=current.until.toordinal())
        items.append(checkin)
    if status is not ScheduleStatus.CLOSED:
        plan_candidates = _plan_review_candidates(history, tasks, rules, tz)
        if plan_candidates:
            items.append(_pick(DueKind.PLAN_REVIEW, plan_candidates))
    items.extend(_follow_up_items(tasks, rules))
    items.sort(key=lambda i: (i.due_ordinal, KIND_ORDER[i.kind], i.task_id or ""))
    return CarerSchedule(
        carer_id=state.carer_id,
        owner_staff_id=state.owner_staff_id,
        unit_id=state.owner_unit_id,
        status=status,
        items=tuple(items),
        created_tasks=created,
    )


def _stopped_before(state: CarerSchedulingState, reopen_id: str) -> bool:
    """Whether the record before a reopening had stopped check-ins (a decline or a closure)."""
    ordered = sorted(state.settings, key=lambda s: (s.at, s.id))
    position = next(i for i, s in enumerate(ordered) if s.id == reopen_id)
    return position > 0 and ordered[position - 1].kind in (SettingKind.DECLINE, SettingKind.CLOSE)
