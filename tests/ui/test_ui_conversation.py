"""Writing a conversation note: save to the timeline, drafts kept on lock and restored."""

from __future__ import annotations

from anhorigdesk.ui.qt import Qt


def _carer(ctrl, window, qtbot, wait_idle, name="Fiktiva Exempelsson"):
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name=name, unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(page.carer))
    wait_idle(ctrl)
    return carer_id, page


def test_write_a_conversation_and_see_it_on_the_timeline(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    carer_id, carer = _carer(ctrl, window, qtbot, wait_idle)
    assert carer.perspective_values["own_support"].text() == "Inte berört än"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_page_name == "entry"
    entry = window.pages["entry"]
    assert window.windowTitle() == "Samtal — AnhörigDesk"
    form = entry.form
    assert form is not None and form.definition.id == "samtal"  # the form renderer drives it
    assert form.editor("conversation_date").value()  # today, filled in

    entry.save_button.click()  # required answers missing: shown in the form, nothing saved
    assert {p.question_id for p in form.problems()} >= {"participants", "note"}
    assert window.current_page_name == "entry"
    qtbot.keyClicks(form.editor("participants").edit, "den anhorige, underskoterska")
    form.editor("note").edit.setPlainText("Vi pratade om avlösning på helgerna och om sömnen.")
    form.editor("perspective_parts").boxes["own_support"].setChecked(True)
    form.editor("perspective_parts").boxes["seen_and_heard"].setChecked(True)
    form.editor("support_info_offered").options.buttons["yes"].setChecked(True)
    save_screenshot(window, "conversation")
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(carer.entries) == 1)
    wait_idle(ctrl)
    assert carer.timeline.topLevelItemCount() == 1
    row = carer.timeline.topLevelItem(0)
    assert row.text(1) == "Samtal"
    assert row.text(2).startswith("Vi pratade om avlösning")
    assert carer.perspective_values["own_support"].text().startswith("1 samtal, senast ")
    assert carer.perspective_values["kept_informed"].text() == "Inte berört än"
    stored = ctrl.ctx.workspace.repository.timeline(ctrl.ctx.workspace.actor, carer_id)
    assert stored[0]["data"]["perspective_parts"] == ["seen_and_heard", "own_support"]
    assert stored[0]["confidentiality"] == "carer_only"
    assert stored[0]["form_id"] == "samtal" and stored[0]["form_fingerprint"]
    assert ctrl.ctx.workspace.repository.drafts(ctrl.ctx.workspace.actor) == []

    carer.kind_filter.setCurrentIndex(carer.kind_filter.findData("stodplan"))
    assert not carer.timeline.isVisible() and carer.timeline_empty.isVisible()
    carer.kind_filter.setCurrentIndex(0)
    save_screenshot(window, "carer_timeline")


def test_a_draft_survives_lock_and_comes_back_from_home(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    _carer(ctrl, window, qtbot, wait_idle)
    window.actions_by_name["new_conversation"].trigger()
    form = window.pages["entry"].form
    qtbot.keyClicks(form.editor("participants").edit, "den anhorige")
    form.editor("note").edit.setPlainText("Halvfärdig anteckning om växelvård")
    window.lock()  # locking writes the draft at once
    wait_idle(ctrl)
    drafts = repo.drafts(actor)
    assert len(drafts) == 1
    assert drafts[0]["data"]["note"] == "Halvfärdig anteckning om växelvård"
    assert drafts[0]["carer_name"] == "Fiktiva Exempelsson"

    window.lock_screen.passphrase.setText("en lang testfras")
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.locked)
    window.navigate("home")
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.drafts_list.count() == 1)
    assert home.recent_list.count() == 1
    assert home.recent_list.item(0).text() == "Fiktiva Exempelsson"
    save_screenshot(window, "home")
    home.drafts_list.setCurrentRow(0)
    home._open_item(home.drafts_list.item(0))
    assert window.current_page_name == "entry"
    form = window.pages["entry"].form
    assert form.editor("note").value() == "Halvfärdig anteckning om växelvård"
    assert form.editor("participants").value() == "den anhorige"
    assert window.pages["entry"].draft_state.text() == "Återställt från ett utkast."
    form.editor("perspective_parts").boxes["kept_informed"].setChecked(True)
    form.editor("support_info_offered").options.buttons["no"].setChecked(True)
    window.pages["entry"].save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer")
    wait_idle(ctrl)
    assert repo.drafts(actor) == []


def test_unfinished_carer_registration_is_kept_as_a_draft(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    window.actions_by_name["new_carer"].trigger()
    page = window.pages["carer_edit"]
    page.name.setText("Påbörjad Registrering")
    page.phone.setText("070-174 06 77")
    window.navigate("home")  # leaving the page writes the draft
    wait_idle(ctrl)
    drafts = repo.drafts(actor)
    assert [d["form_id"] for d in drafts] == ["carer_profile"]
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.drafts_list.count() == 1)
    assert "Uppgifter om anhörig" in home.drafts_list.item(0).text()
    home._open_item(home.drafts_list.item(0))
    assert window.current_page_name == "carer_edit"
    assert page.name.text() == "Påbörjad Registrering"
    assert page.phone.text() == "070-174 06 77"


def test_undo_in_the_note_through_the_edit_menu(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    _carer(ctrl, window, qtbot, wait_idle)
    window.actions_by_name["new_conversation"].trigger()
    note = window.pages["entry"].form.editor("note").edit
    note.setFocus()
    qtbot.keyClicks(note, "abc")
    window.actions_by_name["undo"].trigger()
    assert note.toPlainText() == ""
    window.actions_by_name["redo"].trigger()
    assert note.toPlainText() == "abc"


def test_plain_note_editor_when_the_form_renderer_is_missing(app_window, qtbot, wait_idle, monkeypatch):
    """Without anhorigdesk.ui.forms the samtal kind still has an editor that saves."""
    monkeypatch.setattr("anhorigdesk.ui.pages.entry.form_widget_class", lambda: None)
    ctrl, window = app_window
    carer_id, carer = _carer(ctrl, window, qtbot, wait_idle)
    window.actions_by_name["new_conversation"].trigger()
    entry = window.pages["entry"]
    assert entry.form is None
    editor = entry.note_editor
    entry.save_button.click()
    assert entry.error.text() == "Skriv vilka som var med."
    editor.participants.setText("den anhörige")
    editor.note.setPlainText("Kort samtal i telefon.")
    editor.parts["kept_informed"].setChecked(True)
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(carer.entries) == 1)
    stored = ctrl.ctx.workspace.repository.timeline(ctrl.ctx.workspace.actor, carer_id)
    assert stored[0]["data"]["perspective_parts"] == ["kept_informed"]
    assert stored[0]["kind"] == "samtal"


def test_home_lists_what_is_due_and_a_check_in_clears_it(app_window, qtbot, wait_idle, save_screenshot):
    from anhorigdesk.ui.pages.entry import load_form_registry

    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Vera Exempelsson", unit_ids=[actor.unit_id], status="active")
    ctrl._forms_loaded(load_form_registry(ctrl.ctx.workspace))  # what the app does shortly after start
    qtbot.waitUntil(lambda: ctrl.ctx.workspace.schedule_book is not None, timeout=10_000)
    window.navigate("home")
    home = window.pages["home"]
    # The home screen's due lists (anhorigdesk.ui.scheduling): Vera has no support contact,
    # so her first check-in is her unit's; one click opens that check-in for her.
    from anhorigdesk.ui.scheduling.due_view import DueView

    due = home.findChild(DueView)
    qtbot.waitUntil(lambda: due.unit.topLevelItemCount() == 1)
    row = due.unit.topLevelItem(0)
    assert row.text(2) == "Vera Exempelsson"
    assert "frivillig" in row.text(1).lower() or "avstämning" in row.text(1).lower()
    save_screenshot(window, "home_due")  # (the list may have been reloaded meanwhile)
    due.unit.itemClicked.emit(due.unit.topLevelItem(0), 0)
    assert window.current_page_name == "entry"
    assert window.pages["entry"].carer_id == carer_id
    assert window.pages["entry"].form.definition.id == "frivillighet"
