"""Store benchmarks on a 10,000-carer / 200,000-entry profile (env BENCH_CARERS to scale).

- search p95 (target ≤ 30 ms)
- durable save of one conversation (data + audit + outbox) p95 (≤ 15 ms)
- bulk import rate vs raw sqlcipher3 executemany of the same rows (≥ 0.6×)
- the same store workload encrypted vs an unkeyed sqlcipher3 database (≤ 1.6×)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from anhorigdesk import demo
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.store import engine as engine_mod
from anhorigdesk.store.repository import CARER_INDEX_SQL, ENTRY_INDEX_SQL, Change

N_CARERS = int(os.environ.get("BENCH_CARERS", "10000"))
ENTRIES = 20


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=100)[94] if len(xs) >= 20 else max(xs)


def workload(repo: Repository, actor: Actor, rng: random.Random, carer_ids: list[str]) -> dict[str, float]:
    saves, searches = [], []
    words = ["asa", "exempel", "avlösning", "vaxelvard", "natt", "lars", "påhitt", "kommunen", "ebba dem"]
    for i in range(100):
        cid = rng.choice(carer_ids)
        t = time.perf_counter()
        repo.add_entry(actor, cid, "samtal", {"text": f"Uppföljning {i}: vi talade om avlösning"})
        saves.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        repo.search(actor, rng.choice(words))
        searches.append((time.perf_counter() - t) * 1000)
    return {"save_p95_ms": p95(saves), "save_median_ms": statistics.median(saves),
            "search_p95_ms": p95(searches), "search_median_ms": statistics.median(searches),
            "workload_s": (sum(saves) + sum(searches)) / 1000}


def raw_executemany(path: Path, key: bytes | None, changes: list[Change], *, with_log_rows: bool = False) -> float:
    """The same rows inserted with plain executemany: the data rows only, or (``with_log_rows``)
    also the audit, outbox and search-index rows the store writes for them."""
    payloads = [json.dumps({"entity": c.entity, "fields": c.fields}, default=str, ensure_ascii=False)
                for c in changes] if with_log_rows else []
    db = Database(path, key or os.urandom(32), create=True)
    db.close()
    conn = sqlcipher.connect(str(path), isolation_level=None)
    if key:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    now = "2026-11-27T00:00:00+00:00"
    rows: dict[str, list[tuple]] = {"carers": [], "entries": [], "cared_for": [], "relations": []}
    for c in changes:
        f = c.fields
        if c.entity == "carer":
            rows["carers"].append((c.entity_id, f["name"], f["phone"], f["address"], json.dumps(f["care_given"]),
                                   json.dumps(f["life_situation"]), json.dumps(f["unit_ids"]), "h", now, now))
        elif c.entity == "entry":
            rows["entries"].append((c.entity_id, f["carer_id"], f["kind"], json.dumps(f["data"]),
                                    f["occurred_at"].isoformat(), "h", now, now))
        elif c.entity == "cared_for":
            rows["cared_for"].append((c.entity_id, f["name"], f["birth_year"], "h", now, now))
        else:
            rows["relations"].append((c.entity_id, f["carer_id"], f["cared_for_id"], f["kind"], "h", now, now))
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO carers(id, name, phone, address, care_given, life_situation, unit_ids, hlc,"
                     " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", rows["carers"])
    conn.executemany("INSERT INTO entries(id, carer_id, kind, data, occurred_at, hlc, created_at, updated_at)"
                     " VALUES (?,?,?,?,?,?,?,?)", rows["entries"])
    conn.executemany("INSERT INTO cared_for(id, name, birth_year, hlc, created_at, updated_at)"
                     " VALUES (?,?,?,?,?,?)", rows["cared_for"])
    conn.executemany("INSERT INTO relations(id, carer_id, cared_for_id, kind, hlc, created_at, updated_at)"
                     " VALUES (?,?,?,?,?,?,?)", rows["relations"])
    if with_log_rows:
        # the rows the store adds for every record: audit, outbox (prebuilt payloads) and index
        audit = [(now, "s", "u", "import", c.entity, c.entity_id, '["name"]', f"m-{i}")
                 for i, c in enumerate(changes)]
        outbox = [(f"m-{i}", c.entity, c.entity_id, payloads[i], now) for i, c in enumerate(changes)]
        conn.executemany("INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields,"
                         " mutation_id) VALUES (?,?,?,?,?,?,?,?)", audit)
        conn.executemany("INSERT INTO outbox(mutation_id, entity, entity_id, payload, created_at)"
                         " VALUES (?,?,?,?,?)", outbox)
        conn.execute(CARER_INDEX_SQL)
        conn.execute(ENTRY_INDEX_SQL)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def run() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="anhorigdesk-bench-"))
    actor = Actor("bench-staff", "bench-unit", "Bänk Exempelsson")
    key = os.urandom(32)
    sample = demo.demo_changes(1000, actor=actor, entries_per_carer=ENTRIES, seed=7)
    # bulk import: our path vs raw executemany of the same rows, same sample, both encrypted
    raw_s = raw_executemany(tmp / "raw.db", key, sample)
    raw_full_s = raw_executemany(tmp / "raw_full.db", key, sample, with_log_rows=True)
    db = Database(tmp / "import.db", key, create=True)
    repo = Repository(db)
    t = time.perf_counter()
    repo.import_records(actor, sample, batch=5000)
    ours_s = time.perf_counter() - t
    db.close()
    n_rows = len(sample)

    figures: dict[str, float] = {
        "import_rows": n_rows, "import_raw_rows_per_s": n_rows / raw_s, "import_store_rows_per_s": n_rows / ours_s,
        "import_ratio_vs_raw": raw_s / ours_s,
        "import_ratio_vs_raw_with_log_rows": raw_full_s / ours_s,
    }
    # the big profile
    db = Database(tmp / "big.db", key, create=True)
    repo = Repository(db)
    t = time.perf_counter()
    demo.fill(repo, actor, N_CARERS, entries_per_carer=ENTRIES)
    figures["fill_s"] = time.perf_counter() - t
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
    # interleave rounds so disk and cache drift hit both sides alike
    enc_rounds, unk_rounds = [], []
    for r in range(4):
        enc_rounds.append(workload(repo, actor, random.Random(r), carer_ids))
        unk_rounds.append(workload(plain_repo, actor, random.Random(r), carer_ids))
    unkeyed.close()
    db.close()

    def combine(rounds: list[dict[str, float]]) -> dict[str, float]:
        return {k: (sum(x[k] for x in rounds) if k == "workload_s" else statistics.median(x[k] for x in rounds))
                for k in rounds[0]}

    enc, unk = combine(enc_rounds), combine(unk_rounds)
    figures.update({f"enc_{k}": v for k, v in enc.items()})
    figures.update({f"unkeyed_{k}": v for k, v in unk.items()})
    figures["encrypted_vs_unkeyed_ratio"] = enc["workload_s"] / unk["workload_s"]
    rows = [
        ("search p95 (ms)", enc["search_p95_ms"], "≤ 30"),
        ("durable save p95 (ms)", enc["save_p95_ms"], "≤ 15"),
        ("bulk import vs raw executemany", figures["import_ratio_vs_raw"], "≥ 0.6× (data rows only)"),
        ("  … vs raw incl. audit/outbox/index", figures["import_ratio_vs_raw_with_log_rows"], "≥ 0.6×"),
        ("encrypted vs unkeyed workload", figures["encrypted_vs_unkeyed_ratio"], "≤ 1.6×"),
        ("demo fill of the profile (s)", figures["fill_s"], ""),
    ]
    print(f"profile: {figures['carers']} carers, {figures['entries']} entries")
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
