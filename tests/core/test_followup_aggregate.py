"""The set-based statistics (``followup.aggregate``) give exactly the rule book's counts.

The hand-computed fixture of ``test_followup_statistics`` is written into a real fact table
(SQLite) record by record through :func:`fact_of`, as the server's push and the laptop's
triggers write it; :func:`aggregate_statistics` must give the same rows, in the same order,
as :func:`compute_statistics` (and so the hand-computed ``EXPECTED``) for every period and
unit choice the fixture tests use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from test_followup_statistics import (
    CARERS,
    ENTRIES,
    EXPECTED,
    FOLLOW_UPS,
    NOW,
    SETTINGS,
    SPRING_2026,
    t,
)

from anhorigdesk.followup.aggregate import (
    INSERT_FACT,
    INSERT_UNIT,
    LocalDays,
    aggregate_statistics,
    fact_of,
    schema,
)
from anhorigdesk.followup.statistics import CaseEventFact, Period, compute_statistics
from anhorigdesk.scheduling.clock import STOCKHOLM


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _records() -> Iterator[tuple[str, str, dict, str | None]]:
    for c in CARERS:
        yield "carer", c.id, {"unit_ids": list(c.unit_ids), "birth_date": c.birth_date and c.birth_date.isoformat(),
                              "is_child": c.is_child, "status": c.status}, c.created_at.isoformat()
        for n, kind in enumerate(c.relation_kinds):
            yield "relation", f"r-{c.id}-{n}", {"carer_id": c.id, "kind": kind}, None
        if c.interval_months:
            yield "carer_schedule", f"cs-{c.id}", {"carer_id": c.id, "interval_months": c.interval_months}, None
    for e in ENTRIES:
        yield "entry", e.id, {"carer_id": e.carer_id, "kind": e.kind, "occurred_at": e.occurred_at.isoformat(),
                              "data": dict(e.data), "supersedes": e.supersedes}, None
    for task in FOLLOW_UPS:
        yield "follow_up_task", task.id, {
            "carer_id": task.carer_id, "flag_id": task.flag_id, "raised_at": task.raised_at.isoformat(),
            "due_on": task.due_on.isoformat(), "resolved_at": _iso(task.resolved_at)}, None
    for s in SETTINGS:
        yield "schedule_setting", s.id, {"carer_id": s.carer_id, "kind": s.kind, "at": s.at.isoformat(),
                                         "until": s.until and s.until.isoformat()}, None


@pytest.fixture
def facts() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    for statement in schema(pg=False):
        conn.execute(statement)
    for entity, entity_id, values, registered in _records():
        row, units = fact_of(entity, entity_id, values, registered)
        assert row is not None, (entity, entity_id)
        conn.execute(INSERT_FACT, row)
        conn.executemany(INSERT_UNIT, units)
    yield conn
    conn.close()


def _query(conn: sqlite3.Connection):
    return lambda sql, params: conn.execute(sql, tuple(params)).fetchall()


def test_the_fact_table_gives_the_hand_computed_fixture(facts) -> None:
    stats = aggregate_statistics(_query(facts), ["U1"], SPRING_2026, NOW)
    assert list(stats.rows) == EXPECTED
    assert stats.unit_ids == ("U1",) and stats.scope == "unit"


@pytest.mark.parametrize(("units", "period"), [
    (["U1"], SPRING_2026),
    (["U1", "U2"], SPRING_2026),
    (["U2"], SPRING_2026),
    (["U1"], Period.month(2026, 3)),
    (["U1"], Period.month(2026, 7)),
    (["U1"], Period.year(2025)),
    (["U1", "U2"], Period.term(2025, autumn=True)),
    (["U3"], Period.year(2026)),
])
def test_every_period_and_unit_choice_equals_the_rule_book(facts, units, period) -> None:
    ruled = compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, units, period, NOW)
    assert aggregate_statistics(_query(facts), units, period, NOW) == ruled


def test_a_deleted_or_superseding_record_changes_the_counts_as_the_rule_book_says(facts) -> None:
    # s1 (c1's samtal of 2026-01-10) gone: one conversation less
    facts.execute("DELETE FROM stat_facts WHERE entity = 'entry' AND entity_id = 's1'")
    stats = aggregate_statistics(_query(facts), ["U1"], SPRING_2026, NOW)
    assert stats.count("conversations", "held") == 3
    # a correction of s3 dated after the term: s3 no longer counts, its correction neither
    row, _ = fact_of("entry", "s3b", {"carer_id": "c4", "kind": "samtal", "supersedes": "s3",
                                      "occurred_at": datetime(2026, 8, 1, tzinfo=UTC).isoformat()})
    facts.execute(INSERT_FACT, row)
    assert aggregate_statistics(_query(facts), ["U1"], SPRING_2026, NOW).count("conversations", "held") == 2


def test_unreadable_values_are_skipped_as_the_fact_builder_skips_them() -> None:
    assert fact_of("entry", "x", {"carer_id": "c1", "kind": "note", "occurred_at": NOW.isoformat()})[0] is None
    assert fact_of("entry", "x", {"carer_id": "c1", "kind": "samtal", "occurred_at": "2026-03-01T10:00"})[0] is None
    assert fact_of("follow_up_task", "x", {"carer_id": "c1", "flag_id": "f", "raised_at": NOW.isoformat(),
                                           "due_on": "not a day"})[0] is None
    assert fact_of("carer_schedule", "x", {"carer_id": "c1", "interval_months": 0})[0] is None
    assert fact_of("relation", "x", {"kind": "partner"})[0] is None  # no carer


# Closed and reopened cases (case_event), worked out by hand for spring term 2026, U1:
CASES = [
    CaseEventFact("e1", "c1", "close", t("2026-03-01")),  # c1 closed in the term, stays closed
    CaseEventFact("e2", "c2", "close", t("2026-02-01")),  # c2 closed ...
    CaseEventFact("e3", "c2", "reopen", t("2026-04-01")),  # ... and reopened: reopened, not closed
    CaseEventFact("e4", "c7", "close", t("2025-12-01")),  # closed before the term
    CaseEventFact("e5", "c9", "close", t("2026-06-30T21:30")),  # 23:30 local on 30 June: in
    CaseEventFact("e6", "c8", "close", t("2026-06-30T22:30")),  # 00:30 local on 1 July: after
    CaseEventFact("e7", "c5", "close", t("2026-03-01")),  # U2 only
    CaseEventFact("e8", "c3", "close", t("2025-11-01")),  # c3 closed in 2025 ...
    CaseEventFact("e9", "c3", "reopen", t("2026-01-15")),  # ... reopened in the term
]


def _with_cases(conn: sqlite3.Connection) -> sqlite3.Connection:
    for ev in CASES:
        row, _ = fact_of("case_event", ev.id, {"carer_id": ev.carer_id, "kind": ev.kind, "at": ev.at.isoformat()})
        conn.execute(INSERT_FACT, row)
    return conn


@pytest.mark.parametrize(("units", "period", "closed", "reopened"), [
    (["U1"], SPRING_2026, 2, 2),  # closed: c1 c9; reopened: c2 c3
    (["U1", "U2"], SPRING_2026, 3, 2),  # + c5
    (["U1"], Period.year(2025), 2, 0),  # c7 and c3 stood closed at the end of 2025
    (["U1"], Period.month(2026, 7), 1, 0),  # c8 (1 July local)
])
def test_closed_and_reopened_cases_by_hand(facts, units, period, closed, reopened) -> None:
    ruled = compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, units, period, NOW, case_events=CASES)
    assert (ruled.count("cases", "closed"), ruled.count("cases", "reopened")) == (closed, reopened)
    counted = aggregate_statistics(_query(_with_cases(facts)), units, period, NOW, case_events=True)
    assert counted == ruled
    assert list(counted.rows[-2:]) == [("cases", "closed", closed), ("cases", "reopened", reopened)]


def test_the_local_day_shortcut_agrees_with_the_time_zone_every_hour_of_a_decade() -> None:
    days = LocalDays(STOCKHOLM)
    at = datetime(2019, 1, 1, tzinfo=UTC)
    while at.year < 2031:
        for text in (at.strftime("%Y-%m-%dT%H:%M:%S.%f"), (at + timedelta(minutes=59)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:23]):
            assert days.local(text) == datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone(STOCKHOLM).date(), text
        at += timedelta(hours=1)
