"""One follow-up rule for every form (issue 20, item 5).

A flag that is already being followed up is not raised twice — burden 4 in a check-in and in a
stödplan the same day make ONE "Ansvaret känns för tungt" task — and "Vet inte" on
voluntariness raises a follow-up, as the forms' own help text says it should. Checked through
the paths that create tasks: submitting a form, the scan of entries stored (or synced in)
without tasks, and the schedule's reconcile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from anhorigdesk.forms import FormRegistry, raised_flags
from anhorigdesk.scheduling import (
    CarerHistory,
    CheckinDone,
    DueKind,
    PlanVersion,
    compute_schedule,
    reconcile_follow_ups,
)
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import load_scheduling_inputs, resolve_task, scan_new_entries
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.workspace.responses import submit_response_details

MORNING = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def repo(tmp_path) -> Iterator[Repository]:  # type: ignore[no-untyped-def]
    database = Database(tmp_path / "store.db", os.urandom(32), create=True)
    yield Repository(database)
    database.close()


@pytest.fixture
def registry() -> FormRegistry:
    return FormRegistry.load()


@pytest.fixture
def actor(repo: Repository) -> Actor:
    boot = Actor(staff_id=None, unit_id=None, name="setup")
    unit = repo.create(boot, "unit", name="Anhörigstöd Test", kind="carer_support")
    staff = repo.create(boot, "staff", name="Alva Testsson", unit_id=unit, role="care_worker")
    return Actor(staff_id=staff, unit_id=unit, name="Alva Testsson")


def checkin_answers(**over: object) -> dict[str, object]:
    return {"check_in_date": "2026-09-01", "still_own_choice": "yes", "burden_now": 2,
            "wants_to_reduce": "no", **over}


def plan_answers(**over: object) -> dict[str, object]:
    return {"interview_date": "2026-09-01", "relationship": "partner", "own_choice": "yes",
            "heaviness": 2, "actions": [{"what": "Avlösning på tisdagar", "who": "Anhörigkonsulent"}],
            "next_review": "2027-03-01", **over}


def submit(repo: Repository, registry: FormRegistry, actor: Actor, carer_id: str, form_id: str,
           answers: dict[str, object], when: datetime):  # type: ignore[no-untyped-def]
    return submit_response_details(repo, registry, actor, carer_id, registry.current(form_id),
                                   answers, now=when)


def open_tasks(repo: Repository, carer_id: str) -> list[tuple[str, str]]:
    rows = repo.db.reader().execute(
        "SELECT form_id, flag_id FROM follow_up_tasks WHERE carer_id = ? AND resolved_at IS NULL"
        " AND deleted = 0 ORDER BY raised_at", (carer_id,)).fetchall()
    return [(r[0], r[1]) for r in rows]


def test_burden_in_a_checkin_and_a_plan_the_same_day_make_one_task(
        repo: Repository, registry: FormRegistry, actor: Actor) -> None:
    carer = repo.create_carer(actor, name="Greta Påhittsson", unit_ids=[actor.unit_id])
    first = submit(repo, registry, actor, carer, "frivillighet", checkin_answers(burden_now=4),
                   MORNING)
    second = submit(repo, registry, actor, carer, "stodplan", plan_answers(heaviness=4),
                    MORNING + timedelta(minutes=40))
    # both forms raised the flag; the stödplan's is covered by the check-in's open task
    assert first.flag_ids == ("burden_high",) and second.flag_ids == ("burden_high",)
    assert len(first.task_ids) == 1 and second.task_ids == ()
    assert open_tasks(repo, carer) == [("frivillighet", "burden_high")]
    # the scan and the carer's schedule agree: nothing more is made, one follow-up is shown
    rules = rules_from_registry(registry)
    assert scan_new_entries(repo, actor, registry, rules) == []
    [(state, history)] = load_scheduling_inputs(repo, actor, registry, rules, carer_ids=[carer])
    schedule = compute_schedule(state, history, rules)
    follow_ups = [i for i in schedule.items if i.kind is DueKind.FOLLOW_UP]
    assert [(i.flag_id, i.reason.get("sv")) for i in follow_ups] == [
        ("burden_high", "Uppföljande samtal: Ansvaret känns för tungt")]
    assert schedule.created_tasks == ()


def test_a_resolved_flag_is_raised_again(repo: Repository, registry: FormRegistry,
                                         actor: Actor) -> None:
    carer = repo.create_carer(actor, name="Greta Påhittsson", unit_ids=[actor.unit_id])
    first = submit(repo, registry, actor, carer, "frivillighet", checkin_answers(burden_now=5),
                   MORNING)
    resolve_task(repo, actor, first.task_ids[0], "Vi ringde och bokade avlösning.",
                 at=MORNING + timedelta(days=3))
    again = submit(repo, registry, actor, carer, "stodplan", plan_answers(heaviness=4),
                   MORNING + timedelta(days=10))
    assert len(again.task_ids) == 1
    assert open_tasks(repo, carer) == [("stodplan", "burden_high")]


@pytest.mark.parametrize(("form_id", "answers"), [
    ("frivillighet", checkin_answers(still_own_choice="unsure", not_own_choice_why="Vet inte riktigt.")),
    ("stodplan", plan_answers(own_choice="unsure")),
])
def test_not_sure_about_voluntariness_raises_a_follow_up(
        repo: Repository, registry: FormRegistry, actor: Actor, form_id: str,
        answers: dict[str, object]) -> None:
    form = registry.current(form_id)
    # the form's own advice: a "no" or "not sure" is an answer to follow up
    voluntariness = next(q for q in form.questions() if q.id in ("still_own_choice", "own_choice"))
    assert voluntariness.kind.value == "yes_no_unsure"
    carer = repo.create_carer(actor, name="Greta Påhittsson", unit_ids=[actor.unit_id])
    done = submit(repo, registry, actor, carer, form_id, answers, MORNING)
    assert "voluntariness_unsure" in done.flag_ids
    assert open_tasks(repo, carer) == [(form_id, "voluntariness_unsure")]
    label = rules_from_registry(registry).flag_action(form_id, "voluntariness_unsure").label
    assert label.get("sv").startswith("Osäker på om omsorgen")


def test_every_voluntariness_question_flags_no_and_not_sure(registry: FormRegistry) -> None:
    """Across the built-in forms: wherever the carer is asked whether the caring is their
    own choice, both "no" and "not sure" raise a follow-up."""
    asked = 0
    for form in registry.forms():
        for q in form.questions():
            if q.id not in ("still_own_choice", "own_choice"):
                continue
            asked += 1
            for answer in ("no", "unsure"):
                flags = {f.flag_id for f in raised_flags(form, {q.id: answer})}
                assert flags, f"{form.id}: {q.id}={answer} raises no follow-up"
            assert not raised_flags(form, {q.id: "yes"})
    assert asked == 2


def test_the_rule_is_the_same_however_the_tasks_are_made() -> None:
    """The reconcile (what a sync or an import meets) applies the same rule, oldest first,
    whatever order the history comes in."""
    registry = FormRegistry.load()
    rules = rules_from_registry(registry)
    checkin = CheckinDone("ci-1", MORNING, flags=("burden_high",))
    plan = PlanVersion("plan-1", MORNING + timedelta(minutes=40), flags=("burden_high",))
    for history in (CarerHistory(checkins=(checkin,), plan_versions=(plan,)),
                    CarerHistory(plan_versions=(plan,), checkins=(checkin,))):
        tasks, created = reconcile_follow_ups("carer-1", history, rules)
        assert [(t.entry_id, t.flag_id) for t in tasks] == [("ci-1", "burden_high")]
        assert created == tasks


def test_the_scan_of_entries_that_came_without_tasks_makes_one(
        repo: Repository, registry: FormRegistry, actor: Actor) -> None:
    """Entries synced in or imported arrive without their tasks; the scan makes them by the
    same rule (here in one batch, and the later entry stored first)."""
    carer = repo.create_carer(actor, name="Greta Påhittsson", unit_ids=[actor.unit_id])
    for form_id, answers, when in (
            ("stodplan", plan_answers(heaviness=5), MORNING + timedelta(hours=2)),
            ("frivillighet", checkin_answers(burden_now=4), MORNING)):
        form = registry.current(form_id)
        stored = registry.stored_version(form)
        repo.remember_form_version(stored.fingerprint, stored.form_id, stored.version,
                                   stored.canonical_json)
        repo.add_entry(actor, carer, form.entry_kind or form.id, answers, occurred_at=when,
                       form_id=form.id, form_version=form.version,
                       form_fingerprint=form.fingerprint)
    written = scan_new_entries(repo, actor, registry, rules_from_registry(registry))
    assert [(t.form_id, t.flag_id) for t in written] == [("frivillighet", "burden_high")]
    assert open_tasks(repo, carer) == [("frivillighet", "burden_high")]
