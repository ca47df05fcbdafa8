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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from anhorigdesk.replication.integrity import add_to_checksum
from anhorigdesk.server.compaction import canonical, payload_digest, stub_of
from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.migrations import PURGE_REASONS
from anhorigdesk.server.store.base import rows_in
from anhorigdesk.server.store.scopes import Scope, load_scopes
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


@dataclass(frozen=True)
class PurgeRequest:
    """One purge for :func:`write_purges` (the arguments of :func:`write_purge`)."""

    scope: str
    entities: Sequence[tuple[str, str]] | None
    reason: str
    audience: dict[str, Any] | None = None
    by: str = "server"
    at: str | None = None
    active_after: str | None = None
    hold: bool = False


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
    request = PurgeRequest(scope, entities, reason, audience, by, at, active_after, hold)
    _check(request)
    if isinstance(conn_or_store, Transaction):
        outcome = write_purges(conn_or_store, [[request]])[0]
    else:
        db: Database = conn_or_store if isinstance(conn_or_store, Database) else conn_or_store.db
        with db.transaction(write=True) as tx:
            tx.lock_log()
            outcome = write_purges(tx, [[request]])[0]
    if isinstance(outcome, PurgeRefused):
        raise outcome
    return outcome[0]


def _check(request: PurgeRequest) -> None:
    if request.reason not in PURGE_REASONS:
        raise PurgeError(f"reason {request.reason!r}: not one of {', '.join(PURGE_REASONS)}")
    if request.reason == "gallring" and request.active_after is None:
        raise PurgeError("a gallring purge needs active_after (the start of the retention period)")
    audience = request.audience
    if audience is not None:
        units = audience.get("unit_ids") if isinstance(audience, dict) else None
        if not isinstance(units, list) or not all(isinstance(u, str) and u for u in units) or set(audience) != {"unit_ids"}:
            raise PurgeError('audience: null or {"unit_ids": [<unit id>, ...]}')
    if request.entities is not None and not request.entities:
        raise PurgeError("entities: an empty list (use null for the whole scope)")


def _now() -> str:
    from datetime import UTC, datetime

    from anhorigdesk.server.security import iso

    return iso(datetime.now(UTC))


def _chunks(items: Sequence[Any], size: int = 400) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# a stored mutation as the purge reads it: (server_seq, mutation_id, entity, entity_id,
# payload, received_at, already set aside)
_LogRow = tuple[int, str, str, str, str, str, bool]


def write_purges(
    tx: Transaction, groups: Sequence[Sequence[PurgeRequest]]
) -> list[list[PurgeResult] | PurgeRefused]:
    """Many purges in the caller's transaction (the log lock taken), with a few statements
    for all of them whatever their number (a gallring chunk writes 50 purges at once): the
    scopes' logs, merged states and set-aside marks are read together, and every table is
    written with one statement. Each group is all or nothing: a request refused for
    recent activity (checked before anything is written) refuses its whole group, which
    gets the :class:`PurgeRefused` in its place; the other groups are written. The result
    is what :func:`write_purge` gives for each request one after another."""
    requests = [r for group in groups for r in group]
    for request in requests:
        _check(request)
    if not requests:
        return []
    if not tx.dialect.is_pg:
        tx.execute("PRAGMA secure_delete = ON")  # freed cells zeroed (docs/GALLRING.md)
    keys = list(dict.fromkeys(r.scope for r in requests))
    scopes = load_scopes(tx, keys)
    if any(scopes[k] is None for k in keys):
        raise PurgeError("scope: no such scope on this server")
    logs: dict[str, list[_LogRow]] = {k: [] for k in keys}
    in_scope: dict[str, list[tuple[str, str]]] = {k: [] for k in keys}
    states: dict[tuple[str, str], str] = {}
    for chunk in _chunks(keys):
        marks = ", ".join("?" * len(chunk))
        for seq, mutation_id, entity, entity_id, payload, received, scope_key, aside in tx.all(
            "SELECT m.server_seq, m.mutation_id, m.entity, m.entity_id, m.payload, m.received_at,"
            " m.scope_key, a.mutation_id FROM mutations m"
            " LEFT JOIN set_aside a ON a.mutation_id = m.mutation_id"
            f" WHERE m.scope_key IN ({marks}) AND m.op <> ? ORDER BY m.server_seq",
            (*chunk, PURGE_OP),
        ):
            logs[scope_key].append((int(seq), mutation_id, entity, entity_id, payload, received,
                                    aside is not None))
        for entity, entity_id, scope_key, state in tx.all(
            f"SELECT entity, entity_id, scope_key, state FROM entities WHERE scope_key IN ({marks})",
            chunk,
        ):
            in_scope[scope_key].append((entity, entity_id))
            states[(entity, entity_id)] = state

    # which groups are refused: a request's log rows of its records, received after
    # active_after (a whole-scope purge names every record of its log)
    plans: list[list[tuple[PurgeRequest, list[tuple[str, str]] | None, list[_LogRow]]] | PurgeRefused] = []
    for group in groups:
        planned = []
        refused: PurgeRefused | None = None
        for request in group:
            wanted = None if request.entities is None else sorted(
                {(str(e), str(i)) for e, i in request.entities})
            rows = logs[request.scope] if wanted is None else [
                r for r in logs[request.scope] if (r[2], r[3]) in set(wanted)]
            if request.active_after is not None:
                recent = {(r[2], r[3]) for r in rows if r[5] > request.active_after}
                if recent and refused is None:
                    refused = PurgeRefused(len(recent))
            planned.append((request, wanted, rows))
        plans.append(refused if refused is not None else planned)

    # the merged states of named records outside the scopes read above (a record moved to
    # another scope; most often none)
    named = {(r[2], r[3]) for plan in plans if not isinstance(plan, PurgeRefused)
             for request, wanted, rows in plan if not request.hold for r in rows}
    named.update(k for plan in plans if not isinstance(plan, PurgeRefused)
                 for request, wanted, rows in plan if not request.hold and wanted for k in wanted)
    looked_up = set(states)
    missing: dict[str, list[str]] = {}
    for entity, entity_id in sorted(named - looked_up):
        missing.setdefault(entity, []).append(entity_id)
    for entity, ids in missing.items():
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            for entity_id, state in tx.all(
                f"SELECT entity_id, state FROM entities WHERE entity = ? AND entity_id IN ({marks})",
                (entity, *chunk),
            ):
                states[(entity, entity_id)] = state

    head = tx.one("SELECT MAX(server_seq) FROM mutations")
    server_seq = int(head[0]) if head and head[0] is not None else 0
    deleted: set[tuple[str, str]] = set()
    aside_now: set[str] = set()
    set_aside_rows: list[tuple[Any, ...]] = []
    payloads: list[tuple[int, str]] = []
    gone: list[tuple[str, str]] = []
    forgotten: list[tuple[str, str]] = []
    log_rows: list[tuple[Any, ...]] = []
    purged_rows: list[tuple[str, str, str]] = []
    purge_rows: list[tuple[Any, ...]] = []
    changed: dict[str, Scope] = {}
    outcomes: list[list[PurgeResult] | PurgeRefused] = []
    for plan in plans:
        if isinstance(plan, PurgeRefused):
            outcomes.append(plan)
            continue
        results = []
        for request, wanted, rows in plan:
            stamp = request.at or _now()
            if wanted is None:  # every record of the scope: its log's and its merged states'
                found = {(r[2], r[3]) for r in rows}
                found.update(k for k in in_scope[request.scope] if k not in deleted)
                records = sorted(found)
            else:
                records = wanted
            set_aside = removed = versions = entries = 0
            if not request.hold:
                for seq, mutation_id, _e, _i, payload, _received, aside in rows:
                    if aside or mutation_id in aside_now:
                        continue  # already a stub without content (compacted, retired)
                    aside_now.add(mutation_id)
                    set_aside_rows.append((mutation_id, "purged", payload_digest(payload),
                                           len(payload.encode("utf-8")), stamp, request.by, None))
                    payloads.append((seq, canonical(stub_of(json.loads(payload), "purged"))))
                    set_aside += 1
                for key in records:
                    state = states.get(key)
                    if state is None or key in deleted:
                        continue
                    deleted.add(key)
                    gone.append(key)
                    heads = json.loads(state).get("heads") or {}
                    versions += sum(len(v) for v in heads.values())
                    entries += key[0] == "entry"
                    removed += 1
                forgotten.extend(records)
            purge_id = str(uuid.uuid4())
            server_seq += 1
            change = {
                "kind": PURGE_KIND,
                "purge_id": purge_id,
                "scope": request.scope,
                "entities": None if wanted is None else [[e, i] for e, i in records],
                "reason": request.reason,
                "audience": request.audience,
            }
            scope = scopes[request.scope]
            assert scope is not None
            scope.count += 1
            scope.checksum = add_to_checksum(scope.checksum, purge_id)
            scope.last_seq = server_seq
            changed[scope.key] = scope
            log_rows.append((server_seq, purge_id, PURGE_CLIENT, server_seq, PURGE_ENTITY, purge_id,
                             PURGE_OP, request.scope, scope.carer_id, canonical(change), request.by,
                             stamp, scope.count, scope.checksum))
            purged_rows.extend((e, i, purge_id) for e, i in records)
            purge_rows.append((purge_id, server_seq, request.scope, request.reason,
                               None if wanted is None else json.dumps(change["entities"]),
                               None if request.audience is None else json.dumps(request.audience, sort_keys=True),
                               stamp, request.by, set_aside, removed, versions, int(request.hold)))
            results.append(PurgeResult(purge_id, server_seq, request.scope, len(records), set_aside,
                                       removed, versions, request.hold, entries, len(rows)))
        outcomes.append(results)

    # written in the order the log's triggers need: a payload is replaced only once its
    # set-aside row is there
    tx.insert_rows("set_aside", SET_ASIDE_COLUMNS, set_aside_rows)
    _replace_payloads(tx, payloads)
    _delete_states(tx, gone)
    forget_facts(tx, forgotten)
    tx.insert_rows("mutations", MUTATION_COLUMNS, log_rows)
    _save_counts(tx, list(changed.values()))
    _insert_purged_records(tx, purged_rows)
    tx.insert_rows("purges", PURGE_COLUMNS, purge_rows)
    return outcomes


SET_ASIDE_COLUMNS = ("mutation_id", "reason", "payload_sha256", "payload_bytes", "at", "by", "note")
MUTATION_COLUMNS = ("server_seq", "mutation_id", "client_id", "seq", "entity", "entity_id", "op",
                    "scope_key", "carer_id", "payload", "pushed_by", "received_at", "scope_count",
                    "scope_checksum")
PURGE_COLUMNS = ("purge_id", "server_seq", "scope_key", "reason", "entities", "audience", "at", "by",
                 "mutations_set_aside", "records_deleted", "versions_deleted", "held")


def _records_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows as one JSON parameter for PostgreSQL's ``json_to_recordset``: one statement for
    any number of rows, and no per-element quoting of array parameters on the client
    (measured: psycopg's text-array quoting of the payload stubs cost more than the
    statement itself)."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False)


def _replace_payloads(tx: Transaction, payloads: Sequence[tuple[int, str]]) -> None:
    """The set-aside mutations' payloads become their stubs: one statement (SQLite, in
    process, a statement per row costs no round trip)."""
    if not payloads:
        return
    if tx.dialect.is_pg:
        tx.execute(
            "UPDATE mutations AS m SET payload = u.payload"
            " FROM json_to_recordset(?::json) AS u(server_seq bigint, payload text)"
            " WHERE m.server_seq = u.server_seq",
            (_records_json(("server_seq", "payload"), payloads),),
        )
    else:
        tx.executemany("UPDATE mutations SET payload = ? WHERE server_seq = ?",
                       [(payload, seq) for seq, payload in payloads])


def _delete_states(tx: Transaction, keys: Sequence[tuple[str, str]]) -> None:
    if not keys:
        return
    if tx.dialect.is_pg:
        tx.execute(
            "DELETE FROM entities WHERE (entity, entity_id) IN (SELECT entity, entity_id"
            " FROM json_to_recordset(?::json) AS u(entity text, entity_id text))",
            (_records_json(("entity", "entity_id"), keys),),
        )
    else:
        tx.executemany("DELETE FROM entities WHERE entity = ? AND entity_id = ?", keys)


def _save_counts(tx: Transaction, scopes: Sequence[Scope]) -> None:
    """A purge changes a scope's count, checksum and last seq only (its units stay)."""
    if not scopes:
        return
    if tx.dialect.is_pg:
        tx.execute(
            "UPDATE scopes AS s SET mutation_count = u.c, checksum = u.sum, last_seq = u.last"
            " FROM json_to_recordset(?::json) AS u(k text, c bigint, sum text, last bigint)"
            " WHERE s.scope_key = u.k",
            (_records_json(("k", "c", "sum", "last"),
                           [(s.key, s.count, s.checksum, s.last_seq) for s in scopes]),),
        )
    else:
        tx.executemany("UPDATE scopes SET mutation_count = ?, checksum = ?, last_seq = ? WHERE scope_key = ?",
                       [(s.count, s.checksum, s.last_seq, s.key) for s in scopes])


def _insert_purged_records(tx: Transaction, rows: Sequence[tuple[str, str, str]]) -> None:
    """The records' ids (a record named before keeps its first purge)."""
    if not rows:
        return
    if tx.dialect.is_pg:
        tx.execute(
            "INSERT INTO purged_records (entity, entity_id, purge_id)"
            " SELECT entity, entity_id, purge_id"
            " FROM json_to_recordset(?::json) AS u(entity text, entity_id text, purge_id text)"
            " ON CONFLICT (entity, entity_id) DO NOTHING",
            (_records_json(("entity", "entity_id", "purge_id"), rows),),
        )
    else:
        tx.executemany("INSERT INTO purged_records (entity, entity_id, purge_id) VALUES (?, ?, ?)"
                       " ON CONFLICT (entity, entity_id) DO NOTHING", rows)


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
    already = {r[0] for r in rows_in(tx, "SELECT mutation_id FROM set_aside WHERE mutation_id {IN}", ids)}
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
        for entity_id, state in rows_in(
            tx, "SELECT entity_id, state FROM entities WHERE entity = ? AND entity_id {IN}", ids, (entity,)
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
        gone = {r[0] for r in rows_in(
            tx, "SELECT scope_key FROM purges WHERE entities IS NULL AND audience IS NULL"
            " AND scope_key {IN}", ids)}
        found.update(k for k, c in carers.items() if c in gone)
    by_entity: dict[str, set[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, set()).add(entity_id)
    for entity, id_set in sorted(by_entity.items()):  # the primary key (entity, entity_id)
        found.update((entity, r[0]) for r in rows_in(
            tx, "SELECT entity_id FROM purged_records WHERE entity = ? AND entity_id {IN}",
            sorted(id_set), (entity,)))
    return found & set(keys)
