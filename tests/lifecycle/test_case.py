"""Closing and reopening a carer's case, ending a relation (issue #13), on a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.lifecycle.case import CaseError
from anhorigdesk.scheduling import FixedClock
from anhorigdesk.scheduling.storage import SYSTEM_CLOSE_BY
from anhorigdesk.sync.replica import wire_form
from anhorigdesk.sync.validation import check_mutation, limit_for


def _carer(ws, name="Alva Exempelsson"):
    actor = ws.actor
    return ws.repository.create_carer(actor, name=name, unit_ids=[actor.unit_id],
                                      support_contact_id=actor.staff_id)


def test_closing_a_case_closes_the_schedule_keeps_the_record_and_reopening_undoes_it(workspace):
    ws, repo, actor = workspace, workspace.repository, workspace.actor
    ws.forms = FormRegistry.load()
    carer = _carer(ws)
    ws.save_entry(carer, "samtal", {"note": "Avlösning två dagar i veckan"})
    ws.clock = FixedClock(datetime.now(UTC) + timedelta(days=400))  # long overdue for a check-in
    ws.schedule_book = ws.build_schedule_book(ws.forms)
    assert carer in ws.due_by_carer(horizon_days=30)

    event = ws.close_case(carer, "carer_moved", note="Flyttat till annan kommun")
    assert (event.kind, event.reason, event.by_staff_id) == ("close", "carer_moved", actor.staff_id)
    record = repo.get_carer(actor, carer)
    assert record["status"] == "ended"
    # no longer due anywhere; the schedule close is the existing one, by this staff member
    assert carer not in ws.due_by_carer(horizon_days=30)
    agenda = ws.carer_agenda(carer)
    closes = [s for s in agenda.state.settings if s.kind.value == "close" and s.by_staff_id != SYSTEM_CLOSE_BY]
    assert closes and closes[-1].reason == "Flyttat till annan kommun"
    # readable and searchable, shown as ended
    assert [e["data"]["note"] for e in repo.timeline(actor, carer)] == ["Avlösning två dagar i veckan"]
    found = repo.search(actor, "avlösning")
    assert [(r["id"], r["status"]) for r in found] == [(carer, "ended")]
    assert carer not in {c["id"] for c in repo.list_carers(actor)}
    assert carer in {c["id"] for c in repo.list_carers(actor, include_ended=True)}
    with pytest.raises(CaseError, match="already_closed"):
        ws.close_case(carer, "other")

    ws.reopen_case(carer)
    assert repo.get_carer(actor, carer)["status"] == "active"
    assert carer in ws.due_by_carer(horizon_days=30)
    assert [e.kind for e in ws.case_events(carer)] == ["close", "reopen"]
    with pytest.raises(CaseError, match="not_closed"):
        ws.reopen_case(carer)


def test_a_bad_close_reason_is_refused_and_nothing_is_written(workspace):
    carer = _carer(workspace)
    with pytest.raises(ValueError, match="close reason 'flyttade'"):
        workspace.close_case(carer, "flyttade")
    assert workspace.repository.get_carer(workspace.actor, carer)["status"] == "active"
    assert workspace.case_events(carer) == []


def test_case_events_are_synced_mutations_the_server_validation_accepts(workspace):
    carer = _carer(workspace)
    workspace.close_case(carer, "carer_died")
    conn = workspace.repository.db.reader()
    import json
    payloads = [json.loads(p) for (p,) in conn.execute("SELECT payload FROM outbox ORDER BY seq")]
    case = [p for p in payloads if p["entity"] == "case_event"]
    assert len(case) == 1 and case[0]["fields"]["reason"] == "carer_died" and case[0]["carer_id"] == carer
    now_ms = int(datetime.now(UTC).timestamp() * 1000) + 10 ** 9
    for p in payloads:  # the server's boundary check (server/validation.py check_pushed)
        check_mutation(wire_form(p), limit_ms=limit_for(now_ms))


def test_ending_every_relation_closes_the_schedule_and_reopening_one_opens_it(workspace):
    ws, repo, actor = workspace, workspace.repository, workspace.actor
    ws.forms = FormRegistry.load()
    carer = _carer(ws)
    _person, relation = repo.link_cared_for(actor, carer, name="Gustav Exempelsson", kind="partner")
    ws.clock = FixedClock(datetime.now(UTC) + timedelta(days=400))
    ws.schedule_book = ws.build_schedule_book(ws.forms)
    assert carer in ws.due_by_carer(horizon_days=30)
    ws.end_relation(carer, relation, "died", on=date.today())
    rel = repo.get_carer(actor, carer)["relations"][0]
    assert (rel["ended_at"], rel["ended_reason"]) == (date.today().isoformat(), "died")
    assert carer not in ws.due_by_carer(horizon_days=30)
    with pytest.raises(CaseError):
        ws.end_relation(carer, relation, "moved")
    with pytest.raises(ValueError, match="relation end reason"):
        ws.reopen_relation(carer, relation) or ws.end_relation(carer, relation, "bortrest")
    assert repo.get_carer(actor, carer)["relations"][0]["ended_at"] is None
    assert carer in ws.due_by_carer(horizon_days=30)
