"""The pure merge: field-level last writer, conflicts, deletes; order and duplicates do not matter."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anhorigdesk.replication.merge import (
    FLAG_CONFLICT,
    FLAG_EDIT_AFTER_DELETE,
    EntityState,
    MergeError,
    apply_mutation,
    merge,
)


def hlc(ms: int, client: str, counter: int = 0) -> str:
    return f"{ms:016d}-{counter:05d}-{client}"


def mut(
    mid: str,
    client: str,
    ms: int,
    fields: dict[str, Any] | None = None,
    base: dict[str, str] | None = None,
    op: str = "upsert",
    entity_id: str = "e1",
) -> dict:
    return {
        "mutation_id": mid,
        "client_id": client,
        "entity": "carer",
        "entity_id": entity_id,
        "op": op,
        "fields": fields or {},
        "base": base or {},
        "hlc": hlc(ms, client),
    }


def view(mutations: list[dict], entity_id: str = "e1") -> dict:
    return merge(mutations)[("carer", entity_id)].view()


def test_last_writer_wins_per_field_with_client_tiebreak() -> None:
    a = mut("a", "A", 10, {"name": "Alva", "phone": "1"})
    b = mut("b", "B", 20, {"name": "Berit"}, base={"name": hlc(10, "A")})
    tie = mut("c", "C", 20, {"phone": "3"}, base={"phone": hlc(10, "A")})
    v = view([a, b, tie])
    assert v["fields"] == {"name": "Berit", "phone": "3"}
    assert v["field_hlc"]["name"] == hlc(20, "B")
    assert v["flags"] == [] and v["conflicts"] == {}


def test_concurrent_free_text_edits_are_both_kept_and_flagged() -> None:
    a = mut("a", "A", 10, {"notes": "start"})
    b = mut("b", "B", 20, {"notes": "B:s text"}, base={"notes": hlc(10, "A")})
    c = mut("c", "C", 21, {"notes": "C:s text"}, base={"notes": hlc(10, "A")})
    v = view([a, b, c])
    assert v["fields"]["notes"] == "C:s text"
    assert v["flags"] == [FLAG_CONFLICT]
    assert [x["value"] for x in v["conflicts"]["notes"]] == ["B:s text", "C:s text"]
    resolved = mut("d", "B", 30, {"notes": "ihop"}, base={"notes": hlc(21, "C")})
    v2 = view([a, b, c, resolved])
    assert v2["fields"]["notes"] == "ihop" and v2["flags"] == [] and v2["conflicts"] == {}


def test_concurrent_equal_values_or_non_text_are_not_conflicts() -> None:
    a = mut("a", "A", 10, {"notes": "samma", "count": 1})
    b = mut("b", "B", 11, {"notes": "samma", "count": 2})
    v = view([a, b])
    assert v["flags"] == [] and v["fields"]["count"] == 2


def test_edit_concurrent_with_delete_survives_and_is_flagged() -> None:
    a = mut("a", "A", 10, {"notes": "x"})
    d = mut("d", "B", 20, op="delete", base={"notes": hlc(10, "A")})
    e = mut("e", "C", 15, {"notes": "edit"}, base={"notes": hlc(10, "A")})
    assert view([a, d])["deleted"] is True
    v = view([a, d, e])
    assert v["deleted"] is False and FLAG_EDIT_AFTER_DELETE in v["flags"]
    assert v["fields"]["notes"] == "edit"
    keep = mut(
        "k", "C", 30, {"notes": "behåll"}, base={"notes": hlc(15, "C"), "_deleted": hlc(20, "B")}
    )
    v2 = view([a, d, e, keep])
    assert v2["deleted"] is False and v2["flags"] == []
    d2 = mut("d2", "A", 40, op="delete", base={"notes": hlc(30, "C")})
    assert view([a, d, e, keep, d2])["deleted"] is True


def test_bad_mutations_raise_clear_errors() -> None:
    with pytest.raises(MergeError, match="unknown op"):
        apply_mutation(None, {**mut("a", "A", 1), "op": "purge"})
    with pytest.raises(MergeError, match="lacks 'hlc'"):
        apply_mutation(None, {k: v for k, v in mut("a", "A", 1).items() if k != "hlc"})
    state = apply_mutation(None, mut("a", "A", 1))
    with pytest.raises(MergeError, match="not carer/e1"):
        apply_mutation(state, mut("b", "A", 2, entity_id="e2"))


def test_state_round_trips_through_json() -> None:
    ms = [mut("a", "A", 10, {"notes": "x"}), mut("b", "B", 11, {"notes": "y"})]
    state = merge(ms)[("carer", "e1")]
    again = EntityState.from_json(state.to_json())
    assert again.to_json() == state.to_json() and again.view() == state.view()


# -- properties ----------------------------------------------------------------

CLIENTS = ["A", "B", "C"]
FIELDS = ["notes", "name", "count"]


@st.composite
def histories(draw: st.DrawFn) -> list[dict]:
    """Mutations on two entities from three clients, with plausible bases."""
    n = draw(st.integers(min_value=1, max_value=12))
    out: list[dict] = []
    for i in range(n):
        client = draw(st.sampled_from(CLIENTS))
        ms = draw(st.integers(min_value=1, max_value=40))
        entity_id = draw(st.sampled_from(["e1", "e2"]))
        op = draw(st.sampled_from(["upsert"] * 4 + ["delete"]))
        earlier = [m for m in out if m["entity_id"] == entity_id and m["hlc"] < hlc(ms, client)]
        base: dict[str, str] = {}
        for name in [*FIELDS, "_deleted"]:
            if earlier and draw(st.booleans()):
                base[name] = draw(st.sampled_from(earlier))["hlc"]
        fields = {}
        if op == "upsert":
            for name in draw(st.sets(st.sampled_from(FIELDS), min_size=1)):
                fields[name] = (
                    draw(st.integers(0, 3))
                    if name == "count"
                    else draw(st.sampled_from(["a", "b", "c", "ä"]))
                )
        out.append(mut(f"m{i}", client, ms, fields, base, op, entity_id))
    return out


def _snapshot(mutations: list[dict]) -> dict:
    return {key: state.view() for key, state in sorted(merge(mutations).items())}


def _raw(mutations: list[dict]) -> dict:
    return {key: state.to_json() for key, state in sorted(merge(mutations).items())}


@settings(max_examples=150, deadline=None)
@given(history=histories(), data=st.data())
def test_merge_is_independent_of_arrival_order(history: list[dict], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(history))
    assert _raw(shuffled) == _raw(history)
    assert _snapshot(shuffled) == _snapshot(history)


@settings(max_examples=100, deadline=None)
@given(history=histories(), data=st.data())
def test_duplicates_change_nothing(history: list[dict], data: st.DataObject) -> None:
    extra = data.draw(st.lists(st.sampled_from(history), max_size=6))
    mixed = data.draw(st.permutations(history + extra))
    assert _raw(mixed) == _raw(history)


@settings(max_examples=100, deadline=None)
@given(history=histories(), data=st.data())
def test_merging_in_parts_equals_merging_at_once(history: list[dict], data: st.DataObject) -> None:
    """Two replicas that each saw part of the log converge once they exchange the rest."""
    cut = data.draw(st.integers(0, len(history)))
    left, right = history[:cut], history[cut:]
    replica_a = merge(left)
    for m in right:
        key = (m["entity"], m["entity_id"])
        replica_a[key] = apply_mutation(replica_a.get(key), m)
    assert {k: s.to_json() for k, s in sorted(replica_a.items())} == _raw(history)


@settings(max_examples=100, deadline=None)
@given(history=histories())
def test_winner_is_the_greatest_writer_and_conflicts_hold_it(history: list[dict]) -> None:
    for (_entity, entity_id), state in merge(history).items():
        v = state.view()
        for name, value in v["fields"].items():
            writers = [m for m in history if m["entity_id"] == entity_id and name in m["fields"]]
            top = max(writers, key=lambda m: (m["hlc"], m["mutation_id"]))
            assert value == top["fields"][name]
            if name in v["conflicts"]:
                assert top["mutation_id"] in {x["mutation_id"] for x in v["conflicts"][name]}
