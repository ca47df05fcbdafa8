"""Corrections that keep the original readable (issue #13), on a real store."""

from __future__ import annotations

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.lifecycle.corrections import AlreadyCorrected, corrections_of, current_entries
from anhorigdesk.workspace.responses import ResponseInvalid


def _carer(ws):
    return ws.repository.create_carer(ws.actor, name="Alva Exempelsson", unit_ids=[ws.actor.unit_id])


def test_a_correction_is_a_new_version_and_the_old_text_stays_readable(workspace):
    ws, repo, actor = workspace, workspace.repository, workspace.actor
    carer = _carer(ws)
    old = ws.save_entry(carer, "samtal", {"note": "Avlösning tre dagar"})
    new = ws.correct_entry(old, {"note": "Avlösning två dagar"})
    timeline = repo.timeline(actor, carer)
    by_id = {e["id"]: e for e in timeline}
    assert by_id[old]["data"] == {"note": "Avlösning tre dagar"}  # the original, unchanged
    assert by_id[new]["data"] == {"note": "Avlösning två dagar"} and by_id[new]["supersedes"] == old
    assert by_id[new]["occurred_at"] == by_id[old]["occurred_at"] and by_id[new]["kind"] == "samtal"
    correction = corrections_of(timeline)[old]
    assert (correction.new_id, correction.by_id, correction.by_name) == (new, actor.staff_id, actor.name)
    assert correction.at == by_id[new]["created_at"]
    assert [e["id"] for e in current_entries(timeline)] == [new]
    chain, corrections = ws.entry_versions(carer, new)
    assert [e["id"] for e in chain] == [old, new] and [c.old_id for c in corrections] == [old]
    # the old one cannot be corrected a second time (the newest version is what to correct)
    with pytest.raises(AlreadyCorrected) as caught:
        ws.correct_entry(old, {"note": "Fel"})
    assert caught.value.newest_id == new
    assert caught.value.localized("sv") == "Anteckningen är redan rättad. Rätta den senaste versionen."
    third = ws.correct_entry(new, {"note": "Avlösning två dagar i veckan"})
    assert [e["id"] for e in ws.entry_versions(carer, old)[0]] == [old, new, third]


def test_a_corrected_form_response_is_checked_against_its_form(workspace):
    ws = workspace
    registry = FormRegistry.load()
    ws.forms = registry
    carer = _carer(ws)
    form = registry.current("frivillighet")
    answers = {"check_in_date": "2026-03-02", "still_own_choice": "yes", "burden_now": 2,
               "wants_to_reduce": "no"}
    from datetime import UTC, datetime
    entry = ws.finish_response(form, carer, answers, now=datetime(2026, 3, 2, 10, tzinfo=UTC))
    with pytest.raises(ResponseInvalid):
        ws.correct_entry(entry, {**answers, "burden_now": "mycket"}, form=form)
    fixed = ws.correct_entry(entry, {**answers, "burden_now": 3}, form=form)
    stored = ws.repository.get(ws.actor, "entry", fixed)
    assert stored["data"]["burden_now"] == 3 and stored["form_id"] == "frivillighet"
    assert stored["form_fingerprint"] == form.fingerprint


def test_correcting_a_carers_details_keeps_old_and_new_with_who_and_when(workspace):
    ws, repo, actor = workspace, workspace.repository, workspace.actor
    carer = _carer(ws)
    repo.update_carer(actor, carer, phone="070-111 11 11")
    repo.update_carer(actor, carer, phone="070-222 22 22", address="Påhittade gatan 3")
    changes = ws.carer_changes(carer)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("phone", None, "070-111 11 11"),
        ("address", None, "Påhittade gatan 3"),
        ("phone", "070-111 11 11", "070-222 22 22"),
    ]
    assert {c.by_id for c in changes} == {actor.staff_id} and all(c.at for c in changes)
    assert [c.version for c in changes] == [2, 3, 3]
