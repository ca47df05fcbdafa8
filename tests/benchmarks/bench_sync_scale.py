"""The sync server at scale (issue #18 "server at scale"): a fresh laptop of one unit
downloads that unit's 10,000 carers from a server that already holds 1,000,000 mutations of
100 units, against the same download from a server that holds only that unit; and the
no-op pull rate of the unit's users on both. SQLite, and PostgreSQL when
ANHORIGDESK_TEST_PG_URL is set (``BENCH_BACKENDS=sqlite`` runs SQLite only).

The servers are seeded with bulk SQL (not through the API, which would take an hour): per
unit ``PER_UNIT`` carers with one ``carer`` mutation each, the units' mutations interleaved
in the log as concurrent pushes leave them (unit k holds every 100th ``server_seq``), with
every row push writes: the log row with its running scope figures, the scope, its unit,
the merged entity state, the device's last seq. Payloads, checksums and states are
computed by the same functions push uses; a check pulls the seeded unit through the API and
compares the integrity digest with one computed from what was pulled.

Figures: ``download_s`` (median of ``DOWNLOADS`` fresh downloads, pages of 1,000 by the
protocol client), ``noop_pull_per_s_wrk`` and ``hello_per_s_wrk`` (wrk, 50 connections,
10 s) on the small and the big server, and the ratios big / small.

    uv run python tests/benchmarks/run.py scale
    ANHORIGDESK_BENCH_SCALE_UNITS=10 ... (a smaller big server: 10 units)
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from bench_sync_server import CONCURRENT, PASSWORD, _start, _stop, _wrk

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, add_to_checksum, combine
from anhorigdesk.replication.merge import apply_mutation
from anhorigdesk.server.compaction import canonical
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.sync.protocol import PROTOCOL_VERSION, MemoryTokenStore, SyncClient

N_UNITS = int(os.environ.get("ANHORIGDESK_BENCH_SCALE_UNITS", "100"))
PER_UNIT = int(os.environ.get("ANHORIGDESK_BENCH_SCALE_PER_UNIT", "10000"))
PULL_LIMIT = 1000
DOWNLOADS = 3
CHUNK = 20_000
RECEIVED_AT = "2026-03-01T09:00:00+00:00"


# Placeholders of the payload and state templates (each appears only where its value goes).
_SLOTS = {"mutation_id": "@M@", "carer": "@C@", "client_id": "@K@", "hlc": "@H@",
          "staff": "@S@", "unit": "@U@", "number": "@I@"}
_SEQ_SLOT = 987654321987


def _sample(seq: int, mutation_id: str, carer: str, client_id: str, hlc: str, staff: str,
            unit: str, number: str) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id,
        "client_id": client_id,
        "seq": seq,
        "entity": "carer",
        "entity_id": carer,
        "op": "upsert",
        "fields": {"name": f"Provperson {number}", "phone": "070-123 45 67",
                   "notes": "Anhörig till make med demens; avlösning två dagar i veckan."},
        "base": {},
        "hlc": hlc,
        "carer_id": carer,
        "unit_ids": [unit],
        "actor": {"staff_id": staff, "unit_id": unit},
    }


def _state(m: dict[str, Any]) -> str:
    return json.dumps(apply_mutation(None, m).to_json(), sort_keys=True, ensure_ascii=False)


def _fill(template: str, values: dict[str, str]) -> str:
    for slot, value in values.items():
        template = template.replace(slot, value)
    return template


def _rows(units: list[str], staff: dict[str, str]) -> Iterator[tuple[tuple[Any, ...], ...]]:
    """Per mutation (log row, scope row, scope unit row, entity row), units interleaved.
    Payload and state come from templates made by the functions push uses (``canonical``,
    ``apply_mutation``) and filled in; the first rows of each unit are checked against
    those functions."""
    template = _sample(_SEQ_SLOT, *(_SLOTS[k] for k in ("mutation_id", "carer", "client_id",
                                                        "hlc", "staff", "unit", "number")))
    payload_t, state_t = canonical(template), _state(template)
    per_unit_seq = dict.fromkeys(units, 0)
    server_seq = 0
    for i in range(PER_UNIT):
        for unit in units:
            server_seq += 1
            per_unit_seq[unit] += 1
            seq = per_unit_seq[unit]
            client_id = f"seed-{unit}"
            carer = f"{(server_seq << 32) | 0xC0FFEE:032x}"
            mutation_id = f"{(server_seq << 32) | 0xBEEF:032x}"
            hlc = f"{1_772_000_000_000 + server_seq:016d}-00000-{client_id}"
            values = {"@M@": mutation_id, "@C@": carer, "@K@": client_id, "@H@": hlc,
                      "@S@": staff[unit], "@U@": unit, "@I@": str(i)}
            payload = _fill(payload_t, values).replace(f":{_SEQ_SLOT},", f":{seq},")
            state = _fill(state_t, values)
            if i < 2:
                m = _sample(seq, mutation_id, carer, client_id, hlc, staff[unit], unit, str(i))
                assert payload == canonical(m) and state == _state(m)
            checksum = add_to_checksum(EMPTY_CHECKSUM, mutation_id)
            yield (
                (server_seq, mutation_id, client_id, seq, "carer", carer, "upsert",
                 carer, carer, payload, staff[unit], RECEIVED_AT, 1, checksum),
                (carer, carer, None, hlc, 1, checksum, server_seq),
                (carer, unit),
                ("carer", carer, carer, state, server_seq),
            )


_TABLES = (
    ("mutations", "server_seq, mutation_id, client_id, seq, entity, entity_id, op, scope_key,"
     " carer_id, payload, pushed_by, received_at, scope_count, scope_checksum"),
    ("scopes", "scope_key, carer_id, support_contact_id, units_hlc, mutation_count, checksum,"
     " last_seq"),
    ("scope_units", "scope_key, unit_id"),
    ("entities", "entity, entity_id, scope_key, state, updated_seq"),
)


def _seed(database_url: str, units: list[str], staff: dict[str, str]) -> float:
    """Bulk-load the units' mutations (SQLite executemany, PostgreSQL COPY); seconds."""
    start = time.perf_counter()
    rows = _rows(units, staff)
    clients = [(f"seed-{u}", PER_UNIT) for u in units]
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url[len("sqlite:///"):], isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        while batch := [r for _, r in zip(range(CHUNK), rows, strict=False)]:
            for index, (table, columns) in enumerate(_TABLES):
                marks = ", ".join("?" * len(batch[0][index]))
                conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                                 [r[index] for r in batch])
        conn.executemany("INSERT INTO clients (client_id, last_seq) VALUES (?, ?)", clients)
        conn.execute("COMMIT")  # no ANALYZE: the server never runs one
        conn.close()
    else:
        import psycopg

        with psycopg.connect(database_url) as conn:
            with conn.cursor() as cur:
                # one COPY at a time per connection: rows are computed once, a chunk at a
                # time, and copied table by table
                while batch := [r for _, r in zip(range(CHUNK), rows, strict=False)]:
                    for index, (table, columns) in enumerate(_TABLES):
                        with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                            for r in batch:
                                copy.write_row(r[index])
                cur.executemany("INSERT INTO clients (client_id, last_seq) VALUES (%s, %s)",
                                clients)
            conn.commit()
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load
    return time.perf_counter() - start


def _server(database_url: str, workdir: Path, n_units: int) -> dict[str, Any]:
    """Seed a server with ``n_units`` units (the first is the one measured), start it and
    measure the first unit's fresh download and no-op pulls."""
    db = Database(database_url)
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True))
    units = [store.create_unit(f"Enhet {k:03d}") for k in range(n_units)]
    staff = {u: store.create_user(f"seed{k}", PASSWORD, [u], "care_worker")
             for k, u in enumerate(units)}
    names = ["reader"] + [f"puller{i}" for i in range(CONCURRENT)]
    for name in names:
        store.create_user(name, PASSWORD, [units[0]], "care_worker")
    db.close()
    seed_s = _seed(database_url, units, staff)
    proc, url = _start(database_url, workdir)
    try:
        downloads = []
        for run in range(DOWNLOADS):
            with SyncClient(url, token_store=MemoryTokenStore(), timeout=300) as laptop:
                laptop.login("reader", PASSWORD, device_id=f"fresh-{run}", device_name="ny")
                start = time.perf_counter()
                cursor, received = 0, []
                while True:
                    page = laptop.pull(cursor, PULL_LIMIT)
                    received.extend(page["changes"])
                    cursor = page["next_cursor"]
                    if not page["has_more"]:
                        break
                downloads.append(time.perf_counter() - start)
            assert len(received) == PER_UNIT, len(received)
            assert {c["unit_ids"][0] for c in received} == {units[0]}
            # the seeded figures agree with what was pulled (as a laptop checks them)
            count, checksum = combine(
                (1, add_to_checksum(EMPTY_CHECKSUM, c["mutation_id"])) for c in received)
            assert (page["integrity"]["count"], page["integrity"]["checksum"]) == (count, checksum)
        tokens = []
        for i in range(CONCURRENT):
            with SyncClient(url, token_store=MemoryTokenStore()) as c:
                tokens.append(c.login(f"puller{i}", PASSWORD, device_id=f"p{i}",
                                      device_name="p").access_token)
        # each puller's laptop has synced once (its digest computed and kept), as laptops
        # that pull every few minutes have: wrk then measures the steady no-op pull
        for token in tokens:
            warm = httpx.get(f"{url}/v1/pull", params={"cursor": cursor}, timeout=300,
                             headers={"Authorization": f"Bearer {token}",
                                      "X-AnhorigDesk-Protocol": str(PROTOCOL_VERSION)})
            assert warm.status_code == 200 and not warm.json()["changes"]
        figures: dict[str, Any] = {
            "seed_s": round(seed_s, 1),
            "mutations_on_server": n_units * PER_UNIT,
            "download_s": round(statistics.median(downloads), 2),
            "download_runs_s": [round(d, 2) for d in downloads],
        }
        for label, path, params in (("hello", "/v1/hello", {}),
                                    ("noop_pull", "/v1/pull", {"cursor": cursor})):
            extra = _wrk(url, tokens, path, params, label, workdir)
            if extra is None:
                figures[f"{label}_per_s_wrk"] = "not measured: wrk not installed"
            else:
                figures.update(extra)
    finally:
        _stop(proc)
    return figures


def bench_backend(make_url: Any, workdir: Path) -> dict[str, Any]:
    small = _server(make_url("small"), workdir, 1)
    print("small server:", json.dumps(small), flush=True)  # kept should a later step fail
    big = _server(make_url("big"), workdir, N_UNITS)
    print("big server:", json.dumps(big), flush=True)
    out: dict[str, Any] = {"small": small, "big": big,
                           "download_big_vs_small": round(big["download_s"] / small["download_s"], 2)}
    if isinstance(big.get("noop_pull_per_s_wrk"), float):
        out["noop_pull_big_vs_small"] = round(
            big["noop_pull_per_s_wrk"] / small["noop_pull_per_s_wrk"], 2)
    return out


def run() -> dict[str, Any]:
    results: dict[str, Any] = {"units_on_big_server": N_UNITS, "carers_per_unit": PER_UNIT,
                               "pull_limit": PULL_LIMIT}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results["sqlite"] = bench_backend(lambda name: f"sqlite:///{workdir / name}.db", workdir)
        pg = os.environ.get("ANHORIGDESK_TEST_PG_URL")
        if pg and os.environ.get("BENCH_BACKENDS", "sqlite,postgresql") != "sqlite":
            import psycopg

            made: list[str] = []

            def pg_url(name: str) -> str:
                db_name = f"anhorigdesk_scale_{name}_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(pg, autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE {db_name}")
                made.append(db_name)
                return pg.rsplit("/", 1)[0] + "/" + db_name

            try:
                results["postgresql"] = bench_backend(pg_url, workdir)
            finally:
                with psycopg.connect(pg, autocommit=True) as admin:
                    for db_name in made:
                        admin.execute(f"DROP DATABASE {db_name} WITH (FORCE)")
        else:
            results["postgresql"] = "skipped: ANHORIGDESK_TEST_PG_URL not set"
    for backend in ("sqlite", "postgresql"):
        figures = results[backend]
        if not isinstance(figures, dict):
            continue
        print(f"{backend}: download small {figures['small']['download_s']} s, big"
              f" {figures['big']['download_s']} s ({figures['download_big_vs_small']}x);"
              f" no-op pulls/s small {figures['small'].get('noop_pull_per_s_wrk')}, big"
              f" {figures['big'].get('noop_pull_per_s_wrk')}"
              f" ({figures.get('noop_pull_big_vs_small', '-')}x)")
    return results


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    print(json.dumps(run()))
