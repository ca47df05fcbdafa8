"""Audience purges (upphörd delning): a unit that loses sight of a carer's shared scope forgets
it at its laptops' next sync (docs/PROTOCOL-3.md parts D and F, issue #15 §1).

A thinning purge (``server/store/purge.py``) removes records from the server and from every
laptop. Withdrawing a ``share_with_care`` consent or ending a sharing ("Dela med enhet…")
removes nothing on the server: the carer's own units keep every entry. Only the laptops of
the unit that lost the ground must forget what they pulled while it held. So
:func:`write_audience_purge`, called by ``scopes.end_grant`` in the transaction that ended
the grant (under the log lock),

1. lists the records of the shared scope (its ``entities`` rows and every record its log
   names); with none there is nothing to forget and nothing is written;
2. appends the purge to the log as a ``mutations`` row (``op`` ``purge``, ``entity``
   ``_purge``, ``mutation_id`` = ``purge_id``, as part D) in the unit's *audience scope*
   ``<carer_id>:ended:<unit_id>`` (``replication/visibility.audience_key``): a scope whose
   only unit is the one that lost the ground and which holds nothing but such purges, so the
   ordinary ``unit`` ground serves it to exactly that unit's users and the pull query is
   unchanged. The change laptops pull is ``{"kind": "purge", "purge_id", "scope": <audience
   key>, "forget": <shared key>, "entities": [[entity, id], …], "reason":
   "consent_withdrawn" | "sharing_ended", "audience": {"unit_ids": [unit]}}``; it counts in
   the audience scope's integrity figures like a mutation (the ``purge_id`` is the term);
3. records it in ``purges`` (counts 0: nothing set aside or deleted on the server). No
   ``purged_records`` row: the records are alive; a later push of one is merged as ever.

On the pull (``SyncLog._pull_page``, :func:`retained`), an audience purge served to a user who
sees its shared scope *now* (a member of one of the carer's own units too, a support contact,
or the grant was given again) carries ``"retained": true``: the laptop counts it and removes
nothing. A laptop older than protocol 3 never receives a purge: its pulls are answered 426
``update_required`` from the page that carries one (``sync._refuse_purges``), so only the
laptops of the unit that lost the ground are stopped, and they are told to update.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from anhorigdesk.replication.integrity import add_to_checksum
from anhorigdesk.replication.visibility import AUDIENCE_MARK, audience_key, carer_of
from anhorigdesk.server.compaction import canonical
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.store.base import Principal
from anhorigdesk.server.store.purge import PURGE_CLIENT, PURGE_ENTITY, PURGE_KIND, PURGE_OP
from anhorigdesk.server.store.scopes import Scope, load_scope, load_scopes, save_scope

FORGET = "forget"  # the key of the scope whose records the audience forgets
RETAINED = "retained"  # set on the pull for a user who sees that scope now


@dataclass(frozen=True)
class AudiencePurge:
    purge_id: str
    server_seq: int
    scope: str  # the audience scope it is logged in
    forget: str  # the shared scope its audience forgets
    records: int


def _now() -> str:
    from datetime import UTC, datetime

    from anhorigdesk.server.security import iso

    return iso(datetime.now(UTC))


def _records(tx: Transaction, key: str) -> list[tuple[str, str]]:
    found = {(r[0], r[1]) for r in tx.all(
        "SELECT DISTINCT entity, entity_id FROM mutations WHERE scope_key = ? AND op <> ?",
        (key, PURGE_OP))}
    found.update((r[0], r[1]) for r in tx.all(
        "SELECT entity, entity_id FROM entities WHERE scope_key = ?", (key,)))
    return sorted(found)


def write_audience_purge(
    tx: Transaction, key: str, unit_id: str, reason: str, *, by: str = "server", at: str | None = None
) -> AudiencePurge | None:
    """Make the laptops of ``unit_id`` forget the scope ``key`` (see the module docstring).
    Call inside the write transaction that ended the grant, with the log lock taken.
    Returns None when the scope holds no record."""
    records = _records(tx, key)
    if not records:
        return None
    stamp = at or _now()
    carer_id = carer_of(key)
    target = audience_key(carer_id, unit_id)
    scope = load_scope(tx, target)
    stored_units = None if scope is None else set(scope.units)
    if scope is None:
        scope = Scope(target, carer_id, {unit_id}, None, "")
    purge_id = str(uuid.uuid4())
    head = tx.one("SELECT MAX(server_seq) FROM mutations")
    server_seq = (int(head[0]) if head and head[0] is not None else 0) + 1
    audience = {"unit_ids": [unit_id]}
    change = {
        "kind": PURGE_KIND,
        "purge_id": purge_id,
        "scope": target,
        FORGET: key,
        "entities": [[e, i] for e, i in records],
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
         target, carer_id, canonical(change), by, stamp, scope.count, scope.checksum),
    )
    save_scope(tx, scope, stored_units)
    tx.execute(
        "INSERT INTO purges (purge_id, server_seq, scope_key, reason, entities, audience, at, by,"
        " mutations_set_aside, records_deleted, versions_deleted, held)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
        (purge_id, server_seq, target, reason, json.dumps(change["entities"]),
         json.dumps(audience, sort_keys=True), stamp, by),
    )
    return AudiencePurge(purge_id, server_seq, target, key, len(records))


def retained(tx: Transaction, principal: Principal, rows: Sequence[tuple[Any, ...]]) -> frozenset[int]:
    """The ``server_seq`` of each audience purge among a pull page's rows (server_seq,
    payload, scope_key) whose shared scope the user sees now: served with ``"retained":
    true`` (count it, remove nothing). One string test per row; the scopes are read only
    for a page that carries an audience purge."""
    purges = [r for r in rows if AUDIENCE_MARK in r[2]]  # scope_key is NOT NULL
    if not purges:
        return frozenset()
    forget = {int(r[0]): str(json.loads(r[1]).get(FORGET) or "") for r in purges}
    scopes = load_scopes(tx, sorted(set(forget.values())))
    return frozenset(
        seq for seq, key in forget.items()
        if (scope := scopes.get(key)) is not None and scope.allows(principal)
    )
