"""What is due, for whom: the scheduling core fed from the store, shaped for the screens.

The scheduling package keeps its records in the store (:mod:`anhorigdesk.scheduling.storage`:
schedule decisions, per-carer intervals, follow-up tasks) and computes schedules from them.
This module puts that together for the application:

* :func:`load_agenda` → my due items and my unit's, most overdue first, with carer names
  (the home screen); :attr:`Agenda.overdue_counts` gives counts only (the start-of-day notice);
* :func:`load_carer_agenda` → one carer's schedule, open and resolved tasks, decisions and the
  check-in series (voluntariness and burden over time) for the carer page's chart.

Loading goes through :func:`~anhorigdesk.scheduling.storage.load_scheduling_inputs`, which
first scans new entries, so every flag raised by any stored entry (typed here, synced in,
imported) has its follow-up task before a list is shown.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from anhorigdesk.forms import FormRegistry
from anhorigdesk.scheduling import (
    CHECKIN_FORM,
    STOCKHOLM,
    CarerHistory,
    CarerSchedule,
    CarerSchedulingState,
    DueItem,
    FollowUpTask,
    ScheduleRules,
    ScheduleSetting,
    compute_schedule,
    due_list,
    reconcile_follow_ups,
)
from anhorigdesk.scheduling.book import ScheduleBook
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.schedule import KIND_ORDER
from anhorigdesk.scheduling.storage import load_scheduling_inputs
from anhorigdesk.store import Actor, NotFound, Repository

#: the rows of each list a screen shows (the home screen's due view: ``MAX_ROWS``): their
#: carers' names and hints are read; the rest of a long list is counted, not named
SHOWN_ROWS = 200


@dataclass(frozen=True)
class CheckinPoint:
    """One check-in as the carer page's chart draws it."""

    day: date
    own_choice: str | None  # yes / unsure / no
    burden: int | None  # 1 (easy to carry) .. 5 (far too heavy)


@dataclass
class CarerAgenda:
    """One carer's scheduling state, history, schedule and check-in series."""

    state: CarerSchedulingState
    history: CarerHistory
    schedule: CarerSchedule
    tasks: tuple[FollowUpTask, ...]
    checkins: list[CheckinPoint] = field(default_factory=list)

    @property
    def open_tasks(self) -> tuple[FollowUpTask, ...]:
        return tuple(t for t in self.tasks if t.is_open)

    @property
    def settings(self) -> list[ScheduleSetting]:
        """The decisions about the check-ins, oldest first."""
        return sorted(self.state.settings, key=lambda s: (s.at, s.id))


@dataclass(frozen=True)
class AgendaItem:
    """A due item with the carer's name (for the home screen; never for a notice)."""

    item: DueItem
    carer_name: str
    mine: bool
    #: what tells the carer from others of the same name (Repository.carer_hints)
    carer_hint: dict[str, Any] | None = None


@dataclass(frozen=True)
class Agenda:
    """The home screen's due lists: mine, and the rest of my unit's, most overdue first.

    ``version`` and ``day``: the stored items' version it was read at and the local day its
    lateness counts from (None: not known; :func:`patch_agenda` then reads afresh);
    ``named``: how many rows of each list have their carer named (None: all)."""

    mine: tuple[AgendaItem, ...]
    unit: tuple[AgendaItem, ...]
    version: str | None = None
    day: date | None = None
    named: int | None = None

    @property
    def overdue_counts(self) -> tuple[int, int]:
        """(mine overdue, the unit's other overdue): counts only, for the reminder."""
        return (sum(1 for a in self.mine if a.item.overdue),
                sum(1 for a in self.unit if a.item.overdue))


@dataclass(frozen=True)
class CarerDue:
    """What one carer has due: the most pressing item and how many there are in all
    (for the carer list's "due" column and filter)."""

    first: DueItem
    count: int

    @property
    def overdue(self) -> bool:
        return self.first.overdue


def due_by_carer(items: Iterable[DueItem]) -> dict[str, CarerDue]:
    """The due list per carer, in the list's order (most overdue first): the first item
    seen for a carer is that carer's most pressing one."""
    firsts: dict[str, DueItem] = {}
    counts: dict[str, int] = {}
    for item in items:
        carer = item.carer_id
        if carer not in firsts:
            firsts[carer] = item
            counts[carer] = 1
        else:
            counts[carer] += 1
    return {carer: CarerDue(first, counts[carer]) for carer, first in firsts.items()}


def _rows(repo: Repository, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return list(repo.db.reader().execute(sql, params).fetchall())


def load_agenda(
    repo: Repository, registry: FormRegistry, actor: Actor, now: datetime, *,
    horizon_days: int = 14, rules: ScheduleRules | None = None,
) -> Agenda:
    """My due items (I am the support contact) and my unit's other ones, by lateness,
    computed afresh from the store (see :func:`agenda_from_book` for the kept schedules)."""
    rules = rules or rules_from_registry(registry)
    schedules = [compute_schedule(state, history, rules)
                 for state, history in load_scheduling_inputs(repo, actor, registry, rules)]
    return _split(repo, actor, due_list(schedules, now, horizon_days=horizon_days))


def agenda_from_book(repo: Repository, actor: Actor, book: ScheduleBook, now: datetime, *,
                     horizon_days: int = 14, named: int | None = None) -> Agenda:
    """:func:`load_agenda` over a kept :class:`~anhorigdesk.scheduling.book.ScheduleBook`
    (loaded once, refreshed per carer after writes): one pass, no recomputation."""
    version = book.version()  # before the items: they are at least as new as it
    agenda = _split(repo, actor, book.due(now, horizon_days=horizon_days,
                                          mine_or_unit=(actor.staff_id, actor.unit_id)), named=named)
    return replace(agenda, version=version, day=_day(book, now), named=named)


def _day(book: ScheduleBook, now: datetime) -> date:
    return now.astimezone(book.tz).date()


def _order(agenda_item: AgendaItem) -> tuple[int, int, str, str]:
    """The due list's order (``scheduling.due.due_list``, ``due_store.read_due_items``)."""
    item = agenda_item.item
    return (item.due_date.toordinal(), KIND_ORDER[item.kind], item.carer_id, item.task_id or "")


def refresh_agenda(repo: Repository, actor: Actor, book: ScheduleBook, agenda: Agenda | None,
                   carer_ids: Iterable[str], now: datetime, *, horizon_days: int = 14,
                   named: int | None = None, patch_max: int = 200) -> Agenda:
    """After writes about ``carer_ids`` (a saved check-in, a decision, a resolved follow-up):
    bring the stored items up to date (those carers, and any the store queued) and give the
    home screen's lists. When ``agenda`` was read at the stored version the update started
    from, on the same day, only the carers recomputed are read again and put in their places
    (:func:`patch_agenda`); the same ``agenda`` object when nothing changed at all; else the
    lists are read afresh (:func:`agenda_from_book`)."""
    since = agenda.version if agenda is not None and agenda.day == _day(book, now) else None
    changed, version = book.refresh_since(since, carer_ids)
    if agenda is None or changed is None or len(changed) > patch_max or agenda.named != named:
        return agenda_from_book(repo, actor, book, now, horizon_days=horizon_days, named=named)
    if not changed and version == agenda.version:
        return agenda
    return patch_agenda(repo, actor, book, agenda, changed, now, version=version,
                        horizon_days=horizon_days)


def patch_agenda(repo: Repository, actor: Actor, book: ScheduleBook, agenda: Agenda,
                 changed: Iterable[str], now: datetime, *, version: str | None,
                 horizon_days: int = 14) -> Agenda:
    """``agenda`` with the items of the ``changed`` carers read again from the book (one
    indexed query for them) and merged into their places: the same lists, names and hints
    :func:`agenda_from_book` gives at ``version`` when only those carers' items changed since
    ``agenda`` was read (a carer's name or record changing queues that carer too). Names are
    read for the changed carers and for any carer that moved into the named rows."""
    changed = set(changed)
    named = agenda.named
    fresh = book.due_of(now, changed, horizon_days=horizon_days,
                        mine_or_unit=(actor.staff_id, actor.unit_id))
    mine_new, unit_new = _parts(actor, fresh)
    blank = ("", None)
    mine_old = [a for a in agenda.mine if a.item.carer_id not in changed]
    unit_old = [a for a in agenda.unit if a.item.carer_id not in changed]
    fresh_mine = [AgendaItem(item, "", True) for item in mine_new]
    fresh_unit = [AgendaItem(item, "", False) for item in unit_new]
    # the few new rows put in their places (no two rows of different carers order equal)
    for part, new in ((mine_old, fresh_mine), (unit_old, fresh_unit)):
        for agenda_item in new:
            part.insert(bisect.bisect_right(part, _order(agenda_item), key=_order), agenda_item)
    mine, unit = mine_old, unit_old

    def shown(part: Sequence[AgendaItem], limit: int | None) -> set[str]:
        return {a.item.carer_id for a in (part if limit is None else part[:limit])}

    before = shown(agenda.mine, named) | shown(agenda.unit, named)
    wanted = shown(mine, named) | shown(unit, named)
    # the names read for the rows named before (every row of a named carer carries them)
    known = {a.item.carer_id: (a.carer_name, a.carer_hint)
             for a in (*(agenda.mine if named is None else agenda.mine[:named]),
                       *(agenda.unit if named is None else agenda.unit[:named]))
             if a.item.carer_id not in changed}
    missing = sorted(wanted - known.keys())
    if missing:
        repo.log_access(actor, "carer", None, "read:due_list", wait=False)
        names = dict(_rows(repo, "SELECT c.id, c.name FROM json_each(?) w JOIN carers c ON c.id = w.value",
                           [json.dumps(missing)]))
        hints = repo.carer_hints(missing)
        known.update({cid: (names.get(cid, ""), hints.get(cid)) for cid in missing})

    # only the rows of carers named now and not before (or the reverse), and the changed
    # carers' rows, can carry other names than they do
    affected = (before ^ wanted) | changed

    def named_as_read(part: list[AgendaItem]) -> tuple[AgendaItem, ...]:
        out = []
        for a in part:
            cid = a.item.carer_id
            if cid in affected:
                name, hint = known.get(cid, blank) if cid in wanted else blank
                if a.carer_name != name or a.carer_hint is not hint:
                    a = AgendaItem(a.item, name, a.mine, hint)
            out.append(a)
        return tuple(out)

    return Agenda(named_as_read(mine), named_as_read(unit), version=version, day=_day(book, now),
                  named=named)


def stored_agenda(repo: Repository, actor: Actor, now: datetime, *,
                  horizon_days: int = 14, named: int | None = SHOWN_ROWS) -> Agenda | None:
    """:func:`load_agenda` from the due items kept in the store (``scheduling.due_store``),
    without the form definitions: for the home screen right after start. None when the
    stored items are not whole yet (a carer's records changed since, entries not scanned, or
    never computed): then the list waits for the schedule book."""
    from anhorigdesk.scheduling.due_store import read_due_items, stored_due_is_current

    if not stored_due_is_current(repo):
        return None
    return _split(repo, actor, read_due_items(repo, now, horizon_days=horizon_days,
                                              mine_or_unit=(actor.staff_id, actor.unit_id)), named=named)


def _parts(actor: Actor, items: Iterable[DueItem]) -> tuple[list[DueItem], list[DueItem]]:
    """Mine (I am the support contact) and the rest of my unit's."""
    mine_items: list[DueItem] = []
    unit_items: list[DueItem] = []
    for item in items:
        if actor.staff_id is not None and item.owner_staff_id == actor.staff_id:
            mine_items.append(item)
        elif actor.unit_id is not None and item.unit_id == actor.unit_id:
            unit_items.append(item)
    return mine_items, unit_items


def _split(repo: Repository, actor: Actor, items: list[DueItem], *, named: int | None = None) -> Agenda:
    """Mine and my unit's. ``named``: read the names (and hints) of the carers of only the
    first so many items of each list (None: all); the others carry an empty name."""
    mine_items, unit_items = _parts(actor, items)
    shown = (mine_items, unit_items) if named is None else (mine_items[:named], unit_items[:named])
    wanted = sorted({item.carer_id for part in shown for item in part})
    # Names of carers are shown: logged as an access. Queued on the writer, not waited for
    # (committed in order with every other write, before the store closes): the list must
    # not wait for a disk flush (as search as you type).
    repo.log_access(actor, "carer", None, "read:due_list", wait=False)
    names: dict[str, str] = dict(_rows(
        repo, "SELECT c.id, c.name FROM json_each(?) w JOIN carers c ON c.id = w.value", [json.dumps(wanted)]))
    hints = repo.carer_hints(wanted)
    mine = tuple(AgendaItem(item, names.get(item.carer_id, ""), True, hints.get(item.carer_id))
                 for item in mine_items)
    unit = tuple(AgendaItem(item, names.get(item.carer_id, ""), False, hints.get(item.carer_id))
                 for item in unit_items)
    return Agenda(mine, unit)


def checkin_points(repo: Repository, carer_id: str) -> list[CheckinPoint]:
    """The carer's check-ins (voluntariness, burden) in date order, corrections applied."""
    rows = _rows(repo, "SELECT id, data, occurred_at, supersedes FROM entries"
                       " WHERE carer_id = ? AND kind = ? AND deleted = 0", [carer_id, CHECKIN_FORM])
    superseded = {r[3] for r in rows if r[3]}
    points = []
    for entry_id, data_json, occurred_at, _ in rows:
        if entry_id in superseded:
            continue
        data = json.loads(data_json)
        try:
            day = date.fromisoformat(str(data.get("check_in_date"))[:10])
        except ValueError:
            day = datetime.fromisoformat(occurred_at).astimezone(STOCKHOLM).date()
        burden = data.get("burden_now")
        choice = data.get("still_own_choice")
        points.append(CheckinPoint(day, choice if isinstance(choice, str) else None,
                                   burden if isinstance(burden, int) and not isinstance(burden, bool)
                                   else None))
    points.sort(key=lambda p: p.day)
    return points


def load_carer_agenda(
    repo: Repository, registry: FormRegistry, actor: Actor, carer_id: str,
    rules: ScheduleRules | None = None,
) -> CarerAgenda:
    """One carer's schedule, tasks, decisions and check-in series (logged as an access)."""
    rules = rules or rules_from_registry(registry)
    inputs = load_scheduling_inputs(repo, actor, registry, rules, carer_ids=[carer_id])
    found = next(((s, h) for s, h in inputs if s.carer_id == carer_id), None)
    if found is None:
        raise NotFound("carer", carer_id)
    state, history = found
    repo.log_access(actor, "carer", carer_id, "read:schedule")
    tasks, _created = reconcile_follow_ups(carer_id, history, rules)
    return CarerAgenda(state, history, compute_schedule(state, history, rules), tasks,
                       checkin_points(repo, carer_id))


__all__ = [
    "Agenda",
    "AgendaItem",
    "CarerAgenda",
    "CarerDue",
    "CheckinPoint",
    "agenda_from_book",
    "checkin_points",
    "due_by_carer",
    "load_agenda",
    "load_carer_agenda",
    "patch_agenda",
    "refresh_agenda",
    "rules_from_registry",
    "stored_agenda",
]
