"""The domain API: audit, outbox and access log, versions, search, drafts."""

from __future__ import annotations

import json

import pytest
from tests.store.outbox import outbox

from anhorigdesk.store import Change, InvalidRecord, NotFound
from anhorigdesk.sync.replica import Replica


def counts(repo):
    conn = repo.db.reader()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("carers", "audit_log", "outbox", "access_log", "entries")}


def test_every_write_has_audit_and_outbox_rows(repo, actor):
    carer_id = repo.create_carer(actor, name="Märta Påhittberg", unit_ids=["unit-1"])
    repo.add_entry(actor, carer_id, "samtal", {"text": "Samtal om avlösning"})
    c = counts(repo)
    assert c["audit_log"] == 2 and c["outbox"] == 2
    mutations = outbox(repo)
    assert [m["entity"] for m in mutations] == ["carer", "entry"]
    first = mutations[0]
    assert first["op"] == "upsert" and first["fields"]["name"] == "Märta Påhittberg"
    assert first["carer_id"] == carer_id and first["unit_ids"] == ["unit-1"]
    assert first["client_id"] == repo.db.client_id and first["hlc"] < mutations[1]["hlc"]
    assert mutations[1]["carer_id"] == carer_id


def test_failed_write_leaves_no_row_at_all(repo, actor):
    before = counts(repo)
    with pytest.raises(InvalidRecord) as info:
        repo.write(actor, [Change("carer", {"name": "Ok Exempelsson"}),
                           Change("carer", {"name": "X", "preferred_language": "klingon"})])
    assert "preferred_language" in str(info.value)
    assert counts(repo) == before


def test_failure_inside_the_transaction_rolls_back_everything(repo, actor):
    carer_id = repo.create_carer(actor, name="Eva Exempelsson")
    before = counts(repo)
    # the second change is valid as data but the entry id already exists as an append-only row
    entry_id = repo.add_entry(actor, carer_id, "samtal", {"text": "a"})
    before = counts(repo)
    with pytest.raises(InvalidRecord):
        repo.write(actor, [Change("carer", {"notes": "ändrad"}, carer_id),
                           Change("entry", {"carer_id": carer_id, "kind": "samtal",
                                            "occurred_at": "2026-01-01T10:00:00+00:00"}, entry_id)])
    assert counts(repo) == before
    assert repo.get_carer(actor, carer_id)["notes"] is None


def test_reads_of_a_person_are_logged(repo, actor):
    carer_id = repo.create_carer(actor, name="Lars Demoström")
    repo.get_carer(actor, carer_id)
    repo.timeline(actor, carer_id)
    repo.history(actor, "carer", carer_id)
    log = repo.access_log(person_id=carer_id)
    assert {r["action"] for r in log} == {"read:carer", "read:timeline", "read:history:carer"}
    assert all(r["user_id"] == "staff-1" and r["unit_id"] == "unit-1" for r in log)


def test_access_and_audit_logs_are_append_only(repo, actor):
    import sqlite3

    repo.get_carer(actor, repo.create_carer(actor, name="Per Provsson"))
    for table in ("access_log", "audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            repo.db.writer.run(lambda conn, t=table: conn.execute(f"DELETE FROM {t}"))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            repo.db.writer.run(lambda conn, t=table: conn.execute(f"UPDATE {t} SET at = 'x'"))


def test_corrections_keep_the_old_version(repo, actor):
    carer_id = repo.create_carer(actor, name="Karin Testqvist", phone="070-174 06 10")
    repo.update_carer(actor, carer_id, phone="070-174 06 11")
    repo.update_carer(actor, carer_id, phone="070-174 06 12")
    history = repo.history(actor, "carer", carer_id)
    assert [h["phone"] for h in history] == ["070-174 06 10", "070-174 06 11"]
    assert repo.get_carer(actor, carer_id)["version"] == 3
    repo.delete(actor, "carer", carer_id)
    assert repo.get(actor, "carer", carer_id)["deleted"] is True


def test_entries_are_never_deleted(repo, actor):
    import sqlite3

    carer_id = repo.create_carer(actor, name="Nils Skisslund")
    entry_id = repo.add_entry(actor, carer_id, "samtal", {"text": "x"})
    with pytest.raises(InvalidRecord):
        repo.delete(actor, "entry", entry_id)
    with pytest.raises(sqlite3.IntegrityError):
        repo.db.writer.run(lambda conn: conn.execute("DELETE FROM entries"))
    fixed = repo.add_entry(actor, carer_id, "samtal", {"text": "rättad"}, supersedes=entry_id)
    assert {e["id"] for e in repo.timeline(actor, carer_id)} == {entry_id, fixed}


def test_search_ignores_diacritics_and_finds_entries(repo, actor):
    asa = repo.create_carer(actor, name="Åsa Övningsberg")
    other = repo.create_carer(actor, name="Björn Exempelgren")
    repo.add_entry(actor, other, "samtal", {"text": "Önskar växelvård i november"})
    assert [r["id"] for r in repo.search(actor, "asa")] == [asa]
    assert [r["id"] for r in repo.search(actor, "ovningsb")] == [asa]
    assert [r["id"] for r in repo.search(actor, "vaxelvard")] == [other]
    assert repo.search(actor, '"; DROP TABLE carers; --') == []
    assert repo.search(actor, "   ") == []


def test_a_search_is_access_logged_without_waiting_for_the_commit(repo, actor):
    repo.create_carer(actor, name="Åsa Övningsberg")
    before = counts(repo)["access_log"]
    repo.search(actor, "asa")
    repo.db.writer.run(lambda conn: None)  # the writer runs jobs in order: the row is in
    rows = repo.access_log(limit=1)
    assert counts(repo)["access_log"] == before + 1
    assert rows[0]["action"] == "search" and rows[0]["user_id"] == actor.staff_id


def test_unknown_field_and_missing_record(repo, actor):
    with pytest.raises(InvalidRecord, match="shoe_size"):
        repo.create_carer(actor, name="A", shoe_size=42)
    with pytest.raises(NotFound):
        repo.update_carer(actor, "no-such-id", name="B")
    with pytest.raises(NotFound):
        repo.add_entry(actor, "no-such-id", "samtal", {})


def test_link_cared_for_and_consent(repo, actor):
    carer_id = repo.create_carer(actor, name="Emma Fiktivlund")
    repo.link_cared_for(actor, carer_id, name="Göran Fiktivlund", kind="parent", birth_year=1938)
    repo.create(actor, "consent", carer_id=carer_id, scope="record", given_at="2026-11-01",
                given_how="verbal")
    carer = repo.get_carer(actor, carer_id)
    assert carer["relations"][0]["cared_for_name"] == "Göran Fiktivlund"
    assert carer["relations"][0]["kind"] == "parent"
    assert carer["consents"][0]["scope"] == "record"
    with pytest.raises(InvalidRecord, match="kind"):
        repo.link_cared_for(actor, carer_id, name="X", kind="cousin-in-law")


def test_drafts_are_local_audited_and_removed_when_finished(repo, actor):
    carer_id = repo.create_carer(actor, name="Ebba Mönsterlind")
    outbox_before = repo.pending_count()
    draft_id = repo.save_draft(actor, form_id="samtal", carer_id=carer_id, data={"text": "halvklar"})
    repo.save_draft(actor, form_id="samtal", carer_id=carer_id, data={"text": "nästan klar"},
                    draft_id=draft_id)
    drafts = repo.drafts(actor)
    assert len(drafts) == 1 and drafts[0]["data"] == {"text": "nästan klar"}
    assert repo.pending_count() == outbox_before
    repo.add_entry(actor, carer_id, "samtal", {"text": "klar"}, draft_id=draft_id)
    assert repo.drafts(actor) == []
    actions = [r["action"] for r in repo.audit_log(entity_id=draft_id)]
    assert actions.count("draft_save") == 2 and "draft_discard" in actions


def test_acknowledge_removes_only_acknowledged(repo, actor):
    for i in range(3):
        repo.create_carer(actor, name=f"Person {i}")
    replica = Replica(repo)
    repo.apply_remote(replica.stage)
    pending = repo.apply_remote(lambda conn: replica.next_batch(conn, 500))
    assert [m["mutation_id"] for m in pending] == [m["mutation_id"] for m in outbox(repo)]
    assert repo.apply_remote(lambda conn: Replica.mark_acked(conn, [pending[0]["mutation_id"]])) == 1
    assert [m["mutation_id"] for m in outbox(repo)] == [p["mutation_id"] for p in pending[1:]]
    again = repo.apply_remote(lambda conn: replica.next_batch(conn, 500))
    assert [m["seq"] for m in again] == [p["seq"] for p in pending[1:]]
    assert replica.pending() == 2


def test_json_fields_round_trip(repo, actor):
    carer_id = repo.create_carer(actor, name="Ali Provsson", care_given=["hushåll", "läkemedel"],
                                 life_situation={"work": "deltid"}, is_child=False, hours_per_week=12)
    carer = repo.get_carer(actor, carer_id)
    assert carer["care_given"] == ["hushåll", "läkemedel"]
    assert carer["life_situation"] == {"work": "deltid"}
    assert carer["is_child"] is False and carer["hours_per_week"] == 12.0
    assert json.loads(repo.db.reader().execute("SELECT field_hlc FROM carers").fetchone()[0])


def test_writer_serialises_concurrent_writers(repo, actor):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda i: repo.create_carer(actor, name=f"Samtidig {i}"), range(80)))
    assert len(set(ids)) == 80
    assert repo.count_carers() == 80
    seqs = [m["seq"] for m in outbox(repo)]
    assert seqs == sorted(seqs) and len(seqs) == 80
