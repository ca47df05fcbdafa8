"""The due list kept in the store: every carer's pending items, brought up to date per carer.

(Förfallolistan i det krypterade lagret.) Until issue #18 the home screen rebuilt every
carer's schedule from every stored row after each start (``build_schedules``: ~3.4 s for
10,000 carers, ~19 s for 40,000) before it could show anything. Now the items
``compute_schedule`` gives are kept in the store (tables of the store's migration
``0016_due_items``):

* ``due_items``: one row per pending item (kind, due day number, reason, source event, flag,
  task) with the carer's owner and unit; a due list is one indexed query up to
  "today + horizon" (:func:`read_due_items`), in exactly :func:`.due.due_list`'s order;
* ``due_schedules``: one row per carer whose items are stored (owner, unit, status);
* ``due_dirty``: the carers whose items may be out of date. The store's triggers put a carer
  there in the same transaction as any change of a row their schedule is computed from —
  typed here, applied by sync, removed by a purge, a case closed or reopened, an entry noted
  by the scan — so no writer needs to know about this module.

:func:`update_due_items` (on a worker thread, never the GUI's) scans new entries (their
flags' follow-up tasks and the digest, :func:`.storage.scan_new_entries`), then recomputes
just the queued carers with :func:`.storage.build_schedules` — the very computation the due
list used before — and replaces their rows, removing each from the queue only if nothing
changed it meanwhile (its ``gen``). Everything is recomputed when the rules differ from the
ones the stored items were made with (another form definition, another mapping), and once
after the migration (which queues every carer).

:func:`stored_due_is_current` says, without the form definitions, whether the stored items
are whole (nothing queued, no entry not yet scanned, made with some rules at all): then the
home screen can show them at once after start, before the forms have loaded.
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.forms import FormRegistry, LocalText
from anhorigdesk.store.repository import Actor, Repository

from .clock import STOCKHOLM, require_aware
from .due import DueItem
from .rules import ScheduleRules
from .schedule import KIND_ORDER, CarerSchedule, DueKind, ScheduleStatus
from .storage import (
    SCAN_MARK,
    StoreEventMapping,
    _mapping_signature,
    _set_meta,
    build_schedules,
    scan_new_entries,
)

#: the rules (and mapping, time zone) the stored items were computed with
RULES_MARK = "scheduling.due_rules"
#: grows with every transaction that changes the stored items (a reader's cache key)
VERSION_MARK = "scheduling.due_version"
_BUMP = (
    "INSERT INTO meta(key, value) VALUES (?, '1')"
    " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)
#: carers recomputed per writer transaction (keeps each write short beside the screens)
CHUNK = 2000

_locks: weakref.WeakKeyDictionary[Any, threading.RLock] = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def _lock(repo: Repository) -> threading.RLock:
    """One update at a time per database (two would each remove the other's queue rows).
    Only :func:`update_due_items` changes the stored items, always under this lock: whoever
    holds it knows every change of the items meanwhile is its own (:func:`update_due_items_since`)."""
    with _locks_guard:
        lock = _locks.get(repo.db)
        if lock is None:
            lock = _locks[repo.db] = threading.RLock()
        return lock


def rules_signature(rules: ScheduleRules, mapping: StoreEventMapping, tz: ZoneInfo) -> str:
    """What the stored items depend on besides the records: the rules (intervals, delays,
    every flag's action and label), the store mapping, the time zone and the reasons' texts."""
    from .schedule import _RANK
    from .texts import reason_text

    # the reasons' texts in every language (an update may bring new translations)
    reasons = [reason_text(code) for code in sorted({*_RANK, "flag_follow_up"})]
    text = "\n".join((repr(rules), _mapping_signature(mapping, tz), repr(reasons)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _item_rows(schedules: Iterable[CarerSchedule]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    items: list[tuple[Any, ...]] = []
    carers: list[tuple[Any, ...]] = []
    for schedule in schedules:
        owner, unit, carer_id = schedule.owner_staff_id, schedule.unit_id, schedule.carer_id
        carers.append((carer_id, owner, unit, schedule.status.value))
        for item in schedule.items:
            items.append(
                (
                    carer_id,
                    item.kind.value,
                    item.due_ordinal,
                    KIND_ORDER[item.kind],
                    item.reason_code,
                    json.dumps(item.reason.texts, ensure_ascii=False),
                    item.source_event_id,
                    item.flag_id,
                    item.task_id,
                    owner,
                    unit,
                )
            )
    return items, carers


_INSERT_ITEM = (
    "INSERT INTO due_items(carer_id, kind, due_ordinal, kind_order, reason_code, reason,"
    " source_event_id, flag_id, task_id, owner_staff_id, unit_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SCHEDULE = (
    "INSERT OR REPLACE INTO due_schedules(carer_id, owner_staff_id, unit_id, status)"
    " VALUES (?, ?, ?, ?)"
)


def update_due_items(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    *,
    mapping: StoreEventMapping | None = None,
    tz: ZoneInfo = STOCKHOLM,
    carer_ids: Collection[str] = (),
    pause: Callable[[], None] | None = None,
) -> set[str]:
    """Bring the stored due items up to date; returns the ids of the carers recomputed.

    New entries are scanned first (flags raise their follow-up tasks). Then the queued
    carers (``due_dirty``) and ``carer_ids`` are recomputed; every carer when the stored
    items were made with other rules (or never). Safe to repeat and to interrupt: a carer
    leaves the queue only in the transaction that stores their items, and only if no change
    queued them again after they were read."""
    mapping = mapping or StoreEventMapping()
    with _lock(repo):
        scan_new_entries(repo, actor, registry, rules, mapping=mapping, tz=tz)
        reader = repo.db.reader()
        signature = rules_signature(rules, mapping, tz)
        row = reader.execute("SELECT value FROM meta WHERE key = ?", (RULES_MARK,)).fetchone()
        # Read the queue before the records: a change after this stays queued (its gen).
        queued = dict(reader.execute("SELECT carer_id, gen FROM due_dirty").fetchall())
        if row is None or row[0] != signature:
            # Every carer (and every carer with stored items, in case one has left the
            # store) is queued with the new rules' mark in one transaction, then recomputed
            # CHUNK carers at a time like any queued carer: the first fill of a large
            # profile holds one chunk's schedules at a time, not every carer's (at 40,000
            # carers the app kept ~60 MB more after the fill). Interrupted, the next update
            # goes on with the carers still queued.
            def requeue(conn: Any) -> None:
                for source in ("SELECT id, 1 FROM carers", "SELECT carer_id, 1 FROM due_schedules"):
                    conn.execute(
                        f"INSERT INTO due_dirty(carer_id, gen) {source}"
                        " WHERE true ON CONFLICT(carer_id) DO UPDATE SET gen = gen + 1"
                    )
                _set_meta(conn, RULES_MARK, signature)

            repo.db.writer.run(requeue)
            queued = dict(reader.execute("SELECT carer_id, gen FROM due_dirty").fetchall())
        wanted = sorted(set(queued) | set(carer_ids))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            schedules = build_schedules(
                repo, actor, registry, rules, mapping=mapping, tz=tz, carer_ids=chunk, pause=pause,
                log=False,
            )
            items, carers = _item_rows(schedules)
            done = [(cid, queued[cid]) for cid in chunk if cid in queued]
            # the read's access-log row goes into the transaction that stores what it computed
            logged = repo.access_row(actor, "carer", None, "read:schedules")

            def replace(
                conn: Any,
                chunk: list[str] = chunk,
                items: list[tuple[Any, ...]] = items,
                carers: list[tuple[Any, ...]] = carers,
                done: list[tuple[str, int]] = done,
                logged: Callable[[Any], None] = logged,
            ) -> None:
                logged(conn)
                ids = json.dumps(chunk)
                conn.execute(
                    "DELETE FROM due_items WHERE carer_id IN (SELECT value FROM json_each(?))", (ids,)
                )
                conn.execute(
                    "DELETE FROM due_schedules WHERE carer_id IN (SELECT value FROM json_each(?))",
                    (ids,),
                )
                conn.executemany(_INSERT_ITEM, items)
                conn.executemany(_INSERT_SCHEDULE, carers)
                conn.executemany("DELETE FROM due_dirty WHERE carer_id = ? AND gen = ?", done)
                conn.execute(_BUMP, (VERSION_MARK,))

            repo.db.writer.run(replace)
        return set(wanted)


def update_due_items_since(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    version: str | None,
    *,
    mapping: StoreEventMapping | None = None,
    tz: ZoneInfo = STOCKHOLM,
    carer_ids: Collection[str] = (),
    pause: Callable[[], None] | None = None,
) -> tuple[set[str] | None, str | None]:
    """:func:`update_due_items` for a reader that holds the stored items as they were at
    ``version`` (:func:`stored_version`): returns (the carers whose items changed since, the
    version now). The set is None when something else changed the items after ``version``
    (the reader then reads them all again). Only this module changes the items, under the
    store's update lock, so the carers recomputed here are all that changed meanwhile."""
    with _lock(repo):
        before = stored_version(repo)
        recomputed = update_due_items(
            repo, actor, registry, rules, mapping=mapping, tz=tz, carer_ids=carer_ids, pause=pause
        )
        after = stored_version(repo)
    if version is None or before != version:
        return None, after
    return recomputed, after


def stored_due_is_current(repo: Repository) -> bool:
    """Whether the stored items are whole without recomputing anything: made with some rules,
    no carer queued, and no entry stored since the last scan of new entries. (Whether the
    rules are still the same is known once the form definitions have loaded:
    :func:`update_due_items` then recomputes everything if they are not.)"""
    reader = repo.db.reader()
    marks = dict(
        reader.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (RULES_MARK, SCAN_MARK)
        ).fetchall()
    )
    if RULES_MARK not in marks:
        return False
    if reader.execute("SELECT 1 FROM due_dirty LIMIT 1").fetchone() is not None:
        return False
    top = reader.execute("SELECT coalesce(max(rowid), 0) FROM entries").fetchone()[0]
    return int(marks.get(SCAN_MARK, 0)) >= top


@lru_cache(maxsize=4096)
def _reason(stored: str) -> LocalText:
    return LocalText(tuple((lang, text) for lang, text in json.loads(stored)))


_KINDS = {kind.value: kind for kind in DueKind}


def read_due_items(
    repo: Repository,
    now: datetime,
    *,
    staff_id: str | None = None,
    unit_ids: Iterable[str] | None = None,
    horizon_days: int = 14,
    tz: ZoneInfo = STOCKHOLM,
    limit: int | None = None,
    mine_or_unit: tuple[str | None, str | None] | None = None,
    carer_ids: Collection[str] | None = None,
) -> list[DueItem]:
    """The stored items due up to ``horizon_days`` after today (local), most overdue first:
    what :func:`.due.due_list` gives over every carer's schedule, in the same order (by due
    day, then follow-ups, check-ins, plan reviews, then carer id, then task id). ``staff_id``
    and ``unit_ids`` filter as there; ``limit`` reads only the first so many (a screen that
    shows a page of them). ``mine_or_unit`` = (staff id, unit id) keeps only the items the
    home screen can show that person: theirs (the support contact's) or their unit's.
    ``carer_ids``: only these carers' items (by the index on carer: a list brought up to date
    after a few carers changed, :func:`anhorigdesk.workspace.agenda.patch_agenda`)."""
    require_aware(now, "read_due_items(now)")
    if not isinstance(horizon_days, int) or isinstance(horizon_days, bool) or horizon_days < 0:
        raise ValueError(
            f"read_due_items: horizon_days must be a whole number >= 0, got {horizon_days!r}"
        )
    today = now.astimezone(tz).date().toordinal()
    where = ["due_ordinal <= ?"]
    params: list[Any] = [today + horizon_days]
    if staff_id is not None:
        where.append("owner_staff_id = ?")
        params.append(staff_id)
    if unit_ids is not None:
        where.append("unit_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(unit_ids))))
    if mine_or_unit is not None:
        where.append("(owner_staff_id = ? OR unit_id = ?)")
        params.extend(mine_or_unit)
    if carer_ids is not None:
        where.append("carer_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(carer_ids))))
    sql = (
        "SELECT kind, carer_id, due_ordinal, reason_code, reason, owner_staff_id, unit_id,"
        " source_event_id, flag_id, task_id FROM due_items"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY due_ordinal, kind_order, carer_id, coalesce(task_id, '')"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    kinds = _KINDS
    dates: dict[int, Any] = {}
    found: list[DueItem] = []
    append = found.append
    from datetime import date

    for kind, carer_id, due, code, reason, owner, unit, source, flag, task in repo.db.reader().execute(
        sql, params
    ):
        day = dates.get(due)
        if day is None:
            day = dates[due] = date.fromordinal(due)
        append(
            DueItem(kinds[kind], carer_id, day, code, _reason(reason), owner, unit, today - due, source, flag, task)
        )
    return found


def stored_version(repo: Repository) -> str | None:
    """The version of the stored items (changes with every transaction that changes them)."""
    row = (
        repo.db.reader().execute("SELECT value FROM meta WHERE key = ?", (VERSION_MARK,)).fetchone()
    )
    return row[0] if row else None


def stored_schedule_count(repo: Repository) -> int:
    """How many carers' items are stored."""
    return int(repo.db.reader().execute("SELECT count(*) FROM due_schedules").fetchone()[0])


def stored_status(repo: Repository, carer_id: str) -> ScheduleStatus | None:
    row = (
        repo.db.reader()
        .execute("SELECT status FROM due_schedules WHERE carer_id = ?", (carer_id,))
        .fetchone()
    )
    return ScheduleStatus(row[0]) if row else None
