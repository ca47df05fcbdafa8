"""Pushing the laptop's access log (åtkomstloggen) to the server (docs/PROTOCOL-3.md part E).

The chained rows (``store/access_chain.py``) go with ``POST /v1/push`` as ``access_log``,
after the sync's mutations, in ``log_seq`` order, ``MAX_LOG_BATCH`` at a time. The server
stores each row once (by ``log_id``) and answers ``log_acked_through``; the laptop keeps
that cursor in ``sync_state`` (``LOG_ACKED``) with the epoch it was acknowledged in
(``LOG_EPOCH``). A server restored from a backup (another epoch) is sent every row again:
it keeps what it already has and acknowledges it again, so no row is lost and none is
stored twice. The rows stay on the laptop (append-only): an acknowledged row is never
deleted here. Protocol 2 and older sends no ``access_log``: the log stays local.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anhorigdesk.store.access_chain import COLUMNS, wire_row
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.repository import Repository

LOG_ACKED = "log_acked_through"
LOG_EPOCH = "log_acked_epoch"
MAX_LOG_BATCH = 1000  # the server's limit per push (server/models.py)
LOG_PROTOCOL = 3  # the first protocol version that carries access_log


def _get(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _put(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO sync_state(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def acked_through(conn: Connection, epoch: str) -> int:
    """The ``log_seq`` the server of ``epoch`` has acknowledged (0 for another epoch)."""
    if _get(conn, LOG_EPOCH) != epoch:
        return 0
    return int(_get(conn, LOG_ACKED) or 0)


def pending_count(conn: Connection, epoch: str | None = None) -> int:
    """Rows not yet acknowledged (by the server of ``epoch``, or of the last known one)."""
    known = epoch if epoch is not None else _get(conn, LOG_EPOCH)
    after = acked_through(conn, known) if known is not None else 0
    return int(conn.execute("SELECT count(*) FROM access_log WHERE seq > ?", (after,)).fetchone()[0])


def next_rows(conn: Connection, client_id: str, epoch: str, limit: int) -> list[dict[str, Any]]:
    """The next unacknowledged rows as pushed, in ``log_seq`` order."""
    after = acked_through(conn, epoch)
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM access_log WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)
    ).fetchall()
    return [wire_row(client_id, row) for row in rows]


def mark_acked(conn: Connection, epoch: str, through: int) -> None:
    """Move the cursor forward to ``through`` (never back within one epoch)."""
    current = acked_through(conn, epoch)
    _put(conn, LOG_EPOCH, epoch)
    _put(conn, LOG_ACKED, str(max(current, int(through))))


def forget_acks(conn: Connection) -> None:
    """Send every row again at the next push (the server keeps what it has and
    acknowledges it again): after a repair found the server lacking what it had
    acknowledged (a restore without a new epoch)."""
    conn.execute("DELETE FROM sync_state WHERE key IN (?, ?)", (LOG_ACKED, LOG_EPOCH))


def push_log(
    repo: Repository,
    send: Callable[[list[dict[str, Any]]], dict[str, Any]],
    epoch: str,
    *,
    check: Callable[[], None] = lambda: None,
    batch: int = MAX_LOG_BATCH,
) -> int:
    """Push every unacknowledged row with ``send(rows)`` (which posts ``access_log: rows``
    and returns the server's answer); return how many rows the server acknowledged.

    A batch the server does not acknowledge in full (``log_acked_through`` below the batch's
    last row) stops the push: the rest goes next sync."""
    client_id = repo.db.client_id
    done = 0
    while True:
        check()
        rows = next_rows(repo.db.reader(), client_id, epoch, batch)
        if not rows:
            return done
        answer = send(rows)
        through = int(answer.get("log_acked_through") or 0)
        first = rows[0]["log_seq"]
        repo.apply_remote(lambda conn, t=through: mark_acked(conn, epoch, t))
        acked = max(0, min(through, rows[-1]["log_seq"]) - first + 1)
        done += acked
        if through < rows[-1]["log_seq"]:
            return done
