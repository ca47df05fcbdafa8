"""A laptop applies an audience purge (upphörd delning): its unit lost sight of a carer's shared
scope — the carer withdrew a ``share_with_care`` consent or a sharing with the unit ended —
and the laptop forgets what it pulled from that scope (docs/PROTOCOL-3.md parts D and F,
``server/store/audience.py`` writes them).

The change is a purge (``kind`` ``purge``) with ``forget`` (the shared scope's key) beside
``scope`` (the unit's audience scope, in whose integrity figures it counts) and the records
listed in ``entities``. Inside the writer transaction of the pulled page
(``Replica._apply_purges``), :func:`apply_audience_purge`

- removes the records exactly as a thinning purge does, with the same code
  (``sync.purge.apply_purge``): rows, search index, record versions, merge state,
  quarantine, outbox, ``sync_log`` payloads stubbed, unsent edits dropped, ``secure_delete``
  on (the engine checkpoints the WAL after the page, as for every purge);
- then undoes what is right for a thinning purge only: the records are alive on the server,
  so they are not remembered as purged (``sync_purged_records``: a later grant merges them
  again) and the purge is not kept for re-applying after a restore (``sync_purges``: the
  log serves it again to a restored laptop whose cursor is before it);
- marks this laptop's own acknowledged mutations of those records ``former`` (never pushed
  again, never missed when a full pull does not bring them back: this unit no longer sees
  them);
- forgets the shared scope's integrity figures and seen ids, so the combined digest covers
  only what the user still sees, and a grant given again is found (the server lists the
  scope again, the figures differ) and repaired by a pull from the start.

A purge the server marks ``retained`` (this user sees the shared scope now: a member of one
of the carer's own units as well, or the grant was given again since) removes nothing; it is
counted like any purge.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from anhorigdesk.replication.integrity import combine
from anhorigdesk.store.engine import Connection
from anhorigdesk.sync.purge import PurgeApplied, apply_purge

FORGET = "forget"
RETAINED = "retained"
_ACKED, _FORMER = "acked", "former"
_DIGEST = "digest"  # sync_state key of the combined digest (Replica.DIGEST)


def is_audience_purge(change: Mapping[str, Any]) -> bool:
    return bool(change.get(FORGET))


def apply_audience_purge(
    conn: Connection, change: Mapping[str, Any], counted: MutableMapping[str, Sequence[str]], *, at: str
) -> PurgeApplied:
    """Forget the shared scope the purge names (see the module docstring). ``counted``: the
    page's newly pulled ids per scope, not yet folded into the figures (the forgotten
    scope's are dropped)."""
    if change.get(RETAINED):
        return PurgeApplied()
    forget = str(change[FORGET])
    purge_id = str(change["purge_id"])
    applied = apply_purge(conn, {**change, "scope": forget}, at=at)
    records = [(str(e), str(i)) for e, i in change.get("entities") or []]
    conn.execute("DELETE FROM sync_purged_records WHERE purge_id = ?", (purge_id,))
    conn.execute("DELETE FROM sync_purges WHERE purge_id = ?", (purge_id,))
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in records:
        by_entity.setdefault(entity, []).append(entity_id)
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            conn.execute(
                f"UPDATE sync_log SET state = ? WHERE state = ? AND entity = ? AND entity_id IN ({marks})",
                (_FORMER, _ACKED, entity, *chunk),
            )
    conn.execute("DELETE FROM sync_seen WHERE scope_key = ?", (forget,))
    conn.execute("DELETE FROM sync_scopes WHERE scope_key = ?", (forget,))
    counted.pop(forget, None)
    count, checksum = combine(
        conn.execute("SELECT count, checksum FROM sync_scopes WHERE listed = 1").fetchall()
    )
    conn.execute(
        "INSERT INTO sync_state(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_DIGEST, f"{count}:{checksum}"),
    )
    return applied
