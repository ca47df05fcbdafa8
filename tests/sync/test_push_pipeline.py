"""The push prepares the next batch while one is on its way (sync/engine.py ``_push``):
one writer transaction per batch, seqs still committed before a batch is sent, a batch
marked acknowledged only after the server's answer, and every way a batch can fail in
the middle of a pipelined push (answer lost, a refused mutation) ends as before."""

from __future__ import annotations

from typing import Any

from anhorigdesk.sync.engine import SyncReport
from tests.sync.conftest import World


def _count_writer_jobs(laptop: Any) -> list[int]:
    """Count the writer transactions the laptop's store runs from now on."""
    writer = laptop.db.writer
    count = [0]
    submit = writer.submit

    def counted(job: Any) -> Any:
        count[0] += 1
        return submit(job)

    writer.submit = counted
    return count


def _server_seqs(world: World, client_id: str) -> list[int]:
    with world.server.db.transaction() as tx:
        return [r[0] for r in tx.all(
            "SELECT seq FROM mutations WHERE client_id = ? ORDER BY server_seq", (client_id,))]


def test_a_pipelined_push_takes_one_writer_transaction_per_batch(world: World) -> None:
    a, b = world.laptop("a", push_batch=3), world.laptop("b")
    a.sync()  # the first sync with this server (its epoch, the probe) is behind us
    carers = [world.new_carer(a, name=f"Person {i} Provsson") for i in range(7)]
    a.repo.apply_remote(a.engine.replica.stage)  # staged beforehand: only the push is counted
    report = SyncReport()
    epoch = a.engine._hello(report, None)
    jobs = _count_writer_jobs(a)
    seen: list[tuple[int, int]] = []
    a.engine._push(epoch, report, None, lambda done, total: seen.append((done, total)))
    assert report.pushed == 7
    # 3 batches (3, 3, 1): the first batch, the second prepared while the first travels, then
    # one transaction per acknowledgement (marking it and preparing the batch after the next)
    # -- before, every batch took two (its seqs, then its acknowledgement) and one more found
    # nothing left: 7
    assert jobs[0] == 5
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert _server_seqs(world, a.db.client_id) == [1, 2, 3, 4, 5, 6, 7]
    status = a.engine.status()
    assert status.pending == 0
    assert a.db.reader().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    b.sync()
    assert sorted(b.record("carer", c)["name"] for c in carers) == sorted(
        f"Person {i} Provsson" for i in range(7))


def test_a_lost_answer_in_the_middle_of_a_pipelined_push_is_sent_again_once(world: World) -> None:
    a, b = world.laptop("a", push_batch=2), world.laptop("b")
    carers = [world.new_carer(a, name=f"Person {i} Provsson") for i in range(7)]
    a.transport.plan("/v1/push", "pass")  # the first batch goes through
    a.transport.plan("/v1/push", "lose")  # the second is stored, its answer lost: sent again
    report = a.sync()
    assert report.pushed == 7 and a.sleeps  # the retry waited once
    assert _server_seqs(world, a.db.client_id) == [1, 2, 3, 4, 5, 6, 7]
    assert a.engine.status().pending == 0
    b.sync()
    assert {b.record("carer", c)["name"] for c in carers} == {f"Person {i} Provsson" for i in range(7)}
    assert len(world.server.mutation_ids()) == len(set(world.server.mutation_ids())) == 7


def test_a_refused_mutation_in_the_middle_of_a_pipelined_push_is_set_aside(world: World) -> None:
    a, b = world.laptop("a", push_batch=2), world.laptop("b")
    before = [world.new_carer(a, name=f"Före {i} Provsson") for i in range(4)]
    refused = world.new_carer(a, name="Okänd Provsson", unit_ids=["enhet-som-saknas"])
    after = [world.new_carer(a, name=f"Efter {i} Provsson") for i in range(3)]
    report = a.sync()
    assert len(report.rejected) == 1 and report.pushed == 7
    status = a.engine.status()
    assert status.rejected == 1 and status.pending == 0
    # the seqs the server holds have no hole: the prepared batch after the refusal got new ones
    assert _server_seqs(world, a.db.client_id) == [1, 2, 3, 4, 5, 6, 7]
    b.sync()
    assert {b.record("carer", c)["name"] for c in before + after} == (
        {f"Före {i} Provsson" for i in range(4)} | {f"Efter {i} Provsson" for i in range(3)})
    assert a.record("carer", refused)["name"] == "Okänd Provsson"
