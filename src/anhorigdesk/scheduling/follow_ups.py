"""Flags that are acted on: every raised flag becomes a follow-up task until someone resolves it.

Creation is idempotent, keyed by (entry id, flag id): the task id is a UUID derived from that
pair, so a task created again (after a recompute, on another laptop, after a sync) is the same
task. :func:`reconcile_follow_ups` is what makes a flag impossible to lose: it derives the task
of every raised flag in the history that has none yet, and the schedule is always computed over
the reconciled list.

**One rule for every form** (:func:`already_followed_up`): a flag that is already being followed
up is not raised twice. When a carer's answers raise a flag (``burden_high``, say) while a task
for the same flag id — from any form: a check-in, a stödplan, a conversation — is still open, the
open task covers it and no second task is made. "Open" is judged at the moment the new flag was
raised (a task resolved before then covers nothing), so the answer never depends on when, or on
which laptop, it is computed. Submitting a form, the scan of new entries and the reconcile of a
carer's history all apply it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .clock import STOCKHOLM, local_date
from .records import CarerHistory, FollowUpTask, Resolution
from .rules import ScheduleRules

# Namespace of follow-up task ids (uuid5 over "entry id" + US + "flag id").
TASK_NAMESPACE = uuid.UUID("6f1d7c2e-3b4a-5e8f-9a0b-1c2d3e4f5a6b")


def follow_up_task_id(entry_id: str, flag_id: str) -> str:
    """The id of the follow-up task of ``flag_id`` raised in entry ``entry_id``."""
    return str(uuid.uuid5(TASK_NAMESPACE, f"{entry_id}\x1f{flag_id}"))


def already_followed_up(
    carer_id: str, entry_id: str, flag_id: str, raised_at: datetime,
    tasks: Iterable[FollowUpTask],
) -> FollowUpTask | None:
    """The task that already follows up ``flag_id`` raised in ``entry_id`` at ``raised_at``.

    That is a task of the same carer and the same flag id (whichever form raised it) that was
    raised earlier — at the same instant, by the entry with the smaller id — and was not
    resolved by ``raised_at``. None: the flag needs a task of its own.
    """
    mine = (raised_at, entry_id)
    for task in tasks:
        if task.carer_id != carer_id or task.flag_id != flag_id or task.entry_id == entry_id:
            continue
        if (task.raised_at, task.entry_id) >= mine:
            continue  # raised later: it cannot have covered this one
        if task.resolution is not None and task.resolution.at <= raised_at:
            continue  # already dealt with when this flag came up
        return task
    return None


def tasks_for_flagged_entry(
    carer_id: str,
    entry_id: str,
    form_id: str,
    raised_at: datetime,
    flags: Iterable[str],
    rules: ScheduleRules,
    tz: ZoneInfo = STOCKHOLM,
    *,
    existing: Iterable[FollowUpTask] = (),
) -> list[FollowUpTask]:
    """The follow-up tasks an entry's raised flags call for: one per distinct flag, except a
    flag that one of the carer's ``existing`` tasks already follows up
    (:func:`already_followed_up`)."""
    raised_day = local_date(raised_at, tz)
    known = tuple(existing)
    tasks: list[FollowUpTask] = []
    seen: set[str] = set()
    for flag_id in flags:
        if flag_id in seen:
            continue
        seen.add(flag_id)
        if already_followed_up(carer_id, entry_id, flag_id, raised_at, known) is not None:
            continue
        action = rules.flag_action(form_id, flag_id)
        tasks.append(
            FollowUpTask(
                id=follow_up_task_id(entry_id, flag_id),
                carer_id=carer_id,
                entry_id=entry_id,
                form_id=form_id,
                flag_id=flag_id,
                raised_at=raised_at,
                due_on=raised_day + timedelta(days=rules.follow_up_days(action)),
                plan_review=action.plan_review,
            )
        )
    return tasks


def _preferred(a: FollowUpTask, b: FollowUpTask) -> FollowUpTask:
    """Of two records of the same (entry, flag), keep the resolved one, else the earlier due."""
    if (a.resolution is None) != (b.resolution is None):
        return a if a.resolution is not None else b
    return min(a, b, key=lambda t: (t.due_on, t.id))


def reconcile_follow_ups(
    carer_id: str,
    history: CarerHistory,
    rules: ScheduleRules,
    tz: ZoneInfo = STOCKHOLM,
) -> tuple[tuple[FollowUpTask, ...], tuple[FollowUpTask, ...]]:
    """All follow-up tasks of the carer, and the ones among them that were missing.

    Returns ``(tasks, created)``: ``tasks`` holds one task per (entry id, flag id), the stored
    ones first kept as they are, plus a new task for each raised flag that had none; ``created``
    holds just the new ones (to be written to the store). Calling it again with the created
    tasks added to the history creates nothing. A flag an earlier open task of the same flag
    already follows up gets no task (:func:`already_followed_up`); entries are taken oldest
    first, so of a check-in and a stödplan raising the same flag, the earlier one's task stays.
    """
    by_key: dict[tuple[str, str], FollowUpTask] = {}
    for task in history.follow_up_tasks:
        if task.carer_id != carer_id:
            raise ValueError(f"follow-up task {task.id!r} belongs to another carer")
        known = by_key.get(task.key)
        by_key[task.key] = task if known is None else _preferred(known, task)
    created: list[FollowUpTask] = []
    flagged = sorted(
        (e for e in (*history.checkins, *history.plan_versions) if e.flags),
        key=lambda e: (e.at, e.id),
    )
    for entry in flagged:
        flags = [f for f in entry.flags if (entry.id, f) not in by_key]
        new = tasks_for_flagged_entry(
            carer_id, entry.id, entry.form_id, entry.at, flags, rules, tz,
            existing=by_key.values(),
        )
        for task in new:
            by_key[task.key] = task
            created.append(task)
    tasks = tuple(sorted(by_key.values(), key=lambda t: (t.due_on, t.id)))
    return tasks, tuple(sorted(created, key=lambda t: (t.due_on, t.id)))


def resolve_follow_up(
    task: FollowUpTask, text: str, by_staff_id: str, at: datetime
) -> FollowUpTask:
    """``task`` with what was done recorded. A resolved task cannot be resolved again."""
    if task.resolution is not None:
        raise ValueError(f"follow-up task {task.id!r} is already resolved")
    return replace(task, resolution=Resolution(text=text, by_staff_id=by_staff_id, at=at))
