"""Only carers of one's units, or carers one is support contact for; denials logged."""

from __future__ import annotations

import pytest

from anhorigdesk.sync.protocol import Forbidden, RequestRejected

from .conftest import Harness, MutationFactory, pull_all


@pytest.fixture
def world(harness: Harness):
    north = harness.unit("Korttiden Norr")
    south = harness.unit("Korttiden Söder")
    anna = harness.logged_in(harness.user("anna", [north]))
    bo = harness.logged_in(harness.user("bo", [south]))
    cecilia_account = harness.user("cecilia", [south], role="support_consultant")
    cecilia = harness.logged_in(cecilia_account)
    return north, south, anna, bo, cecilia, cecilia_account


def _denied(harness: Harness) -> list[dict]:
    return [row for row in harness.store.access_log() if row["outcome"] == "denied"]


def test_other_unit_sees_nothing_and_cannot_write(harness: Harness, world) -> None:
    _north, _south, anna, bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    carer = make_a.make(fields={"name": "Hedda Prov"})
    anna.push([carer])
    assert pull_all(bo)[0] == []
    make_b = MutationFactory(harness, bo)
    sneaky = make_b.make(
        entity="entry",
        carer_id=carer["entity_id"],
        unit_ids=[make_b.unit_id],
        fields={"kind": "hej"},
    )
    with pytest.raises(Forbidden) as info:
        bo.push([sneaky])
    assert info.value.status == 403 and info.value.code == "forbidden_scope"
    assert "no access to this carer" in info.value.message
    (denied,) = _denied(harness)
    assert denied["username"] == "bo" and denied["carer_id"] == carer["entity_id"]
    assert denied["action"] == "push"
    # the refused batch left nothing behind, and bo can still push in his own unit
    assert len(pull_all(anna)[0]) == 1
    bo.push([{**make_b.make(), "seq": 1}])


def test_state_of_foreign_carer_is_403_and_logged(harness: Harness, world) -> None:
    _north, _south, anna, bo, _c, _ca = world
    carer = MutationFactory(harness, anna).make()
    anna.push([carer])
    with pytest.raises(Forbidden):
        bo.state(carer["entity_id"])
    assert _denied(harness)[-1]["action"] == "state"


def test_cannot_create_carer_in_a_foreign_unit(harness: Harness, world) -> None:
    north, _south, _anna, bo, _c, _ca = world
    make_b = MutationFactory(harness, bo)
    with pytest.raises(Forbidden):
        bo.push([make_b.make(unit_ids=[north])])


def test_support_contact_sees_carer_of_another_unit(harness: Harness, world) -> None:
    _north, _south, anna, bo, cecilia, cecilia_account = world
    make_a = MutationFactory(harness, anna)
    carer = make_a.make(
        fields={"name": "Ingrid Prov", "support_contact_id": cecilia_account.user_id}
    )
    note = make_a.make(
        entity="entry", carer_id=carer["entity_id"], fields={"kind": "samtal"}
    )
    anna.push([carer, note])
    seen = [c["mutation_id"] for c in pull_all(cecilia)[0]]
    assert seen == [carer["mutation_id"], note["mutation_id"]]
    (logged,) = [
        r for r in harness.store.access_log(carer["entity_id"]) if r["username"] == "cecilia"
    ]
    assert logged["unit_id"] is None and logged["detail"] == "2 changes as support contact"
    assert pull_all(bo)[0] == []
    make_c = MutationFactory(harness, cecilia)
    cecilia.push(
        [
            make_c.make(
                entity="entry",
                carer_id=carer["entity_id"],
                unit_ids=carer["unit_ids"],
                fields={"kind": "uppföljning"},
            )
        ]
    )
    assert len(pull_all(anna)[0]) == 3
    # the contact is reassigned: cecilia loses access from then on
    anna.push(
        [
            make_a.make(
                entity_id=carer["entity_id"],
                fields={"support_contact_id": None},
                base={"support_contact_id": carer["hlc"]},
            )
        ]
    )
    assert pull_all(cecilia)[0] == []


def test_client_and_actor_must_match_the_session(harness: Harness, world) -> None:
    _north, _south, anna, bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    m = make_a.make()
    with pytest.raises(Forbidden) as info:
        bo.push([m])
    assert info.value.code == "forbidden_client"
    forged = {**make_a.make(), "actor": {"staff_id": "someone-else", "unit_id": None}}
    forged["seq"] = 1
    with pytest.raises(Forbidden) as info:
        anna.push([forged])
    assert info.value.code == "forbidden_actor"
    assert len(_denied(harness)) == 2


def test_unknown_unit_and_scopeless_mutations_are_rejected(harness: Harness, world) -> None:
    _north, _south, anna, _bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    with pytest.raises(RequestRejected) as info:
        anna.push([make_a.make(unit_ids=[make_a.unit_id, "atlantis"])])
    assert info.value.code == "unknown_unit"
    make_a.seq = 0
    with pytest.raises(RequestRejected) as info:
        anna.push([make_a.make(entity="cared_for", carer_id=None, unit_ids=[])])
    assert info.value.status == 422


def test_unit_level_data_without_carer_is_scoped_by_unit(harness: Harness, world) -> None:
    north, _south, anna, bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    checklist = make_a.make(
        entity="cared_for",
        carer_id=None,
        unit_ids=[north],
        fields={"name": "Här på korttiden"},
    )
    anna.push([checklist])
    colleague = harness.logged_in(harness.user("dan", [north]))
    assert [c["mutation_id"] for c in pull_all(colleague)[0]] == [checklist["mutation_id"]]
    assert pull_all(bo)[0] == []


def test_every_pull_and_push_of_a_persons_data_is_logged(harness: Harness, world) -> None:
    north, _south, anna, _bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    carer = make_a.make()
    anna.push([carer])
    colleague = harness.logged_in(harness.user("dan", [north]))
    pull_all(colleague)
    pull_all(colleague, cursor=1)  # nothing new: no person's data, no row
    rows = harness.store.access_log(carer["entity_id"])
    assert [(r["username"], r["action"], r["unit_id"], r["outcome"]) for r in rows] == [
        ("anna", "push", north, "ok"),
        ("dan", "pull", north, "ok"),
    ]
    assert all(r["at"].endswith("Z") for r in rows)


def test_moving_a_user_to_another_unit_changes_access_at_once(harness: Harness, world) -> None:
    north, south, anna, bo, _c, _ca = world
    make_a = MutationFactory(harness, anna)
    carer = make_a.make()
    anna.push([carer])
    assert pull_all(bo)[0] == []
    harness.store.set_user_units("bo", [south, north])
    assert [c["mutation_id"] for c in pull_all(bo)[0]] == [carer["mutation_id"]]
    harness.store.set_user_units("anna", [south])
    assert pull_all(anna)[0] == []
    with pytest.raises(Forbidden):
        anna.push([make_a.make(entity_id=carer["entity_id"], unit_ids=[north])])


def test_unit_manager_reviews_the_access_log_of_the_unit(harness: Harness, world) -> None:
    north, _south, anna, bo, _c, _ca = world
    carer = MutationFactory(harness, anna).make()
    anna.push([carer])
    colleague = harness.logged_in(harness.user("dan", [north]))
    pull_all(colleague)
    bo.push([MutationFactory(harness, bo).make()])  # another unit: not in north's review
    manager = harness.logged_in(harness.user("maja", [north], role="unit_manager"))
    page = manager.access_log(limit=1)
    assert page["has_more"] and len(page["entries"]) == 1
    rest = manager.access_log(after=page["next_after"])
    rows = page["entries"] + rest["entries"]
    assert [(r["username"], r["action"]) for r in rows] == [("anna", "push"), ("dan", "pull")]
    assert all(r["carer_id"] == carer["entity_id"] for r in rows)
    with pytest.raises(Forbidden) as info:
        anna.access_log()
    assert info.value.code == "forbidden_log_review"
    reviews = [r for r in harness.store.access_log() if r["action"] == "log_review"]
    assert [(r["username"], r["outcome"]) for r in reviews] == [
        ("maja", "ok"),
        ("maja", "ok"),
        ("anna", "denied"),
    ]
