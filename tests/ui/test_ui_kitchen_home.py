"""Home on a small laptop screen (issue 20, item 8): the due lists say what is due in a few
words (the whole reason in the tooltip) and the boxes use the screen's height."""

from __future__ import annotations

from datetime import date


def test_what_is_due_in_a_few_words_and_the_lists_fill_the_height(app_window, qtbot, wait_idle, save_screenshot):
    from anhorigdesk.ui.pages.entry import load_form_registry

    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    window.resize(1366, 800)
    repo.create_carer(actor, name="Märta Öberg", unit_ids=[actor.unit_id], status="active",
                      support_contact_id=actor.staff_id, birth_date=date(1950, 5, 5))
    ctrl._forms_loaded(load_form_registry(ctrl.ctx.workspace))
    window.navigate("home")
    home = window.pages["home"]
    due = home._due_view
    qtbot.waitUntil(lambda: due.mine.topLevelItemCount() == 1, timeout=15000)
    wait_idle(ctrl)
    row = due.mine.topLevelItem(0)
    assert row.text(1) == "Första avstämningen"
    assert row.toolTip(1) == "Avstämning: Första samtalet om frivillighet"
    assert row.text(2) == "Märta Öberg, f. 1950"
    # the column shows the whole short label
    assert due.mine.columnWidth(1) >= due.mine.fontMetrics().horizontalAdvance(row.text(1))

    # no blank band under the boxes: the due box and the right column reach the bottom margin
    save_screenshot(window, "kitchen_home")
    bottom = home.height() - home.layout().contentsMargins().bottom()
    for box in (home.due_box, home.drafts_box):
        gap = bottom - box.geometry().bottom()
        assert gap <= 2, f"{box.title()}: {gap} px blank below"
