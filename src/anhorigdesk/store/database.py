"""The open store of one profile: the writer, per-thread readers and the clock."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from anhorigdesk.store import migrations
from anhorigdesk.store.engine import Connection, DamageFoundError, StoreOpenError, open_database
from anhorigdesk.store.ids import HybridLogicalClock, uuid7
from anhorigdesk.store.writer import Writer, WriterClosed


class Database:
    """An opened encrypted database: one writer thread, a read connection per thread."""

    def __init__(self, path: Path, key: bytes, *, create: bool = False,
                 on_migration: Callable[[int, int], None] | None = None) -> None:
        """``on_migration(done, total)`` hears of migrations this opening applies (an update
        can rebuild tables of a large profile, seconds of work) before each and at the end."""
        self.path = Path(path)
        write_conn = open_database(self.path, key, create=create)
        try:
            migrations.migrate(write_conn, progress=on_migration)
            self.client_id = self._client_id(write_conn)
        except BaseException:
            write_conn.close()
            raise
        self._key = key
        self.clock = HybridLogicalClock(self.client_id)
        last = write_conn.execute("SELECT value FROM meta WHERE key = 'last_hlc'").fetchone()
        if last:
            self.clock.observe(last[0])
        self.writer = Writer(write_conn)
        self._local = threading.local()
        self._readers: list[Connection] = []
        self._readers_lock = threading.Lock()
        self._closed = False

    @staticmethod
    def _client_id(conn: Connection) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'client_id'").fetchone()
        if row:
            return row[0]
        client_id = uuid7().replace("-", "")
        conn.execute("INSERT INTO meta(key, value) VALUES ('client_id', ?)", (client_id,))
        return client_id

    @property
    def closed(self) -> bool:
        return self._closed

    def reader(self) -> Connection:
        """This thread's read connection (WAL: a consistent snapshot per statement)."""
        if self._closed:
            raise WriterClosed("the store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_database(self.path, self._key)
            with self._readers_lock:
                self._readers.append(conn)
            self._local.conn = conn
        return conn

    def check_integrity(self) -> list[str]:
        """Read every page of the file and check it: SQLCipher's page HMACs (any damage to
        an encrypted page shows there), then, if those hold, SQLite's ``quick_check`` of the
        b-trees. Opening reads only ``sqlite_master``, so damage elsewhere in the file would
        otherwise show only when that page is read; this is meant to run once after opening,
        on a worker thread (it reads the whole file: a few milliseconds per megabyte).

        Returns the problems found (empty: sound), as SQLite words them (page numbers, never
        content). Its own read-only connection, closed after; the store stays usable."""
        if self._closed:
            raise WriterClosed("the store is closed")
        try:
            conn = open_database(self.path, self._key, readonly=True)
        except StoreOpenError as exc:  # damage where opening looks (it was sound at open)
            return [str(exc)]
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
            if not problems:
                problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()
                            if r[0] != "ok"]
        except DamageFoundError as exc:  # the check itself met a page it could not read
            problems = [str(exc)]
        finally:
            conn.close()
        return problems

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._readers_lock:
            for conn in self._readers:
                with contextlib.suppress(Exception):  # closing; the writer still commits
                    conn.close()
            self._readers.clear()
        self.writer.close()
        self._key = b""
