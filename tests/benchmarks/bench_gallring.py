"""Gallring (#13): thinning 2,000 of 10,000 carers (each with 4 entries: 40,000 entries).

- Server: ``admin gallring --run``'s code on SQLite (and PostgreSQL when
  ANHORIGDESK_TEST_PG_URL is set), while another user pushes one mutation at a time from
  another process (as the sync server runs beside the admin command): the longest such
  push is how long the run blocked other users' syncs (5 ms between pushes). Reported
  beside the wall time: the run's CPU seconds (its process; on PostgreSQL also its
  backends' CPU, read from /proc: the server must be on this machine) and the load.
- Laptop: a laptop that holds all 10,000 carers (pulled from the SQLite server, served in
  process) syncs after the run: the sync that brings the 2,000 purges, timed whole, and
  the longest single writer job in it (a pulled page applied, or the WAL checkpoint after
  it) — the most the laptop's own writes (the GUI's saves) wait at a time.

``uv run python tests/benchmarks/run.py gallring``; ``BENCH_GALLRING_LAPTOP=0`` skips the
laptop part, ``BENCH_GALLRING_SERVER=sqlite`` (or ``postgresql``) runs one server database.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from anhorigdesk.server import gallring
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, SecurityPolicy
from anhorigdesk.server.store import ServerStore
from anhorigdesk.server.store.base import Principal

CARERS, DUE, ENTRIES_PER = 10_000, 2_000, 4
# the other user's pushes follow each other with this pause (a laptop's requests have a
# network round trip between them); back to back, SQLite's busy handler let the pushing
# thread starve the run's transactions past the 30 s busy timeout on a loaded machine
PUSH_GAP = 0.005
ALONE_S = 3.0  # the other user pushes this long before the run starts (its pushes alone)
TODAY = date(2031, 12, 1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _fill(store: ServerStore, clock: Clock) -> Principal:
    unit = store.create_unit("Enhet")
    user = store.create_user("anna", "ett-långt-lösenord", [unit], "care_worker")
    principal = Principal(user, "anna", "care_worker", frozenset({unit}), "dev-1", "s")
    with store.db.transaction(write=True) as tx:
        tx.execute("INSERT INTO devices (device_id, user_id, name, registered_at, last_seen_at)"
                   " VALUES ('dev-1', ?, 'x', '2026', '2026')", (user,))
    seq = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if batch:
            store.push(principal, batch, None, "127.0.0.1")
            batch.clear()

    for i in range(CARERS):
        if i == DUE:
            flush()
            clock.now += timedelta(days=3 * 365)  # the other 8,000 are recent
        cid = f"0190{i:028x}"
        for n in range(1 + ENTRIES_PER):
            seq += 1
            entity = "carer" if n == 0 else "entry"
            fields: dict[str, Any] = ({"name": f"Person {i}", "personnummer": "19500304-2388"} if n == 0 else
                                      {"carer_id": cid, "kind": "conversation", "occurred_at": "2026-03-01T10:00:00Z",
                                       "data": {"text": f"Samtal {n} med person {i}"}})
            batch.append({
                "mutation_id": f"m{seq:030d}", "client_id": "dev-1", "seq": seq, "entity": entity,
                "entity_id": cid if n == 0 else f"0191{i:024x}{n:04x}", "op": "upsert", "fields": fields,
                "base": {}, "hlc": f"{1_772_000_000_000 + seq:016d}-00000-dev-1", "carer_id": cid,
                "unit_ids": [unit], "actor": {"staff_id": user, "unit_id": unit}})
            if len(batch) >= 500:
                flush()
    flush()
    store.principal_seq = seq  # type: ignore[attr-defined]
    return principal


def _pusher(url: str, seq: int, unit: str, user: str, ready: Any, stop: Any, out: Any) -> None:
    """The other user (its own process, as the sync server is beside ``admin gallring``):
    one mutation a push, PUSH_GAP apart, each push timed until ``stop``."""
    db = Database(url)
    clock = Clock()
    clock.now += timedelta(days=3 * 365)  # where the fill left the server's clock
    store = ServerStore(db, clock=clock, passwords=Passwords(fast=True), policy=SecurityPolicy())
    principal = Principal(user, "anna", "care_worker", frozenset({unit}), "dev-1", "s")
    waits: list[tuple[float, float]] = []  # (wall clock at the start, seconds) of each push
    while not stop.is_set():
        seq += 1
        cid = uuid.uuid4().hex
        m = {"mutation_id": uuid.uuid4().hex, "client_id": "dev-1", "seq": seq, "entity": "carer",
             "entity_id": cid, "op": "upsert", "fields": {"name": "Ny"}, "base": {},
             "hlc": f"{int(clock.now.timestamp() * 1000) + seq:016d}-00000-dev-1", "carer_id": cid,
             "unit_ids": [unit], "actor": {"staff_id": user, "unit_id": unit}}
        at, t0 = time.time(), time.perf_counter()
        store.push(principal, [m], None, "127.0.0.1")
        waits.append((at, time.perf_counter() - t0))
        ready.set()
        stop.wait(PUSH_GAP)
    db.close()
    out.send(waits)


def _backend_cpu(pids: list[int]) -> float | None:
    """CPU seconds (user + system) of these PostgreSQL backends (a server on this machine)."""
    total = 0.0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return round(total, 2)


def _one(url: str) -> dict[str, Any]:
    import multiprocessing

    db = Database(url)
    migrate(db)
    clock = Clock()
    store = ServerStore(db, clock=clock, passwords=Passwords(fast=True), policy=SecurityPolicy())
    started = time.perf_counter()
    principal = _fill(store, clock)
    fill_s = time.perf_counter() - started
    os.environ["ANHORIGDESK_GALLRING_ALLOW_FUTURE"] = "1"
    db.close()
    # the run's own connections, and their PostgreSQL backends (whose CPU is the server's
    # share of the run)
    db = Database(url)
    pids: list[int] = []
    connect = db._connect

    def counted() -> Any:
        conn = connect()
        if db.dialect.is_pg:
            pids.append(int(conn.execute("SELECT pg_backend_pid()").fetchone()[0]))
        return conn

    db._connect = counted  # type: ignore[method-assign]
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    receive, send = context.Pipe(duplex=False)
    pusher = context.Process(target=_pusher, args=(
        url, store.principal_seq, next(iter(principal.unit_ids)), principal.user_id,  # type: ignore[attr-defined]
        ready, stop, send))
    pusher.start()
    assert ready.wait(120), "the other user's first push did not finish"
    time.sleep(ALONE_S)  # the other user's pushes without the run, for comparison
    chunks: list[float] = []  # how long each of the run's transactions held the log lock
    sizer = getattr(gallring, "next_size", None)  # (the code before branch pgthin had none)
    if sizer is not None:
        def timed(size: int, took_s: float) -> int:
            chunks.append(took_s)
            return sizer(size, took_s)

        gallring.next_size = timed  # type: ignore[attr-defined]
    load = os.getloadavg()[0]
    cpu0 = time.process_time()
    began, t0 = time.time(), time.perf_counter()
    report = gallring.run(db, today=TODAY)
    run_s = time.perf_counter() - t0
    ended = time.time()
    cpu_s = time.process_time() - cpu0
    backend_s = _backend_cpu(pids) if db.dialect.is_pg else None
    if sizer is not None:
        gallring.next_size = sizer  # type: ignore[attr-defined]
    stop.set()
    pushes: list[tuple[float, float]] = receive.recv()
    pusher.join()
    waits = [d for at, d in pushes if at < ended and at + d > began]  # during the run
    alone = [d for at, d in pushes[1:] if at + d <= began]  # before it (not the first push)
    db.close()
    assert report.carers_thinned == DUE, report
    return {
        "fill_s": round(fill_s, 1),
        "thin_2000_of_10000_s": round(run_s, 2),
        "run_cpu_s": round(cpu_s, 2),  # the run's process (SQLite's work is in it)
        "run_pg_backend_cpu_s": backend_s,  # PostgreSQL: its backends' CPU for the run
        "load_1min": round(load, 1),
        "load_1min_after": round(os.getloadavg()[0], 1),
        "carers_thinned": report.carers_thinned,
        "entries_thinned": report.entries_thinned,
        "log_rows_thinned": report.log_rows_thinned,
        "run_transactions": len(chunks) or None,
        "run_longest_transaction_s": round(max(chunks), 3) if chunks else None,
        "other_pushes": len(waits),
        "other_push_max_s": round(max(waits), 3) if waits else None,
        "other_push_median_s": round(statistics.median(waits), 4) if waits else None,
        "other_push_alone_max_s": round(max(alone), 3) if alone else None,
        "other_push_alone_median_s": round(statistics.median(alone), 4) if alone else None,
    }


class _InProcess:
    """An httpx transport that serves the sync app in process (its own event loop)."""

    def __init__(self, app: Any) -> None:
        import asyncio

        import httpx

        self._asgi = httpx.ASGITransport(app=app, client=("127.0.0.1", 50123))
        self._loop = asyncio.new_event_loop()

    def handle_request(self, request: Any) -> Any:
        import httpx

        async def go() -> httpx.Response:
            body = request.read()
            inner = httpx.Request(request.method, request.url, headers=request.headers, content=body)
            response = await self._asgi.handle_async_request(inner)
            content = await response.aread()
            await response.aclose()
            return httpx.Response(response.status_code, headers=response.headers, content=content,
                                  request=request)

        return self._loop.run_until_complete(go())

    def close(self) -> None:
        self._loop.close()


def _laptop(tmp: Path) -> dict[str, Any]:
    import httpx

    from anhorigdesk.server.app import build_asgi
    from anhorigdesk.store import Database as LaptopDatabase
    from anhorigdesk.store import Repository
    from anhorigdesk.sync.engine import SyncEngine
    from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient

    db = Database(f"sqlite:///{tmp / 'laptop-server.db'}")
    migrate(db)
    clock = Clock()
    store = ServerStore(db, clock=clock, passwords=Passwords(fast=True), policy=SecurityPolicy(),
                        server_time=lambda: datetime.now(UTC))
    _fill(store, clock)
    clock.now = datetime.now(UTC)  # the laptop's session is made now
    transport = _InProcess(build_asgi(store))
    laptop = LaptopDatabase(tmp / "laptop.db", os.urandom(32), create=True)

    class Wrapped(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            return transport.handle_request(request)

    client = SyncClient("http://testserver", transport=Wrapped(), token_store=MemoryTokenStore(),
                        language="en")
    try:
        client.login("anna", "ett-långt-lösenord", device_id=laptop.client_id, device_name="Bärbar")
        engine = SyncEngine(Repository(laptop), client)
        t0 = time.perf_counter()
        first = engine.sync_once()
        first_s = time.perf_counter() - t0
        assert first.ok, first
        held = laptop.reader().execute("SELECT COUNT(*) FROM carers").fetchone()[0]
        assert held >= CARERS, held
        os.environ["ANHORIGDESK_GALLRING_ALLOW_FUTURE"] = "1"
        report = gallring.run(db, today=TODAY)
        assert report.carers_thinned == DUE, report
        jobs: list[float] = []
        replica = engine.replica
        apply_page = replica.apply_page

        def timed_page(conn: Any, changes: Any, next_cursor: int) -> Any:
            t = time.perf_counter()
            try:
                return apply_page(conn, changes, next_cursor)
            finally:
                jobs.append(time.perf_counter() - t)

        replica.apply_page = timed_page  # type: ignore[method-assign]
        from anhorigdesk.sync import engine as engine_module

        checkpoint = engine_module.purge_checkpoint

        def timed_checkpoint(conn: Any) -> Any:
            t = time.perf_counter()
            try:
                return checkpoint(conn)
            finally:
                jobs.append(time.perf_counter() - t)

        engine_module.purge_checkpoint = timed_checkpoint  # type: ignore[assignment]
        try:
            t0 = time.perf_counter()
            second = engine.sync_once()
            purge_s = time.perf_counter() - t0
        finally:
            engine_module.purge_checkpoint = checkpoint  # type: ignore[assignment]
        assert second.ok, second
        reader = laptop.reader()
        carers_left = reader.execute("SELECT COUNT(*) FROM carers").fetchone()[0]
        entries_left = reader.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        assert carers_left == held - DUE, (held, carers_left)
        assert entries_left == (CARERS - DUE) * ENTRIES_PER, entries_left
        return {
            "first_sync_s": round(first_s, 1),
            "purge_sync_s": round(purge_s, 2),
            "purges_pulled": second.pulled,
            "records_removed": second.purged,
            "longest_writer_job_s": round(max(jobs), 3),
            "writer_jobs": len(jobs),
        }
    finally:
        client.close()
        laptop.close()
        transport.close()
        db.close()


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    servers = os.environ.get("BENCH_GALLRING_SERVER", "sqlite,postgresql").split(",")
    if "sqlite" in servers:
        with tempfile.TemporaryDirectory() as tmp:
            figures["sqlite"] = _one(f"sqlite:///{Path(tmp) / 'server.db'}")
    if os.environ.get("BENCH_GALLRING_LAPTOP", "1") != "0":
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o700)
            figures["laptop"] = _laptop(Path(tmp))
    base = os.environ.get("ANHORIGDESK_TEST_PG_URL")
    if base and "postgresql" in servers:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in base else "?"
            figures["postgresql"] = _one(f"{base}{sep}options=-csearch_path%3D{schema}")
        finally:
            with psycopg.connect(base, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")
    for name, f in figures.items():
        if name == "laptop":
            print(f"laptop: the sync with {f['purges_pulled']} purges took {f['purge_sync_s']} s;"
                  f" longest writer job {f['longest_writer_job_s']} s")
            continue
        print(f"{name}: thinning {f['carers_thinned']} carers took {f['thin_2000_of_10000_s']} s"
              f" (CPU {f['run_cpu_s']} s, PostgreSQL backends {f['run_pg_backend_cpu_s']} s,"
              f" load {f['load_1min']}-{f['load_1min_after']}); other user's pushes:"
              f" {f['other_pushes']}, longest {f['other_push_max_s']} s (alone, before the run:"
              f" longest {f['other_push_alone_max_s']} s, median {f['other_push_alone_median_s']} s)")
    return figures
