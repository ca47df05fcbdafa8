"""Decisions after sync as a person meets them (real server app in process): a carer a
colleague deleted while it was being changed is shown on the carer page and on the Sync
screen, and keeping it or deleting it after all reaches the other laptop; conflicting texts
on a consent and a follow-up task are listed beside the carer's and settled the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk.ui.qt import QLabel, QMessageBox, QPushButton
from anhorigdesk.ui.sync.notices import deleted_text, record_label
from anhorigdesk.ui.sync.status_panel import short_state

from .helpers import Desk, Desks, new_carer, sign_in, sync_now


def _two_signed_in(desks: Desks, qtbot) -> tuple[Desk, Desk]:
    desks.user("anna")
    desks.user("bo")
    a, b = desks.open("a"), desks.open("b")
    sign_in(qtbot, a, "anna")
    sign_in(qtbot, b, "bo")
    return a, b


def _deleted_while_edited(desks: Desks, qtbot) -> tuple[Desk, Desk, str]:
    a, b = _two_signed_in(desks, qtbot)
    carer_id = new_carer(a, name="Rut Exempel", notes="Första samtalet")
    sync_now(qtbot, a), sync_now(qtbot, b)
    a.session.repository.delete(a.session.actor, "carer", carer_id)  # A deletes her ...
    b.session.repository.update_carer(b.session.actor, carer_id,  # ... while B adds to the notes
                                      notes="Ringde i dag och vill fortsätta med samtalen")
    for desk in (a, b, a):
        sync_now(qtbot, desk)
    return a, b, carer_id


def _open_carer(qtbot, desk: Desk, carer_id: str):
    desk.window.navigate("carer", carer_id)
    page = desk.window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id and desk.ctrl.ctx.runner.running == 0)
    return page


def test_the_carer_page_and_sync_screen_tell_and_keeping_it_reaches_the_colleague(
        desks: Desks, qtbot, save_screenshot) -> None:
    a, b, carer_id = _deleted_while_edited(desks, qtbot)
    for desk in (a, b):
        assert desk.sync.view.kept_edits == 1 and desk.sync.view.conflicts == 0
        assert desk.window.sync_label.text() == short_state(desk.sync.view)

    page = _open_carer(qtbot, b, carer_id)
    # a notice's buttons show a moment after it is added (Qt shows a new child of a visible
    # widget through a queued call): wait for that, then look
    qtbot.waitUntil(lambda: len(page.notices) == 1 and page.notices[0].keep_button.isVisible())
    notice = page.notices[0]
    assert page.sync_notices.isVisible() and notice.keep_button.isVisible()
    assert "A Testperson" in notice.text.text()  # who deleted it, as B's computer knows her
    assert notice.tr("Deleted while it was being changed – the change was kept") == notice.title.text()
    b.window.resize(1200, 800)
    save_screenshot(b.window, "sync_deleted_while_edited_carer_page")

    a.window.navigate("sync")
    view = a.page.conflicts
    qtbot.waitUntil(lambda: view.carers.count() == 1 and view.notice is not None)
    assert view.carers.item(0).text().split("\n") == ["Rut Exempel", record_label(view.current)]
    assert not view.boxes and view.current.deleted.by_you  # A deleted it herself: "You deleted…"
    assert view.notice.text.text() == deleted_text(view.current) != deleted_text(page.notices[0].issue)
    assert a.page.panel.values["kept"].isVisible()
    a.window.resize(1200, 800)
    save_screenshot(a.window, "sync_deleted_while_edited_sync_screen")

    notice.keep_button.click()  # B keeps it: the notice goes at once
    qtbot.waitUntil(lambda: not page.notices and not page.sync_notices.isVisible())
    qtbot.waitUntil(lambda: b.sync.view.kept_edits == 0)
    sync_now(qtbot, b), sync_now(qtbot, a)
    qtbot.waitUntil(lambda: view.carers.count() == 0 and view.empty.isVisible())
    assert not a.page.panel.values["kept"].isVisible()
    for desk in (a, b):
        carer = desk.session.repository.get_carer(desk.session.actor, carer_id)
        assert carer["deleted"] is False and carer["notes"].startswith("Ringde i dag")
        assert desk.sync.view.kept_edits == 0 and desk.sync.view.status.flagged == 0


def test_deleting_it_after_all_from_the_sync_screen_deletes_it_on_both(desks: Desks, qtbot) -> None:
    a, b, carer_id = _deleted_while_edited(desks, qtbot)
    a.window.navigate("sync")
    view = a.page.conflicts
    qtbot.waitUntil(lambda: view.notice is not None)
    view.notice.delete_button.click()
    box = view.notice.confirm_box
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.No).click()  # a change of mind: nothing happens
    assert view.carers.count() == 1 and view.notice.delete_button.isEnabled()
    view.notice.delete_button.click()
    box = view.notice.confirm_box
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.carers.count() == 0)
    sync_now(qtbot, a), sync_now(qtbot, b)
    for desk in (a, b):
        repo = desk.session.repository
        assert repo.get_carer(desk.session.actor, carer_id)["deleted"] is True
        assert carer_id not in [c["id"] for c in repo.list_carers(desk.session.actor)]
        assert desk.sync.view.kept_edits == 0


def test_deleting_it_after_all_from_the_carer_page_goes_back_to_the_list(desks: Desks, qtbot) -> None:
    a, b, carer_id = _deleted_while_edited(desks, qtbot)
    page = _open_carer(qtbot, b, carer_id)
    qtbot.waitUntil(lambda: len(page.notices) == 1)
    page.notices[0].delete_button.click()
    box = page.notices[0].confirm_box
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: b.window.current_page_name == "carers")
    sync_now(qtbot, b), sync_now(qtbot, a)
    assert a.session.repository.get_carer(a.session.actor, carer_id)["deleted"] is True


def test_conflicts_on_a_consent_and_a_follow_up_are_listed_and_settled(
        desks: Desks, qtbot, save_screenshot) -> None:
    a, b = _two_signed_in(desks, qtbot)
    carer_id = new_carer(a, name="Sigrid Exempel", notes="Start")
    repo_a, actor_a = a.session.repository, a.session.actor
    consent_id = repo_a.create(actor_a, "consent", carer_id=carer_id, scope="record",
                               given_at="2026-01-10", given_how="verbal", note="Muntligt vid hembesök")
    entry_id = repo_a.add_entry(actor_a, carer_id, "frivillighet", {"note": "Trött"})
    task_id = repo_a.create(actor_a, "follow_up_task", carer_id=carer_id, entry_id=entry_id,
                            form_id="frivillighet", flag_id="orkar_inte", raised_at=datetime.now(UTC),
                            due_on="2026-12-01", plan_review=False)
    sync_now(qtbot, a), sync_now(qtbot, b)
    for desk, text in ((a, "Bekräftat skriftligt"), (b, "Bekräftat i telefon")):
        repo, actor = desk.session.repository, desk.session.actor
        repo.update(actor, "consent", consent_id, note=text)
        repo.update(actor, "follow_up_task", task_id, resolution_text=f"{text}, uppföljning bokad")
    for desk in (a, b, a):
        sync_now(qtbot, desk)
    assert b.sync.view.conflicts == 2

    page = _open_carer(qtbot, b, carer_id)
    qtbot.waitUntil(lambda: len(page.notices) == 2)
    b.window.resize(1200, 800)
    save_screenshot(b.window, "sync_conflict_notices_carer_page")
    consent_row = page.notices[0]  # the consent first, then the follow-up task
    consent = next(i for i in page.issues if i.entity == "consent")
    assert consent_row.findChild(QLabel).text().startswith(record_label(consent) + ":")
    consent_row.findChild(QPushButton, "chooseVersion").click()  # to the Sync screen
    view = b.page.conflicts
    qtbot.waitUntil(lambda: b.window.current_page_name == "sync" and view.carers.count() == 2
                    and view.current is not None and view.current.entity == "consent")
    assert "note" in view.boxes
    assert sorted(t.toPlainText() for t in view.boxes["note"].texts) == [
        "Bekräftat i telefon", "Bekräftat skriftligt"]
    rows = [view.carers.item(i).text() for i in range(view.carers.count())]
    assert [row.split("\n")[0] for row in rows] == ["Sigrid Exempel", "Sigrid Exempel"]
    save_screenshot(b.window, "sync_conflict_consent")

    box = view.boxes["note"]
    box.merge_text.setPlainText("Bekräftat skriftligt och i telefon")
    box.save_button.click()
    qtbot.waitUntil(lambda: view.carers.count() == 1 and view.current.entity == "follow_up_task")
    box = view.boxes["resolution_text"]
    box.radios[0].setChecked(True)
    chosen = box.chosen_value()
    box.save_button.click()
    qtbot.waitUntil(lambda: view.carers.count() == 0 and view.empty.isVisible())
    sync_now(qtbot, b), sync_now(qtbot, a)
    for desk in (a, b):
        repo, actor = desk.session.repository, desk.session.actor
        assert repo.get(actor, "consent", consent_id)["note"] == "Bekräftat skriftligt och i telefon"
        assert repo.get(actor, "follow_up_task", task_id)["resolution_text"] == chosen
        assert desk.sync.view.conflicts == 0
