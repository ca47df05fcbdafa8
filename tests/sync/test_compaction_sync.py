"""Laptops against a server whose log was compacted (server/compaction.py): one that was
behind the compaction, one that starts from nothing, and one that must pull everything again
and probe after a restore marker all converge, with integrity checked and nothing lost."""

from __future__ import annotations

from anhorigdesk.server.compaction import compact_log
from anhorigdesk.server.log_stats import log_stats

from .conftest import World

LATER = "9999-12-31T00:00:00.000000Z"


def test_laptops_converge_on_a_compacted_log(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Greta Provsson", notes="Start")
    a.sync(), b.sync()
    for i in range(30):  # A writes the notes over and over
        a.repo.update_carer(a.actor, carer_id, notes=f"Samtal {i}: orkar bättre", phone=f"070-{i:03d}")
        if i == 14:
            a.sync()
    a.sync()
    d = world.laptop("d")  # D reads everything and writes both fields again: all of A's are superseded
    d.sync()
    d.repo.update_carer(d.actor, carer_id, notes="Samtal 30: sammanfattat av D", phone="070-100")
    d.sync()
    b.repo.update_carer(b.actor, carer_id, email="greta@example.org")  # B, behind and offline, edits too
    stats = log_stats(world.server.db)
    assert stats.superseded >= 30
    result = compact_log(world.server.db, before=LATER)
    assert result.compacted == stats.superseded
    assert log_stats(world.server.db).mutations == stats.mutations  # no row removed

    report = b.sync()  # B's cursor is from before all of A's edits
    assert report.integrity_ok and report.pushed == 1
    a.sync()
    c = world.laptop("c")  # a new laptop: everything from 0, compacted stubs included
    assert c.sync().integrity_ok
    d.sync()
    for laptop in (a, b, c, d):
        carer = laptop.record("carer", carer_id)
        assert carer["notes"] == "Samtal 30: sammanfattat av D" and carer["phone"] == "070-100"
        assert carer["email"] == "greta@example.org" and carer["conflicts"] == {}
    assert a.views() == b.views() == c.views() == d.views()

    # a restore marker: A pulls everything again and probes with its last acknowledged
    # mutation, whose payload the compaction shortened; the server acknowledges it again
    world.server.store.restore_marker()
    last_acked = a.engine.replica.last_acked(a.db.reader())[0]["mutation_id"]
    with world.server.db.transaction() as tx:  # the probe is a compacted one
        assert tx.one("SELECT 1 FROM set_aside WHERE mutation_id = ? AND reason = 'compacted'", (last_acked,))
    report = a.sync()
    assert report.restored and report.integrity_ok and report.rejected == []
    assert a.views() == c.views()
    assert a.engine.status().pending == 0
