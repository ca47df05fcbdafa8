"""Laptop migration ``0014_entry_visibility`` (docs/PROTOCOL-3.md part F): a ``shareable``
entry merged before moves to its carer's shared scope ``<carer_id>:shared`` (its merge
state's scope, the ``sync_seen`` rows of its mutations, both scopes' figures), as the
server's migration 0009 moves it; the combined digest stays as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from anhorigdesk.replication.integrity import combine, scope_checksum
from anhorigdesk.store import migrations
from anhorigdesk.store.engine import open_database

HLC = "0001796000000000-00000-a"
NOW = "2026-03-01T10:00:00+00:00"


def _state(entity: str, entity_id: str, mutation_id: str, fields: dict) -> str:
    heads = {k: [{"value": v, "hlc": HLC, "mutation_id": mutation_id, "client_id": "a", "ctx": None}]
             for k, v in fields.items()}
    return json.dumps({"entity": entity, "entity_id": entity_id, "hlc": HLC, "heads": heads})


def test_migration_0014_moves_merged_shareable_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_database(tmp_path / "p.db", os.urandom(32), create=True)
    try:
        monkeypatch.setattr(migrations, "MIGRATIONS",
                            [m for m in migrations.MIGRATIONS if m.name != "0014_entry_visibility"])
        migrations.migrate(conn)
        monkeypatch.undo()
        conn.execute("BEGIN")
        for entry_id, mutation_id, marking in (("e-1", "m-private", "carer_only"), ("e-2", "m-shared", "shareable")):
            conn.execute(
                "INSERT INTO entries(id, carer_id, kind, occurred_at, confidentiality, hlc, created_at, updated_at)"
                " VALUES (?, 'c-1', 'samtal', ?, ?, ?, ?, ?)", (entry_id, NOW, marking, HLC, NOW, NOW))
            conn.execute(
                "INSERT INTO sync_entity_state(entity, entity_id, state, scope_key) VALUES ('entry', ?, ?, 'c-1')",
                (entry_id, _state("entry", entry_id, mutation_id, {"carer_id": "c-1", "confidentiality": marking})))
        ids = ("m-carer", "m-private", "m-shared")
        for seq, mutation_id in enumerate(ids, start=1):
            conn.execute("INSERT INTO sync_seen(mutation_id, scope_key, server_seq, pulled) VALUES (?, 'c-1', ?, 1)",
                         (mutation_id, seq))
        conn.execute("INSERT INTO sync_scopes(scope_key, count, checksum, listed) VALUES ('c-1', 3, ?, 1)",
                     (scope_checksum(ids),))
        conn.execute("COMMIT")
        digest = combine(conn.execute("SELECT count, checksum FROM sync_scopes").fetchall())

        assert migrations.migrate(conn) == ["0014_entry_visibility"]
        assert dict(conn.execute("SELECT entity_id, scope_key FROM sync_entity_state").fetchall()) == {
            "e-1": "c-1", "e-2": "c-1:shared"}
        assert dict(conn.execute("SELECT mutation_id, scope_key FROM sync_seen").fetchall()) == {
            "m-carer": "c-1", "m-private": "c-1", "m-shared": "c-1:shared"}
        scopes = {k: (c, s) for k, c, s in conn.execute("SELECT scope_key, count, checksum FROM sync_scopes")}
        assert scopes == {"c-1": (2, scope_checksum(["m-carer", "m-private"])),
                          "c-1:shared": (1, scope_checksum(["m-shared"]))}
        assert combine(scopes.values()) == digest
        assert "unit_id" in {r[1] for r in conn.execute("PRAGMA table_info(consents)")}
    finally:
        conn.close()


def test_a_protected_carer_is_listed_without_address(tmp_path: Path) -> None:
    from anhorigdesk.store import Actor, Database, Repository

    db = Database(tmp_path / "p.db", os.urandom(32), create=True)
    try:
        repo = Repository(db)
        actor = Actor(staff_id="s-1", unit_id="u-1", name="Sara")
        open_id = repo.create_carer(actor, name="Hedda Prov", address="Storgatan 1")
        hidden = repo.create_carer(actor, name="Hedda Prov", address="Lönngatan 2", protected_identity=True)
        hints = repo.carer_hints([open_id, hidden])
        assert hints[open_id]["address"] == "Storgatan 1"
        assert hints[hidden]["address"] == ""
        assert "Lönngatan" not in json.dumps(hints)
    finally:
        db.close()
