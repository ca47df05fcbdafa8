"""One small database interface over SQLite (embedded default) and PostgreSQL.

SQL is written once with ``?`` placeholders and a few dialect words; PostgreSQL
gets ``%s``. A :class:`Database` hands out connections from a small pool; the pool
is only a performance aid (each connection is stateless between transactions), so
several server processes can share one PostgreSQL database.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

WRITE_LOCK_KEY = 0x616E6864  # PostgreSQL advisory lock that serialises log appends

log = logging.getLogger("anhorigdesk.server")

# The SQLite database holds every carer's data in plain text and the password and token
# hashes: its files are the server account's alone, whatever the umask.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")
_POSIX = os.name == "posix"  # elsewhere (Windows) the folder's ACLs decide


def private_dir(path: Path, *, tighten: bool) -> None:
    """Create ``path`` (and missing parents) with mode 0700. An existing directory open to
    others is tightened to 0700 (``tighten``: the server's own data dir) or warned about."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            directory.mkdir(mode=PRIVATE_DIR_MODE)
            if _POSIX:
                os.chmod(directory, PRIVATE_DIR_MODE)  # mkdir's mode is cut by the umask
    if not _POSIX or not path.is_dir():
        return
    mode = path.stat().st_mode & 0o777
    if mode & 0o077 and path not in missing:
        if tighten:
            try:
                os.chmod(path, PRIVATE_DIR_MODE)
                log.warning("data directory %s was mode %04o; changed to 0700", path, mode)
            except OSError as exc:
                log.warning("data directory %s is mode %04o and could not be changed to 0700 (%s)",
                            path, mode, type(exc).__name__)
        else:
            log.warning("directory %s of the server database is mode %04o: others can list it;"
                        " make it 0700", path, mode)


def private_sqlite_files(path: Path) -> None:
    """The database file (created empty here when missing) and its -wal, -shm and -journal
    files are 0600; SQLite gives the -wal and -shm files it creates the database file's mode.
    Existing files open to others are tightened (and a warning logged)."""
    private_dir(path.parent, tighten=False)
    if not _POSIX:
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
    for suffix in SQLITE_SUFFIXES:
        file = path.with_name(path.name + suffix)
        try:
            mode = file.stat().st_mode & 0o777
        except FileNotFoundError:
            continue
        if mode & 0o077:
            os.chmod(file, PRIVATE_FILE_MODE)
            log.warning("database file %s was mode %04o; changed to 0600", file, mode)


class DatabaseError(RuntimeError):
    """The database cannot be opened or used (message names the URL kind, never secrets)."""


@dataclass(frozen=True)
class Dialect:
    name: str  # "sqlite" | "postgresql"

    @property
    def is_pg(self) -> bool:
        return self.name == "postgresql"


class Transaction:
    """A connection inside one transaction: ``execute``, ``one``, ``all``."""

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self._conn = conn
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect.is_pg else sql

    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        if not params:
            return self._conn.execute(sql)
        return self._conn.execute(self._sql(sql), tuple(params))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self._run(sql, params).rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many parameter rows (PostgreSQL pipelines them)."""
        if not rows:
            return
        if self.dialect.is_pg:
            with self._conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(r) for r in rows])
        else:
            self._conn.executemany(sql, [tuple(r) for r in rows])

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows into ``table`` (names from code, never from input): PostgreSQL
        ``COPY ... FROM STDIN`` (one stream, no statement per row), SQLite ``executemany``."""
        if not rows:
            return
        names = ", ".join(columns)
        if self.dialect.is_pg:
            with self._conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            self._conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                   [tuple(r) for r in rows])

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self._run(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._run(sql, params).fetchall()]

    def lock_log(self) -> None:
        """Serialise appends to the mutation log across processes (one writer at a time)."""
        if self.dialect.is_pg:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        # SQLite: write transactions start with BEGIN IMMEDIATE, already exclusive.


class Database:
    """Connections to the server database named by ``url``.

    ``sqlite:///path/to/file.db`` or ``postgresql://user@host:port/db``.
    """

    def __init__(self, url: str, *, pool_size: int = 16) -> None:
        self.url = url
        parsed = urlparse(url)
        if parsed.scheme == "sqlite":
            self.dialect = Dialect("sqlite")
            path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else ""
            if not path:
                raise DatabaseError("a SQLite URL must look like sqlite:///path/to/server.db")
            self.sqlite_path = Path(path)
        elif parsed.scheme in ("postgresql", "postgres"):
            self.dialect = Dialect("postgresql")
        else:
            raise DatabaseError(
                f"unsupported database URL scheme {parsed.scheme!r}: use sqlite:/// or postgresql://"
            )
        self._files_checked = False
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue(maxsize=pool_size)
        self._slots = threading.BoundedSemaphore(pool_size)
        self._closed = False
        self._lock = threading.Lock()

    # -- connections ---------------------------------------------------------
    def _connect(self) -> Any:
        if self.dialect.is_pg:
            import psycopg

            try:
                return psycopg.connect(self.url, autocommit=True)
            except psycopg.Error as exc:
                raise DatabaseError(f"cannot connect to PostgreSQL: {type(exc).__name__}") from None
        if not self._files_checked:
            try:
                private_sqlite_files(self.sqlite_path)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot prepare the database file {self.sqlite_path}: "
                    f"{exc.strerror or type(exc).__name__}"
                ) from None
            self._files_checked = True
        conn = sqlite3.connect(
            self.sqlite_path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        # deleted and overwritten content is zeroed in its page whatever the build's default
        # (a thinned record's older versions leave no text behind: docs/GALLRING.md)
        conn.execute("PRAGMA secure_delete=ON")
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Any]:
        """At most ``pool_size`` connections at once; more requests wait for one."""
        if not self._slots.acquire(timeout=60):
            raise DatabaseError("no database connection became free within 60 s")
        try:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                conn = self._connect()
            ok = False
            try:
                yield conn
                ok = True
            finally:
                if not self._closed and (ok or self._healthy(conn)):
                    self._pool.put_nowait(conn)
                else:
                    conn.close()
        finally:
            self._slots.release()

    def _healthy(self, conn: Any) -> bool:
        """After an exception: may the connection be reused (no transaction left open)?"""
        if self.dialect.is_pg:
            from psycopg.pq import TransactionStatus

            return not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE
        return not conn.in_transaction

    @contextlib.contextmanager
    def transaction(self, *, write: bool = False, snapshot: bool = False) -> Iterator[Transaction]:
        """One transaction; commits on success, rolls back on any exception.

        ``write=True`` takes SQLite's write lock at the start (BEGIN IMMEDIATE) so
        read-then-write sequences cannot interleave with another writer.
        ``snapshot=True`` makes all reads see one snapshot (PostgreSQL REPEATABLE
        READ; a SQLite transaction always reads one snapshot).
        """
        with self._connection() as conn:
            if self.dialect.is_pg:
                # the isolation level goes with the BEGIN psycopg sends: no extra round trip
                level = _repeatable_read() if snapshot else None
                if conn.isolation_level != level:
                    conn.isolation_level = level
                with conn.transaction():
                    yield Transaction(conn, self.dialect)
                return
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Transaction(conn, self.dialect)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def single_statement(self) -> Iterator[Transaction]:
        """A pooled connection outside any explicit transaction: each statement is its own
        transaction and reads one snapshot (no BEGIN/COMMIT round trips on PostgreSQL). For
        answers one read statement gives whole (``hello``, a no-op pull)."""
        with self._connection() as conn:
            yield Transaction(conn, self.dialect)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            while True:
                try:
                    self._pool.get_nowait().close()
                except queue.Empty:
                    break

    def describe(self) -> str:
        """A log-safe description (no password)."""
        if self.dialect.is_pg:
            parsed = urlparse(self.url)
            return f"postgresql://{parsed.hostname or ''}:{parsed.port or 5432}{parsed.path}"
        return f"sqlite:///{self.sqlite_path}"


def _repeatable_read() -> Any:
    from psycopg import IsolationLevel

    return IsolationLevel.REPEATABLE_READ
