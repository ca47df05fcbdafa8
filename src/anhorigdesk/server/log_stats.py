"""How big the sync log (the ``mutations`` table) is, and how much of it a compaction
could remove: ``anhorigdesk-server admin log-stats`` (read only).

The log is append-only and is never compacted (see docs/SERVER.md, "The sync log
grows"): every accepted mutation stays, so it grows with every edit, also of the same
record. This measures that growth and what a compaction *could* remove, so an operator
can judge whether it is needed; it removes nothing.

A mutation is *superseded* when dropping it would not change any merged record:

* it is an upsert (deletes stay: a later edit is judged against them);
* none of its field versions is still a head of its record's merged state (every one has
  been seen by a later version, which has then seen everything it had seen too, so the
  heads stay the same without it);
* it does not acknowledge a delete (no ``base["_deleted"]``: that keeps a record alive);
* its clock is older than its record's newest (the newest also gives a carer's units).

Counts and sizes only: no record id, field value or person's name is printed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from anhorigdesk.server.db import Database
from anhorigdesk.sync.merge import DELETED_BASE_KEY

CHUNK = 5000


@dataclass
class LogStats:
    mutations: int = 0
    payload_bytes: int = 0
    records: int = 0  # merged records (entities table)
    superseded: int = 0
    superseded_bytes: int = 0
    first_received_at: str | None = None
    last_received_at: str | None = None
    by_entity: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → mutations, superseded
    most_mutations_per_record: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def log_stats(db: Database) -> LogStats:
    """Read the log in chunks, in one read transaction (a consistent snapshot)."""
    stats = LogStats()
    heads: set[str] = set()
    newest: dict[tuple[str, str], str] = {}
    per_record: Counter[tuple[str, str]] = Counter()
    kinds: dict[str, Counter[str]] = {}
    with db.transaction() as tx:
        for entity, entity_id, state in tx.all("SELECT entity, entity_id, state FROM entities"):
            merged = json.loads(state)
            stats.records += 1
            newest[(entity, entity_id)] = merged.get("hlc", "")
            for versions in (merged.get("heads") or {}).values():
                heads.update(v["mutation_id"] for v in versions)
        after = 0
        while True:
            rows = tx.all(
                "SELECT server_seq, mutation_id, entity, entity_id, op, payload, received_at"
                " FROM mutations WHERE server_seq > ? ORDER BY server_seq LIMIT ?",
                (after, CHUNK),
            )
            if not rows:
                break
            for server_seq, mutation_id, entity, entity_id, op, payload, received_at in rows:
                after = int(server_seq)
                size = len(payload.encode("utf-8"))
                stats.mutations += 1
                stats.payload_bytes += size
                stats.first_received_at = stats.first_received_at or received_at
                stats.last_received_at = received_at
                key = (entity, entity_id)
                per_record[key] += 1
                kind = kinds.setdefault(entity, Counter())
                kind["mutations"] += 1
                if op != "upsert" or mutation_id in heads:
                    continue
                mutation = json.loads(payload)
                if DELETED_BASE_KEY in (mutation.get("base") or {}):
                    continue
                if str(mutation.get("hlc", "")) >= newest.get(key, ""):
                    continue
                stats.superseded += 1
                stats.superseded_bytes += size
                kind["superseded"] += 1
    stats.by_entity = {name: {"mutations": c["mutations"], "superseded": c["superseded"]}
                       for name, c in sorted(kinds.items())}
    stats.most_mutations_per_record = max(per_record.values(), default=0)
    return stats
