"""Correcting an entry from its page, and the carer's timeline and history showing it."""

from __future__ import annotations

from datetime import UTC, datetime

ANSWERS = {"check_in_date": "2026-03-02", "still_own_choice": "yes", "burden_now": 2,
           "wants_to_reduce": "no"}


def test_correct_an_entry_keeps_the_old_readable_and_marked(app_window, qtbot, wait_idle):
    from anhorigdesk.ui.scheduling.service import shared_registry

    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    registry = shared_registry(ctrl.ctx, load=True)
    carer_id = ws.repository.create_carer(ws.actor, name="Fiktiva Exempelsson", unit_ids=[ws.actor.unit_id])
    form = registry.current("frivillighet")
    old_id = ws.finish_response(form, carer_id, ANSWERS, now=datetime(2026, 3, 2, 10, tzinfo=UTC))
    old = ws.repository.get(ws.actor, "entry", old_id)

    window.navigate("form", {"entry": old})
    page = window.pages["form"]
    qtbot.waitUntil(page.correct_button.isEnabled)
    assert page.correct_button.text() == "&Rätta anteckningen…"
    page.correct_button.click()
    editor = window.pages["entry"]
    qtbot.waitUntil(lambda: window.current_page_name == "entry" and editor.form is not None)
    assert editor.correcting == old_id
    assert editor.heading.text().startswith("Rättelse: ")
    assert editor.form.answers()["burden_now"] == 2  # starts as the stored answers
    editor.form.set_answers({**editor.form.answers(), "burden_now": 4})
    editor.save()
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(carer.entries) == 2)
    wait_idle(ctrl)
    rows = [carer.timeline.topLevelItem(i).text(2) for i in range(carer.timeline.topLevelItemCount())]
    assert any(r.startswith("[rättad ") and ws.actor.name in r for r in rows), rows
    assert any(r.startswith("[rättelse]") for r in rows), rows
    new = next(e for e in carer.entries if e["id"] != old_id)
    assert new["supersedes"] == old_id and new["data"]["burden_now"] == 4

    # the old entry's page says it was corrected, by whom, and keeps its text
    window.navigate("form", {"entry": old})
    qtbot.waitUntil(lambda: page.correction_notice.isVisibleTo(page))
    assert page.correction_notice.text().startswith("Rättad ") and ws.actor.name in page.correction_notice.text()
    assert not page.correct_button.isEnabled()
    qtbot.waitUntil(lambda: page.form is not None)
    assert page.form.answers()["burden_now"] == 2
    page.newer_button.click()
    qtbot.waitUntil(lambda: page.entry["id"] == new["id"] and page.correct_button.isEnabled())
    assert page.correction_notice.text().startswith("Detta är en rättelse")


def test_the_history_of_a_carers_details_shows_old_and_new(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    carer_id = ws.repository.create_carer(ws.actor, name="Fiktiva Exempelsson", phone="070-111 11 11")
    ws.repository.update_carer(ws.actor, carer_id, phone="070-222 22 22")
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    wait_idle(ctrl)
    page.history_button.click()
    qtbot.waitUntil(lambda: getattr(page, "history_dialog", None) is not None and page.history_dialog.isVisible())
    tree = page.history_dialog.tree
    assert tree.topLevelItemCount() == 1
    row = [tree.topLevelItem(0).text(c) for c in range(5)]
    assert row[2:] == ["Telefon", "070-111 11 11", "070-222 22 22"]
    page.history_dialog.reject()
