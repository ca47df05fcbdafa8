"""What a mutation must be before a replica stores or merges it (docs/PROTOCOL-3.md, A.2-A.3).

Pure checks shared by the server (``server/validation.py``, before a push is stored, and
``admin quarantine list`` over the stored log) and the laptop (``sync/replica.py``, before
a pulled change is merged): the same entity declarations the laptop writes with
(``store.entities``), the same clock syntax and bound.

A failed check raises :class:`MutationInvalid` naming the place (``field``: a field name,
``hlc``, ``base.<name>``, ``ctx.<name>``, ``entity``...) and what is wrong with it, never the
refused value: the detail goes into error answers and logs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from anhorigdesk.replication.merge import DELETED_BASE_KEY
from anhorigdesk.store.entities import (
    BOOL,
    DATE,
    DATETIME,
    ENTITIES,
    INT,
    JSON,
    LONGTEXT,
    REAL,
    REF,
    TEXT,
    EntitySpec,
    InvalidRecord,
)
from anhorigdesk.store.ids import MAX_CLOCK_AHEAD_MS

INVALID = "invalid_mutation"
CLOCK_AHEAD = "clock_ahead"

# <wall: 16 digits>-<counter: 5 digits>-<node>; the node is a client id (server/models.py
# Identifier: the store's client ids have no dashes, older test ids may).
CLOCK = re.compile(r"(\d{16})-(\d{5})-([A-Za-z0-9._:-]{1,64})")


class MutationInvalid(ValueError):
    """A mutation that must not be stored or merged: ``code`` (``invalid_mutation`` or
    ``clock_ahead``), the ``field`` it is about and a ``detail`` without the value."""

    def __init__(self, code: str, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.code = code
        self.field = field
        self.detail = detail


def clock_wall(value: Any, field: str, node: str | None = None) -> int:
    """The wall time (ms) of a clock value; ``MutationInvalid`` when it is not one (or, with
    ``node``, when it is another node's)."""
    match = CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise MutationInvalid(INVALID, field, "not a clock value (<16 digits>-<5 digits>-<node>)")
    if node is not None and match.group(3) != node:
        raise MutationInvalid(INVALID, field, "the clock's node is not the mutation's client_id")
    return int(match.group(1))


def _clocks(m: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Every clock of a mutation with the place it is at, syntax checked: (field, wall ms)."""
    client_id = m.get("client_id")
    out = [("hlc", clock_wall(m.get("hlc"), "hlc", client_id if isinstance(client_id, str) else ""))]
    base = m.get("base") or {}
    if not isinstance(base, dict):
        raise MutationInvalid(INVALID, "base", "must be an object")
    for name, value in base.items():
        out.append((f"base.{name}", clock_wall(value, f"base.{name}")))
    ctx = m.get("ctx")
    if ctx is not None:
        if not isinstance(ctx, dict):
            raise MutationInvalid(INVALID, "ctx", "must be an object")
        for name, values in ctx.items():
            if not isinstance(values, list):
                raise MutationInvalid(INVALID, f"ctx.{name}", "must be a list of clock values")
            out.extend((f"ctx.{name}", clock_wall(v, f"ctx.{name}")) for v in values)
    return out


def _detail(exc: InvalidRecord) -> str:
    """What is wrong with a field value, without the value."""
    kind = exc.code.rsplit(".", 1)[-1]
    if "expected" in exc.params:
        return f"{kind}: expected {exc.params['expected']}"
    if "choices" in exc.params:
        return f"{kind}: one of {exc.params['choices']}"
    if "low" in exc.params:
        return f"{kind}: {exc.params['low']}..{exc.params['high']}"
    return kind


def _as_written(kinds: Mapping[str, str], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Field values as the laptop's write path takes them: a yes/no travels as it is stored
    (0 or 1, ``store/repository.py`` ``_wire``)."""
    out = dict(fields)
    for name, value in fields.items():
        if kinds.get(name) == BOOL and type(value) is int and value in (0, 1):
            out[name] = bool(value)
    return out


_TEXT_KINDS = frozenset({TEXT, LONGTEXT, REF})


def _check_values(spec: EntitySpec, fields: Mapping[str, Any]) -> None:
    """Every value fits its declared kind (``EntitySpec.check``, the laptop's own rule). Text
    and list/mapping values without a choice list or a required mark are only type-checked
    here: the declaration's check would also normalise them (strip, serialise), which costs
    on every pushed and pulled change and changes nothing about whether they fit."""
    rest: dict[str, Any] = {}
    required, choices = spec.required, spec.choices
    for name, value in fields.items():
        kind = spec.fields[name]
        if name not in choices and (kind in _TEXT_KINDS or kind == JSON):
            if value is None:
                if name not in required:
                    continue
            elif kind == JSON:
                if isinstance(value, (list, dict)):
                    continue
            elif isinstance(value, str) and (name not in required or value.strip()):
                continue
        rest[name] = value
    if rest:
        try:
            spec.check(_as_written(spec.fields, rest), creating=False)
        except InvalidRecord as exc:
            raise MutationInvalid(INVALID, str(exc.params.get("field", "fields")), _detail(exc)) from None


# -- compiled per-field checks ---------------------------------------------------------
# Every pushed and pulled change is checked: per entity and field, a predicate built once
# from the declaration says whether a value surely fits (what ``EntitySpec.check`` of the
# value as written would accept). A value it cannot vouch for goes to :func:`_check_values`,
# which accepts it or names the field and what is wrong; so the predicates decide nothing
# alone, they only spare the declaration's normalising check for the common values.

FieldCheck = Callable[[Any], bool]


def _never(_value: Any) -> bool:
    return False


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _field_check(spec: EntitySpec, name: str) -> FieldCheck:
    """``value -> True`` when the value surely fits the field (False: ask the declaration)."""
    kind = spec.fields[name]
    null_ok = name not in spec.required
    allowed = spec.choices.get(name)
    if allowed is not None:
        if kind not in (TEXT, REF, LONGTEXT):
            return _never
        strip = kind != LONGTEXT
        # membership also settles "required" (an empty choice is left to the declaration)
        members = frozenset(c for c in allowed if c or null_ok)
        return lambda v: (v is None and null_ok) or (
            v.__class__ is str and (v.strip() if strip else v) in members
        )
    if kind in (TEXT, REF):
        if null_ok:
            return lambda v: v is None or v.__class__ is str
        return lambda v: v.__class__ is str and bool(v.strip())
    if kind == LONGTEXT:
        if null_ok:
            return lambda v: v is None or v.__class__ is str
        return lambda v: v.__class__ is str and v != ""
    if kind == JSON:
        return lambda v: (v is None and null_ok) or v.__class__ is dict or v.__class__ is list
    if kind == INT:
        return lambda v: (v is None and null_ok) or v.__class__ is int
    if kind == REAL:
        return lambda v: (v is None and null_ok) or (
            (v.__class__ is float or v.__class__ is int) and 0 <= v <= 10_000
        )
    if kind == BOOL:  # a yes/no travels as stored (0 or 1) or as true/false
        return lambda v: (v is None and null_ok) or v is True or v is False or (
            v.__class__ is int and (v == 0 or v == 1)
        )
    if kind == DATE:
        return lambda v: (v is None and null_ok) or (v.__class__ is str and _is_date(v))
    if kind == DATETIME:
        return lambda v: (v is None and null_ok) or (v.__class__ is str and _is_datetime(v))
    return _never


_FIELD_CHECKS: dict[str, tuple[EntitySpec, dict[str, FieldCheck]]] = {}


def _field_checks(spec: EntitySpec) -> dict[str, FieldCheck]:
    """The compiled checks of an entity's fields (built on first use, kept while the
    declaration is the same object)."""
    known = _FIELD_CHECKS.get(spec.name)
    if known is None or known[0] is not spec:
        known = (spec, {name: _field_check(spec, name) for name in spec.fields})
        _FIELD_CHECKS[spec.name] = known
    return known[1]


def check_content(m: Mapping[str, Any]) -> None:
    """Entity, fields and the keys of ``base``/``ctx`` against the entity's declaration."""
    entity = m.get("entity")
    spec = ENTITIES.get(entity) if isinstance(entity, str) else None
    if spec is None or not spec.synced:
        raise MutationInvalid(INVALID, "entity", "not an entity that is synced")
    if m.get("op") not in ("upsert", "delete"):
        raise MutationInvalid(INVALID, "op", "must be upsert or delete")
    fields = m.get("fields") or {}
    if not isinstance(fields, dict):
        raise MutationInvalid(INVALID, "fields", "must be an object")
    checks = _field_checks(spec)
    sure = True
    for name, value in fields.items():
        fits = checks.get(name)
        if fits is None:
            raise MutationInvalid(INVALID, str(name)[:64], f"not a field of {spec.name}")
        if sure and not fits(value):
            sure = False
    if not sure:
        _check_values(spec, fields)
    for place in ("base", "ctx"):
        for name in m.get(place) or {}:
            if name != DELETED_BASE_KEY and name not in spec.fields:
                raise MutationInvalid(INVALID, f"{place}.{str(name)[:64]}", f"not a field of {spec.name}")
    if entity == "carer" and m.get("carer_id") != m.get("entity_id"):
        raise MutationInvalid(INVALID, "carer_id", "a carer mutation must have carer_id equal to entity_id")


def check_mutation(m: Mapping[str, Any], *, limit_ms: int | None) -> None:
    """Every check of A.2 and A.3: clock syntax (its node is the client id), entity and
    values, then the bound: no clock's wall time after ``limit_ms`` (``None``: no bound).
    The bound comes last, so ``clock_ahead`` is said only of an otherwise valid mutation
    (one that re-stamping makes acceptable)."""
    clocks = _clocks(m)
    check_content(m)
    if limit_ms is not None:
        for field, wall in clocks:
            if wall > limit_ms:
                raise MutationInvalid(
                    CLOCK_AHEAD, field,
                    f"more than {MAX_CLOCK_AHEAD_MS // 60000} minutes ahead of the server's time",
                )


def limit_for(server_ms: int) -> int:
    """The latest wall time a clock may have when the server's time is ``server_ms``."""
    return server_ms + MAX_CLOCK_AHEAD_MS
