"""Laptop migration ``0013_access_log_chain``: rows written before it are chained in seq
order, the table stays append-only, and new rows continue the chain."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.store import Actor, Database, Repository, access_chain, migrations
from anhorigdesk.store.engine import open_database


def test_the_migration_chains_the_rows_written_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = os.urandom(32)
    conn = open_database(tmp_path / "p.db", key, create=True)
    try:
        before = [m for m in migrations.MIGRATIONS if m.name != "0013_access_log_chain"]
        monkeypatch.setattr(migrations, "MIGRATIONS", before)
        migrations.migrate(conn)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO meta(key, value) VALUES ('client_id', 'device1')")
        for i in range(4):
            conn.execute(
                "INSERT INTO access_log(at, user_id, unit_id, person_kind, person_id, action)"
                " VALUES (?, 'u1', 'unit1', 'carer', ?, 'read:carer')",
                (f"2026-01-0{i + 1}T10:00:00+00:00", f"c-{i}"),
            )
        conn.execute("COMMIT")
        monkeypatch.undo()
        assert migrations.migrate(conn) == ["0013_access_log_chain"]
        with pytest.raises(Exception, match="append-only"):
            conn.execute("UPDATE access_log SET action = 'x'")
    finally:
        conn.close()
    db = Database(tmp_path / "p.db", key)
    try:
        Repository(db).log_access(Actor(staff_id="u1", unit_id="unit1", name="U"), "carer",
                                  "c-9", "read:carer")
        rows = [access_chain.wire_row(db.client_id, r) for r in db.reader().execute(
            f"SELECT {access_chain.COLUMNS} FROM access_log ORDER BY seq").fetchall()]
    finally:
        db.close()
    assert [r["log_seq"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["prev"] == GENESIS
    assert all(r["client_id"] == "device1" for r in rows)
    for before_row, row in itertools.pairwise(rows):
        assert row["prev"] == before_row["hash"]
    assert all(row_hash(r) == r["hash"] for r in rows)
    assert len({r["log_id"] for r in rows}) == 5
    assert rows[2]["carer_id"] == "c-2" and rows[2]["at"].startswith("2026-01-03")


def test_a_new_profile_has_the_chain_from_its_first_row(tmp_path: Path) -> None:
    db = Database(tmp_path / "n.db", os.urandom(32), create=True)
    try:
        assert "0013_access_log_chain" in migrations.applied(db.reader())
        Repository(db).log_access(Actor(staff_id="u", unit_id=None, name="U"), "cared_for",
                                  "p-1", "read:cared_for")
        row = access_chain.wire_row(db.client_id, db.reader().execute(
            f"SELECT {access_chain.COLUMNS} FROM access_log").fetchone())
    finally:
        db.close()
    assert row["prev"] == GENESIS and row_hash(row) == row["hash"]
    assert row["carer_id"] == "p-1" and row["detail"] == "cared_for"
