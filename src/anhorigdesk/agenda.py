"""What is due, for whom: scheduling fed from the store, and its records kept as entries.

The scheduling core (:mod:`anhorigdesk.scheduling`) is pure; this module reads what it needs
from the store and writes what it decides back. Every scheduling record is an append-only
entry on the carer's timeline, so it is audited, synced and authorised like any other entry
and needs no table of its own:

``follow_up``
    a follow-up task of a raised flag, written in the same transaction as the response that
    raised it (``data``: task_id, source_entry_id, form_id, flag_id, due_on, plan_review).
``follow_up_done``
    what was done about a task (``data``: task_id, text); resolves it.
``checkin_schedule``
    a decision about the voluntariness check-ins (``data``: setting = pause / decline /
    close / reopen, reason, until, ended_because).

Check-ins are the ``frivillighet`` responses (their flags recomputed from the definition they
were made with), plan versions the ``stodplan`` responses (review date from ``next_review``),
ended korttid stays the ``korttid`` responses with a ``stay_end``. Follow-up tasks of flags
that have no ``follow_up`` entry (e.g. a response synced from an older program) are derived by
:func:`~anhorigdesk.scheduling.reconcile_follow_ups`, so no raised flag is ever lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from anhorigdesk.forms import FormDefinition, FormRegistry, raised_flags
from anhorigdesk.scheduling import (
    CHECKIN_FORM,
    PLAN_FORM,
    STOCKHOLM,
    CarerHistory,
    CarerSchedule,
    CarerSchedulingState,
    CheckinDone,
    DueItem,
    FlagAction,
    FollowUpTask,
    KorttidStayEnded,
    LocalText,
    PlanVersion,
    Resolution,
    ScheduleRules,
    ScheduleSetting,
    SettingKind,
    StaffAssignment,
    compute_schedule,
    due_list,
    reconcile_follow_ups,
    resolve_follow_up,
)
from anhorigdesk.store import Actor, Change, NotFound, Repository, entry_change

FOLLOW_UP = "follow_up"
FOLLOW_UP_DONE = "follow_up_done"
CHECKIN_SCHEDULE = "checkin_schedule"
KORTTID_FORM = "korttid"
#: entry kinds the schedule reads
SCHEDULE_KINDS = (CHECKIN_FORM, PLAN_FORM, KORTTID_FORM, FOLLOW_UP, FOLLOW_UP_DONE, CHECKIN_SCHEDULE)


# ----------------------------------------------------------------------------------- rules


def rules_from_registry(registry: FormRegistry, **numbers: int | None) -> ScheduleRules:
    """Scheduling rules from the forms: check-in and review intervals, what each flag asks."""
    actions = []
    for form in registry.forms():
        for rule in form.flags:
            actions.append(FlagAction(
                form_id=form.id, flag_id=rule.id,
                label=LocalText(rule.label.get("sv"), rule.label.get("en")),
                follow_up_within_days=rule.schedule.follow_up_within_days,
                plan_review=rule.schedule.plan_review,
            ))
    options: dict[str, int | None] = {}
    if CHECKIN_FORM in registry and registry.current(CHECKIN_FORM).schedule.interval_months:
        options["checkin_every_months"] = registry.current(CHECKIN_FORM).schedule.interval_months
    if PLAN_FORM in registry and registry.current(PLAN_FORM).schedule.interval_months:
        options["plan_review_every_months"] = registry.current(PLAN_FORM).schedule.interval_months
    options.update(numbers)
    return ScheduleRules.with_flags(actions, **options)


# ----------------------------------------------------------------------------- writing


def follow_up_changes(actor: Actor, tasks: Iterable[FollowUpTask]) -> list[Change]:
    """The entries that record new follow-up tasks (write them with the response)."""
    return [
        entry_change(
            actor, task.carer_id, FOLLOW_UP,
            {"task_id": task.id, "source_entry_id": task.entry_id, "form_id": task.form_id,
             "flag_id": task.flag_id, "due_on": task.due_on.isoformat(),
             "plan_review": task.plan_review},
            occurred_at=task.raised_at, entry_id=task.id,
        )
        for task in tasks
    ]


def record_setting(
    repo: Repository, actor: Actor, carer_id: str, kind: SettingKind | str, *, now: datetime,
    reason: str = "", until: date | None = None, ended_because: str | None = None,
) -> str:
    """Pause, decline, close or reopen a carer's check-ins (with the reason); returns the entry id.

    Checked by the scheduling core first: a pause needs an ``until`` date and a reason, a decline
    a reason, a closure an ``ended_because`` code.
    """
    if not actor.staff_id:
        raise ValueError("record_setting: the actor has no staff id (who decides?)")
    setting = ScheduleSetting(
        id="new", kind=SettingKind(kind), at=now, by_staff_id=actor.staff_id, reason=reason.strip(),
        until=until, ended_because=ended_because,
    )
    data = {"setting": setting.kind.value, "reason": setting.reason,
            "until": until.isoformat() if until else None, "ended_because": ended_because}
    return repo.add_entries(actor, carer_id, [entry_change(actor, carer_id, CHECKIN_SCHEDULE, data,
                                                           occurred_at=now)])[0]


def resolve_task(
    repo: Repository, registry: FormRegistry, actor: Actor, carer_id: str, task_id: str, text: str,
    *, now: datetime,
) -> str:
    """Record what was done about a follow-up task (resolving it); returns the entry id."""
    if not actor.staff_id:
        raise ValueError("resolve_task: the actor has no staff id (who resolved it?)")
    agenda = load_carer_agenda(repo, registry, actor, carer_id)
    task = next((t for t in agenda.tasks if t.id == task_id), None)
    if task is None:
        raise NotFound("follow_up", task_id)
    resolved = resolve_follow_up(task, text, actor.staff_id, now)  # refuses a resolved task
    assert resolved.resolution is not None
    changes = []
    if not any(t.id == task_id for t in agenda.history.follow_up_tasks):
        changes = follow_up_changes(actor, [task])  # a derived task gets its record too
    changes.append(entry_change(actor, carer_id, FOLLOW_UP_DONE,
                                {"task_id": task_id, "text": resolved.resolution.text},
                                occurred_at=now))
    return repo.add_entries(actor, carer_id, changes)[-1]


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class CheckinPoint:
    """One check-in as the carer page's chart draws it."""

    day: date
    own_choice: str | None  # yes / unsure / no
    burden: int | None  # 1 (easy) .. 5 (far too heavy)


@dataclass
class CarerAgenda:
    """One carer's scheduling state, history, schedule and check-in series."""

    state: CarerSchedulingState
    history: CarerHistory
    schedule: CarerSchedule
    tasks: tuple[FollowUpTask, ...]
    checkins: list[CheckinPoint] = field(default_factory=list)
    settings_rows: list[dict[str, Any]] = field(default_factory=list)


def _parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=STOCKHOLM)


def _parse_day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class _Definitions:
    """Finds the definition a response was made with; remembered versions fed in once."""

    def __init__(self, repo: Repository, registry: FormRegistry) -> None:
        self.repo, self.registry = repo, registry
        self._fed = False
        self._cache: dict[tuple[str, Any, Any], FormDefinition | None] = {}

    def get(self, form_id: str, version: Any, fingerprint: Any) -> FormDefinition | None:
        key = (form_id, version, fingerprint)
        if key in self._cache:
            return self._cache[key]
        found: FormDefinition | None = None
        for attempt in range(2):
            try:
                found = self.registry.get(form_id, version, fingerprint)
                break
            except KeyError:
                if attempt == 0 and not self._fed:
                    self._fed = True
                    self.registry.add_stored_many(self.repo.form_versions())
        if found is None and form_id in self.registry:
            found = self.registry.current(form_id)
        self._cache[key] = found
        return found


def _history(
    carer_id: str, rows: Sequence[Mapping[str, Any]], definitions: _Definitions
) -> tuple[CarerHistory, list[CheckinPoint], list[ScheduleSetting], list[dict[str, Any]]]:
    superseded = {r["supersedes"] for r in rows if r.get("supersedes")}
    checkins: list[CheckinDone] = []
    plans: list[PlanVersion] = []
    stays: list[KorttidStayEnded] = []
    tasks: dict[str, FollowUpTask] = {}
    done: dict[str, Resolution] = {}
    settings: list[ScheduleSetting] = []
    setting_rows: list[dict[str, Any]] = []
    points: list[CheckinPoint] = []
    for row in rows:
        if row["id"] in superseded:
            continue
        kind, data, at = row["kind"], row["data"], _parse_time(row["occurred_at"])
        if kind in (CHECKIN_FORM, PLAN_FORM):
            definition = definitions.get(row.get("form_id") or kind, row.get("form_version"),
                                         row.get("form_fingerprint"))
            flags = tuple(f.flag_id for f in raised_flags(definition, data)) if definition else ()
            form_id = row.get("form_id") or kind
            if kind == CHECKIN_FORM:
                checkins.append(CheckinDone(row["id"], at, flags, form_id))
                burden = data.get("burden_now")
                points.append(CheckinPoint(
                    _parse_day(data.get("check_in_date")) or at.astimezone(STOCKHOLM).date(),
                    data.get("still_own_choice"), burden if isinstance(burden, int) else None,
                ))
            else:
                plans.append(PlanVersion(row["id"], at, _parse_day(data.get("next_review")), flags,
                                         form_id))
        elif kind == KORTTID_FORM:
            end = _parse_day(data.get("stay_end"))
            if end is not None:
                stays.append(KorttidStayEnded(row["id"], datetime.combine(end, time(12), STOCKHOLM)))
        elif kind == FOLLOW_UP:
            due = _parse_day(data.get("due_on"))
            if due is not None and data.get("task_id"):
                tasks[data["task_id"]] = FollowUpTask(
                    id=data["task_id"], carer_id=carer_id,
                    entry_id=data.get("source_entry_id") or row["id"],
                    form_id=data.get("form_id") or "", flag_id=data.get("flag_id") or "",
                    raised_at=at, due_on=due, plan_review=bool(data.get("plan_review")),
                )
        elif kind == FOLLOW_UP_DONE:
            if data.get("task_id") and str(data.get("text") or "").strip():
                done.setdefault(data["task_id"], Resolution(
                    str(data["text"]), row.get("author_id") or "?", at))
        elif kind == CHECKIN_SCHEDULE:
            try:
                settings.append(ScheduleSetting(
                    id=row["id"], kind=SettingKind(data.get("setting")), at=at,
                    by_staff_id=row.get("author_id") or "?", reason=data.get("reason") or "",
                    until=_parse_day(data.get("until")), ended_because=data.get("ended_because"),
                ))
                setting_rows.append({"id": row["id"], "at": at, **data,
                                     "author_name": row.get("author_name")})
            except ValueError:
                continue  # a record this program cannot read does not stop the schedule
    follow_ups = []
    for task_id, task in tasks.items():
        if not (task.form_id and task.flag_id):
            continue
        resolution = done.get(task_id)
        follow_ups.append(task if resolution is None else
                          FollowUpTask(task.id, task.carer_id, task.entry_id, task.form_id,
                                       task.flag_id, task.raised_at, task.due_on, task.plan_review,
                                       resolution))
    history = CarerHistory(checkins=tuple(checkins), plan_versions=tuple(plans),
                           korttid_stays_ended=tuple(stays), follow_up_tasks=tuple(follow_ups))
    points.sort(key=lambda p: p.day)
    return history, points, settings, setting_rows


def _state(carer: Mapping[str, Any], settings: Sequence[ScheduleSetting],
           staff_units: Mapping[str, str | None]) -> CarerSchedulingState:
    contact = carer.get("support_contact_id")
    units = carer.get("unit_ids") or []
    if isinstance(units, str):
        units = json.loads(units)
    return CarerSchedulingState(
        carer_id=carer["id"], registered_at=_parse_time(carer["created_at"]), unit_ids=tuple(units),
        support_contact=StaffAssignment(contact, staff_units.get(contact)) if contact else None,
        settings=tuple(settings),
    )


def _decode_entry(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    if isinstance(row.get("data"), str):
        row["data"] = json.loads(row["data"])
    return row


_ENTRY_COLUMNS = ("id, carer_id, kind, form_id, form_version, form_fingerprint, data, occurred_at,"
                  " author_id, author_name, supersedes")


def _rows(repo: Repository, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = repo.db.reader().execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _staff_units(repo: Repository) -> dict[str, str | None]:
    return {s["id"]: s.get("unit_id") for s in repo.staff()}


def load_carer_agenda(
    repo: Repository, registry: FormRegistry, actor: Actor, carer_id: str,
    rules: ScheduleRules | None = None,
) -> CarerAgenda:
    """A carer's schedule and check-in history, read from the store (logged as an access)."""
    carers = _rows(repo, "SELECT id, created_at, unit_ids, support_contact_id FROM carers"
                         " WHERE id = ? AND deleted = 0", [carer_id])
    if not carers:
        raise NotFound("carer", carer_id)
    marks = ", ".join("?" * len(SCHEDULE_KINDS))
    rows = [_decode_entry(r) for r in _rows(
        repo, f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE carer_id = ? AND deleted = 0"
              f" AND kind IN ({marks}) ORDER BY occurred_at, id", [carer_id, *SCHEDULE_KINDS])]
    repo.log_access(actor, "carer", carer_id, "read:schedule")
    rules = rules or rules_from_registry(registry)
    history, points, settings, setting_rows = _history(carer_id, rows, _Definitions(repo, registry))
    state = _state(carers[0], settings, _staff_units(repo))
    schedule = compute_schedule(state, history, rules)
    tasks, _created = reconcile_follow_ups(carer_id, history, rules)
    return CarerAgenda(state, history, schedule, tasks, points, setting_rows)


def load_schedules(
    repo: Repository, registry: FormRegistry, rules: ScheduleRules | None = None,
) -> list[CarerSchedule]:
    """Every active carer's schedule (for the due list), in one pass over the store."""
    rules = rules or rules_from_registry(registry)
    carers = _rows(repo, "SELECT id, created_at, unit_ids, support_contact_id FROM carers"
                         " WHERE deleted = 0 AND status = 'active'", [])
    marks = ", ".join("?" * len(SCHEDULE_KINDS))
    by_carer: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(repo, f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE deleted = 0"
                           f" AND kind IN ({marks}) ORDER BY occurred_at, id", SCHEDULE_KINDS):
        by_carer.setdefault(row["carer_id"], []).append(_decode_entry(row))
    definitions = _Definitions(repo, registry)
    staff_units = _staff_units(repo)
    schedules = []
    for carer in carers:
        history, _points, settings, _settings_rows = _history(carer["id"], by_carer.get(carer["id"], []),
                                                      definitions)
        schedules.append(compute_schedule(_state(carer, settings, staff_units), history, rules))
    return schedules


@dataclass(frozen=True)
class AgendaItem:
    """A due item with the carer's name (for the home screen, never for a notice)."""

    item: DueItem
    carer_name: str
    mine: bool


@dataclass(frozen=True)
class Agenda:
    """The home screen's due lists: mine, and the rest of my unit's, most overdue first."""

    mine: tuple[AgendaItem, ...]
    unit: tuple[AgendaItem, ...]

    @property
    def overdue_counts(self) -> tuple[int, int]:
        """(mine overdue, unit's overdue): counts only, for the start-of-day reminder."""
        return (sum(1 for a in self.mine if a.item.overdue),
                sum(1 for a in self.unit if a.item.overdue))


def load_agenda(
    repo: Repository, registry: FormRegistry, actor: Actor, now: datetime, *,
    horizon_days: int = 14, rules: ScheduleRules | None = None,
) -> Agenda:
    """My due items and my unit's (not mine), sorted by how late they are."""
    schedules = load_schedules(repo, registry, rules)
    items = due_list(schedules, now, horizon_days=horizon_days)
    names = {r["id"]: r["name"] for r in _rows(repo, "SELECT id, name FROM carers WHERE deleted = 0", [])}
    repo.log_access(actor, "carer", None, "read:due_list")
    mine: list[AgendaItem] = []
    unit: list[AgendaItem] = []
    for item in items:
        if actor.staff_id is not None and item.owner_staff_id == actor.staff_id:
            mine.append(AgendaItem(item, names.get(item.carer_id, ""), True))
        elif actor.unit_id is not None and item.unit_id == actor.unit_id:
            unit.append(AgendaItem(item, names.get(item.carer_id, ""), False))
    return Agenda(tuple(mine), tuple(unit))


__all__ = [
    "CHECKIN_SCHEDULE",
    "FOLLOW_UP",
    "FOLLOW_UP_DONE",
    "SCHEDULE_KINDS",
    "Agenda",
    "AgendaItem",
    "CarerAgenda",
    "CheckinPoint",
    "follow_up_changes",
    "load_agenda",
    "load_carer_agenda",
    "load_schedules",
    "record_setting",
    "resolve_task",
    "rules_from_registry",
]
