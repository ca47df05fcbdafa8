"""Damage in the middle of a real SQLCipher file: opening reads only ``sqlite_master``, so
the damage shows later. ``Database.check_integrity`` finds it at once after opening, and a
read that meets the damaged page gives a translated message, never a bare DatabaseError."""

from __future__ import annotations

import sqlite3

import pytest

from anhorigdesk.i18n import message
from anhorigdesk.store import Actor, Change, Database, Repository
from anhorigdesk.store.engine import DamageFoundError

PAGE = 4096


def _filled(path, key, rows: int = 300) -> int:
    """Fill a new store; returns how many pages the file had before the rows (the schema:
    ``sqlite_master`` spans many pages since the later migrations)."""
    db = Database(path, key, create=True)
    schema_pages = db.reader().execute("PRAGMA page_count").fetchone()[0]
    repo = Repository(db)
    actor = Actor(staff_id="s", unit_id="u", name="n")
    for i in range(rows):
        repo.write(actor, [Change("unit", {"name": f"Enhet {i} " + "x" * 400, "kind": "other"})], action="t")
    db.close()  # checkpointed: everything is in the main file
    return schema_pages


def _damage(path, first_page: int, last_page: int) -> None:
    """Overwrite 64 bytes in the middle of each page from ``first_page`` to ``last_page``
    (1-based), as a failing disk sector would."""
    raw = bytearray(path.read_bytes())
    for page in range(first_page, last_page + 1):
        at = (page - 1) * PAGE + PAGE // 2
        raw[at:at + 64] = bytes(64)
    path.write_bytes(bytes(raw))


def test_a_sound_database_passes_the_check(tmp_path, key):
    _filled(tmp_path / "store.db", key, rows=20)
    db = Database(tmp_path / "store.db", key)
    try:
        assert db.check_integrity() == []
        assert db.check_integrity(thorough=True) == []
    finally:
        db.close()


def test_damage_mid_file_opens_then_the_check_finds_it_and_reads_say_so(tmp_path, key):
    path = tmp_path / "store.db"
    schema_pages = _filled(path, key)
    pages = path.stat().st_size // PAGE
    assert pages > schema_pages + 40
    # the rows' pages, from a third of the way in; the schema's pages (sqlite_master) intact
    _damage(path, schema_pages + (pages - schema_pages) // 3, pages - 2)
    db = Database(path, key)  # opens: only sqlite_master is read
    try:
        problems = db.check_integrity()
        assert problems and all("HMAC verification failed for page" in p for p in problems)
        with pytest.raises(DamageFoundError) as caught:
            db.reader().execute("SELECT name FROM units").fetchall()
        exc = caught.value
        assert isinstance(exc, sqlite3.DatabaseError)  # what callers catch still matches
        assert str(exc) == message("store.damage_found", "sv")
        assert "skadad" in str(exc) and "IT-supporten" in str(exc)
        assert "damaged" in exc.localized("en")
        assert exc.__cause__ is not None  # the original error is kept for the crash report
        # the store is still closable (nothing hangs on the damaged file)
    finally:
        db.close()
