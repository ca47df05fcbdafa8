"""Protected identity (skyddade personuppgifter, issue #15 §1): marked in the carer editor,
saved with the carer; the carer page says so and offers no "Dela med enhet…"; the carers
list then tells the carer apart without the address."""

from __future__ import annotations


def test_a_carer_marked_protected_is_listed_without_address(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    window.actions_by_name["new_carer"].trigger()
    edit = window.pages["carer_edit"]
    qtbot.waitUntil(lambda: window.current_page_name == "carer_edit")
    assert edit.form_labels["protected_identity"].text() == "Sk&yddade personuppgifter"
    qtbot.keyClicks(edit.name, "Fiktiva Skyddsdal")
    edit.address.setText("Lönngatan 7, Exempelby")
    edit.protected_identity.setChecked(True)
    edit.save_button.click()
    # the machine is shared: the save (a worker, then the carer page's load) gets time
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer),
                    timeout=20000)
    wait_idle(ctrl)
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = window.pages["carer"].carer["id"]
    assert repo.get(actor, "carer", carer_id)["protected_identity"] is True
    # the carer page says so, and offers no sharing with another unit
    carer_page = window.pages["carer"]
    assert "Skyddade personuppgifter" in carer_page.badges.text() and carer_page.badges.isVisibleTo(window)
    assert not carer_page.share_unit_button.isEnabled()
    assert carer_page.share_unit_button.toolTip() == (
        "En anhörig med skyddade personuppgifter delas inte med andra enheter")
    repo.create_carer(actor, name="Fiktiva Öppendal", address="Storgatan 1, Exempelby",
                      unit_ids=[actor.unit_id], status="active")

    window.navigate("carers")
    page = window.pages["carers"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.is_loading)
    hints = {r["name"]: r["hint"] for r in page.model.rows}
    assert hints["Fiktiva Skyddsdal"]["address"] == ""
    assert hints["Fiktiva Öppendal"]["address"].startswith("Storgatan")
    shown = " ".join(
        str(page.model.data(page.model.index(row, col)))
        for row in range(page.model.rowCount()) for col in range(page.model.columnCount())
    )
    assert "Lönngatan" not in shown and "Storgatan" in shown
