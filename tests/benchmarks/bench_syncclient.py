"""Sync client benchmarks against a real server process on loopback (SQLite server).

- push of N new carers from laptop A (staging, push in batches of 500, acknowledgement)
- pull of the same N on laptop B (merge, records written, search index, audit)
- a sync with nothing to do (median of 10)

The peer (PouchDB <-> pouchdb-server over loopback, ``../shared/peerbench/run.sh``, or the
script named by ``ANHORIGDESK_PEERBENCH``) runs first with the same N on the same machine,
and every figure is reported as a ratio to the peer's best batch size of that run. Without
the peer script (or when it fails) the peer is reported as not measured: never a typed-in
figure. ``BENCH_PEER=0`` skips it on purpose; ``BENCH_PEER_REPS`` (default 3) sets its
repetitions. N from env BENCH_SYNC_N (default 5000).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from json import loads
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
ROOT = Path(__file__).resolve().parents[2]
# The targets of issue #18, as ratios to the peer's best batch size in the same run.
TARGETS = {"push": 1.0, "pull": 0.75, "noop": 0.5}


def peer_script() -> Path | None:
    named = os.environ.get("ANHORIGDESK_PEERBENCH")
    candidates = [Path(named)] if named else [ROOT.parent / "shared" / "peerbench" / "run.sh"]
    for path in candidates:
        if path.is_dir():
            path = path / "run.sh"
        if path.is_file():
            return path
    return None


def run_peer(n: int) -> dict | None:
    """The peer's figures for ``n`` documents (best batch size per figure), or None."""
    if os.environ.get("BENCH_PEER", "1") == "0":
        return None
    script = peer_script()
    if script is None:
        print("peer: not measured (no peer benchmark script; set ANHORIGDESK_PEERBENCH)")
        return None
    env = {**os.environ, "REPS": os.environ.get("BENCH_PEER_REPS", "3")}
    done = subprocess.run(
        ["bash", str(script), str(n)], capture_output=True, text=True, env=env, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-3:]
        print(f"peer: not measured (exit {done.returncode}: {' / '.join(tail)})")
        return None
    result = loads(lines[-1])
    configs = {str(result.get("batch_size", "default")): result}
    configs.update({key[2:]: value for key, value in result.items() if key.startswith("bs")})
    best = {}
    for figure, key in (("push", "push_s"), ("pull", "pull_s"), ("noop", "noop_s")):
        batch, value = min(
            ((b, c[key]) for b, c in configs.items() if key in c), key=lambda item: item[1]
        )
        best[figure] = {"s": value, "batch": batch}
    return {"peer": result.get("peer"), "reps": result.get("reps"), "best": best}


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
    peer = run_peer(N)
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
    figures = {
        "n": N,
        "push_s": round(push_s, 3),
        "pull_s": round(pull_s, 3),
        "push_per_s": round(N / push_s),
        "pull_per_s": round(N / pull_s),
        "noop_sync_ms": round(statistics.median(noop) * 1000, 1),
    }
    ours = {"push": push_s, "pull": pull_s, "noop": statistics.median(noop)}
    if peer is None:
        figures["peer"] = "not measured"
    else:
        for figure, value in ours.items():
            best = peer["best"][figure]
            figures[f"peer_{figure}_s"] = best["s"]
            figures[f"peer_{figure}_batch"] = best["batch"]
            ratio = value / best["s"]
            figures[f"{figure}_vs_peer"] = round(ratio, 2)
            figures[f"{figure}_vs_peer_target"] = TARGETS[figure]
            figures[f"{figure}_vs_peer_met"] = ratio <= TARGETS[figure]
    print(f"{'figure':<16}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<16}{value:>12}")
    return figures


if __name__ == "__main__":
    run()
