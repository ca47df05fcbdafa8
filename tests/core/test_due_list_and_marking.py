"""The carer list's due data (due_by_carer, list_carers with ids) and the marking's consent rule."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest

from anhorigdesk.scheduling import DueItem, DueKind
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.workspace.agenda import due_by_carer
from anhorigdesk.workspace.marking import SharingNotConsented, check_marking, share_consent


@pytest.fixture
def repo(tmp_path):
    database = Database(tmp_path / "store.db", os.urandom(32), create=True)
    yield Repository(database)
    database.close()


@pytest.fixture
def actor(repo) -> Actor:
    return Actor(staff_id="staff-1", unit_id="unit-1", name="Testa Testsson")


def _item(carer: str, days: int, kind: DueKind = DueKind.CHECKIN) -> DueItem:
    from anhorigdesk.forms import LocalText

    return DueItem(kind, carer, date(2026, 11, 27) - timedelta(days=days), "code", LocalText.of({"sv": "x"}),
                   None, None, days, None)


def test_due_by_carer_keeps_the_most_pressing_item_and_counts():
    items = [_item("a", 30), _item("b", 10, DueKind.FOLLOW_UP), _item("a", 2, DueKind.PLAN_REVIEW),
             _item("c", -3)]
    due = due_by_carer(items)
    assert list(due) == ["a", "b", "c"]  # the due list's order: most overdue first
    assert due["a"].first.days_overdue == 30 and due["a"].count == 2 and due["a"].overdue
    assert due["b"].count == 1 and due["b"].first.kind is DueKind.FOLLOW_UP
    assert not due["c"].overdue


def test_list_carers_with_ids_keeps_their_order_and_the_filters(repo, actor):
    ids = {name: repo.create_carer(actor, name=name, unit_ids=["unit-1"], is_child=name.startswith("C"),
                                   status="ended" if name.startswith("D") else "active")
           for name in ("Alva Exempelsson", "Bo Påhittberg", "Cilla Demoström", "Dan Låtsasson")}
    order = [ids["Cilla Demoström"], ids["Dan Låtsasson"], ids["Alva Exempelsson"]]
    names = [r["name"] for r in repo.list_carers(actor, carer_ids=order)]
    assert names == ["Cilla Demoström", "Alva Exempelsson"]  # ended carers stay out by default
    names = [r["name"] for r in repo.list_carers(actor, carer_ids=order, include_ended=True)]
    assert names == ["Cilla Demoström", "Dan Låtsasson", "Alva Exempelsson"]
    assert [r["name"] for r in repo.list_carers(actor, carer_ids=order, child_only=True)] == ["Cilla Demoström"]
    assert [r["name"] for r in repo.list_carers(actor, carer_ids=order, offset=1, limit=1)] == ["Alva Exempelsson"]
    assert repo.list_carers(actor, carer_ids=[]) == []
    assert len(repo.list_carers(actor)) == 3  # without ids: every active carer, by name


def test_sharing_needs_a_standing_consent(repo, actor):
    carer = repo.create_carer(actor, name="Alva Exempelsson")
    check_marking(repo, carer, "carer_only")
    with pytest.raises(SharingNotConsented) as raised:
        check_marking(repo, carer, "shareable")
    assert "inte samtyckt" in raised.value.localized("sv")
    assert "not consented" in raised.value.localized("en")
    with pytest.raises(ValueError, match="marking must be one of"):
        check_marking(repo, carer, "public")

    repo.create(actor, "consent", carer_id=carer, scope="contact", given_at="2026-09-01", given_how="verbal")
    assert share_consent(repo, carer) is None  # another scope does not allow sharing
    consent = repo.create(actor, "consent", carer_id=carer, scope="share_with_care", given_at="2026-10-01",
                          given_how="written")
    assert share_consent(repo, carer) == {"id": consent, "given_at": "2026-10-01", "given_how": "written"}
    check_marking(repo, carer, "shareable")
    repo.update(actor, "consent", consent, withdrawn_at=datetime.now(UTC).date().isoformat())
    assert share_consent(repo, carer) is None
    with pytest.raises(SharingNotConsented):
        check_marking(repo, carer, "shareable")
