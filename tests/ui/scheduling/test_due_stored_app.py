"""The home screen shows the due items kept in the store at once after start, before the
form definitions have loaded (issue #18), and only when they are whole; the book's answer
that follows is the same list."""

from __future__ import annotations

from anhorigdesk.forms import FormRegistry
from anhorigdesk.scheduling.due_store import stored_due_is_current, update_due_items
from anhorigdesk.scheduling.from_forms import rules_from_registry


def _rows(agenda):
    return [(a.item, a.carer_name, a.mine) for a in (*agenda.mine, *agenda.unit)]


def _open_without_forms(app_run, opened, monkeypatch):
    """The main window with the forms' background load held back (the test starts it):
    what the home screen shows before the forms is then certain."""
    from anhorigdesk.ui import app as app_module

    monkeypatch.setattr(app_module, "FORMS_LOAD_DELAY_MS", 3_600_000)
    return app_run.open(opened, wait_forms=False)


def test_the_stored_due_list_shows_before_the_forms_and_matches_the_book(app_run, qtbot, wait_idle,
                                                                          monkeypatch):
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    names = ["Första Lagrad", "Andra Lagrad", "Tredje Lagrad"]
    for name in names:  # registered today, no check-in yet: each first check-in is due today
        repo.create_carer(actor, name=name, unit_ids=[actor.unit_id], status="active",
                          support_contact_id=actor.staff_id)
    registry = FormRegistry.load()
    update_due_items(repo, actor, registry, rules_from_registry(registry))
    assert stored_due_is_current(repo)

    ctrl, window = _open_without_forms(app_run, opened, monkeypatch)
    due = window.pages["home"]._due_view
    qtbot.waitUntil(lambda: due.agenda is not None, timeout=8000)
    assert ctrl.ctx.workspace.forms is None and ctrl.ctx.workspace.schedule_book is None
    first = due.agenda
    assert sorted(a.carer_name for a in first.mine) == sorted(names)
    # Then the forms load, the book is brought up to date and answers: the same list.
    ctrl._load_forms()
    qtbot.waitUntil(lambda: ctrl.ctx.workspace.schedule_book is not None, timeout=15000)
    qtbot.waitUntil(lambda: due.agenda is not first, timeout=15000)
    wait_idle(ctrl)
    assert _rows(due.agenda) == _rows(first)


def test_a_changed_record_makes_the_home_screen_wait_for_the_book(app_run, qtbot, wait_idle, monkeypatch):
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    carer_id = repo.create_carer(actor, name="Ändrad Lagrad", unit_ids=[actor.unit_id], status="active",
                                 support_contact_id=actor.staff_id)
    registry = FormRegistry.load()
    update_due_items(repo, actor, registry, rules_from_registry(registry))
    repo.update_carer(actor, carer_id, support_contact_id=None)  # queued: the stored item is stale
    assert not stored_due_is_current(repo)

    ctrl, window = _open_without_forms(app_run, opened, monkeypatch)
    due = window.pages["home"]._due_view
    wait_idle(ctrl)  # the home screen's first loads are done: the stale list was not shown
    assert due.agenda is None
    ctrl._load_forms()
    qtbot.waitUntil(lambda: due.agenda is not None, timeout=15000)
    assert ctrl.ctx.workspace.schedule_book is not None
    assert [a.carer_name for a in due.agenda.mine] == []  # no longer my carer
    assert [a.carer_name for a in due.agenda.unit] == ["Ändrad Lagrad"]
    wait_idle(ctrl)


def test_the_due_view_shows_only_named_rows() -> None:
    """The home screen's lists name the carers of the rows the due view can show."""
    from anhorigdesk.ui.scheduling.due_view import MAX_ROWS
    from anhorigdesk.workspace.agenda import SHOWN_ROWS

    assert MAX_ROWS <= SHOWN_ROWS
