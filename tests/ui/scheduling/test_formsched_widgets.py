"""The due view and the chart on their own (no store): caps, targets, text alternatives."""

from __future__ import annotations

from datetime import date

import pytest

from anhorigdesk.scheduling import DueItem, DueKind, reason_text
from anhorigdesk.ui.i18n import LanguageSwitcher
from anhorigdesk.ui.scheduling.chart import CheckinChart
from anhorigdesk.ui.scheduling.due_view import MAX_ROWS, DueView, target_for
from anhorigdesk.ui.scheduling.reminder import reminder_text
from anhorigdesk.workspace.agenda import Agenda, AgendaItem, CheckinPoint


@pytest.fixture(autouse=True)
def swedish(qapp):
    """The Swedish catalogue installed, as the app does by default."""
    switcher = LanguageSwitcher(qapp)
    switcher.set_language("sv")
    yield switcher
    switcher.uninstall()


def _item(i: int, kind: DueKind = DueKind.CHECKIN, late: int = 3) -> AgendaItem:
    code = {DueKind.CHECKIN: "first_checkin", DueKind.PLAN_REVIEW: "plan_review_date",
            DueKind.FOLLOW_UP: "flag_follow_up"}[kind]
    due = DueItem(kind, f"carer-{i}", date(2026, 1, 1), code, reason_text(code), "staff", "unit", late,
                  None, "flag" if kind is DueKind.FOLLOW_UP else None,
                  f"task-{i}" if kind is DueKind.FOLLOW_UP else None)
    return AgendaItem(due, f"Fiktiv {i}", True)


def test_each_kind_opens_its_own_screen():
    assert target_for(_item(1).item, "A") == ("entry", {"carer_id": "carer-1", "kind": "frivillighet",
                                                         "carer_name": "A"})
    assert target_for(_item(2, DueKind.PLAN_REVIEW).item)[1]["kind"] == "stodplan"
    page, argument = target_for(_item(3, DueKind.FOLLOW_UP).item)
    assert page == "follow_up" and argument["task_id"] == "task-3"


def test_long_lists_show_the_most_urgent_rows_and_say_so(qtbot):
    view = DueView()
    qtbot.addWidget(view)
    items = tuple(_item(i, late=500 - i) for i in range(MAX_ROWS + 50))
    view.set_agenda(Agenda(items, ()))
    assert view.mine.topLevelItemCount() == MAX_ROWS
    assert view.mine.topLevelItem(0).text(0) == "500 dagar sen"
    assert view.mine_more.text() == f"Visar de {MAX_ROWS} mest brådskande av {MAX_ROWS + 50}."
    assert view.unit_empty.text().startswith("Inget annat i din enhet")
    opened = []
    view.open_requested.connect(lambda page, argument: opened.append((page, argument["carer_id"])))
    view.mine.itemClicked.emit(view.mine.topLevelItem(1), 0)
    view.mine.itemActivated.emit(view.mine.topLevelItem(1), 0)  # the same click, reported twice
    assert opened == [("entry", "carer-1")]


def test_lateness_words_and_reminder_counts():
    view = DueView()
    assert [view.lateness_text(d) for d in (2, 1, 0, -1, -5)] == [
        "2 dagar sen", "1 dag sen", "I dag", "om 1 dag", "om 5 dagar"]
    assert reminder_text(0, 0) == ""
    assert reminder_text(1, 0) == "Påminnelse: 1 försenad uppgift för dig. Se Hem."
    assert reminder_text(3, 2, point_home=False) == "Försenat: 3 försenade uppgifter för dig, 2 till i din enhet."
    view.deleteLater()


def test_chart_draws_and_describes_the_series(qtbot, tmp_path):
    chart = CheckinChart()
    qtbot.addWidget(chart)
    chart.resize(420, 200)
    empty = chart.grab().toImage()
    chart.set_points([CheckinPoint(date(2026, 1, 10), "yes", 2), CheckinPoint(date(2026, 4, 2), "no", 5),
                      CheckinPoint(date(2026, 7, 1), "unsure", None)])
    drawn = chart.grab().toImage()
    assert drawn != empty  # the line and the markers are painted
    assert chart.accessibleDescription() == (
        "2026-01-10: eget val, belastning 2 av 5; 2026-04-02: inte eget val, belastning 5 av 5; "
        "2026-07-01: osäker, belastning – av 5")


def test_due_view_follows_a_language_switch(qtbot, swedish):
    view = DueView()
    qtbot.addWidget(view)
    view.set_agenda(Agenda((_item(1, late=2),), ()))
    assert view.mine_label.text() == "Mina"
    switcher = swedish
    switcher.set_language("en")
    qtbot.waitUntil(lambda: view.mine_label.text() == "Mine")
    assert view.mine.topLevelItem(0).text(0) == "2 days late"
    switcher.set_language("sv")
    qtbot.waitUntil(lambda: view.mine_label.text() == "Mina")
