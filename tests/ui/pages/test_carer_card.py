"""The carer's card (issue #15 §1, docs/PROTOCOL-3.md part F) on a granted unit's laptop: the
carers list shows a carer shared with the unit by name and birth year; its page shows the
name, the language and the shared entries, says why there is no more, and offers nothing
that writes to the carer's record. Swedish first."""

from __future__ import annotations

from typing import Any

CARER_ID = "0190a0a0-0000-7000-8000-0000000ca4d0"
ENTRY_ID = "0190a0a0-0000-7000-8000-0000000e0e01"


def _merged(fields: dict[str, Any], hlc: str) -> dict[str, Any]:
    return {"fields": fields, "field_hlc": dict.fromkeys(fields, hlc), "hlc": hlc, "deleted": False}


def test_a_carer_shared_with_the_unit_is_shown_from_its_card(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo = ctrl.ctx.workspace.repository
    # as a pull writes them: the server's card and a shareable entry, no carer record
    card = _merged({"name": "Hedda Delad", "birth_year": 1951, "preferred_language": "fi"},
                   "0000001900000000-00000-server:card")
    entry = _merged({"carer_id": CARER_ID, "kind": "samtal", "occurred_at": "2026-11-30T10:00:00+00:00",
                     "data": {"text": "Harald sover dåligt"}, "confidentiality": "shareable"},
                    "0000001900000001-00000-aa")
    assert repo.apply_remote(lambda conn: repo.write_merged(conn, "carer_card", CARER_ID, card))
    assert repo.apply_remote(lambda conn: repo.write_merged(conn, "entry", ENTRY_ID, entry))

    window.navigate("carers")
    page = window.pages["carers"]
    page.refresh()
    qtbot.waitUntil(lambda: page.shared_list.count() == 1, timeout=20000)
    assert page.shared_list.item(0).text() == "Hedda Delad (1951)"
    assert page.shared_label.text() == "Delade med din enhet (den anhörigas samtycke):"
    assert page.shared_list.isVisibleTo(window)

    page.shared_list.itemActivated.emit(page.shared_list.item(0))
    carer_page = window.pages["carer"]
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(carer_page.carer), timeout=20000)
    wait_idle(ctrl)
    assert carer_page.heading.text() == "Hedda Delad"
    assert "Delad med din enhet" in carer_page.badges.text() and "född 1951" in carer_page.badges.text()
    assert carer_page.profile_values["language"].text() != "–"
    assert carer_page.profile_values["phone"].text() == "–"
    assert [e["id"] for e in carer_page.entries] == [ENTRY_ID]
    assert carer_page.shared_note.isVisibleTo(window)
    assert carer_page.shared_note.text().startswith("Den anhöriga har samtyckt till delning med din enhet")
    for button in (carer_page.edit_button, carer_page.conversation_button, carer_page.share_unit_button,
                   carer_page.case_button, carer_page.extract_button):
        assert not button.isVisibleTo(window)
    # reading the card is an access to the carer (the access log)
    assert any(r["action"] == "read:carer_card" and r["person_id"] == CARER_ID
               for r in repo.access_log())


def test_an_own_carer_page_shows_no_shared_note(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Egen Anhörig", unit_ids=[actor.unit_id])
    window.navigate("carer", carer_id)
    carer_page = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(carer_page.carer) and carer_page.carer.get("id") == carer_id, timeout=20000)
    wait_idle(ctrl)
    assert not carer_page.shared_note.isVisibleTo(window)
    assert carer_page.edit_button.isVisibleTo(window) and "Delad" not in carer_page.badges.text()
