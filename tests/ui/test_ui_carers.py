"""Carers through their screens: register, validate, link, consent, find, filter, page."""

from __future__ import annotations

from anhorigdesk.store.repository import Change
from anhorigdesk.ui.models.carers import PAGE_SIZE
from anhorigdesk.ui.qt import Qt


def _register(qtbot, window, wait_idle, ctrl, name="Fiktiva Exempelsson", pnr="", child=False):
    window.actions_by_name["new_carer"].trigger()
    page = window.pages["carer_edit"]
    assert window.current_page_name == "carer_edit"
    qtbot.keyClicks(page.name, name)
    if pnr:
        page.personnummer.setText(pnr)
    page.is_child.setChecked(child)
    page.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer))
    wait_idle(ctrl)
    return window.pages["carer"]


def test_register_a_carer_with_link_and_consent(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    window.actions_by_name["new_carer"].trigger()
    page = window.pages["carer_edit"]
    assert window.windowTitle() == "Ny anhörig — AnhörigDesk"
    qtbot.keyClicks(page.name, "Fiktiva Exempelsson")
    page.phone.setText("070-174 06 50")

    # A wrong check digit gives a clear inline error and blocks saving.
    page.personnummer.setText("19121212-1213")
    assert page.pnr_error.isVisible()
    assert "kontrollsiffra" in page.pnr_error.text()
    page.save_button.click()
    assert window.current_page_name == "carer_edit"
    page.personnummer.setText("19121212-1212")
    assert not page.pnr_error.isVisible()

    qtbot.keyClicks(page.link_name, "Påhittad Exempelsson")
    page.link_year.setValue(1938)
    page.link_kind.setCurrentIndex(page.link_kind.findData("partner"))
    page.link_add.click()
    assert page.links_list.count() == 1
    page.consent_checks["record"].setChecked(True)
    page.consent_how.setCurrentIndex(page.consent_how.findData("verbal"))
    save_screenshot(window, "carer_edit")
    page.save_button.click()

    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(carer.carer))
    wait_idle(ctrl)
    assert carer.heading.text() == "Fiktiva Exempelsson"
    assert carer.profile_values["personnummer"].text() == "19121212-1212"
    assert carer.relations_list.count() == 1
    assert carer.relations_list.item(0).text() == "Påhittad Exempelsson (1938) · Partner"
    assert carer.consent_list.count() == 1
    assert "registreras" in carer.consent_list.item(0).text()
    # The name is on the page, never in the window title.
    assert "Exempelsson" not in window.windowTitle()
    assert window.actions_by_name["new_conversation"].isEnabled()
    save_screenshot(window, "carer_page")


def test_edit_a_carer_keeps_what_was_not_changed(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    carer = _register(qtbot, window, wait_idle, ctrl, pnr="19121212-1212")
    carer.edit_button.click()
    edit = window.pages["carer_edit"]
    qtbot.waitUntil(lambda: edit.name.text() == "Fiktiva Exempelsson")
    assert edit.personnummer.text() == "19121212-1212"
    edit.address.setText("Påhittade gatan 3")
    edit.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer")
    wait_idle(ctrl)
    qtbot.waitUntil(lambda: carer.profile_values["address"].text() == "Påhittade gatan 3")
    assert carer.profile_values["personnummer"].text() == "19121212-1212"


def test_search_as_you_type_finds_name_and_note_words(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    first = repo.create_carer(actor, name="Åsa Påhittberg", unit_ids=[actor.unit_id], status="active")
    repo.create_carer(actor, name="Örjan Demoström", unit_ids=[actor.unit_id], status="active")
    repo.add_entry(actor, first, "samtal", {"note": "Önskar växelvård i april."})

    window.actions_by_name["find"].trigger()
    page = window.pages["carers"]
    assert window.current_page_name == "carers"
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.search.hasFocus()

    def settled():
        return page.model.query == page.search.text().strip() and not page.model.is_loading

    qtbot.keyClicks(page.search, "pahitt")
    qtbot.waitUntil(settled)
    assert [r["name"] for r in page.model.rows] == ["Åsa Påhittberg"]
    page.search.clear()
    qtbot.keyClicks(page.search, "vaxelvard")  # words from a note, diacritics ignored
    qtbot.waitUntil(settled)
    assert [r["name"] for r in page.model.rows] == ["Åsa Påhittberg"]
    assert page.count_label.text() == "1 anhörig hittad"
    save_screenshot(window, "carers_search")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer))
    assert window.pages["carer"].heading.text() == "Åsa Påhittberg"

    window.navigate("carers")
    page.search.setText("ingen sådan person")
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    assert page.model.rowCount() == 0


def test_filters_and_lazy_loading(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    changes = [
        Change("carer", {"name": f"Demo Exempel {i:03d}", "unit_ids": [actor.unit_id], "status": "active",
                         "is_child": i % 50 == 0, "phone": "070-174 06 60"})
        for i in range(PAGE_SIZE + 60)
    ]
    repo.import_records(actor, changes)
    window.navigate("carers")
    page = window.pages["carers"]
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE)
    assert page.model.canFetchMore()
    save_screenshot(window, "carers")
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE + 60)
    assert not page.model.canFetchMore()

    page.child_only.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6)
    assert all(r["is_child"] for r in page.model.rows)
    page.child_only.setChecked(False)
    me = page.contact_filter.findData(actor.staff_id)
    assert me > 0
    page.contact_filter.setCurrentIndex(me)
    qtbot.waitUntil(lambda: not page.model.is_loading)
    wait_idle(ctrl)
    assert page.model.rowCount() == 0


def test_register_a_child_carer_from_the_personnummer(app_window):
    _ctrl, window = app_window
    window.actions_by_name["new_carer"].trigger()
    page = window.pages["carer_edit"]
    page.name.setText("Lilla Låtsasdal")
    page.personnummer.setText("20150101-0001")
    # a valid number of someone under 18 marks the carer as a child carer
    assert not page.pnr_error.isVisible(), page.pnr_error.text()
    assert page.is_child.isChecked()


def test_switching_to_english_on_the_carer_screens(app_window, qtbot, wait_idle):
    from anhorigdesk.ui.settings import Preferences

    ctrl, window = app_window
    window.actions_by_name["new_carer"].trigger()
    page = window.pages["carer_edit"]
    page.personnummer.setText("19121212-1213")
    assert "kontrollsiffra" in page.pnr_error.text()
    prefs = ctrl.ctx.prefs
    ctrl.set_preferences(Preferences("en", prefs.larger_text, prefs.idle_lock_minutes, prefs.last_profile))
    qtbot.waitUntil(lambda: page.person_box.title() == "The carer")
    assert page.heading.text() == "New carer"
    assert "check digit" in page.pnr_error.text()  # the core's message follows the language
    assert window.windowTitle() == "New carer — AnhörigDesk"
    ctrl.set_preferences(Preferences("sv", prefs.larger_text, prefs.idle_lock_minutes, prefs.last_profile))
    qtbot.waitUntil(lambda: page.person_box.title() == "Den anhörige")


def test_keyboard_only_registration(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["carer_edit"]
    assert window.current_page_name == "carer_edit"
    assert page.name.hasFocus()
    qtbot.keyClicks(page.name, "Tangent Exempelsson")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert page.personnummer.hasFocus()
    qtbot.keyClicks(page.personnummer, "19121212-1212")
    qtbot.keyClick(page.personnummer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(carer.carer))
    assert carer.heading.text() == "Tangent Exempelsson"
    # Esc in an editor leaves it and keeps what was typed as a draft
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.name.text() == "Tangent Exempelsson")
    qtbot.keyClicks(page.phone, "070-174 06 12")
    qtbot.keyClick(page.phone, Qt.Key.Key_Escape)
    assert window.current_page_name == "carer"
    wait_idle(ctrl)
    drafts = ctrl.ctx.workspace.repository.drafts(ctrl.ctx.workspace.actor)
    assert drafts and drafts[0]["data"]["fields"]["phone"] == "070-174 06 12"


def test_withdraw_a_consent_keeps_its_history(app_window, qtbot, wait_idle):
    """GDPR: a carer may withdraw consent; the record keeps when it was given and withdrawn."""
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Samtyckes Exempelsson", unit_ids=[actor.unit_id])
    consent_id = repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                             given_at="2026-10-01", given_how="written")
    window.navigate("carer_edit", carer_id)
    edit = window.pages["carer_edit"]
    qtbot.waitUntil(lambda: edit.name.text() == "Samtyckes Exempelsson")
    box = edit.consent_checks["share_with_care"]
    assert box.isChecked() and box.isEnabled()  # given, and can be withdrawn
    assert not edit.consent_checks["record"].isChecked()
    box.setChecked(False)
    edit.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer")
    wait_idle(ctrl)
    stored = repo.get(actor, "consent", consent_id)
    assert stored["withdrawn_at"] and stored["given_at"] == "2026-10-01"
    assert len(repo.history(actor, "consent", consent_id)) == 1  # the given consent, kept
    assert repo.get_carer(actor, carer_id)["consents"][0]["withdrawn_at"]


def test_link_a_cared_for_person_who_is_already_registered(app_window, qtbot, wait_idle):
    """Two carers of the same person: the second links the registered person, no duplicate."""
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    first = repo.create_carer(actor, name="Första Exempelsson", unit_ids=[actor.unit_id])
    person_id, _ = repo.link_cared_for(actor, first, name="Mamma Exempelsson", kind="parent", birth_year=1936)
    second = repo.create_carer(actor, name="Andra Exempelsson", unit_ids=[actor.unit_id])
    window.navigate("carer_edit", second)
    edit = window.pages["carer_edit"]
    qtbot.waitUntil(lambda: edit.name.text() == "Andra Exempelsson")
    qtbot.waitUntil(lambda: "Mamma Exempelsson (1936)" in edit.known_people)
    edit.link_name.setText("Mamma Exempelsson (1936)")  # what choosing the completion fills in
    edit.link_kind.setCurrentIndex(edit.link_kind.findData("parent"))
    edit.link_add.click()
    edit.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer")
    wait_idle(ctrl)
    relations = repo.get_carer(actor, second)["relations"]
    assert [(r["cared_for_id"], r["kind"]) for r in relations] == [(person_id, "parent")]
    count = repo.db.reader().execute("SELECT count(*) FROM cared_for").fetchone()[0]
    assert count == 1
    assert any(r["action"] == "list:cared_for" for r in repo.access_log())
