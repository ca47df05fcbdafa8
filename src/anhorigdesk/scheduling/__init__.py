"""Voluntariness check-ins, plan reviews and follow-ups: when they are due, and for whom.

The core is pure: a carer's :class:`CarerSchedulingState` and :class:`CarerHistory` go in,
:func:`compute_schedule` gives their :class:`CarerSchedule` (independent of "now"), and
:func:`due_list` turns many schedules and an instant into the sorted :class:`DueItem` list.
Time is injected through a :class:`Clock`; days are counted in Europe/Stockholm.

Beside the pure core: ``scheduling.from_forms`` reads the rules from the form definitions,
``scheduling.storage`` keeps decisions and follow-up tasks in the encrypted store (their
entities are declared in ``store/entities.py``) and loads every carer from it, and ``scheduling.book``
keeps every carer's schedule in memory for the due list. See docs/SCHEDULING.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from anhorigdesk._lazy import lazy_exports

if TYPE_CHECKING:
    from .clock import STOCKHOLM, Clock, FixedClock, SystemClock, local_date
    from .dates import add_months
    from .due import DueItem, due_list
    from .follow_ups import (
        already_followed_up,
        follow_up_task_id,
        reconcile_follow_ups,
        resolve_follow_up,
        tasks_for_flagged_entry,
    )
    from .records import (
        CarerHistory,
        CarerSchedulingState,
        CheckinDone,
        FollowUpTask,
        PlanVersion,
        Resolution,
        ScheduleSetting,
        SettingKind,
        ShortTermStayEnded,
        SituationChange,
        StaffAssignment,
    )
    from .rules import CHECKIN_FORM, PLAN_FORM, FlagAction, ScheduleRules
    from .schedule import CarerSchedule, DueKind, PendingItem, ScheduleStatus, compute_schedule
    from .texts import LocalText, ended_because_text, reason_text

# Each name is loaded from its module when first asked for (``_lazy``): a screen that only
# needs the clock does not load the rules, records and forms behind the schedules (~28 ms
# of the app's start, before its first screen).
_MODULES = {
    "STOCKHOLM": "clock", "Clock": "clock", "FixedClock": "clock", "SystemClock": "clock",
    "local_date": "clock",
    "add_months": "dates",
    "DueItem": "due", "due_list": "due",
    "already_followed_up": "follow_ups",
    "follow_up_task_id": "follow_ups", "reconcile_follow_ups": "follow_ups",
    "resolve_follow_up": "follow_ups", "tasks_for_flagged_entry": "follow_ups",
    "CarerHistory": "records", "CarerSchedulingState": "records", "CheckinDone": "records",
    "FollowUpTask": "records", "ShortTermStayEnded": "records", "PlanVersion": "records",
    "Resolution": "records", "ScheduleSetting": "records", "SettingKind": "records",
    "SituationChange": "records", "StaffAssignment": "records",
    "CHECKIN_FORM": "rules", "PLAN_FORM": "rules", "FlagAction": "rules", "ScheduleRules": "rules",
    "CarerSchedule": "schedule", "DueKind": "schedule", "PendingItem": "schedule",
    "ScheduleStatus": "schedule", "compute_schedule": "schedule",
    "LocalText": "texts", "ended_because_text": "texts", "reason_text": "texts",
}


__getattr__, __dir__ = lazy_exports(__name__, _MODULES)


__all__ = [
    "CHECKIN_FORM",
    "PLAN_FORM",
    "STOCKHOLM",
    "CarerHistory",
    "CarerSchedule",
    "CarerSchedulingState",
    "CheckinDone",
    "Clock",
    "DueItem",
    "DueKind",
    "FixedClock",
    "FlagAction",
    "FollowUpTask",
    "LocalText",
    "PendingItem",
    "PlanVersion",
    "Resolution",
    "ScheduleRules",
    "ScheduleSetting",
    "ScheduleStatus",
    "SettingKind",
    "ShortTermStayEnded",
    "SituationChange",
    "StaffAssignment",
    "SystemClock",
    "add_months",
    "already_followed_up",
    "compute_schedule",
    "due_list",
    "ended_because_text",
    "follow_up_task_id",
    "local_date",
    "reason_text",
    "reconcile_follow_ups",
    "resolve_follow_up",
    "tasks_for_flagged_entry",
]
