"""Every carer's schedule kept in memory, so the due list is a single pass.

Build the book once (``load_all``, off the GUI thread: about a second for 10,000 carers),
ask ``due()`` on every refresh of the screen, and ``refresh(carer_ids)`` after a write or a
sync touched those carers. A refresh swaps in a new mapping in one assignment, so a reader on
another thread sees the old book or the new one, never half of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from anhorigdesk.forms import FormRegistry
from anhorigdesk.store.repository import Actor, Repository

from .clock import STOCKHOLM
from .due import DueItem, due_list
from .rules import ScheduleRules
from .schedule import CarerSchedule
from .storage import StoreEventMapping, build_schedules, scan_new_entries


class ScheduleBook:
    """The schedules of all carers of one store, by carer id."""

    def __init__(
        self,
        repo: Repository,
        actor: Actor,
        registry: FormRegistry,
        rules: ScheduleRules,
        *,
        mapping: StoreEventMapping | None = None,
        tz: ZoneInfo = STOCKHOLM,
        pause: Callable[[], None] | None = None,
    ) -> None:
        """``pause`` is called now and then while a build runs (see
        :func:`.storage.load_scheduling_inputs`): an app that builds the book beside its
        screens waits there while the screens have work."""
        self._repo, self._actor = repo, actor
        self._registry, self._rules = registry, rules
        self._mapping, self._tz = mapping, tz
        self._pause = pause
        self._schedules: dict[str, CarerSchedule] = {}

    def load_all(self) -> None:
        """(Re)build every carer's schedule from the store."""
        schedules = self._build(None)
        self._schedules = {schedule.carer_id: schedule for schedule in schedules}

    def refresh(self, carer_ids: Iterable[str]) -> set[str]:
        """Rebuild these carers (and any whose new entries raised flags); returns the ids
        rebuilt. A carer no longer in the store leaves the book."""
        ids = set(carer_ids)
        written = scan_new_entries(
            self._repo,
            self._actor,
            self._registry,
            self._rules,
            mapping=self._mapping,
            tz=self._tz,
        )
        ids.update(task.carer_id for task in written)
        if not ids:
            return ids
        fresh = {schedule.carer_id: schedule for schedule in self._build(ids)}
        book = {k: v for k, v in self._schedules.items() if k not in ids}
        book.update(fresh)
        self._schedules = book
        return ids

    def due(
        self,
        now: datetime,
        *,
        staff_id: str | None = None,
        unit_ids: Iterable[str] | None = None,
        horizon_days: int = 14,
    ) -> list[DueItem]:
        """The due list over the whole book (see :func:`.due.due_list`)."""
        return due_list(
            self._schedules.values(),
            now,
            staff_id=staff_id,
            unit_ids=unit_ids,
            horizon_days=horizon_days,
            tz=self._tz,
        )

    def schedule_of(self, carer_id: str) -> CarerSchedule | None:
        return self._schedules.get(carer_id)

    def __len__(self) -> int:
        return len(self._schedules)

    def _build(self, carer_ids: set[str] | None) -> list[CarerSchedule]:
        return build_schedules(
            self._repo,
            self._actor,
            self._registry,
            self._rules,
            mapping=self._mapping,
            tz=self._tz,
            carer_ids=carer_ids,
            pause=self._pause,
        )
