"""Closing a case and correcting an entry travel through a real in-process server: the
server's boundary checks take the new case_event entity and the correcting entry, and the
other laptop sees the carer ended, the close and the correction with its link."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk.lifecycle.case import case_events, close_case, reopen_case
from anhorigdesk.lifecycle.corrections import correct_entry, corrections_of

from .conftest import World


def test_a_closed_case_and_a_correction_reach_the_other_laptop(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b", user="b")
    carer_id = world.new_carer(a, name="Greta Provsson")
    old = a.repo.add_entry(a.actor, carer_id, "samtal", {"note": "Orkar mindre på kvällarna"})
    a.sync()
    b.sync()
    close_case(a.repo, a.actor, carer_id, "carer_moved", at=datetime(2026, 12, 1, 10, tzinfo=UTC),
               note="Flyttat till Umeå")
    new = correct_entry(b.repo, b.actor, old, {"note": "Orkar mindre på morgnarna"})
    report_a = a.sync()
    assert report_a.rejected == [] and report_a.quarantined == 0
    report_b = b.sync()
    assert report_b.rejected == [] and report_b.quarantined == 0
    a.sync()
    for laptop in (a, b):
        assert laptop.record("carer", carer_id)["status"] == "ended"
        events = case_events(laptop.repo, carer_id)
        assert [(e.kind, e.reason, e.note, e.by_staff_id) for e in events] == [
            ("close", "carer_moved", "Flyttat till Umeå", a.actor.staff_id)]
        timeline = laptop.repo.timeline(laptop.actor, carer_id)
        assert {e["id"]: e["data"]["note"] for e in timeline} == {
            old: "Orkar mindre på kvällarna", new: "Orkar mindre på morgnarna"}
        assert corrections_of(timeline)[old].new_id == new
    assert a.views() == b.views()
    reopen_case(b.repo, b.actor, carer_id, at=datetime(2026, 12, 2, 10, tzinfo=UTC))
    b.sync()
    a.sync()
    assert a.record("carer", carer_id)["status"] == "active"
    assert [e.kind for e in case_events(a.repo, carer_id)] == ["close", "reopen"]
