"""A laptop applies a purge (gallring, withdrawn consent, ended sharing): docs/PROTOCOL-3.md
part D, #13 "thinning reaches every copy".

:func:`apply_purge` runs inside the writer transaction of the pulled page that carries the
purge (``Replica.apply_page``), so a purge is applied whole or not at all. It removes, for
every record the purge names (or every record of its scope):

- the record's row in its entity table, and its search-index rows (the FTS5 tables delete
  securely since laptop migration ``0011_sync_purges``);
- its ``record_versions``, ``sync_entity_state``, ``sync_quarantine`` rows, the
  ``schedule_entry_events`` digest of its entries, and the drafts written about a purged
  carer;
- its ``outbox`` rows; in ``sync_log`` the payload of every acknowledged or sent mutation
  becomes its stub (the envelope: ids, seq, clock, scope; no field value) — a sent but
  unacknowledged one is sent again as that stub, which the server acknowledges as the
  same mutation; an edit never sent is dropped (``dropped``, "n ändringar kunde inte
  skickas: posten är gallrad" in the sync report).

The record's ids go into ``sync_purged_records`` and the purge into ``sync_purges``: a later
change of such a record (a stub the server stored for a late push) is counted in the
integrity figures but never merged, and :func:`reapply_purges` runs every recorded purge
again first after a profile restore (``profiles/backup.py``).

What stays: the append-only ``audit_log`` (entity, id and field *names*, no values), the
local ``access_log`` (its pseudonym link is part E's, #14), ``sync_seen`` (mutation ids).

Disk: ``PRAGMA secure_delete`` is on for the purge (deleted content is overwritten in the
pages), and :func:`checkpoint` copies the WAL into the database and truncates it after the
transaction commits, so no page image of the removed rows stays in the ``-wal`` file. No
VACUUM: with secure_delete the freed pages hold zeros, and a VACUUM would rewrite the whole
encrypted file on every sync that carries a purge (docs/GALLRING.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import CARER, ENTITIES, ENTRY
from anhorigdesk.store.migrations import ENTRY_CARER_SHIFT

PURGE_KIND = "purge"
_PENDING, _ACKED = "pending", "acked"


@dataclass
class PurgeApplied:
    records: int = 0  # records removed from this laptop
    dropped: int = 0  # unsent local edits of purged records dropped


def is_purge(change: Mapping[str, Any]) -> bool:
    return change.get("kind") == PURGE_KIND


def purged_among(conn: Connection, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these records a purge has removed from this laptop."""
    wanted = set(keys)
    if not wanted:
        return set()
    found: set[tuple[str, str]] = set()
    ids = sorted({i for _e, i in wanted})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(
            (r[0], r[1]) for r in conn.execute(
                f"SELECT entity, entity_id FROM sync_purged_records WHERE entity_id IN ({marks})", chunk)
        )
    return found & wanted


def _records(conn: Connection, scope: str, entities: Sequence[Sequence[str]] | None) -> list[tuple[str, str]]:
    if entities is not None:
        return sorted({(str(e), str(i)) for e, i in entities})
    found: set[tuple[str, str]] = set()
    for spec in ENTITIES.values():
        if spec is CARER:
            rows = conn.execute("SELECT id FROM carers WHERE id = ?", (scope,))
        elif spec.carer_field:
            rows = conn.execute(f"SELECT id FROM {spec.table} WHERE {spec.carer_field} = ?", (scope,))
        else:
            continue
        found.update((spec.name, r[0]) for r in rows)
    found.update((r[0], r[1]) for r in conn.execute(
        "SELECT entity, entity_id FROM sync_entity_state WHERE scope_key = ?", (scope,)))
    for table in ("sync_log", "outbox"):
        found.update((r[0], r[1]) for r in conn.execute(
            f"SELECT entity, entity_id FROM {table} WHERE json_extract(payload, '$.carer_id') = ?", (scope,)))
    return sorted(found)


def stub(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A mutation without content: the envelope stays, ``fields``/``base`` (and ``ctx``) empty."""
    out = {**payload, "fields": {}, "base": {}}
    if "ctx" in payload:
        out["ctx"] = {}
    return out


def apply_purge(conn: Connection, change: Mapping[str, Any], *, at: str) -> PurgeApplied:
    """Remove what the purge names from this laptop (see the module docstring). Idempotent:
    applying a recorded purge again removes whatever came back and changes nothing else."""
    return apply_purges(conn, [change], at=at)[0]


def apply_purges(conn: Connection, changes: Sequence[Mapping[str, Any]], *, at: str) -> list[PurgeApplied]:
    """:func:`apply_purge` for every purge of a pulled page at once (one result each, in
    order): the records they name are removed together, a few statements per 400 records
    whatever the number of purges (a gallring brings 2,000 in one sync)."""
    if not changes:
        return []
    conn.execute("PRAGMA secure_delete = ON")
    named: list[list[tuple[str, str]]] = []
    for change in changes:
        purge_id = str(change["purge_id"])
        records = sorted(set(_records(conn, str(change["scope"]), change.get("entities"))) | {
            (r[0], r[1]) for r in conn.execute(
                "SELECT entity, entity_id FROM sync_purged_records WHERE purge_id = ?", (purge_id,))
        })
        conn.executemany(
            "INSERT OR IGNORE INTO sync_purged_records (entity, entity_id, purge_id) VALUES (?, ?, ?)",
            [(e, i, purge_id) for e, i in records],
        )
        named.append(records)
    removed, dropped = _remove(conn, sorted({r for records in named for r in records}))
    results: list[PurgeApplied] = []
    for change, records in zip(changes, named, strict=True):
        mine = removed.intersection(records)
        removed -= mine  # a record two purges name counts for the first
        applied = PurgeApplied(records=len(mine), dropped=sum(dropped.pop(r, 0) for r in records))
        conn.execute(
            "INSERT INTO sync_purges (purge_id, server_seq, scope_key, entities, reason, applied_at,"
            " records, dropped) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(purge_id) DO UPDATE SET records = records + excluded.records,"
            " dropped = dropped + excluded.dropped",
            (str(change["purge_id"]), int(change.get("server_seq", 0)), str(change["scope"]),
             None if change.get("entities") is None else json.dumps(change["entities"]),
             str(change.get("reason", "")), at, applied.records, applied.dropped),
        )
        results.append(applied)
    return results


def _remove(conn: Connection, records: Sequence[tuple[str, str]]) -> tuple[set[tuple[str, str]], dict[tuple[str, str], int]]:
    """Remove the records (every table the module docstring names). Returns the records
    that were on this laptop (in their entity table) and, per record, the unsent edits
    dropped."""
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in records:
        by_entity.setdefault(entity, []).append(entity_id)
    carers = by_entity.get(CARER.name, [])
    _unindex(conn, carers, by_entity.get(ENTRY.name, []))
    removed: set[tuple[str, str]] = set()
    dropped: dict[tuple[str, str], int] = {}
    for entity, ids in by_entity.items():
        spec = ENTITIES.get(entity)
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            if spec is not None:
                removed.update((entity, r[0]) for r in conn.execute(
                    f"SELECT id FROM {spec.table} WHERE id IN ({marks})", chunk))
                conn.execute(f"DELETE FROM {spec.table} WHERE id IN ({marks})", chunk)
            for table in ("record_versions", "sync_entity_state", "sync_quarantine", "outbox"):
                conn.execute(f"DELETE FROM {table} WHERE entity = ? AND entity_id IN ({marks})",
                             (entity, *chunk))
            for entity_id, n in _stub_log(conn, entity, chunk).items():
                dropped[(entity, entity_id)] = dropped.get((entity, entity_id), 0) + n
            if entity == ENTRY.name:
                conn.execute(f"DELETE FROM schedule_entry_events WHERE entry_id IN ({marks})", chunk)
    for chunk in _chunks(carers):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM drafts WHERE carer_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM schedule_entry_events WHERE carer_id IN ({marks})", chunk)
    return removed, dropped


def _chunks(ids: Sequence[str], size: int = 400) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


# From this many index rows on, a purge deletes with the search tables' FTS5 'secure-delete'
# off and then merges each table into one segment ('optimize'), which drops the removed rows'
# tokens: measured on a laptop holding 10,000 carers (40,000 entries), removing 8,000
# entries took 3.9 s row by row with secure-delete and 2.1 s this way (machine shared).
# Below it, secure-delete row by row (a single purge does not rewrite the whole index).
BULK_UNINDEX = 64


def _unindex(conn: Connection, carers: Sequence[str], entries: Sequence[str]) -> None:
    """Delete the search-index rows of the carers and entries (before their rows go: an
    entry's index rowid carries its carer's rowid, or 0 while the carer was missing). No
    token of a removed row stays in an index page either way (see :data:`BULK_UNINDEX`;
    ``PRAGMA secure_delete`` zeroes the pages the merge frees)."""
    bulk = len(carers) + len(entries) >= BULK_UNINDEX
    if bulk:
        for table in ("carer_search", "entry_search"):
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('secure-delete', 0)")
    for chunk in _chunks(carers):
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM carer_search WHERE rowid IN (SELECT rowid FROM carers WHERE id IN ({marks}))", chunk)
    for chunk in _chunks(entries):
        marks = ", ".join("?" * len(chunk))
        rowids: list[int] = []
        for rowid, carer_rowid in conn.execute(
            "SELECT e.rowid, coalesce((SELECT c.rowid FROM carers c WHERE c.id = e.carer_id), 0)"
            f" FROM entries e WHERE e.id IN ({marks})", chunk,
        ):
            rowids += [rowid, (carer_rowid << ENTRY_CARER_SHIFT) | rowid]
        for part in _chunks(rowids):  # type: ignore[arg-type]
            conn.execute(f"DELETE FROM entry_search WHERE rowid IN ({', '.join('?' * len(part))})", part)
    if bulk:
        for table in ("carer_search", "entry_search"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('secure-delete', 1)")


def _stub_log(conn: Connection, entity: str, ids: Sequence[str]) -> dict[str, int]:
    """Stub the sync_log payloads of the records; drop the edits never sent. Returns how
    many unsent edits were dropped, per record id."""
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT mutation_id, entity_id, payload, state, wire_seq FROM sync_log"
        f" WHERE entity = ? AND entity_id IN ({marks})",
        (entity, *ids),
    ).fetchall()
    dropped: dict[str, int] = {}
    for mutation_id, entity_id, payload, state, wire_seq in rows:
        if state != _ACKED and wire_seq is None:
            conn.execute("DELETE FROM sync_log WHERE mutation_id = ?", (mutation_id,))
            dropped[entity_id] = dropped.get(entity_id, 0) + 1
            continue
        conn.execute(
            "UPDATE sync_log SET payload = ? WHERE mutation_id = ?",
            (json.dumps(stub(json.loads(payload)), ensure_ascii=False, sort_keys=True), mutation_id),
        )
        if state != _ACKED:  # its content will not reach the server: the stub is sent instead
            dropped[entity_id] = dropped.get(entity_id, 0) + 1
    return dropped


def reapply_purges(conn: Connection, *, at: str) -> int:
    """Every purge this laptop has applied, again (after a profile restore, before anything
    syncs): what a restored backup brought back of a thinned record goes again. Returns
    how many purges were re-applied."""
    rows = conn.execute(
        "SELECT purge_id, server_seq, scope_key, entities, reason FROM sync_purges ORDER BY server_seq"
    ).fetchall()
    apply_purges(conn, [{
        "kind": PURGE_KIND, "purge_id": purge_id, "server_seq": server_seq, "scope": scope,
        "entities": None if entities is None else json.loads(entities), "reason": reason,
    } for purge_id, server_seq, scope, entities, reason in rows], at=at)
    return len(rows)


def checkpoint(conn: Connection) -> tuple[int, int, int]:
    """Called as a writer job after a purge committed: end the job's transaction, copy the
    WAL into the database file and truncate it, then open a transaction again for the
    writer to commit. Returns SQLite's (busy, wal pages, checkpointed pages)."""
    conn.execute("COMMIT")
    try:
        row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.execute("BEGIN IMMEDIATE")
    return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)


def reapply_after_restore(db: Any) -> int:
    """The hook a profile restore calls (``profiles/backup.py``) on the restored store before
    anything syncs: every recorded purge applied again, then the WAL checkpointed. ``db``: an
    opened :class:`anhorigdesk.store.database.Database`. Returns how many purges ran."""
    from datetime import UTC, datetime

    at = datetime.now(UTC).isoformat()
    count = db.writer.run(lambda conn: reapply_purges(conn, at=at))
    if count:
        db.writer.run(checkpoint)
    return int(count)
