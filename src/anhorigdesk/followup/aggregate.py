"""Follow-up statistics at speed (uppföljningsstatistik): a fact table and set-based counts.

:func:`~anhorigdesk.followup.statistics.compute_statistics` is the rule book (checked by the
hand-computed fixture); counting with it means building one Python object per record, which
over 10,000 carers and 200,000 entries took seconds. Here the same rules run over a narrow
fact table, one row per counted record, kept up to date in the same transaction as the
writes (the server: ``server/store/statistics.py`` ``record_facts`` from the push's apply,
the purge and a retire; the laptop: SQLite triggers of migration ``0018_statistics_facts``):

``stat_facts (entity, entity_id, carer_id, kind, at_utc, day, end_utc, supersedes, detail,
months)``, one row per live record of these entities:

=================  ============  ==================  ===========  ===========  ===============
entity             kind          at_utc              day          end_utc      detail / months
=================  ============  ==================  ===========  ===========  ===============
carer              status        registered          birth_date                is_child 1/0
relation           kind
carer_schedule                                                                 months
entry              kind          occurred_at                                   korttid: done /
                                                                               open / follow_up;
                                                                               handout: language
follow_up_task     flag_id       raised_at           due_on       resolved_at
schedule_setting   kind          at                  until
case_event         kind          at
=================  ============  ==================  ===========  ===========  ===============

and ``stat_units (carer_id, unit_id)``, the carer's units. Instants are stored in UTC as
sortable text (``YYYY-MM-DDTHH:MM:SS.fff…``), so a period is two UTC bounds, the Stockholm
midnights of its first day and of the day after its last: no per-row time-zone arithmetic.
Only what varies per carer (age band, check-in due day, a follow-up's local day) is worked
out in Python, over at most one row per carer or per flag raised in the period.

Only entries of the counted kinds are kept; a korttid stay's checklist is judged when it is
written against the built-in form's routines (:data:`statistics.KORTTID_CHECKLIST`).

Qt-free.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.followup.statistics import (
    AGE_BANDS,
    DEFAULT_CHECKIN_MONTHS,
    HANDLED,
    KORTTID_CHECKLIST,
    Period,
    Statistics,
    age_band,
    follow_up_rows,
    json_value,
    parse_day,
    parse_time,
)
from anhorigdesk.scheduling.clock import STOCKHOLM
from anhorigdesk.scheduling.dates import add_months

ENTRY_KINDS = ("samtal", "stodplan", "frivillighet", "korttid", "handout")
FACT_ENTITIES = ("carer", "relation", "carer_schedule", "entry", "follow_up_task",
                 "schedule_setting", "case_event")
FACT_COLUMNS = ("entity", "entity_id", "carer_id", "kind", "at_utc", "day", "end_utc",
                "supersedes", "detail", "months")
INSERT_FACT = f"INSERT INTO stat_facts ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * len(FACT_COLUMNS))})"
INSERT_UNIT = "INSERT INTO stat_units (carer_id, unit_id) VALUES (?, ?)"

Query = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
FactRow = tuple[Any, ...]


def schema(pg: bool) -> list[str]:
    """The fact tables (same on the laptop and the server). On PostgreSQL every text column
    compares byte-wise (``COLLATE "C"``), as SQLite and Python do, and one collation for all
    of them keeps their joins (``supersedes = entity_id``) on the indexes."""
    text = 'TEXT COLLATE "C"' if pg else "TEXT"
    # SQLite: clustered by (entity, entity_id) and a covering index by kind and time, so that
    # a count reads a range in order instead of one random page per record; there is
    # deliberately no index by carer (the planner would then look each carer up).
    clustered = "" if pg else " WITHOUT ROWID"
    return [
        f"""CREATE TABLE stat_facts (
            entity {text} NOT NULL, entity_id {text} NOT NULL, carer_id {text} NOT NULL,
            kind {text}, at_utc {text}, day {text}, end_utc {text}, supersedes {text},
            detail {text}, months INTEGER, PRIMARY KEY (entity, entity_id)){clustered}""",
        ("CREATE INDEX stat_facts_entries ON stat_facts (carer_id, kind, detail, at_utc, supersedes)"
         " WHERE entity = 'entry'"),
        "CREATE INDEX stat_facts_supersedes ON stat_facts (supersedes) WHERE supersedes IS NOT NULL",
        f"""CREATE TABLE stat_units (
            carer_id {text} NOT NULL, unit_id {text} NOT NULL, PRIMARY KEY (unit_id, carer_id)){clustered}""",
        "CREATE INDEX stat_units_carer ON stat_units (carer_id)",
    ]


def utc_text(at: datetime) -> str:
    """An aware instant as the fact table's sortable UTC text."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _utc(value: Any) -> str | None:
    parsed = parse_time(value)
    return utc_text(parsed) if parsed is not None else None


def korttid_detail(data: Mapping[str, Any]) -> str:
    """``follow_up`` (a term follow-up, not a stay), ``done`` (every routine of the built-in
    checklist done or not relevant) or ``open``."""
    if data.get("is_term_follow_up") == "yes":
        return "follow_up"
    for item in KORTTID_CHECKLIST:
        value = data.get(item)
        if not isinstance(value, Mapping) or value.get("status") not in HANDLED:
            return "open"
    return "done"


def fact_of(entity: str, entity_id: str, values: Mapping[str, Any],
            registered: str | None = None) -> tuple[FactRow | None, list[tuple[str, str]]]:
    """The fact row of one live record (``None`` if the counts skip it) and, for a carer,
    its ``stat_units`` rows. ``values`` are the record's merged fields; ``registered`` the
    carer's registration instant (ISO text)."""
    carer_id = entity_id if entity == "carer" else values.get("carer_id")
    if not isinstance(carer_id, str) or not carer_id:
        return None, []
    row: dict[str, Any] = {}
    if entity == "carer":
        units = json_value(values.get("unit_ids"), [])
        unit_rows = sorted({(entity_id, u) for u in units if isinstance(u, str)}) if isinstance(units, list) else []
        birth = values.get("birth_date")
        row = {"kind": str(values.get("status") or "active"),
               "at_utc": _utc(registered) or "1970-01-01T00:00:00.000000",
               "day": birth if isinstance(birth, str) else None,
               "detail": "1" if values.get("is_child") else "0"}
        return _row(entity, entity_id, carer_id, row), unit_rows
    if entity == "relation":
        kind = values.get("kind")
        if not isinstance(kind, str):
            return None, []
        row = {"kind": kind}
    elif entity == "carer_schedule":
        months = values.get("interval_months")
        if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
            return None, []
        row = {"months": months}
    elif entity == "entry":
        kind, at = values.get("kind"), _utc(values.get("occurred_at"))
        if kind not in ENTRY_KINDS or at is None:
            return None, []
        detail = None
        if kind in ("korttid", "handout"):
            data = json_value(values.get("data"), {})
            data = data if isinstance(data, Mapping) else {}
            if kind == "korttid":
                detail = korttid_detail(data)
            elif data.get("kind") == "information_handout":
                detail = str(data.get("language") or "unknown")
        row = {"kind": kind, "at_utc": at, "supersedes": values.get("supersedes") or None,
               "detail": detail}
    elif entity == "follow_up_task":
        raised, due = _utc(values.get("raised_at")), parse_day(values.get("due_on"))
        flag = values.get("flag_id")
        if raised is None or due is None or not isinstance(flag, str):
            return None, []
        row = {"kind": flag, "at_utc": raised, "day": due.isoformat(),
               "end_utc": _utc(values.get("resolved_at"))}
    elif entity == "schedule_setting":
        at, kind = _utc(values.get("at")), values.get("kind")
        if at is None or not isinstance(kind, str):
            return None, []
        until = parse_day(values.get("until"))
        row = {"kind": kind, "at_utc": at, "day": until.isoformat() if until else None}
    elif entity == "case_event":
        at, kind = _utc(values.get("at")), values.get("kind")
        if at is None or not isinstance(kind, str):
            return None, []
        row = {"kind": kind, "at_utc": at}
    else:
        return None, []
    return _row(entity, entity_id, carer_id, row), []


def _row(entity: str, entity_id: str, carer_id: str, values: Mapping[str, Any]) -> FactRow:
    return (entity, entity_id, carer_id, *(values.get(c) for c in FACT_COLUMNS[3:]))


def _bound(day: date, tz: ZoneInfo) -> str:
    """The Stockholm midnight that starts ``day``, as UTC text (whole seconds)."""
    return datetime.combine(day, time(0), tz).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def period_bounds(period: Period, tz: ZoneInfo = STOCKHOLM) -> tuple[str, str]:
    """The period as UTC text bounds: ``start <= at < end`` is "on one of its days"."""
    return _bound(period.start, tz), _bound(period.end + timedelta(days=1), tz)


def _local_day(utc: str, tz: ZoneInfo) -> date:
    return datetime.fromisoformat(utc).replace(tzinfo=UTC).astimezone(tz).date()


class LocalDays:
    """Local days of UTC texts, due days and age bands, each worked out once per distinct
    value (thousands of carers share a few hundred days). For Stockholm (UTC+1/+2, changing
    on the hour) a UTC time before 22:00 is on the same day locally, and the local day of
    any other depends on its date and hour only."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._days: dict[str, date] = {}
        self._months: dict[tuple[date, int], date] = {}
        self._bands: dict[str | None, str] = {}

    def local(self, utc: str) -> date:
        if self.tz is not STOCKHOLM:
            return _local_day(utc, self.tz)
        key = utc[:10] if utc[11:13] < "22" else utc[:13]
        day = self._days.get(key)
        if day is None:
            day = self._days[key] = (date.fromisoformat(key) if len(key) == 10
                                     else _local_day(key + ":00:00", self.tz))
        return day

    def plus_months(self, day: date, months: int) -> date:
        due = self._months.get((day, months))
        if due is None:
            due = self._months[(day, months)] = add_months(day, months)
        return due

    def band(self, born: str | None, on: date) -> str:
        band = self._bands.get(born)
        if band is None:
            band = self._bands[born] = age_band(parse_day(born), on)
        return band


def aggregate_statistics(query: Query, unit_ids: Iterable[str], period: Period, now: datetime, *,
                         scope: str = "unit", tz: ZoneInfo = STOCKHOLM,
                         case_events: bool = False, pg: bool = False) -> Statistics:
    """The counts of :func:`~anhorigdesk.followup.statistics.compute_statistics` (same rules,
    same rows in the same order) from the fact tables. ``query(sql, params)`` runs one
    statement (``?`` placeholders) and returns its rows; ``pg``: it is PostgreSQL (else
    SQLite). ``case_events``: add the
    ``cases.closed`` / ``cases.reopened`` rows (see :func:`case_rows`)."""
    if now.tzinfo is None:
        raise ValueError("aggregate_statistics: 'now' must be an aware datetime")
    units = tuple(sorted(set(unit_ids)))
    today = now.astimezone(tz).date()
    start, end = period_bounds(period, tz)
    marks = ", ".join("?" * len(units)) or "NULL"
    chosen = f"SELECT carer_id FROM stat_units WHERE unit_id IN ({marks})"
    # ``s.supersedes IS NOT NULL`` is implied by the join; said out loud, PostgreSQL's
    # planner counts the (few) superseding entries from the column's statistics instead of
    # taking every entry for one, which made it split the anti-join into batches on disk
    head = (f"f.entity = 'entry' AND f.carer_id IN ({chosen}) AND NOT EXISTS (SELECT 1 FROM stat_facts s"
            f" WHERE s.supersedes IS NOT NULL AND s.supersedes = f.entity_id AND s.entity = 'entry'"
            f" AND s.carer_id IN ({chosen}))")

    carers = query(f"SELECT entity_id, kind, at_utc, day, detail FROM stat_facts"
                   f" WHERE entity = 'carer' AND entity_id IN ({chosen})", units)
    new = 0
    active: dict[str, tuple[str, str | None, str]] = {}
    for cid, status, registered, born, child in carers:
        if start <= registered < end:
            new += 1
        if registered < end and status != "ended":
            active[cid] = (registered, born, child)
    rows: list[tuple[str, str, int]] = [
        ("carers", "new", new),
        ("carers", "active", len(active)),
        ("carers", "child", sum(1 for _r, _b, child in active.values() if child == "1")),
    ]
    days = LocalDays(tz)
    bands: Counter[str] = Counter()
    for born, n in Counter(born for _r, born, _c in active.values()).items():
        bands[days.band(born, period.end)] += n  # once per distinct birth date
    rows += [("age_band", b, bands[b]) for b in AGE_BANDS]
    kinds_of: dict[str, set[str]] = {}
    for cid, kind in query(f"SELECT carer_id, kind FROM stat_facts WHERE entity = 'relation'"
                           f" AND carer_id IN ({chosen})", units):
        if cid in active:
            kinds_of.setdefault(cid, set()).add(kind)
    kinds = Counter(chain.from_iterable(kinds_of.get(cid) or ("none",) for cid in active))
    rows += [("relation", k, kinds[k]) for k in sorted(kinds)]

    # the entries of the chosen carers, read through their index (carer, kind, detail, time):
    # SQLite is told to (``INDEXED BY``; its planner would rather scan them all and sort)
    f = "stat_facts f" if pg else "stat_facts f INDEXED BY stat_facts_entries"
    held, stays, stays_done = query(
        f"SELECT COALESCE(SUM(CASE WHEN f.kind = 'samtal' THEN 1 ELSE 0 END), 0),"
        f" COALESCE(SUM(CASE WHEN f.kind = 'korttid' AND f.detail <> 'follow_up' THEN 1 ELSE 0 END), 0),"
        f" COALESCE(SUM(CASE WHEN f.kind = 'korttid' AND f.detail = 'done' THEN 1 ELSE 0 END), 0)"
        f" FROM {f} WHERE f.kind IN ('samtal', 'korttid') AND f.at_utc >= ? AND f.at_utc < ? AND {head}",
        (start, end, *units, *units),
    )[0]
    rows.append(("conversations", "held", int(held)))

    # a carer's first plan (by time, then id) is made, a later one reviews it: made = the
    # carers whose first plan falls in the period, reviewed = the period's other plans
    made, plans = query(
        f"SELECT COALESCE(SUM(CASE WHEN p.first >= ? THEN 1 ELSE 0 END), 0), COALESCE(SUM(p.inside), 0) FROM"
        f" (SELECT MIN(f.at_utc) AS first, SUM(CASE WHEN f.at_utc >= ? THEN 1 ELSE 0 END) AS inside"
        f" FROM {f} WHERE f.kind = 'stodplan' AND f.at_utc < ? AND {head} GROUP BY f.carer_id) p",
        (start, start, end, *units, *units),
    )[0]
    rows += [("support_plans", "made", int(made)), ("support_plans", "reviewed", int(plans) - int(made))]

    checkins = {cid: (last, bool(done)) for cid, last, done in query(
        f"SELECT f.carer_id, MAX(CASE WHEN f.at_utc < ? THEN f.at_utc END),"
        f" MAX(CASE WHEN f.at_utc >= ? THEN 1 ELSE 0 END) FROM {f}"
        f" WHERE f.kind = 'frivillighet' AND f.at_utc < ? AND {head} GROUP BY f.carer_id",
        (start, start, end, *units, *units),
    )}
    rows += _checkins(query, chosen, units, active, checkins, end, period, today, days)

    rows += follow_up_rows(
        (flag, None if resolved is None else days.local(resolved), date.fromisoformat(due_on))
        for flag, due_on, resolved in query(
            f"SELECT kind, day, end_utc FROM stat_facts WHERE entity = 'follow_up_task'"
            f" AND at_utc >= ? AND at_utc < ? AND carer_id IN ({chosen})", (start, end, *units),
        )
    )

    rows += [("short_term", "stays", int(stays)), ("short_term", "checklist_done", int(stays_done))]
    languages = {str(lang): int(n) for lang, n in query(
        f"SELECT f.detail, COUNT(*) FROM {f} WHERE f.kind = 'handout' AND f.detail IS NOT NULL"
        f" AND f.at_utc >= ? AND f.at_utc < ? AND {head} GROUP BY f.detail",
        (start, end, *units, *units),
    )}
    rows += [("handouts", lang, languages[lang]) for lang in sorted(languages)]
    if case_events:
        rows += case_rows(query, chosen, units, start, end)
    return Statistics(scope, units, period, tuple(rows))


def _checkins(query: Query, chosen: str, units: tuple[str, ...],
              active: Mapping[str, tuple[str, str | None, str]],
              checkins: Mapping[str, tuple[str | None, bool]], end: str,
              period: Period, today: date, days: LocalDays) -> list[tuple[str, str, int]]:
    """checkins.due / done / overdue: from each carer's last check-in before the period and
    whether one falls in it, and the schedule decisions before the period's end; the due day
    per active carer in Python."""
    months = dict(query(f"SELECT carer_id, months FROM stat_facts WHERE entity = 'carer_schedule'"
                        f" AND carer_id IN ({chosen})", units))
    latest: dict[str, tuple[str, str, str, str | None]] = {}
    for cid, kind, at, until, sid in query(
        f"SELECT carer_id, kind, at_utc, day, entity_id FROM stat_facts WHERE entity = 'schedule_setting'"
        f" AND at_utc < ? AND carer_id IN ({chosen})", (end, *units),
    ):
        if cid in active and (cid not in latest or (at, sid) > (latest[cid][0], latest[cid][1])):
            latest[cid] = (at, sid, kind, until)
    due = done = overdue = 0
    for cid, (registered, _born, _child) in active.items():
        setting = latest.get(cid)
        if setting is not None:
            kind, until = setting[2], setting[3]
            if kind in ("decline", "close") or (
                    kind == "pause" and until is not None and date.fromisoformat(until) > period.end):
                continue
        last, done_in = checkins.get(cid, (None, False))
        if last is not None:
            due_on = days.plus_months(days.local(last), months.get(cid) or DEFAULT_CHECKIN_MONTHS)
        else:
            due_on = days.local(registered)  # the first check-in is due at registration
        if due_on > period.end:
            continue
        due += 1
        if done_in:
            done += 1
        elif due_on < today and due_on <= period.end:
            overdue += 1
    return [("checkins", "due", due), ("checkins", "done", done), ("checkins", "overdue", overdue)]


def case_rows(query: Query, chosen: str, units: tuple[str, ...], start: str,
              end: str) -> list[tuple[str, str, int]]:
    """Closed cases (avslutade ärenden) from the ``case_event`` records: ``cases.closed``,
    the carers whose case was closed in the period and still stood closed at its end (their
    last close/reopen up to the period's end is a close in the period); ``cases.reopened``,
    the carers with a reopen in the period."""
    last: dict[str, tuple[str, str, str]] = {}
    for cid, kind, at, eid in query(
        f"SELECT carer_id, kind, at_utc, entity_id FROM stat_facts WHERE entity = 'case_event'"
        f" AND at_utc < ? AND carer_id IN ({chosen})", (end, *units),
    ):
        if kind not in ("close", "reopen"):
            continue
        if cid not in last or (at, eid) > (last[cid][0], last[cid][1]):
            last[cid] = (at, eid, kind)
    reopened = len({r[0] for r in query(
        f"SELECT carer_id, kind, at_utc, entity_id FROM stat_facts WHERE entity = 'case_event'"
        f" AND kind = 'reopen' AND at_utc >= ? AND at_utc < ? AND carer_id IN ({chosen})",
        (start, end, *units))})
    closed = sum(1 for at, _e, kind in last.values() if kind == "close" and at >= start)
    return [("cases", "closed", closed), ("cases", "reopened", reopened)]
