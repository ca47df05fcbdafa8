"""A search on a word from the notes says why each carer matched (issue 20, item 11): the
words around the match beside the name in the carer list (first in the wide column that
tells carers apart; the name column is narrow), under it in the korttid chooser.
A carer found by name shows the name alone."""

from __future__ import annotations

from anhorigdesk.ui.models.carers import CarerListModel
from anhorigdesk.ui.qt import Qt

NOTE = ("Vi pratade om nätterna och om behovet av avlösning några timmar i veckan, "
        "helst på tisdagar när dottern jobbar.")


def test_search_results_show_the_matching_words(app_window, qtbot, save_screenshot):
    ctrl, window = app_window
    window.resize(1366, 800)
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    asa = repo.create_carer(actor, name="Åsa Övningsberg", unit_ids=[actor.unit_id], status="active")
    repo.create_carer(actor, name="Bo Avlöv", unit_ids=[actor.unit_id], status="active")
    repo.add_entry(actor, asa, "samtal", {"note": NOTE})

    window.navigate("carers")
    page = window.pages["carers"]
    page.search.setText("avl")
    qtbot.waitUntil(lambda: page.model.query == "avl" and not page.model.is_loading and page.model.rowCount() == 2)
    shown = {page.model.index(r, CarerListModel.NAME).data(): page.model.index(r, CarerListModel.WHO).data()
             for r in range(page.model.rowCount())}
    assert shown == {"Åsa Övningsberg": "”…av avlösning några timmar i…”",
                     "Bo Avlöv": ""}  # found by the name: nothing more to say
    row = next(r for r in range(2) if page.model.carer_id(r) == asa)
    tip = page.model.index(row, CarerListModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("\n”…av avlösning några timmar i…”")
    save_screenshot(window, "kitchen_search_match")

    from anhorigdesk.ui.pages.short_term import CarerPicker

    picker = CarerPicker(ctrl.ctx, window)
    picker.search.setText("tisdag")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=5000)
    assert picker.results.item(0).text() == "Åsa Övningsberg\n”…på tisdagar när dottern jobbar.”"

    ctrl.set_language("en")
    qtbot.waitUntil(lambda: page.model.headerData(0, Qt.Orientation.Horizontal) == "Name")
    assert page.model.index(row, CarerListModel.WHO).data() == (
        "“…av avlösning några timmar i…”")
    picker.deleteLater()
