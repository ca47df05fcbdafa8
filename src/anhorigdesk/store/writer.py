"""The single writer: one thread owns the only connection that writes.

Every write to the encrypted database is a job run on this thread inside one
transaction (``BEGIN IMMEDIATE`` … ``COMMIT``). Callers get a Future; the Qt front end
waits for it off the GUI thread and learns the result by signal, so the GUI never
blocks on the disk and two writers can never deadlock.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from anhorigdesk.store.engine import Connection

T = TypeVar("T")
log = logging.getLogger("anhorigdesk.store.writer")


class WriterClosed(RuntimeError):
    pass


class Writer:
    def __init__(self, conn: Connection, *, name: str = "anhorigdesk-writer") -> None:
        self._conn = conn
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[Connection], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[Connection], T]) -> Future[T]:
        """Queue ``job(conn)`` to run in its own transaction; returns its Future."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise WriterClosed("the store is closed")
            self._queue.put((future, job))
        return future

    def run(self, job: Callable[[Connection], T]) -> T:
        """Run ``job`` on the writer thread and wait for its committed result."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("a writer job must not wait for another writer job")
        return self.submit(job).result()

    def _run(self) -> None:
        conn = self._conn
        while True:
            item = self._queue.get()
            if item is None:
                break
            future, job = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = job(conn)
                conn.execute("COMMIT")
            except BaseException as exc:  # delivered to the caller through the Future
                # Only while a transaction is open: SQLite has already rolled it back itself
                # after some errors (a full disk, a damaged page), and a ROLLBACK then would
                # only hide the real error behind "no transaction is active".
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except Exception as rollback_exc:  # the job's error is the one to report
                        log.warning("rollback failed (%s)", type(rollback_exc).__name__)
                future.set_exception(exc)
            else:
                future.set_result(result)

    def close(self) -> None:
        """Finish queued jobs, stop the thread and close the connection."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._thread.join()
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            # A full disk (the file cannot grow for the pages): every commit is in the WAL,
            # which the next opening applies; the store closes all the same.
            log.warning("checkpoint at close failed (%s); the WAL is applied at the next open",
                        type(exc).__name__)
        finally:
            self._conn.close()
