"""Sync client benchmarks against a real server process on loopback (SQLite server).

- push of N new carers from laptop A (staging, push in batches of 500, acknowledgement)
- pull of the same N on laptop B (merge, records written, search index, audit)
- a sync with nothing to do (median of 10)
For scale (docs STACK-FACTS): CouchDB-protocol replication moves 10,000 ~870-byte
documents on loopback in ~1.8 s each way at batch 500; a no-op sync takes ~15 ms.
N from env BENCH_SYNC_N (default 5000).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.store.repository import Change
from anhorigdesk.sync.engine import SyncEngine
from anhorigdesk.sync.protocol import SyncClient

N = int(os.environ.get("BENCH_SYNC_N", "5000"))
PASSWORD = "ett-långt-lösenord-för-mätning"
PEER_SECONDS_PER_10K = 1.8


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _laptop(tmp: Path, name: str, url: str, user: str, user_id: str, unit: str):
    db = Database(tmp / f"{name}.db", os.urandom(32), create=True)
    client = SyncClient(url, language="en")
    client.login(user, PASSWORD, device_id=db.client_id, device_name=name)
    repo = Repository(db)
    engine = SyncEngine(repo, client, push_batch=500, pull_limit=1000)
    return db, repo, client, engine, Actor(staff_id=user_id, unit_id=unit)


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        server_db = ServerDatabase(f"sqlite:///{tmp / 'server.db'}")
        migrate(server_db)
        store = ServerStore(server_db)
        unit = store.create_unit("Mätenheten")
        ids = {u: store.create_user(u, PASSWORD, [unit], "care_worker") for u in ("anna", "bo")}
        server_db.close()
        port = _port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "anhorigdesk.server",
                "serve",
                "--port",
                str(port),
                "--database-url",
                f"sqlite:///{tmp / 'server.db'}",
                "--log-level",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{url}/v1/hello", timeout=0.5)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            a = _laptop(tmp, "a", url, "anna", ids["anna"], unit)
            b = _laptop(tmp, "b", url, "bo", ids["bo"], unit)
            changes = [
                Change(
                    "carer",
                    {
                        "name": f"Mätperson {i} Provsson",
                        "unit_ids": [unit],
                        "phone": f"070-{i:07d}",
                        "address": f"Provgatan {i}, 123 45 Exempelby",
                        "notes": "Påhittad anteckning för mätning. " * 12,
                    },
                )
                for i in range(N)
            ]
            a[1].import_records(a[4], changes)
            t = time.perf_counter()
            push = a[3].sync_once()
            push_s = time.perf_counter() - t
            t = time.perf_counter()
            pull = b[3].sync_once()
            pull_s = time.perf_counter() - t
            assert push.ok and pull.ok and push.pushed == N and pull.applied == N, (push, pull)
            noop = []
            for _ in range(10):
                t = time.perf_counter()
                assert b[3].sync_once().ok
                noop.append(time.perf_counter() - t)
            for db, _repo, client, _engine, _actor in (a, b):
                client.close()
                db.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    peer = PEER_SECONDS_PER_10K * N / 10_000
    figures = {
        "n": N,
        "push_s": round(push_s, 3),
        "pull_s": round(pull_s, 3),
        "push_per_s": round(N / push_s),
        "pull_per_s": round(N / pull_s),
        "noop_sync_ms": round(statistics.median(noop) * 1000, 1),
        "push_vs_peer": round(push_s / peer, 2),
        "pull_vs_peer": round(pull_s / peer, 2),
    }
    print(f"{'figure':<16}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<16}{value:>12}")
    return figures


if __name__ == "__main__":
    run()
