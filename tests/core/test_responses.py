"""Form responses in the core: validation, versions, flags → follow-up tasks, agenda."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from anhorigdesk.forms import FormRegistry, canonical_json, definition_from_json
from anhorigdesk.scheduling import DueKind, ScheduleStatus, follow_up_task_id
from anhorigdesk.scheduling.clock import local_date
from anhorigdesk.scheduling.storage import record_setting, resolve_task
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.workspace.agenda import load_agenda, load_carer_agenda
from anhorigdesk.workspace.responses import (
    ResponseInvalid,
    open_response,
    submit_response,
    submit_response_details,
)

# Carers are registered "now" (the store stamps created_at), so the tests count from now.
NOW = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)


@pytest.fixture
def repo(tmp_path):
    database = Database(tmp_path / "store.db", os.urandom(32), create=True)
    yield Repository(database)
    database.close()


@pytest.fixture(scope="module")
def registry() -> FormRegistry:
    return FormRegistry.load()


@pytest.fixture
def actor(repo) -> Actor:
    me = Actor(staff_id="staff-1", unit_id="unit-1", name="Testa Exempelsson")
    repo.create(me, "unit", name="Enhet Påhitt")
    repo.write(me, [])
    from anhorigdesk.store import Change

    repo.write(me, [Change("staff", {"name": me.name, "unit_id": "unit-1"}, "staff-1")])
    return me


def _carer(repo, actor, name="Anna Påhittberg", contact="staff-1"):
    return repo.create_carer(actor, name=name, unit_ids=["unit-1"], support_contact_id=contact)


def checkin(own_choice="yes", burden=2, reduce="no", day="2026-03-02"):
    answers = {"check_in_date": day, "still_own_choice": own_choice, "burden_now": burden,
               "wants_to_reduce": reduce}
    if own_choice in ("no", "unsure"):
        answers["not_own_choice_why"] = "Ingen annan kan."
    return answers


def test_invalid_answers_raise_with_every_problem_listed(repo, registry, actor):
    carer = _carer(repo, actor)
    form = registry.current("frivillighet")
    with pytest.raises(ResponseInvalid) as info:
        submit_response(repo, registry, actor, carer, form, {"burden_now": 9}, now=NOW)
    ids = {p.question_id for p in info.value.problems}
    assert {"check_in_date", "still_own_choice", "burden_now", "wants_to_reduce"} <= ids
    assert "burden_now" in str(info.value) and "still_own_choice" in str(info.value)
    assert repo.timeline(actor, carer) == []


def test_response_is_stored_with_its_version_and_the_draft_is_discarded(repo, registry, actor):
    carer = _carer(repo, actor)
    form = registry.current("samtal")
    draft = repo.save_draft(actor, form_id="samtal", data={"note": "utkast"}, carer_id=carer)
    answers = {"conversation_date": "2026-03-01", "channel": "phone", "participants": "Anhörig",
               "note": "Vi pratade om avlösning.", "perspective_parts": ["own_support"],
               "support_info_offered": "no"}
    entry_id = submit_response(repo, registry, actor, carer, form, answers, draft_id=draft,
                               confidentiality="shareable", now=NOW)
    [entry] = repo.timeline(actor, carer)
    assert entry["id"] == entry_id and entry["kind"] == "samtal"
    assert (entry["form_id"], entry["form_version"], entry["form_fingerprint"]) == (
        "samtal", form.version, form.fingerprint)
    assert entry["confidentiality"] == "shareable"
    assert entry["data"]["note"] == "Vi pratade om avlösning."
    assert repo.drafts(actor) == []
    assert {r["fingerprint"] for r in repo.form_versions()} == {form.fingerprint}


def test_open_response_finds_an_old_version_from_the_store(repo, registry, actor):
    carer = _carer(repo, actor)
    current = registry.current("frivillighet")
    data = definition_from_json(canonical_json(current))
    old = replace(data, version=current.version + 41)
    old = definition_from_json(canonical_json(old))  # fingerprint recomputed
    private = FormRegistry.load()
    private.remember(old)
    entry_id = submit_response(repo, private, actor, carer, old, checkin(), now=NOW)
    [entry] = [e for e in repo.timeline(actor, carer) if e["id"] == entry_id]
    fresh = FormRegistry.load()  # knows only the current files
    with pytest.raises(KeyError):
        fresh.get("frivillighet", entry["form_version"], entry["form_fingerprint"])
    opened = open_response(repo, fresh, entry)
    assert opened.version == old.version and opened.fingerprint == old.fingerprint


def test_a_raised_flag_becomes_a_task_in_the_same_transaction(repo, registry, actor):
    carer = _carer(repo, actor)
    form = registry.current("frivillighet")
    result = submit_response_details(repo, registry, actor, carer, form,
                                     checkin(own_choice="no", burden=5), now=NOW)
    assert set(result.flag_ids) == {"not_voluntary", "burden_high"}
    tasks = repo.db.reader().execute(
        "SELECT id, flag_id, due_on, entry_id FROM follow_up_tasks WHERE carer_id = ?", (carer,)
    ).fetchall()
    assert {t[1] for t in tasks} == {"not_voluntary", "burden_high"}
    assert {t[0] for t in tasks} == {follow_up_task_id(result.entry_id, f) for f in result.flag_ids}
    assert {t[3] for t in tasks} == {result.entry_id}
    assert all(t[2] == (local_date(NOW) + timedelta(days=14)).isoformat() for t in tasks)  # the local day
    # entry and tasks share one transaction: their audit rows carry one time
    audit = [a for a in repo.audit_log() if a["entity"] in ("entry", "follow_up_task")]
    assert len(audit) == 3 and len({a["at"] for a in audit}) == 1


def test_a_failing_write_stores_neither_response_nor_task(repo, registry, actor):
    form = registry.current("frivillighet")
    from anhorigdesk.store import NotFound

    with pytest.raises(NotFound):
        submit_response(repo, registry, actor, "no-such-carer", form, checkin(own_choice="no"), now=NOW)
    reader = repo.db.reader()
    assert reader.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM follow_up_tasks").fetchone()[0] == 0


def test_flag_is_never_dropped_even_without_a_task_record(repo, registry, actor):
    """A check-in written by some other path (no task record) still yields its task."""
    carer = _carer(repo, actor)
    form = registry.current("frivillighet")
    repo.add_entry(actor, carer, "frivillighet", checkin(own_choice="no"), occurred_at=NOW,
                   form_id=form.id, form_version=form.version, form_fingerprint=form.fingerprint)
    agenda = load_carer_agenda(repo, registry, actor, carer)
    assert [t.flag_id for t in agenda.tasks if t.is_open] == ["not_voluntary"]
    follow = [i for i in agenda.schedule.items if i.kind is DueKind.FOLLOW_UP]
    assert len(follow) == 1


def test_agenda_mine_and_unit_sorted_by_lateness_and_resolving_removes(repo, registry, actor):
    form = registry.current("frivillighet")
    late = _carer(repo, actor, "Eva Exempelsson")
    other = _carer(repo, actor, "Nils Demoström", contact=None)
    submit_response(repo, registry, actor, late, form, checkin(own_choice="no"),
                    now=NOW)
    later = NOW + timedelta(days=200)
    agenda = load_agenda(repo, registry, actor, later)
    lateness = [a.item.days_overdue for a in agenda.mine]
    assert lateness == sorted(lateness, reverse=True)
    assert {a.carer_name for a in agenda.mine} == {"Eva Exempelsson"}
    assert {a.carer_name for a in agenda.unit} == {"Nils Demoström"}
    assert agenda.overdue_counts[0] >= 2
    follow = next(a.item for a in agenda.mine if a.item.kind is DueKind.FOLLOW_UP)
    resolve_task(repo, actor, follow.task_id, "Ringde upp, bokade samtal.", at=later)
    again = load_agenda(repo, registry, actor, later)
    assert follow.task_id not in {a.item.task_id for a in again.mine}
    assert again.overdue_counts[0] == agenda.overdue_counts[0] - 1
    with pytest.raises(ValueError):
        resolve_task(repo, actor, follow.task_id, "igen", at=later)
    assert other


PAUSE_END = NOW.date() + timedelta(days=90)


def test_pause_decline_close_and_reopen(repo, registry, actor):
    carer = _carer(repo, actor)
    with pytest.raises(ValueError):
        record_setting(repo, actor, carer, "pause", at=NOW, reason="")
    record_setting(repo, actor, carer, "pause", at=NOW, reason="Sjukhusvistelse",
                   until=PAUSE_END)
    agenda = load_carer_agenda(repo, registry, actor, carer)
    assert agenda.schedule.status is ScheduleStatus.PAUSED
    assert agenda.schedule.items[0].due_on == PAUSE_END
    record_setting(repo, actor, carer, "decline", at=NOW + timedelta(hours=1), reason="Vill inte")
    assert load_carer_agenda(repo, registry, actor, carer).schedule.status is ScheduleStatus.DECLINED
    record_setting(repo, actor, carer, "close", at=NOW + timedelta(hours=2),
                   ended_because="cared_for_moved")
    closed = load_carer_agenda(repo, registry, actor, carer)
    assert closed.schedule.status is ScheduleStatus.CLOSED and closed.schedule.items == ()
    record_setting(repo, actor, carer, "reopen", at=NOW + timedelta(hours=3))
    reopened = load_carer_agenda(repo, registry, actor, carer)
    assert reopened.schedule.status is ScheduleStatus.ACTIVE
    assert reopened.schedule.items[0].reason_code == "schedule_reopened"
    assert [s.kind.value for s in reopened.settings] == ["pause", "decline", "close", "reopen"]


def test_checkin_series_for_the_chart(repo, registry, actor):
    carer = _carer(repo, actor)
    form = registry.current("frivillighet")
    for i, (choice, burden) in enumerate([("yes", 2), ("unsure", 3), ("no", 5)]):
        submit_response(repo, registry, actor, carer, form,
                        checkin(own_choice=choice, burden=burden, day=f"2025-0{i + 1}-10"),
                        now=NOW + timedelta(minutes=i))
    points = load_carer_agenda(repo, registry, actor, carer).checkins
    assert [(p.own_choice, p.burden) for p in points] == [("yes", 2), ("unsure", 3), ("no", 5)]
    assert points[0].day == date(2025, 1, 10)
