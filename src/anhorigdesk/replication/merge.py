"""Deterministic merge of mutations into entity state (pure: no Qt, no database).

The rule (see docs/ARCHITECTURE.md, "Mutations", and docs/PROTOCOL-3.md, part B):

* Field level last writer wins: a field shows the value of the version with the
  greatest ``(hlc, mutation_id)``. HLC strings compare lexicographically and carry the
  writer's node (its client id), so ties are broken by client.
* **Seen is recorded, not inferred from clocks.** A protocol-3 mutation carries ``ctx``:
  per field a sorted list of clocks, at most one per node, each the newest version of
  that field from that node which its writer had merged (a version vector). Version W
  *has seen* version V iff ``W.hlc > V.hlc`` and
  - W has a ctx: V is from W's own node (a node's writes of a field form a chain), or
    ``ctx[node(V)] >= V.hlc``, or W's *legacy horizon* is ``>= V.hlc``;
  - W has no ctx (legacy: written by protocol <= 2, or stored before migration 0009 /
    server 0005): ``W.base[f] >= V.hlc`` (the old clock rule, kept for old writes).
  The legacy horizon is the greatest legacy base a writer had merged (written into the
  ctx list as ``<wall>-<counter>-legacy<node>``), so "seen" stays transitive across old
  and new versions, which keeps the merge independent of arrival order.
* For every field we keep the *heads*: the versions no other known version has seen.
  More than one head with different free-text values is a conflict: all heads are kept
  in ``conflicts`` and the entity is flagged. A later edit that has seen all heads
  resolves it.
* Deletes: a delete's ctx says per field what its writer had merged (a legacy delete:
  its base clocks). An edit survives the deletes when one of its field heads was seen by
  none of them (nor is from a delete's own node and older than that delete); the entity
  then stays alive and is flagged ``edit_after_delete``. An edit whose ``ctx["_deleted"]``
  (legacy: ``base["_deleted"]``) names every delete, or a later delete that has seen the
  edit, clears the flag.

Every step is a maximal-set or a pointwise-max join, so the result is independent of
the order in which mutations arrive and of duplicates (a mutation applied twice changes
nothing).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

DELETED_BASE_KEY = "_deleted"

FLAG_CONFLICT = "conflict"
FLAG_EDIT_AFTER_DELETE = "edit_after_delete"

# Format of a stored merge state (``EntityState.to_json``): 2 = causal (ctx per version).
STATE_FORMAT = 2
# In a ctx list the legacy horizon is a clock whose node part starts with this word (a
# real node is a client id: hexadecimal, so it never starts with it).
LEGACY_NODE_PREFIX = "legacy"

# node -> newest clock merged from it; the key "" holds the legacy horizon (an exact clock)
Knowledge = dict[str, str]


class MergeError(ValueError):
    """A mutation cannot be merged (wrong entity, unknown op, missing hlc)."""


FreeTextPredicate = Callable[[str, str, Any], bool]


def default_is_free_text(entity: str, field_name: str, value: Any) -> bool:
    """Default: every string value is free text whose concurrent edits must be kept."""
    return isinstance(value, str)


def node_of(hlc: str) -> str:
    """The writer of a clock ``<wall>-<counter>-<node>`` ("" when it has no node part)."""
    parts = hlc.split("-", 2)
    return parts[2] if len(parts) == 3 else ""


def knowledge_from_list(clocks: Any) -> Knowledge:
    """A ctx list (as on the wire and in a stored state) as node -> clock."""
    if not clocks and clocks is not None and isinstance(clocks, (list, tuple)):
        return {}
    if clocks is None:
        return {}
    if not isinstance(clocks, (list, tuple)):
        raise MergeError("a ctx entry must be a list of clocks")
    out: Knowledge = {}
    for clock in clocks:
        if not isinstance(clock, str) or not clock:
            raise MergeError("a ctx clock must be a non-empty string")
        parts = clock.split("-", 2)
        if len(parts) == 3 and parts[2].startswith(LEGACY_NODE_PREFIX):
            key = ""
            clock = f"{parts[0]}-{parts[1]}-{parts[2][len(LEGACY_NODE_PREFIX):]}"
        else:
            key = parts[2] if len(parts) == 3 else ""
        if clock > out.get(key, ""):
            out[key] = clock
    return out


def knowledge_to_list(knowledge: Mapping[str, str]) -> list[str]:
    """node -> clock as a sorted ctx list (the legacy horizon with its marked node)."""
    if not knowledge:
        return []
    out = []
    for key, clock in knowledge.items():
        if key == "":
            parts = clock.split("-", 2)
            if len(parts) != 3:
                continue  # not a clock (never accepted at the boundary): nothing to say
            clock = f"{parts[0]}-{parts[1]}-{LEGACY_NODE_PREFIX}{parts[2]}"
        out.append(clock)
    return sorted(out)


def join(into: Knowledge, other: Mapping[str, str]) -> Knowledge:
    """Pointwise maximum, in place; returns ``into``."""
    for key, clock in other.items():
        if clock > into.get(key, ""):
            into[key] = clock
    return into


def covers(knowledge: Mapping[str, str], hlc: str) -> bool:
    """Whether ``knowledge`` includes the version written at ``hlc``."""
    if not knowledge:
        return False
    mine = knowledge.get(node_of(hlc))
    if mine is not None and mine >= hlc:
        return True
    horizon = knowledge.get("")
    return horizon is not None and horizon >= hlc


@dataclass
class FieldVersion:
    value: Any
    hlc: str
    mutation_id: str
    client_id: str = ""
    seen: str = ""  # legacy: the writer's base clock for this field ("" = saw nothing)
    ctx: Knowledge | None = None  # causal: what the writer had merged (None = legacy)

    def key(self) -> tuple[str, str]:
        return (self.hlc, self.mutation_id)

    def has_seen(self, other: FieldVersion) -> bool:
        if self.hlc <= other.hlc:
            return False
        if self.ctx is None:
            return self.seen >= other.hlc
        return node_of(other.hlc) == node_of(self.hlc) or covers(self.ctx, other.hlc)

    def knowledge(self) -> Knowledge:
        """What a writer that merged this version has seen through it (itself included)."""
        out: Knowledge = dict(self.ctx) if self.ctx is not None else ({"": self.seen} if self.seen else {})
        node = node_of(self.hlc)
        if self.hlc > out.get(node, ""):
            out[node] = self.hlc
        return out

    def to_json(self) -> dict[str, Any]:
        out = {
            "value": self.value,
            "hlc": self.hlc,
            "mutation_id": self.mutation_id,
            "client_id": self.client_id,
        }
        if self.ctx is None:
            out["seen"] = self.seen
        else:
            out["ctx"] = knowledge_to_list(self.ctx)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldVersion:
        ctx = data.get("ctx")
        return cls(
            data["value"],
            data["hlc"],
            data["mutation_id"],
            data.get("client_id", ""),
            data.get("seen", "") or "",
            None if ctx is None else (knowledge_from_list(ctx) if ctx else {}),
        )


@dataclass
class EntityState:
    """Merged state of one entity; ``to_json`` gives a stable, comparable form."""

    entity: str
    entity_id: str
    heads: dict[str, list[FieldVersion]] = field(default_factory=dict)
    hlc: str = ""
    deletes: dict[str, str] = field(default_factory=dict)  # node -> newest causal delete
    delete_legacy: str = ""  # newest legacy delete (no ctx)
    delete_ctx: dict[str, Knowledge] = field(default_factory=dict)  # field -> seen by deletes
    undelete: Knowledge = field(default_factory=dict)  # deletes that edits have seen

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
    def delete_hlc(self) -> str:
        if not self.deletes:
            return self.delete_legacy
        return max(self.delete_legacy, *self.deletes.values())

    def delete_saw(self, field_name: str, version: FieldVersion) -> bool:
        """Whether some delete has seen this version of the field."""
        if covers(self.delete_ctx.get(field_name, {}), version.hlc):
            return True
        newest = self.deletes.get(node_of(version.hlc))
        return newest is not None and newest > version.hlc

    @property
    def live_delete(self) -> bool:
        if self.delete_legacy and not covers(self.undelete, self.delete_legacy):
            return True
        return any(not covers(self.undelete, hlc) for hlc in self.deletes.values())

    @property
    def live_edit(self) -> bool:
        return any(
            not self.delete_saw(name, version)
            for name, versions in self.heads.items()
            for version in versions
        )

    @property
    def deleted(self) -> bool:
        return self.live_delete and not self.live_edit

    def seen_deletes(self) -> Knowledge:
        """Every delete merged here: what an edit that keeps the record has seen."""
        out: Knowledge = {node_of(h): h for h in self.deletes.values()}
        if self.delete_legacy:
            out[""] = self.delete_legacy
        return out

    def local_ctx(self, field_name: str, node: str) -> Knowledge:
        """A local write's ctx for one field: the pointwise maximum over the field's heads
        of each head's own clock and its ctx, leaving out the writer's own ``node``."""
        out: Knowledge = {}
        for version in self.heads.get(field_name, ()):
            join(out, version.knowledge())
        out.pop(node, None)
        return out

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
        """The entity as a replica shows it: values, clocks, deleted, conflicts, flags.

        The same as ``fields``, ``field_hlc``, ``deleted``, ``conflicts()`` and ``flags()``
        one by one, in one pass (a sync merges every record of a page through here): each
        field's winner is found once, and the conflicts, which only a field with more than
        one head can have, once."""
        fields: dict[str, Any] = {}
        field_hlc: dict[str, str] = {}
        several = False
        for name in sorted(self.heads):
            versions = self.heads[name]
            if len(versions) == 1:
                winner = versions[0]
            else:
                several = True
                winner = max(versions, key=FieldVersion.key)
            fields[name] = winner.value
            field_hlc[name] = winner.hlc
        conflicts = self.conflicts(is_free_text) if several else {}
        live_delete = self.live_delete
        live_edit = live_delete and self.live_edit  # only asked when a delete is live
        flags = []
        if conflicts:
            flags.append(FLAG_CONFLICT)
        if live_delete and live_edit:
            flags.append(FLAG_EDIT_AFTER_DELETE)
        return {
            "entity": self.entity,
            "id": self.entity_id,
            "hlc": self.hlc,
            "fields": fields,
            "field_hlc": field_hlc,
            "deleted": live_delete and not live_edit,
            "deleted_hlc": self.delete_hlc or None,
            "conflicts": conflicts,
            "flags": flags,
        }

    # -- persistence ---------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """Format 2; the delete parts are left out while there is no delete."""
        out: dict[str, Any] = {
            "format": STATE_FORMAT,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "hlc": self.hlc,
            "heads": {
                name: [vs[0].to_json()] if len(vs) == 1 else [v.to_json() for v in sorted(vs, key=FieldVersion.key)]
                for name, vs in sorted(self.heads.items())
            },
        }
        if self.deletes:
            out["deletes"] = sorted(self.deletes.values())
        if self.delete_legacy:
            out["delete_legacy"] = self.delete_legacy
        if self.delete_ctx:
            out["delete_ctx"] = {
                name: knowledge_to_list(k) for name, k in sorted(self.delete_ctx.items())
            }
        if self.undelete:
            out["undelete"] = knowledge_to_list(self.undelete)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EntityState:
        """A stored state of format 2, or of format 1 (before migration: every version and
        every delete legacy)."""
        state = cls(
            entity=data["entity"],
            entity_id=data["entity_id"],
            hlc=data.get("hlc", ""),
            heads={
                name: [FieldVersion.from_json(v) for v in vs]
                for name, vs in data.get("heads", {}).items()
            },
        )
        if data.get("format", 1) >= 2:
            state.deletes = {node_of(h): h for h in data.get("deletes", ())}
            state.delete_legacy = data.get("delete_legacy", "")
            state.delete_ctx = {
                name: knowledge_from_list(clocks)
                for name, clocks in data.get("delete_ctx", {}).items()
            }
            state.undelete = knowledge_from_list(data.get("undelete"))
            return state
        # format 1: delete_hlc / delete_seen / undelete_seen were clocks (the clock rule)
        state.delete_legacy = data.get("delete_hlc", "") or ""
        state.delete_ctx = {name: {"": seen} for name, seen in data.get("delete_seen", {}).items() if seen}
        undelete = data.get("undelete_seen", "") or ""
        state.undelete = {"": undelete} if undelete else {}
        return state


    def copy(self) -> EntityState:
        """A copy that the merge may change without changing this state: its own head lists
        and delete records; the field versions themselves are shared (nothing changes a
        FieldVersion once made). ``copy.deepcopy`` did the same at several times the cost."""
        return EntityState(
            entity=self.entity,
            entity_id=self.entity_id,
            heads={name: list(versions) for name, versions in self.heads.items()},
            hlc=self.hlc,
            deletes=dict(self.deletes),
            delete_legacy=self.delete_legacy,
            delete_ctx={name: dict(k) for name, k in self.delete_ctx.items()},
            undelete=dict(self.undelete),
        )

def _legacy_clock(clock: str) -> list[str]:
    parts = clock.split("-", 2)
    return [f"{parts[0]}-{parts[1]}-{LEGACY_NODE_PREFIX}{parts[2]}"] if len(parts) == 3 and clock else []


def state_format_2(old: Mapping[str, Any]) -> dict[str, Any]:
    """A stored merge state of format 1 (the clock rule) as format 2, every part legacy:
    each version keeps its ``seen`` base clock and has no ctx, the delete clocks become
    legacy horizons. Used by laptop migration ``0009_causal_merge_state`` and server
    migration ``0005_causal_entity_state``; written out (not through ``EntityState``) so
    that it stays what those migrations did. A state of format 2 is returned as it is."""
    if old.get("format", 1) >= 2:
        return dict(old)
    new: dict[str, Any] = {
        "format": 2,
        "entity": old["entity"],
        "entity_id": old["entity_id"],
        "hlc": old.get("hlc", ""),
        "heads": {
            name: [
                {"value": v["value"], "hlc": v["hlc"], "mutation_id": v["mutation_id"],
                 "client_id": v.get("client_id", ""), "seen": v.get("seen", "") or ""}
                for v in versions
            ]
            for name, versions in sorted(old.get("heads", {}).items())
        },
    }
    if old.get("delete_hlc"):
        new["delete_legacy"] = old["delete_hlc"]
    delete_ctx = {
        name: _legacy_clock(seen or "")
        for name, seen in sorted((old.get("delete_seen") or {}).items())
        if _legacy_clock(seen or "")
    }
    if delete_ctx:
        new["delete_ctx"] = delete_ctx
    if _legacy_clock(old.get("undelete_seen") or ""):
        new["undelete"] = _legacy_clock(old["undelete_seen"])
    return new


def _require(mutation: Mapping[str, Any], key: str) -> Any:
    if key not in mutation:
        raise MergeError(f"mutation lacks '{key}'")
    return mutation[key]


def _versions(
    fields: Mapping[str, Any], hlc: str, mutation_id: str, client_id: str, base: Mapping[str, Any],
    seen_by_field: Mapping[str, Knowledge] | None,
) -> dict[str, FieldVersion]:
    out = {}
    for name, value in fields.items():
        if seen_by_field is not None:
            out[name] = FieldVersion(value, hlc, mutation_id, client_id, "", dict(seen_by_field.get(name, {})))
        else:
            seen = base.get(name)
            out[name] = FieldVersion(value, hlc, mutation_id, client_id, seen if isinstance(seen, str) else "")
    return out


def field_versions(mutation: Mapping[str, Any]) -> dict[str, FieldVersion]:
    """The field versions an upsert brings, as the merge sees them (for compaction)."""
    ctx = mutation.get("ctx")
    seen_by_field = (
        {name: knowledge_from_list(clocks) for name, clocks in ctx.items()} if isinstance(ctx, Mapping) else None
    )
    return _versions(
        mutation.get("fields") or {}, str(mutation.get("hlc", "")), str(mutation.get("mutation_id", "")),
        str(mutation.get("client_id", "")), mutation.get("base") or {}, seen_by_field,
    )


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
    ctx = mutation.get("ctx")  # absent or null: a legacy mutation (merged by its base)
    if ctx is not None and not isinstance(ctx, Mapping):
        raise MergeError(f"mutation {mutation_id}: ctx must be an object")
    if op not in ("upsert", "delete"):
        raise MergeError(f"mutation {mutation_id}: unknown op {op!r} (upsert or delete)")
    try:
        seen_by_field = (
            {name: knowledge_from_list(clocks) for name, clocks in ctx.items()} if ctx is not None else None
        )
    except MergeError as exc:
        raise MergeError(f"mutation {mutation_id}: {exc}") from None
    if state is None:
        new = EntityState(entity=entity, entity_id=entity_id)
    else:
        if (state.entity, state.entity_id) != (entity, entity_id):
            raise MergeError(
                f"mutation {mutation_id} is for {entity}/{entity_id}, "
                f"not {state.entity}/{state.entity_id}"
            )
        new = state.copy()
    new.hlc = max(new.hlc, hlc)
    client_id = str(mutation.get("client_id", ""))

    if op == "upsert":
        fields = mutation.get("fields") or {}
        if not isinstance(fields, Mapping):
            raise MergeError(f"mutation {mutation_id}: fields must be an object")
        for name, incoming in _versions(fields, hlc, mutation_id, client_id, base, seen_by_field).items():
            heads = new.heads.get(name)
            if not heads:  # the field's first version here (every field of a new record)
                new.heads[name] = [incoming]
                continue
            if any(h.mutation_id == mutation_id or h.has_seen(incoming) for h in heads):
                continue  # a duplicate, or a version some head has already seen
            kept = [h for h in heads if not incoming.has_seen(h)]
            kept.append(incoming)
            new.heads[name] = sorted(kept, key=FieldVersion.key)
        if seen_by_field is not None:
            join(new.undelete, seen_by_field.get(DELETED_BASE_KEY, {}))
        else:
            seen_delete = base.get(DELETED_BASE_KEY)
            if isinstance(seen_delete, str) and seen_delete:
                join(new.undelete, {"": seen_delete})
    else:  # delete
        if seen_by_field is not None:
            node = node_of(hlc)
            if hlc > new.deletes.get(node, ""):
                new.deletes[node] = hlc
            merged = seen_by_field.items()
        else:
            new.delete_legacy = max(new.delete_legacy, hlc)
            merged = ((name, {"": seen}) for name, seen in base.items() if isinstance(seen, str) and seen)
        for name, knowledge in merged:
            if name != DELETED_BASE_KEY and knowledge:
                join(new.delete_ctx.setdefault(name, {}), knowledge)
    return new


def merge(mutations: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], EntityState]:
    """Merge any collection of mutations into states keyed by ``(entity, entity_id)``."""
    states: dict[tuple[str, str], EntityState] = {}
    for mutation in mutations:
        key = (_require(mutation, "entity"), _require(mutation, "entity_id"))
        states[key] = apply_mutation(states.get(key), mutation)
    return states
