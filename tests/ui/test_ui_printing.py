"""Printing from a carer's page: a PDF where the user chose, and a note on the timeline.

These went through the save-as-PDF dialog of a build without QtPdf (``ui/print_dialog.py``)
until QtPdf became a requirement; the app has one print dialog now (``ui/printing``), and
the same behaviour is checked through it: the handout and a conversation saved as PDF,
handed over only when ticked, the example municipality said, locking closes the dialog.
"""

from __future__ import annotations

from pathlib import Path

from anhorigdesk.printing import DocumentKind
from anhorigdesk.ui.qt import QApplication


def _open_print_dialog(window, qtbot):
    window.actions_by_name["print"].trigger()
    qtbot.waitUntil(lambda: getattr(window, "print_dialog", None) is not None and window.print_dialog.isVisible())
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    return window.pages["carer"], dialog


def _choose(qtbot, dialog, kind: DocumentKind) -> None:
    dialog.document.setCurrentIndex(dialog.document.findData(kind.value))

    def ready() -> bool:
        current = dialog.current
        return current is not None and current.options == dialog.options() and current.options.kind is kind

    qtbot.waitUntil(ready, timeout=15_000)


def _save_as(qtbot, dialog, target: Path) -> str:
    """"Save as PDF…", the file chosen in the file dialog; returns the folder it proposed."""
    dialog.pdf_button.click()
    chooser = dialog._file_dialog
    proposed = chooser.directory().absolutePath()
    chooser.selectFile(str(target))
    with qtbot.waitSignal(chooser.fileSelected, timeout=5_000):
        chooser.accept()
    qtbot.waitUntil(lambda: dialog.busy_task is None and target.is_file(), timeout=15_000)
    return proposed


def test_print_the_handout_and_a_conversation(app_window, qtbot, wait_idle, tmp_path, save_screenshot):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Exempelsson", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(carer.carer))
    # a conversation written through the samtal form
    window.actions_by_name["new_conversation"].trigger()
    form = window.pages["entry"].form
    form.editor("participants").edit.setText("den anhörige")
    form.editor("note").edit.setPlainText("Vi talade om avlösning.")
    form.editor("perspective_parts").boxes["own_support"].setChecked(True)
    form.editor("support_info_offered").options.buttons["yes"].setChecked(True)
    window.pages["entry"].save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and len(carer.entries) == 1)
    wait_idle(ctrl)

    carer, dialog = _open_print_dialog(window, qtbot)
    handout = dialog.document.findData(DocumentKind.INFORMATION_HANDOUT.value)
    assert dialog.document.itemText(handout) == "Informationsblad"
    _choose(qtbot, dialog, DocumentKind.RESPONSE)
    assert dialog.entry.count() == 1  # the conversation
    assert dialog.example_note.isVisible()
    assert "exempelkommunens" in dialog.example_note.text().lower()
    _choose(qtbot, dialog, DocumentKind.INFORMATION_HANDOUT)
    save_screenshot(dialog, "print_dialog")
    dialog.pdf_for_carer.setChecked(True)  # given to the carer: noted as handed over
    _save_as(qtbot, dialog, tmp_path / "stod.pdf")
    assert (tmp_path / "stod.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: len(carer.entries) == 2)
    wait_idle(ctrl)
    assert carer.timeline.topLevelItem(0).text(1) == "Utskrivet material"
    assert carer.timeline.topLevelItem(0).text(2) == "Informationsblad"

    carer, dialog = _open_print_dialog(window, qtbot)
    _choose(qtbot, dialog, DocumentKind.RESPONSE)
    dialog.large_print.setChecked(True)
    qtbot.waitUntil(lambda: dialog.current is not None and dialog.current.options.large_print, timeout=15_000)
    dialog.pdf_for_carer.setChecked(True)
    _save_as(qtbot, dialog, tmp_path / "samtal.pdf")
    pdf = (tmp_path / "samtal.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: len(carer.entries) == 3)
    stored = repo.timeline(actor, carer_id, kinds=["handout"])
    assert {e["data"]["kind"] for e in stored} == {"information_handout", "response"}
    assert all("Exempelsson" not in str(e["data"]) for e in stored)  # a record, not the content


def test_lock_closes_the_print_dialog(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Exempelsson", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    qtbot.waitUntil(lambda: bool(window.pages["carer"].carer))
    _carer, dialog = _open_print_dialog(window, qtbot)
    window.lock()
    assert not dialog.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


def test_a_pdf_kept_for_oneself_is_not_noted_as_handed_over(app_window, qtbot, wait_idle, tmp_path):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Exempelsson", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(carer.carer))

    Path.home().mkdir(parents=True, exist_ok=True)  # the test's home (a file dialog cannot open a missing folder)
    carer, dialog = _open_print_dialog(window, qtbot)
    _choose(qtbot, dialog, DocumentKind.INFORMATION_HANDOUT)
    assert not dialog.pdf_for_carer.isChecked()  # a PDF is handed over only when ticked
    proposed = _save_as(qtbot, dialog, tmp_path / "mine.pdf")
    wait_idle(ctrl)
    assert (tmp_path / "mine.pdf").read_bytes().startswith(b"%PDF")
    assert repo.timeline(actor, carer_id, kinds=["handout"]) == []
    assert [r["action"] for r in repo.access_log(person_id=carer_id)
            if r["action"].startswith("print:")] == ["print:information_handout"]
    # proposed in the Documents folder (or home), never the program's working folder
    from anhorigdesk.ui.printing.save_dialog import documents_folder

    assert proposed and proposed.startswith(str(documents_folder()))
