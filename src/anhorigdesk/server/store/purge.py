"""Purges in the log (gallring, withdrawn consent, ended sharing): docs/PROTOCOL-3.md part D.

A purge makes every laptop forget records. :func:`write_purge` is the one way to write one;
the gallring run (``server/gallring.py``) and withdrawn consent / ended sharing (#15) call it.
In one transaction under the log lock it

1. refuses, for ``gallring``, records with activity inside the retention period
   (:class:`PurgeRefused`, 409 ``purge_recent_activity`` naming a count, never a person);
2. sets aside (``purged``, part C) every stored mutation of those records: the payload
   becomes its stub (ids, seqs, clocks, scope; no field values), the original's sha256 is
   kept in ``set_aside``;
3. deletes their ``entities`` rows (the merged state) and names them in ``purged_records``
   (ids only), so a later push of such a record is stored as a stub and never merged again;
4. appends the purge to the log: a ``mutations`` row with its own ``server_seq`` (``op``
   ``purge``, ``entity`` ``_purge``, ``mutation_id`` = ``purge_id``) whose payload is the
   change laptops pull, ``{"kind": "purge", "purge_id", "scope", "entities", "reason",
   "audience"}``; it counts in its scope's integrity figures like a mutation (the
   ``purge_id`` is the checksum term);
5. records it in ``purges`` (counts only).

``hold=True`` (a record the gallring rules keep for the archive): steps 2 and 3 wait — the
laptops forget the record now, the server keeps it until ``admin gallring deliver`` has
exported it, then :func:`release_hold` sets it aside.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from anhorigdesk.replication.integrity import add_to_checksum
from anhorigdesk.server.compaction import canonical, payload_digest, stub_of
from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.migrations import PURGE_REASONS
from anhorigdesk.server.store.scopes import load_scope, save_scope
from anhorigdesk.server.store.statistics import forget_facts

PURGE_OP = "purge"
PURGE_ENTITY = "_purge"
PURGE_CLIENT = "server:purge"
PURGE_KIND = "purge"


class PurgeRefused(ApiError):
    """409 ``purge_recent_activity``: records of the purge have activity inside the
    retention period (how many; never which)."""

    def __init__(self, count: int) -> None:
        super().__init__(409, "purge_recent_activity", {"count": count})
        self.count = count


class PurgeError(ValueError):
    """A purge asked for with bad arguments (says which and why; names no one)."""


@dataclass
class PurgeResult:
    purge_id: str
    server_seq: int
    scope: str
    records: int  # records the purge names
    mutations_set_aside: int
    records_deleted: int
    versions_deleted: int  # field versions in the deleted merged states
    held: bool
    entries_deleted: int = 0  # of records_deleted, how many were entries
    log_rows: int = 0  # stored mutations of the records (set aside now or before)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def is_purge_row(op: str) -> bool:
    return op == PURGE_OP


def write_purge(
    conn_or_store: Any,
    scope: str,
    entities: Sequence[tuple[str, str]] | None,
    reason: str,
    audience: dict[str, Any] | None,
    *,
    by: str = "server",
    at: str | None = None,
    active_after: str | None = None,
    hold: bool = False,
) -> PurgeResult:
    """Write one purge (see the module docstring).

    ``conn_or_store``: a :class:`Transaction` the caller holds with the log lock taken, a
    :class:`Database`, or anything with a ``db`` (the ``ServerStore``): then a write
    transaction of its own. ``scope``: a scope key. ``entities``: ``[(entity, id), …]`` or
    None for every record of the scope. ``reason``: gallring | consent_withdrawn |
    sharing_ended. ``audience``: None (every laptop) or ``{"unit_ids": [...]}``.
    ``active_after`` (a stored timestamp; required for ``gallring``): a record with a
    mutation received after it has activity inside the retention period, and the purge is
    refused — before anything is written, so a caller holding a transaction may go on
    with it. ``at``: the time recorded (default: now)."""
    if reason not in PURGE_REASONS:
        raise PurgeError(f"reason {reason!r}: not one of {', '.join(PURGE_REASONS)}")
    if reason == "gallring" and active_after is None:
        raise PurgeError("a gallring purge needs active_after (the start of the retention period)")
    if audience is not None:
        units = audience.get("unit_ids") if isinstance(audience, dict) else None
        if not isinstance(units, list) or not all(isinstance(u, str) and u for u in units) or set(audience) != {"unit_ids"}:
            raise PurgeError('audience: null or {"unit_ids": [<unit id>, ...]}')
    if isinstance(conn_or_store, Transaction):
        return _write(conn_or_store, scope, entities, reason, audience, by, at, active_after, hold)
    db: Database = conn_or_store if isinstance(conn_or_store, Database) else conn_or_store.db
    with db.transaction(write=True) as tx:
        tx.lock_log()
        return _write(tx, scope, entities, reason, audience, by, at, active_after, hold)


def _now() -> str:
    from datetime import UTC, datetime

    from anhorigdesk.server.security import iso

    return iso(datetime.now(UTC))


def _records(
    tx: Transaction, scope: str, entities: Sequence[tuple[str, str]] | None,
    log: Sequence[tuple[Any, ...]] = (),
) -> list[tuple[str, str]]:
    """The records a purge names: ``entities``, or (None) every record of the scope — those
    in its log (``log``: :func:`_scope_log`'s rows) and those with a merged state in it."""
    if entities is None:
        found = {(r[2], r[3]) for r in log}
        found.update((r[0], r[1]) for r in tx.all(
            "SELECT entity, entity_id FROM entities WHERE scope_key = ?", (scope,)))
        return sorted(found)
    wanted = sorted({(str(e), str(i)) for e, i in entities})
    if not wanted:
        raise PurgeError("entities: an empty list (use null for the whole scope)")
    return wanted


def _write(
    tx: Transaction,
    scope_key: str,
    entities: Sequence[tuple[str, str]] | None,
    reason: str,
    audience: dict[str, Any] | None,
    by: str,
    at: str | None,
    active_after: str | None,
    hold: bool,
) -> PurgeResult:
    stamp = at or _now()
    if not tx.dialect.is_pg:
        tx.execute("PRAGMA secure_delete = ON")  # freed cells zeroed (docs/GALLRING.md)
    scope = load_scope(tx, scope_key)
    if scope is None:
        raise PurgeError("scope: no such scope on this server")
    log = _scope_log(tx, scope_key)  # read once: it names the records and holds their rows
    records = _records(tx, scope_key, entities, log)
    wanted = set(records)
    rows = [r for r in log if (r[2], r[3]) in wanted]
    if active_after is not None:
        recent = {(r[2], r[3]) for r in rows if r[5] > active_after}
        if recent:
            raise PurgeRefused(len(recent))
    set_aside = deleted = versions = entries = 0
    if not hold:
        set_aside, deleted, versions, entries = _remove(tx, rows, records, stamp, by)
    purge_id = str(uuid.uuid4())
    head = tx.one("SELECT MAX(server_seq) FROM mutations")
    server_seq = (int(head[0]) if head and head[0] is not None else 0) + 1
    change = {
        "kind": PURGE_KIND,
        "purge_id": purge_id,
        "scope": scope_key,
        "entities": None if entities is None else [[e, i] for e, i in records],
        "reason": reason,
        "audience": audience,
    }
    scope.count += 1
    scope.checksum = add_to_checksum(scope.checksum, purge_id)
    scope.last_seq = server_seq
    tx.execute(
        "INSERT INTO mutations (server_seq, mutation_id, client_id, seq, entity, entity_id,"
        " op, scope_key, carer_id, payload, pushed_by, received_at, scope_count,"
        " scope_checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (server_seq, purge_id, PURGE_CLIENT, server_seq, PURGE_ENTITY, purge_id, PURGE_OP,
         scope_key, scope.carer_id, canonical(change), by, stamp, scope.count, scope.checksum),
    )
    save_scope(tx, scope, set(scope.units))
    tx.executemany(
        "INSERT INTO purged_records (entity, entity_id, purge_id) VALUES (?, ?, ?)"
        + (" ON CONFLICT (entity, entity_id) DO NOTHING"),
        [(e, i, purge_id) for e, i in records],
    )
    tx.execute(
        "INSERT INTO purges (purge_id, server_seq, scope_key, reason, entities, audience, at, by,"
        " mutations_set_aside, records_deleted, versions_deleted, held)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (purge_id, server_seq, scope_key, reason,
         None if entities is None else json.dumps(change["entities"]),
         None if audience is None else json.dumps(audience, sort_keys=True),
         stamp, by, set_aside, deleted, versions, int(hold)),
    )
    return PurgeResult(purge_id, server_seq, scope_key, len(records), set_aside, deleted, versions,
                       hold, entries, len(rows))


def _scope_log(tx: Transaction, scope_key: str) -> list[tuple[Any, ...]]:
    """(server_seq, mutation_id, entity, entity_id, payload, received_at) of every stored
    mutation in the scope's log (purges left out), in log order."""
    return tx.all(
        "SELECT server_seq, mutation_id, entity, entity_id, payload, received_at"
        " FROM mutations WHERE scope_key = ? AND op <> ? ORDER BY server_seq",
        (scope_key, PURGE_OP),
    )


def _mutations_of(
    tx: Transaction, scope_key: str, records: Sequence[tuple[str, str]]
) -> list[tuple[Any, ...]]:
    """:func:`_scope_log`'s rows of the records."""
    wanted = set(records)
    return [r for r in _scope_log(tx, scope_key) if (r[2], r[3]) in wanted]


def _remove(
    tx: Transaction, rows: Sequence[tuple[Any, ...]], records: Sequence[tuple[str, str]], at: str, by: str
) -> tuple[int, int, int, int]:
    """Set aside the mutations (``purged``), delete the merged states; the counts (mutations
    set aside, records deleted, field versions deleted, entries deleted). A few statements
    per call whatever the number of records (a gallring writes 2,000 purges in a run)."""
    ids = [r[1] for r in rows]
    already: set[str] = set()
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        marks = ", ".join("?" * len(chunk))
        already.update(r[0] for r in tx.all(
            f"SELECT mutation_id FROM set_aside WHERE mutation_id IN ({marks})", chunk))
    records_set, updates = [], []
    for server_seq, mutation_id, _entity, _entity_id, payload, _received in rows:
        if mutation_id in already:
            continue  # already a stub without content (compacted, retired)
        records_set.append((mutation_id, payload_digest(payload), len(payload.encode("utf-8")), at, by))
        updates.append((canonical(stub_of(json.loads(payload), "purged")), int(server_seq)))
    tx.executemany(
        "INSERT INTO set_aside (mutation_id, reason, payload_sha256, payload_bytes, at, by, note)"
        " VALUES (?, 'purged', ?, ?, ?, ?, NULL)",
        records_set,
    )
    tx.executemany("UPDATE mutations SET payload = ? WHERE server_seq = ?", updates)
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in records:
        by_entity.setdefault(entity, []).append(entity_id)
    found: list[tuple[str, str]] = []
    versions = entries = 0
    for entity, ids in sorted(by_entity.items()):
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            for entity_id, state in tx.all(
                f"SELECT entity_id, state FROM entities WHERE entity = ? AND entity_id IN ({marks})",
                (entity, *chunk),
            ):
                heads = json.loads(state).get("heads") or {}
                versions += sum(len(v) for v in heads.values())
                entries += entity == "entry"
                found.append((entity, entity_id))
    tx.executemany("DELETE FROM entities WHERE entity = ? AND entity_id = ?", found)
    forget_facts(tx, records)
    return len(records_set), len(found), versions, entries


def release_hold(tx: Transaction, scope_key: str, *, by: str, at: str | None = None) -> tuple[int, int, int]:
    """After archive delivery: set aside every mutation of a held scope's purged records and
    delete their merged state (what ``write_purge(..., hold=True)`` left). Call under the
    log lock. Returns (mutations set aside, records deleted, versions deleted)."""
    records = sorted(
        (r[0], r[1]) for r in tx.all(
            "SELECT pr.entity, pr.entity_id FROM purged_records pr JOIN purges p"
            " ON p.purge_id = pr.purge_id WHERE p.scope_key = ?", (scope_key,))
    )
    rows = _mutations_of(tx, scope_key, records)
    return _remove(tx, rows, records, at or _now(), by)[:3]


def purged(
    tx: Transaction, keys: Sequence[tuple[str, str]],
    carers: Mapping[tuple[str, str], str | None] | None = None,
) -> set[tuple[str, str]]:
    """Which of these records a purge has removed (a push of one is stored as a stub).
    ``carers``: each record's carer id; a record of a carer whose whole scope was purged for
    every laptop (a new entry about a thinned carer, written offline) counts as removed too."""
    found: set[tuple[str, str]] = set()
    if carers:
        ids = sorted({c for c in carers.values() if c})
        gone: set[str] = set()
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            gone.update(r[0] for r in tx.all(
                "SELECT scope_key FROM purges WHERE entities IS NULL AND audience IS NULL"
                f" AND scope_key IN ({marks})", chunk))
        found.update(k for k, c in carers.items() if c in gone)
    by_entity: dict[str, set[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, set()).add(entity_id)
    for entity, id_set in sorted(by_entity.items()):  # the primary key (entity, entity_id)
        ids = sorted(id_set)
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            found.update((entity, r[0]) for r in tx.all(
                f"SELECT entity_id FROM purged_records WHERE entity = ? AND entity_id IN ({marks})",
                (entity, *chunk)))
    return found & set(keys)
