"""Trust at the boundary (issue #19, docs/PROTOCOL-3.md part A): the server derives scope
and actor from what it stores and who signed in, validates every mutation against the
entity declarations, bounds the clock, and logs every refusal without the refused values.
In process, on SQLite and PostgreSQL (the ``harness`` fixture)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from anhorigdesk.server import validation
from anhorigdesk.server.compaction import payload_digest
from anhorigdesk.sync.protocol import ClockAhead, Forbidden, RequestRejected, SyncClient

from .conftest import Harness, MutationFactory, pull_all


@pytest.fixture
def units(harness: Harness) -> dict[str, Any]:
    north = harness.unit("Anhörigstöd Norr")
    south = harness.unit("Anhörigstöd Söder")
    anna = harness.logged_in(harness.user("anna", [north]))
    bo = harness.logged_in(harness.user("bo", [south]))
    return {"north": north, "south": south, "anna": anna, "bo": bo}


def _denied(harness: Harness) -> list[dict[str, Any]]:
    return [r for r in harness.store.access_log() if r["outcome"] == "denied"]


def _log_text(harness: Harness) -> str:
    return json.dumps(harness.store.access_log(), ensure_ascii=False)


def _anna_has_a_carer_with_an_entry(harness: Harness, anna: SyncClient) -> tuple[MutationFactory, dict, dict]:
    make = MutationFactory(harness, anna)
    carer = make.make(fields={"name": "Hedda Prov"})
    entry = make.make(
        entity="entry",
        carer_id=carer["entity_id"],
        fields={"carer_id": carer["entity_id"], "kind": "samtal", "occurred_at": "2026-03-01T10:00:00+01:00",
                "data": {"text": "Hedda orkar inte längre"}},
    )
    anna.push([carer, entry])
    return make, carer, entry


def test_writing_into_another_units_record_under_ones_own_scope_is_refused(
    harness: Harness, units: dict[str, Any]
) -> None:
    """Finding 1: bo (unit Söder) names anna's entry but declares his own carer and unit."""
    anna, bo = units["anna"], units["bo"]
    _make_a, carer, entry = _anna_has_a_carer_with_an_entry(harness, anna)
    make_b = MutationFactory(harness, bo)
    own = make_b.make(fields={"name": "Bos egen"})
    bo.push([own])
    forged = make_b.make(
        entity="entry",
        entity_id=entry["entity_id"],
        carer_id=own["entity_id"],
        fields={"data": {"text": "förfalskat"}},
    )
    with pytest.raises(Forbidden) as refused:
        bo.push([forged])
    assert refused.value.code == "forbidden_scope_change"
    assert refused.value.params == {"mutation_id": forged["mutation_id"], "scope": own["entity_id"]}
    assert carer["entity_id"] not in json.dumps(refused.value.params)  # the record's scope is not told
    (denied,) = _denied(harness)
    # logged where anna's unit manager looks: under the record's scope
    assert denied["username"] == "bo" and denied["action"] == "push"
    assert denied["scope_key"] == carer["entity_id"] and denied["detail"] == "forbidden_scope_change"
    assert "förfalskat" not in _log_text(harness)
    state = harness.store.state(harness.store.authenticate(anna.token_store.load().access_token),
                                carer["entity_id"], "127.0.0.1")
    (stored,) = [e for e in state["entities"] if e["entity"] == "entry"]
    assert stored["fields"]["data"] == {"text": "Hedda orkar inte längre"}
    assert [c["mutation_id"] for c in pull_all(anna)[0]] == [carer["mutation_id"], entry["mutation_id"]]


def test_a_carer_record_keeps_its_scope_and_units_change_only_by_the_carer_rule(
    harness: Harness, units: dict[str, Any]
) -> None:
    anna = units["anna"]
    make = MutationFactory(harness, anna)
    carer = make.make(fields={"name": "Greta Prov"})
    anna.push([carer])
    # a relation stored under the carer cannot be moved to a unit scope
    relation = make.make(entity="relation", carer_id=carer["entity_id"],
                         fields={"carer_id": carer["entity_id"], "cared_for_id": "cf-1", "kind": "partner"})
    anna.push([relation])
    moved = make.make(entity="relation", entity_id=relation["entity_id"], carer_id=None,
                      unit_ids=[units["north"]], fields={"kind": "child"})
    with pytest.raises(Forbidden) as refused:
        anna.push([moved])
    assert refused.value.code == "forbidden_scope_change"
    # the carer's units change as before: by a carer mutation of a user allowed before and after
    make.seq -= 1
    both = make.make(entity_id=carer["entity_id"], unit_ids=[units["north"], units["south"]],
                     fields={"unit_ids": [units["north"], units["south"]]})
    anna.push([both])
    assert [c["mutation_id"] for c in pull_all(units["bo"])[0]][-1] == both["mutation_id"]


def test_the_actor_is_the_signed_in_user_in_one_of_its_units(
    harness: Harness, units: dict[str, Any]
) -> None:
    """Finding 8: a forged actor.unit_id was accepted."""
    anna = units["anna"]
    make = MutationFactory(harness, anna)
    forged = make.make()
    forged["actor"] = {**forged["actor"], "unit_id": units["south"]}
    with pytest.raises(Forbidden) as refused:
        anna.push([forged])
    assert refused.value.code == "forbidden_actor"
    assert refused.value.params["field"] == "actor.unit_id"
    (denied,) = _denied(harness)
    assert denied["detail"] == "forbidden_actor actor.unit_id" and denied["username"] == "anna"
    make.seq = 0
    anna.push([make.make()])  # the honest one goes through


def test_a_reused_mutation_id_reveals_no_other_device(harness: Harness, units: dict[str, Any]) -> None:
    """Finding 8: 409 mutation_reused told the owner's device id and seq."""
    anna, bo = units["anna"], units["bo"]
    _make, carer, _entry = _anna_has_a_carer_with_an_entry(harness, anna)
    make_b = MutationFactory(harness, bo)
    copy = {**make_b.make(), "mutation_id": carer["mutation_id"]}
    with pytest.raises(RequestRejected) as refused:
        bo.push([copy])
    assert refused.value.code == "mutation_reused"
    assert refused.value.params == {"mutation_id": carer["mutation_id"]}
    assert carer["client_id"] not in refused.value.message
    (denied,) = _denied(harness)
    assert denied["username"] == "bo" and denied["detail"] == "mutation_reused"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fields": {"name": {"förnamn": "Objekt"}}}, "name"),
        ({"fields": {"name": ["en", "lista"]}}, "name"),
        ({"fields": {"is_child": "ja"}}, "is_child"),
        ({"fields": {"hours_per_week": 10**9}}, "hours_per_week"),
        ({"fields": {"birth_date": "igår"}}, "birth_date"),
        ({"fields": {"status": "borta"}}, "status"),
        ({"fields": {"hemlig_kolumn": "x"}}, "hemlig_kolumn"),
        ({"entity": "password_hash"}, "entity"),
        ({"base": {"okänt_fält": "0001772000000000-00000-x"}}, "base.okänt_fält"),
        ({"base": {"name": "not-a-clock"}}, "base.name"),
        ({"base": {"name": "1772000000000-0-x"}}, "base.name"),
        ({"ctx": {"name": ["0001772000000000-00000-x", "zzz"]}}, "ctx.name"),
        ({"ctx": {"okant": []}}, "ctx.okant"),
        ({"hlc": "9999999999999999999-00000-x"}, "hlc"),
        ({"hlc": "0001772000000001-00000-nagon-annan"}, "hlc"),
        ({"hlc": "0001772000000001-0-DEVICE"}, "hlc"),
    ],
)
def test_values_and_clocks_are_checked_before_anything_is_stored(
    harness: Harness, units: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    """Finding 2: any JSON value and any hlc of the right characters was stored."""
    anna = units["anna"]
    make = MutationFactory(harness, anna)
    mutation = {**make.make(), **change}
    if mutation["hlc"].endswith("DEVICE"):
        mutation["hlc"] = mutation["hlc"].replace("DEVICE", make.client_id)
    with pytest.raises(RequestRejected) as refused:
        anna.push([mutation])
    assert refused.value.status == 422 and refused.value.code == "invalid_mutation"
    assert refused.value.params["mutation_id"] == mutation["mutation_id"]
    assert refused.value.params["field"] == field
    assert field in refused.value.message
    (denied,) = _denied(harness)
    assert denied["detail"] == f"invalid_mutation {field}"
    for value in ("Objekt", "förnamn", "igår", "borta", "zzz"):
        assert value not in denied["detail"]
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM mutations")[0] == 0


def test_a_clock_too_far_ahead_is_refused_with_the_servers_time(
    harness: Harness, units: dict[str, Any]
) -> None:
    """Finding 3: protocol 3 gets 409 clock_ahead with the server's time; protocol 2 gets 422."""
    anna = units["anna"]
    make = MutationFactory(harness, anna)
    now_ms = int(harness.clock().timestamp() * 1000)
    ok = {**make.make(), "hlc": f"{now_ms + 4 * 60_000:016d}-00000-{make.client_id}"}
    anna.push([ok])  # four minutes ahead: accepted
    ahead = {**make.make(), "hlc": f"{now_ms + 6 * 60_000:016d}-00000-{make.client_id}"}
    with pytest.raises(ClockAhead) as refused:
        anna.push([ahead])
    assert refused.value.status == 409
    assert refused.value.params["mutation_id"] == ahead["mutation_id"]
    assert refused.value.server_time == "2026-03-02T09:00:00.000000Z"
    far = {**ahead, "hlc": f"9999999999999999-99999-{make.client_id}"}
    with pytest.raises(ClockAhead):
        anna.push([far])
    base_ahead = {**ahead, "hlc": ok["hlc"].replace("-00000-", "-00001-"),
                  "base": {"name": f"{now_ms + 60 * 60_000:016d}-00000-other"}}
    with pytest.raises(ClockAhead) as refused:
        anna.push([base_ahead])
    assert refused.value.params["field"] == "base.name"

    old = harness.client(protocol_version=2)
    tokens = anna.token_store.load()
    old.token_store.save(tokens)
    with pytest.raises(RequestRejected) as refused_v2:
        old.push([ahead])
    assert refused_v2.value.status == 422 and refused_v2.value.code == "clock_ahead"
    assert [r["detail"] for r in _denied(harness)] == ["clock_ahead hlc"] * 2 + ["clock_ahead base.name", "clock_ahead hlc"]


def test_protocol_2_and_1_are_still_served_and_3_is_offered(harness: Harness, units: dict[str, Any]) -> None:
    hello = units["anna"].hello()
    assert (hello["protocol_min"], hello["protocol_max"]) == (1, 3)
    north = units["north"]
    for version in (1, 2):
        client = harness.client(protocol_version=version)
        account = harness.user(f"v{version}", [north])
        client.login(account.username, "ett-långt-lösenord", device_id=f"old{version}", device_name="Gammal")
        make = MutationFactory(harness, client)
        pushed = make.make(fields={"name": f"Protokoll {version}"})
        assert client.push([pushed])["acked"] == [pushed["mutation_id"]]
        changes, _cursor, integrity = pull_all(client)
        assert pushed["mutation_id"] in [c["mutation_id"] for c in changes]
        assert all("ctx" not in c and "set_aside" not in c for c in changes)
        assert ("count" in integrity) == (version == 2)


def test_ctx_is_stored_and_served_as_pushed(harness: Harness, units: dict[str, Any]) -> None:
    anna = units["anna"]
    make = MutationFactory(harness, anna)
    first = make.make()
    second = {**make.make(entity_id=first["entity_id"], fields={"notes": "b"}),
              "ctx": {"notes": [first["hlc"]]}}
    anna.push([first, second])
    changes = pull_all(anna)[0]
    assert "ctx" not in changes[0] and changes[1]["ctx"] == {"notes": [first["hlc"]]}


def _store_without_checks(harness: Harness, monkeypatch: pytest.MonkeyPatch, client: SyncClient,
                          mutations: list[dict[str, Any]]) -> None:
    """What a server before protocol 3 stored: the push without the new checks."""
    from anhorigdesk.server.store import sync as server_sync

    with monkeypatch.context() as patched:
        patched.setattr(server_sync, "check_pushed", lambda m, **kw: None)
        client.push(mutations)


def test_the_administrator_lists_shows_and_retires_bad_stored_mutations(
    harness: Harness, units: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, bo = units["anna"], units["bo"]
    make = MutationFactory(harness, anna)
    good = make.make(fields={"name": "Bra Prov"})
    bad = make.make(fields={"name": {"elak": "objekt"}})
    _store_without_checks(harness, monkeypatch, anna, [good, bad])
    _changes, cursor, before = pull_all(anna)
    with harness.store.db.transaction() as tx:
        (offence,) = list(validation.scan_log(tx))
        shown = validation.show(tx, bad["mutation_id"])
    assert (offence.mutation_id, offence.entity, offence.field) == (bad["mutation_id"], "carer", "name")
    assert "objekt" not in json.dumps(offence.to_json()) and "objekt" not in json.dumps(shown)
    assert shown["fields"] == {"name": "dict"} and shown["offence"]["field"] == "name"
    with harness.store.db.transaction(write=True) as tx:
        done = validation.retire(tx, bad["mutation_id"], by="test", at=harness.store.now())
    assert done["versions_removed"] == 1
    with harness.store.db.transaction() as tx:
        assert list(validation.scan_log(tx)) == []
        assert [o.set_aside for o in validation.scan_log(tx, include_set_aside=True)] == ["retired"]
        row = tx.one("SELECT reason, payload_sha256 FROM set_aside WHERE mutation_id = ?", (bad["mutation_id"],))
        with pytest.raises(validation.QuarantineError, match="already set aside"):
            validation.retire(tx, bad["mutation_id"], by="test", at=harness.store.now())
    assert row[0] == "retired"
    # served as a stub, in the same place; the integrity figures are unchanged
    changes, again, after = pull_all(anna)
    assert again == cursor and after == before
    stub = changes[1]
    assert stub["mutation_id"] == bad["mutation_id"] and stub["set_aside"] == "retired"
    assert stub["fields"] == {} and stub["base"] == {} and stub["hlc"] == bad["hlc"]
    # a resend of the original content is acknowledged (exactly once), other content refused
    original = json.dumps(bad, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert row[1] == payload_digest(original)
    assert anna.push([bad])["applied"] == 0
    with pytest.raises(RequestRejected, match=r"redan|already"):
        anna.push([{**bad, "fields": {"name": "Annat"}}])
    assert pull_all(bo)[0] == []
    # the log stays append-only except for a recorded set-aside
    with pytest.raises(Exception, match="append-only"), harness.store.db.transaction(write=True) as tx:
        tx.execute("UPDATE mutations SET payload = '{}' WHERE mutation_id = ?", (good["mutation_id"],))


def test_retiring_keeps_a_note_and_refuses_an_unknown_id(
    harness: Harness, units: dict[str, Any]
) -> None:
    make = MutationFactory(harness, units["anna"])
    m = make.make()
    units["anna"].push([m])
    with harness.store.db.transaction(write=True) as tx:
        validation.retire(tx, m["mutation_id"], by="test", at=harness.store.now(), note="prov")
        assert tuple(tx.one("SELECT note, by FROM set_aside")) == ("prov", "test")
    with pytest.raises(validation.QuarantineError, match="no stored mutation"), \
            harness.store.db.transaction(write=True) as tx:
        validation.retire(tx, uuid.uuid4().hex, by="test", at=harness.store.now())
