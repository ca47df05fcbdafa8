"""Laptops and a real in-process server: writes travel, conflicts are kept alike,
deletes meet edits, conflicts get resolved, status and progress are reported."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

from anhorigdesk.replication.merge import FLAG_CONFLICT, FLAG_EDIT_AFTER_DELETE
from anhorigdesk.store import Actor
from anhorigdesk.sync import attention
from anhorigdesk.sync.engine import SyncStatus
from anhorigdesk.sync.messages import describe

from .conftest import World


def test_write_on_a_is_seen_on_b_with_audit_and_search(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Greta Provsson", notes="Vill ha samtal på tisdagar")
    entry_id = a.repo.add_entry(
        a.actor, carer_id, "samtal", {"sammanfattning": "Orkar mindre på kvällarna"}
    )
    report = a.sync()
    assert report.pushed == 2 and a.repo.pending_count() == 0
    report = b.sync()
    assert report.applied == 2 and report.integrity_ok
    carer = b.record("carer", carer_id)
    assert (carer["name"], carer["notes"]) == ("Greta Provsson", "Vill ha samtal på tisdagar")
    assert [e["id"] for e in b.repo.timeline(b.actor, carer_id)] == [entry_id]
    assert [r["id"] for r in b.repo.search(b.actor, "kvallarna")] == [carer_id]
    assert [r["id"] for r in b.repo.search(b.actor, "provsson")] == [carer_id]
    applied = [r for r in b.repo.audit_log() if r["action"] == "sync_apply"]
    assert {r["entity_id"] for r in applied} == {carer_id, entry_id}
    assert all(r["actor_id"] == a.actor.staff_id for r in applied)
    assert b.repo.pending_count() == 0  # applying remote changes writes no outbox rows
    again = a.sync()  # A got its own changes back in its first sync; nothing new now
    assert (again.pushed, again.pulled, again.records) == (0, 0, 0)
    assert a.views() == b.views()


def test_concurrent_free_text_edits_are_kept_as_the_same_conflict_everywhere(world: World) -> None:
    a, b, c = world.laptop("a"), world.laptop("b"), world.laptop("c")
    carer_id = world.new_carer(a, notes="Första anteckningen")
    a.sync(), b.sync()
    a.repo.update_carer(a.actor, carer_id, notes="A: behöver avlösning", phone="070-000 00 01")
    b.repo.update_carer(b.actor, carer_id, notes="B: vill prata om sömn", phone="070-000 00 02")
    for laptop in (a, b, c, a):
        laptop.sync()
    rows = [laptop.record("carer", carer_id) for laptop in (a, b, c)]
    for row in rows:
        assert sorted(v["value"] for v in row["conflicts"]["notes"]) == [
            "A: behöver avlösning",
            "B: vill prata om sömn",
        ]
        assert "phone" not in row["conflicts"]  # short text: the last writer wins, no conflict
    assert rows[0]["notes"] == rows[1]["notes"] == rows[2]["notes"]
    assert rows[0]["phone"] == rows[1]["phone"] == rows[2]["phone"]
    assert a.views() == b.views() == c.views()
    assert a.views()[("carer", carer_id)]["flags"] == [FLAG_CONFLICT]
    assert a.engine.status().conflicts == 1

    # B settles it with a merged text; after syncing the conflict is gone everywhere
    assert set(b.conflicts(carer_id)) == {"notes"}
    attention.resolve_field(b.repo, b.actor, "carer", carer_id, "notes",
                            "Behöver avlösning; vill prata om sömn")
    assert b.conflicts(carer_id) == {}
    for laptop in (b, a, c):
        laptop.sync()
    for laptop in (a, b, c):
        row = laptop.record("carer", carer_id)
        assert row["conflicts"] == {} and row["notes"] == "Behöver avlösning; vill prata om sömn"
        assert laptop.engine.status().conflicts == 0
    assert a.views() == b.views() == c.views()


def test_delete_against_a_concurrent_edit_keeps_the_edit_and_flags_it(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, notes="Start")
    other_id = world.new_carer(a, name="Ruth Exempel")
    a.sync(), b.sync()
    a.repo.delete(a.actor, "carer", carer_id)
    b.repo.update_carer(b.actor, carer_id, notes="Ringde i dag, vill fortsätta")
    b.repo.delete(b.actor, "carer", other_id)  # a delete nobody contradicts
    for laptop in (a, b, a):
        laptop.sync()
    for laptop in (a, b):
        row = laptop.record("carer", carer_id)
        assert row["deleted"] is False and row["notes"] == "Ringde i dag, vill fortsätta"
        assert laptop.record("carer", other_id)["deleted"] is True
        flagged = laptop.engine.replica.flagged()
        assert [(f["id"], f["flags"]) for f in flagged] == [(carer_id, [FLAG_EDIT_AFTER_DELETE])]
    assert [r["id"] for r in b.repo.list_carers(b.actor)] == [carer_id]
    assert a.views() == b.views()


def test_colleagues_of_another_user_and_unit_data(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b", user="bodil")
    carer_id = world.new_carer(a)
    cared_for_id, relation_id = a.repo.link_cared_for(
        a.actor, carer_id, name="Olle Exempel", kind="partner"
    )
    a.repo.create(
        a.actor,
        "consent",
        carer_id=carer_id,
        scope="record",
        given_at="2026-03-01",
        given_how="verbal",
        note="Muntligt vid hembesök",
    )
    a.sync(), b.sync()
    carer = b.repo.get_carer(b.actor, carer_id)
    assert [r["cared_for_name"] for r in carer["relations"]] == ["Olle Exempel"]
    assert [c["note"] for c in carer["consents"]] == ["Muntligt vid hembesök"]
    assert b.record("relation", relation_id)["cared_for_id"] == cared_for_id
    assert a.views() == b.views()


def test_a_refused_mutation_is_set_aside_and_does_not_block_the_rest(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    first = world.new_carer(a, name="Före Provsson")
    refused = world.new_carer(
        a, name="Okänd Provsson", unit_ids=["enhet-som-saknas"]
    )  # unknown unit
    after = world.new_carer(a, name="Efter Provsson")
    report = a.sync()
    assert len(report.rejected) == 1 and report.pushed == 2
    status = a.engine.status()
    assert status.rejected == 1 and status.pending == 0
    b.sync()
    assert {b.record("carer", i)["name"] for i in (first, after)} == {
        "Före Provsson",
        "Efter Provsson",
    }
    world.new_carer(a, name="Senare Provsson")
    assert a.sync().pushed == 1  # seqs continue without a hole
    assert a.engine.retry_rejected() == 1
    assert a.engine.sync_once().rejected  # refused again, still kept locally
    assert a.record("carer", refused)["name"] == "Okänd Provsson"


def test_status_progress_and_cancel(world: World) -> None:
    moments = iter([datetime(2026, 3, 2, 10, i, tzinfo=UTC) for i in range(10)])
    a = world.laptop("a", clock=lambda: next(moments), push_batch=3)
    for i in range(7):
        world.new_carer(a, name=f"Person {i} Provsson")
    assert a.engine.status().pending == 7
    seen: list[tuple[int, int]] = []
    a.sync(progress=lambda done, total: seen.append((done, total)))
    assert seen[:3] == [(3, 7), (6, 7), (7, 7)]
    status = a.engine.status()
    assert status.last_success_at == "2026-03-02T10:01:00+00:00" and status.last_error is None
    assert status.pending == 0 and status.cursor == 7 and status.epoch == world.server.store.epoch()
    saved = json.loads(
        a.db.reader().execute("SELECT value FROM sync_state WHERE key = 'status'").fetchone()[0]
    )
    assert SyncStatus(**saved).last_success_at == status.last_success_at

    world.new_carer(a)
    cancel = threading.Event()
    cancel.set()
    report = a.engine.sync_once(cancel=cancel)
    assert report.cancelled and not report.ok and a.engine.status().pending == 1
    a.transport.plan("/v1/hello", "drop", times=3)
    report = a.engine.sync_once()
    assert report.error == "server_unavailable"
    status = a.engine.status()
    assert (
        status.last_error == "server_unavailable"
        and status.last_success_at == "2026-03-02T10:01:00+00:00"
    )


def test_backoff_with_jitter_then_success(world: World) -> None:
    a = world.laptop("a")
    world.new_carer(a)
    a.transport.plan("/v1/push", "drop", times=2)
    report = a.sync()
    assert report.pushed == 1
    assert a.sleeps == [0.375, 0.75]  # 0.5 s doubling, jitter fixed at the middle


def test_protocol_version_mismatch_is_reported(world: World) -> None:
    a = world.laptop("a")
    a.client.protocol_version = 0  # a program older than the server speaks
    report = a.engine.sync_once()
    assert report.error == "protocol_unsupported"  # update the program
    a.client.protocol_version = 9  # a program newer than the server
    report = a.engine.sync_once()
    assert report.error == "protocol_server_old"  # the server must be updated, not the laptop
    assert "server" in describe(report.error, "en").lower()


def test_actor_must_be_the_logged_in_user(world: World) -> None:
    a = world.laptop("a")
    a.repo.create_carer(
        Actor(staff_id="someone-else", unit_id=world.unit), name="X Provsson", unit_ids=[world.unit]
    )
    report = a.engine.sync_once()
    assert report.ok and len(report.rejected) == 1


def test_outcomes_are_told_in_swedish_and_english(world: World) -> None:
    a = world.laptop("a")
    world.new_carer(a)
    a.transport.plan("/v1/hello", "drop", times=3)
    report = a.engine.sync_once()
    assert "Servern går inte att nå" in report.describe("sv")
    assert "cannot be reached" in report.describe("en")
    report = a.sync()
    assert report.describe("sv", pending=0) == "Synkroniserat. 0 ändringar väntar på att skickas."
    from anhorigdesk.sync.messages import describe

    assert "(push_stuck)" in describe("push_stuck", "en")
    assert "Logga in" in describe("token_invalid", "sv")
