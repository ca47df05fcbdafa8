"""The due list: overdue and soon-due items of many carers, latest first.

Built for thousands of carers at once: every :class:`~.schedule.CarerSchedule` already holds its
pending items sorted with the earliest day number at hand, so this is one pass with an integer
comparison per carer; only the items inside the horizon become :class:`DueItem` objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .clock import STOCKHOLM, require_aware
from .schedule import KIND_ORDER, CarerSchedule, DueKind
from .texts import LocalText


class DueItem(NamedTuple):
    """One thing to do, as the due list shows it.

    A named tuple rather than a dataclass: a due list may hold thousands of these, built on
    every refresh, and a tuple is several times cheaper to create.
    """

    kind: DueKind
    carer_id: str
    due_date: date
    reason_code: str
    reason: LocalText
    owner_staff_id: str | None
    unit_id: str | None
    days_overdue: int  # > 0 overdue, 0 due today, < 0 due in that many days
    source_event_id: str | None
    flag_id: str | None = None
    task_id: str | None = None

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def due_list(
    schedules: Iterable[CarerSchedule],
    now: datetime,
    *,
    staff_id: str | None = None,
    unit_ids: Iterable[str] | None = None,
    horizon_days: int = 14,
    tz: ZoneInfo = STOCKHOLM,
) -> list[DueItem]:
    """Items due up to ``horizon_days`` after today (local), the most overdue first.

    ``staff_id`` keeps the items of carers whose support contact that person is; ``unit_ids``
    keeps the items owned by those units (what a unit manager follows). Given both, an item
    must pass both. Ties are ordered follow-ups first, then check-ins, then plan reviews, then
    by carer id, so the list is stable.
    """
    require_aware(now, "due_list(now)")
    if not isinstance(horizon_days, int) or isinstance(horizon_days, bool) or horizon_days < 0:
        raise ValueError(
            f"due_list: horizon_days must be a whole number >= 0, got {horizon_days!r}"
        )
    today = now.astimezone(tz).date().toordinal()
    cutoff = today + horizon_days
    units = frozenset(unit_ids) if unit_ids is not None else None
    order = KIND_ORDER
    found: list[DueItem] = []
    append = found.append
    for schedule in schedules:
        items = schedule.items
        if not items or items[0].due_ordinal > cutoff:
            continue
        owner = schedule.owner_staff_id
        if staff_id is not None and owner != staff_id:
            continue
        unit = schedule.unit_id
        if units is not None and unit not in units:
            continue
        carer_id = schedule.carer_id
        for item in items:
            due = item.due_ordinal
            if due > cutoff:
                break
            append(
                DueItem(
                    item.kind,
                    carer_id,
                    item.due_on,
                    item.reason_code,
                    item.reason,
                    owner,
                    unit,
                    today - due,
                    item.source_event_id,
                    item.flag_id,
                    item.task_id,
                )
            )
    # Two stable sorts on plain keys (no key tuples to allocate): by carer, then by lateness
    # and kind. A carer's own items already come in (due, kind, task id) order.
    found.sort(key=attrgetter("carer_id"))
    found.sort(key=lambda d: d.days_overdue * -3 + order[d.kind])
    return found
