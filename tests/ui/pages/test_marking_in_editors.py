"""The confidentiality marking: chosen in every editor, allowed by the carer's consent,
shown and filterable on the timeline, kept in drafts, checked again when saving."""

from __future__ import annotations

from datetime import date

from anhorigdesk.scheduling.clock import local_date
from tests.ui.helpers.clock import days_from_now

CHECKIN = {"check_in_date": local_date(days_from_now(0)).isoformat()}


def _carer(opened, name: str, *, consent: bool) -> str:
    repo, actor = opened.repo, opened.actor
    carer_id = repo.create_carer(actor, name=name, unit_ids=[actor.unit_id], status="active",
                                 support_contact_id=actor.staff_id)
    if consent:
        repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                    given_at="2026-10-01", given_how="written")
    return carer_id


def _open_editor(qtbot, ctrl, window, wait_idle, carer_id: str, action: str):
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    page.run_action(action)
    entry = window.pages["entry"]
    qtbot.waitUntil(lambda: entry.marking.known)
    wait_idle(ctrl)
    return page, entry


def _fill_checkin(qtbot, form) -> None:
    field = form.editor("check_in_date").focus_widgets()[0]
    field.setFocus()
    qtbot.keyClicks(field, CHECKIN["check_in_date"])
    field.editingFinished.emit()
    form.editor("still_own_choice").options.buttons["yes"].setChecked(True)
    form.editor("burden_now").options.buttons["2"].setChecked(True)
    form.editor("wants_to_reduce").options.buttons["no"].setChecked(True)


def test_sharing_needs_the_carers_consent(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    without = _carer(opened, "Alva Exempelsson", consent=False)
    ctrl, window = app_run.open(opened)
    _page, entry = _open_editor(qtbot, ctrl, window, wait_idle, without, "checkin")
    marking = entry.marking
    assert entry.form.definition.id == "frivillighet"
    assert marking.title() == "Sekretessmärkning"
    assert marking.carer_only.isChecked() and not marking.shareable.isEnabled()
    assert "inte samtyckt" in marking.shareable.toolTip()
    assert "Ändra anhörig" in marking.shareable.toolTip()
    assert marking.why.text().startswith("Delning går inte")
    marking.shareable.click()  # disabled: nothing happens
    assert marking.marking() == "carer_only"
    save_screenshot(window, "marking_no_consent")
    entry.close_button.click()


def test_a_check_in_marked_shareable_shows_on_the_timeline(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    carer_id = _carer(opened, "Bo Påhittberg", consent=True)
    ctrl, window = app_run.open(opened)
    page, entry = _open_editor(qtbot, ctrl, window, wait_idle, carer_id, "checkin")
    marking = entry.marking
    assert marking.carer_only.isChecked()  # the default, even with consent
    assert marking.shareable.isEnabled()
    assert "2026-10-01" in marking.why.text()
    _fill_checkin(qtbot, entry.form)
    marking.shareable.click()
    assert marking.marking() == "shareable"
    save_screenshot(window, "marking_shareable_checkin")
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(page.entries) == 1, timeout=8000)
    wait_idle(ctrl)
    stored = opened.repo.timeline(opened.actor, carer_id)
    assert [(e["kind"], e["confidentiality"]) for e in stored] == [("frivillighet", "shareable")]

    # a conversation left at the default
    page.run_action("conversation")
    qtbot.waitUntil(lambda: entry.marking.known)
    form = entry.form
    qtbot.keyClicks(form.editor("participants").edit, "den anhorige")
    form.editor("note").edit.setPlainText("Om sömnen och avlösning.")
    form.editor("perspective_parts").boxes["own_support"].setChecked(True)
    form.editor("support_info_offered").options.buttons["yes"].setChecked(True)
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(page.entries) == 2, timeout=8000)
    wait_idle(ctrl)
    column = {page.timeline.topLevelItem(i).text(1): page.timeline.topLevelItem(i).text(4)
              for i in range(page.timeline.topLevelItemCount())}
    assert column == {"Avstämning om frivillighet": "Får delas", "Samtal": "Bara den anhöriga"}
    assert page.timeline.headerItem().text(4) == "Märkning"
    shared = next(page.timeline.topLevelItem(i) for i in range(2) if page.timeline.topLevelItem(i).text(4) == "Får delas")
    assert shared.toolTip(4) == "Får delas med personalen i den närståendes vård"
    save_screenshot(window, "marking_timeline")

    page.marking_filter.setCurrentIndex(page.marking_filter.findData("shareable"))
    assert page.timeline.topLevelItemCount() == 1
    assert page.timeline.topLevelItem(0).text(1) == "Avstämning om frivillighet"
    page.marking_filter.setCurrentIndex(page.marking_filter.findData("carer_only"))
    assert [page.timeline.topLevelItem(0).text(1)] == ["Samtal"]
    save_screenshot(window, "marking_timeline_filtered")

    # the stored response says its marking when opened
    page.marking_filter.setCurrentIndex(0)
    shared = next(page.timeline.topLevelItem(i) for i in range(2) if page.timeline.topLevelItem(i).text(4) == "Får delas")
    page.timeline.itemActivated.emit(shared, 0)
    assert window.current_page_name == "form"
    form_page = window.pages["form"]
    qtbot.waitUntil(lambda: "Får delas med personalen i den närståendes vård." in form_page.subheading.text())


def test_the_marking_is_kept_in_a_draft(app_run, qtbot, wait_idle):
    opened = app_run.create_profile()
    carer_id = _carer(opened, "Cilla Demoström", consent=True)
    ctrl, window = app_run.open(opened)
    _page, entry = _open_editor(qtbot, ctrl, window, wait_idle, carer_id, "checkin")
    _fill_checkin(qtbot, entry.form)
    entry.marking.shareable.click()
    entry.close_button.click()  # keeps a draft
    wait_idle(ctrl)
    drafts = opened.repo.drafts(opened.actor)
    assert len(drafts) == 1 and drafts[0]["data"]["_confidentiality"] == "shareable"

    window.navigate("entry", {"draft": drafts[0]})
    qtbot.waitUntil(lambda: entry.marking.known)
    assert entry.marking.marking() == "shareable"
    assert "_confidentiality" not in entry.form.answers()  # the marking is not an answer
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer", timeout=8000)
    wait_idle(ctrl)
    assert [e["confidentiality"] for e in opened.repo.timeline(opened.actor, carer_id)] == ["shareable"]
    assert opened.repo.drafts(opened.actor) == []


def test_a_consent_withdrawn_meanwhile_stops_sharing_at_save(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    carer_id = _carer(opened, "Dan Låtsasson", consent=True)
    ctrl, window = app_run.open(opened)
    _page, entry = _open_editor(qtbot, ctrl, window, wait_idle, carer_id, "checkin")
    _fill_checkin(qtbot, entry.form)
    entry.marking.shareable.click()
    consent = opened.repo.get_carer(opened.actor, carer_id)["consents"][0]["id"]
    opened.repo.update(opened.actor, "consent", consent, withdrawn_at=date.today().isoformat())
    entry.save_button.click()
    qtbot.waitUntil(lambda: "inte samtyckt" in entry.error.text(), timeout=8000)
    assert window.current_page_name == "entry"
    qtbot.waitUntil(lambda: not entry.marking.shareable.isEnabled())
    assert entry.marking.marking() == "carer_only"
    save_screenshot(window, "marking_consent_withdrawn")
    assert opened.repo.timeline(opened.actor, carer_id) == []
    entry.save_button.click()  # carer only now: saved
    qtbot.waitUntil(lambda: window.current_page_name == "carer", timeout=8000)
    assert [e["confidentiality"] for e in opened.repo.timeline(opened.actor, carer_id)] == ["carer_only"]
