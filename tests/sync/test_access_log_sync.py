"""Laptops' access-log rows reach the server (docs/PROTOCOL-3.md part E): exactly once,
through lost, duplicated and cut requests and a server restored from a backup; a row
changed or deleted on a laptop is flagged; a protocol-2 laptop keeps its log local."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.store import access_chain
from anhorigdesk.sync import log_push
from anhorigdesk.sync.engine import RetryPolicy

from .conftest import Laptop, World


def _local_rows(laptop: Laptop) -> list[dict]:
    rows = laptop.db.reader().execute(
        f"SELECT {access_chain.COLUMNS} FROM access_log ORDER BY seq"
    ).fetchall()
    return [access_chain.wire_row(laptop.db.client_id, r) for r in rows]


def _assert_exactly_once(world: World, laptops: list[Laptop]) -> None:
    stored = world.server.store.device_log_rows()
    counts = Counter(r["log_id"] for r in stored)
    assert [i for i, n in counts.items() if n > 1] == []
    for laptop in laptops:
        local = _local_rows(laptop)
        assert local, laptop.name
        assert {r["log_id"] for r in local} <= set(counts), laptop.name
        mine = [r for r in stored if r["client_id"] == laptop.db.client_id]
        assert len(mine) == len(local)
        assert all(r["flag"] is None for r in mine), mine
        assert log_push.pending_count(laptop.db.reader()) == 0


def _read_some(world: World, laptop: Laptop, n: int = 3) -> list[str]:
    ids = [world.new_carer(laptop, name=f"Läst {i} Provsson") for i in range(n)]
    for carer_id in ids:
        laptop.repo.get_carer(laptop.actor, carer_id)
    return ids


def test_rows_are_chained_and_reach_the_server_once_with_a_pseudonym(world: World) -> None:
    a = world.laptop("a")
    ids = _read_some(world, a)
    local = _local_rows(a)
    assert local[0]["prev"] == GENESIS
    for before, row in itertools.pairwise(local):
        assert row["prev"] == before["hash"]
    assert all(row_hash(r) == r["hash"] for r in local)

    report = a.sync()
    assert report.log_pushed == len(local)
    assert a.sync().log_pushed == 0  # nothing twice
    _assert_exactly_once(world, [a])
    stored = world.server.store.device_log_rows()
    assert {r["staff_id"] for r in stored} == {a.actor.staff_id}
    assert all(r["received_at"] and r["at"] for r in stored)
    # the person is only a pseudonym on the server
    persons = {r["person"] for r in stored}
    assert not persons & set(ids)
    assert world.server.store.person_pseudonym(ids[0]) in persons


def test_rows_written_offline_on_two_laptops_arrive_exactly_once(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    _read_some(world, a)
    _read_some(world, b, 2)
    a.sync()
    b.sync()
    for carer in b.repo.list_carers(b.actor):  # b reads what a wrote, offline
        b.repo.get_carer(b.actor, carer["id"])
    a.repo.get_carer(a.actor, a.repo.list_carers(a.actor)[0]["id"])
    b.sync()
    a.sync()
    _assert_exactly_once(world, [a, b])


@pytest.mark.parametrize("kind", ["duplicate", "lose", "truncate", "drop"])
def test_a_faulty_log_push_loses_and_duplicates_nothing(world: World, kind: str) -> None:
    a = world.laptop("a", retry=RetryPolicy(attempts=1, sleep=lambda s: None))
    _read_some(world, a)
    a.sync()
    a.repo.get_carer(a.actor, a.repo.list_carers(a.actor)[0]["id"])
    assert log_push.pending_count(a.db.reader()) > 0
    a.transport.plan("/v1/push", kind)  # no mutation pending: this is the log's push
    report = a.engine.sync_once()
    if kind != "duplicate":
        assert not report.ok
    a.sync()
    _assert_exactly_once(world, [a])


def test_a_restored_server_is_sent_every_row_again_and_keeps_each_once(
    world: World, tmp_path: Path
) -> None:
    a = world.laptop("a")
    _read_some(world, a)
    a.sync()
    backup = world.server.backup(tmp_path / "backup.db")
    a.repo.get_carer(a.actor, a.repo.list_carers(a.actor)[0]["id"])
    a.sync()
    world.server.restore(backup)  # the newest rows are lost on the server
    before = len(world.server.store.device_log_rows())
    assert before < len(_local_rows(a))
    report = a.sync()
    assert report.restored
    _assert_exactly_once(world, [a])


def test_a_server_restored_without_a_new_epoch_gets_the_lost_rows_after_the_repair(
    world: World, tmp_path: Path
) -> None:
    a = world.laptop("a")
    ids = _read_some(world, a)
    a.sync()
    backup = world.server.backup(tmp_path / "backup.db")
    a.repo.update_carer(a.actor, ids[0], notes="efter backupen")  # the repair notices this
    a.repo.get_carer(a.actor, ids[1])
    a.sync()
    world.server.restore(backup, mark=False)
    assert len(world.server.store.device_log_rows()) < len(_local_rows(a))
    report = a.sync()
    assert report.restored or report.resent or report.repaired
    _assert_exactly_once(world, [a])


def _sql(laptop: Laptop, *statements: str) -> None:
    def job(conn):  # type: ignore[no-untyped-def]
        for statement in statements:
            conn.execute(statement)

    laptop.db.writer.run(job)


_LIFT = "DROP TRIGGER access_log_no_{0}"
_PUT_BACK = ("CREATE TRIGGER access_log_no_{0} BEFORE {1} ON access_log"
             " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END")


def test_the_laptop_refuses_to_change_or_delete_a_row(world: World) -> None:
    a = world.laptop("a")
    _read_some(world, a, 1)
    with pytest.raises(Exception, match="append-only"):
        _sql(a, "UPDATE access_log SET action = 'x'")
    with pytest.raises(Exception, match="append-only"):
        _sql(a, "DELETE FROM access_log")


def test_a_row_altered_on_the_laptop_is_flagged_not_refused(world: World) -> None:
    a = world.laptop("a")
    _read_some(world, a)
    victim = _local_rows(a)[1]["log_seq"]
    _sql(a, _LIFT.format("update"),
         f"UPDATE access_log SET person_id = 'someone-else' WHERE seq = {victim}",
         _PUT_BACK.format("update", "UPDATE"))
    a.sync()  # not refused: every row arrives
    stored = {r["log_seq"]: r for r in world.server.store.device_log_rows()}
    assert len(stored) == len(_local_rows(a))
    assert stored[victim]["flag"] == "altered"
    assert [s for s, r in stored.items() if r["flag"]] == [victim]
    flagged = [r for r in world.server.store.access_log() if r["outcome"] == "flagged"]
    assert [r["detail"] for r in flagged] == [f"altered log_seq={victim}"]


def test_a_row_deleted_on_the_laptop_leaves_a_flagged_gap(world: World) -> None:
    a = world.laptop("a")
    _read_some(world, a)
    victim = _local_rows(a)[1]["log_seq"]
    _sql(a, _LIFT.format("delete"), f"DELETE FROM access_log WHERE seq = {victim}",
         _PUT_BACK.format("delete", "DELETE"))
    a.sync()
    stored = {r["log_seq"]: r for r in world.server.store.device_log_rows()}
    assert victim not in stored
    assert stored[victim + 1]["flag"] == "gap"
    assert [s for s, r in stored.items() if r["flag"]] == [victim + 1]


def test_a_row_altered_after_it_was_pushed_is_flagged_when_sent_again(
    world: World, tmp_path: Path
) -> None:
    a = world.laptop("a")
    _read_some(world, a)
    a.sync()
    victim = _local_rows(a)[0]["log_seq"]
    original = world.server.store.device_log_rows()[0]
    _sql(a, _LIFT.format("update"),
         f"UPDATE access_log SET action = 'read:nothing' WHERE seq = {victim}",
         _PUT_BACK.format("update", "UPDATE"))
    world.server.store.restore_marker()  # a new epoch: the laptop sends every row again
    a.sync()
    assert world.server.store.device_log_rows()[0] == original  # the stored row stands
    flagged = [r["detail"] for r in world.server.store.access_log() if r["outcome"] == "flagged"]
    assert flagged == [f"altered_after_push log_seq={victim}"]


def test_a_protocol_2_laptop_keeps_its_log_local_and_syncs(world: World) -> None:
    a = world.laptop("a")
    a.client.protocol_version = 2
    a.client._http.headers["X-AnhorigDesk-Protocol"] = "2"
    _read_some(world, a)
    report = a.sync()
    assert report.pushed > 0 and report.log_pushed == 0
    assert world.server.store.device_log_rows() == []
    assert log_push.pending_count(a.db.reader()) == len(_local_rows(a))
