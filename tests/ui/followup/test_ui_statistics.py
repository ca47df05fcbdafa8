"""Uppföljning → Statistik (issue #14): the laptop's own figures offline, QtCharts, exports."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk.ui.followup.area import FollowUpArea
from anhorigdesk.ui.followup.statistics_view import StatisticsView
from anhorigdesk.ui.qt import QChartView, QHorizontalBarSeries, Qt


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T12:00").replace(tzinfo=UTC)


def test_statistics_offline_show_the_caseload_with_charts_and_export(app_window, qtbot, wait_idle,
                                                                      tmp_path, save_screenshot):
    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    repo, actor = ws.repository, ws.actor
    carers = [repo.create_carer(actor, name=f"Prov Person {i}", unit_ids=[actor.unit_id]) for i in range(6)]
    for i, carer in enumerate(carers):
        repo.add_entry(actor, carer, "samtal", {"note": "x"}, occurred_at=_at(f"2026-03-0{i + 1}"))
    repo.add_entry(actor, carers[0], "handout", {"kind": "information_handout", "language": "ar"},
                   occurred_at=_at("2026-03-09"))
    window.navigate("followup")
    area = window.pages["followup"]
    assert isinstance(area, FollowUpArea) and window.sidebar.currentRow() == 4
    view = area.section("statistics")
    assert isinstance(view, StatisticsView)
    wait_idle(ctrl)
    assert view.chosen_units() == [actor.unit_id]  # the user's own unit, checked
    assert not view.export_csv.isEnabled()  # nothing to export yet
    view.kind.setCurrentIndex(2)  # year
    view.year.setValue(2026)
    assert view.month.isHidden() and view.term.isHidden()
    with qtbot.waitSignal(view.loaded, timeout=10_000) as loaded:
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    stats = loaded.args[0]
    assert stats.scope == "caseload"
    assert "inte hela enheten" in view.scope_label.text()  # offline: says so
    assert stats.count("conversations", "held") == 6 and stats.count("handouts", "ar") == 1
    cells = {(view.table.item(r, 0).text(), view.table.item(r, 1).text()): view.table.item(r, 2).text()
             for r in range(view.table.rowCount())}
    assert cells[("Samtal", "Hållna")] == "6"  # on screen: the figure itself
    # Qt's own charts: one chart per area, its bars holding the counts
    charts = view.findChildren(QChartView)
    assert {c.objectName() for c in charts} >= {"chart_carers", "chart_conversations", "chart_handouts"}
    conversations = next(c for c in charts if c.objectName() == "chart_conversations")
    (series,) = conversations.chart().series()
    assert isinstance(series, QHorizontalBarSeries) and series.barSets()[0].at(0) == 6.0  # one bar: held
    area.resize(1200, 820)
    save_screenshot(area, "followup_statistics")
    # exports: the handout count 1 is "< 5", the 6 conversations are 6
    path = tmp_path / "statistik.csv"
    task = view.export_to(path, "csv")
    qtbot.waitUntil(lambda: path.exists(), timeout=10_000)
    wait_idle(ctrl)
    text = path.read_bytes().decode("utf-8-sig")
    assert task is not None and ";6" in text and ";< 5" in text and ";1\r\n" not in text


def test_no_unit_chosen_says_so(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    window.navigate("followup")
    view = window.pages["followup"].section("statistics")
    wait_idle(ctrl)
    for i in range(view.units.count()):
        view.units.item(i).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    assert view.error.text() == "Välj minst en enhet."
    assert view.stats is None
