"""Every carer's schedule for the due lists, kept in the store (``scheduling.due_store``).

Build the book once (``load_all``, off the GUI thread: it scans new entries and recomputes
the carers whose records changed since the items were stored — all of them only the first
time, or when the rules changed), ask ``due()`` on every refresh of the screen (one indexed
query), and ``refresh(carer_ids)`` after a write or a sync touched those carers. The items live
in the encrypted store, not in this object: the book costs no memory per carer, and a
reader on another thread sees the rows of one committed transaction or the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.forms import FormRegistry
from anhorigdesk.store.repository import Actor, Repository

from .clock import STOCKHOLM
from .due import DueItem
from .due_store import (
    read_due_items,
    stored_schedule_count,
    stored_version,
    update_due_items,
    update_due_items_since,
)
from .rules import ScheduleRules
from .schedule import CarerSchedule
from .storage import StoreEventMapping, build_schedules


class ScheduleBook:
    """The schedules of all carers of one store, by carer id (their items in the store)."""

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
        # The last few due lists read, by (stored version, day, question): a screen asking
        # again (the carer list with every keystroke) reads nothing while nothing changed.
        self._recent: dict[tuple[Any, ...], list[DueItem]] = {}

    @property
    def tz(self) -> ZoneInfo:
        """The time zone whose days the items fall due on."""
        return self._tz

    def load_all(self) -> None:
        """Bring every carer's stored items up to date (only the carers whose records
        changed since they were stored are recomputed)."""
        self._update(())

    def refresh(self, carer_ids: Iterable[str]) -> set[str]:
        """Recompute these carers (and any whose records changed: new entries that raised
        flags, records synced in); returns the ids recomputed. A carer no longer in the store
        leaves the book."""
        return self._update(set(carer_ids))

    def refresh_since(self, version: str | None, carer_ids: Iterable[str] = ()) -> tuple[set[str] | None, str | None]:
        """:meth:`refresh` for a screen that shows the items as they were at ``version``
        (:meth:`version`): (the carers whose items changed since, or None when it must read
        them all again; the version now). See :func:`.due_store.update_due_items_since`.

        Never calls the book's ``pause``: this is a screen's own work (a saved check-in), and
        the app's pause waits until the screens' worker is idle — on that worker it waited
        for itself, ~0.25 s a call, three calls for one carer."""
        return update_due_items_since(
            self._repo,
            self._actor,
            self._registry,
            self._rules,
            version,
            mapping=self._mapping,
            tz=self._tz,
            carer_ids=set(carer_ids),
        )

    def version(self) -> str | None:
        """The version of the stored items (grows with every transaction that changes them)."""
        return stored_version(self._repo)

    def due_of(
        self,
        now: datetime,
        carer_ids: Iterable[str],
        *,
        horizon_days: int = 14,
        mine_or_unit: tuple[str | None, str | None] | None = None,
    ) -> list[DueItem]:
        """The due list of only these carers (one indexed query; not kept)."""
        return read_due_items(
            self._repo,
            now,
            horizon_days=horizon_days,
            tz=self._tz,
            mine_or_unit=mine_or_unit,
            carer_ids=set(carer_ids),
        )

    def due(
        self,
        now: datetime,
        *,
        staff_id: str | None = None,
        unit_ids: Iterable[str] | None = None,
        horizon_days: int = 14,
        limit: int | None = None,
        mine_or_unit: tuple[str | None, str | None] | None = None,
    ) -> list[DueItem]:
        """The due list over the whole book (as :func:`.due.due_list` gives it); ``limit``:
        only the first so many; ``mine_or_unit``: see :func:`.due_store.read_due_items`."""
        # The version is read before the items: the items are at least as new as it.
        key = (
            stored_version(self._repo),
            now.astimezone(self._tz).date(),
            staff_id,
            None if unit_ids is None else tuple(sorted(set(unit_ids))),
            horizon_days,
            limit,
            mine_or_unit,
        )
        found = self._recent.get(key)
        if found is None:
            found = read_due_items(
                self._repo,
                now,
                staff_id=staff_id,
                unit_ids=unit_ids,
                horizon_days=horizon_days,
                tz=self._tz,
                limit=limit,
                mine_or_unit=mine_or_unit,
            )
            recent = {k: v for k, v in self._recent.items() if k[0] == key[0]}
            if len(recent) >= 4:
                recent.pop(next(iter(recent)))
            recent[key] = found
            self._recent = recent  # one assignment: readers on other threads see one or the other
        return list(found)

    def schedule_of(self, carer_id: str) -> CarerSchedule | None:
        """The carer's schedule, computed from the store now (None: no such carer)."""
        found = build_schedules(
            self._repo,
            self._actor,
            self._registry,
            self._rules,
            mapping=self._mapping,
            tz=self._tz,
            carer_ids=[carer_id],
        )
        return next((s for s in found if s.carer_id == carer_id), None)

    def __len__(self) -> int:
        return stored_schedule_count(self._repo)

    def _update(self, carer_ids: set[str]) -> set[str]:
        return update_due_items(
            self._repo,
            self._actor,
            self._registry,
            self._rules,
            mapping=self._mapping,
            tz=self._tz,
            carer_ids=carer_ids,
            pause=self._pause,
        )
