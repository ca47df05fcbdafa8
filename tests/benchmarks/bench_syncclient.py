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

Beside the wall times it reports where the time went: CPU seconds of this process (the
laptop: sync engine, writer thread, HTTP client) and of the server process, per figure,
next to the peer's client/server CPU of the same run. On a shared machine wall time also
holds time spent waiting for a core; the CPU figures do not.
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
NOOP_TARGET_MS = 10.0  # and the no-op sync at most this long (issue #18)
TICKS = os.sysconf("SC_CLK_TCK")


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _main_checkout() -> Path | None:
    """The repository's main checkout when this is a git worktree elsewhere (its
    ``shared/`` lies beside the main checkout, not beside the worktree)."""
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute",
                                 "--git-common-dir"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(common).parent if common else None


def peer_script() -> Path | None:
    named = os.environ.get("ANHORIGDESK_PEERBENCH")
    if named:
        candidates = [Path(named)]
    else:
        candidates = [ROOT.parent / "shared" / "peerbench" / "run.sh"]
        main = _main_checkout()
        if main is not None and main != ROOT:
            candidates.append(main.parent / "shared" / "peerbench" / "run.sh")
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
    # the peer reports CPU seconds for its first batch size only (PouchDB's default, 100)
    batch = result.get("batch_size", "default")
    cpu = {f"b{batch}_{key}": result[key] for key in ("push_cpu_client_s", "push_cpu_server_s",
                                                       "pull_cpu_client_s", "pull_cpu_server_s") if key in result}
    return {"peer": result.get("peer"), "reps": result.get("reps"), "best": best, "cpu": cpu}


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
            cpu: dict[str, float] = {}

            def timed(name: str, engine: SyncEngine):  # type: ignore[no-untyped-def]
                server, client, t = _server_cpu(proc.pid), time.process_time(), time.perf_counter()
                report = engine.sync_once()
                wall = time.perf_counter() - t
                cpu[f"{name}_client_cpu_s"] = cpu.get(f"{name}_client_cpu_s", 0.0) + time.process_time() - client
                cpu[f"{name}_server_cpu_s"] = cpu.get(f"{name}_server_cpu_s", 0.0) + _server_cpu(proc.pid) - server
                return report, wall

            push, push_s = timed("push", a[3])
            pull, pull_s = timed("pull", b[3])
            assert push.ok and pull.ok and push.pushed == N and pull.applied == N, (push, pull)
            noop = []
            for _ in range(10):
                report, wall = timed("noop", b[3])
                assert report.ok
                noop.append(wall)
            # the merge state a synced record keeps on the laptop that pulled it (#21)
            state_bytes = b[0].reader().execute(
                "SELECT avg(length(CAST(state AS BLOB))) FROM sync_entity_state").fetchone()[0]
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
        "noop_sync_ms_target": NOOP_TARGET_MS,
        "noop_sync_ms_met": statistics.median(noop) * 1000 <= NOOP_TARGET_MS,
        **{key: round(value / (10 if key.startswith("noop") else 1), 3) for key, value in cpu.items()},
        "merge_state_bytes_avg": round(state_bytes, 1),
        "load_1min": round(os.getloadavg()[0], 2),
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
        for key, value in peer["cpu"].items():
            figures[f"peer_{key}"] = value
    print(f"{'figure':<24}{'value':>14}")
    for key, value in figures.items():
        print(f"{key:<24}{value!s:>14}")
    return figures


if __name__ == "__main__":
    run()
