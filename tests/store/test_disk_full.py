"""A full disk: a clear, translated error, nothing saved before lost, the store usable after.

SQLITE_FULL is provoked for real two ways: ``PRAGMA max_page_count`` on the writer's
connection (runs everywhere) and a small tmpfs filled up (needs root to mount; the
container this project's CI runs in is root). Both give the same error class.
"""

from __future__ import annotations

import sqlite3

import pytest
from tests.store.small_disk import small_disk

from anhorigdesk.i18n import message
from anhorigdesk.store import Actor, Change, Database, Repository, engine, migrations
from anhorigdesk.store.engine import DiskFullError, DiskFullOpenError

BIG = "x" * 3000  # one unit row of this name needs a page of its own


def _cap_pages(db: Database) -> int:
    """Let the file grow by nothing more: max_page_count = the pages it has now."""
    def cap(conn):
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return pages

    return db.writer.run(cap)


def _units(db: Database) -> list[str]:
    return [r[0] for r in db.reader().execute("SELECT name FROM units ORDER BY name").fetchall()]


def test_a_write_on_a_full_database_file_says_so_and_keeps_what_was_saved(db, repo, actor):
    repo.write(actor, [Change("unit", {"name": "Sparad före", "kind": "other"})], action="t")
    _cap_pages(db)
    with pytest.raises(DiskFullError) as caught:
        for i in range(50):
            repo.write(actor, [Change("unit", {"name": f"{BIG}{i}", "kind": "other"})], action="t")
    exc = caught.value
    # the caller's own class still matches (code that catches sqlite3 errors keeps working)
    assert isinstance(exc, sqlite3.OperationalError)
    assert exc.__cause__.sqlite_errorname == "SQLITE_FULL"
    # the text is the translated message, Swedish by default; English on request
    assert str(exc) == message("store.disk_full", "sv")
    assert "disk är full" in str(exc) and "Det som sparats tidigare finns kvar" in str(exc)
    assert "disk is full" in exc.localized("en") and "What was saved before" in exc.localized("en")
    assert "no transaction is active" not in str(exc)
    # nothing saved before is lost; the failed write left no part of itself
    saved = _units(db)
    assert "Sparad före" in saved
    written_before_full = len(saved) - 1
    audit = db.reader().execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert audit == len(saved)  # every unit that exists has its outbox row; none without
    # once there is room again the same store goes on writing
    db.writer.run(lambda conn: conn.execute("PRAGMA max_page_count = 1073741823"))
    repo.write(actor, [Change("unit", {"name": "Sparad efter", "kind": "other"})], action="t")
    assert len(_units(db)) == written_before_full + 2


def test_the_same_error_class_on_a_real_full_disk(tmp_path, key):
    """A small tmpfs filled to the brim gives the class the max_page_count tests check."""
    with small_disk(tmp_path / "disk", "2m") as disk:
        database = Database(disk.root / "store.db", key, create=True)
        repo = Repository(database)
        actor = Actor(staff_id="s", unit_id="u", name="n")
        repo.write(actor, [Change("unit", {"name": "Sparad före", "kind": "other"})], action="t")
        disk.fill(0)
        with pytest.raises(DiskFullError) as caught:
            for i in range(200):
                repo.write(actor, [Change("unit", {"name": f"{BIG}{i}", "kind": "other"})], action="t")
        assert caught.value.__cause__.sqlite_errorname in ("SQLITE_FULL", "SQLITE_IOERR")
        assert str(caught.value) == message("store.disk_full", "sv")
        assert "Sparad före" in _units(database)
        disk.empty()
        repo.write(actor, [Change("unit", {"name": "Sparad efter", "kind": "other"})], action="t")
        assert "Sparad efter" in _units(database)
        database.close()


def test_migrations_on_a_full_file_report_the_full_disk_not_a_failed_rollback(tmp_path, key):
    """Today's defect: SQLite rolled the migration's transaction back itself, and the
    unconditional ROLLBACK then said "cannot rollback - no transaction is active"."""
    conn = engine.open_database(tmp_path / "store.db", key, create=True)
    try:
        conn.execute("PRAGMA max_page_count = 3")
        with pytest.raises(DiskFullError) as caught:
            migrations.migrate(conn)
        assert "cannot rollback" not in str(caught.value)
        assert not conn.in_transaction
        # whatever migrations were recorded are whole: each with its tables
        conn.execute("PRAGMA max_page_count = 1073741823")
        assert migrations.migrate(conn)  # the rest applies once there is room
        assert set(migrations.applied(conn)) == {m.name for m in migrations.MIGRATIONS}
    finally:
        conn.close()


def test_opening_on_a_full_disk_says_the_disk_is_full_not_damaged(tmp_path, key):
    with small_disk(tmp_path / "disk", "1m") as disk:
        disk.fill(0)
        with pytest.raises(DiskFullOpenError) as caught:
            Database(disk.root / "store.db", key, create=True)
        assert "disken är full" in str(caught.value) or "disk är full" in str(caught.value)
        assert "skadad" not in str(caught.value)


def test_closing_on_a_full_disk_keeps_what_was_saved(tmp_path, key):
    """Closing checkpoints the WAL into the file; on a full disk that may fail: the store
    still closes, and the WAL (with every commit) is applied at the next open."""
    with small_disk(tmp_path / "disk", "2m") as disk:
        path = disk.root / "store.db"
        database = Database(path, key, create=True)
        repo = Repository(database)
        actor = Actor(staff_id="s", unit_id="u", name="n")
        saved = 0
        disk.fill(256 * 1024)
        with pytest.raises(DiskFullError):
            for i in range(200):
                repo.write(actor, [Change("unit", {"name": f"{BIG}{i}", "kind": "other"})], action="t")
                saved += 1
        disk.fill(0)
        database.close()  # must not raise: the commits are in the WAL
        assert database.closed
        disk.empty()
        again = Database(path, key)
        try:
            assert len(_units(again)) == saved
        finally:
            again.close()
