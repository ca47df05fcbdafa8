"""Per-entry visibility (synlighet per anteckning, docs/PROTOCOL-3.md part F): which scope a
record's mutations belong to, computed the same way by the server and the laptops.

An entry marked ``carer_only`` (only the carer's own matters) lives in the carer's scope,
key ``<carer_id>``; an entry marked ``shareable`` (delbar) lives in the carer's *shared*
scope, key ``<carer_id>:shared``, which a care unit granted by the carer's consent sees as
well. Every other record keeps the key of :func:`replication.integrity.scope_key`.

When a unit loses sight of a shared scope (a consent withdrawn, a sharing ended), the server
writes an *audience purge* (``server/store/audience.py``, docs/PROTOCOL-3.md parts D and F)
into the scope ``<carer_id>:ended:<unit_id>`` (:func:`audience_key`): a scope of that unit
alone, holding nothing but such purges, so that exactly the unit that lost the ground is
served them.

A record keeps the scope it was first stored in: a later mutation that states no marking
(a delete, a set-aside stub) belongs to the record's scope (``held``); one that states
another marking declares another scope, which the server refuses (A.4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anhorigdesk.replication.integrity import scope_key

SHARED_SUFFIX = ":shared"
SHAREABLE = "shareable"
MARKED_ENTITY = "entry"
MARKING_FIELD = "confidentiality"
# The carer's card (docs/PROTOCOL-3.md part F): the carer record's shared fields, written by
# the server alone into the carer's shared scope (id = the carer's id) for the units granted it.
CARD_ENTITY = "carer_card"


def shared_key(carer_id: str) -> str:
    """The key of a carer's shared scope (delat omfång)."""
    return carer_id + SHARED_SUFFIX


def is_shared(key: str | None) -> bool:
    return bool(key) and str(key).endswith(SHARED_SUFFIX)


AUDIENCE_MARK = ":ended:"


def audience_key(carer_id: str, unit_id: str) -> str:
    """The key of the scope that carries the audience purges of a carer's shared scope for
    one unit that lost sight of it (upphörd delning)."""
    return f"{carer_id}{AUDIENCE_MARK}{unit_id}"


def is_audience(key: str | None) -> bool:
    return bool(key) and AUDIENCE_MARK in str(key)


def carer_of(key: str) -> str:
    """The carer key a shared or audience scope belongs to (the key itself for any other
    scope)."""
    if is_shared(key):
        return key[: -len(SHARED_SUFFIX)]
    if AUDIENCE_MARK in key:
        return key.split(AUDIENCE_MARK, 1)[0]
    return key


def record_scope(mutation: Mapping[str, Any], held: str | None = None) -> str:
    """The scope of a mutation: its carer (``:shared`` for a ``shareable`` entry and for
    the carer's card), else its
    units. ``held`` is the scope the record is already stored in, if any. Raises
    ``ValueError`` for a mutation with neither carer nor units."""
    base = scope_key(mutation.get("carer_id"), mutation.get("unit_ids") or [])
    if mutation.get("entity") == CARD_ENTITY and mutation.get("carer_id"):
        return shared_key(base)  # the carer's card lives in the shared scope only
    if mutation.get("entity") != MARKED_ENTITY or not mutation.get("carer_id"):
        return base
    fields = mutation.get("fields") or {}
    marking = fields.get(MARKING_FIELD) if isinstance(fields, Mapping) else None
    if marking == SHAREABLE:
        return shared_key(base)
    if marking is None and held == shared_key(base):
        return held
    return base
