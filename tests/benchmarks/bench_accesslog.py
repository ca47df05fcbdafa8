"""Benchmark: the laptops' access log (issue #14, docs/PROTOCOL-3.md part E).

1. The review query on PostgreSQL (``ANHORIGDESK_TEST_PG_URL``, a fresh schema) over a
   log of ``BENCH_ACCESSLOG_ROWS`` rows (default 1,000,000; the issue's target is 10
   million): 20 units, 400 staff, 20,000 people, a year of laptop times. The rows are
   made in the database (``generate_series``), with the pseudonyms the store computes.
   Each query is ``ServerStore.review_rows`` as the endpoint calls it (the query, the
   highlights, the marks, and the write of its own log row): by person (a random person
   of the unit) and by staff member + one month; p50/p95 of ``BENCH_ACCESSLOG_QUERIES``
   (default 200) each. The monthly sample: ``review_sample`` of a unit and month never
   drawn before (the draw and its write), p50/max of 20.
2. Upload cost: one laptop syncs 10,000 new records to a real server process on loopback
   (SQLite); the same again with 10,000 access-log rows beside them. The rows' share of
   the sync time is reported (target: <= 30 %); medians of ``BENCH_ACCESSLOG_REPS``
   (default 3) runs each.

    ANHORIGDESK_TEST_PG_URL=postgresql://... uv run python tests/benchmarks/run.py accesslog

The machine may be shared: the figures are noisy, and are what was measured.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.server.store.device_log import pseudonym_of
from anhorigdesk.store import Actor, Change, Database, Repository, access_chain
from anhorigdesk.sync.engine import SyncEngine
from anhorigdesk.sync.protocol import SyncClient

ROWS = int(os.environ.get("BENCH_ACCESSLOG_ROWS", "1000000"))
QUERIES = int(os.environ.get("BENCH_ACCESSLOG_QUERIES", "200"))
REPS = int(os.environ.get("BENCH_ACCESSLOG_REPS", "3"))
UNITS, STAFF, PEOPLE = 20, 400, 20_000
PASSWORD = "benchmark-lösenord-1"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


# ---------------------------------------------------------------- 1. review on PostgreSQL
def _fill(store: ServerStore, rows: int) -> dict[str, Any]:
    units = [f"unit{u:02d}" for u in range(UNITS)]
    staff = [f"staff{s:03d}" for s in range(STAFF)]
    people = [uuid.uuid4().hex for _ in range(PEOPLE)]
    keys = [os.urandom(32).hex() for _ in people]
    began = time.perf_counter()
    with store.db.transaction(write=True) as tx:
        tx.executemany(
            "INSERT INTO person_log_keys (person_id, log_key, created_at) VALUES (?, ?, ?)",
            [(p, k, "2026-01-01T00:00:00+00:00") for p, k in zip(people, keys, strict=True)],
        )
        tx.execute("CREATE TEMP TABLE bench_people (k INTEGER PRIMARY KEY, pseudonym TEXT)")
        tx.executemany(
            "INSERT INTO bench_people (k, pseudonym) VALUES (?, ?)",
            [(i, pseudonym_of(k, p)) for i, (p, k) in enumerate(zip(people, keys, strict=True))],
        )
        # person i belongs to unit i % UNITS; staff s to unit s % UNITS; row n is an access
        # by a staff member of the person's unit, at a time spread over 2026
        tx.execute(
            f"""INSERT INTO device_access_log (log_id, client_id, log_seq, at, received_at,
                action, person, unit_id, staff_id, detail, prev, hash, flag, pushed_by, outside)
            SELECT 'log' || n, 'dev' || (n % {STAFF}), n, to_char(
                timestamp '2026-01-01' + (n::float8 / {rows} * 364 * 86400) * interval '1 second',
                'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00',
                '2026-12-31T00:00:00+00:00',
                CASE WHEN n % 50 = 0 THEN 'print:carer_summary' ELSE 'read:carer' END,
                p.pseudonym, 'unit' || lpad((p.k % {UNITS})::text, 2, '0'),
                'staff' || lpad(((((n * 7919) % ({STAFF} / {UNITS})) * {UNITS}) + p.k % {UNITS})::text, 3, '0'),
                'carer', '', md5(n::text) || md5((n + 1)::text), NULL, 'bench', 0
            FROM generate_series(1::bigint, {rows}::bigint) AS n
            JOIN bench_people p ON p.k = (n * 104729) % {PEOPLE}"""
        )
    filled = time.perf_counter() - began
    with store.db.transaction(write=True) as tx:
        tx.execute("ANALYZE device_access_log")
    return {"units": units, "staff": staff, "people": people, "fill_s": round(filled, 1)}


def bench_review(pg_base: str) -> dict[str, Any]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_base else "?"
    db = ServerDatabase(f"{pg_base}{sep}options=-csearch_path%3D{schema}")
    try:
        migrate(db)
        store = ServerStore(db, passwords=Passwords(fast=True))
        data = _fill(store, ROWS)
        rng = random.Random(7)
        by_person, by_staff, counts = [], [], []
        for _ in range(QUERIES):
            k = rng.randrange(PEOPLE)
            unit = f"unit{k % UNITS:02d}"
            t = time.perf_counter()
            page = store.review_rows(None, unit, person_id=data["people"][k])
            by_person.append(time.perf_counter() - t)
            counts.append(len(page["entries"]))
        for _ in range(QUERIES):
            s = rng.randrange(STAFF)
            month = rng.randrange(1, 12)
            t = time.perf_counter()
            page = store.review_rows(
                None, f"unit{s % UNITS:02d}", staff_id=f"staff{s:03d}",
                since=f"2026-{month:02d}-01", until=f"2026-{month + 1:02d}-01",
            )
            by_staff.append(time.perf_counter() - t)
        samples = []
        for i in range(20):
            t = time.perf_counter()
            drawn = store.review_sample(None, f"unit{i % UNITS:02d}", f"2026-{1 + i // UNITS + i % 12:02d}")
            samples.append(time.perf_counter() - t)
            assert drawn["size"] > 0
        return {
            "rows": ROWS,
            "fill_s": data["fill_s"],
            "person_rows_median": statistics.median(counts),
            "by_person_p50_ms": round(statistics.median(by_person) * 1000, 1),
            "by_person_p95_ms": round(_pct(by_person, 0.95) * 1000, 1),
            "by_staff_month_p50_ms": round(statistics.median(by_staff) * 1000, 1),
            "by_staff_month_p95_ms": round(_pct(by_staff, 0.95) * 1000, 1),
            "sample_p50_ms": round(statistics.median(samples) * 1000, 1),
            "sample_max_ms": round(max(samples) * 1000, 1),
        }
    finally:
        db.close()
        with psycopg.connect(pg_base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


# ---------------------------------------------------------------- 2. upload cost
def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _one_upload(tmp: Path, url: str, user_id: str, unit: str, name: str, logs: int) -> dict:
    db = Database(tmp / f"{name}.db", os.urandom(32), create=True)
    client = SyncClient(url, language="en")
    try:
        client.login(name, PASSWORD, device_id=db.client_id, device_name=name)
        repo = Repository(db)
        actor = Actor(staff_id=user_id, unit_id=unit)
        repo.import_records(actor, [
            Change("carer", {"name": f"Mätperson {i} Provsson", "unit_ids": [unit],
                             "phone": f"070-{i:07d}", "notes": "Påhittad anteckning. " * 12})
            for i in range(10_000)
        ])
        if logs:  # the laptop's reads, written as log_access writes them

            def write(conn):  # type: ignore[no-untyped-def]
                for i in range(logs):
                    access_chain.append(conn, db.client_id, f"2026-11-02T10:{i % 60:02d}:00+00:00",
                                        user_id, unit, "carer", uuid.uuid4().hex, "read:carer")

            db.writer.run(write)
        engine = SyncEngine(repo, client, push_batch=500, pull_limit=1000)
        t = time.perf_counter()
        report = engine.sync_once()
        seconds = time.perf_counter() - t
        assert report.ok and report.pushed == 10_000 and report.log_pushed == logs, report
        return {"s": seconds}
    finally:
        client.close()
        db.close()


def bench_upload() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        server_db = ServerDatabase(f"sqlite:///{tmp / 'server.db'}")
        migrate(server_db)
        store = ServerStore(server_db)
        unit = store.create_unit("Mätenheten")
        names = [f"u{i}" for i in range(2 * REPS)]
        ids = {u: store.create_user(u, PASSWORD, [unit], "care_worker") for u in names}
        server_db.close()
        port = _port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "anhorigdesk.server", "serve", "--port", str(port),
             "--database-url", f"sqlite:///{tmp / 'server.db'}", "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{url}/v1/hello", timeout=0.5)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            plain, with_log = [], []
            for rep in range(REPS):  # alternating, so drift on a shared machine hits both
                plain.append(_one_upload(tmp, url, ids[names[2 * rep]], unit, names[2 * rep], 0)["s"])
                with_log.append(_one_upload(tmp, url, ids[names[2 * rep + 1]], unit,
                                            names[2 * rep + 1], 10_000)["s"])
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    p, w = statistics.median(plain), statistics.median(with_log)
    return {
        "records_only_s": round(p, 2),
        "records_and_10000_log_rows_s": round(w, 2),
        "log_rows_add_pct": round((w - p) / p * 100, 1),
        "runs_records_only_s": [round(x, 2) for x in plain],
        "runs_with_log_s": [round(x, 2) for x in with_log],
    }


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    pg = os.environ.get("ANHORIGDESK_TEST_PG_URL")
    if os.environ.get("BENCH_ACCESSLOG_PART", "all") in ("all", "review"):
        figures["review_postgresql"] = (
            bench_review(pg) if pg else "skipped: ANHORIGDESK_TEST_PG_URL not set"
        )
        print("review (PostgreSQL):", figures["review_postgresql"])
    if os.environ.get("BENCH_ACCESSLOG_PART", "all") in ("all", "upload"):
        figures["upload"] = bench_upload()
        print("upload:", figures["upload"])
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, sort_keys=True))
