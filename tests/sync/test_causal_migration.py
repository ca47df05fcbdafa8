"""Stored merge states of format 1 (the clock rule, before protocol 3) are rewritten by
laptop migration ``0009_causal_merge_state`` and server migration
``0005_causal_entity_state``: every part legacy, the same views, and they merge on."""

from __future__ import annotations

import json
import os
from pathlib import Path

from anhorigdesk.replication.merge import EntityState, apply_mutation
from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import MIGRATIONS as SERVER_MIGRATIONS
from anhorigdesk.server.migrations import migrate as migrate_server
from anhorigdesk.store import Database, Repository
from anhorigdesk.store.engine import open_database
from anhorigdesk.store.migrations import LEGACY_OUTBOX_KEY, MIGRATIONS
from anhorigdesk.store.repository import SYSTEM, Change
from anhorigdesk.sync.replica import Replica, is_free_text

A, B, C = "01a2000000007000800000000000000a", "01a2000000007000800000000000000b", "01a2000000007000800000000000000c"


def _hlc(ms: int, node: str) -> str:
    return f"{ms:016d}-00000-{node}"


# Format 1 as the program at 62999e6 stores it (its EntityState.from_json(...).to_json() gives
# these back unchanged; checked with that program): a carer whose notes are in conflict, a
# record deleted and then kept, a record deleted.
CONFLICTED = {
    "entity": "carer", "entity_id": "c1", "hlc": _hlc(30, C),
    "heads": {
        "name": [{"value": "Vera", "hlc": _hlc(10, A), "mutation_id": "m1", "client_id": A, "seen": ""}],
        "notes": [
            {"value": "B", "hlc": _hlc(20, B), "mutation_id": "m2", "client_id": B, "seen": _hlc(10, A)},
            {"value": "C", "hlc": _hlc(30, C), "mutation_id": "m3", "client_id": C, "seen": _hlc(10, A)},
        ],
        "phone": [{"value": "070-2", "hlc": _hlc(25, A), "mutation_id": "m4", "client_id": A, "seen": _hlc(10, A)}],
    },
    "delete_hlc": "", "delete_seen": {}, "undelete_seen": "",
}
KEPT = {
    "entity": "carer", "entity_id": "c2", "hlc": _hlc(50, A),
    "heads": {
        "name": [{"value": "Kvar", "hlc": _hlc(10, A), "mutation_id": "k1", "client_id": A, "seen": ""}],
        "notes": [{"value": "ändrad", "hlc": _hlc(15, C), "mutation_id": "k2", "client_id": C, "seen": _hlc(10, A)}],
    },
    "delete_hlc": _hlc(20, B), "delete_seen": {"name": _hlc(10, A), "notes": _hlc(10, A)},
    "undelete_seen": _hlc(20, B),
}
DELETED = {
    "entity": "carer", "entity_id": "c3", "hlc": _hlc(40, B),
    "heads": {"name": [{"value": "Borta", "hlc": _hlc(10, A), "mutation_id": "d1", "client_id": A, "seen": ""}]},
    "delete_hlc": _hlc(40, B), "delete_seen": {"name": _hlc(10, A)}, "undelete_seen": "",
}
OLD_VIEWS = {  # the views 62999e6 gives for these states (checked with that program)
    "c1": {"deleted": False, "flags": ["conflict"], "fields": {"name": "Vera", "notes": "C", "phone": "070-2"}},
    "c2": {"deleted": False, "flags": [], "fields": {"name": "Kvar", "notes": "ändrad"}},
    "c3": {"deleted": True, "flags": [], "fields": {"name": "Borta"}},
}


def _at_0007(path: Path, key: bytes) -> None:
    """A store made by the program at migration 0007, with stored merge states and a local
    write not yet folded into them."""
    conn = open_database(path, key, create=True)
    names = [m.name for m in MIGRATIONS]
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for migration in MIGRATIONS[: names.index("0007_sync_log_unsequenced") + 1]:
        migration.apply(conn)
        conn.execute("INSERT INTO migrations VALUES (?, '2026-11-01T00:00:00+00:00')", (migration.name,))
    for state in (CONFLICTED, KEPT, DELETED):
        view = EntityState.from_json(state).view(is_free_text)
        conn.execute(
            "INSERT INTO sync_entity_state(entity, entity_id, state, conflicts, flags) VALUES (?, ?, ?, ?, ?)",
            (state["entity"], state["entity_id"], json.dumps(state, sort_keys=True),
             json.dumps(view["conflicts"], sort_keys=True), json.dumps(view["flags"])),
        )
    # an own edit of c1's phone, written by the old program and not yet staged (legacy)
    conn.execute("INSERT INTO meta(key, value) VALUES ('client_id', ?)", (A,))
    conn.execute(
        "INSERT INTO outbox(mutation_id, entity, entity_id, payload, created_at) VALUES (?, 'carer', 'c1', ?, ?)",
        ("m5", json.dumps({"mutation_id": "m5", "client_id": A, "entity": "carer", "entity_id": "c1",
                           "op": "upsert", "fields": {"phone": "070-3"}, "base": {"phone": _hlc(25, A)},
                           "hlc": _hlc(40, A), "carer_id": "c1", "unit_ids": [], "actor": {"staff_id": "s"}}),
         "2026-11-01T00:00:00+00:00"),
    )
    conn.commit()
    conn.close()


def test_0009_rewrites_the_stored_merge_states_keeping_every_view(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "old.db"
    _at_0007(path, key)
    db = Database(path, key)
    try:
        rows = dict(db.reader().execute("SELECT entity_id, state FROM sync_entity_state").fetchall())
        for entity_id, raw in rows.items():
            stored = json.loads(raw)
            assert stored["format"] == 2
            assert all("ctx" not in v and "seen" in v for vs in stored["heads"].values() for v in vs)
            view = EntityState.from_json(stored).view(is_free_text)
            assert {k: view[k] for k in OLD_VIEWS[entity_id]} == OLD_VIEWS[entity_id], entity_id
        # the old write not yet staged is remembered: it had seen (by the clock rule) every
        # version up to its base 25A, so the next write here, which has seen it, carries
        # that base as its legacy horizon
        assert db.reader().execute("SELECT value FROM meta WHERE key = ?", (LEGACY_OUTBOX_KEY,)).fetchone()
        repo = Repository(db)
        view = EntityState.from_json(json.loads(rows["c1"])).view(is_free_text)
        assert repo.apply_remote(lambda conn: repo.write_merged(conn, "carer", "c1", view))
        ctx = _next_write_ctx(repo, db, "c1", phone="070-4")
        assert ctx["phone"] == [f"{_hlc(25, A).rsplit('-', 1)[0]}-legacy{A}"]
        db.writer.run(Replica(repo).stage)
        raw = db.reader().execute("SELECT state FROM sync_entity_state WHERE entity_id = 'c1'").fetchone()[0]
        state = EntityState.from_json(json.loads(raw))
        assert [v.value for v in state.heads["phone"]] == ["070-4"]
        # B's phone at 20B, concurrent with everything here but older than the old write's
        # base: the old write had seen it, so the newest has too (arrival order cannot matter)
        older = {"mutation_id": "m6", "client_id": B, "entity": "carer", "entity_id": "c1", "op": "upsert",
                 "fields": {"phone": "070-9"}, "base": {}, "hlc": _hlc(20, B)}
        assert [v.value for v in apply_mutation(state, older).heads["phone"]] == ["070-4"]
    finally:
        db.close()


def _next_write_ctx(repo: Repository, db: Database, carer_id: str, **fields: str) -> dict:
    repo.write(SYSTEM, [Change("carer", fields, carer_id)])
    row = db.reader().execute("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
    return json.loads(row[0])["ctx"]


def test_server_0005_rewrites_the_entities_states(tmp_path: Path) -> None:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        names = [m.name for m in SERVER_MIGRATIONS]
        before = SERVER_MIGRATIONS[: names.index("0005_causal_entity_state")]
        with db.transaction(write=True) as tx:
            tx.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            for migration in before:
                migration.apply(tx)
                tx.execute("INSERT INTO schema_migrations VALUES (?, '2026-11-01')", (migration.name,))
            for state in (CONFLICTED, KEPT, DELETED):
                tx.execute("INSERT INTO entities (entity, entity_id, scope_key, state, updated_seq)"
                           " VALUES (?, ?, ?, ?, 1)", (state["entity"], state["entity_id"], state["entity_id"],
                                                       json.dumps(state)))
        assert "0005_causal_entity_state" in migrate_server(db)
        with db.transaction() as tx:
            rows = tx.all("SELECT entity_id, state FROM entities")
        for entity_id, raw in rows:
            stored = json.loads(raw)
            assert stored["format"] == 2
            view = EntityState.from_json(stored).view()
            assert {k: view[k] for k in OLD_VIEWS[entity_id]} == OLD_VIEWS[entity_id], entity_id
        assert migrate_server(db) == []
    finally:
        db.close()
