"""The home screen's lists brought up to date after a write by patching in the changed carers'
rows (``workspace.agenda.refresh_agenda`` / ``patch_agenda``, issue #18: a saved check-in on
the home screen within 50 ms) give exactly what reading the lists afresh gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from anhorigdesk.scheduling.book import ScheduleBook
from anhorigdesk.scheduling.storage import record_setting
from anhorigdesk.workspace import agenda as agenda_module
from anhorigdesk.workspace.agenda import agenda_from_book, refresh_agenda
from tests.scheduling.sched_helpers import local
from tests.scheduling.test_due_store import NOW, alva, registry, repo, rules, seed, team  # noqa: F401
from tests.scheduling.test_sched_storage import checkin, new_carer

NAMED = 3  # few named rows: carers move across the boundary of the named rows


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """Counts the full reads refresh_agenda falls back to."""
    calls: list[int] = []
    original = agenda_module.agenda_from_book

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(agenda_module, "agenda_from_book", counted)
    return calls


def test_patched_lists_equal_the_lists_read_afresh(repo, team, alva, registry, rules, reads) -> None:  # noqa: F811
    rng = random.Random(1818)
    ids = seed(repo, alva, registry, team, rng, carers=16)
    book = ScheduleBook(repo, alva, registry, rules)
    book.load_all()
    shown = agenda_from_book(repo, alva, book, NOW, named=NAMED)
    assert len(shown.mine) + len(shown.unit) > NAMED * 2  # some rows are not named

    def step(carer_ids: list[str]) -> None:
        nonlocal shown
        before = len(reads)
        shown = refresh_agenda(repo, alva, book, shown, carer_ids, NOW, named=NAMED)
        assert len(reads) == before, "patched, not read afresh"
        fresh = agenda_from_book(repo, alva, book, NOW, named=NAMED)
        assert (shown.mine, shown.unit) == (fresh.mine, fresh.unit)
        assert shown.version == fresh.version

    # the most overdue carer of mine saves a check-in: their row leaves, the next is named
    first = shown.mine[0].item.carer_id
    checkin(repo, alva, registry, first, local(date(2026, 8, 30)))
    step([first])
    # a flagged check-in (a follow-up task appears), a pause, a renamed carer, a new carer
    checkin(repo, alva, registry, ids[3], local(date(2026, 8, 29)), still_own_choice="no")
    step([ids[3]])
    record_setting(repo, alva, ids[4], "pause", at=local(date(2026, 8, 1)), until=date(2026, 10, 1),
                   reason="Vill vänta")
    step([ids[4]])
    renamed = shown.mine[0].item.carer_id
    repo.update_carer(alva, renamed, name="Omdöpt Testperson")
    step([])  # queued by the store's trigger, not named by the caller
    assert shown.mine[0].carer_name == "Omdöpt Testperson"
    newcomer = new_carer(repo, alva, team, name="Ny Testperson", support_contact_id=team["alva"])
    checkin(repo, alva, registry, newcomer, local(date(2025, 1, 2)))
    step([newcomer])
    assert any(a.item.carer_id == newcomer for a in shown.mine)

    # nothing changed: the same lists, nothing read
    again = refresh_agenda(repo, alva, book, shown, [], NOW, named=NAMED)
    assert again is shown


def test_lists_changed_by_another_update_are_read_afresh(repo, team, alva, registry, rules, reads) -> None:  # noqa: F811
    ids = seed(repo, alva, registry, team, random.Random(7), carers=6)
    book = ScheduleBook(repo, alva, registry, rules)
    book.load_all()
    shown = agenda_from_book(repo, alva, book, NOW, named=NAMED)
    # another screen's update stores a carer's new items first: the lists shown are older
    # than the version this update starts from, so they are read again in full
    checkin(repo, alva, registry, ids[0], local(date(2026, 8, 30)))
    book.refresh([ids[0]])
    checkin(repo, alva, registry, ids[1], local(date(2026, 8, 30)))
    refreshed = refresh_agenda(repo, alva, book, shown, [ids[1]], NOW, named=NAMED)
    assert reads == [1]
    fresh = agenda_from_book(repo, alva, book, NOW, named=NAMED)
    assert (refreshed.mine, refreshed.unit) == (fresh.mine, fresh.unit)
    # another day: lateness counts from a new day, read afresh
    later = refresh_agenda(repo, alva, book, refreshed, [], NOW + timedelta(days=1), named=NAMED)
    assert len(reads) == 2
    assert later.day == (NOW + timedelta(days=1)).astimezone(book.tz).date()


def test_due_of_some_carers_is_the_whole_lists_answer_for_them(repo, team, alva, registry, rules) -> None:  # noqa: F811
    """The carer list's search asks what is due for its hits only (``ScheduleBook.due_of``):
    per carer the same as the whole due list gives."""
    from anhorigdesk.workspace.agenda import due_by_carer

    ids = seed(repo, alva, registry, team, random.Random(3), carers=12)
    book = ScheduleBook(repo, alva, registry, rules)
    book.load_all()
    for horizon in (0, 14, 400):
        whole = due_by_carer(book.due(NOW, horizon_days=horizon))
        some = ids[::3]
        assert due_by_carer(book.due_of(NOW, some, horizon_days=horizon)) == {
            cid: due for cid, due in whole.items() if cid in some}
        assert whole  # something is due to compare
