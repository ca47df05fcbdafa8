"""The register extract from the carer page: review, withhold with a reason, release."""

from __future__ import annotations

import json
import shutil

import pytest

from anhorigdesk.ui.lifecycle.extract_dialog import JSON_NAME, PDF_NAME


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_review_withhold_and_release_the_extract(app_window, qtbot, wait_idle, tmp_path):
    from tests.printing.pdftools import text_of

    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    carer_id = ws.repository.create_carer(ws.actor, name="Fiktiva Exempelsson", unit_ids=[ws.actor.unit_id])
    _person, relation = ws.repository.link_cared_for(ws.actor, carer_id, name="Påhittad Exempelsson",
                                                     kind="partner")
    ws.save_entry(carer_id, "samtal", {"note": "Samtal om avlösning och sömn."})
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    wait_idle(ctrl)
    page.extract_button.click()
    dialog = page.extract_dialog
    qtbot.waitUntil(lambda: dialog.release_button.isEnabled())
    assert "bara den här datorn" in dialog.scope.text()
    assert dialog.parts.topLevelItemCount() == 2  # the relation and the entry
    dialog.target_dir = tmp_path
    # ticked without a reason: refused, nothing written
    dialog.withhold(f"relation:{relation}", "")
    dialog.release_button.click()
    assert "Skriv varför" in dialog.error.text() and not (tmp_path / PDF_NAME).exists()
    dialog.withhold(f"relation:{relation}", "Sekretess för den närstående")
    dialog.large_print.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.release_button.click()
    document = json.loads((tmp_path / JSON_NAME).read_text(encoding="utf-8"))
    assert document["withheld"][0]["reason"] == "Sekretess för den närstående"
    assert document["relations"][0]["cared_for"] is None
    text = text_of((tmp_path / PDF_NAME).read_bytes(), tmp_path)
    assert "Samtal om avlösning och sömn." in text and "Påhittad" not in text
    actions = [a["action"] for a in ws.repository.access_log(person_id=carer_id)]
    assert "extract:draft" in actions and "extract:release" in actions


class _Client:
    """A signed-in profile's sync client: offline, or a server that answers."""

    def __init__(self, answer=None):
        self.answer, self.asked = answer, []

    def register_extract(self, carer_id):
        from anhorigdesk.sync.protocol import ServerUnavailable

        self.asked.append(carer_id)
        if self.answer is None:
            raise ServerUnavailable("no connection", code="network_unavailable")
        return self.answer


class _Sync:
    def __init__(self, client):
        self.client = client

    def shutdown(self):  # the app stops its sync on quit
        return None


@pytest.mark.parametrize("online", [False, True])
def test_signed_in_the_dialog_asks_the_server_and_says_what_the_extract_covers(
        app_window, qtbot, wait_idle, monkeypatch, online):
    ctrl, window = app_window
    ws = ctrl.ctx.workspace
    carer_id = ws.repository.create_carer(ws.actor, name="Fiktiva Exempelsson", unit_ids=[ws.actor.unit_id])
    client = _Client({"carer_id": carer_id, "produced_at": "2026-12-07T10:00:00+00:00", "entities": [],
                      "access": [{"at": "2026-12-01T10:00:00+00:00", "source": "server", "unit": "Norr",
                                  "role": "care_worker", "action": "pull:ok"}]} if online else None)
    monkeypatch.setattr(ctrl.ctx, "sync", _Sync(client))
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    wait_idle(ctrl)
    page.extract_button.click()
    dialog = page.extract_dialog
    qtbot.waitUntil(lambda: dialog.release_button.isEnabled())
    assert client.asked == [carer_id]
    if online:
        assert "innehåller också det som servern har sparat" in dialog.scope.text()
        assert dialog.draft.document["scope"] == "laptop_and_server"
    else:
        assert "Servern gick inte att nå (network_unavailable)" in dialog.scope.text()
        assert dialog.draft.document["scope"] == "this_laptop"
