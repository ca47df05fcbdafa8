"""Follow-up statistics (issue #14): one unit, one year, 10,000 carers / 200,000 entries.

Targets: <= 500 ms on the server (SQLite and PostgreSQL; PostgreSQL when
ANHORIGDESK_TEST_PG_URL is set, in a fresh schema dropped afterwards), <= 1 s on the laptop
(its encrypted store). The server's figure is ``ServerStore.unit_statistics`` (the
endpoint's work without HTTP); the laptop's is ``caseload_statistics`` on the store's
reader. Median of RUNS runs after one warm-up.

The data: 10,000 carers of the unit (and 1,000 of another unit the query must skip), each
with a relation, 200,000 entries of the unit's carers in 2025-2026 (samtal, stödplan,
frivillighet, korttid with its checklist, handouts, and notes the counts skip), 5,000
follow-up tasks and 500 schedule decisions. The server's rows are written straight into
its tables in the merged-state format the sync log writes (building them through 210,000
pushes would take the benchmark's whole budget), and then their statistics facts filled as
server migration 0013 fills them on an existing database (``facts_fill_s``); the laptop's
through ``import_records`` (its triggers keep the facts).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from anhorigdesk.followup.local import caseload_statistics
from anhorigdesk.followup.statistics import Period
from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import Principal, ServerStore
from anhorigdesk.server.store.statistics import fill_facts
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.store.repository import Change

CARERS = 10_000
OTHER_CARERS = 1_000
ENTRIES = 200_000
TASKS = 5_000
SETTINGS = 500
RUNS = 5
UNIT, OTHER = "unit-bench", "unit-other"
PERIOD = Period.year(2026)
KINDS = ("samtal", "stodplan", "frivillighet", "korttid", "handout", "note")
CHECKLIST = ("welcome_talk", "ask_your_knowledge", "named_contact", "keep_informed",
             "ask_how_you_are", "information_given", "going_home_talk")


def records(seed: int = 14) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    rnd = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)

    def when() -> str:
        return (start + timedelta(minutes=rnd.randrange(0, 2 * 365 * 24 * 60))).isoformat()

    out: dict[str, list[tuple[str, dict[str, Any]]]] = {
        k: [] for k in ("carer", "relation", "entry", "follow_up_task", "schedule_setting")}
    mine = [uuid.UUID(int=rnd.getrandbits(128)).hex for _ in range(CARERS)]
    for i, cid in enumerate(mine + [uuid.UUID(int=rnd.getrandbits(128)).hex for _ in range(OTHER_CARERS)]):
        out["carer"].append((cid, {
            "name": f"Bänk Person {i}", "unit_ids": [UNIT if i < CARERS else OTHER],
            "birth_date": f"{rnd.randrange(1930, 2012)}-0{rnd.randrange(1, 10)}-1{rnd.randrange(0, 10)}",
            "is_child": rnd.random() < 0.03,
        }))
        out["relation"].append((uuid.UUID(int=rnd.getrandbits(128)).hex, {
            "carer_id": cid, "cared_for_id": f"p{i}",
            "kind": rnd.choice(("partner", "child", "parent", "sibling", "friend", "other"))}))
    for _ in range(ENTRIES):
        kind = rnd.choice(KINDS)
        data: dict[str, Any] = {"note": "Bänkanteckning " * 4}
        if kind == "korttid":
            data = {i: {"status": rnd.choice(("done", "done", "done", "partly", "not_relevant"))} for i in CHECKLIST}
        elif kind == "handout":
            data = {"kind": rnd.choice(("information_handout", "support_plan")),
                    "language": rnd.choice(("sv", "en", "ar", "so", "fi")), "pages": 2}
        out["entry"].append((uuid.UUID(int=rnd.getrandbits(128)).hex, {
            "carer_id": rnd.choice(mine), "kind": kind, "occurred_at": when(), "data": data,
            "confidentiality": "carer_only"}))
    for i in range(TASKS):
        raised = datetime.fromisoformat(when())
        resolved = raised + timedelta(days=rnd.randrange(1, 30)) if rnd.random() < 0.8 else None
        out["follow_up_task"].append((uuid.UUID(int=rnd.getrandbits(128)).hex, {
            "carer_id": rnd.choice(mine), "entry_id": f"e{i}", "form_id": "frivillighet",
            "flag_id": rnd.choice(("not_voluntary", "burden_high", "wants_to_reduce_or_stop")),
            "raised_at": raised.isoformat(), "due_on": (raised + timedelta(days=14)).date().isoformat(),
            "resolved_at": resolved.isoformat() if resolved else None,
            "resolved_by": "s1" if resolved else None}))
    for _ in range(SETTINGS):
        out["schedule_setting"].append((uuid.UUID(int=rnd.getrandbits(128)).hex, {
            "carer_id": rnd.choice(mine), "kind": rnd.choice(("pause", "decline", "close")),
            "at": when(), "by_staff_id": "s1"}))
    return out


def _median_ms(work: Any) -> tuple[float, list[float], Any, float]:
    """Median wall time of RUNS runs after a warm-up, the runs, the last result, and the
    median CPU time of this process per run (on a shared machine the wall time also holds
    the waits for a core; the CPU time is the work done here, which for SQLite and the
    laptop is all of it, for PostgreSQL only the client's part)."""
    result = work()  # warm-up
    times, cpu = [], []
    for _ in range(RUNS):
        c0, t0 = time.process_time(), time.perf_counter()
        result = work()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), times, result, statistics.median(cpu)


def _server_fill(db: ServerDatabase, data: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
    seq = 0
    rows, scope_units = [], []
    carer_units = {cid: v["unit_ids"][0] for cid, v in data["carer"]}
    for entity, items in data.items():
        for entity_id, fields in items:
            seq += 1
            hlc = f"{1_767_000_000_000 + seq:016d}-00000-benchdevice"
            mid = uuid.UUID(int=seq).hex
            state = {"format": 2, "entity": entity, "entity_id": entity_id, "hlc": hlc, "heads": {
                name: [{"value": value, "hlc": hlc, "mutation_id": mid, "client_id": "benchdevice",
                        "seen": ""}] for name, value in fields.items() if value is not None}}
            scope = entity_id if entity == "carer" else fields["carer_id"]
            rows.append((entity, entity_id, scope, json.dumps(state, sort_keys=True, ensure_ascii=False), seq))
            if entity == "carer":
                scope_units.append((scope, carer_units[scope]))
    with db.transaction(write=True) as tx:
        for start in range(0, len(rows), 5000):
            tx.executemany("INSERT INTO entities (entity, entity_id, scope_key, state, updated_seq)"
                           " VALUES (?, ?, ?, ?, ?)", rows[start:start + 5000])
        tx.executemany("INSERT INTO scope_units (scope_key, unit_id) VALUES (?, ?)", scope_units)


def _server(url: str, data: dict[str, Any], filled: bool = False) -> dict[str, Any]:
    """``filled``: a kept PostgreSQL schema filled by an earlier run (only migrated now)."""
    db = ServerDatabase(url)
    try:
        migrate(db)
        fill_s: float | str = "kept schema"
        facts_fill_s: float | str = "kept schema"
        if not filled:
            t0 = time.perf_counter()
            _server_fill(db, data)
            fill_s = time.perf_counter() - t0
            # the rows went straight into the tables: their statistics facts are filled as
            # migration 0013 fills them on an existing database (timed on its own)
            t0 = time.perf_counter()
            with db.transaction(write=True) as tx:
                fill_facts(tx)
            facts_fill_s = time.perf_counter() - t0
            if db.dialect.is_pg:
                # a running server's tables have been vacuumed by autovacuum (which sets the
                # visibility map index-only scans need); the rows just written have not
                import psycopg

                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("VACUUM ANALYZE stat_facts, stat_units, entities, scope_units")
        store = ServerStore(db, passwords=Passwords(fast=True),
                            clock=lambda: datetime(2026, 12, 7, 12, tzinfo=UTC))
        manager = Principal("u-bench", "maja", "unit_manager", frozenset({UNIT}), "dev", "sess")
        median, times, stats, cpu = _median_ms(
            lambda: store.unit_statistics(manager, [UNIT], PERIOD, "127.0.0.1"))
    finally:
        db.close()
    return {"median_ms": round(median, 1), "runs_ms": [round(t, 1) for t in times],
            "median_cpu_ms": round(cpu, 1),
            "fill_s": _round(fill_s), "facts_fill_s": _round(facts_fill_s),
            "active": stats.count("carers", "active"),
            "conversations": stats.count("conversations", "held")}


def _round(value: float | str) -> float | str:
    return round(value, 1) if isinstance(value, float) else value


def _pg(data: dict[str, Any]) -> dict[str, Any] | None:
    """``BENCH_STATISTICS_SCHEMA=name`` keeps the filled schema (filled on the first run,
    reused on later ones; drop it by hand) for iterating on the queries."""
    base = os.environ.get("ANHORIGDESK_TEST_PG_URL")
    if not base:
        return None
    import psycopg

    kept = os.environ.get("BENCH_STATISTICS_SCHEMA")
    schema = kept or f"bench_stats_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as admin:
        filled = admin.execute("SELECT to_regclass(%s) IS NOT NULL",
                               (f"{schema}.stat_facts",)).fetchone()[0]
        admin.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    sep = "&" if "?" in base else "?"
    try:
        return _server(f"{base}{sep}options=-csearch_path%3D{schema}", data, filled=bool(filled))
    finally:
        if not kept:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _laptop(tmp: Path, data: dict[str, Any]) -> dict[str, Any]:
    laptop = Database(tmp / "laptop.db", os.urandom(32), create=True)
    repo, actor = Repository(laptop), Actor("s1", UNIT, "Bänk")
    try:
        t0 = time.perf_counter()
        for entity in ("carer", "relation", "entry", "follow_up_task", "schedule_setting"):
            repo.import_records(actor, [Change(entity, {k: v for k, v in f.items() if v is not None}, i)
                                        for i, f in data[entity]])
        fill_s = time.perf_counter() - t0
        now = datetime(2026, 12, 7, 12, tzinfo=UTC)
        median, times, stats, cpu = _median_ms(
            lambda: caseload_statistics(laptop.reader(), [UNIT], PERIOD, now))
    finally:
        laptop.close()
    return {"median_ms": round(median, 1), "runs_ms": [round(t, 1) for t in times],
            "median_cpu_ms": round(cpu, 1),
            "fill_s": round(fill_s, 1), "active": stats.count("carers", "active"),
            "conversations": stats.count("conversations", "held")}


def run() -> dict[str, Any]:
    # BENCH_STATISTICS_PARTS=sqlite,postgresql,laptop (the default: all three)
    parts = set(os.environ.get("BENCH_STATISTICS_PARTS", "sqlite,postgresql,laptop").split(","))
    data = records()
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in parts:
            figures["server_sqlite"] = _server(f"sqlite:///{Path(tmp) / 'server.db'}", data)
            print("server sqlite", figures["server_sqlite"], flush=True)
        pg = _pg(data) if "postgresql" in parts else None
        if pg is not None:
            figures["server_postgresql"] = pg
            print("server postgresql", pg, flush=True)
        if "laptop" in parts:
            figures["laptop"] = _laptop(Path(tmp), data)
            print("laptop", figures["laptop"], flush=True)
    figures["targets_ms"] = {"server": 500, "laptop": 1000}
    return figures
