"""The due items kept in the store (issue #18, ``scheduling.due_store``) follow remote changes:
what sync's apply writes (records, decisions, closing and reopening a case) and what a purge
removes queue the carers in the same transaction, and the stored due list on the receiving
laptop is then exactly the full computation's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from anhorigdesk.forms import FormRegistry
from anhorigdesk.lifecycle.case import close_case, reopen_case
from anhorigdesk.scheduling import due_list
from anhorigdesk.scheduling.due_store import read_due_items, stored_due_is_current, update_due_items
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import build_schedules, record_setting
from anhorigdesk.server.store.purge import write_purge

from .conftest import Laptop, World

NOW = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
LATER = "9999-12-31T00:00:00.000000Z"


def _checkin(laptop: Laptop, registry: FormRegistry, carer_id: str, when: datetime, own_choice: str) -> None:
    form = registry.current("frivillighet")
    laptop.repo.add_entry(
        laptop.actor, carer_id, form.entry_kind or form.id,
        {"check_in_date": when.date().isoformat(), "still_own_choice": own_choice, "burden_now": 2,
         "wants_to_reduce": "no"},
        occurred_at=when, form_id=form.id, form_version=form.version, form_fingerprint=form.fingerprint,
    )


def _same(laptop: Laptop, registry: FormRegistry) -> list:
    rules = rules_from_registry(registry)
    update_due_items(laptop.repo, laptop.actor, registry, rules)
    assert stored_due_is_current(laptop.repo)
    expected = due_list(build_schedules(laptop.repo, laptop.actor, registry, rules), NOW, horizon_days=4000)
    got = read_due_items(laptop.repo, NOW, horizon_days=4000)
    assert got == expected
    return got


def test_remote_changes_and_purges_keep_the_stored_due_list_exact(world: World) -> None:
    registry = FormRegistry.load()
    a, b = world.laptop("a"), world.laptop("b")
    carers = [world.new_carer(a, name=f"Fjärr Testperson {n}") for n in range(4)]
    for n, carer_id in enumerate(carers):
        _checkin(a, registry, carer_id, NOW - timedelta(days=30 * (n + 1)), "no" if n % 2 else "yes")
    _same(b, registry)  # nothing yet on b
    a.sync(), b.sync()
    assert not stored_due_is_current(b.repo)  # entries pulled: not yet scanned
    items = _same(b, registry)
    assert {i.carer_id for i in items} == set(carers)
    assert any(i.flag_id == "not_voluntary" for i in items)  # b's scan raised the follow-up

    # Decisions, a closed case and a reopened one, made on a: applied on b in the pull's
    # transaction, which queues those carers there.
    record_setting(a.repo, a.actor, carers[0], "decline", at=NOW, reason="Vill inte")
    close_case(a.repo, a.actor, carers[1], "support_ended", at=NOW - timedelta(days=3))
    close_case(a.repo, a.actor, carers[2], "support_ended", at=NOW - timedelta(days=9))
    a.sync()
    b.sync()
    queued = {r[0] for r in b.repo.db.reader().execute("SELECT carer_id FROM due_dirty")}
    assert {carers[0], carers[1], carers[2]} <= queued
    _same(b, registry)
    reopen_case(a.repo, a.actor, carers[2], at=NOW - timedelta(days=1))
    a.sync(), b.sync()
    assert carers[2] in {r[0] for r in b.repo.db.reader().execute("SELECT carer_id FROM due_dirty")}
    items = _same(b, registry)
    assert any(i.carer_id == carers[2] and i.reason_code == "schedule_reopened" for i in items)

    # A purge (gallring) removes a carer and their records on b: their items go too.
    result = write_purge(world.server.store, carers[3], None, "gallring", None, active_after=LATER)
    assert result.records > 0
    b.sync()
    assert not stored_due_is_current(b.repo)
    items = _same(b, registry)
    assert carers[3] not in {i.carer_id for i in items}
    assert b.repo.db.reader().execute(
        "SELECT count(*) FROM due_items WHERE carer_id = ?", (carers[3],)).fetchone()[0] == 0
