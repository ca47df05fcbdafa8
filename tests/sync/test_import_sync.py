"""Records written by the bulk import travel like any other write."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk import demo
from anhorigdesk.store import Change
from anhorigdesk.store.ids import uuid7

from .conftest import World


def test_imported_records_reach_another_laptop_with_search(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer = uuid7()
    changes = [
        Change("carer", {"name": "Åsa Låtsasdal", "unit_ids": [world.unit], "hours_per_week": 7.5,
                         "care_given": ["tillsyn"], "notes": "Vill ha samtal\npå kvällen"}, carer),
        Change("entry", {"carer_id": carer, "kind": "samtal", "occurred_at": datetime(2025, 5, 2, tzinfo=UTC),
                         "data": {"note": "Orkar mindre på nätterna", "parts": ["kept_informed"]}}),
        *demo.demo_changes(3, actor=a.actor, entries_per_carer=2, seed=4),
    ]
    assert a.repo.import_records(a.actor, changes) == len(changes)
    assert a.repo.pending_count() == len(changes)
    report = a.sync()
    assert report.pushed == len(changes) and a.repo.pending_count() == 0
    report = b.sync()
    assert report.applied == len(changes) and report.integrity_ok
    assert a.views() == b.views()
    row = b.record("carer", carer)
    assert (row["name"], row["hours_per_week"], row["care_given"]) == ("Åsa Låtsasdal", 7.5, ["tillsyn"])
    assert [r["id"] for r in b.repo.search(b.actor, "asa latsasdal")] == [carer]
    assert [r["id"] for r in b.repo.search(b.actor, "natterna")] == [carer]
    again = a.sync()
    assert (again.pushed, again.pulled, again.records) == (0, 0, 0)
