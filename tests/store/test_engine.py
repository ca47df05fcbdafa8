"""Opening the encrypted database: every refusal is clear and leaves the file untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
import sqlcipher3.dbapi2 as sqlcipher
import sqlite_utils

from anhorigdesk.store import Actor, Repository, engine
from anhorigdesk.store.database import Database
from anhorigdesk.store.engine import (
    DamagedDatabaseError,
    MissingDatabaseError,
    NotEncryptedError,
    WrongKeyError,
    open_database,
)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_encrypted_from_the_first_byte(tmp_path, key):
    path = tmp_path / "s.db"
    Database(path, key, create=True).close()
    assert not path.read_bytes().startswith(engine.PLAINTEXT_HEADER)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_key_is_refused_and_file_untouched(tmp_path, key):
    path = tmp_path / "s.db"
    Database(path, key, create=True).close()
    before = digest(path)
    with pytest.raises(WrongKeyError) as info:
        Database(path, os.urandom(32))
    assert "s.db" in str(info.value) and "nyckel" in str(info.value)
    assert "key" in info.value.localized("en")
    assert digest(path) == before
    assert not (tmp_path / "s.db-wal").exists() or (tmp_path / "s.db-wal").stat().st_size == 0


def _legacy_database(path, key) -> None:
    """A database as versions before HMAC-SHA256 created it (SQLCipher 4's defaults)."""
    raw = sqlcipher.connect(str(path), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert raw.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
    raw.execute("PRAGMA journal_mode = WAL")
    raw.close()


def test_new_databases_use_hmac_sha256_and_earlier_ones_still_open(tmp_path, key):
    new = tmp_path / "new.db"
    Database(new, key, create=True).close()
    raw = sqlcipher.connect(str(new))
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # SQLCipher's default HMAC-SHA512 does not fit
    with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    raw.close()

    old = tmp_path / "old.db"
    _legacy_database(old, key)
    db = Database(old, key)  # migrated in place, HMAC-SHA512 kept
    try:
        carer = Repository(db).create_carer(Actor("s", "u", "Testa"), name="Åsa Prov")
        assert db.reader().execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
    finally:
        db.close()
    db = Database(old, key)
    assert db.reader().execute("SELECT id FROM carers").fetchone()[0] == carer
    db.close()
    before = digest(old)
    with pytest.raises(WrongKeyError):  # a wrong key is refused under every HMAC it tries
        Database(old, os.urandom(32))
    assert digest(old) == before


def test_plaintext_sqlite_file_is_refused_not_overwritten(tmp_path, key):
    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.close()
    before = digest(path)
    with pytest.raises(NotEncryptedError):
        Database(path, key, create=True)
    assert digest(path) == before


def test_damaged_file_is_refused_not_recreated(tmp_path, key):
    path = tmp_path / "s.db"
    Database(path, key, create=True).close()
    data = bytearray(path.read_bytes())
    data[:64] = os.urandom(64)  # the first page's salt and header are gone
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises((WrongKeyError, DamagedDatabaseError)):
        Database(path, key, create=True)
    assert digest(path) == before


def test_missing_file_without_create(tmp_path, key):
    with pytest.raises(MissingDatabaseError):
        Database(tmp_path / "none.db", key)
    assert not (tmp_path / "none.db").exists()


def test_cipher_version_and_pragmas(tmp_path, key):
    conn = open_database(tmp_path / "s.db", key, create=True)
    try:
        assert conn.execute("PRAGMA cipher_version").fetchone()[0]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    finally:
        conn.close()


class TestSqliteUtilsOnSqlcipher:
    """sqlcipher3 raises its own classes; our connection translates them once for sqlite-utils."""

    def test_insert_all_with_alter(self, tmp_path, key):
        conn = open_database(tmp_path / "s.db", key, create=True)
        db = sqlite_utils.Database(conn)
        db["t"].insert_all([{"a": 1}])
        db["t"].insert_all([{"a": 2, "b": "ny kolumn"}], alter=True)
        assert [r["b"] for r in db["t"].rows] == [None, "ny kolumn"]
        conn.close()

    def test_drop_ignore(self, tmp_path, key):
        conn = open_database(tmp_path / "s.db", key, create=True)
        db = sqlite_utils.Database(conn)
        db["nothing"].drop(ignore=True)
        conn.close()

    def test_error_inside_transaction_rolls_back_and_is_stdlib_class(self, tmp_path, key):
        conn = open_database(tmp_path / "s.db", key, create=True)
        conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t(id, v) VALUES (1, 'kvar?')")
        with pytest.raises(sqlite3.IntegrityError) as info:
            conn.execute("INSERT INTO t(id, v) VALUES (1, 'dubblett')")
        assert type(info.value.__cause__).__module__.startswith("sqlcipher3")
        conn.execute("ROLLBACK")
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("SELECT * FROM missing_table")
        conn.close()


def test_migrations_are_recorded_and_idempotent(tmp_path, key):
    path = tmp_path / "s.db"
    Database(path, key, create=True).close()
    db = Database(path, key)
    names = [r[0] for r in db.reader().execute("SELECT name FROM migrations").fetchall()]
    assert names[:2] == ["0001_initial_schema", "0002_append_only_logs"]
    db.close()
