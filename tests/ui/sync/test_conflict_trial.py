"""The conflict the sync trial made by hand: the same carer's notes extended on two
laptops while one was offline. Which version is mine, a merge that does not repeat the
note both started from, and an editor that does not hide the other version."""

from __future__ import annotations

from anhorigdesk.ui.sync.conflict_view import merged_text, written_at

from .helpers import Desks, new_carer, sign_in, sync_now

BASE = "Grundanteckning från första besöket."
FROM_A = BASE + "\nTillägg från A: dottern hjälper till på helger."
FROM_B = BASE + "\nTillägg från B: önskar avlösning på torsdagar."


def _v(text: str, hlc: str = "1700000000000-0000-x") -> dict:
    return {"value": text, "hlc": hlc, "client_id": "x"}


def test_merged_text_keeps_shared_lines_once_and_each_versions_own_lines() -> None:
    assert merged_text([_v(FROM_B), _v(FROM_A)]) == (
        BASE + "\nTillägg från B: önskar avlösning på torsdagar.\nTillägg från A: dottern hjälper till på helger.")
    # a line one version removed is kept (a merge loses nothing; the person edits it)
    assert merged_text([_v("a\nb\nc"), _v("a\nc\nd")]) == "a\nb\nc\nd"
    # nothing in common: one after the other, a blank line between
    assert merged_text([_v("Text från A"), _v("Text från B")]) == "Text från A\n\nText från B"
    assert merged_text([_v("Samma"), _v("Samma"), _v("")]) == "Samma"
    assert merged_text([_v("x\ny"), _v("x\nz"), _v("x\nw")]) == "x\ny\nz\nw"
    assert merged_text([]) == ""


def _conflict(desks: Desks, qtbot):
    desks.user("anna")
    desks.user("bo")
    a, b = desks.open("a"), desks.open("b")
    sign_in(qtbot, a, "anna"), sign_in(qtbot, b, "bo")
    carer_id = new_carer(a, name="Testa Påhittadsson", notes=BASE)
    sync_now(qtbot, a), sync_now(qtbot, b)
    a.session.repository.update_carer(a.session.actor, carer_id, notes=FROM_A)
    b.session.repository.update_carer(b.session.actor, carer_id, notes=FROM_B)
    for desk in (a, b):
        sync_now(qtbot, desk)
    assert b.sync.view.conflicts == 1
    return a, b, carer_id


def test_each_version_says_on_which_computer_it_was_written(desks: Desks, qtbot, save_screenshot) -> None:
    _a, b, _carer_id = _conflict(desks, qtbot)
    b.window.navigate("sync")
    view = b.page.conflicts
    qtbot.waitUntil(lambda: "notes" in view.boxes)
    box = view.boxes["notes"]
    for i, version in enumerate(box.versions):
        source = ("Use version %1 (written %2 on this computer)" if version["value"] == FROM_B
                  else "Use version %1 (written %2 on another computer)")
        expected = box.tr(source).replace("%1", str(i + 1)).replace("%2", written_at(version["hlc"]))
        assert box.radios[i].text() == expected
    assert {v["value"] for v in box.versions} == {FROM_A, FROM_B}
    assert box.merge_text.toPlainText().count(BASE) == 1
    b.window.resize(1100, 760)
    qtbot.wait(200)  # the detail pane settles its scroll range
    save_screenshot(b.window, "sync_conflict_versions")


def test_the_carer_editor_warns_that_the_notes_hold_two_versions(desks: Desks, qtbot, save_screenshot) -> None:
    _a, b, carer_id = _conflict(desks, qtbot)
    b.window.navigate("carer_edit", carer_id)
    edit = b.window.pages["carer_edit"]
    qtbot.waitUntil(lambda: edit.name.text() == "Testa Påhittadsson")
    assert edit.notes.toPlainText() in (FROM_A, FROM_B)  # only one of them
    qtbot.waitUntil(lambda: edit.person_form.isRowVisible(edit.notes_conflict))
    b.window.resize(1100, 760)
    save_screenshot(b.window, "carer_edit_notes_conflict")
    edit.notes_conflict_button.click()
    assert b.window.current_page_name == "sync"
    view = b.page.conflicts
    qtbot.waitUntil(lambda: view.current is not None and view.current.entity_id == carer_id)

    box = view.boxes["notes"]
    box.save_button.click()  # keep the merged text
    qtbot.waitUntil(lambda: view.carers.count() == 0)
    b.window.navigate("carer_edit", carer_id)
    qtbot.waitUntil(lambda: edit.notes.toPlainText().count("Tillägg") == 2)
    assert not edit.person_form.isRowVisible(edit.notes_conflict)


def test_a_carer_without_a_conflict_shows_no_notice(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    carer_id = new_carer(a, name="Ingen Konfliktsson", notes="En anteckning")
    a.window.navigate("carer_edit", carer_id)
    edit = a.window.pages["carer_edit"]
    qtbot.waitUntil(lambda: edit.name.text() == "Ingen Konfliktsson")
    qtbot.waitUntil(lambda: a.ctrl.ctx.runner.running == 0)
    assert not edit.person_form.isRowVisible(edit.notes_conflict)
