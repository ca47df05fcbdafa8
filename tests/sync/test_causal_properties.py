"""The causal merge rule (docs/PROTOCOL-3.md, part B) on generated histories: replicas
that write with protocol 3 (ctx from their merge state) or as protocol-2 laptops (base
clocks, merging by the clock rule), receiving each other's mutations in any order.

* Order independence: every permutation of the history, with duplicates, merges to the
  same state, also when legacy and causal versions are mixed (the legacy horizon keeps
  "seen" transitive).
* No lost edit: in histories written with protocol 3 only, the heads of every field are
  exactly the writes that no other write of it had in its writer's causal past (what the
  writer held when it wrote, and their pasts), derived without the merge rule. A replica
  receives a mutation after what its writer held (pulls in server order give that).
* Migration: a stored state of format 1 rewritten to format 2 merges on like the state
  that replaying the same old mutations gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    EntityState,
    apply_mutation,
    knowledge_to_list,
    merge,
    state_format_2,
)

FIELDS = ["notes", "phone"]
TEXTS = ["a", "b", "c"]


@dataclass
class Writer:
    node: str
    legacy: bool
    held: dict[str, dict[str, Any]] = field(default_factory=dict)
    state: EntityState | None = None
    past: set[str] = field(default_factory=set)

    def receive(self, mutation: dict[str, Any]) -> None:
        if mutation["mutation_id"] in self.held:
            return
        self.held[mutation["mutation_id"]] = mutation
        # a protocol-2 laptop's merge never reads ctx: it merges by base (the clock rule)
        seen = {k: v for k, v in mutation.items() if k != "ctx"} if self.legacy else mutation
        self.state = apply_mutation(self.state, seen)


@dataclass
class History:
    log: list[dict[str, Any]] = field(default_factory=list)
    pasts: dict[str, frozenset[str]] = field(default_factory=dict)


def _write(history: History, w: Writer, t: int, op: str, name: str, value: str) -> None:
    state = w.state
    hlc = f"{t:016d}-00000-{w.node}"
    mutation: dict[str, Any] = {
        "mutation_id": f"m{len(history.log):03d}", "client_id": w.node, "entity": "carer",
        "entity_id": "e1", "op": "upsert", "fields": {}, "base": {}, "hlc": hlc,
    }
    field_hlc = state.field_hlc if state else {}
    ctx: dict[str, list[str]] = {}
    if op == "edit":
        mutation["fields"] = {name: value}
        if field_hlc.get(name):
            mutation["base"] = {name: field_hlc[name]}
        if state is not None:
            ctx[name] = knowledge_to_list(state.local_ctx(name, w.node))
    elif op == "delete":
        if state is None:
            return
        mutation["op"] = "delete"
        mutation["base"] = dict(field_hlc)
        ctx = {n: knowledge_to_list(state.local_ctx(n, w.node)) for n in state.heads}
    elif op == "keep":
        if state is None or not state.live_delete:
            return
        mutation["base"] = {DELETED_BASE_KEY: state.delete_hlc}
        ctx = {DELETED_BASE_KEY: knowledge_to_list(state.seen_deletes())}
    if not w.legacy:
        mutation["ctx"] = {k: v for k, v in ctx.items() if v}
    past = set(w.held)
    for mutation_id in w.held:
        past |= history.pasts.get(mutation_id, frozenset())
    history.pasts[mutation["mutation_id"]] = frozenset(past)
    history.log.append(mutation)
    w.receive(mutation)


@st.composite
def histories(draw: st.DrawFn, *, allow_legacy: bool = True) -> History:
    legacy_flags = [draw(st.booleans()) if allow_legacy else False for _ in range(3)]
    writers = [Writer(f"n{i}", flag) for i, flag in enumerate(legacy_flags)]
    history = History()
    steps = draw(st.integers(3, 24))
    for t in range(1, steps + 1):
        w = writers[draw(st.integers(0, 2))]
        action = draw(st.sampled_from(["edit", "edit", "edit", "receive", "receive", "delete", "keep"]))
        if action == "receive":
            missing = [m for m in history.log if m["mutation_id"] not in w.held]
            for m in draw(st.lists(st.sampled_from(missing), max_size=4)) if missing else []:
                # causal delivery, as pulls in server order give it: what m's writer held first
                for earlier in history.log:
                    if earlier["mutation_id"] in history.pasts[m["mutation_id"]]:
                        w.receive(earlier)
                w.receive(m)
        else:
            _write(history, w, t, action, draw(st.sampled_from(FIELDS)), draw(st.sampled_from(TEXTS)))
    return history


def _json(mutations: list[dict[str, Any]]) -> dict[Any, Any]:
    return {key: state.to_json() for key, state in sorted(merge(mutations).items())}


SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(history=histories(), data=st.data())
def test_mixed_histories_merge_alike_in_any_order_with_duplicates(history: History, data: st.DataObject) -> None:
    expected = _json(history.log)
    shuffled = data.draw(st.permutations(history.log))
    again = data.draw(st.lists(st.sampled_from(history.log), max_size=5)) if history.log else []
    cut = data.draw(st.integers(0, len(shuffled)))
    assert _json([*shuffled[:cut], *again, *shuffled[cut:]]) == expected
    # merged in two parts (as a replica does page by page), from its stored JSON
    if history.log:
        first = merge(shuffled[:cut]).get(("carer", "e1"))
        state = EntityState.from_json(first.to_json()) if first else None
        for m in shuffled[cut:]:
            state = apply_mutation(state, m)
        assert state is not None and state.to_json() == expected[("carer", "e1")]


@SETTINGS
@given(history=histories(allow_legacy=False))
def test_causal_histories_keep_exactly_the_unseen_writes(history: History) -> None:
    states = merge(history.log)
    if not states:
        return
    state = states[("carer", "e1")]
    for name in FIELDS:
        writes = {m["mutation_id"] for m in history.log if name in m["fields"]}
        unseen = {w for w in writes if not any(w in history.pasts[o] for o in writes if o != w)}
        assert {v.mutation_id for v in state.heads.get(name, [])} == unseen, name


def _format_1(state: EntityState) -> dict[str, Any]:
    """A legacy-only state as the program before protocol 3 stored it (format 1)."""
    heads = {n: [{k: v for k, v in version.items() if k != "ctx"} for version in vs]
             for n, vs in state.to_json()["heads"].items()}
    return {"entity": state.entity, "entity_id": state.entity_id, "hlc": state.hlc, "heads": heads,
            "delete_hlc": state.delete_legacy,
            "delete_seen": {n: k[""] for n, k in state.delete_ctx.items() if "" in k},
            "undelete_seen": state.undelete.get("", "")}


def _shift(clock: str) -> str:
    return f"{int(clock[:16]) + 100:016d}{clock[16:]}"


def _later(m: dict[str, Any]) -> dict[str, Any]:
    out = {**m, "mutation_id": "new-" + m["mutation_id"], "hlc": _shift(m["hlc"]),
           "base": {k: _shift(v) for k, v in m["base"].items()}}
    if "ctx" in m:
        out["ctx"] = {k: [_shift(c) for c in v] for k, v in m["ctx"].items()}
    return out


@SETTINGS
@given(old=histories(allow_legacy=False), new=histories(), data=st.data())
def test_a_migrated_state_merges_on_like_a_replay(old: History, new: History, data: st.DataObject) -> None:
    legacy = [{k: v for k, v in m.items() if k != "ctx"} for m in old.log]
    if not legacy:
        return
    later = [_later(m) for m in new.log]  # written after the migration, by others
    stored = merge(legacy)[("carer", "e1")]
    migrated = EntityState.from_json(state_format_2(_format_1(stored)))
    assert migrated.to_json() == stored.to_json() and migrated.view() == stored.view()
    for m in data.draw(st.permutations(later)):
        migrated = apply_mutation(migrated, m)
    assert migrated.to_json() == _json([*legacy, *later])[("carer", "e1")]
