"""Push and pull over the protocol, in process: exactly-once, paging, integrity, epochs."""

from __future__ import annotations

import pytest

from anhorigdesk.replication.integrity import combine, scope_checksum
from anhorigdesk.sync.protocol import EpochChanged, ProtocolVersionError, RequestRejected, SeqGap

from .conftest import Harness, MutationFactory, pull_all


@pytest.fixture
def team(harness: Harness):
    unit = harness.unit("Korttiden Söder")
    anna = harness.logged_in(harness.user("anna", [unit]))
    bo = harness.logged_in(harness.user("bo", [unit]))
    return unit, anna, bo


def test_hello_reports_range_epoch_and_time(harness: Harness) -> None:
    hello = harness.client().hello()
    assert hello["protocol_min"] <= 1 <= hello["protocol_max"]
    assert hello["epoch"] == harness.store.epoch()
    assert hello["server_time"].endswith("Z")


@pytest.mark.parametrize("version", ["0", "4", "abc"])
def test_unsupported_protocol_version_gets_426(harness: Harness, version: str) -> None:
    raw = harness.raw()
    response = raw.get("/v1/hello", headers={"X-AnhorigDesk-Protocol": version})
    assert response.status_code == 426
    assert response.json()["error"]["code"] == "protocol_unsupported"
    response = raw.post("/v1/auth/login", json={}, headers={"X-AnhorigDesk-Protocol": version})
    assert response.status_code == 426
    raw.close()


def test_missing_protocol_header_gets_426_with_message(harness: Harness) -> None:
    raw = harness.raw()
    response = raw.get("/v1/pull", headers={"Accept-Language": "sv"})
    assert response.status_code == 426
    assert "X-AnhorigDesk-Protocol" in response.json()["error"]["message"]
    raw.close()


def test_client_raises_protocol_version_error(harness: Harness) -> None:
    client = harness.client(protocol_version=7)
    with pytest.raises(ProtocolVersionError, match="7"):
        client.hello()


def test_push_then_colleague_pulls_the_same_changes(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    carer = make.make(fields={"name": "Greta Prov", "support_contact_id": None})
    note = make.make(entity="entry", carer_id=carer["entity_id"], fields={"kind": "Hej"})
    result = anna.push([carer, note])
    assert result["acked"] == [carer["mutation_id"], note["mutation_id"]]
    assert result["acked_through_seq"] == 2
    changes, cursor, integrity = pull_all(bo)
    assert [c["mutation_id"] for c in changes] == [carer["mutation_id"], note["mutation_id"]]
    assert [c["server_seq"] for c in changes] == [1, 2]
    assert cursor == 2
    for change in changes:
        stored = {k: v for k, v in change.items() if k != "server_seq"}
        assert stored == (carer if stored["mutation_id"] == carer["mutation_id"] else note)
    checksum = scope_checksum([carer["mutation_id"], note["mutation_id"]])
    assert integrity == {"through": 2, "count": 2, "checksum": checksum}
    detail = bo.integrity(cursor)
    assert detail["scopes"] == {carer["entity_id"]: {"count": 2, "checksum": checksum}}
    assert detail["through"] == 2 and detail["epoch"] == harness.store.epoch()


def test_resent_batch_is_acknowledged_again_and_not_applied_twice(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    batch = [make.make() for _ in range(3)]
    first = anna.push(batch)
    again = anna.push(batch)  # the ack got lost: the client sends the same rows again
    assert again["acked"] == first["acked"]
    assert again["applied"] == 0 and first["applied"] == 3
    assert again["acked_through_seq"] == 3
    changes, _cursor, _ = pull_all(bo)
    assert len(changes) == 3


def test_duplicates_inside_one_batch_and_reordered_batch(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    a, b, c = (make.make() for _ in range(3))
    result = anna.push([c, a, b, a])
    assert result["applied"] == 3
    assert result["acked_through_seq"] == 3
    assert sorted(result["acked"]) == sorted(
        [a["mutation_id"], b["mutation_id"], c["mutation_id"], a["mutation_id"]]
    )
    changes, _cursor, _ = pull_all(bo)
    assert [ch["seq"] for ch in changes] == [1, 2, 3]


def test_seq_gap_is_refused_with_the_expected_seq(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    first, second, third = (make.make() for _ in range(3))
    anna.push([first])
    with pytest.raises(SeqGap) as info:
        anna.push([third])
    assert info.value.expected_seq == 2
    assert "expected seq 2" in info.value.message
    anna.push([second, third])
    assert len(pull_all(bo)[0]) == 3


def test_reused_mutation_id_with_other_content_is_refused(harness: Harness, team) -> None:
    _unit, anna, _bo = team
    make = MutationFactory(harness, anna)
    m = make.make()
    anna.push([m])
    changed = {**m, "fields": {"name": "Annan"}}
    with pytest.raises(RequestRejected) as info:
        anna.push([changed])
    assert info.value.code == "mutation_reused"


def test_pull_pages_and_skips_nothing(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    batch = [make.make() for _ in range(23)]
    anna.push(batch)
    page = bo.pull(0, limit=10)
    assert len(page["changes"]) == 10 and page["has_more"] and page["integrity"] is None
    changes, cursor, integrity = pull_all(bo, limit=10)
    assert [c["mutation_id"] for c in changes] == [m["mutation_id"] for m in batch]
    assert cursor == 23
    assert integrity["count"] == 23
    noop = bo.pull(cursor)
    assert noop["changes"] == [] and not noop["has_more"] and noop["next_cursor"] == 23


def test_pull_cursor_skips_invisible_changes(harness: Harness, team) -> None:
    _unit, _anna, bo = team
    other_unit = harness.unit("Hemtjänst Öst")
    cilla = harness.logged_in(harness.user("cilla", [other_unit]))
    MutationFactory(harness, cilla)
    cilla.push([MutationFactory(harness, cilla).make()])
    page = bo.pull(0)
    assert page["changes"] == [] and page["next_cursor"] == 1
    assert page["integrity"] == {"through": 1, "count": 0, "checksum": "0" * 32}
    assert bo.integrity(1)["scopes"] == {}


def test_integrity_detail_counts_up_to_the_cursor_asked_for(harness: Harness, team) -> None:
    """The per-scope figures are those up to ``through`` (the replica's cursor), also when
    more was pushed since; their combination is the digest the pull gave at that cursor."""
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    carers = [make.make() for _ in range(3)]
    anna.push(carers)
    note = make.make(entity="entry", carer_id=carers[0]["entity_id"], fields={"kind": "Hej"})
    anna.push([note])
    _changes, cursor, digest = pull_all(bo)
    anna.push([make.make(entity="entry", carer_id=carers[1]["entity_id"], fields={"kind": "Hej"})])
    anna.push([make.make()])
    detail = bo.integrity(cursor)
    assert detail["through"] == cursor == 4
    assert detail["scopes"] == {
        carers[0]["entity_id"]: {
            "count": 2,
            "checksum": scope_checksum([carers[0]["mutation_id"], note["mutation_id"]]),
        },
        carers[1]["entity_id"]: {"count": 1, "checksum": scope_checksum([carers[1]["mutation_id"]])},
        carers[2]["entity_id"]: {"count": 1, "checksum": scope_checksum([carers[2]["mutation_id"]])},
    }
    assert combine((s["count"], s["checksum"]) for s in detail["scopes"].values()) == (
        digest["count"],
        digest["checksum"],
    )
    assert len(bo.integrity(6)["scopes"]) == 4
    with pytest.raises(EpochChanged) as info:
        bo.integrity(7)
    assert info.value.reason == "cursor_ahead"
    with pytest.raises(EpochChanged) as info:
        bo.integrity(4, epoch="an-old-epoch")
    assert info.value.reason == "epoch_changed"


def test_protocol_1_client_still_gets_per_scope_integrity(harness: Harness, team) -> None:
    """An older laptop (protocol 1) keeps working: its last page lists every scope."""
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    carer = make.make()
    anna.push([carer])
    old = harness.client(protocol_version=1)
    assert old.hello()["protocol_min"] == 1
    old.token_store.save(bo.token_store.load())
    page = old.pull(0)
    assert [c["mutation_id"] for c in page["changes"]] == [carer["mutation_id"]]
    assert page["integrity"] == {
        "through": 1,
        "scopes": {
            carer["entity_id"]: {"count": 1, "checksum": scope_checksum([carer["mutation_id"]])}
        },
    }
    assert bo.pull(1)["integrity"] == {
        "through": 1,
        "count": 1,
        "checksum": scope_checksum([carer["mutation_id"]]),
    }


def test_epoch_change_is_reported_and_client_can_start_over(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    anna.push([make.make()])
    old_epoch = anna.hello()["epoch"]
    page = bo.pull(0, epoch=old_epoch)
    new_epoch = harness.store.restore_marker()
    with pytest.raises(EpochChanged) as info:
        bo.pull(page["next_cursor"], epoch=old_epoch)
    assert info.value.reason == "epoch_changed" and info.value.epoch == new_epoch
    with pytest.raises(EpochChanged):
        anna.push([make.make()], epoch=old_epoch)
    assert len(bo.pull(0, epoch=new_epoch)["changes"]) == 1


def test_cursor_ahead_of_server_is_reported(harness: Harness, team) -> None:
    _unit, _anna, bo = team
    with pytest.raises(EpochChanged) as info:
        bo.pull(5)
    assert info.value.reason == "cursor_ahead"
    assert info.value.status == 409


def test_restore_from_backup_loses_nothing(harness: Harness, team, tmp_path) -> None:
    """A real restore of an older SQLite backup: the client is told the epoch changed,
    re-sends what the server lacks from the seq the server expects, and pulls from 0."""
    db = harness.store.db
    if db.dialect.is_pg:
        pytest.skip("file-level backup and restore is exercised on SQLite")
    import shutil
    import sqlite3

    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    outbox = [make.make() for _ in range(4)]
    epoch = anna.hello()["epoch"]
    anna.push(outbox[:2], epoch=epoch)
    backup = tmp_path / "backup.db"
    src, dst = sqlite3.connect(db.sqlite_path), sqlite3.connect(backup)
    src.backup(dst)
    src.close()
    dst.close()
    anna.push(outbox[2:], epoch=epoch)
    assert len(pull_all(bo)[0]) == 4
    db.close()
    shutil.copy(backup, db.sqlite_path)
    for suffix in ("-wal", "-shm"):
        (db.sqlite_path.parent / (db.sqlite_path.name + suffix)).unlink(missing_ok=True)
    db._closed = False
    new_epoch = harness.store.restore_marker()
    with pytest.raises(EpochChanged):
        bo.pull(4, epoch=epoch)
    with pytest.raises(EpochChanged):
        anna.push(outbox, epoch=epoch)
    with pytest.raises(SeqGap) as info:
        anna.push(outbox[3:], epoch=new_epoch)
    assert info.value.expected_seq == 3
    anna.push(outbox[info.value.expected_seq - 1 :], epoch=new_epoch)
    changes, _cursor, _ = pull_all(bo)
    assert [c["mutation_id"] for c in changes] == [m["mutation_id"] for m in outbox]


def test_state_endpoint_returns_merged_entities(harness: Harness, team) -> None:
    _unit, anna, bo = team
    make = MutationFactory(harness, anna)
    carer = make.make(fields={"name": "Greta Prov", "notes": "första"})
    anna.push([carer])
    edit_b = MutationFactory(harness, bo)
    e1 = edit_b.make(entity_id=carer["entity_id"], fields={"notes": "bos version"}, base={})
    e2 = make.make(entity_id=carer["entity_id"], fields={"notes": "annas version"}, base={})
    bo.push([e1])
    anna.push([e2])
    state = anna.state(carer["entity_id"])
    (entity,) = state["entities"]
    assert entity["flags"] == ["conflict"]
    assert {v["value"] for v in entity["conflicts"]["notes"]} == {
        "första",
        "bos version",
        "annas version",
    }
