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
2. Upload cost: one laptop syncs ``BENCH_ACCESSLOG_RECORDS`` (default 10,000) new records
   to a real server process on loopback (SQLite); another (a new laptop and user) the same
   number of records with as many access-log rows beside them (reads of those records),
   alternating. Reported: the ratio with/without rows (target: <= 1.3) of the wall time
   and of the CPU seconds of the laptop (this process) and of the server process; medians
   of ``BENCH_ACCESSLOG_REPS`` (default 3) runs each.

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
RECORDS = int(os.environ.get("BENCH_ACCESSLOG_RECORDS", "10000"))
UNITS, STAFF, PEOPLE = 20, 400, 20_000
PASSWORD = "benchmark-lösenord-1"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


# ---------------------------------------------------------------- 1. review on PostgreSQL
def _fill(store: ServerStore, rows: int, keep: bool = False) -> dict[str, Any]:
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
        if keep:  # the people's order, for a later run over the kept schema
            tx.execute("CREATE TABLE bench_people_kept AS SELECT * FROM bench_people")
    filled = time.perf_counter() - began
    with store.db.transaction(write=True) as tx:
        tx.execute("ANALYZE device_access_log")
    return {"units": units, "staff": staff, "people": people, "fill_s": round(filled, 1)}


def _people_of(store: ServerStore) -> list[str]:
    """The people of a kept schema in their fill order (person i is ``bench_people`` k = i)."""
    with store.db.transaction() as tx:
        rows = tx.all("SELECT person_id, log_key FROM person_log_keys")
    by_pseudonym = {pseudonym_of(k, p): p for p, k in rows}
    with store.db.transaction() as tx:
        kept = tx.all("SELECT k, pseudonym FROM bench_people_kept ORDER BY k")
    return [by_pseudonym[pseudonym] for _, pseudonym in kept]


def bench_review(pg_base: str) -> dict[str, Any]:
    """``BENCH_ACCESSLOG_SCHEMA=name`` keeps the filled schema (made and filled on the first
    run, reused as it is, migrations applied, on later runs; drop it by hand), so that the
    slow fill of 10 million rows is paid once while the queries are iterated on."""
    import psycopg

    kept = os.environ.get("BENCH_ACCESSLOG_SCHEMA")
    schema = kept or f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_base, autocommit=True) as admin:
        filled = admin.execute(
            "SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.bench_people_kept",)
        ).fetchone()[0]
        admin.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    sep = "&" if "?" in pg_base else "?"
    db = ServerDatabase(f"{pg_base}{sep}options=-csearch_path%3D{schema}")
    try:
        applied = migrate(db)
        store = ServerStore(db, passwords=Passwords(fast=True))
        if filled:
            with db.transaction() as tx:
                rows_kept = int(tx.one("SELECT count(*) FROM bench_people_kept")[0])
                log_rows = int(tx.one("SELECT reltuples::bigint FROM pg_class"
                                      " WHERE relname = 'device_access_log'"
                                      " AND relnamespace = current_schema()::regnamespace")[0])
            assert rows_kept == PEOPLE, "kept schema filled with other figures"
            if applied:
                with db.transaction(write=True) as tx:
                    tx.execute("ANALYZE device_access_log")
            # the samples are drawn anew each run (the table is append-only: its trigger
            # is skipped for this one bench-only delete)
            with psycopg.connect(pg_base, autocommit=True) as admin:
                admin.execute("SET session_replication_role = replica")
                admin.execute(f"DELETE FROM {schema}.log_review_samples")
            data = {"people": _people_of(store), "fill_s": "kept schema",
                    "rows_estimate": log_rows, "migrations_applied_now": applied}
        else:
            data = _fill(store, ROWS, keep=bool(kept))
            # a running server's append-only log has been vacuumed by autovacuum (which sets
            # the visibility map index-only scans need); the rows just written have not
            with psycopg.connect(db.url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE device_access_log")
        rng = random.Random(7)
        by_person, by_staff, counts = [], [], []
        # the review's own access-log row (a write transaction: its commit waits for the
        # WAL flush, which on a shared machine's busy disk can take longer than the reads)
        writes: list[float] = []
        log = store._log

        def timed_log(*args: Any, **kwargs: Any) -> None:
            t = time.perf_counter()
            log(*args, **kwargs)
            writes.append(time.perf_counter() - t)

        store._log = timed_log  # type: ignore[method-assign]
        for _ in range(QUERIES):
            k = rng.randrange(PEOPLE)
            unit = f"unit{k % UNITS:02d}"
            t = time.perf_counter()
            page = store.review_rows(None, unit, person_id=data["people"][k])
            by_person.append(time.perf_counter() - t)
            counts.append(len(page["entries"]))
        person_writes, writes[:] = list(writes), []
        for _ in range(QUERIES):
            s = rng.randrange(STAFF)
            month = rng.randrange(1, 12)
            t = time.perf_counter()
            page = store.review_rows(
                None, f"unit{s % UNITS:02d}", staff_id=f"staff{s:03d}",
                since=f"2026-{month:02d}-01", until=f"2026-{month + 1:02d}-01",
            )
            by_staff.append(time.perf_counter() - t)
        staff_writes = list(writes)
        samples = []
        for i in range(20):
            t = time.perf_counter()
            drawn = store.review_sample(None, f"unit{i % UNITS:02d}", f"2026-{1 + i // UNITS + i % 12:02d}")
            samples.append(time.perf_counter() - t)
            assert drawn["size"] > 0
        return {
            "rows": data.get("rows_estimate", ROWS),
            "fill_s": data["fill_s"],
            "schema": schema if kept else "fresh",
            "person_rows_median": statistics.median(counts),
            "by_person_p50_ms": round(statistics.median(by_person) * 1000, 1),
            "by_person_p95_ms": round(_pct(by_person, 0.95) * 1000, 1),
            "by_staff_month_p50_ms": round(statistics.median(by_staff) * 1000, 1),
            "by_staff_month_p95_ms": round(_pct(by_staff, 0.95) * 1000, 1),
            "by_person_log_write_p50_ms": round(statistics.median(person_writes) * 1000, 1),
            "by_person_log_write_p95_ms": round(_pct(person_writes, 0.95) * 1000, 1),
            "by_staff_log_write_p50_ms": round(statistics.median(staff_writes) * 1000, 1),
            "by_person_reads_p50_ms": round(statistics.median(
                a - b for a, b in zip(by_person, person_writes, strict=True)) * 1000, 1),
            "by_person_reads_p95_ms": round(_pct(
                [a - b for a, b in zip(by_person, person_writes, strict=True)], 0.95) * 1000, 1),
            "sample_p50_ms": round(statistics.median(samples) * 1000, 1),
            "sample_max_ms": round(max(samples) * 1000, 1),
        }
    finally:
        db.close()
        if not kept:
            with psycopg.connect(pg_base, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


# ---------------------------------------------------------------- 2. upload cost
def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _one_upload(tmp: Path, url: str, user_id: str, unit: str, name: str, logs: int,
                server_pid: int) -> dict:
    db = Database(tmp / f"{name}.db", os.urandom(32), create=True)
    client = SyncClient(url, language="en")
    try:
        client.login(name, PASSWORD, device_id=db.client_id, device_name=name)
        repo = Repository(db)
        actor = Actor(staff_id=user_id, unit_id=unit)
        changes = [
            Change("carer", {"name": f"Mätperson {i} Provsson", "unit_ids": [unit],
                             "phone": f"070-{i:07d}", "notes": "Påhittad anteckning. " * 12})
            for i in range(RECORDS)
        ]
        repo.import_records(actor, changes)
        if logs:  # the laptop's reads of the records it syncs, written as log_access writes them
            carers = [c.entity_id for c in changes]

            def write(conn):  # type: ignore[no-untyped-def]
                for i in range(logs):
                    access_chain.append(conn, db.client_id, f"2026-11-02T10:{i % 60:02d}:00+00:00",
                                        user_id, unit, "carer", carers[i % len(carers)], "read:carer")

            db.writer.run(write)
        engine = SyncEngine(repo, client, push_batch=500, pull_limit=1000)
        cpu, server_cpu, t = time.process_time(), _server_cpu(server_pid), time.perf_counter()
        report = engine.sync_once()
        seconds = time.perf_counter() - t
        cpu, server_cpu = time.process_time() - cpu, _server_cpu(server_pid) - server_cpu
        assert report.ok and report.pushed == RECORDS and report.log_pushed == logs, report
        return {"s": seconds, "client_cpu_s": cpu, "server_cpu_s": server_cpu}
    finally:
        client.close()
        db.close()


def bench_upload() -> dict[str, Any]:
    """N records, then N records + N log rows, alternating, each by a new laptop and user;
    wall time of ``sync_once`` and the CPU seconds of the laptop (this process) and of the
    server process during it."""
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        server_db = ServerDatabase(f"sqlite:///{tmp / 'server.db'}")
        migrate(server_db)
        store = ServerStore(server_db)
        names = [f"u{i}" for i in range(2 * REPS)]
        # a unit of each laptop's own: a pull brings back only that laptop's records, not
        # those of the runs before it
        units = {u: store.create_unit(f"Mätenheten {u}") for u in names}
        ids = {u: store.create_user(u, PASSWORD, [units[u]], "care_worker") for u in names}
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
                a, b = names[2 * rep], names[2 * rep + 1]
                plain.append(_one_upload(tmp, url, ids[a], units[a], a, 0, proc.pid))
                with_log.append(_one_upload(tmp, url, ids[b], units[b], b, RECORDS, proc.pid))
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    out: dict[str, Any] = {"records": RECORDS, "log_rows": RECORDS, "reps": REPS}
    for key, label in (("s", "wall_s"), ("client_cpu_s", "client_cpu_s"),
                       ("server_cpu_s", "server_cpu_s")):
        p, w = med(plain, key), med(with_log, key)
        out[f"records_only_{label}"] = round(p, 2)
        out[f"with_log_{label}"] = round(w, 2)
        out[f"ratio_{label}"] = round(w / p, 3) if p else None
    p_total = med(plain, "client_cpu_s") + med(plain, "server_cpu_s")
    w_total = med(with_log, "client_cpu_s") + med(with_log, "server_cpu_s")
    out["ratio_total_cpu"] = round(w_total / p_total, 3)
    out["runs_records_only_s"] = [round(r["s"], 2) for r in plain]
    out["runs_with_log_s"] = [round(r["s"], 2) for r in with_log]
    out["target_ratio"] = 1.3
    return out


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
