"""Benchmark: how the server's sync log grows with repeated edits of one record, and what
``admin compact-log`` gives back (docs/SERVER.md, "The sync log and compaction").

One laptop edits one carer's notes 1,000 times (pushed to an in-process server store on
SQLite in batches of 100); database size after VACUUM at the start, after the edits and
after compaction, for notes of ~215 and ~2,000 characters; and the compaction's time.
Sizes are exact; the time is noisy on a shared machine (median of the runs).

    uv run python tests/benchmarks/bench_synclog.py
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from anhorigdesk.server.compaction import compact_log
from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.log_stats import log_stats
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync.replica import Replica

EDITS = 1000
PASSWORD = "benchmark-lösenord-1"
LATER = "9999-12-31T00:00:00.000000Z"


def _size(path: Path) -> int:
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return int(size)


def one_run(note_chars: int, tmp: Path) -> dict[str, Any]:
    path = tmp / f"server-{note_chars}.db"
    db = ServerDatabase(f"sqlite:///{path}")
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True))
    unit = store.create_unit("Enhet")
    user_id = store.create_user("anna", PASSWORD, [unit], "care_worker")
    laptop = Database(tmp / f"laptop-{note_chars}.db", os.urandom(32), create=True)
    tokens = store.login("anna", PASSWORD, laptop.client_id, "Bänken", "127.0.0.1")
    principal = store.authenticate(tokens["access_token"])
    repo, actor = Repository(laptop), Actor(user_id, unit, "anna")

    replica = Replica(repo)

    def push() -> None:  # as the sync engine pushes: stage, next batch, mark acknowledged
        repo.apply_remote(replica.stage)
        batch = repo.apply_remote(lambda conn: replica.next_batch(conn, 500))
        store.push(principal, batch, None, "127.0.0.1")
        repo.apply_remote(lambda conn: Replica.mark_acked(conn, [m["mutation_id"] for m in batch]))

    carer = repo.create_carer(actor, name="Testa Provsson", unit_ids=[unit], notes="start")
    push()
    db.close()
    start = _size(path)
    db = ServerDatabase(f"sqlite:///{path}")
    store.db = db
    for i in range(EDITS):
        repo.update_carer(actor, carer, notes=f"anteckning {i} " + "y" * note_chars)
        if i % 100 == 99:
            push()
    stats = log_stats(db)
    db.close()
    grown = _size(path)
    db = ServerDatabase(f"sqlite:///{path}")
    began = time.perf_counter()
    result = compact_log(db, before=LATER)
    seconds = time.perf_counter() - began
    db.close()
    compacted = _size(path)
    laptop.close()
    return {"note_chars": note_chars, "mutations": stats.mutations, "superseded": stats.superseded,
            "db_bytes_start": start, "db_bytes_after_edits": grown, "db_bytes_after_compaction": compacted,
            "compacted": result.compacted, "compaction_seconds": seconds}


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for chars in (200, 2000):
            runs = []
            for i in range(3):
                folder = Path(tmp) / f"run-{chars}-{i}"
                folder.mkdir()
                runs.append(one_run(chars, folder))
            first = runs[0]
            key = f"notes_{chars}"
            figures[f"{key}_db_bytes_start"] = first["db_bytes_start"]
            figures[f"{key}_db_bytes_after_{EDITS}_edits"] = first["db_bytes_after_edits"]
            figures[f"{key}_db_bytes_after_compaction"] = first["db_bytes_after_compaction"]
            figures[f"{key}_saved_ratio"] = round(
                1 - first["db_bytes_after_compaction"] / first["db_bytes_after_edits"], 3)
            figures[f"{key}_compaction_seconds_median"] = round(
                statistics.median(r["compaction_seconds"] for r in runs), 3)
            figures[f"{key}_superseded"] = first["superseded"]
    print(f"{'notes':>6} {'start':>10} {'after edits':>12} {'compacted':>10} {'saved':>6} {'compact s':>9}")
    for chars in (200, 2000):
        k = f"notes_{chars}"
        print(f"{chars:>6} {figures[f'{k}_db_bytes_start']:>10} {figures[f'{k}_db_bytes_after_{EDITS}_edits']:>12}"
              f" {figures[f'{k}_db_bytes_after_compaction']:>10} {figures[f'{k}_saved_ratio']:>6.1%}"
              f" {figures[f'{k}_compaction_seconds_median']:>9}")
    return figures


if __name__ == "__main__":
    run()
