"""Purges in the server's log (docs/PROTOCOL-3.md part D, #13): write_purge, pull order,
integrity, protocol-2 clients, pushes of purged records. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from anhorigdesk.replication.integrity import combine
from anhorigdesk.server.store.purge import PurgeError, PurgeRefused, release_hold, write_purge
from anhorigdesk.sync.protocol import ProtocolVersionError

from .conftest import PASSWORD, Harness, MutationFactory, pull_all

SECRET = "Gallras Hemligsson"
NOTE = "Samtal om avlösning hos Hemligsson"
KEPT = "Kvarstår Karlsson"
FAR_PAST = "2000-01-01T00:00:00.000000Z"
FAR_FUTURE = "9999-01-01T00:00:00.000000Z"


def _setup(harness: Harness) -> tuple:
    unit = harness.unit("Enhet A")
    account = harness.user("anna", [unit])
    client = harness.logged_in(account)
    make = MutationFactory(harness, client)
    carer = make.make(fields={"name": SECRET})
    entry = make.make(entity="entry", carer_id=carer["entity_id"], fields={
        "carer_id": carer["entity_id"], "kind": "purge", "occurred_at": "2026-12-01T10:00:00Z",
        "data": {"text": NOTE}})  # "kind": a field named like the purge's key
    other = make.make(fields={"name": KEPT})
    client.push([carer, entry, other])
    return client, make, carer, entry, other


def _stored_text(harness: Harness) -> str:
    with harness.store.db.transaction() as tx:
        rows = [r[0] for r in tx.all("SELECT payload FROM mutations")]
        rows += [r[0] for r in tx.all("SELECT state FROM entities")]
    return "\n".join(rows)


def test_a_purge_sets_aside_the_records_and_is_served_in_pull_order(harness: Harness) -> None:
    client, _make, carer, _entry, other = _setup(harness)
    _, _, before = pull_all(client)

    result = write_purge(harness.store, carer["entity_id"], None, "gallring", None,
                         active_after=FAR_FUTURE, by="test")
    assert (result.records, result.mutations_set_aside, result.records_deleted) == (2, 2, 2)
    assert result.server_seq == 4

    stored = _stored_text(harness)
    assert SECRET not in stored and NOTE not in stored
    assert KEPT in stored

    changes, cursor, integrity = pull_all(client)
    assert [c["server_seq"] for c in changes] == [1, 2, 3, 4]
    assert changes[0]["set_aside"] == "purged" and changes[0]["fields"] == {}
    assert changes[1]["set_aside"] == "purged" and changes[1]["fields"] == {}
    assert changes[2]["fields"] == {"name": KEPT}
    assert changes[3] == {
        "kind": "purge", "purge_id": result.purge_id, "server_seq": 4,
        "scope": carer["entity_id"], "entities": None, "reason": "gallring", "audience": None,
    }
    # the purge counts in its scope's figures like a mutation: 4 terms now, not 3
    assert before["count"] == 3 and integrity["count"] == 4
    assert integrity["checksum"] == combine([
        (s["count"], s["checksum"]) for s in client.integrity(cursor)["scopes"].values()
    ])[1]
    assert client.state(carer["entity_id"])["entities"] == []
    assert [e["fields"]["name"] for e in client.state(other["entity_id"])["entities"]] == [KEPT]
    # a pull from the purge's own cursor on gets nothing more
    assert client.pull(4)["changes"] == []


def test_a_purge_of_listed_records_leaves_the_rest_of_the_scope(harness: Harness) -> None:
    client, _make, carer, entry, _other = _setup(harness)
    result = write_purge(harness.store, carer["entity_id"], [("entry", entry["entity_id"])],
                         "consent_withdrawn", {"unit_ids": [carer["unit_ids"][0]]})
    assert (result.records, result.records_deleted) == (1, 1)
    stored = _stored_text(harness)
    assert NOTE not in stored and SECRET in stored
    purge = pull_all(client)[0][-1]
    assert purge["entities"] == [["entry", entry["entity_id"]]]
    assert purge["audience"] == {"unit_ids": [carer["unit_ids"][0]]}


def test_gallring_refuses_records_with_activity_inside_the_retention_period(harness: Harness) -> None:
    client, _make, carer, _entry, _other = _setup(harness)
    before = _stored_text(harness)
    with pytest.raises(PurgeRefused) as refused:
        write_purge(harness.store, carer["entity_id"], None, "gallring", None, active_after=FAR_PAST)
    assert refused.value.status == 409 and refused.value.params == {"count": 2}
    message = json.dumps(refused.value.body("sv"), ensure_ascii=False)
    assert "2 poster" in message
    assert carer["entity_id"] not in message and SECRET not in message
    assert _stored_text(harness) == before  # nothing changed
    assert [c.get("kind") for c in pull_all(client)[0]] == [None, None, None]


@pytest.mark.parametrize(
    ("kwargs", "what"),
    [
        ({"reason": "tired"}, "reason"),
        ({"reason": "gallring"}, "active_after"),
        ({"reason": "sharing_ended", "audience": {"units": ["x"]}}, "audience"),
        ({"reason": "sharing_ended", "entities": []}, "entities"),
        ({"reason": "sharing_ended", "scope": "no-such-scope"}, "scope"),
    ],
)
def test_a_bad_purge_is_refused_saying_what(harness: Harness, kwargs: dict, what: str) -> None:
    _client, _make, carer, _entry, _other = _setup(harness)
    args = {"scope": carer["entity_id"], "entities": None, "audience": None, **kwargs}
    with pytest.raises(PurgeError, match=what):
        write_purge(harness.store, args["scope"], args["entities"], args["reason"], args["audience"])
    assert SECRET in _stored_text(harness)


def test_a_protocol_2_laptop_gets_426_update_required_once_a_purge_reaches_it(harness: Harness) -> None:
    client, _make, carer, _entry, _other = _setup(harness)
    old = harness.client(protocol_version=2)
    old.login("anna", PASSWORD, device_id="dev-old-laptop", device_name="Gammal")
    changes, cursor, _ = pull_all(old)
    assert len(changes) == 3
    write_purge(harness.store, carer["entity_id"], None, "sharing_ended", None)
    with pytest.raises(ProtocolVersionError) as raised:
        old.pull(cursor)
    assert raised.value.status == 426 and raised.value.code == "update_required"
    with pytest.raises(ProtocolVersionError):
        old.pull(0)
    # a protocol-3 laptop goes on
    assert pull_all(client, cursor)[0][-1]["kind"] == "purge"


def test_a_push_of_a_purged_record_is_acknowledged_and_never_merged(harness: Harness) -> None:
    client, make, carer, _entry, _other = _setup(harness)
    write_purge(harness.store, carer["entity_id"], None, "sharing_ended", None)
    late = make.make(entity="carer", entity_id=carer["entity_id"], fields={"name": SECRET + " igen"})
    answer = client.push([late])
    assert answer["acked"] == [late["mutation_id"]]
    assert SECRET not in _stored_text(harness)
    assert client.state(carer["entity_id"])["entities"] == []
    # sent again (its answer lost): a duplicate, acknowledged
    assert client.push([late])["acked"] == [late["mutation_id"]]
    changes = pull_all(client)[0]
    assert changes[-1]["mutation_id"] == late["mutation_id"] and changes[-1]["set_aside"] == "purged"


def test_a_held_record_leaves_the_laptops_and_stays_on_the_server_until_released(harness: Harness) -> None:
    client, _make, carer, _entry, _other = _setup(harness)
    result = write_purge(harness.store, carer["entity_id"], None, "gallring", None,
                         active_after=FAR_FUTURE, hold=True)
    assert result.held and result.mutations_set_aside == 0
    assert pull_all(client)[0][-1]["kind"] == "purge"
    assert SECRET in _stored_text(harness)
    with harness.store.db.transaction(write=True) as tx:
        tx.lock_log()
        assert release_hold(tx, carer["entity_id"], by="test") == (2, 2, 5)  # 1 carer field + 4 entry fields
    assert SECRET not in _stored_text(harness) and NOTE not in _stored_text(harness)
