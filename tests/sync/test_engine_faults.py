"""Failures between laptop and server: duplicated and lost requests, cut answers,
a server restored from an older backup, and a replica that missed changes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from anhorigdesk.sync.engine import RetryPolicy

from .conftest import Laptop, World


def _one_try() -> RetryPolicy:
    return RetryPolicy(attempts=1, sleep=lambda s: None)


def _assert_everywhere(world: World, laptops: list[Laptop], expected: set[str]) -> None:
    """Every mutation in ``expected`` is on the server exactly once and all views agree."""
    on_server = world.server.mutation_ids()
    assert len(on_server) == len(set(on_server))
    assert expected <= set(on_server)
    first = laptops[0].views()
    for laptop in laptops[1:]:
        assert laptop.views() == first, laptop.name
    for laptop in laptops:
        audit = [
            r["mutation_id"]
            for r in laptop.repo.audit_log(limit=100_000)
            if r["action"] == "sync_apply"
        ]
        assert not [m for m, n in Counter(audit).items() if n > 1], laptop.name
        assert laptop.engine.status().pending == 0


def _sent(laptop: Laptop) -> set[str]:
    rows = (
        laptop.db.reader()
        .execute("SELECT mutation_id FROM sync_log WHERE state = 'acked'")
        .fetchall()
    )
    return {r[0] for r in rows}


def test_duplicated_push_is_not_duplicated(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    ids = [world.new_carer(a, name=f"Dubbel {i} Provsson") for i in range(3)]
    a.transport.plan("/v1/push", "duplicate")
    assert a.sync().pushed == 3
    b.sync()
    assert len(world.server.mutation_ids()) == 3
    assert {r["id"] for r in b.repo.list_carers(b.actor)} == set(ids)
    _assert_everywhere(world, [a, b], _sent(a))


@pytest.mark.parametrize("kind", ["lose", "truncate"])
def test_answer_lost_after_the_server_committed_a_push(world: World, kind: str) -> None:
    a = world.laptop("a", retry=_one_try(), push_batch=2)
    b = world.laptop("b")
    for i in range(5):
        world.new_carer(a, name=f"Person {i} Provsson")
    a.transport.plan("/v1/push", "pass")  # the first batch goes through
    a.transport.plan("/v1/push", kind)  # the second is committed, its answer lost
    report = a.engine.sync_once()
    assert report.error == "server_unavailable" and report.pushed == 2
    assert len(world.server.mutation_ids()) == 4  # committed, though the laptop never heard
    assert a.engine.status().pending == 3
    assert a.sync().pushed == 3
    b.sync()
    a.sync()
    assert len(world.server.mutation_ids()) == 5
    _assert_everywhere(world, [a, b], _sent(a))


@pytest.mark.parametrize("kind", ["lose", "truncate", "drop"])
def test_pull_cut_midway_loses_and_duplicates_nothing(world: World, kind: str) -> None:
    a = world.laptop("a", push_batch=50)
    b = world.laptop("b", retry=_one_try(), pull_limit=4)
    carer_ids = [world.new_carer(a, name=f"Sida {i} Provsson") for i in range(10)]
    for carer_id in carer_ids[:3]:
        a.repo.add_entry(a.actor, carer_id, "samtal", {"text": "Kort samtal"})
    a.sync()
    # the second page's answer is cut (or, for "drop", the request never arrives)
    original = b.transport.handle_request
    calls = {"pull": 0}

    def second_page_fails(request):  # type: ignore[no-untyped-def]
        if request.url.path == "/v1/pull":
            calls["pull"] += 1
            if calls["pull"] == 2:
                return b.transport._fault(request, kind)
        return original(request)

    b.transport.handle_request = second_page_fails  # type: ignore[method-assign]
    report = b.engine.sync_once()
    assert report.error == "server_unavailable" and report.pulled == 4
    assert b.engine.status().cursor == 4
    b.sync()
    assert len(b.repo.list_carers(b.actor)) == 10
    _assert_everywhere(world, [a, b], _sent(a))


def _restore_scenario(world: World, tmp_path: Path, *, mark: bool) -> None:
    a, b, c = world.laptop("a"), world.laptop("b"), world.laptop("c")
    first = [world.new_carer(a, name=f"Tidig {i} Provsson") for i in range(3)]
    for laptop in (a, b, c):
        laptop.sync()
    backup = world.server.backup(tmp_path / "backup.db")
    # after the backup: more work is acknowledged by the server, then lost with it
    world.new_carer(a, name="Sen Provsson", notes="Skrivet efter backupen")
    a.repo.update_carer(a.actor, first[0], notes="Ändrad efter backupen")
    world.new_carer(b, name="Bodils Provsson")
    b.repo.add_entry(b.actor, first[1], "samtal", {"text": "Efter backupen"})
    for laptop in (a, b, c):
        laptop.sync()
    acknowledged = _sent(a) | _sent(b)
    before_restore = set(world.server.mutation_ids())
    assert acknowledged <= before_restore
    world.server.restore(backup, mark=mark)
    assert not acknowledged <= set(world.server.mutation_ids())
    # c syncs first: it has nothing to push and must still end up complete
    assert c.sync().restored  # a new epoch, or (unmarked) its cursor is ahead of the server
    for laptop in (b, a, c, b):
        laptop.sync()
    assert set(world.server.mutation_ids()) == before_restore
    _assert_everywhere(world, [a, b, c], acknowledged)
    assert c.record("carer", first[0])["notes"] == "Ändrad efter backupen"


def test_server_restored_from_older_backup_with_new_epoch(world: World, tmp_path: Path) -> None:
    _restore_scenario(world, tmp_path, mark=True)


def test_server_restored_from_older_backup_without_new_epoch(world: World, tmp_path: Path) -> None:
    _restore_scenario(world, tmp_path, mark=False)


def test_restore_then_new_work_before_anyone_resyncs(world: World, tmp_path: Path) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    world.new_carer(a)
    a.sync()
    backup = world.server.backup(tmp_path / "backup.db")
    for i in range(4):
        world.new_carer(a, name=f"Förlorad {i} Provsson")
    a.sync()
    world.server.restore(backup, mark=False)
    world.new_carer(b, name="Ny Provsson")  # b pushes first: the server's head passes a's cursor
    world.new_carer(b, name="Ny2 Provsson")
    b.sync()
    world.new_carer(a, name="Efter Provsson")  # a's next seq is a gap for the restored server
    report = a.sync()
    assert report.resent == 4
    b.sync()
    _assert_everywhere(world, [a, b], _sent(a) | _sent(b))
    assert len(b.repo.list_carers(b.actor)) == 8


def test_changes_missed_before_access_was_given_are_repaired(world: World) -> None:
    other_unit = world.server.store.create_unit("Hemtjänsten Söder")
    a = world.laptop("a")
    world._users["cilla"] = world.server.store.create_user(
        "cilla", "ett-långt-lösenord", [other_unit], "care_worker"
    )
    c = world.laptop("c", user="cilla")
    hidden = world.new_carer(a, name="Dold Provsson")
    a.sync()
    assert c.sync().pulled == 0 and c.engine.status().cursor == 1
    world.new_carer(a, name="Också Dold Provsson")
    a.sync()
    world.server.store.set_user_units("cilla", [other_unit, world.unit])
    report = c.sync()
    assert report.repaired and report.integrity_ok
    assert c.record("carer", hidden)["name"] == "Dold Provsson"
    _assert_everywhere(world, [a, c], _sent(a))
