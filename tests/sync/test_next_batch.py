"""The push's next batch: mutations given a seq already (a resend) first, by seq; then new
ones in outbox order, given the next seqs. Taken along indexes, not by sorting every
waiting row for each batch (migration 0007)."""

from __future__ import annotations

import os

from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync.replica import ACKED, Replica


def test_resent_first_by_seq_then_new_in_outbox_order(tmp_path):
    db = Database(tmp_path / "s.db", os.urandom(32), create=True)
    try:
        repo = Repository(db)
        actor = Actor("staff-1", "unit-1", "Testa")
        carers = [repo.create_carer(actor, name=f"Prov {i} Exempelsson") for i in range(7)]
        replica = Replica(repo)
        staged = repo.apply_remote(replica.stage)
        assert staged == 7
        first = repo.apply_remote(lambda conn: replica.next_batch(conn, 3))
        assert [m["entity_id"] for m in first] == carers[:3] and [m["seq"] for m in first] == [1, 2, 3]
        second = repo.apply_remote(lambda conn: replica.next_batch(conn, 3))  # not acknowledged yet
        assert [m["seq"] for m in second] == [1, 2, 3]
        repo.apply_remote(lambda conn: replica.mark_acked(conn, [m["mutation_id"] for m in first]))
        # the server lost seq 2 and 3: they are pending again, before anything new
        assert repo.apply_remote(lambda conn: replica.resend_from(conn, 2)) == 2
        batch = repo.apply_remote(lambda conn: replica.next_batch(conn, 4))
        assert [m["seq"] for m in batch] == [2, 3, 4, 5]
        assert [m["entity_id"] for m in batch] == carers[1:5]
        plan = " ".join(str(r) for r in db.reader().execute(
            "EXPLAIN QUERY PLAN SELECT mutation_id FROM sync_log INDEXED BY sync_log_unsequenced"
            " WHERE state = 'pending' AND wire_seq IS NULL ORDER BY outbox_seq LIMIT 5").fetchall())
        assert "TEMP B-TREE" not in plan
        assert db.reader().execute("SELECT count(*) FROM sync_log WHERE state = ?", (ACKED,)).fetchone()[0] == 1
    finally:
        db.close()
