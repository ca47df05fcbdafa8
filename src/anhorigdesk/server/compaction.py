"""Compaction of the sync log: ``anhorigdesk-server admin compact-log --before DATE``.

Every accepted mutation stays in ``mutations`` for good, so the log grows with every edit,
also of the same record (measured: 1,000 edits of one carer's notes add 1,000 rows and
~0.75 MB). Compaction keeps every row, id, seq, scope and clock, and shortens the payload
of *superseded* mutations to a stub: the same mutation with ``fields``, ``base`` (and
``ctx``) empty.

A mutation is superseded when dropping its content changes no merged record:

* it is an upsert (deletes stay whole: later edits are judged against them);
* each of its field versions has been *seen* by a head of its record's merged state,
  with the merge's own causal rule (``FieldVersion.has_seen``, docs/PROTOCOL-3.md part B:
  what the head's writer had actually merged, not clock order). "Seen" is transitive, so
  the head has also seen all that it had seen, and the heads are the same without it. A
  concurrent edit that no one has seen is a head (a conflict) and is never superseded;
* it does not acknowledge a delete (no ``base["_deleted"]`` / ``ctx["_deleted"]``: that
  keeps a record alive);
* its clock is older than its record's newest (the newest also names a carer's units).

Superseded stays superseded (heads only ever lose versions to versions that have seen
them), so the heads can be read once and the log compacted in short transactions beside
normal traffic.

Why a stub and not a deleted row: the protocol needs every row. Push answers a resent
mutation by its id (a stub is recorded in ``set_aside`` with reason ``compacted`` and the
sha256 of its original payload, docs/PROTOCOL-3.md part C: a resend with that content is
acknowledged again, other content with the same id is still refused as reused); a laptop confirms its own mutations by
pulling them back (a missing one is sent again); the integrity figures count and checksum
every id per scope. With stubs, all of these are unchanged. A stub merges as a no-op
(an upsert without fields, at a clock below its record's newest), so a laptop that pulls
from 0, or one whose cursor is from before the compaction, converges to the same records.
Laptops keep their own history (``record_versions``); the server keeps the merged state.

Counts only are reported; no record id, value or name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    EntityState,
    FieldVersion,
    field_versions,
)
from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.security import iso

CHUNK = 2000


class CompactionError(ValueError):
    """Bad arguments for a compaction (says which and why)."""


@dataclass
class Heads:
    """The merged states' head versions, and each record's newest clock."""

    mutation_ids: set[str]
    newest: dict[tuple[str, str], str]
    heads: dict[tuple[str, str], dict[str, list[FieldVersion]]] = field(default_factory=dict)

    @classmethod
    def read(cls, tx: Transaction) -> Heads:
        ids: set[str] = set()
        newest: dict[tuple[str, str], str] = {}
        heads: dict[tuple[str, str], dict[str, list[FieldVersion]]] = {}
        for entity, entity_id, state in tx.all("SELECT entity, entity_id, state FROM entities"):
            merged = EntityState.from_json(json.loads(state))
            newest[(entity, entity_id)] = merged.hlc
            heads[(entity, entity_id)] = merged.heads
            for versions in merged.heads.values():
                ids.update(v.mutation_id for v in versions)
        return cls(ids, newest, heads)

    def superseded(self, mutation: Mapping[str, Any]) -> bool:
        if mutation.get("op") != "upsert" or mutation.get("mutation_id") in self.mutation_ids:
            return False
        if DELETED_BASE_KEY in (mutation.get("base") or {}) or DELETED_BASE_KEY in (mutation.get("ctx") or {}):
            return False
        if mutation.get("set_aside") or not (
            mutation.get("fields") or mutation.get("base") or mutation.get("ctx")
        ):
            return False  # already a stub (or nothing to shorten)
        key = (mutation.get("entity", ""), mutation.get("entity_id", ""))
        if not str(mutation.get("hlc", "")) < self.newest.get(key, ""):
            return False
        heads = self.heads.get(key, {})
        return all(
            any(head.has_seen(version) for head in heads.get(name, ()))
            for name, version in field_versions(mutation).items()
        )


def stub_of(mutation: Mapping[str, Any], reason: str = "compacted") -> dict[str, Any]:
    """The mutation without content (docs/PROTOCOL-3.md part C): the envelope (ids, seq,
    scope, clock, actor) stays, ``fields``/``base`` (and ``ctx`` when it had one) are empty,
    ``set_aside`` says why."""
    stub = {**mutation, "fields": {}, "base": {}, "set_aside": reason}
    if "ctx" in mutation:
        stub["ctx"] = {}
    return stub


def canonical(mutation: Mapping[str, Any]) -> str:
    """A payload as push stores it (``server/store/sync.py``) and compaction compares it."""
    return json.dumps(mutation, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def parse_before(text: str, now: datetime | None = None) -> str:
    """``--before`` as a stored timestamp: a date (midnight UTC) or a time with a zone; not
    in the future."""
    value = text.strip()
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CompactionError(f"--before {text!r}: not a date (YYYY-MM-DD) or an ISO time") from None
    if moment.tzinfo is None:
        raise CompactionError(f"--before {text!r}: a time needs a zone (e.g. +01:00 or Z)")
    if moment > (now or datetime.now(UTC)):
        raise CompactionError(f"--before {text!r} is in the future")
    return iso(moment)


@dataclass
class CompactionResult:
    examined: int = 0  # mutations received before the horizon, not yet compacted
    compacted: int = 0
    bytes_before: int = 0  # payload bytes of the compacted ones, before
    bytes_after: int = 0  # ... and after
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def compact_log(db: Database, *, before: str, dry_run: bool = False, chunk: int = CHUNK,
                now: str | None = None) -> CompactionResult:
    """Shorten every superseded mutation received before ``before`` (a stored timestamp,
    see :func:`parse_before`) to its stub, in transactions of ``chunk`` rows that hold the
    log lock (pushes wait for a moment, pulls do not)."""
    result = CompactionResult(dry_run=dry_run)
    with db.transaction() as tx:
        heads = Heads.read(tx)
    after = 0
    stamp = now or iso(datetime.now(UTC))
    while True:
        with db.transaction(write=not dry_run) as tx:
            if not dry_run:
                tx.lock_log()
            rows = tx.all(
                "SELECT m.server_seq, m.payload FROM mutations m WHERE m.server_seq > ?"
                " AND m.received_at < ? AND NOT EXISTS"
                " (SELECT 1 FROM set_aside c WHERE c.mutation_id = m.mutation_id)"
                " ORDER BY m.server_seq LIMIT ?",
                (after, before, chunk),
            )
            if not rows:
                break
            records, updates = _stubs(rows, heads, result)
            after = int(rows[-1][0])
            if not dry_run and updates:
                tx.executemany(
                    "INSERT INTO set_aside (mutation_id, reason, payload_sha256, payload_bytes,"
                    " at, by, note) VALUES (?, 'compacted', ?, ?, ?, 'compact-log', NULL)",
                    [(mutation_id, digest, size, stamp) for mutation_id, digest, size in records],
                )
                tx.executemany("UPDATE mutations SET payload = ? WHERE server_seq = ?", updates)
    return result


def _stubs(rows: Iterable[tuple[Any, ...]], heads: Heads,
           result: CompactionResult) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    records: list[tuple[str, str, int]] = []
    updates: list[tuple[str, int]] = []
    for server_seq, payload in rows:
        result.examined += 1
        mutation = json.loads(payload)
        if not heads.superseded(mutation):
            continue
        stub = canonical(stub_of(mutation))
        size = len(payload.encode("utf-8"))
        result.compacted += 1
        result.bytes_before += size
        result.bytes_after += len(stub.encode("utf-8"))
        records.append((mutation["mutation_id"], payload_digest(payload), size))
        updates.append((stub, int(server_seq)))
    return records, updates


def payload_digest(payload: str) -> str:
    """How a compacted mutation's original payload is remembered (a resend is compared with it)."""
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
