"""Closing and reopening a carer's case and ending a relation, through the carer page."""

from __future__ import annotations


def _carer_page(window, qtbot, wait_idle, ctrl):
    ws = ctrl.ctx.workspace
    carer_id = ws.repository.create_carer(ws.actor, name="Fiktiva Exempelsson", unit_ids=[ws.actor.unit_id])
    ws.repository.link_cared_for(ws.actor, carer_id, name="Påhittad Exempelsson", kind="partner")
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    wait_idle(ctrl)
    return page, carer_id


def test_close_and_reopen_the_support_from_the_carer_page(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    page, carer_id = _carer_page(window, qtbot, wait_idle, ctrl)
    assert page.case_button.text() == "Avsluta s&tödet…"
    page.case_button.click()
    dialog = page.case_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Avsluta stödet"
    dialog.reason.setCurrentIndex(dialog.reason.findData("carer_moved"))
    assert dialog.reason.currentText() == "Anhörigen har flyttat"
    dialog.note.setPlainText("Flyttat till annan kommun")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: page.carer.get("status") == "ended")
    assert "Avslutad" in page.badges.text()
    assert page.case_button.text() == "Återuppta s&tödet…"
    events = ctrl.ctx.workspace.case_events(carer_id)
    assert [(e.kind, e.reason, e.note) for e in events] == [("close", "carer_moved", "Flyttat till annan kommun")]

    page.case_button.click()
    reopen = page.case_dialog
    qtbot.waitUntil(reopen.isVisible)
    assert not reopen.reason.isVisibleTo(reopen)
    reopen.buttons.accepted.emit()
    qtbot.waitUntil(lambda: page.carer.get("status") == "active")
    assert "Avslutad" not in page.badges.text()


def test_end_a_relation_from_the_carer_page(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    page, _carer_id = _carer_page(window, qtbot, wait_idle, ctrl)
    assert not page.end_relation_button.isEnabled()
    page.relations_list.setCurrentRow(0)
    assert page.end_relation_button.isEnabled()
    page.end_relation_button.click()
    dialog = page.case_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.reason.setCurrentIndex(dialog.reason.findData("died"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(page.carer.get("relations")) and bool(page.carer["relations"][0].get("ended_at")))
    qtbot.waitUntil(lambda: "avslutad" in page.relations_list.item(0).text())
    assert page.carer["relations"][0]["ended_reason"] == "died"
