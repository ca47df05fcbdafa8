"""The laptop's statistics facts (migration 0018): kept by the store's triggers, filled once.

The hand-computed fixture of ``test_followup_statistics`` (with the closed cases of
``test_followup_aggregate``) is written into a real encrypted store through
``import_records``; the laptop's figures must be the rule book's for it. Then a soft delete,
a purge's hard delete and a carer moved to another unit change them as the rule book says,
and migration 0018 run again over the same records fills the same facts.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_followup_aggregate import CASES
from test_followup_statistics import CARERS, ENTRIES, FOLLOW_UPS, NOW, SETTINGS, SPRING_2026

from anhorigdesk.followup.local import caseload_statistics
from anhorigdesk.followup.statistics import Period, compute_statistics
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.store.migrations import MIGRATIONS
from anhorigdesk.store.repository import Change
from anhorigdesk.sync.purge import apply_purge

ACTOR = Actor("s1", "U1", "Prov Handläggare")


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Database, dict[str, str]]]:
    db = Database(tmp_path / "laptop.db", os.urandom(32), create=True)
    ids: dict[str, str] = {}

    def new(fixture_id: str) -> str:
        return ids.setdefault(fixture_id, uuid.uuid4().hex)

    changes: list[Change] = []
    for c in CARERS:
        changes.append(Change("carer", {"name": f"Prov {c.id}", "unit_ids": list(c.unit_ids),
                                        "birth_date": c.birth_date and c.birth_date.isoformat(),
                                        "is_child": c.is_child, "status": c.status}, new(c.id)))
        changes += [Change("relation", {"carer_id": ids[c.id], "cared_for_id": f"p-{c.id}", "kind": k})
                    for k in c.relation_kinds]
        if c.interval_months:
            changes.append(Change("carer_schedule", {"carer_id": ids[c.id], "interval_months": c.interval_months}))
    for e in ENTRIES:
        fields: dict[str, Any] = {"carer_id": ids[e.carer_id], "kind": e.kind, "occurred_at": e.occurred_at.isoformat(),
                                  "data": dict(e.data)}
        if e.supersedes:
            fields["supersedes"] = new(e.supersedes)
        changes.append(Change("entry", fields, new(e.id)))
    for f in FOLLOW_UPS:
        changes.append(Change("follow_up_task", {
            "carer_id": ids[f.carer_id], "entry_id": "e", "form_id": "frivillighet", "flag_id": f.flag_id,
            "raised_at": f.raised_at.isoformat(), "due_on": f.due_on.isoformat(),
            **({"resolved_at": f.resolved_at.isoformat(), "resolved_by": "s1"} if f.resolved_at else {})},
            new(f.id)))
    for s in SETTINGS:
        changes.append(Change("schedule_setting", {
            "carer_id": ids[s.carer_id], "kind": s.kind, "at": s.at.isoformat(), "by_staff_id": "s1",
            **({"until": s.until.isoformat()} if s.until else {})}))
    for ev in CASES:
        changes.append(Change("case_event", {"carer_id": ids[ev.carer_id], "kind": ev.kind,
                                             "at": ev.at.isoformat(), "by_staff_id": "s1"}))
    repo = Repository(db)
    repo.import_records(ACTOR, changes)
    # the registration instants of the fixture (a store stamps its own write time)
    db.writer.run(lambda conn: conn.executemany(
        "UPDATE carers SET created_at = ? WHERE id = ?", [(c.created_at.isoformat(), ids[c.id]) for c in CARERS]))
    yield db, ids
    db.close()


def _rule_book(units: list[str], period: Period):
    return compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, units, period, NOW,
                              scope="caseload", case_events=CASES)


@pytest.mark.parametrize(("units", "period"), [
    (["U1"], SPRING_2026), (["U1", "U2"], SPRING_2026), (["U1"], Period.year(2025)),
    (["U1"], Period.month(2026, 7)),
])
def test_the_stores_figures_are_the_rule_books(store, units, period) -> None:
    db, _ids = store
    assert caseload_statistics(db.reader(), units, period, NOW) == _rule_book(units, period)


def test_deletes_purges_and_unit_moves_reach_the_facts(store) -> None:
    db, ids = store
    repo = Repository(db)
    before = caseload_statistics(db.reader(), ["U1"], SPRING_2026, NOW)
    assert before.count("conversations", "held") == 4  # s1 s3 s6 s8
    assert (before.count("flags", "not_voluntary"), before.count("follow_ups", "in_time")) == (1, 2)
    repo.delete(ACTOR, "follow_up_task", ids["t1"])  # a soft delete (deleted = 1)
    deleted = caseload_statistics(db.reader(), ["U1"], SPRING_2026, NOW)
    assert (deleted.count("flags", "not_voluntary"), deleted.count("follow_ups", "in_time")) == (0, 1)
    db.writer.run(lambda conn: apply_purge(conn, {  # a purge from the server removes two rows
        "purge_id": "purge-1", "scope": ids["c1"], "entities": [["entry", ids["s1"]], ["entry", ids["s8"]]]},
        at=NOW.isoformat()))
    after = caseload_statistics(db.reader(), ["U1"], SPRING_2026, NOW)
    assert after.count("conversations", "held") == 2
    # c2 (new in the term, a child carer) moves to U2: U1 loses it, U2 gains it
    repo.update_carer(ACTOR, ids["c2"], unit_ids=["U2"])
    moved = caseload_statistics(db.reader(), ["U1"], SPRING_2026, NOW)
    assert (moved.count("carers", "new"), moved.count("carers", "child")) == (1, 0)
    assert caseload_statistics(db.reader(), ["U2"], SPRING_2026, NOW).count("carers", "child") == 1
    assert db.reader().execute("SELECT COUNT(*) FROM stat_facts WHERE entity_id = ?", (ids["s8"],)).fetchone()[0] == 0


def test_migration_0018_fills_the_facts_of_the_records_already_there(store) -> None:
    db, _ids = store
    kept = sorted(db.reader().execute("SELECT * FROM stat_facts").fetchall())
    units = sorted(db.reader().execute("SELECT * FROM stat_units").fetchall())
    assert len(kept) > 60 and len(units) == 10  # c3 in two units

    def again(conn) -> None:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_stat_%'").fetchall()]
        assert len(names) == 21  # seven tables, three triggers each
        for name in names:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE stat_facts")
        conn.execute("DROP TABLE stat_units")
        next(m for m in MIGRATIONS if m.name == "0018_statistics_facts").apply(conn)

    db.writer.run(again)
    assert sorted(db.reader().execute("SELECT * FROM stat_facts").fetchall()) == kept
    assert sorted(db.reader().execute("SELECT * FROM stat_units").fetchall()) == units
    assert caseload_statistics(db.reader(), ["U1"], SPRING_2026, NOW) == _rule_book(["U1"], SPRING_2026)
