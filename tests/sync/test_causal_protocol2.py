"""A laptop one protocol version behind (no ctx; it merges by base clocks, the clock rule)
beside protocol-3 laptops and the server (docs/PROTOCOL-3.md, part B): it keeps syncing,
its writes are merged by the clock rule everywhere, and everyone converges. Mutations
written before the change, replayed into a fresh replica, give no false conflicts."""

from __future__ import annotations

import json
from typing import Any

from anhorigdesk.replication.merge import EntityState
from anhorigdesk.server.models import PROTOCOL_HEADER

from .conftest import Laptop, World


def _protocol_2(laptop: Laptop) -> Laptop:
    """Make ``laptop`` behave as the program before part B: it sends protocol 2, writes no
    ctx, and its merge never reads one."""
    laptop.client.protocol_version = 2
    laptop.client._http.headers[PROTOCOL_HEADER] = "2"
    replica = laptop.engine.replica
    merge = replica.merge

    def old_merge(conn: Any, mutations: Any, *args: Any, **kwargs: Any) -> int:
        return merge(conn, [{k: v for k, v in m.items() if k != "ctx"} for m in mutations],
                     *args, **kwargs)

    replica.merge = old_merge  # type: ignore[method-assign]
    return laptop


def _old_write(laptop: Laptop, action: Any) -> None:
    """A write as the old program made it: the same mutation without ``ctx``."""
    action()
    laptop.db.writer.run(lambda conn: conn.execute(
        "UPDATE outbox SET payload = json_remove(payload, '$.ctx')"
        " WHERE seq > (SELECT coalesce(max(outbox_seq), 0) FROM sync_log)"))


def _stored(world: World, mutation_id: str) -> dict[str, Any]:
    with world.server.db.transaction() as tx:
        return json.loads(tx.one("SELECT payload FROM mutations WHERE mutation_id = ?", (mutation_id,))[0])


def _texts(laptop: Laptop, carer_id: str) -> set[str]:
    return {v["value"] for v in laptop.conflicts(carer_id).get("notes", [])}


def test_a_protocol_2_laptop_keeps_syncing_and_everyone_converges(world: World) -> None:
    old = _protocol_2(world.laptop("old"))
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Blandad Versionsson", notes="Början")
    for laptop in (a, old, b):
        laptop.sync()
    # concurrent edits: the old laptop's and a protocol-3 laptop's (a true conflict by both rules)
    _old_write(old, lambda: old.repo.update_carer(old.actor, carer_id, notes="Gammal", phone="070-1"))
    a.repo.update_carer(a.actor, carer_id, notes="Ny")
    for laptop in (old, a, b, old, a):
        laptop.sync()
    old_ids = [r[0] for r in old.db.reader().execute("SELECT mutation_id FROM sync_log").fetchall()]
    assert all("ctx" not in _stored(world, m) for m in old_ids)  # stored as pushed: no ctx
    for laptop in (old, a, b):
        assert _texts(laptop, carer_id) == {"Gammal", "Ny"}, laptop.name
    # the old laptop resolves it (its base is the newest clock: it has seen both, clock rule;
    # without ctx the old program's resolution is on the wire what any edit of the field is);
    # b then edits: a protocol-3 write that has seen the old laptop's resolution
    _old_write(old, lambda: old.repo.update_carer(old.actor, carer_id, notes="Gammal och ny"))
    for laptop in (old, a, b):
        laptop.sync()
    b.repo.update_carer(b.actor, carer_id, notes="Gammal och ny, b har läst")
    _old_write(old, lambda: old.repo.update_carer(old.actor, carer_id, phone="070-2"))
    for laptop in (b, old, a, b, old):
        laptop.sync()
    views = [laptop.views() for laptop in (old, a, b)]
    assert views[0] == views[1] == views[2]
    assert old.record("carer", carer_id)["notes"] == "Gammal och ny, b har läst"
    assert old.record("carer", carer_id)["phone"] == "070-2"
    with world.server.db.transaction() as tx:
        server = EntityState.from_json(json.loads(tx.one(
            "SELECT state FROM entities WHERE entity_id = ?", (carer_id,))[0])).view()
    assert server["flags"] == [] and server["fields"]["notes"] == "Gammal och ny, b har läst"


def test_mutations_written_before_the_change_replayed_into_a_fresh_replica_flood_nothing(world: World) -> None:
    """Every laptop writes as the old program did (no ctx); a new laptop pulls it all from 0
    and shows exactly what the old laptops show: the clock rule for old writes."""
    old = [_protocol_2(world.laptop(f"old{i}")) for i in range(2)]
    carers = [world.new_carer(old[0], name=f"Gammal {i} Provsson", notes="Början") for i in range(5)]
    old[0].db.writer.run(lambda conn: conn.execute("UPDATE outbox SET payload = json_remove(payload, '$.ctx')"))
    for laptop in old:
        laptop.sync()
    for round_ in range(3):  # sequential edits of every record, alternating laptops
        for i, carer_id in enumerate(carers):
            writer = old[(i + round_) % 2]
            _old_write(writer, lambda w=writer, c=carer_id, r=round_: w.repo.update_carer(
                w.actor, c, notes=f"Runda {r}", phone=f"070-{r}"))
            writer.sync()
            old[(i + round_ + 1) % 2].sync()
    _old_write(old[0], lambda: old[0].repo.update_carer(old[0].actor, carers[0], notes="Samtidigt 0"))
    _old_write(old[1], lambda: old[1].repo.update_carer(old[1].actor, carers[0], notes="Samtidigt 1"))
    for laptop in (*old, *old):
        laptop.sync()
    fresh = world.laptop("fresh")
    assert fresh.sync().integrity_ok
    assert fresh.views() == old[0].views() == old[1].views()
    flagged = {(f["id"], tuple(f["flags"])) for f in fresh.engine.replica.flagged()}
    assert flagged == {(carers[0], ("conflict",))}  # the one true conflict, nothing else
