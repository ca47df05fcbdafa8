"""How big the sync log (the ``mutations`` table) is, and how much of it a compaction
would shorten: ``anhorigdesk-server admin log-stats`` (read only).

Every accepted mutation stays in the log, so it grows with every edit, also of the same
record (docs/SERVER.md, "The sync log and compaction"). *Superseded* is the rule of
``server/compaction.py`` (``Heads.superseded``); ``compacted`` counts the mutations a
compaction has already shortened to stubs.

Counts and sizes only: no record id, field value or person's name is printed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from anhorigdesk.server.compaction import Heads
from anhorigdesk.server.db import Database

CHUNK = 5000


@dataclass
class LogStats:
    mutations: int = 0
    payload_bytes: int = 0
    records: int = 0  # merged records (entities table)
    superseded: int = 0  # would be shortened by a compaction now
    superseded_bytes: int = 0
    compacted: int = 0  # already shortened to stubs
    first_received_at: str | None = None
    last_received_at: str | None = None
    by_entity: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → mutations, superseded
    most_mutations_per_record: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def log_stats(db: Database) -> LogStats:
    """Read the log in chunks, in one read transaction (a consistent snapshot)."""
    stats = LogStats()
    per_record: Counter[tuple[str, str]] = Counter()
    kinds: dict[str, Counter[str]] = {}
    with db.transaction() as tx:
        heads = Heads.read(tx)
        stats.records = len(heads.newest)
        stats.compacted = int(tx.one("SELECT COUNT(*) FROM set_aside WHERE reason = 'compacted'")[0])
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
                if op != "upsert" or mutation_id in heads.mutation_ids:
                    continue
                if not heads.superseded(json.loads(payload)):
                    continue
                stats.superseded += 1
                stats.superseded_bytes += size
                kind["superseded"] += 1
    stats.by_entity = {name: {"mutations": c["mutations"], "superseded": c["superseded"]}
                       for name, c in sorted(kinds.items())}
    stats.most_mutations_per_record = max(per_record.values(), default=0)
    return stats
