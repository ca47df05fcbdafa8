"""The carer list's due column and due filters, fed by the schedules (check-ins due)."""

from __future__ import annotations

from anhorigdesk.forms import FormRegistry
from anhorigdesk.scheduling import FixedClock
from anhorigdesk.scheduling.clock import local_date
from anhorigdesk.scheduling.storage import set_interval
from anhorigdesk.ui.models.carers import DUE_ANY, DUE_OVERDUE, DUE_SOON, CarerListModel
from anhorigdesk.ui.qt import QColor, Qt
from anhorigdesk.workspace.responses import submit_response
from tests.ui.helpers.clock import days_from_now

REGISTRY = FormRegistry.load()


def _checkin(repo, actor, carer_id, days: int) -> None:
    form = REGISTRY.current("frivillighet")
    submit_response(repo, REGISTRY, actor, carer_id, form,
                    {"check_in_date": local_date(days_from_now(days)).isoformat(), "still_own_choice": "yes",
                     "burden_now": 2, "wants_to_reduce": "no"}, now=days_from_now(days))


def _people(opened):
    """Alva: never checked in (due since registration, 30 days late); Bo: checked in last
    week (next in six months); Cilla: monthly check-ins, the next in about five days."""
    repo, actor = opened.repo, opened.actor
    ids = {}
    for name in ("Alva Exempelsson", "Bo Påhittberg", "Cilla Demoström"):
        ids[name] = repo.create_carer(actor, name=name, unit_ids=[actor.unit_id], status="active",
                                      support_contact_id=actor.staff_id)
    _checkin(repo, actor, ids["Bo Påhittberg"], 25)
    set_interval(repo, actor, ids["Cilla Demoström"], 1)
    _checkin(repo, actor, ids["Cilla Demoström"], 5)
    return ids


def _names(model) -> list[str]:
    return [model.index(r, CarerListModel.NAME).data() for r in range(model.rowCount())]


def _choose_due(page, value: str) -> None:
    page.due_filter.setCurrentIndex(page.due_filter.findData(value))


def test_due_column_and_due_filters(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    ids = _people(opened)
    registered = local_date(days_from_now(0)).isoformat()
    ctrl, window = app_run.open(opened, FixedClock(days_from_now(30)))
    window.navigate("carers")
    page = window.pages["carers"]
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3 and model.due is not None, timeout=10_000)
    wait_idle(ctrl)

    names = _names(model)
    alva = model.index(names.index("Alva Exempelsson"), CarerListModel.DUE)
    assert alva.data() == f"Avstämning · försenad sedan {registered}"
    assert alva.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b3261e")
    assert alva.data(Qt.ItemDataRole.ToolTipRole)  # the schedule's reason, in words
    cilla = model.index(names.index("Cilla Demoström"), CarerListModel.DUE).data()
    assert cilla.startswith("Avstämning · förfaller ")
    assert model.index(names.index("Bo Påhittberg"), CarerListModel.DUE).data() == ""
    save_screenshot(window, "carers_due_column")

    # "Har något som förfaller": overdue and soon due, the most overdue first
    _choose_due(page, DUE_SOON)
    qtbot.waitUntil(lambda: _names(model) == ["Alva Exempelsson", "Cilla Demoström"])
    _choose_due(page, DUE_OVERDUE)
    qtbot.waitUntil(lambda: _names(model) == ["Alva Exempelsson"])
    assert page.count_label.text() == "1 anhörig"
    save_screenshot(window, "carers_due_filter_overdue")

    # the filter holds for search hits too
    qtbot.keyClicks(page.search, "Cilla")
    qtbot.waitUntil(lambda: model.query == "Cilla" and not model.is_loading)
    qtbot.waitUntil(lambda: page.empty_label.isVisibleTo(page))
    assert _names(model) == []
    _choose_due(page, DUE_SOON)
    qtbot.waitUntil(lambda: _names(model) == ["Cilla Demoström"])
    page.search.clear()
    _choose_due(page, DUE_ANY)
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not model.is_loading)

    # A check-in recorded for Alva: her row no longer says anything is due
    _checkin(opened.repo, opened.actor, ids["Alva Exempelsson"], 30)
    ctrl.refresh_schedule(ids["Alva Exempelsson"])
    wait_idle(ctrl)
    window.navigate("home")
    window.navigate("carers")
    row = _names(model).index("Alva Exempelsson")
    qtbot.waitUntil(lambda: model.index(row, CarerListModel.DUE).data() == "")


def test_due_filter_waits_for_the_schedules(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    _people(opened)
    ctrl, window = app_run.open(opened, FixedClock(days_from_now(30)))
    wait_idle(ctrl)
    book, ctrl.ctx.workspace.schedule_book = ctrl.ctx.workspace.schedule_book, None  # as just after start, before it is built
    window.navigate("carers")
    page = window.pages["carers"]
    model = page.model
    _choose_due(page, DUE_OVERDUE)
    qtbot.waitUntil(lambda: model.due_pending and not model.is_loading)
    qtbot.waitUntil(lambda: page.empty_label.isVisibleTo(page))
    assert page.empty_label.text() == "Räknar ut vad som förfaller…"
    assert model.rowCount() == 0
    ctrl.ctx.workspace.schedule_book = book
    qtbot.waitUntil(lambda: _names(model) == ["Alva Exempelsson"], timeout=5000)
    assert not page.empty_label.isVisibleTo(page)
