""""Dela med enhet…" (share with unit, issue #15 §1): from the carer page, the carer's consent
to sharing with a named unit is recorded as a ``share_with_unit`` consent naming the unit."""

from __future__ import annotations

from anhorigdesk.ui.pages.share_unit import ShareWithUnitDialog


def test_share_with_a_unit_records_the_consent(app_window, qtbot, wait_idle, monkeypatch):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    short = repo.create(actor, "unit", name="Korttiden Exempelby", kind="short_term")
    carer_id = repo.create_carer(actor, name="Fiktiva Delberg", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(page.carer), timeout=20000)
    assert page.share_unit_button.text() == "Dela med &enhet…"

    asked = []

    def answer(dialog: ShareWithUnitDialog) -> int:
        asked.append([dialog.unit.itemText(i) for i in range(dialog.unit.count())])
        dialog.unit.setCurrentIndex(dialog.unit.findData(short))
        dialog.how.setCurrentIndex(dialog.how.findData("written"))
        return ShareWithUnitDialog.DialogCode.Accepted

    monkeypatch.setattr(ShareWithUnitDialog, "exec", answer)
    page.share_unit_button.click()

    def recorded():
        rows = page.workspace.repository.db.reader().execute(
            "SELECT scope, unit_id, given_how FROM consents WHERE carer_id = ?", (carer_id,)).fetchall()
        return [tuple(r) for r in rows]

    qtbot.waitUntil(lambda: recorded() == [("share_with_unit", short, "written")], timeout=20000)
    wait_idle(ctrl)
    assert asked and "Korttiden Exempelby" in asked[0]
    assert all(name != "" for name in asked[0])


def test_an_unprotected_carer_can_be_shared(app_window, qtbot):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Öppenberg", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(page.carer), timeout=20000)
    assert page.share_unit_button.isEnabled() and page.share_unit_button.toolTip() == ""
    assert "Skyddade" not in page.badges.text()
