"""The short-term unit: its stays (finished, corrected, drafts) and the term follow-up."""

from __future__ import annotations

import os
from datetime import date

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.workspace import short_term

TODAY = date(2026, 11, 27)


@pytest.fixture
def setup(tmp_path):
    db = Database(tmp_path / "k.db", os.urandom(32), create=True)
    repo = Repository(db)
    actor = Actor("staff-k", "unit-k", "Kort Tidsson")
    form = FormRegistry.load().current("korttid")
    yield repo, actor, form
    db.close()


def stay(form, start, end=None, **statuses):
    answers = {"stay_start": start}
    if end:
        answers["stay_end"] = end
    for item in short_term.checklist_items(form):
        if item.id in statuses:
            answers[item.id] = {"status": statuses[item.id], "comment": ""}
    return answers


def add(repo, actor, form, carer, answers, supersedes=None):
    return repo.add_entry(actor, carer, "korttid", answers, form_id=form.id, form_version=form.version,
                          form_fingerprint=form.fingerprint, supersedes=supersedes)


def test_unit_stays_running_first_and_latest_version(setup):
    repo, actor, form = setup
    a = repo.create_carer(actor, name="Anna Exempelsson", unit_ids=["unit-k"])
    b = repo.create_carer(actor, name="Björn Påhittberg", unit_ids=["unit-k"])
    c = repo.create_carer(actor, name="Cecilia Annanenhet", unit_ids=["other-unit"])
    first = add(repo, actor, form, a, stay(form, "2026-11-20", welcome_talk="not_done"))
    add(repo, actor, form, a, stay(form, "2026-11-20", welcome_talk="done", named_contact="done"),
        supersedes=first)
    add(repo, actor, form, b, stay(form, "2026-10-01", "2026-10-14", welcome_talk="done"))
    repo.add_entry(Actor("x", "other-unit"), c, "korttid", stay(form, "2026-11-21"), form_id="korttid")
    repo.save_draft(actor, form_id="korttid", carer_id=b, data=stay(form, "2026-11-25"))
    stays = short_term.unit_stays(repo, actor, form, today=TODAY)
    assert [(s.carer_name, s.is_draft) for s in stays] == [
        ("Björn Påhittberg", True), ("Anna Exempelsson", False), ("Björn Påhittberg", False)]
    running = stays[1]
    assert running.running_on(TODAY) and running.items_handled == 2
    assert running.items_total == len(short_term.checklist_items(form)) == 7
    assert "welcome_talk" not in running.open_items
    assert not stays[2].running_on(TODAY)
    logged = {r["person_id"] for r in repo.access_log() if r["action"] == "list:korttid"}
    assert logged == {a, b}


def test_old_stays_drop_off(setup):
    repo, actor, form = setup
    a = repo.create_carer(actor, name="Gammal Vistelse", unit_ids=["unit-k"])
    add(repo, actor, form, a, stay(form, "2026-01-01", "2026-01-10"))
    assert short_term.unit_stays(repo, actor, form, today=TODAY) == []
    assert len(short_term.unit_stays(repo, actor, form, today=TODAY, recent_days=400)) == 1


def test_term_summary_counts_routines(setup):
    repo, actor, form = setup
    carers = [repo.create_carer(actor, name=f"Termin {i}", unit_ids=["unit-k"]) for i in range(4)]
    add(repo, actor, form, carers[0], stay(form, "2026-08-03", welcome_talk="done", keep_informed="not_done"))
    add(repo, actor, form, carers[1], stay(form, "2026-09-10", welcome_talk="done", keep_informed="partly"))
    add(repo, actor, form, carers[2], stay(form, "2026-10-10", welcome_talk="not_relevant",
                                           keep_informed="not_done"))
    add(repo, actor, form, carers[3], stay(form, "2026-05-10", welcome_talk="not_done"))  # spring term
    add(repo, actor, form, carers[3], {"stay_start": "2026-11-01", "is_term_follow_up": "yes",
                                       "term": "HT 2026", "routines_to_adjust": "Ring oftare."})
    start, end = short_term.term_bounds(TODAY)
    assert (start, end) == (date(2026, 7, 1), date(2026, 12, 31))
    summary = short_term.term_summary(repo, actor, form, start=start, end=end)
    assert summary.stays == 3
    tallies = {t.question_id: t for t in summary.routines}
    assert (tallies["welcome_talk"].done, tallies["welcome_talk"].not_relevant) == (2, 1)
    assert tallies["welcome_talk"].held_share == 1.0
    assert tallies["keep_informed"].held_share == 0.0
    assert summary.weakest(1)[0].question_id == "keep_informed"
    assert summary.follow_ups == [{"term": "HT 2026", "routines_held": None,
                                   "routines_to_adjust": "Ring oftare."}]
    assert short_term.term_label(start, "sv") == "Höstterminen 2026"
    with pytest.raises(ValueError):
        short_term.term_summary(repo, actor, form, start=end, end=start)


def test_routine_texts_in_both_languages(setup):
    _repo, _actor, form = setup
    sv = dict((q.id, t) for q, t in short_term.routine_texts(form, "sv"))
    en = dict((q.id, t) for q, t in short_term.routine_texts(form, "en"))
    assert sv["named_contact"]["who"] == "Kontaktpersonen" and en["named_contact"]["who"] == "The contact person"
    assert sv["information_given"]["how"] == ""
