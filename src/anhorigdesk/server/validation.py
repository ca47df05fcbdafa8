"""Trust at the boundary (docs/PROTOCOL-3.md, part A): what the server checks of a pushed
mutation before it stores it, and the administrator's look over the stored log
(``anhorigdesk-server admin quarantine list``).

The envelope is checked against the session (A.1), clocks and values against the entity
declarations the laptop writes with (A.2, A.3: ``sync/validation.py``, shared with the
laptop's quarantine); the scope of an existing record is the stored one (A.4, in
``ServerStore._apply``). Every refusal is an :class:`ApiError` naming the mutation and
the place, never the refused value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
    """Every stored mutation that fails the checks of protocol 3, oldest first. Stubs that
    were set aside are left out (unless asked for): their content is no longer served."""
    aside = dict(tx.all("SELECT mutation_id, reason FROM set_aside"))
    after = 0
    while True:
        rows = tx.all(
            "SELECT m.server_seq, m.mutation_id, m.client_id, m.entity, m.entity_id, m.scope_key,"
            " m.received_at, m.payload, e.scope_key FROM mutations m LEFT JOIN entities e"
            " ON e.entity = m.entity AND e.entity_id = m.entity_id"
            " WHERE m.server_seq > ? ORDER BY m.server_seq LIMIT 2000",
            (after,),
        )
        if not rows:
            return
        for seq, mutation_id, client_id, entity, entity_id, key, received, payload, record in rows:
            after = int(seq)
            reason = aside.get(mutation_id)
            if reason is not None and not include_set_aside:
                continue
            found = offence_of(json.loads(payload), received, record, key)
            if found is not None:
                yield Offence(int(seq), mutation_id, client_id, entity, entity_id, key, received,
                              found[0], found[1], reason)
