"""The municipality's material on screen (issue #15 §2, docs/MUNICIPALITY.md): on a first
start with no bundle the korttid view says it shows the example municipality's list
(Exempelkommunen); once a sync has brought a bundle with the unit's own checklist, the korttid
view, the form editor and the printed list for carers use that checklist."""

from __future__ import annotations

import subprocess
from pathlib import Path

from anhorigdesk.municipality.bundle import read_folder
from anhorigdesk.municipality.storage import save_bundle
from anhorigdesk.sync.engine import SyncReport
from anhorigdesk.ui.qt import QDialog
from tests.municipality.bundles import FIRST_ITEM_SV, make_bundle

OWN_ITEM = "Vi på Solgläntan hälsar dig välkommen med kaffe och ett samtal."


def _open_short_term(window, qtbot, wait_idle, ctrl):
    window.navigate("shortterm")
    page = window.pages["shortterm"]
    wait_idle(ctrl)
    qtbot.waitUntil(lambda: page.form is not None and page.routines_model.rowCount() > 0, timeout=10_000)
    return page


def test_first_start_shows_the_example_material_marked(app_window, qtbot, wait_idle, save_screenshot):
    ctrl, window = app_window
    page = _open_short_term(window, qtbot, wait_idle, ctrl)
    assert page.material == ("builtin", None)
    assert "Exempelmaterial" in page.material_note.text() and "Exempelkommunen" in page.material_note.text()
    assert page.material_note.property("example") is True
    assert page.routines_model.index(0, 0).data() == FIRST_ITEM_SV
    page.tabs.setCurrentIndex(1)
    save_screenshot(window, "shortterm-example-material")

    # the form editor says so too
    carer = ctrl.ctx.workspace.repository.create_carer(
        ctrl.ctx.workspace.actor, name="Vera Exempelsson", unit_ids=[ctrl.ctx.workspace.actor.unit_id])
    window.navigate("entry", {"carer_id": carer, "kind": "korttid", "carer_name": "Vera Exempelsson"})
    editor = window.pages["entry"]
    qtbot.waitUntil(lambda: editor.definition is not None, timeout=10_000)
    assert "Exempelformulär (Exempelkommunen)" in editor.intro.text()


def test_the_units_published_checklist_in_view_editor_and_printout(
        app_window, qtbot, wait_idle, tmp_path: Path, save_screenshot, monkeypatch):
    ctrl, window = app_window
    workspace = ctrl.ctx.workspace
    repo, actor = workspace.repository, workspace.actor
    bundle = read_folder(make_bundle(tmp_path / "bundle", unit_id=actor.unit_id, version=2, first_item=OWN_ITEM))
    # what a sync does when hello names a new version (sync/municipality.py keeps it)
    repo.apply_remote(lambda conn: save_bundle(conn, 1, bundle, "2026-12-07T10:00:00+00:00"))
    ctrl._sync_material(SyncReport(material=[1]))
    qtbot.waitUntil(lambda: workspace.forms is not None and workspace.forms.material_version == 1, timeout=10_000)

    page = _open_short_term(window, qtbot, wait_idle, ctrl)
    assert page.material == ("unit", 1) and page.form.version == 2
    assert page.routines_model.index(0, 0).data() == OWN_ITEM
    assert page.material_note.text() == "Enhetens egen lista, publicerad av kommunen (materialversion 1)."
    assert page.material_note.property("example") is False
    page.tabs.setCurrentIndex(1)
    save_screenshot(window, "shortterm-published-unit-checklist")

    # the printed list for carers
    dialog = page._print_list()
    qtbot.waitUntil(lambda: dialog.pdf_button.isEnabled(), timeout=15_000)
    target = tmp_path / "lista.pdf"
    task = dialog.save_pdf_to(target)
    qtbot.waitUntil(lambda: task.is_done, timeout=10_000)
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert OWN_ITEM in text and FIRST_ITEM_SV not in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(target),
                    str(Path("screenshots") / "shortterm-published-list-page")], check=True)
    dialog.reject()
    dialog.deleteLater()

    # a new stay opens the editor with the unit's own form
    carer = repo.create_carer(actor, name="Vera Exempelsson", unit_ids=[actor.unit_id])

    def fake_exec(self):
        self.chosen = {"id": carer, "name": "Vera Exempelsson"}
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("anhorigdesk.ui.pages.short_term.CarerPicker.exec", fake_exec)
    window.navigate("shortterm")
    wait_idle(ctrl)
    page.new_stay.click()
    assert window.current_page_name == "entry"
    editor = window.pages["entry"]
    qtbot.waitUntil(lambda: editor.definition is not None, timeout=10_000)
    assert editor.definition.id == "korttid" and editor.definition.version == 2
    assert editor.definition.fingerprint == page.form.fingerprint
    assert "Exempel" not in editor.intro.text()
