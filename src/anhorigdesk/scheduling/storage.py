"""Scheduling in the encrypted store: its synced entities, its writes, and loading all carers.

Scheduling keeps three synced entities in the store (declared in ``store/entities.py``
beside the others; their tables are the store's named migration ``0003_scheduling``):

* ``schedule_setting``: a decision about a carer's check-ins (pause, decline, close, reopen),
  append-only: a decision is never changed, a later one takes over;
* ``carer_schedule``: the carer's own check-in interval (its id is the carer's id, so two
  laptops setting it write the same record and sync merges them);
* ``follow_up_task``: a raised flag acted on; its id is derived from (entry id, flag id), so
  creating it twice, here or on another laptop, is the same task.

Every write goes through :meth:`Repository.write` (the single writer, with audit and outbox
rows). :func:`scan_new_entries` looks once at every entry that arrives (typed here, synced in,
imported): it creates the follow-up task of every flag the entry raises, and notes the entries
scheduling reads in a local digest table. :func:`load_scheduling_inputs` then builds the state
and history of every carer with two queries (carers; every scheduling row in one
``UNION ALL``), however many carers there are.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.forms import FormRegistry, raised_flags
from anhorigdesk.store.entities import CARER_SCHEDULE, FOLLOW_UP_TASK, SCHEDULE_SETTING
from anhorigdesk.store.ids import HLCValue, uuid7
from anhorigdesk.store.repository import Actor, Change, NotFound, Repository

from .clock import STOCKHOLM
from .follow_ups import resolve_follow_up, tasks_for_flagged_entry
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
from .rules import CHECKIN_FORM, PLAN_FORM, ScheduleRules, check_interval_months
from .schedule import CarerSchedule, compute_schedule

# Where the scan of new entries has got to: the highest entries.rowid already looked at
# (entries are append-only, so every new row, typed here or synced in, gets a higher rowid),
# and the mapping the digest was made with.
log = logging.getLogger("anhorigdesk.scheduling")

SCAN_MARK = "scheduling.scan_rowid"
SCAN_MAPPING = "scheduling.scan_mapping"
SYSTEM_CLOSE_BY = "system"
_RELATION_END = {
    "died": "cared_for_died",
    "moved": "cared_for_moved",
    "relationship_ended": "relationship_ended",
}


@dataclass(frozen=True)
class StoreEventMapping:
    """Which stored rows are which scheduling events.

    Check-ins and stödplan versions are entries of the forms' entry kinds; the plan's review
    date and a korttid stay's last day are answers in those entries; a situation change is a
    change of one of the carer record's situation fields (any version, read from the field
    clocks of the record and of its kept earlier versions).
    """

    checkin_kind: str = CHECKIN_FORM
    plan_kind: str = PLAN_FORM
    plan_review_answer: str = "next_review"
    short_term_kind: str = "korttid"
    short_term_end_answer: str = "stay_end"
    situation_fields: tuple[str, str, str] = ("life_situation", "care_given", "hours_per_week")


# --- writes ------------------------------------------------------------------------------------


def _require_carer(repo: Repository, carer_id: str) -> None:
    row = (
        repo.db.reader()
        .execute("SELECT 1 FROM carers WHERE id = ? AND deleted = 0", (carer_id,))
        .fetchone()
    )
    if row is None:
        raise NotFound("carer", carer_id)


def _require_staff(actor: Actor, what: str) -> str:
    if not actor.staff_id:
        raise ValueError(f"{what} needs a signed-in staff member (the actor has no staff id)")
    return actor.staff_id


def record_setting(
    repo: Repository,
    actor: Actor,
    carer_id: str,
    kind: SettingKind | str,
    *,
    at: datetime,
    reason: str = "",
    until: date | None = None,
    ended_because: str | None = None,
) -> ScheduleSetting:
    """Record a decision about a carer's check-ins: pause (until a date), decline, close
    (why caring ended) or reopen. Checked like :class:`ScheduleSetting`; returns it."""
    setting = ScheduleSetting(
        id=uuid7(),
        kind=SettingKind(kind),
        at=at,
        by_staff_id=_require_staff(actor, "a schedule decision"),
        reason=reason.strip(),
        until=until,
        ended_because=ended_because,
    )
    _require_carer(repo, carer_id)
    fields: dict[str, Any] = {
        "carer_id": carer_id,
        "kind": setting.kind.value,
        "at": setting.at,
        "by_staff_id": setting.by_staff_id,
        "reason": setting.reason or None,
        "until": setting.until,
        "ended_because": setting.ended_because,
    }
    repo.write(
        actor,
        [Change(SCHEDULE_SETTING.name, fields, setting.id)],
        action=f"schedule_{setting.kind.value}",
    )
    return setting


def set_interval(repo: Repository, actor: Actor, carer_id: str, months: int | None) -> None:
    """Give a carer their own check-in interval in months (None: back to the form's)."""
    if months is not None:
        check_interval_months(months, f"carer {carer_id!r} check-in interval")
    _require_carer(repo, carer_id)
    repo.write(
        actor,
        [Change(CARER_SCHEDULE.name, {"carer_id": carer_id, "interval_months": months}, carer_id)],
        action="schedule_interval",
    )


def follow_up_changes(tasks: Iterable[FollowUpTask]) -> list[Change]:
    """Store changes creating these tasks, to write in the same change set as their entry."""
    return [
        Change(
            FOLLOW_UP_TASK.name,
            {
                "carer_id": task.carer_id,
                "entry_id": task.entry_id,
                "form_id": task.form_id,
                "flag_id": task.flag_id,
                "raised_at": task.raised_at,
                "due_on": task.due_on,
                "plan_review": task.plan_review,
            },
            task.id,
        )
        for task in tasks
    ]


def write_follow_ups(
    repo: Repository, actor: Actor, tasks: Sequence[FollowUpTask]
) -> list[FollowUpTask]:
    """Store the tasks not stored yet (one change set); returns the ones written."""
    if not tasks:
        return []
    ids = [task.id for task in tasks]
    known: set[str] = set()
    reader = repo.db.reader()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = reader.execute(
            f"SELECT id FROM follow_up_tasks WHERE id IN ({', '.join('?' * len(chunk))})", chunk
        ).fetchall()
        known.update(row[0] for row in rows)
    new: dict[str, FollowUpTask] = {}
    for task in tasks:
        if task.id not in known:
            new.setdefault(task.id, task)
    if new:
        repo.write(actor, follow_up_changes(new.values()), action="follow_up_create")
    return list(new.values())


def _task_from_row(row: dict[str, Any]) -> FollowUpTask:
    resolution = None
    if row.get("resolved_at"):
        resolution = Resolution(
            text=row["resolution_text"] or "",
            by_staff_id=row["resolved_by"] or "",
            at=datetime.fromisoformat(row["resolved_at"]),
        )
    return FollowUpTask(
        id=row["id"],
        carer_id=row["carer_id"],
        entry_id=row["entry_id"],
        form_id=row["form_id"],
        flag_id=row["flag_id"],
        raised_at=datetime.fromisoformat(row["raised_at"]),
        due_on=date.fromisoformat(row["due_on"]),
        plan_review=bool(row["plan_review"]),
        resolution=resolution,
    )


def carer_follow_ups(repo: Repository, carer_ids: Iterable[str]) -> dict[str, list[FollowUpTask]]:
    """The stored follow-up tasks of these carers, by carer id (for deciding whether a flag is
    already followed up; not a read shown to anyone, so not an access of its own)."""
    ids = sorted(set(carer_ids))
    found: dict[str, list[FollowUpTask]] = {cid: [] for cid in ids}
    reader = repo.db.reader()
    reader_rows: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        cursor = reader.execute(
            "SELECT id, carer_id, entry_id, form_id, flag_id, raised_at, due_on, plan_review,"
            " resolution_text, resolved_by, resolved_at FROM follow_up_tasks"
            f" WHERE deleted = 0 AND carer_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        names = [d[0] for d in cursor.description]
        reader_rows.extend(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    for row in reader_rows:
        found[row["carer_id"]].append(_task_from_row(row))
    return found


def get_follow_up(repo: Repository, actor: Actor, task_id: str) -> FollowUpTask:
    """One follow-up task (a read of the carer's record: logged as an access)."""
    return _task_from_row(repo.get(actor, FOLLOW_UP_TASK.name, task_id, action="read"))


def resolve_task(
    repo: Repository, actor: Actor, task_id: str, text: str, *, at: datetime
) -> FollowUpTask:
    """Record what was done about a follow-up task (by the actor, at ``at``)."""
    task = get_follow_up(repo, actor, task_id)
    done = resolve_follow_up(task, text, _require_staff(actor, "resolving a follow-up"), at)
    assert done.resolution is not None
    repo.write(
        actor,
        [
            Change(
                FOLLOW_UP_TASK.name,
                {
                    "resolution_text": done.resolution.text,
                    "resolved_by": done.resolution.by_staff_id,
                    "resolved_at": done.resolution.at,
                },
                task_id,
            )
        ],
        action="follow_up_resolve",
    )
    return done


# --- the scan of new entries ------------------------------------------------------------------


def _mapping_signature(mapping: StoreEventMapping, tz: ZoneInfo) -> str:
    return json.dumps([list(vars(mapping).values()), tz.key])


def _entry_event(
    mapping: StoreEventMapping,
    kind: str,
    occurred_at: str,
    answers: dict[str, Any],
    tz: ZoneInfo,
) -> tuple[str, str, str | None] | None:
    """(event kind, time, review date) of an entry scheduling reads, else None."""
    if kind == mapping.checkin_kind:
        return ("checkin", occurred_at, None)
    if kind == mapping.plan_kind:
        review = _answer_date(answers.get(mapping.plan_review_answer))
        return ("plan", occurred_at, review.isoformat() if review else None)
    if kind == mapping.short_term_kind:
        ended = _answer_date(answers.get(mapping.short_term_end_answer))
        if ended is None:
            return None  # the stay has no last day yet
        return ("korttid", datetime.combine(ended, time(0), tz).astimezone(UTC).isoformat(), None)
    return None


def scan_new_entries(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    *,
    mapping: StoreEventMapping | None = None,
    tz: ZoneInfo = STOCKHOLM,
    batch: int = 2000,
) -> list[FollowUpTask]:
    """Look at every entry stored since the last scan (typed here, synced in, imported):
    note the ones scheduling reads in its digest, and create the follow-up task of every flag
    they raise. Returns the tasks written.

    Each entry is judged by the exact form version it was answered with (the store keeps
    them; they are fed to ``registry``). Safe to repeat and to interrupt: tasks are keyed by
    (entry id, flag id), and the scan mark moves only after the entries below it are done.
    """
    mapping = mapping or StoreEventMapping()
    reader = repo.db.reader()
    signature = _mapping_signature(mapping, tz)
    marks = dict(
        reader.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?)", (SCAN_MARK, SCAN_MAPPING)
        ).fetchall()
    )
    mark = int(marks.get(SCAN_MARK, 0))
    if marks.get(SCAN_MAPPING) != signature:
        mark = 0  # another mapping: the digest is rebuilt (tasks already stored are kept)
        repo.db.writer.run(
            lambda conn: (
                conn.execute("DELETE FROM schedule_entry_events"),
                _set_meta(conn, SCAN_MAPPING, signature),
                _set_meta(conn, SCAN_MARK, "0"),
            )
        )
    top = reader.execute("SELECT coalesce(max(rowid), 0) FROM entries").fetchone()[0]
    if mark >= top:
        return []
    _feed_stored_versions(repo, registry)
    flag_forms = sorted({form.id for form in registry.forms() if form.flags})
    kinds = (mapping.checkin_kind, mapping.plan_kind, mapping.short_term_kind)
    wanted = (
        f"(kind IN (?, ?, ?) OR form_id IN ({', '.join('?' * len(flag_forms))}))"
        if flag_forms
        else "kind IN (?, ?, ?)"
    )
    written: list[FollowUpTask] = []
    while mark < top:
        upper = min(mark + batch, top)
        rows = reader.execute(
            "SELECT id, carer_id, kind, form_id, form_version, form_fingerprint, data,"
            " occurred_at, supersedes FROM entries WHERE rowid > ? AND rowid <= ?"
            f" AND deleted = 0 AND {wanted}",
            (mark, upper, *kinds, *flag_forms),
        ).fetchall()
        digest: list[tuple[Any, ...]] = []
        tasks: list[FollowUpTask] = []
        # A flag an open task already follows up gets none (follow_ups.already_followed_up):
        # judged against the carers' stored tasks and the ones made in this batch, oldest first.
        flagged_carers = {row[1] for row in rows if row[3] in flag_forms}
        known = carer_follow_ups(repo, flagged_carers)
        rows = sorted(rows, key=lambda r: (r[7], r[0]))
        for entry_id, carer_id, kind, form_id, version, print_, data, occurred, supersedes in rows:
            answers = json.loads(data)
            if not isinstance(answers, dict):
                log.warning("entry %s: its answers are not a mapping; not scheduled", entry_id)
                continue
            event = _entry_event(mapping, kind, occurred, answers, tz)
            if event is not None:
                digest.append((entry_id, carer_id, *event, form_id, supersedes))
            if form_id in flag_forms:
                try:
                    definition = registry.get(form_id, version, print_)
                except KeyError:
                    definition = registry.current(form_id)  # that version is unknown here
                flags = [flag.flag_id for flag in raised_flags(definition, answers)]
                if flags:
                    raised_at = datetime.fromisoformat(occurred)
                    mine = known.setdefault(carer_id, [])
                    new = tasks_for_flagged_entry(
                        carer_id, entry_id, form_id, raised_at, flags, rules, tz, existing=mine
                    )
                    mine.extend(new)
                    tasks.extend(new)
        written.extend(write_follow_ups(repo, actor, tasks))

        def note(conn: Any, digest: list[tuple[Any, ...]] = digest, upper: int = upper) -> None:
            conn.executemany(
                "INSERT OR REPLACE INTO schedule_entry_events(entry_id, carer_id, kind, at,"
                " review_date, form_id, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                digest,
            )
            _set_meta(conn, SCAN_MARK, str(upper))

        repo.db.writer.run(note)
        mark = upper
    return written


def _feed_stored_versions(repo: Repository, registry: FormRegistry) -> None:
    """Every form version the store keeps, findable in ``registry`` by its stored
    fingerprint. Only the ones it does not know yet are read and parsed: parsing checks each
    definition against the form schema (~0.1 s a version), which a scan after every saved
    check-in paid for every kept version again."""
    unknown: set[str] = set()
    for fingerprint, form_id, version in repo.db.reader().execute(
        "SELECT fingerprint, form_id, version FROM form_versions"
    ):
        try:
            registry.get(form_id, version, fingerprint)
        except KeyError:
            unknown.add(fingerprint)
    if unknown:
        registry.add_stored_many(v for v in repo.form_versions() if v["fingerprint"] in unknown)


def _set_meta(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


# --- loading every carer -----------------------------------------------------------------------

_CARERS_SQL = """
SELECT c.id, c.created_at, c.unit_ids, c.support_contact_id, s.unit_id, cs.interval_months,
       c.status, json_extract(c.field_hlc, '$.status'),
       json_extract(c.field_hlc, '$.' || :f1), json_extract(c.field_hlc, '$.' || :f2),
       json_extract(c.field_hlc, '$.' || :f3),
       (SELECT min(value) FROM json_each(c.field_hlc)),
       r.relations, r.ended, r.last_end, r.last_reason
FROM carers c
LEFT JOIN staff s ON s.id = c.support_contact_id AND s.deleted = 0
LEFT JOIN carer_schedules cs ON cs.id = c.id AND cs.deleted = 0
LEFT JOIN (
    SELECT carer_id, count(*) AS relations, count(ended_at) AS ended,
           max(ended_at) AS last_end, ended_reason AS last_reason
    FROM relations WHERE deleted = 0{only_relations} GROUP BY carer_id
) r ON r.carer_id = c.id
WHERE c.deleted = 0{only_carers}
"""

# One row per scheduling-relevant record, tagged by its source:
#   e: an entry from the digest (id, kind, time, review date, form id, supersedes)
#   t: follow-up task, s: schedule record, v: an earlier version of a carer record (the
#      clocks of its situation fields and its earliest field clock)
_EVENTS_SQL = """
SELECT carer_id, 'e', entry_id, kind, at, review_date, form_id, supersedes,
       NULL, NULL, NULL, NULL
FROM schedule_entry_events WHERE 1{only}
UNION ALL
SELECT carer_id, 't', id, flag_id, raised_at, due_on, form_id, entry_id, plan_review,
       resolution_text, resolved_by, resolved_at
FROM follow_up_tasks WHERE deleted = 0{only}
UNION ALL
SELECT carer_id, 's', id, kind, at, until, ended_because, by_staff_id, reason, NULL, NULL, NULL
FROM schedule_settings WHERE deleted = 0{only}
UNION ALL
SELECT entity_id, 'v', NULL, NULL, NULL,
       json_extract(json_extract(data, '$.field_hlc'), '$.' || :f1),
       json_extract(json_extract(data, '$.field_hlc'), '$.' || :f2),
       json_extract(json_extract(data, '$.field_hlc'), '$.' || :f3),
       (SELECT min(value) FROM json_each(json_extract(data, '$.field_hlc'))), NULL, NULL, NULL
FROM record_versions WHERE entity = 'carer'{only_versions}
"""
_ONLY = " AND {column} IN (SELECT value FROM json_each(:ids))"
#: rows between two calls of a build's ``pause`` (about a millisecond of work here)
PAUSE_EVERY = 500


def _hlc_time(value: str) -> datetime:
    return datetime.fromtimestamp(HLCValue.parse(value).wall_ms / 1000, UTC)


def _answer_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class _Collected:
    """One carer's rows while loading."""

    __slots__ = (
        "checkins",
        "first_clock",
        "plans",
        "settings",
        "short_term",
        "situation_clocks",
        "superseded",
        "tasks",
    )

    def __init__(self) -> None:
        self.checkins: list[CheckinDone] = []
        self.plans: list[PlanVersion] = []
        self.short_term: list[ShortTermStayEnded] = []
        self.tasks: list[FollowUpTask] = []
        self.settings: list[ScheduleSetting] = []
        self.situation_clocks: set[str] = set()
        self.first_clock: str | None = None  # the earliest field clock in kept versions
        self.superseded: set[str] = set()


def load_scheduling_inputs(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    *,
    mapping: StoreEventMapping | None = None,
    tz: ZoneInfo = STOCKHOLM,
    carer_ids: Collection[str] | None = None,
    pause: Callable[[], None] | None = None,
    wait_for_log: bool = True,
    log: bool = True,
) -> list[tuple[CarerSchedulingState, CarerHistory]]:
    """The scheduling state and history of every carer in the store, by carer id.

    First :func:`scan_new_entries` (nothing to do unless entries arrived), then two queries:
    the carers, and every scheduling row in one ``UNION ALL``; the number of queries does not
    grow with the number of carers. A carer whose every relation has ended (the närstående
    died or moved, the relationship ended), or whose record is ended, gets a closing record
    at that time (by "system"); a reopening recorded later takes over again. Logged as one
    access (a list read).

    ``carer_ids`` loads only those carers (the same two queries, narrowed): after a write or
    a sync, recompute just the carers it touched.

    ``pause``, if given, is called every ``PAUSE_EVERY`` rows: a build running beside an
    interactive program can wait there while the program has work of its own (one
    Python interpreter runs one thread at a time).

    ``wait_for_log=False`` queues the access-log row on the writer instead of waiting for its
    commit (the stored due items' update, which commits its own transaction right after).
    ``log=False``: the caller writes that row itself (``Repository.access_row``) in the
    transaction that stores what it computed (one commit instead of two).
    """
    mapping = mapping or StoreEventMapping()
    scan_new_entries(repo, actor, registry, rules, mapping=mapping, tz=tz)
    conn = repo.db.reader()
    f1, f2, f3 = mapping.situation_fields
    params = {"f1": f1, "f2": f2, "f3": f3, "ids": None}
    if carer_ids is None:
        carers_sql = _CARERS_SQL.format(only_carers="", only_relations="")
        events_sql = _EVENTS_SQL.format(only="", only_versions="")
    else:
        params["ids"] = json.dumps(sorted(set(carer_ids)))
        # the relations' counts of only these carers too (else the whole table is grouped
        # for one carer: 25 ms of a check-in's 40 at 10,000 carers)
        carers_sql = _CARERS_SQL.format(only_carers=_ONLY.format(column="c.id"),
                                        only_relations=_ONLY.format(column="carer_id"))
        events_sql = _EVENTS_SQL.format(
            only=_ONLY.format(column="carer_id"), only_versions=_ONLY.format(column="entity_id")
        )
    by_carer: dict[str, _Collected] = defaultdict(_Collected)
    for number, row in enumerate(conn.execute(events_sql, params)):
        if pause is not None and number % PAUSE_EVERY == 0:
            pause()
        carer_id, source = row[0], row[1]
        got = by_carer[carer_id]
        if source == "e":
            _, _, entry_id, kind, at, review, form_id, supersedes = row[:8]
            if supersedes:
                got.superseded.add(supersedes)
            when = datetime.fromisoformat(at)
            if kind == "checkin":
                got.checkins.append(CheckinDone(entry_id, when, form_id=form_id or CHECKIN_FORM))
            elif kind == "plan":
                got.plans.append(
                    PlanVersion(
                        entry_id,
                        when,
                        review_date=date.fromisoformat(review) if review else None,
                        form_id=form_id or PLAN_FORM,
                    )
                )
            else:
                got.short_term.append(ShortTermStayEnded(entry_id, when))
        elif source == "t":
            _, _, task_id, flag_id, raised, due, form_id, entry_id, review, text, by, done = row
            got.tasks.append(
                _task_from_row(
                    {
                        "id": task_id,
                        "carer_id": carer_id,
                        "entry_id": entry_id,
                        "form_id": form_id,
                        "flag_id": flag_id,
                        "raised_at": raised,
                        "due_on": due,
                        "plan_review": review,
                        "resolution_text": text,
                        "resolved_by": by,
                        "resolved_at": done,
                    }
                )
            )
        elif source == "s":
            _, _, setting_id, kind, at, until, because, by, reason = row[:9]
            got.settings.append(
                ScheduleSetting(
                    setting_id,
                    SettingKind(kind),
                    datetime.fromisoformat(at),
                    by,
                    reason or "",
                    date.fromisoformat(until) if until else None,
                    because,
                )
            )
        else:
            got.situation_clocks.update(clock for clock in row[5:8] if clock)
            if row[8] and (got.first_clock is None or row[8] < got.first_clock):
                got.first_clock = row[8]

    result: list[tuple[CarerSchedulingState, CarerHistory]] = []
    empty = _Collected()
    for number, row in enumerate(conn.execute(carers_sql, params)):
        if pause is not None and number % PAUSE_EVERY == 0:
            pause()
        (
            carer_id,
            created_at,
            unit_ids_json,
            contact_id,
            contact_unit,
            interval,
            status,
            status_clock,
            c1,
            c2,
            c3,
            first_clock,
            relations,
            ended,
            last_end,
            last_reason,
        ) = row
        got = by_carer.get(carer_id, empty)
        settings = list(got.settings)
        if relations and ended == relations and last_end:
            closed_on = _answer_date(last_end)
            if closed_on is not None:
                settings.append(
                    ScheduleSetting(
                        f"relations-ended:{carer_id}",
                        SettingKind.CLOSE,
                        datetime.combine(closed_on, time(0), tz).astimezone(UTC),
                        SYSTEM_CLOSE_BY,
                        ended_because=_RELATION_END.get(last_reason, "other"),
                    )
                )
        if status == "ended" and status_clock:
            settings.append(
                ScheduleSetting(
                    f"carer-ended:{carer_id}",
                    SettingKind.CLOSE,
                    _hlc_time(status_clock),
                    SYSTEM_CLOSE_BY,
                    ended_because="other",
                )
            )
        # The record's creation is not a change of situation: its clock, the earliest of all
        # its field clocks (now or in any kept version), is left out.
        created = min(c for c in (first_clock, got.first_clock) if c) if first_clock else None
        clocks = {c for c in got.situation_clocks | {c1, c2, c3} if c and c != created}
        superseded = got.superseded
        state = CarerSchedulingState(
            carer_id=carer_id,
            registered_at=datetime.fromisoformat(created_at),
            unit_ids=tuple(json.loads(unit_ids_json or "[]")),
            support_contact=StaffAssignment(contact_id, contact_unit) if contact_id else None,
            interval_months=interval,
            settings=tuple(settings),
        )
        history = CarerHistory(
            checkins=tuple(c for c in got.checkins if c.id not in superseded),
            plan_versions=tuple(p for p in got.plans if p.id not in superseded),
            situation_changes=tuple(
                SituationChange(carer_id, _hlc_time(clock)) for clock in sorted(clocks)
            ),
            short_term_stays_ended=tuple(k for k in got.short_term if k.id not in superseded),
            follow_up_tasks=tuple(got.tasks),
        )
        result.append((state, history))
    result.sort(key=lambda pair: pair[0].carer_id)
    if log:
        repo.log_access(actor, "carer", None, "read:schedules", wait=wait_for_log)
    return result


def build_schedules(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    *,
    mapping: StoreEventMapping | None = None,
    tz: ZoneInfo = STOCKHOLM,
    carer_ids: Collection[str] | None = None,
    pause: Callable[[], None] | None = None,
    wait_for_log: bool = True,
    log: bool = True,
) -> list[CarerSchedule]:
    """Every carer's schedule (or those of ``carer_ids``), computed from the store: keep them
    and feed them to ``due_list``. ``pause``: see :func:`load_scheduling_inputs`."""
    inputs = load_scheduling_inputs(
        repo, actor, registry, rules, mapping=mapping, tz=tz, carer_ids=carer_ids, pause=pause,
        wait_for_log=wait_for_log, log=log,
    )
    schedules = []
    for number, (state, history) in enumerate(inputs):
        if pause is not None and number % (PAUSE_EVERY // 20) == 0:
            pause()
        schedules.append(compute_schedule(state, history, rules, tz))
    return schedules


def carer_schedule(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    carer_id: str,
    rules: ScheduleRules | None = None,
    *,
    tz: ZoneInfo = STOCKHOLM,
) -> CarerSchedule:
    """One carer's schedule from the store, computed as for the due lists and the carer page
    (``CarerSchedule.next_checkin`` is "when we talk again" on screen and on paper). Raises
    ``NotFound`` for a carer not in the store."""
    from .from_forms import rules_from_registry

    rules = rules or rules_from_registry(registry)
    found = build_schedules(repo, actor, registry, rules, tz=tz, carer_ids=[carer_id])
    schedule = next((s for s in found if s.carer_id == carer_id), None)
    if schedule is None:
        raise NotFound("carer", carer_id)
    return schedule
