"""Protected identity (skyddade personuppgifter, issue #15 §1): the mark syncs first. A laptop
with a long queue of unsent changes sends a carer's protected mark (after that carer's own
earlier unsent changes, never out of the record's order) ahead of everything else, so the
server holds the mark before the rest of the queue arrives."""

from __future__ import annotations

import json

from .conftest import World


def _server_order(world: World) -> list[tuple[str, str, str]]:
    with world.server.store.db.transaction() as tx:
        rows = tx.all("SELECT entity, entity_id, payload FROM mutations ORDER BY server_seq")
    return [(e, i, p) for e, i, p in rows]


def test_a_protected_mark_is_pushed_ahead_of_a_long_queue(world: World) -> None:
    a = world.laptop("a", push_batch=3)
    others = [world.new_carer(a, name=f"Kö Provsson {n}") for n in range(5)]
    hidden = world.new_carer(a, name="Fiktiva Skyddsdal", address="Lönngatan 7")
    later = [world.new_carer(a, name=f"Senare Provsson {n}") for n in range(3)]
    a.repo.update_carer(a.actor, others[0], notes="ändrad före markeringen")
    a.repo.update_carer(a.actor, hidden, protected_identity=True)
    a.repo.update_carer(a.actor, later[0], notes="ändrad efter markeringen")
    a.sync()
    order = [(e, i) for e, i, _p in _server_order(world)]
    # the first batch of three: the protected carer's creation, then its mark
    assert order[:2] == [("carer", hidden), ("carer", hidden)]
    assert json.loads(_server_order(world)[1][2])["fields"] == {"protected_identity": 1}
    # the rest in the order written, nothing lost
    assert [i for _e, i in order[2:]] == [*others, *later, others[0], later[0]]
    assert a.engine.replica.read("protected_first") is None
    # a queue without a mark: the order written
    b = world.laptop("b", push_batch=2)
    b.sync()
    first = [world.new_carer(b, name=f"Vanlig Provsson {n}") for n in range(3)]
    b.sync()
    assert [i for _e, i, _p in _server_order(world)][-3:] == first
