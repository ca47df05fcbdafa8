"""Deterministic merge of mutations into entity state (pure: no Qt, no database).

The rule (see docs/ARCHITECTURE.md, "Mutations"):

* Field level last writer wins: a field takes the value of the mutation with the
  greatest ``(hlc, mutation_id)`` that wrote it. HLC strings compare
  lexicographically and carry the client id, so ties are broken by client.
* A mutation *has seen* another one for a field ``f`` when its ``base[f]`` is at
  least the other's hlc (and its own hlc is greater). For every field we keep the
  *heads*: the versions no other known version has seen. More than one head with
  different free-text values is a conflict: all head versions are kept in
  ``conflicts`` and the entity is flagged. A later edit that has seen all heads
  resolves it.
* Deletes: an edit that changed some field to a version none of the deletes had
  seen (``delete.base[f] < edit.hlc``) survives the delete; the entity then stays
  alive and is flagged ``edit_after_delete``. A later edit whose ``base["_deleted"]``
  has seen the delete, or a later delete that has seen the edit, clears the flag.

Every step is a max or a set union, so the result is independent of the order in
which mutations arrive and of duplicates (a mutation applied twice changes nothing).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

DELETED_BASE_KEY = "_deleted"

FLAG_CONFLICT = "conflict"
FLAG_EDIT_AFTER_DELETE = "edit_after_delete"


class MergeError(ValueError):
    """A mutation cannot be merged (wrong entity, unknown op, missing hlc)."""


FreeTextPredicate = Callable[[str, str, Any], bool]


def default_is_free_text(entity: str, field_name: str, value: Any) -> bool:
    """Default: every string value is free text whose concurrent edits must be kept."""
    return isinstance(value, str)


@dataclass
class FieldVersion:
    value: Any
    hlc: str
    mutation_id: str
    client_id: str = ""
    seen: str = ""  # the writer's base clock for this field ("" = saw nothing)

    def key(self) -> tuple[str, str]:
        return (self.hlc, self.mutation_id)

    def has_seen(self, other: FieldVersion) -> bool:
        return self.seen >= other.hlc and self.hlc > other.hlc

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "hlc": self.hlc,
            "mutation_id": self.mutation_id,
            "client_id": self.client_id,
            "seen": self.seen,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldVersion:
        return cls(
            data["value"],
            data["hlc"],
            data["mutation_id"],
            data.get("client_id", ""),
            data.get("seen", ""),
        )


@dataclass
class EntityState:
    """Merged state of one entity; ``to_json`` gives a stable, comparable form."""

    entity: str
    entity_id: str
    heads: dict[str, list[FieldVersion]] = field(default_factory=dict)
    hlc: str = ""
    delete_hlc: str = ""
    delete_seen: dict[str, str] = field(default_factory=dict)
    undelete_seen: str = ""

    # -- derived views -------------------------------------------------------
    def winner(self, field_name: str) -> FieldVersion:
        return max(self.heads[field_name], key=FieldVersion.key)

    @property
    def fields(self) -> dict[str, Any]:
        return {name: self.winner(name).value for name in sorted(self.heads)}

    @property
    def field_hlc(self) -> dict[str, str]:
        return {name: self.winner(name).hlc for name in sorted(self.heads)}

    @property
    def live_delete(self) -> bool:
        return bool(self.delete_hlc) and self.delete_hlc > self.undelete_seen

    @property
    def live_edit(self) -> bool:
        return any(self.winner(name).hlc > self.delete_seen.get(name, "") for name in self.heads)

    @property
    def deleted(self) -> bool:
        return self.live_delete and not self.live_edit

    def conflicts(
        self, is_free_text: FreeTextPredicate = default_is_free_text
    ) -> dict[str, list[dict[str, Any]]]:
        """Fields whose concurrent free-text versions differ: all versions, oldest first."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name in sorted(self.heads):
            versions = self.heads[name]
            if len(versions) < 2:
                continue
            text_versions = [v for v in versions if is_free_text(self.entity, name, v.value)]
            distinct = {json.dumps(v.value, sort_keys=True) for v in text_versions}
            if len(text_versions) >= 2 and len(distinct) >= 2:
                out[name] = [v.to_json() for v in sorted(versions, key=FieldVersion.key)]
        return out

    def flags(self, is_free_text: FreeTextPredicate = default_is_free_text) -> list[str]:
        flags = []
        if self.conflicts(is_free_text):
            flags.append(FLAG_CONFLICT)
        if self.live_delete and self.live_edit:
            flags.append(FLAG_EDIT_AFTER_DELETE)
        return flags

    def view(self, is_free_text: FreeTextPredicate = default_is_free_text) -> dict[str, Any]:
        """The entity as a replica shows it: values, clocks, deleted, conflicts, flags."""
        return {
            "entity": self.entity,
            "id": self.entity_id,
            "hlc": self.hlc,
            "fields": self.fields,
            "field_hlc": self.field_hlc,
            "deleted": self.deleted,
            "deleted_hlc": self.delete_hlc or None,
            "conflicts": self.conflicts(is_free_text),
            "flags": self.flags(is_free_text),
        }

    # -- persistence ---------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_id": self.entity_id,
            "hlc": self.hlc,
            "heads": {
                name: [v.to_json() for v in sorted(vs, key=FieldVersion.key)]
                for name, vs in sorted(self.heads.items())
            },
            "delete_hlc": self.delete_hlc,
            "delete_seen": dict(sorted(self.delete_seen.items())),
            "undelete_seen": self.undelete_seen,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EntityState:
        return cls(
            entity=data["entity"],
            entity_id=data["entity_id"],
            hlc=data.get("hlc", ""),
            heads={
                name: [FieldVersion.from_json(v) for v in vs]
                for name, vs in data.get("heads", {}).items()
            },
            delete_hlc=data.get("delete_hlc", ""),
            delete_seen=dict(data.get("delete_seen", {})),
            undelete_seen=data.get("undelete_seen", ""),
        )


def _require(mutation: Mapping[str, Any], key: str) -> Any:
    if key not in mutation:
        raise MergeError(f"mutation lacks '{key}'")
    return mutation[key]


def apply_mutation(state: EntityState | None, mutation: Mapping[str, Any]) -> EntityState:
    """Return a new state with ``mutation`` merged in (``state`` is not modified)."""
    entity = _require(mutation, "entity")
    entity_id = _require(mutation, "entity_id")
    hlc = _require(mutation, "hlc")
    mutation_id = _require(mutation, "mutation_id")
    op = _require(mutation, "op")
    if not isinstance(hlc, str) or not hlc:
        raise MergeError(f"mutation {mutation_id}: hlc must be a non-empty string")
    base = mutation.get("base") or {}
    if not isinstance(base, Mapping):
        raise MergeError(f"mutation {mutation_id}: base must be an object")
    if state is None:
        new = EntityState(entity=entity, entity_id=entity_id)
    else:
        if (state.entity, state.entity_id) != (entity, entity_id):
            raise MergeError(
                f"mutation {mutation_id} is for {entity}/{entity_id}, "
                f"not {state.entity}/{state.entity_id}"
            )
        new = copy.deepcopy(state)
    new.hlc = max(new.hlc, hlc)
    client_id = str(mutation.get("client_id", ""))

    if op == "upsert":
        fields = mutation.get("fields") or {}
        if not isinstance(fields, Mapping):
            raise MergeError(f"mutation {mutation_id}: fields must be an object")
        for name, value in fields.items():
            seen = base.get(name)
            incoming = FieldVersion(
                value, hlc, mutation_id, client_id, seen if isinstance(seen, str) else ""
            )
            heads = new.heads.get(name, [])
            if any(h.mutation_id == mutation_id or h.has_seen(incoming) for h in heads):
                continue  # a duplicate, or a version some head has already seen
            kept = [h for h in heads if not incoming.has_seen(h)]
            kept.append(incoming)
            new.heads[name] = sorted(kept, key=FieldVersion.key)
        seen_delete = base.get(DELETED_BASE_KEY)
        if isinstance(seen_delete, str):
            new.undelete_seen = max(new.undelete_seen, seen_delete)
    elif op == "delete":
        new.delete_hlc = max(new.delete_hlc, hlc)
        for name, seen in base.items():
            if isinstance(seen, str) and name != DELETED_BASE_KEY:
                new.delete_seen[name] = max(new.delete_seen.get(name, ""), seen)
    else:
        raise MergeError(f"mutation {mutation_id}: unknown op {op!r} (upsert or delete)")
    return new


def merge(mutations: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], EntityState]:
    """Merge any collection of mutations into states keyed by ``(entity, entity_id)``."""
    states: dict[tuple[str, str], EntityState] = {}
    for mutation in mutations:
        key = (_require(mutation, "entity"), _require(mutation, "entity_id"))
        states[key] = apply_mutation(states.get(key), mutation)
    return states
