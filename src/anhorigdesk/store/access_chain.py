"""The laptop's chained access log (åtkomstlogg), docs/PROTOCOL-3.md part E.

Each row of ``access_log`` carries ``log_id``, ``prev`` and ``hash`` (laptop migration
``0013_access_log_chain``): the row as it travels to the server (``wire_row``) is hashed
with the previous row's hash of this device (:mod:`anhorigdesk.replication.log_chain`).
Rows are written only through :func:`append`, on the writer thread, so the chain follows
``seq`` order. The server acknowledges rows by ``log_seq`` (``log_acked_through``, kept in
``sync_state``): see :mod:`anhorigdesk.sync.log_push`.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.ids import uuid7

# Columns of access_log a wire row is made of, in this order.
COLUMNS = "seq, log_id, at, user_id, unit_id, person_kind, person_id, action, prev, hash"


def wire_row(client_id: str, row: tuple[Any, ...]) -> dict[str, Any]:
    """A stored row (``COLUMNS``) as pushed: who (``staff_id``, ``unit_id``), what
    (``action``; ``detail`` = the kind of person), which person, when (laptop time), from
    which device (``client_id``), and its place in the chain."""
    seq, log_id, at, user_id, unit_id, person_kind, person_id, action, prev, hash_ = row
    return {
        "log_id": log_id,
        "client_id": client_id,
        "log_seq": int(seq),
        "at": at,
        "action": action,
        # the person accessed: a carer, or a cared-for person (``detail`` says which); the
        # server keeps it only as a pseudonym
        "carer_id": person_id,
        "unit_id": unit_id,
        "staff_id": user_id,
        "detail": person_kind,
        "prev": prev,
        "hash": hash_,
    }


def last_hash(conn: Connection) -> str:
    row = conn.execute("SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row and row[0] is not None else GENESIS


def append(
    conn: Connection, client_id: str, at: str, user_id: str | None, unit_id: str | None,
    person_kind: str, person_id: str | None, action: str,
) -> None:
    """Append one chained row (on the writer thread, inside its transaction)."""
    prev = last_hash(conn)
    # the highest seq ever given (AUTOINCREMENT's own record): a deleted last row's seq is
    # never given again
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'access_log'").fetchone()
    seq = int(row[0] if row else 0) + 1
    log_id = uuid7()
    draft = (seq, log_id, at, user_id, unit_id, person_kind, person_id, action, prev, None)
    hash_ = row_hash(wire_row(client_id, draft))
    conn.execute(
        "INSERT INTO access_log(seq, log_id, at, user_id, unit_id, person_kind, person_id, action,"
        " prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, log_id, at, user_id, unit_id, person_kind, person_id, action, prev, hash_),
    )


def chain_existing(conn: Connection, client_id: str) -> int:
    """Give every row without a chain its ``log_id``, ``prev`` and ``hash``, in seq order
    (migration 0013; the append-only triggers are lifted around it by the migration)."""
    prev = GENESIS
    count = 0
    rows = conn.execute(f"SELECT {COLUMNS} FROM access_log ORDER BY seq").fetchall()
    updates = []
    for row in rows:
        if row[9] is not None:
            prev = row[9]
            continue
        log_id = row[1] or uuid7()
        draft = (row[0], log_id, *row[2:8], prev, None)
        hash_ = row_hash(wire_row(client_id, draft))
        updates.append((log_id, prev, hash_, row[0]))
        prev = hash_
        count += 1
    conn.executemany("UPDATE access_log SET log_id = ?, prev = ?, hash = ? WHERE seq = ?", updates)
    return count
