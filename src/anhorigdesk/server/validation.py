"""Trust at the boundary (docs/PROTOCOL-3.md, part A): what the server checks of a pushed
mutation before it stores it, and the administrator's look over the stored log
(``anhorigdesk-server admin quarantine list``).

The envelope is checked against the session (A.1), clocks and values against the entity
declarations the laptop writes with (A.2, A.3: ``sync/validation.py``, shared with the
laptop's quarantine); the scope of an existing record is the stored one (A.4, in
``ServerStore._apply``, ``server/store/sync.py``). Every refusal is an :class:`ApiError` naming the mutation and
the place, never the refused value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anhorigdesk.replication.merge import EntityState, apply_mutation
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.models import RESTAMP_PROTOCOL
from anhorigdesk.server.security import iso
from anhorigdesk.sync.validation import CLOCK_AHEAD, MutationInvalid, check_mutation, limit_for

if TYPE_CHECKING:
    from datetime import datetime

    from anhorigdesk.server.db import Transaction
    from anhorigdesk.server.store import Principal


def check_envelope(principal: Principal, m: Mapping[str, Any]) -> None:
    """A.1: the device and user of the session, a unit of the user (403 otherwise)."""
    mutation_id = m["mutation_id"]
    if m["client_id"] != principal.device_id:
        raise ApiError(403, "forbidden_client", {"mutation_id": mutation_id})
    actor = m["actor"]
    if actor["staff_id"] != principal.user_id:
        raise ApiError(403, "forbidden_actor", {"mutation_id": mutation_id, "field": "actor.staff_id"})
    unit_id = actor.get("unit_id")
    if unit_id is not None and unit_id not in principal.unit_ids:
        raise ApiError(403, "forbidden_actor", {"mutation_id": mutation_id, "field": "actor.unit_id"})


def check_pushed(m: Mapping[str, Any], *, server_time: datetime, protocol: int) -> None:
    """A.2 and A.3 for one pushed mutation: 422 ``invalid_mutation`` naming the field, or
    ``clock_ahead`` (409 with the server's time for protocol 3, else 422)."""
    server_ms = int(server_time.timestamp() * 1000)
    try:
        check_mutation(m, limit_ms=limit_for(server_ms))
    except MutationInvalid as exc:
        mutation_id = m["mutation_id"]
        if exc.code == CLOCK_AHEAD:
            # protocol 3 re-stamps its pending mutations and pushes again; older laptops
            # cannot, and keep the edit as rejected
            status = 409 if protocol >= RESTAMP_PROTOCOL else 422
            raise ApiError(
                status,
                "clock_ahead",
                {"mutation_id": mutation_id, "field": exc.field, "server_time": iso(server_time)},
            ) from None
        raise ApiError(
            422,
            "invalid_mutation",
            {"mutation_id": mutation_id, "field": exc.field, "detail": exc.detail},
        ) from None


@dataclass(frozen=True)
class Offence:
    """A stored mutation that fails today's checks: what ``admin quarantine list`` shows
    (ids, entity, the field and the reason; no value)."""

    server_seq: int
    mutation_id: str
    client_id: str
    entity: str
    entity_id: str
    scope_key: str
    received_at: str
    field: str
    reason: str
    set_aside: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _received_ms(received_at: str) -> int | None:
    from anhorigdesk.server.security import parse_iso

    try:
        return int(parse_iso(received_at).timestamp() * 1000)
    except (TypeError, ValueError):
        return None


def offence_of(
    payload: Mapping[str, Any], received_at: str, record_scope: str | None, scope_key: str
) -> tuple[str, str] | None:
    """Why a stored mutation fails the checks, as (field, reason), or None. Its clocks are
    bounded by the time the server received it; its scope must be its record's."""
    received = _received_ms(received_at)
    try:
        check_mutation(payload, limit_ms=limit_for(received) if received is not None else None)
    except MutationInvalid as exc:
        return exc.field, f"{exc.code}: {exc.detail}"
    if record_scope is not None and record_scope != scope_key:
        return "scope", "forbidden_scope_change: declares another scope than its record's"
    return None


def scan_log(tx: Transaction, *, include_set_aside: bool = False) -> Iterator[Offence]:
    """Every stored mutation that fails the checks of protocol 3, oldest first (purge rows,
    docs/PROTOCOL-3.md part D, are the server's own and not checked). Mutations
    set aside are left out (with ``include_set_aside``: listed with their reason): their
    content is no longer served."""
    aside = dict(tx.all("SELECT mutation_id, reason FROM set_aside"))
    after = 0
    while True:
        rows = tx.all(
            "SELECT m.server_seq, m.mutation_id, m.client_id, m.entity, m.entity_id, m.scope_key,"
            " m.received_at, m.payload, e.scope_key FROM mutations m LEFT JOIN entities e"
            " ON e.entity = m.entity AND e.entity_id = m.entity_id"
            " WHERE m.server_seq > ? AND m.op <> 'purge' ORDER BY m.server_seq LIMIT 2000",
            (after,),
        )
        if not rows:
            return
        for seq, mutation_id, client_id, entity, entity_id, key, received, payload, record in rows:
            after = int(seq)
            reason = aside.get(mutation_id)
            if reason is not None:
                if include_set_aside:  # its content is gone: listed with why it was set aside
                    yield Offence(int(seq), mutation_id, client_id, entity, entity_id, key, received,
                                  "", f"set_aside: {reason}", reason)
                continue
            found = offence_of(json.loads(payload), received, record, key)
            if found is not None:
                yield Offence(int(seq), mutation_id, client_id, entity, entity_id, key, received,
                              found[0], found[1], reason)


class QuarantineError(ValueError):
    """An administrator's quarantine command cannot be carried out (says why)."""


def show(tx: Transaction, mutation_id: str, *, values: bool = False) -> dict[str, Any]:
    """One stored mutation for investigation: its envelope, the names (and kinds) of its
    fields, whether and why it was set aside, and what the checks find. Field values only
    with ``values``."""
    row = tx.one(
        "SELECT m.server_seq, m.payload, m.received_at, m.scope_key, m.pushed_by, e.scope_key"
        " FROM mutations m LEFT JOIN entities e ON e.entity = m.entity AND e.entity_id = m.entity_id"
        " WHERE m.mutation_id = ?",
        (mutation_id,),
    )
    if row is None:
        raise QuarantineError(f"no stored mutation with id {mutation_id!r}")
    seq, payload, received, key, pushed_by, record = row
    m = json.loads(payload)
    aside = tx.one("SELECT reason, at, by, note FROM set_aside WHERE mutation_id = ?", (mutation_id,))
    found = offence_of(m, received, record, key)
    envelope = {k: m.get(k) for k in ("mutation_id", "client_id", "seq", "entity", "entity_id", "op",
                                      "hlc", "carer_id", "unit_ids", "actor")}
    fields = m.get("fields") if isinstance(m.get("fields"), dict) else {}
    out: dict[str, Any] = {
        "server_seq": int(seq),
        "received_at": received,
        "pushed_by": pushed_by,
        "scope_key": key,
        "record_scope_key": record,
        **envelope,
        "fields": {name: type(value).__name__ for name, value in fields.items()},
        "base": sorted(m.get("base") or {}),
        "offence": {"field": found[0], "reason": found[1]} if found else None,
        "set_aside": (
            {"reason": aside[0], "at": aside[1], "by": aside[2], "note": aside[3]} if aside else None
        ),
    }
    if values:
        out["values"] = fields
    return out


def retire(tx: Transaction, mutation_id: str, *, by: str, at: str, note: str | None = None) -> dict[str, Any]:
    """Set a stored mutation aside with reason ``retired`` (docs/PROTOCOL-3.md part C): its
    payload becomes its stub (ids, seq, scope, clock stay: cursors, exactly-once and the
    integrity figures are unchanged), ``set_aside`` records the original's sha256, and its
    own field versions leave the record's merged state (merged again from the log without
    it). Laptops that pull the stub merge it as a no-op and drop its versions; a laptop
    that had merged the mutation before keeps the versions it superseded only if it pulls
    them again (docs/SERVER.md). Call under the log lock."""
    from anhorigdesk.server.compaction import canonical, payload_digest, stub_of

    row = tx.one(
        "SELECT payload, entity, entity_id FROM mutations WHERE mutation_id = ?", (mutation_id,)
    )
    if row is None:
        raise QuarantineError(f"no stored mutation with id {mutation_id!r}")
    aside = tx.one("SELECT reason FROM set_aside WHERE mutation_id = ?", (mutation_id,))
    if aside is not None:
        raise QuarantineError(f"mutation {mutation_id} was already set aside ({aside[0]})")
    payload, entity, entity_id = row
    stub = canonical(stub_of(json.loads(payload), "retired"))
    tx.execute(
        "INSERT INTO set_aside (mutation_id, reason, payload_sha256, payload_bytes, at, by, note)"
        " VALUES (?, 'retired', ?, ?, ?, ?, ?)",
        (mutation_id, payload_digest(payload), len(payload.encode("utf-8")), at, by, note),
    )
    tx.execute("UPDATE mutations SET payload = ? WHERE mutation_id = ?", (stub, mutation_id))
    removed = 0
    state_row = tx.one(
        "SELECT state FROM entities WHERE entity = ? AND entity_id = ?", (entity, entity_id)
    )
    if state_row is not None:
        heads = json.loads(state_row[0]).get("heads") or {}
        removed = sum(v.get("mutation_id") == mutation_id for vs in heads.values() for v in vs)
        if removed:
            # merged again from the record's log without it, so the versions it had
            # superseded come back (a compacted one stays a stub)
            state: EntityState | None = None
            for (stored,) in tx.all(
                "SELECT payload FROM mutations WHERE entity = ? AND entity_id = ? ORDER BY server_seq",
                (entity, entity_id),
            ):
                item = json.loads(stored)
                if item.get("set_aside") in ("retired", "purged"):
                    item = {**item, "op": "upsert", "fields": {}, "base": {}}  # its clock only
                state = apply_mutation(state, item)
            if state is not None:
                tx.execute(
                    "UPDATE entities SET state = ? WHERE entity = ? AND entity_id = ?",
                    (json.dumps(state.to_json(), sort_keys=True, ensure_ascii=False), entity, entity_id),
                )
                from anhorigdesk.server.store.statistics import (
                    record_facts,  # store imports this module
                )

                record_facts(tx, [(entity, entity_id, state)])
    return {"mutation_id": mutation_id, "set_aside": "retired", "versions_removed": removed}
