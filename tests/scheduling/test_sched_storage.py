"""Scheduling in the encrypted store: decisions and follow-ups written with audit and outbox,
every carer's state built in two queries, flags in stored entries never lost."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.scheduling import (
    CarerHistory,
    CarerSchedulingState,
    DueKind,
    ScheduleRules,
    ScheduleStatus,
    SettingKind,
    compute_schedule,
    due_list,
    tasks_for_flagged_entry,
)
from anhorigdesk.scheduling.book import ScheduleBook
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import (
    StoreEventMapping,
    build_schedules,
    follow_up_changes,
    get_follow_up,
    load_scheduling_inputs,
    record_setting,
    resolve_task,
    scan_new_entries,
    set_interval,
)
from anhorigdesk.store import Actor, Change, Database, NotFound, Repository
from anhorigdesk.store.ids import uuid7
from tests.scheduling.sched_helpers import local
from tests.store.outbox import outbox

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def repo(tmp_path) -> Iterator[Repository]:
    database = Database(tmp_path / "store.db", os.urandom(32), create=True)
    yield Repository(database)
    database.close()


@pytest.fixture
def registry() -> FormRegistry:
    return FormRegistry.load()


@pytest.fixture
def rules(registry: FormRegistry) -> ScheduleRules:
    return rules_from_registry(registry)


@pytest.fixture
def team(repo: Repository) -> dict[str, str]:
    """Two fictional units with one support contact each."""
    boot = Actor(staff_id=None, unit_id=None, name="setup")
    north = repo.create(boot, "unit", name="Hemtjänst Norr (test)", kind="home_care")
    south = repo.create(boot, "unit", name="Anhörigstöd Söder (test)", kind="carer_support")
    alva = repo.create(boot, "staff", name="Alva Testsson", unit_id=north, role="care_worker")
    bruno = repo.create(
        boot, "staff", name="Bruno Exempelberg", unit_id=south, role="support_consultant"
    )
    return {"north": north, "south": south, "alva": alva, "bruno": bruno}


@pytest.fixture
def alva(team: dict[str, str]) -> Actor:
    return Actor(staff_id=team["alva"], unit_id=team["north"], name="Alva Testsson")


def new_carer(repo: Repository, actor: Actor, team: dict[str, str], **fields: object) -> str:
    values = {
        "name": "Greta Påhittsson",
        "unit_ids": [team["north"]],
        "support_contact_id": team["alva"],
        **fields,
    }
    return repo.create_carer(actor, **values)


def form_entry(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    carer_id: str,
    form_id: str,
    data: dict[str, object],
    when: datetime,
    **extra: str,
) -> str:
    """An entry answering the current version of a built-in form."""
    form = registry.current(form_id)
    return repo.add_entry(
        actor,
        carer_id,
        form.entry_kind or form.id,
        data,
        occurred_at=when,
        form_id=form.id,
        form_version=form.version,
        form_fingerprint=form.fingerprint,
        **extra,
    )


def checkin(
    repo: Repository,
    actor: Actor,
    registry: FormRegistry,
    carer_id: str,
    when: datetime,
    **answers: object,
) -> str:
    data = {
        "check_in_date": when.date().isoformat(),
        "still_own_choice": "yes",
        "burden_now": 2,
        "wants_to_reduce": "no",
        **answers,
    }
    return form_entry(repo, actor, registry, carer_id, "frivillighet", data, when)


def inputs_of(
    repo: Repository, actor: Actor, carer_id: str
) -> tuple[CarerSchedulingState, CarerHistory]:
    registry = FormRegistry.load()
    loaded = load_scheduling_inputs(repo, actor, registry, rules_from_registry(registry))
    found = {state.carer_id: (state, history) for state, history in loaded}
    return found[carer_id]


def test_the_scheduling_migration_is_named_and_recorded(repo: Repository) -> None:
    conn = repo.db.reader()
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert "0003_scheduling" in names
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"schedule_settings", "carer_schedules", "follow_up_tasks"} <= tables


def test_a_decision_is_written_with_audit_and_outbox_and_read_back(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))  # next due Aug 5
    setting = record_setting(
        repo,
        alva,
        carer_id,
        SettingKind.PAUSE,
        at=local(date(2026, 8, 20)),
        reason="Sjukhusvistelse",
        until=date(2026, 10, 1),
    )
    audit = repo.audit_log(entity_id=setting.id)
    assert [(a["action"], a["entity"], a["actor_id"]) for a in audit] == [
        ("schedule_pause", "schedule_setting", team["alva"])
    ]
    [mutation] = [m for m in outbox(repo) if m["entity_id"] == setting.id]
    assert mutation["carer_id"] == carer_id
    assert mutation["unit_ids"] == [team["north"]]
    assert mutation["fields"]["until"] == "2026-10-01"

    state, history = inputs_of(repo, alva, carer_id)
    assert state.settings == (setting,)
    schedule = compute_schedule(state, history, rules)
    assert schedule.status is ScheduleStatus.PAUSED
    [item] = schedule.items
    assert (item.kind, item.due_on) == (DueKind.CHECKIN, date(2026, 10, 1))


def test_bad_decisions_are_refused_and_nothing_is_written(
    repo: Repository, team: dict[str, str], alva: Actor
) -> None:
    carer_id = new_carer(repo, alva, team)
    before = repo.pending_count()
    with pytest.raises(ValueError, match="a pause needs an 'until' date"):
        record_setting(repo, alva, carer_id, "pause", at=NOW, reason="Resa")
    with pytest.raises(NotFound):
        record_setting(repo, alva, uuid7(), "decline", at=NOW, reason="Nej tack")
    nobody = Actor(staff_id=None, unit_id=team["north"])
    with pytest.raises(ValueError, match="needs a signed-in staff member"):
        record_setting(repo, nobody, carer_id, "decline", at=NOW, reason="Nej tack")
    assert repo.pending_count() == before


def test_schedule_records_are_append_only(
    repo: Repository, team: dict[str, str], alva: Actor
) -> None:
    carer_id = new_carer(repo, alva, team)
    setting = record_setting(repo, alva, carer_id, "decline", at=NOW, reason="Vill inte")
    with pytest.raises(Exception, match="schedule records are never deleted"):
        repo.db.writer.run(
            lambda conn: conn.execute("DELETE FROM schedule_settings WHERE id = ?", (setting.id,))
        )


def test_interval_override_is_stored_per_carer(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    set_interval(repo, alva, carer_id, 3)
    state, history = inputs_of(repo, alva, carer_id)
    assert state.interval_months == 3
    assert compute_schedule(state, history, rules).items[0].due_on == date(2026, 5, 5)
    set_interval(repo, alva, carer_id, None)
    state, history = inputs_of(repo, alva, carer_id)
    assert compute_schedule(state, history, rules).items[0].due_on == date(2026, 8, 5)
    with pytest.raises(ValueError, match=re.escape("interval must be 1..60 months")):
        set_interval(repo, alva, carer_id, 100)


def test_stored_entries_and_record_changes_become_events(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team, life_situation={"work": "arbetar heltid"})
    first = checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    plan_id = form_entry(
        repo,
        alva,
        registry,
        carer_id,
        "stodplan",
        {"next_review": "2026-12-01"},
        local(date(2026, 3, 1)),
    )
    stay = {"stay_start": "2026-04-01", "stay_end": "2026-04-10"}
    stay_id = form_entry(repo, alva, registry, carer_id, "korttid", stay, local(date(2026, 4, 1)))
    ongoing = form_entry(
        repo,
        alva,
        registry,
        carer_id,
        "korttid",
        {"stay_start": "2026-05-01"},
        local(date(2026, 5, 1)),
    )
    form_entry(
        repo,
        alva,
        registry,
        carer_id,
        "samtal",
        {"note": "Ett vanligt samtal."},
        local(date(2026, 4, 2)),
    )
    repo.update_carer(alva, carer_id, life_situation={"work": "sjukskriven"})
    repo.update_carer(alva, carer_id, hours_per_week=30.0)
    repo.update_carer(alva, carer_id, phone="070-174 06 55")  # not a situation field

    state, history = inputs_of(repo, alva, carer_id)
    assert [c.id for c in history.checkins] == [first]
    assert [(p.id, p.review_date) for p in history.plan_versions] == [(plan_id, date(2026, 12, 1))]
    assert [(k.id, k.at) for k in history.short_term_stays_ended] == [
        (stay_id, local(date(2026, 4, 10), 0))
    ]
    assert ongoing not in {k.id for k in history.short_term_stays_ended}
    # The life-situation change and the hours change; the record's creation is no change.
    assert len(history.situation_changes) == 2
    assert state.support_contact is not None
    assert (state.support_contact.staff_id, state.support_contact.unit_id) == (
        team["alva"],
        team["north"],
    )
    assert state.unit_ids == (team["north"],)
    schedule = compute_schedule(state, history, rules)
    kinds = {i.kind: (i.due_on, i.reason_code) for i in schedule.items}
    assert kinds[DueKind.PLAN_REVIEW] == (date(2026, 12, 1), "plan_review_date")
    # Of all that happened since the check-in of 5 Feb, the new plan (1 Mar + 30 days) comes
    # first; the stay that ended on 10 April would give 24 April, the record changes later.
    assert kinds[DueKind.CHECKIN] == (date(2026, 3, 31), "plan_changed")


def test_a_corrected_checkin_counts_once(
    repo: Repository, team: dict[str, str], alva: Actor, registry: FormRegistry
) -> None:
    carer_id = new_carer(repo, alva, team)
    wrong = checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    right = form_entry(
        repo,
        alva,
        registry,
        carer_id,
        "frivillighet",
        {"still_own_choice": "yes"},
        local(date(2026, 2, 6)),
        supersedes=wrong,
    )
    _, history = inputs_of(repo, alva, carer_id)
    assert [c.id for c in history.checkins] == [right]


def test_a_flag_in_a_stored_entry_becomes_one_follow_up_task(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    flagged = checkin(
        repo,
        alva,
        registry,
        carer_id,
        local(date(2026, 8, 20)),
        still_own_choice="no",
        burden_now=5,
    )
    written = scan_new_entries(repo, alva, registry, rules)
    assert sorted((t.entry_id, t.flag_id, t.due_on) for t in written) == [
        (flagged, "burden_high", date(2026, 9, 3)),
        (flagged, "not_voluntary", date(2026, 9, 3)),
    ]
    written = [m for m in outbox(repo) if m["entity"] == "follow_up_task"]
    assert len(written) == 2 and {m["carer_id"] for m in written} == {carer_id}
    assert scan_new_entries(repo, alva, registry, rules) == []  # nothing new to scan

    # A later entry is scanned on its own; the earlier ones are not looked at again.
    later = checkin(repo, alva, registry, carer_id, local(date(2026, 8, 25)), wants_to_reduce="yes")
    [task] = scan_new_entries(repo, alva, registry, rules)
    assert (task.entry_id, task.flag_id, task.due_on) == (
        later,
        "wants_to_reduce_or_stop",
        date(2026, 9, 24),
    )

    schedules = build_schedules(repo, alva, registry, rules)
    items = due_list(schedules, NOW, staff_id=team["alva"], horizon_days=30)
    follow_ups = [i for i in items if i.kind is DueKind.FOLLOW_UP]
    assert {i.flag_id for i in follow_ups} == {
        "not_voluntary",
        "burden_high",
        "wants_to_reduce_or_stop",
    }
    assert all(i.owner_staff_id == team["alva"] for i in follow_ups)
    # The unit manager of the north unit sees the same; the south unit does not.
    assert [
        i
        for i in due_list(schedules, NOW, unit_ids=[team["north"]], horizon_days=30)
        if i.kind is DueKind.FOLLOW_UP
    ] == follow_ups
    assert due_list(schedules, NOW, unit_ids=[team["south"]], horizon_days=30) == []
    assert all(s.created_tasks == () for s in schedules)  # every raised flag is stored


def test_the_scan_resumes_after_an_interruption(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    # Three carers (one carer's repeated flag would be covered by its first open task).
    carers = [new_carer(repo, alva, team, name=f"Greta {n}") for n in range(3)]
    entries = [
        checkin(repo, alva, registry, carer_id, local(date(2026, 8, d)), still_own_choice="no")
        for d, carer_id in zip((1, 2, 3), carers, strict=True)
    ]
    # A task written by hand (as the screen does with its entry) before any scan.
    first = tasks_for_flagged_entry(
        carers[0], entries[0], "frivillighet", local(date(2026, 8, 1)), ["not_voluntary"], rules
    )
    repo.write(alva, follow_up_changes(first))
    written = scan_new_entries(repo, alva, registry, rules, batch=1)
    assert sorted(t.entry_id for t in written) == sorted(entries[1:])
    count = repo.db.reader().execute("SELECT count(*) FROM follow_up_tasks").fetchone()[0]
    assert count == 3


def test_an_entry_and_its_follow_up_can_be_written_together(
    repo: Repository, team: dict[str, str], alva: Actor, rules: ScheduleRules
) -> None:
    carer_id = new_carer(repo, alva, team)
    entry_id = uuid7()
    when = local(date(2026, 8, 28))
    entry = Change(
        "entry",
        {
            "carer_id": carer_id,
            "kind": "frivillighet",
            "occurred_at": when,
            "form_id": "frivillighet",
            "data": {"still_own_choice": "no"},
        },
        entry_id,
    )
    tasks = tasks_for_flagged_entry(
        carer_id, entry_id, "frivillighet", when, ["not_voluntary"], rules
    )
    repo.write(alva, [entry, *follow_up_changes(tasks)])
    assert get_follow_up(repo, alva, tasks[0].id) == tasks[0]


def test_a_follow_up_stays_until_resolved_and_keeps_who_and_what(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 6, 1)), still_own_choice="no")
    [task] = scan_new_entries(repo, alva, registry, rules)
    open_items = due_list(build_schedules(repo, alva, registry, rules), NOW)
    assert task.id in {i.task_id for i in open_items}

    done = resolve_task(
        repo,
        alva,
        task.id,
        "Samtal hållet; avlösning två kvällar i veckan.",
        at=local(date(2026, 6, 10)),
    )
    stored = get_follow_up(repo, alva, task.id)
    assert stored == done
    assert stored.resolution is not None
    assert (stored.resolution.by_staff_id, stored.resolution.at) == (
        team["alva"],
        local(date(2026, 6, 10)),
    )
    assert [a["action"] for a in repo.audit_log(entity_id=task.id)] == [
        "follow_up_resolve",
        "follow_up_create",
    ]
    assert task.id not in {
        i.task_id for i in due_list(build_schedules(repo, alva, registry, rules), NOW)
    }
    with pytest.raises(ValueError, match="already resolved"):
        resolve_task(repo, alva, task.id, "Igen.", at=NOW)
    # Reading a task is a read of the carer's record: it is in the access log.
    assert any(r["person_id"] == carer_id for r in repo.access_log(person_id=carer_id))


def test_reassigning_the_support_contact_moves_the_items(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)), burden_now=5)
    scan_new_entries(repo, alva, registry, rules)
    before = due_list(build_schedules(repo, alva, registry, rules), NOW, staff_id=team["alva"])
    assert {i.kind for i in before} == {DueKind.CHECKIN, DueKind.FOLLOW_UP, DueKind.PLAN_REVIEW}
    repo.update_carer(alva, carer_id, support_contact_id=team["bruno"])
    schedules = build_schedules(repo, alva, registry, rules)
    assert due_list(schedules, NOW, staff_id=team["alva"]) == []
    after = due_list(schedules, NOW, staff_id=team["bruno"])
    assert [(i.kind, i.task_id) for i in after] == [(i.kind, i.task_id) for i in before]
    assert {i.unit_id for i in after} == {team["south"]}


def test_caring_that_ends_closes_the_schedule_until_reopened(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    _, relation_id = repo.link_cared_for(alva, carer_id, name="Sture Påhittsson", kind="partner")
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)), still_own_choice="no")
    scan_new_entries(repo, alva, registry, rules)
    repo.update(alva, "relation", relation_id, ended_at="2026-03-01", ended_reason="died")
    state, history = inputs_of(repo, alva, carer_id)
    [closing] = state.settings
    assert (closing.kind, closing.ended_because, closing.at) == (
        SettingKind.CLOSE,
        "cared_for_died",
        local(date(2026, 3, 1), 0),
    )
    schedule = compute_schedule(state, history, rules)
    assert schedule.status is ScheduleStatus.CLOSED
    assert [i.kind for i in schedule.items] == [DueKind.FOLLOW_UP]  # the flag is still followed up

    reopen = record_setting(repo, alva, carer_id, "reopen", at=local(date(2026, 9, 1)))
    state, history = inputs_of(repo, alva, carer_id)
    schedule = compute_schedule(state, history, rules)
    assert schedule.status is ScheduleStatus.ACTIVE
    checkin_item = next(i for i in schedule.items if i.kind is DueKind.CHECKIN)
    assert (checkin_item.due_on, checkin_item.source_event_id) == (date(2026, 9, 1), reopen.id)


def test_an_ended_carer_record_closes_the_schedule(
    repo: Repository, team: dict[str, str], alva: Actor, rules: ScheduleRules
) -> None:
    carer_id = new_carer(repo, alva, team)
    repo.update_carer(alva, carer_id, status="ended")
    state, history = inputs_of(repo, alva, carer_id)
    assert compute_schedule(state, history, rules).status is ScheduleStatus.CLOSED


def test_loading_every_carer_takes_the_same_few_queries_however_many_carers(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    def add_carers(n: int) -> None:
        for k in range(n):
            carer_id = new_carer(repo, alva, team, name=f"Testperson {k}")
            checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)), burden_now=5)
            repo.update_carer(alva, carer_id, hours_per_week=10.0)

    def selects_of_a_load() -> tuple[int, list[str]]:
        scan_new_entries(repo, alva, registry, rules)  # entries that arrived are scanned first
        reader = repo.db.reader()
        statements: list[str] = []
        reader.set_trace_callback(statements.append)
        try:
            loaded = load_scheduling_inputs(repo, alva, registry, rules)
        finally:
            reader.set_trace_callback(None)
        return len(loaded), [s for s in statements if s.lstrip().upper().startswith("SELECT")]

    add_carers(10)
    count, few = selects_of_a_load()
    add_carers(30)
    more, same = selects_of_a_load()
    assert (count, more) == (10, 40)
    # The scan mark and the newest entry, then the two queries of the load itself.
    assert len(few) == len(same) == 4, same
    # And the access is logged once, as a list read.
    rows = repo.access_log()
    assert rows[0]["action"] == "read:schedules" and rows[0]["person_id"] is None


def test_a_new_mapping_rebuilds_the_digest_and_keeps_the_tasks(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)), still_own_choice="no")
    repo.add_entry(alva, carer_id, "hembesok", {}, occurred_at=local(date(2026, 3, 1)))
    _, history = inputs_of(repo, alva, carer_id)
    assert len(history.checkins) == 1
    mapping = StoreEventMapping(checkin_kind="hembesok")
    loaded = load_scheduling_inputs(repo, alva, registry, rules, mapping=mapping)
    [(_, history)] = [(s, h) for s, h in loaded if s.carer_id == carer_id]
    assert [c.at for c in history.checkins] == [local(date(2026, 3, 1))]
    assert [t.flag_id for t in history.follow_up_tasks] == ["not_voluntary"]


def test_stored_answers_are_json_and_dates_stay_local(
    repo: Repository, team: dict[str, str], alva: Actor, registry: FormRegistry
) -> None:
    carer_id = new_carer(repo, alva, team)
    # 22:30 UTC on 30 April is 00:30 on 1 May in Stockholm.
    entry = checkin(repo, alva, registry, carer_id, datetime(2026, 4, 30, 22, 30, tzinfo=UTC))
    stored = (
        repo.db.reader().execute("SELECT data FROM entries WHERE id = ?", (entry,)).fetchone()[0]
    )
    assert json.loads(stored)["still_own_choice"] == "yes"
    _, history = inputs_of(repo, alva, carer_id)
    assert history.checkins[0].at == datetime(2026, 4, 30, 22, 30, tzinfo=UTC)


def test_loading_some_carers_gives_what_the_full_load_gives_for_them(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    ids = []
    for k in range(5):
        carer_id = new_carer(repo, alva, team, name=f"Testperson {k}")
        checkin(repo, alva, registry, carer_id, local(date(2026, 2, k + 1)), burden_now=k + 1)
        record_setting(repo, alva, carer_id, "decline", at=local(date(2026, 3, 1)), reason="Nej")
        repo.update_carer(alva, carer_id, hours_per_week=float(k))
        ids.append(carer_id)
    full = dict(
        (s.carer_id, (s, h)) for s, h in load_scheduling_inputs(repo, alva, registry, rules)
    )
    some = load_scheduling_inputs(repo, alva, registry, rules, carer_ids=[ids[1], ids[3]])
    assert [(s.carer_id, (s, h)) for s, h in some] == [(i, full[i]) for i in (ids[1], ids[3])]
    schedules = build_schedules(repo, alva, registry, rules, carer_ids=[ids[2]])
    assert [s.carer_id for s in schedules] == [ids[2]]
    assert load_scheduling_inputs(repo, alva, registry, rules, carer_ids=[]) == []


def test_an_entry_of_an_unknown_form_version_is_judged_by_the_current_one(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    carer_id = new_carer(repo, alva, team)
    entry_id = repo.add_entry(
        alva,
        carer_id,
        "frivillighet",
        {"still_own_choice": "no"},
        occurred_at=local(date(2026, 8, 1)),
        form_id="frivillighet",
        form_version=99,
        form_fingerprint="0" * 64,
    )
    form_entry(
        repo,
        alva,
        registry,
        carer_id,
        "samtal",
        {"note": "Inget särskilt."},
        local(date(2026, 8, 2)),
    )
    written = scan_new_entries(repo, alva, registry, rules)
    assert [(t.entry_id, t.flag_id) for t in written] == [(entry_id, "not_voluntary")]


def test_scheduling_mutations_are_what_the_sync_server_accepts(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    from anhorigdesk.server.models import Mutation

    carer_id = new_carer(repo, alva, team)
    checkin(repo, alva, registry, carer_id, local(date(2026, 6, 1)), still_own_choice="no")
    [task, *_] = scan_new_entries(repo, alva, registry, rules)
    resolve_task(
        repo, alva, task.id, "Ringde upp och bokade ett samtal.", at=local(date(2026, 6, 3))
    )
    record_setting(repo, alva, carer_id, "pause", at=NOW, reason="Resa", until=date(2026, 10, 1))
    set_interval(repo, alva, carer_id, 4)
    ours = [
        m
        for m in outbox(repo)
        if m["entity"] in {"follow_up_task", "schedule_setting", "carer_schedule"}
    ]
    assert {m["entity"] for m in ours} == {"follow_up_task", "schedule_setting", "carer_schedule"}
    for mutation in ours:
        # Entity names, ids and field names must pass the server's model. (The store writes
        # base clocks of fields never seen as null, for every entity, which the model does not
        # take; that is a store/server matter of its own, so only seen clocks are kept here.)
        seen = {k: v for k, v in mutation["base"].items() if v is not None}
        Mutation.model_validate({**mutation, "base": seen})
        assert mutation["carer_id"] == carer_id


def test_the_book_keeps_every_schedule_and_refreshes_the_carers_touched(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
) -> None:
    first = new_carer(repo, alva, team, name="Första Testperson")
    second = new_carer(repo, alva, team, name="Andra Testperson")
    for carer_id in (first, second):
        checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    book = ScheduleBook(repo, alva, registry, rules)
    book.load_all()
    assert len(book) == 2
    assert {i.carer_id for i in book.due(NOW)} == {first, second}  # both due Aug 5

    record_setting(repo, alva, first, "decline", at=NOW, reason="Vill inte längre")
    # A flagged check-in for the second carer arrives too (say, by sync) while only the
    # first is refreshed: the scan finds its flag, so the second carer is rebuilt as well.
    checkin(repo, alva, registry, second, local(date(2026, 8, 30)), still_own_choice="no")
    assert book.refresh([first]) == {first, second}
    items = book.due(NOW)
    assert first not in {i.carer_id for i in items}
    assert {(i.kind, i.flag_id) for i in items if i.carer_id == second} == {
        (DueKind.FOLLOW_UP, "not_voluntary"),
        (DueKind.PLAN_REVIEW, "not_voluntary"),
    }
    schedule = book.schedule_of(first)
    assert schedule is not None and schedule.status is ScheduleStatus.DECLINED
    assert book.refresh([]) == set()


def test_an_entry_with_unreadable_answers_does_not_stop_the_scan(
    repo: Repository,
    team: dict[str, str],
    alva: Actor,
    registry: FormRegistry,
    rules: ScheduleRules,
    caplog: pytest.LogCaptureFixture,
) -> None:
    carer_id = new_carer(repo, alva, team)
    odd = form_entry(
        repo, alva, registry, carer_id, "frivillighet", ["nej"], local(date(2026, 8, 1))
    )  # type: ignore[arg-type]
    later = checkin(repo, alva, registry, carer_id, local(date(2026, 8, 2)), still_own_choice="no")
    with caplog.at_level("WARNING", logger="anhorigdesk.scheduling"):
        written = scan_new_entries(repo, alva, registry, rules)
    assert [t.entry_id for t in written] == [later]
    assert [r.getMessage() for r in caplog.records] == [
        f"entry {odd}: its answers are not a mapping; not scheduled"
    ]
    assert "Greta" not in caplog.text
