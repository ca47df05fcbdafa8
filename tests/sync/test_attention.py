"""Records that need a person after sync (sync/attention.py), against the real in-process
server: a record deleted by a colleague while it was changed is listed with who deleted it,
and keeping it or deleting it after all reaches every laptop; every kind of record that can
hold conflicting texts is listed and can be settled; the others cannot conflict."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anhorigdesk.replication.merge import FLAG_EDIT_AFTER_DELETE
from anhorigdesk.store import Change
from anhorigdesk.store.entities import ENTITIES, LONGTEXT, InvalidRecord
from anhorigdesk.sync import attention

from .conftest import Laptop, World


def _deleted_while_edited(world: World) -> tuple[Laptop, Laptop, str]:
    a, b = world.laptop("a"), world.laptop("b")
    staff_id = a.repo.create(a.actor, "staff", name="Anna Testperson")  # A's own staff record
    a.repo.update(a.actor, "staff", staff_id, unit_id=world.unit)
    carer_id = world.new_carer(a, name="Rut Exempel", notes="Start")
    a.sync(), b.sync()
    a.repo.delete(a.actor, "carer", carer_id)  # A deletes the carer ...
    b.repo.update_carer(b.actor, carer_id, notes="Ringde i dag, vill fortsätta")  # ... B edits it
    for laptop in (a, b, a):
        laptop.sync()
    return a, b, carer_id


def test_a_record_deleted_while_edited_is_listed_with_who_deleted_it(world: World) -> None:
    a, b, carer_id = _deleted_while_edited(world)
    for laptop, here in ((a, False), (b, True)):
        found = attention.issues(laptop.repo, laptop.actor)
        assert [(i.entity, i.entity_id) for i in found] == [("carer", carer_id)]
        issue = found[0]
        assert issue.conflicts == {} and issue.carer_name == "Rut Exempel"
        assert issue.deleted is not None and issue.deleted.edited_here is here
        assert issue.deleted.by_you is (not here)  # A deleted it; B made the change that was kept
        assert issue.deleted.deleted_by == a.actor.staff_id
        assert issue.record["notes"] == "Ringde i dag, vill fortsätta"
        assert attention.issues(laptop.repo, laptop.actor, carer_id=carer_id) == found
        assert attention.issues(laptop.repo, laptop.actor, carer_id="någon-annan") == []
        assert attention.counts(laptop.repo) == (0, 1)
    # reading the record for the list is an access to the carer, and is logged; counting is not
    assert any(r["person_id"] == carer_id and r["action"] == "sync_issue:carer"
               for r in b.repo.access_log())
    logged = len(a.repo.access_log())
    assert attention.counts(a.repo) == (0, 1) and len(a.repo.access_log()) == logged


def test_keeping_it_clears_the_flag_on_every_laptop(world: World) -> None:
    a, b, carer_id = _deleted_while_edited(world)
    assert attention.keep_edited(a.repo, a.actor, "carer", carer_id)  # the one who deleted keeps it
    assert attention.issues(a.repo, a.actor) == []  # at once, before syncing
    assert not attention.keep_edited(a.repo, a.actor, "carer", carer_id)  # nothing left to answer
    a.sync(), b.sync()
    c = world.laptop("c")  # a laptop that syncs everything from the start agrees
    c.sync()
    for laptop in (a, b, c):
        assert attention.issues(laptop.repo, laptop.actor) == []
        assert laptop.engine.replica.flagged() == []
        row = laptop.record("carer", carer_id)
        assert row["deleted"] is False and row["notes"] == "Ringde i dag, vill fortsätta"
        assert laptop.engine.status().flagged == 0
    assert a.views() == b.views() == c.views()
    assert "keep_after_delete" in {r["action"] for r in a.repo.audit_log(entity_id=carer_id)}


def test_deleting_it_after_all_deletes_it_on_every_laptop(world: World) -> None:
    a, b, carer_id = _deleted_while_edited(world)
    attention.delete_after_all(b.repo, b.actor, "carer", carer_id)
    assert attention.issues(b.repo, b.actor) == []
    b.sync(), a.sync()
    for laptop in (a, b):
        assert laptop.record("carer", carer_id)["deleted"] is True
        assert laptop.engine.replica.flagged() == []
        assert carer_id not in [r["id"] for r in laptop.repo.list_carers(laptop.actor)]
    assert a.views() == b.views()


def test_a_later_concurrent_edit_flags_it_again_rather_than_losing_it(world: World) -> None:
    a, b, carer_id = _deleted_while_edited(world)
    attention.delete_after_all(b.repo, b.actor, "carer", carer_id)
    a.repo.update_carer(a.actor, carer_id, phone="070-000 00 09")  # A, not yet synced, edits again
    for laptop in (b, a, b):
        laptop.sync()
    for laptop in (a, b):
        assert [(f["id"], f["flags"]) for f in laptop.engine.replica.flagged()] == [
            (carer_id, [FLAG_EDIT_AFTER_DELETE])]
        assert laptop.record("carer", carer_id)["phone"] == "070-000 00 09"


def _conflicting_texts(world: World) -> tuple[Laptop, Laptop, dict[str, tuple[str, str]]]:
    """Concurrent edits of every free-text field a record can have: carer notes, consent
    note, follow-up resolution."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Sigrid Exempel", notes="Start")
    consent_id = a.repo.create(a.actor, "consent", carer_id=carer_id, scope="record",
                               given_at="2026-01-10", given_how="verbal", note="Muntligt")
    entry_id = a.repo.add_entry(a.actor, carer_id, "frivillighet", {"note": "Trött"})
    task_id = a.repo.create(a.actor, "follow_up_task", carer_id=carer_id, entry_id=entry_id,
                            form_id="frivillighet", flag_id="orkar_inte", raised_at=datetime.now(UTC),
                            due_on="2026-12-01", plan_review=False)
    a.sync(), b.sync()
    for laptop, who in ((a, "A"), (b, "B")):
        laptop.repo.update_carer(laptop.actor, carer_id, notes=f"{who}: anteckning")
        laptop.repo.update(laptop.actor, "consent", consent_id, note=f"{who}: samtycke")
        laptop.repo.update(laptop.actor, "follow_up_task", task_id, resolution_text=f"{who}: ringde",
                           resolved_by=laptop.actor.staff_id, resolved_at=datetime.now(UTC))
    for laptop in (a, b, a):
        laptop.sync()
    fields = {"carer": (carer_id, "notes"), "consent": (consent_id, "note"),
              "follow_up_task": (task_id, "resolution_text")}
    return a, b, fields


def test_conflicts_on_every_kind_of_record_are_listed_and_settled_everywhere(world: World) -> None:
    a, b, fields = _conflicting_texts(world)
    expected = sorted((entity, record_id) for entity, (record_id, _f) in fields.items())
    for laptop in (a, b):
        found = attention.issues(laptop.repo, laptop.actor)
        assert sorted((i.entity, i.entity_id) for i in found) == expected
        assert all(i.carer_name == "Sigrid Exempel" and i.deleted is None for i in found)
        for issue in found:
            field_name = fields[issue.entity][1]
            assert list(issue.conflicts) == [field_name]
            assert sorted(v["value"] for v in issue.conflicts[field_name])[0].startswith("A:")
        assert attention.counts(laptop.repo) == (3, 0)
    for entity, (record_id, field_name) in fields.items():
        attention.resolve_field(b.repo, b.actor, entity, record_id, field_name, f"Sammanfogat {entity}")
    assert attention.issues(b.repo, b.actor) == []
    b.sync(), a.sync()
    for laptop in (a, b):
        assert attention.issues(laptop.repo, laptop.actor) == []
        assert laptop.engine.status().conflicts == 0
        for entity, (record_id, field_name) in fields.items():
            assert laptop.record(entity, record_id)[field_name] == f"Sammanfogat {entity}"
    assert a.views() == b.views()


def test_an_edit_in_the_editor_after_the_conflict_also_settles_it(world: World) -> None:
    a, b, fields = _conflicting_texts(world)
    consent_id = fields["consent"][0]
    b.repo.update(b.actor, "consent", consent_id, note="Skrivet om i redigeraren")
    assert "consent" not in {i.entity for i in attention.issues(b.repo, b.actor)}  # before syncing
    b.sync(), a.sync()
    assert "consent" not in {i.entity for i in attention.issues(a.repo, a.actor)}


def test_only_free_text_of_changeable_records_can_conflict(world: World) -> None:
    """What can hold conflicting versions is exactly the LONGTEXT fields of records that
    can be changed; every one of them is exercised above. Append-only records refuse a
    change, so two versions of one cannot exist; other fields take the last writer's value."""
    conflicting = sorted((spec.name, name) for spec in ENTITIES.values() if not spec.append_only
                         for name, kind in spec.fields.items() if kind == LONGTEXT)
    assert conflicting == [("carer", "notes"), ("consent", "note"), ("follow_up_task", "resolution_text")]
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Ivar Exempel")
    entry_id = a.repo.add_entry(a.actor, carer_id, "samtal", {"note": "Första"})
    cared_for_id, relation_id = a.repo.link_cared_for(a.actor, carer_id, name="Mor Exempel", kind="parent")
    a.sync(), b.sync()
    with pytest.raises(InvalidRecord):
        a.repo.update(a.actor, "entry", entry_id, kind="samtal")
    # concurrent edits of short texts, numbers, references, dates, and one record created on
    # both (a carer's check-in interval has the carer's id): converge without a conflict
    for laptop, n in ((a, 1), (b, 2)):
        laptop.repo.update(laptop.actor, "cared_for", cared_for_id, name=f"Mor {n}", birth_year=1930 + n)
        laptop.repo.update(laptop.actor, "relation", relation_id, kind="child", started_at=f"2020-01-0{n}")
        laptop.repo.update_carer(laptop.actor, carer_id, phone=f"070-{n}", hours_per_week=float(n))
        laptop.repo.write(laptop.actor, [Change("carer_schedule", {"carer_id": carer_id,
                                                                    "interval_months": n}, carer_id)])
    for laptop in (a, b, a):
        laptop.sync()
    for laptop in (a, b):
        assert attention.issues(laptop.repo, laptop.actor) == []
        assert laptop.engine.status().conflicts == 0
    assert a.views() == b.views()
