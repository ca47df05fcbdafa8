"""Store benchmarks on a 10,000-carer / 200,000-entry profile (env BENCH_CARERS to scale).

The profile is built by the store's bulk import, 200 carers (4,600 records) per import
call as ``demo.fill`` does, and that build is the import measurement:

- ``import_ratio_vs_raw_same_rows`` (target ≥ 0.6×): raw sqlcipher3 time / store time over
  the whole profile. After each store import the rows it wrote are read back (untimed) and
  the raw side inserts exactly those rows, byte for byte, with plain ``executemany`` on the
  raw sqlcipher3 connection: the data rows, the audit rows, the outbox rows, the rows of
  both search indexes (the same ``rowid, body`` text, so FTS5 tokenises the same text) and
  the ``last_hlc`` meta row; one transaction per import call, like the store; into a
  second encrypted database with the same schema and the same PRAGMAs (``engine.open_database``,
  and the page cache size the store's import sets).
  The store pays for validation, ids, clocks, JSON and building its log rows; the raw
  side gets them ready-made. ``import_ratio_per_call_median``/``_q1``/``_q3`` are the same
  ratio per import call (noise). Each call ends in a durable commit (WAL write, fsync,
  checkpoint) that costs both sides the same and is at the mercy of other disk users, so
  ``import_cpu_ratio_vs_raw_same_rows`` gives the same ratio in CPU time of the process
  (``time.process_time``: the writer thread and SQLCipher's encryption included, waiting
  for the disk not), which shows what the store itself adds.
- ``import_ratio_vs_raw_data_rows_only``: the same, against a raw side that writes only the
  data rows (no audit, outbox or index rows): what the log rows cost, for information.
- search p95 (target ≤ 30 ms) and durable save of one conversation (data + audit +
  outbox) p95 (≤ 15 ms), on the encrypted profile.
- ``encrypted_vs_unkeyed_ratio`` (≤ 1.6×): the same store workload (durable saves of a
  conversation and searches) on the profile and on an unkeyed sqlcipher3 copy of it. The
  two sides take turns operation by operation (which goes first alternates), so a disk
  stall or a busy neighbour hits both alike; a round is ``OPS_PER_ROUND`` save+search
  pairs per side, and the figure is the median of the per-round time ratios over
  ``ROUNDS`` rounds, with the quartiles and extremes beside it (single rounds are ruled
  by fsync; their median is not).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from anhorigdesk import demo
from anhorigdesk.forms import FormRegistry
from anhorigdesk.store import ENTITIES, Actor, Database, Repository, bulk
from anhorigdesk.store import engine as engine_mod

N_CARERS = int(os.environ.get("BENCH_CARERS", "10000"))
ENTRIES = 20
STEP = 200  # carers per import call, as demo.fill
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "61"))
OPS_PER_ROUND = 10
WORDS = ["asa", "exempel", "avlösning", "vaxelvard", "natt", "lars", "påhitt", "kommunen", "ebba dem"]


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=100)[94] if len(xs) >= 20 else max(xs)


def quartiles(xs: list[float]) -> tuple[float, float, float]:
    q1, q2, q3 = statistics.quantiles(xs, n=4) if len(xs) >= 2 else (xs[0],) * 3
    return q1, q2, q3


def workload_round(sides: dict[str, Repository], actor: Actor, seed: int, carer_ids: list[str],
                   ops: int, times: dict[str, dict[str, list[float]]]) -> dict[str, float]:
    """One round: ``ops`` save+search pairs on each side, the sides taking turns; returns the
    round's seconds per side and appends every operation's ms to ``times``."""
    rng = random.Random(seed)
    total = dict.fromkeys(sides, 0.0)
    names = list(sides)
    for i in range(ops):
        cid, word = rng.choice(carer_ids), rng.choice(WORDS)
        for name in names if (seed + i) % 2 == 0 else reversed(names):
            repo = sides[name]
            t = time.perf_counter()
            repo.add_entry(actor, cid, "samtal", {"text": f"Uppföljning {i}: vi talade om avlösning"})
            save = time.perf_counter() - t
            t = time.perf_counter()
            repo.search(actor, word)
            search = time.perf_counter() - t
            times[name]["saves"].append(save * 1000)
            times[name]["searches"].append(search * 1000)
            total[name] += save + search
    return total


class RawSide:
    """An encrypted database with the store's schema, written with plain executemany."""

    def __init__(self, path: Path, key: bytes, *, log_rows: bool) -> None:
        Database(path, key, create=True).close()
        self.conn = engine_mod.open_database(path, key)  # the store's PRAGMAs
        self.conn.execute(f"PRAGMA cache_size = {bulk.IMPORT_CACHE_SIZE}")  # and the import's
        self.raw = self.conn.raw
        self.log_rows = log_rows
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def write(self, rows: dict[str, tuple[str, list[tuple[Any, ...]]]]) -> float:
        """Insert ``rows`` (table → (INSERT statement, rows)) in one transaction; its time."""
        t, cpu = time.perf_counter(), time.process_time()
        self.raw.execute("BEGIN IMMEDIATE")
        for table, (sql, values) in rows.items():
            if self.log_rows or table in DATA_TABLES:
                self.raw.executemany(sql, values)
        self.raw.execute("COMMIT")
        elapsed = time.perf_counter() - t
        self.cpu_seconds += time.process_time() - cpu
        self.seconds += elapsed
        return elapsed

    def close(self) -> None:
        self.conn.close()


DATA_TABLES = sorted({spec.table for spec in ENTITIES.values()})
LOG_TABLES = {"audit_log": "seq", "outbox": "seq", "carer_search": "rowid", "entry_search": "rowid"}


def high_marks(conn: Any) -> dict[str, int]:
    return {t: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
            for t in [*DATA_TABLES, *LOG_TABLES]}


def rows_written(conn: Any, marks: dict[str, int]) -> dict[str, tuple[str, list[tuple[Any, ...]]]]:
    """Every row the store wrote above ``marks``, as INSERT statements with their rows."""
    out: dict[str, tuple[str, list[tuple[Any, ...]]]] = {}
    for table in [*DATA_TABLES, *LOG_TABLES]:
        cur = conn.execute(f"SELECT rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid", (marks[table],))
        names = [d[0] for d in cur.description]
        values = cur.fetchall()
        if not values:
            continue
        cols = ["rowid", *names[1:]] if table not in LOG_TABLES or LOG_TABLES[table] == "rowid" else names[1:]
        if table in LOG_TABLES and LOG_TABLES[table] == "seq":
            values = [v[1:] for v in values]  # seq is the rowid itself
        out[table] = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
    last = conn.execute("SELECT value FROM meta WHERE key = 'last_hlc'").fetchone()
    out["meta"] = ("INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value", [last])
    return out


def build_profile(tmp: Path, key: bytes, actor: Actor) -> tuple[Database, Repository, dict[str, float]]:
    """The profile, imported call by call, with the raw sides writing the same rows after each call."""
    db = Database(tmp / "big.db", key, create=True)
    repo = Repository(db)
    registry = FormRegistry.load()
    for fid in ("samtal", "frivillighet"):
        form = registry.current(fid)
        repo.remember_form_version(form.fingerprint, form.id, form.version, registry.remember(form))
    raw_full = RawSide(tmp / "raw_full.db", key, log_rows=True)
    raw_data = RawSide(tmp / "raw_data.db", key, log_rows=False)
    reader = db.reader()
    store_s, store_cpu_s, ratios, n_rows = 0.0, 0.0, [], 0
    for start in range(0, N_CARERS, STEP):
        changes = demo.demo_changes(min(STEP, N_CARERS - start), actor=actor, entries_per_carer=ENTRIES,
                                    seed=1 + start, registry=registry)
        marks = high_marks(reader)
        t, cpu = time.perf_counter(), time.process_time()
        n_rows += repo.import_records(actor, changes, batch=5000)
        took = time.perf_counter() - t
        store_cpu_s += time.process_time() - cpu
        store_s += took
        rows = rows_written(reader, marks)
        ratios.append(raw_full.write(rows) / took)
        raw_data.write(rows)
    raw_full.close()
    raw_data.close()
    for side in ("raw_full.db", "raw_data.db"):
        for suffix in ("", "-wal", "-shm"):
            (tmp / (side + suffix)).unlink(missing_ok=True)
    q1, q2, q3 = quartiles(ratios)
    return db, repo, {
        "import_rows": n_rows, "import_calls": len(ratios), "fill_s": store_s,
        "import_store_rows_per_s": n_rows / store_s,
        "import_raw_same_rows_per_s": n_rows / raw_full.seconds,
        "import_raw_data_rows_per_s": n_rows / raw_data.seconds,
        "import_ratio_vs_raw_same_rows": raw_full.seconds / store_s,
        "import_ratio_per_call_median": q2, "import_ratio_per_call_q1": q1, "import_ratio_per_call_q3": q3,
        "import_ratio_vs_raw_data_rows_only": raw_data.seconds / store_s,
        "import_cpu_ratio_vs_raw_same_rows": raw_full.cpu_seconds / store_cpu_s,
        "import_store_cpu_us_per_row": store_cpu_s / n_rows * 1e6,
        "import_raw_cpu_us_per_row": raw_full.cpu_seconds / n_rows * 1e6,
    }


def run() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="anhorigdesk-bench-"))
    try:
        return _run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(tmp: Path) -> dict:
    actor = Actor("bench-staff", "bench-unit", "Bänk Exempelsson")
    key = os.urandom(32)
    db, repo, figures = build_profile(tmp, key, actor)
    carer_ids = [r[0] for r in db.reader().execute("SELECT id FROM carers").fetchall()]
    figures["carers"] = len(carer_ids)
    figures["entries"] = db.reader().execute("SELECT count(*) FROM entries").fetchone()[0]
    db.close()
    # same workload on an unkeyed sqlcipher3 database of the same size (copy via sqlcipher_export)
    plain = tmp / "plain.db"
    conn = engine_mod.open_database(tmp / "big.db", key)
    conn.raw.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    conn.raw.execute("SELECT sqlcipher_export('plain')")
    conn.raw.execute("DETACH DATABASE plain")
    conn.close()
    db = Database(tmp / "big.db", key)
    repo = Repository(db)
    unkeyed = _UnkeyedDatabase(plain)
    plain_repo = Repository(unkeyed)
    sides = {"enc": repo, "unkeyed": plain_repo}
    warm_up: dict[str, dict[str, list[float]]] = {n: {"saves": [], "searches": []} for n in sides}
    workload_round(sides, actor, -1, carer_ids, 10, warm_up)
    times: dict[str, dict[str, list[float]]] = {n: {"saves": [], "searches": []} for n in sides}
    per_round = []
    for r in range(ROUNDS):
        took = workload_round(sides, actor, r, carer_ids, OPS_PER_ROUND, times)
        per_round.append(took["enc"] / took["unkeyed"])
    unkeyed.close()
    db.close()
    q1, q2, q3 = quartiles(per_round)
    figures.update({
        "encrypted_vs_unkeyed_ratio": q2, "encrypted_vs_unkeyed_q1": q1, "encrypted_vs_unkeyed_q3": q3,
        "encrypted_vs_unkeyed_min": min(per_round), "encrypted_vs_unkeyed_max": max(per_round),
        "encrypted_vs_unkeyed_rounds": ROUNDS,
        "encrypted_vs_unkeyed_total_ratio": (sum(times["enc"]["saves"]) + sum(times["enc"]["searches"]))
        / (sum(times["unkeyed"]["saves"]) + sum(times["unkeyed"]["searches"])),
    })
    for name, side in times.items():
        figures.update({f"{name}_save_p95_ms": p95(side["saves"]),
                        f"{name}_save_median_ms": statistics.median(side["saves"]),
                        f"{name}_search_p95_ms": p95(side["searches"]),
                        f"{name}_search_median_ms": statistics.median(side["searches"]),
                        f"{name}_workload_s": (sum(side["saves"]) + sum(side["searches"])) / 1000})
    rows = [
        ("search p95 (ms)", figures["enc_search_p95_ms"], "≤ 30"),
        ("durable save p95 (ms)", figures["enc_save_p95_ms"], "≤ 15"),
        ("bulk import vs raw, same rows", figures["import_ratio_vs_raw_same_rows"], "≥ 0.6×"),
        ("  … per import call, median", figures["import_ratio_per_call_median"],
         f"(q1 {figures['import_ratio_per_call_q1']:.3f}, q3 {figures['import_ratio_per_call_q3']:.3f})"),
        ("  … in CPU time", figures["import_cpu_ratio_vs_raw_same_rows"],
         f"(store {figures['import_store_cpu_us_per_row']:.1f} µs, raw {figures['import_raw_cpu_us_per_row']:.1f} µs"
         " of CPU per record)"),
        ("  … vs raw of the data rows only", figures["import_ratio_vs_raw_data_rows_only"], "(information)"),
        ("encrypted vs unkeyed workload", figures["encrypted_vs_unkeyed_ratio"],
         f"≤ 1.6× (median of {ROUNDS} rounds; q1 {q1:.3f}, q3 {q3:.3f}, "
         f"min {min(per_round):.3f}, max {max(per_round):.3f}; all rounds summed "
         f"{figures['encrypted_vs_unkeyed_total_ratio']:.3f})"),
        ("import of the profile (s)", figures["fill_s"], ""),
    ]
    print(f"profile: {figures['carers']} carers, {figures['entries']} entries, {figures['import_rows']} records")
    for name, value, target in rows:
        print(f"{name:34s} {value:10.3f}   {target}")
    return figures


class _UnkeyedDatabase(Database):
    """The store on an unencrypted sqlcipher3 file: only for the encryption-cost benchmark."""

    def __init__(self, path: Path) -> None:
        import threading

        from anhorigdesk.store.engine import Connection
        from anhorigdesk.store.ids import HybridLogicalClock
        from anhorigdesk.store.writer import Writer

        def connect() -> Connection:
            raw = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=FULL")
            raw.execute("PRAGMA temp_store=MEMORY")
            return Connection(raw)

        self.path = path
        self._connect = connect
        write = connect()
        self.client_id = write.execute("SELECT value FROM meta WHERE key='client_id'").fetchone()[0]
        self.clock = HybridLogicalClock(self.client_id)
        self.writer = Writer(write)
        self._local = threading.local()
        self._readers = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self._key = b""

    def reader(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._readers.append(conn)
            self._local.conn = conn
        return conn
