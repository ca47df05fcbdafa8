"""Follow-up statistics (uppföljningsstatistik) for units and a period: counts only.

:func:`compute_statistics` is a pure function of plain facts (:class:`CarerFact`,
:class:`EntryFact`, :class:`FollowUpFact`, :class:`SettingFact`), the selected units, a
:class:`Period` and "now"; it returns :class:`Statistics`, a list of ``(category, key,
count)`` rows and no personal data. Days are counted in Europe/Stockholm.

What each count means (the rules the hand-computed fixture in
tests/core/test_followup_statistics.py checks):

* A carer belongs to the selection when one of the carer's ``unit_ids`` is selected (and the
  carer is not deleted).
* ``carers.new``: registered (``created_at``) in the period. ``carers.active``: registered
  before the period's end and not ``status = ended``.
* ``cases.closed`` / ``cases.reopened`` (only when the case events are given: the app and
  the server always give them): closing and reopening a carer's case are dated
  ``case_event`` records (``lifecycle/case.py``). ``cases.closed``: the carers whose case was
  closed in the period and still stood closed at its end (their last close or reopen up to
  the period's end, by time then id, is a close in the period); ``cases.reopened``: the
  carers with a reopen in the period. (The server adds ``thinning.carers`` /
  ``thinning.records``: the carers whose records gallring thinned in the period and the
  records it deleted, from its ``purges``; ``server/store/statistics.py``.)
* ``age_band.*`` (age at the period's last day, from ``birth_date``; ``unknown`` without
  one), ``relation.*`` (each distinct relation kind of the carer's relations, ``none``
  without one) and ``carers.child`` (``is_child``) are over the active carers.
* Entries are counted in their latest version only (an entry another one ``supersedes`` is
  left out), on the local day of ``occurred_at``.
* ``conversations``: ``samtal`` entries in the period.
* ``support_plans.made``: a carer's first ``stodplan`` entry, in the period;
  ``support_plans.reviewed``: a later one, in the period.
* Check-ins (frivillighet): a carer's check-in falls due on the day of their last check-in
  before the period plus their interval (``interval_months``,
  default 6 months); the first one is due at registration. ``checkins.due``: active carers whose check-in falls due on or before
  the period's last day, unless their schedule is declined or closed at the period's end,
  or paused past it. ``checkins.done``: of those, the ones with a check-in in the period.
  ``checkins.overdue``: due, not done, and the due day already passed (before today and
  before the period's end).
* ``flags.*``: follow-up tasks raised in the period, by flag (``not_voluntary``,
  ``burden_high``, ``wants_to_reduce_or_stop``; any other flag as ``other``).
  ``follow_ups.in_time``: of those, resolved on or before their due day;
  ``follow_ups.late``: resolved after it; ``follow_ups.open``: not resolved.
* ``short_term.stays``: ``korttid`` stays (not a term follow-up) in the period;
  ``short_term.checklist_done``: of those, every routine done or not relevant.
* ``handouts.*``: information handouts printed in the period, by language.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.scheduling.clock import STOCKHOLM
from anhorigdesk.scheduling.dates import add_months

PERIOD_KINDS = ("month", "term", "year")
DEFAULT_CHECKIN_MONTHS = 6
FLAGS = ("not_voluntary", "burden_high", "wants_to_reduce_or_stop")


def follow_up_rows(tasks: Iterable[tuple[str, date | None, date]]) -> list[tuple[str, str, int]]:
    """The ``flags.*`` and ``follow_ups.*`` rows of the follow-up tasks raised in a period, each
    given as (flag id, local day it was resolved or None, due day): a flag not in
    :data:`FLAGS` counts as ``other``; resolved on or before its due day is ``in_time``,
    after it ``late``, not resolved ``open``. One rule for the statistics and the aggregate."""
    raised: Counter[str] = Counter()
    in_time = late = still_open = 0
    for flag, resolved_on, due_on in tasks:
        raised[flag if flag in FLAGS else "other"] += 1
        if resolved_on is None:
            still_open += 1
        elif resolved_on <= due_on:
            in_time += 1
        else:
            late += 1
    return [("flags", f, raised[f]) for f in (*FLAGS, "other")] + [
        ("follow_ups", "in_time", in_time), ("follow_ups", "late", late), ("follow_ups", "open", still_open)]
AGE_BANDS = ("0-17", "18-44", "45-64", "65-79", "80+", "unknown")
# The routines of the built-in korttid form (forms/korttid.yaml, its checklist items). A
# municipality's own form passes its own ids (``checklist_ids``).
KORTTID_CHECKLIST = (
    "welcome_talk", "ask_your_knowledge", "named_contact", "keep_informed",
    "ask_how_you_are", "information_given", "going_home_talk",
)
HANDLED = ("done", "not_relevant")
# Below this a count could point at a person: shown as "< 5" in anything exported.
SMALL_COUNT = 5


@dataclass(frozen=True)
class Period:
    """A month, a term (spring Jan–Jun, autumn Jul–Dec) or a year: ``start`` to ``end``,
    both days included."""

    kind: str
    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def term(cls, year: int, autumn: bool) -> Period:
        if autumn:
            return cls("term", date(year, 7, 1), date(year, 12, 31))
        return cls("term", date(year, 1, 1), date(year, 6, 30))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", date(year, 1, 1), date(year, 12, 31))

    def __post_init__(self) -> None:
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"Period: kind must be one of {PERIOD_KINDS}, got {self.kind!r}")
        if self.end < self.start:
            raise ValueError(f"Period: end {self.end} is before start {self.start}")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "term":
            return f"{self.start.year}-{'H' if self.start.month > 6 else 'V'}T"
        return f"{self.start.year}"

    @classmethod
    def parse(cls, kind: str, value: str) -> Period:
        """``month`` ``2026-03``, ``term`` ``2026-VT``/``2026-HT``, ``year`` ``2026``."""
        try:
            if kind == "month":
                y, m = value.split("-")
                return cls.month(int(y), int(m))
            if kind == "term":
                y, t = value.split("-")
                if t.upper() not in ("VT", "HT"):
                    raise ValueError(value)
                return cls.term(int(y), t.upper() == "HT")
            if kind == "year":
                return cls.year(int(value))
        except ValueError:
            pass
        raise ValueError(f"period {kind!r} {value!r}: expected month 2026-03, term 2026-VT/2026-HT or year 2026")


@dataclass(frozen=True, slots=True)
class CarerFact:
    id: str
    unit_ids: tuple[str, ...]
    created_at: datetime
    birth_date: date | None = None
    is_child: bool = False
    status: str = "active"
    relation_kinds: tuple[str, ...] = ()
    interval_months: int | None = None


@dataclass(frozen=True, slots=True)
class CaseEventFact:
    """A close or reopen of a carer's case (``case_event``)."""

    id: str
    carer_id: str
    kind: str
    at: datetime


@dataclass(frozen=True, slots=True)
class EntryFact:
    id: str
    carer_id: str
    kind: str
    occurred_at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    supersedes: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUpFact:
    id: str
    carer_id: str
    flag_id: str
    raised_at: datetime
    due_on: date
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SettingFact:
    """A schedule decision (pause, decline, close, reopen) about a carer's check-ins."""

    id: str
    carer_id: str
    kind: str
    at: datetime
    until: date | None = None


@dataclass(frozen=True)
class Statistics:
    """The counts, in a fixed order of ``(category, key)``; ``scope`` says whose they are:
    ``unit`` (the server, whole units) or ``caseload`` (the laptop's own records)."""

    scope: str
    unit_ids: tuple[str, ...]
    period: Period
    rows: tuple[tuple[str, str, int], ...]

    def count(self, category: str, key: str) -> int:
        for c, k, n in self.rows:
            if c == category and k == key:
                return n
        raise KeyError(f"{category}.{key}")

    def as_dict(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for c, k, n in self.rows:
            out.setdefault(c, {})[k] = n
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "unit_ids": list(self.unit_ids),
            "period": {"kind": self.period.kind, "start": self.period.start.isoformat(),
                       "end": self.period.end.isoformat()},
            "counts": [[c, k, n] for c, k, n in self.rows],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Statistics:
        p = data["period"]
        period = Period(p["kind"], date.fromisoformat(p["start"]), date.fromisoformat(p["end"]))
        rows = tuple((str(c), str(k), int(n)) for c, k, n in data["counts"])
        return cls(str(data["scope"]), tuple(data["unit_ids"]), period, rows)


def shown(count: int) -> str:
    """A count as an export shows it: ``< 5`` for 1–4 (could point at a person)."""
    return f"< {SMALL_COUNT}" if 0 < count < SMALL_COUNT else str(count)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return "unknown"
    age = _age(born, on)
    if age < 18:
        return "0-17"
    if age < 45:
        return "18-44"
    if age < 65:
        return "45-64"
    if age < 80:
        return "65-79"
    return "80+"


def _checklist_done(data: Mapping[str, Any], ids: tuple[str, ...]) -> bool:
    for item in ids:
        value = data.get(item)
        if not isinstance(value, Mapping) or value.get("status") not in HANDLED:
            return False
    return True


def compute_statistics(
    carers: Iterable[CarerFact],
    entries: Iterable[EntryFact],
    follow_ups: Iterable[FollowUpFact],
    settings: Iterable[SettingFact],
    unit_ids: Iterable[str],
    period: Period,
    now: datetime,
    *,
    scope: str = "unit",
    checklist_ids: tuple[str, ...] = KORTTID_CHECKLIST,
    tz: ZoneInfo = STOCKHOLM,
    case_events: Iterable[CaseEventFact] | None = None,
) -> Statistics:
    """The counts for the carers of ``unit_ids`` in ``period`` (see the module's rules)."""
    if now.tzinfo is None:
        raise ValueError("compute_statistics: 'now' must be an aware datetime")
    units = tuple(sorted(set(unit_ids)))
    selected = set(units)
    today = now.astimezone(tz).date()

    def day(at: datetime) -> date:
        return at.astimezone(tz).date()

    chosen = {c.id: c for c in carers if selected.intersection(c.unit_ids)}
    active = {cid: c for cid, c in chosen.items() if day(c.created_at) <= period.end and c.status != "ended"}
    rows: list[tuple[str, str, int]] = [
        ("carers", "new", sum(1 for c in chosen.values() if period.contains(day(c.created_at)))),
        ("carers", "active", len(active)),
        ("carers", "child", sum(1 for c in active.values() if c.is_child)),
    ]
    bands = Counter(age_band(c.birth_date, period.end) for c in active.values())
    rows += [("age_band", b, bands[b]) for b in AGE_BANDS]
    kinds: Counter[str] = Counter()
    for c in active.values():
        kinds.update(set(c.relation_kinds) or {"none"})
    rows += [("relation", k, kinds[k]) for k in sorted(kinds)]

    all_entries = [e for e in entries if e.carer_id in chosen]
    superseded = {e.supersedes for e in all_entries if e.supersedes}
    heads = [e for e in all_entries if e.id not in superseded]
    by_kind: dict[str, list[EntryFact]] = {}
    for e in heads:
        by_kind.setdefault(e.kind, []).append(e)

    rows.append(("conversations", "held",
                 sum(1 for e in by_kind.get("samtal", ()) if period.contains(day(e.occurred_at)))))

    plans: dict[str, list[EntryFact]] = {}
    for e in by_kind.get("stodplan", ()):
        plans.setdefault(e.carer_id, []).append(e)
    made = reviewed = 0
    for versions in plans.values():
        versions.sort(key=lambda e: (e.occurred_at, e.id))
        for i, e in enumerate(versions):
            if period.contains(day(e.occurred_at)):
                if i == 0:
                    made += 1
                else:
                    reviewed += 1
    rows += [("support_plans", "made", made), ("support_plans", "reviewed", reviewed)]

    checkins: dict[str, list[date]] = {}
    for e in by_kind.get("frivillighet", ()):
        checkins.setdefault(e.carer_id, []).append(day(e.occurred_at))
    latest_setting: dict[str, SettingFact] = {}
    for s in sorted(settings, key=lambda s: (s.at, s.id)):
        if s.carer_id in active and day(s.at) <= period.end:
            latest_setting[s.carer_id] = s
    due = done = overdue = 0
    for cid, c in active.items():
        setting = latest_setting.get(cid)
        if setting is not None and (
            setting.kind in ("decline", "close")
            or (setting.kind == "pause" and setting.until is not None and setting.until > period.end)
        ):
            continue
        days = checkins.get(cid, [])
        before = [d for d in days if d < period.start]
        if before:
            due_on = add_months(max(before), c.interval_months or DEFAULT_CHECKIN_MONTHS)
        else:
            due_on = day(c.created_at)  # the first check-in is due at registration
        if due_on > period.end:
            continue
        due += 1
        if any(period.contains(d) for d in days):
            done += 1
        elif due_on < today and due_on <= period.end:
            overdue += 1
    rows += [("checkins", "due", due), ("checkins", "done", done), ("checkins", "overdue", overdue)]

    rows += follow_up_rows(
        (t.flag_id, None if t.resolved_at is None else day(t.resolved_at), t.due_on)
        for t in follow_ups
        if t.carer_id in chosen and period.contains(day(t.raised_at))
    )

    stays = [e for e in by_kind.get("korttid", ())
             if period.contains(day(e.occurred_at)) and e.data.get("is_term_follow_up") != "yes"]
    rows += [("short_term", "stays", len(stays)),
             ("short_term", "checklist_done", sum(1 for e in stays if _checklist_done(e.data, checklist_ids)))]

    languages: Counter[str] = Counter()
    for e in by_kind.get("handout", ()):
        if e.data.get("kind") == "information_handout" and period.contains(day(e.occurred_at)):
            languages[str(e.data.get("language") or "unknown")] += 1
    rows += [("handouts", lang, languages[lang]) for lang in sorted(languages)]
    if case_events is not None:
        last: dict[str, CaseEventFact] = {}
        reopened: set[str] = set()
        for ev in case_events:
            if ev.carer_id not in chosen or ev.kind not in ("close", "reopen") or day(ev.at) > period.end:
                continue
            if ev.carer_id not in last or (ev.at, ev.id) > (last[ev.carer_id].at, last[ev.carer_id].id):
                last[ev.carer_id] = ev
            if ev.kind == "reopen" and day(ev.at) >= period.start:
                reopened.add(ev.carer_id)
        closed = sum(1 for ev in last.values() if ev.kind == "close" and day(ev.at) >= period.start)
        rows += [("cases", "closed", closed), ("cases", "reopened", len(reopened))]
    return Statistics(scope, units, period, tuple(rows))


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def parse_day(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def json_value(value: Any, default: Any) -> Any:
    """A stored JSON column (text) or an already parsed value."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return default if value is None else value
