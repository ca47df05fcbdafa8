"""The due list kept in the store (issue #18, ``scheduling.due_store``, laptop migration
``0016_due_items``) gives exactly the items the full computation gives (every schedule
rebuilt from every stored row, then ``due_list``), on a seeded data set changed step by step
— check-ins with and without flags, plans, korttid stays, situation changes, decisions,
intervals, relations ended, a case closed and reopened, a support contact changing unit —
and after the migration on a profile that had none."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.lifecycle.case import close_case, end_relation, reopen_case
from anhorigdesk.scheduling import ScheduleRules, due_list
from anhorigdesk.scheduling.book import ScheduleBook
from anhorigdesk.scheduling.due_store import (
    read_due_items,
    stored_due_is_current,
    update_due_items,
)
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import (
    build_schedules,
    record_setting,
    resolve_task,
    set_interval,
)
from anhorigdesk.store import Actor, Database, Repository, migrations
from anhorigdesk.store.engine import open_database
from tests.scheduling.sched_helpers import local
from tests.scheduling.test_sched_storage import checkin, form_entry, new_carer

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
HORIZONS = (0, 14, 90, 4000)


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
    boot = Actor(staff_id=None, unit_id=None, name="setup")
    north = repo.create(boot, "unit", name="Hemtjänst Norr (test)", kind="home_care")
    south = repo.create(boot, "unit", name="Anhörigstöd Söder (test)", kind="carer_support")
    alva = repo.create(boot, "staff", name="Alva Testsson", unit_id=north, role="care_worker")
    bruno = repo.create(boot, "staff", name="Bruno Exempelberg", unit_id=south, role="support_consultant")
    return {"north": north, "south": south, "alva": alva, "bruno": bruno}


@pytest.fixture
def alva(team: dict[str, str]) -> Actor:
    return Actor(staff_id=team["alva"], unit_id=team["north"], name="Alva Testsson")


def assert_same_as_full_computation(
    repo: Repository, actor: Actor, registry: FormRegistry, rules: ScheduleRules, team: dict[str, str]
) -> int:
    """Bring the stored items up to date, then compare them with the full computation for
    several horizons and filters; returns how many items were compared."""
    update_due_items(repo, actor, registry, rules)
    assert stored_due_is_current(repo)
    schedules = build_schedules(repo, actor, registry, rules)
    compared = 0
    for horizon in HORIZONS:
        for when in (NOW, NOW + timedelta(days=45)):
            expected = due_list(schedules, when, horizon_days=horizon)
            assert read_due_items(repo, when, horizon_days=horizon) == expected
            compared += len(expected)
            for staff in (team["alva"], team["bruno"]):
                assert read_due_items(repo, when, staff_id=staff, horizon_days=horizon) == due_list(
                    schedules, when, staff_id=staff, horizon_days=horizon)
            for units in ([team["north"]], [team["south"]], [team["north"], team["south"]]):
                assert read_due_items(repo, when, unit_ids=units, horizon_days=horizon) == due_list(
                    schedules, when, unit_ids=units, horizon_days=horizon)
            mine = due_list(schedules, when, horizon_days=horizon)
            assert read_due_items(repo, when, horizon_days=horizon, mine_or_unit=(team["alva"], team["north"])) == [
                i for i in mine if i.owner_staff_id == team["alva"] or i.unit_id == team["north"]]
            assert read_due_items(repo, when, horizon_days=horizon, limit=5) == expected[:5]
    return compared


def seed(repo: Repository, actor: Actor, registry: FormRegistry, team: dict[str, str], rng: random.Random,
         carers: int = 24) -> list[str]:
    """Carers with histories: check-ins (some raising flags), plans, korttid stays."""
    ids = []
    for n in range(carers):
        contact = rng.choice([team["alva"], team["bruno"], None])
        unit = team["south"] if contact == team["bruno"] else team["north"]
        carer_id = new_carer(repo, actor, team, name=f"Testperson {n}", unit_ids=[unit], support_contact_id=contact)
        ids.append(carer_id)
        day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 400))
        for _ in range(rng.randint(0, 3)):
            flagged = rng.random() < 0.3
            checkin(repo, actor, registry, carer_id, local(day),
                    still_own_choice="no" if flagged else "yes", burden_now=5 if rng.random() < 0.2 else 2)
            day += timedelta(days=rng.randint(30, 200))
        if rng.random() < 0.5:
            form_entry(repo, actor, registry, carer_id, "stodplan",
                       {"next_review": (day + timedelta(days=rng.randint(-60, 120))).isoformat()}, local(day))
        if rng.random() < 0.3:
            end = day + timedelta(days=rng.randint(-30, 30))
            repo.add_entry(actor, carer_id, "korttid", {"stay_end": end.isoformat()},
                           occurred_at=local(end - timedelta(days=7)))
    return ids


def test_the_stored_due_list_follows_every_kind_of_change(
    repo: Repository, team: dict[str, str], alva: Actor, registry: FormRegistry, rules: ScheduleRules
) -> None:
    rng = random.Random(18)
    ids = seed(repo, alva, registry, team, rng)
    assert not stored_due_is_current(repo)  # never computed
    assert assert_same_as_full_computation(repo, alva, registry, rules, team) > 20

    # A new check-in raising a flag: the scan makes its follow-up task; only that carer and
    # the ones queued are recomputed.
    checkin(repo, alva, registry, ids[0], local(date(2026, 8, 20)), still_own_choice="no")
    assert update_due_items(repo, alva, registry, rules) == {ids[0]}
    assert_same_as_full_computation(repo, alva, registry, rules, team)

    # Decisions, an interval, a resolved follow-up, a situation change.
    record_setting(repo, alva, ids[1], "pause", at=local(date(2026, 8, 1)), until=date(2026, 10, 1),
                   reason="Vill vänta")
    record_setting(repo, alva, ids[2], "decline", at=local(date(2026, 8, 2)), reason="Vill inte")
    set_interval(repo, alva, ids[3], 3)
    open_task = repo.db.reader().execute(
        "SELECT id FROM follow_up_tasks WHERE resolved_at IS NULL LIMIT 1").fetchone()
    if open_task is not None:
        resolve_task(repo, alva, open_task[0], "Samtal hållet.", at=local(date(2026, 8, 25)))
    repo.update_carer(alva, ids[4], life_situation={"work": "sjukskriven"})
    assert not stored_due_is_current(repo)  # queued in the same transaction as the writes
    assert_same_as_full_computation(repo, alva, registry, rules, team)

    # A case closed, then reopened; a relation ended.
    close_case(repo, alva, ids[5], "support_ended", at=local(date(2026, 8, 10)))
    assert_same_as_full_computation(repo, alva, registry, rules, team)
    reopen_case(repo, alva, ids[5], at=local(date(2026, 8, 20)))
    assert_same_as_full_computation(repo, alva, registry, rules, team)
    boot = Actor(staff_id=None, unit_id=None, name="setup")
    person = repo.create(boot, "cared_for", name="Omsorgstagare Test")
    relation = repo.create(alva, "relation", carer_id=ids[6], cared_for_id=person, kind="partner")
    assert_same_as_full_computation(repo, alva, registry, rules, team)
    end_relation(repo, alva, relation, "died", on=date(2026, 8, 15))
    assert_same_as_full_computation(repo, alva, registry, rules, team)

    # The support contact moves to the other unit: every carer of theirs changes owner unit.
    repo.update(boot, "staff", team["alva"], unit_id=team["south"])
    assert not stored_due_is_current(repo)
    assert_same_as_full_computation(repo, alva, registry, rules, team)

    # Other rules (another form definition): everything is recomputed.
    other = rules_from_registry(registry, plan_review_every_months=3)
    recomputed = update_due_items(repo, alva, registry, other)
    assert set(ids) <= recomputed
    schedules = build_schedules(repo, alva, registry, other)
    assert read_due_items(repo, NOW, horizon_days=4000) == due_list(schedules, NOW, horizon_days=4000)


def test_a_change_while_a_carer_is_recomputed_keeps_them_queued(
    repo: Repository, team: dict[str, str], alva: Actor, registry: FormRegistry, rules: ScheduleRules
) -> None:
    carer_id = new_carer(repo, alva, team)
    update_due_items(repo, alva, registry, rules)
    checkin(repo, alva, registry, carer_id, local(date(2026, 2, 5)))
    update_due_items(repo, alva, registry, rules)
    gen = repo.db.reader().execute("SELECT count(*) FROM due_dirty").fetchone()[0]
    assert gen == 0
    # Queued with gen 1, then changed again (gen 2) after the queue was read: removing
    # "carer at gen 1" leaves them queued.
    record_setting(repo, alva, carer_id, "pause", at=NOW, until=date(2026, 12, 1), reason="Paus")
    queued = dict(repo.db.reader().execute("SELECT carer_id, gen FROM due_dirty").fetchall())
    set_interval(repo, alva, carer_id, 2)
    repo.db.writer.run(lambda conn: conn.executemany(
        "DELETE FROM due_dirty WHERE carer_id = ? AND gen = ?", list(queued.items())))
    assert not stored_due_is_current(repo)
    assert_same_as_full_computation(repo, alva, registry, rules, team)


def test_the_book_reads_the_stored_items(
    repo: Repository, team: dict[str, str], alva: Actor, registry: FormRegistry, rules: ScheduleRules
) -> None:
    ids = seed(repo, alva, registry, team, random.Random(5), carers=8)
    book = ScheduleBook(repo, alva, registry, rules)
    book.load_all()
    assert len(book) == len(ids)
    schedules = build_schedules(repo, alva, registry, rules)
    assert book.due(NOW) == due_list(schedules, NOW)
    assert book.refresh([]) == set()  # nothing changed: nothing recomputed


def test_migration_0016_queues_every_existing_carer_and_the_first_load_fills_them(
    tmp_path, monkeypatch: pytest.MonkeyPatch, registry: FormRegistry, rules: ScheduleRules
) -> None:
    path, key = tmp_path / "old.db", os.urandom(32)
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if m.name != "0016_due_items"])
    database = Database(path, key, create=True)
    repo = Repository(database)
    boot = Actor(staff_id=None, unit_id=None, name="setup")
    north = repo.create(boot, "unit", name="Hemtjänst Norr (test)", kind="home_care")
    south = repo.create(boot, "unit", name="Anhörigstöd Söder (test)", kind="carer_support")
    team = {"north": north, "south": south,
            "alva": repo.create(boot, "staff", name="Alva Testsson", unit_id=north, role="care_worker"),
            "bruno": repo.create(boot, "staff", name="Bruno Exempelberg", unit_id=south, role="support_consultant")}
    alva = Actor(staff_id=team["alva"], unit_id=north, name="Alva Testsson")
    ids = seed(repo, alva, registry, team, random.Random(3), carers=10)
    database.close()
    monkeypatch.undo()

    conn = open_database(path, key)
    try:
        assert migrations.migrate(conn) == ["0016_due_items"]
        assert {r[0] for r in conn.execute("SELECT carer_id FROM due_dirty")} == set(ids)
    finally:
        conn.close()
    database = Database(path, key)
    try:
        repo = Repository(database)
        assert not stored_due_is_current(repo)
        assert assert_same_as_full_computation(repo, alva, registry, rules, team) > 0
    finally:
        database.close()


def test_every_table_a_schedule_is_computed_from_queues_its_carer(repo: Repository) -> None:
    """A later migration that rebuilds one of these tables must make its triggers again."""
    triggers = {
        (r[0], r[1]) for r in repo.db.reader().execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'due_dirty_%'")
    }
    for table, (_column, events) in migrations.DUE_SOURCES.items():
        for event in events:
            assert (table, f"due_dirty_{table}_{event.lower()}") in triggers
    assert ("staff", "due_dirty_staff_update") in triggers
