"""Laptop migration ``0008_sync_quarantine``: the quarantine table, and the scope each
record already merged was merged in (carers: their own id; records naming their carer:
that carer; the others: unknown until their next change)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from anhorigdesk.store import migrations
from anhorigdesk.store.engine import open_database


def _state(entity: str, entity_id: str, heads: dict) -> str:
    return json.dumps({"entity": entity, "entity_id": entity_id, "hlc": "", "heads": heads,
                       "delete_hlc": "", "delete_seen": {}, "undelete_seen": ""})


def test_the_migration_fills_the_scope_of_records_merged_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_database(tmp_path / "p.db", os.urandom(32), create=True)
    try:
        # a profile of before 0008 (later migrations may build on its columns, e.g. 0019's index)
        before = [m for m in migrations.MIGRATIONS if m.name < "0008_sync_quarantine"]
        later = [m.name for m in migrations.MIGRATIONS if m.name >= "0008_sync_quarantine"]
        monkeypatch.setattr(migrations, "MIGRATIONS", before)
        migrations.migrate(conn)
        version = {"value": "c-1", "hlc": "0001796000000000-00000-a", "mutation_id": "m1"}
        rows = [("carer", "c-1", _state("carer", "c-1", {"name": [{**version, "value": "Hedda"}]})),
                ("entry", "e-1", _state("entry", "e-1", {"carer_id": [version]})),
                ("cared_for", "p-1", _state("cared_for", "p-1", {"name": [{**version, "value": "Ove"}]}))]
        conn.execute("BEGIN")
        for row in rows:
            conn.execute("INSERT INTO sync_entity_state(entity, entity_id, state) VALUES (?, ?, ?)", row)
        conn.execute("COMMIT")
        monkeypatch.undo()
        assert migrations.migrate(conn) == later and later[0] == "0008_sync_quarantine"
        scopes = dict(((e, i), s) for e, i, s in conn.execute(
            "SELECT entity, entity_id, scope_key FROM sync_entity_state").fetchall())
        assert scopes == {("carer", "c-1"): "c-1", ("entry", "e-1"): "c-1", ("cared_for", "p-1"): None}
        assert conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0] == 0
    finally:
        conn.close()
