"""Uppföljning → Gallring (#13): a unit manager sees which of the unit's carers are due for
thinning in the next 90 days, in Swedish, with what happens to each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from anhorigdesk.lifecycle.retention import Outcome
from anhorigdesk.lifecycle.thinning_due import due_for_thinning
from anhorigdesk.scheduling.clock import FixedClock
from anhorigdesk.ui.followup.area import FollowUpArea
from anhorigdesk.ui.followup.thinning_view import ThinningDueView


def test_the_units_carers_due_for_thinning_are_listed(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    repo, actor = ws.repository, ws.actor
    due = repo.create_carer(actor, name="Gallras Snartsson", unit_ids=[actor.unit_id],
                            personnummer="19500304-2388")  # born on the 4th: thinned
    kept = repo.create_carer(actor, name="Forskas Femtonsson", unit_ids=[actor.unit_id],
                             personnummer="19500315-2385")  # born on the 15th: kept for research
    other_unit = repo.create_carer(actor, name="Annan Enhetsson", unit_ids=["annan-enhet"])
    written = datetime.now(UTC).date()
    # five years on, 60 days before the thinning date
    ws.clock = FixedClock(datetime.combine(written + timedelta(days=5 * 365 - 60), datetime.min.time(), UTC))
    window.navigate("followup")
    area = window.pages["followup"]
    assert isinstance(area, FollowUpArea)
    view = area.section("thinning")
    assert isinstance(view, ThinningDueView)
    with qtbot.waitSignal(view.loaded, timeout=10_000) as loaded:
        area.show_section("thinning")
    listed = {d.carer_id: d for d in loaded.args[0]}
    assert set(listed) >= {due, kept} and other_unit not in listed  # the user's unit only
    assert listed[due].outcome is Outcome.THIN and listed[kept].outcome is Outcome.KEEP_RESEARCH
    assert listed[due].due.year == written.year + 5
    assert view.table.rowCount() == len(listed)
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert "Gallras Snartsson" in names and "Annan Enhetsson" not in names
    assert view.section_title() == "Gallring" and area.tabs.tabText(area.tabs.indexOf(view)) == "Gallring"
    assert view.summary.text() == "2 anhöriga i din enhet ska gallras de närmaste 90 dagarna."
    row = names.index("Forskas Femtonsson")
    assert "forskning" in view.table.item(row, 3).text()
    area.resize(1100, 600)
    save_screenshot(area, "followup_thinning")
    wait_idle(ctrl)


def test_due_for_thinning_reads_the_newest_activity_about_a_carer(app_window, wait_idle):
    """A new entry about a carer moves the date: only carers without recent activity show."""
    ctrl, _window = app_window
    ws = ctrl.ctx.workspace
    repo, actor = ws.repository, ws.actor
    quiet = repo.create_carer(actor, name="Tyst Tystsson", unit_ids=[actor.unit_id])
    busy = repo.create_carer(actor, name="Flitig Flitigsson", unit_ids=[actor.unit_id])
    today = datetime.now(UTC).date()
    later = date(today.year + 5, today.month, min(today.day, 28)) - timedelta(days=30)
    conn = repo.db.reader()
    assert {d.carer_id for d in due_for_thinning(conn, actor.unit_id, later)} == {quiet, busy}
    # the busy carer's entry written "a year later" (its clock is what counts)
    conn_w_rows = repo.db.writer.run(lambda c: c.execute(
        "UPDATE carers SET hlc = ? WHERE id = ?",
        (f"{int((datetime.now(UTC) + timedelta(days=365)).timestamp() * 1000):016d}-00000-x", busy)).rowcount)
    assert conn_w_rows == 1
    assert {d.carer_id for d in due_for_thinning(repo.db.reader(), actor.unit_id, later)} == {quiet}
    assert due_for_thinning(repo.db.reader(), actor.unit_id, later, days=0) == []
    wait_idle(ctrl)
