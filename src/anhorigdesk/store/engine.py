"""Opening the encrypted SQLCipher database, with the checks every open must pass.

This is the one place that knows sqlcipher3 raises its own exception classes. sqlite-utils
(and our own code) catch the standard library's ``sqlite3`` exceptions, so every
connection handed out from here translates sqlcipher3's errors into the ``sqlite3``
class of the same name, keeping the original as ``__cause__``.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from anhorigdesk.i18n import message

log = logging.getLogger("anhorigdesk.store")

PLAINTEXT_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


class StoreOpenError(Exception):
    """The database could not be opened; nothing was changed on disk."""

    code = "store.open_failed"

    def __init__(self, path: Path, **params: Any) -> None:
        self.path = Path(path)
        self.params = params
        super().__init__(message(self.code, path=self.path.name, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, path=self.path.name, **self.params)


class NotEncryptedError(StoreOpenError):
    code = "store.not_encrypted"


class WrongKeyError(StoreOpenError):
    code = "store.wrong_key"


class DamagedDatabaseError(StoreOpenError):
    code = "store.damaged"


class MissingDatabaseError(StoreOpenError):
    code = "store.missing"


class DiskFullOpenError(StoreOpenError):
    """The database could not be opened (or created) because the disk is full."""

    code = "store.disk_full_open"


# SQLite's primary result codes (the low byte of an extended code) that say more than their
# exception class: the disk (or the file's size limit) is full; the file is damaged.
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26
# A full disk is not always SQLITE_FULL: where SQLite grows its shared-memory file or writes
# the WAL the failure can come back as SQLITE_IOERR ("disk I/O error"; measured on a full
# tmpfs while a profile was being created). An I/O error while the database's disk has less
# free space than this is reported as a full disk.
DISK_FULL_MARGIN = 1024 * 1024


def disk_nearly_full(path: Path | None) -> bool:
    """True when the disk holding ``path`` has less than :data:`DISK_FULL_MARGIN` free."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(Path(path).parent).free < DISK_FULL_MARGIN
    except OSError:
        return False


def _result_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_disk_full(exc: BaseException, path: Path | None = None) -> bool:
    """``exc`` (a sqlcipher3 or sqlite3 error) says the disk is full: SQLITE_FULL, or an I/O
    error while the disk of ``path`` is (nearly) full."""
    if isinstance(exc, DiskFullError):
        return True
    code = _result_code(exc)
    return code == SQLITE_FULL or (code == SQLITE_IOERR and disk_nearly_full(path))


class DiskFullError(sqlite3.OperationalError):
    """A write found the disk full (SQLITE_FULL). SQLite rolled the transaction back: what
    was saved before is intact, the change being made is not saved. ``str()`` and
    :meth:`localized` are the translated message (no path, no personal data)."""

    code = "store.disk_full"

    def __init__(self, *args: Any) -> None:
        super().__init__(message(self.code), *args[1:])

    def localized(self, language: str) -> str:
        return message(self.code, language)


class DamageFoundError(sqlite3.DatabaseError):
    """A page of an opened database turned out to be damaged (SQLITE_CORRUPT, or a page
    whose HMAC does not match: SQLITE_NOTADB) when it was read or written."""

    code = "store.damage_found"

    def __init__(self, *args: Any) -> None:
        super().__init__(message(self.code), *args[1:])

    def localized(self, language: str) -> str:
        return message(self.code, language)


_BY_RESULT_CODE: dict[int, type[BaseException]] = {
    SQLITE_FULL: DiskFullError,
    SQLITE_CORRUPT: DamageFoundError,
    SQLITE_NOTADB: DamageFoundError,
}

_ERROR_MAP: dict[type[BaseException], type[BaseException]] = {
    sqlcipher.IntegrityError: sqlite3.IntegrityError,
    sqlcipher.OperationalError: sqlite3.OperationalError,
    sqlcipher.ProgrammingError: sqlite3.ProgrammingError,
    sqlcipher.NotSupportedError: sqlite3.NotSupportedError,
    sqlcipher.DataError: sqlite3.DataError,
    sqlcipher.InternalError: sqlite3.InternalError,
    sqlcipher.InterfaceError: sqlite3.InterfaceError,
    sqlcipher.DatabaseError: sqlite3.DatabaseError,
    sqlcipher.Warning: sqlite3.Warning,
    sqlcipher.Error: sqlite3.Error,
}


def translate_error(exc: BaseException, path: Path | None = None) -> BaseException:
    """The standard-library ``sqlite3`` exception matching a sqlcipher3 exception; a full
    disk and a damaged page become :class:`DiskFullError` and :class:`DamageFoundError`
    (subclasses of the matching ``sqlite3`` class), whose text is a translated message.
    ``path``: the database's file (an I/O error on a full disk is a full disk)."""
    code = _result_code(exc)
    special = _BY_RESULT_CODE.get(code) if code is not None else None
    if special is None and code == SQLITE_IOERR and disk_nearly_full(path):
        special = DiskFullError
    if special is not None:
        translated = special(*exc.args)
        translated.__cause__ = exc
        return translated
    for cipher_cls in type(exc).__mro__:
        target = _ERROR_MAP.get(cipher_cls)
        if target is not None:
            translated = target(*exc.args)
            translated.__cause__ = exc
            return translated
    return exc


class _Translating:
    """Mixin: call a method of the wrapped object, translating sqlcipher3 errors."""

    __slots__ = ("_inner", "_path")

    def __init__(self, inner: Any, path: Path | None = None) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_path", path)

    def _translate(self, exc: BaseException) -> BaseException:
        return translate_error(exc, self._path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._inner, name, value)


class Cursor(_Translating):
    def execute(self, sql: str, params: Any = ()) -> Cursor:
        try:
            self._inner.execute(sql, params)
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc
        return self

    def executemany(self, sql: str, seq: Any) -> Cursor:
        try:
            self._inner.executemany(sql, seq)
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc
        return self

    def fetchone(self) -> Any:
        try:
            return self._inner.fetchone()
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._inner.fetchall()
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def fetchmany(self, size: int = 1) -> list[Any]:
        try:
            return self._inner.fetchmany(size)
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def __iter__(self) -> Any:
        it = iter(self._inner)
        while True:
            try:
                row = next(it)
            except StopIteration:
                return
            except sqlcipher.Error as exc:
                raise self._translate(exc) from exc
            yield row


class Connection(_Translating):
    """A sqlcipher3 connection whose errors are the standard library's sqlite3 errors."""

    def cursor(self) -> Cursor:
        return Cursor(self._inner.cursor(), self._path)

    def execute(self, sql: str, params: Any = ()) -> Cursor:
        cur = self.cursor()
        return cur.execute(sql, params)

    def executemany(self, sql: str, seq: Any) -> Cursor:
        cur = self.cursor()
        return cur.executemany(sql, seq)

    def executescript(self, script: str) -> Any:
        try:
            return self._inner.executescript(script)
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def commit(self) -> None:
        try:
            self._inner.commit()
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def rollback(self) -> None:
        try:
            self._inner.rollback()
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    def __enter__(self) -> Connection:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> Any:
        try:
            return self._inner.__exit__(*exc_info)
        except sqlcipher.Error as exc:
            raise self._translate(exc) from exc

    @property
    def raw(self) -> Any:
        """The underlying sqlcipher3 connection."""
        return self._inner


def new_key() -> bytes:
    """A fresh random 256-bit database key."""
    return os.urandom(KEY_BYTES)


# The page HMAC. A database created by this version uses HMAC-SHA256 (AES-256 pages as
# always): checking a page's SHA-256 HMAC costs about half of SHA-512's on this kind of
# CPU (SHA extensions), and every page read after a commit is checked again. Profiles
# created earlier keep SQLCipher 4's default, HMAC-SHA512. SQLCipher stores no settings in
# the file, so an existing database is opened with each in turn.
HMAC_NEW = "HMAC_SHA256"
HMAC_EARLIER = ("HMAC_SHA512",)


def _apply_key(raw: Any, key: bytes, hmac: str = HMAC_NEW) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    # A raw key, so SQLCipher skips PBKDF2; the hex never leaves this statement.
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")


def _is_plaintext(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER


def open_database(path: Path, key: bytes, *, create: bool = False, readonly: bool = False) -> Connection:
    """Open (or, with ``create``, create) the encrypted database at ``path``.

    Refuses a plaintext SQLite file, a wrong key and a damaged file with a
    :class:`StoreOpenError` subclass; in none of those cases is the file touched.
    """
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise MissingDatabaseError(path)
    if exists and _is_plaintext(path):
        raise NotEncryptedError(path)
    uri = f"file:{path}?mode={'ro' if readonly else ('rwc' if create else 'rw')}"
    hmacs = (HMAC_NEW, *HMAC_EARLIER) if exists else (HMAC_NEW,)
    for attempt, hmac in enumerate(hmacs, start=1):
        raw = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None, timeout=30)
        try:
            raw.execute("PRAGMA cipher_log_level = NONE")
            _apply_key(raw, key, hmac)
            try:
                raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
                break
            except sqlcipher.DatabaseError as exc:
                if is_disk_full(exc, path):
                    raise DiskFullOpenError(path) from None
                if "not a database" not in str(exc):
                    raise DamagedDatabaseError(path, detail=type(exc).__name__) from None
                if attempt == len(hmacs):
                    raise WrongKeyError(path) from None
            raw.close()
        except StoreOpenError:
            raw.close()
            raise
        except sqlcipher.Error as exc:
            raw.close()
            if is_disk_full(exc, path):
                raise DiskFullOpenError(path) from None
            raise DamagedDatabaseError(path, detail=type(exc).__name__) from None
    try:
        version = raw.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise NotEncryptedError(path)
        if not readonly:
            mode = raw.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise DamagedDatabaseError(path, detail="journal_mode")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("PRAGMA temp_store = MEMORY")
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("PRAGMA busy_timeout = 30000")
    except StoreOpenError:
        raw.close()
        raise
    except sqlcipher.Error as exc:
        raw.close()
        if is_disk_full(exc, path):
            raise DiskFullOpenError(path) from None
        raise DamagedDatabaseError(path, detail=type(exc).__name__) from None
    if create and not exists:
        os.chmod(path, 0o600)
    return Connection(raw, path)


def rekey(conn: Connection, new: bytes) -> None:
    """Re-encrypt the whole database with a new key (in place, by SQLCipher)."""
    if len(new) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    conn.raw.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")


def integrity_problems(conn: Connection) -> list[str]:
    """Problems found by SQLite's and SQLCipher's integrity checks (empty when sound)."""
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    problems += [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    return problems
