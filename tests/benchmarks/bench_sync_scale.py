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

Push's statistics fact rows (``stat_facts``, ``stat_units``) and access-log rows are not
seeded: no pull reads them.

Figures: ``download_s`` (median of ``DOWNLOADS`` fresh downloads, pages of 1,000 by the
protocol client, each by another user of the unit, after one download not measured that
warms the caches of the copied database) with the CPU seconds the server process (and on PostgreSQL its database
backends) spent on them (``download_server_cpu_s``, ``download_db_cpu_s``: on a shared
machine the wall time follows the load, the CPU seconds much less), ``noop_pull_per_s_wrk``
and ``hello_per_s_wrk`` (wrk, 50 connections, 10 s) with the server's CPU seconds per 1,000
requests, on the small and the big server, and the ratios big / small.

Seeding 1,000,000 mutations takes minutes. With ``ANHORIGDESK_BENCH_SCALE_KEEP`` set to a
directory, each seeded server is kept as a template (SQLite: a file in that directory;
PostgreSQL: a database ``anhorigdesk_scale_t_<tag>`` in the cluster) and every run works on a
copy of it, brought up to the code's migrations first (``migrated_on_copy``; not timed): code
with a new index is measured on the same rows as the code before it. Seed templates with
the older code; a template with a migration the running code lacks is refused.

    uv run python tests/benchmarks/run.py scale
    ANHORIGDESK_BENCH_SCALE_UNITS=10 ... (a smaller big server: 10 units)
    ANHORIGDESK_BENCH_SCALE_KEEP=/var/tmp/scale ... (keep the seeded servers between runs)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
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
from anhorigdesk.server.migrations import MIGRATIONS, migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.sync.protocol import PROTOCOL_VERSION, MemoryTokenStore, SyncClient

N_UNITS = int(os.environ.get("ANHORIGDESK_BENCH_SCALE_UNITS", "100"))
PER_UNIT = int(os.environ.get("ANHORIGDESK_BENCH_SCALE_PER_UNIT", "10000"))
PULL_LIMIT = 1000
DOWNLOADS = 3
CHUNK = 20_000
RECEIVED_AT = "2026-03-01T09:00:00+00:00"
KEEP = os.environ.get("ANHORIGDESK_BENCH_SCALE_KEEP")
SEED_VERSION = 2  # bump when the seeded rows change


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
    """Bulk-load the units' mutations (SQLite executemany in one transaction, PostgreSQL
    COPY); seconds."""
    start = time.perf_counter()
    rows = _rows(units, staff)
    clients = [(f"seed-{u}", PER_UNIT) for u in units]
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url[len("sqlite:///"):], isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")  # 256 MB: the indexes' pages stay cached
        conn.execute("BEGIN")
        while batch := [r for _, r in zip(range(CHUNK), rows, strict=False)]:
            for index, (table, columns) in enumerate(_TABLES):
                marks = ", ".join("?" * len(batch[0][index]))
                conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                                 [r[index] for r in batch])
        conn.executemany("INSERT INTO clients (client_id, last_seq) VALUES (?, ?)", clients)
        conn.execute("COMMIT")  # no ANALYZE: the server never runs one
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file, to copy as a template
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


def _seed_server(database_url: str, n_units: int) -> float:
    """A new server database with ``n_units`` units (the first is the one measured), their
    users and mutations; the seconds the bulk load took."""
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
    return _seed(database_url, units, staff)


def _tag(n_units: int) -> str:
    """Names a seeded template: the seed's shape (the schema is brought up to date on each
    copy, so that code with a new migration measures on the rows older code was measured
    on)."""
    shape = [SEED_VERSION, n_units, PER_UNIT]
    return f"{n_units}x{PER_UNIT}_{hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:10]}"


def _check_schema(db: Database, where: str) -> None:
    """A copy of a template made by newer code (a migration this code does not have, an
    index it would not have) would not measure this code: refused."""
    with db.transaction() as tx:
        applied = {r[0] for r in tx.all("SELECT name FROM schema_migrations")}
    unknown = sorted(applied - {m.name for m in MIGRATIONS})
    if unknown:
        raise RuntimeError(f"the kept template behind {where} has migrations this code lacks"
                           f" ({', '.join(unknown)}): remove it, or keep templates elsewhere")


class SqliteServers:
    """Seeded SQLite servers: a fresh file per run, copied from a kept template when
    ``KEEP`` is set."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir

    def make(self, name: str, n_units: int) -> tuple[str, float | None]:
        """(database url, seconds seeding took; None when copied from a kept template)."""
        target = self.workdir / f"{name}.db"
        if not KEEP:
            url = f"sqlite:///{target}"
            return url, _seed_server(url, n_units)
        keep = Path(KEEP)
        keep.mkdir(parents=True, exist_ok=True)
        template = keep / f"scale-{_tag(n_units)}.db"
        seed_s = None
        if not template.exists():
            partial = template.with_suffix(".seeding")
            for leftover in keep.glob(partial.name + "*"):
                leftover.unlink()
            seed_s = _seed_server(f"sqlite:///{partial}", n_units)
            partial.rename(template)
        shutil.copyfile(template, target)
        os.sync()  # the copy on disk first: its write-back would slow the server's fsyncs
        return f"sqlite:///{target}", seed_s

    def close(self) -> None:
        pass


class PgServers:
    """Seeded PostgreSQL servers: a new database per run, created from a kept template
    database (``CREATE DATABASE ... TEMPLATE``) when ``KEEP`` is set; the run databases are
    dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.made: list[str] = []

    def _url(self, db_name: str) -> str:
        return self.admin_url.rsplit("/", 1)[0] + "/" + db_name

    def make(self, name: str, n_units: int) -> tuple[str, float | None]:
        import psycopg

        db_name = f"anhorigdesk_scale_{name}_{uuid.uuid4().hex[:8]}"
        if not KEEP:
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {db_name}")
            self.made.append(db_name)
            return self._url(db_name), _seed_server(self._url(db_name), n_units)
        template = f"anhorigdesk_scale_t_{_tag(n_units)}"
        seed_s = None
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                   (template,)).fetchone()
        if exists is None:
            partial = template + "_seeding"
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {partial} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {partial}")
            seed_s = _seed_server(self._url(partial), n_units)
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f"ALTER DATABASE {partial} RENAME TO {template}")
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {db_name} TEMPLATE {template}")
            admin.execute("CHECKPOINT")  # the copy on disk first (as SQLite's copy: os.sync)
        os.sync()
        self.made.append(db_name)
        return self._url(db_name), seed_s

    def backends(self, database_url: str) -> list[int]:
        """The process ids of the database's backends (the server's pooled connections)."""
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            rows = admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s",
                                 (database_url.rsplit("/", 1)[1],)).fetchall()
        return [int(r[0]) for r in rows]

    def close(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            for db_name in self.made:
                admin.execute(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) each live process has used so far."""
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
    return out


class CpuMeter:
    """CPU seconds of the server process and (PostgreSQL) its database backends between
    :meth:`start` and :meth:`stop` (a backend that appears meanwhile counts from zero)."""

    def __init__(self, server_pid: int, backends: Any) -> None:
        self.server_pid, self.backends = server_pid, backends
        self.before: dict[int, float] = {}

    def _now(self) -> dict[int, float]:
        return _cpu_s([self.server_pid, *(self.backends() if self.backends else [])])

    def start(self) -> None:
        self.before = self._now()

    def stop(self) -> tuple[float, float | None]:
        after = self._now()
        server = after.get(self.server_pid, 0.0) - self.before.get(self.server_pid, 0.0)
        if not self.backends:
            return server, None
        db = sum(v - self.before.get(pid, 0.0) for pid, v in after.items()
                 if pid != self.server_pid)
        return server, db


def _server(servers: Any, name: str, workdir: Path, n_units: int) -> dict[str, Any]:
    """Seed (or copy) a server with ``n_units`` units (the first is the one measured),
    start it and measure the first unit's fresh download and no-op pulls."""
    database_url, seed_s = servers.make(name, n_units)
    db = Database(database_url)
    _check_schema(db, name)
    with db.transaction() as tx:
        first_unit = str(tx.one("SELECT id FROM units WHERE name = 'Enhet 000'")[0])
        held = int(tx.one("SELECT COUNT(*) FROM mutations")[0])
    migrated = migrate(db)  # a kept template made by older code: the newer migrations
    db.close()
    assert held == n_units * PER_UNIT, held
    proc, url = _start(database_url, workdir)
    backends = (lambda: servers.backends(database_url)) if isinstance(servers, PgServers) else None
    meter = CpuMeter(proc.pid, backends)
    try:
        # one download first, not measured: a copied database starts with cold caches (the
        # database's buffers, the operating system's pages), a server in use does not
        with SyncClient(url, token_store=MemoryTokenStore(), timeout=300) as laptop:
            laptop.login("reader", PASSWORD, device_id="warm-up", device_name="ny")
            cursor = 0
            while (page := laptop.pull(cursor, PULL_LIMIT))["has_more"]:
                cursor = page["next_cursor"]
        downloads, server_cpu, db_cpu = [], [], []
        for run in range(DOWNLOADS):
            with SyncClient(url, token_store=MemoryTokenStore(), timeout=300) as laptop:
                # a user of the unit who has not pulled yet: nothing the server keeps per
                # user (a combined digest, read-ahead page positions) is there before
                laptop.login(f"puller{run}", PASSWORD, device_id=f"fresh-{run}", device_name="ny")
                meter.start()
                start = time.perf_counter()
                cursor, received = 0, []
                while True:
                    page = laptop.pull(cursor, PULL_LIMIT)
                    received.extend(page["changes"])
                    cursor = page["next_cursor"]
                    if not page["has_more"]:
                        break
                downloads.append(time.perf_counter() - start)
                spent = meter.stop()
                server_cpu.append(spent[0])
                if spent[1] is not None:
                    db_cpu.append(spent[1])
            assert len(received) == PER_UNIT, len(received)
            assert {c["unit_ids"][0] for c in received} == {first_unit}
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
        first_pulls = []
        for token in tokens:
            start = time.perf_counter()
            warm = httpx.get(f"{url}/v1/pull", params={"cursor": cursor}, timeout=300,
                             headers={"Authorization": f"Bearer {token}",
                                      "X-AnhorigDesk-Protocol": str(PROTOCOL_VERSION)})
            first_pulls.append(time.perf_counter() - start)
            assert warm.status_code == 200 and not warm.json()["changes"]
        figures: dict[str, Any] = {
            "seed_s": round(seed_s, 1) if seed_s is not None else "copied from a kept template",
            "migrated_on_copy": migrated,
            "mutations_on_server": held,
            "download_s": round(statistics.median(downloads), 2),
            "download_runs_s": [round(d, 2) for d in downloads],
            "download_server_cpu_s": round(statistics.median(server_cpu), 2),
            "first_noop_pull_ms_median": round(1000 * statistics.median(first_pulls), 1),
        }
        if db_cpu:
            figures["download_db_cpu_s"] = round(statistics.median(db_cpu), 2)
        for label, path, params in (("hello", "/v1/hello", {}),
                                    ("noop_pull", "/v1/pull", {"cursor": cursor})):
            meter.start()
            extra = _wrk(url, tokens, path, params, label, workdir)
            spent = meter.stop()
            if extra is None:
                figures[f"{label}_per_s_wrk"] = "not measured: wrk not installed"
                continue
            figures.update(extra)
            requests = extra[f"{label}_per_s_wrk"] * 10  # wrk -d10s
            if requests:
                figures[f"{label}_server_cpu_ms_per_1k"] = round(1e6 * spent[0] / requests, 1)
                if spent[1] is not None:
                    figures[f"{label}_db_cpu_ms_per_1k"] = round(1e6 * spent[1] / requests, 1)
    finally:
        _stop(proc)
    return figures


def bench_backend(servers: Any, workdir: Path) -> dict[str, Any]:
    small = _server(servers, "small", workdir, 1)
    print("small server:", json.dumps(small), flush=True)  # kept should a later step fail
    big = _server(servers, "big", workdir, N_UNITS)
    print("big server:", json.dumps(big), flush=True)
    out: dict[str, Any] = {"small": small, "big": big,
                           "download_big_vs_small": round(big["download_s"] / small["download_s"], 2),
                           "download_server_cpu_big_vs_small": round(
                               big["download_server_cpu_s"] / small["download_server_cpu_s"], 2)}
    if "download_db_cpu_s" in big:
        both_big = big["download_server_cpu_s"] + big["download_db_cpu_s"]
        both_small = small["download_server_cpu_s"] + small["download_db_cpu_s"]
        out["download_server_and_db_cpu_big_vs_small"] = round(both_big / both_small, 2)
    if isinstance(big.get("noop_pull_per_s_wrk"), float):
        out["noop_pull_big_vs_small"] = round(
            big["noop_pull_per_s_wrk"] / small["noop_pull_per_s_wrk"], 2)
    return out


def run() -> dict[str, Any]:
    results: dict[str, Any] = {"units_on_big_server": N_UNITS, "carers_per_unit": PER_UNIT,
                               "pull_limit": PULL_LIMIT, "load_before": os.getloadavg()}
    backends = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if "sqlite" in backends:
            results["sqlite"] = bench_backend(SqliteServers(workdir), workdir)
        pg = os.environ.get("ANHORIGDESK_TEST_PG_URL")
        if pg and "postgresql" in backends:
            servers = PgServers(pg)
            try:
                results["postgresql"] = bench_backend(servers, workdir)
            finally:
                servers.close()
        else:
            results["postgresql"] = "skipped: ANHORIGDESK_TEST_PG_URL not set or not asked for"
    results["load_after"] = os.getloadavg()
    for backend in ("sqlite", "postgresql"):
        figures = results.get(backend)
        if not isinstance(figures, dict):
            continue
        print(f"{backend}: download small {figures['small']['download_s']} s, big"
              f" {figures['big']['download_s']} s ({figures['download_big_vs_small']}x; server CPU"
              f" {figures['download_server_cpu_big_vs_small']}x);"
              f" no-op pulls/s small {figures['small'].get('noop_pull_per_s_wrk')}, big"
              f" {figures['big'].get('noop_pull_per_s_wrk')}"
              f" ({figures.get('noop_pull_big_vs_small', '-')}x)")
    return results


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    print(json.dumps(run()))
