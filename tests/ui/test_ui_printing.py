"""Printing from a carer's page: a PDF where the user chose, and a note on the timeline."""

from __future__ import annotations

from anhorigdesk.ui.qt import QApplication


def _without_qtpdf(ctrl):
    """This file covers the save-as-PDF fallback of a build without QtPdf; the full print
    dialog (preview, printer) is installed by ui/printing and tested in tests/ui/printing."""
    ctrl.ctx.extras.pop("print_carer", None)


def _open_print_dialog(window, qtbot):
    window.actions_by_name["print"].trigger()
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: getattr(carer, "print_dialog", None) is not None and carer.print_dialog.isVisible())
    return carer, carer.print_dialog


def test_print_the_handout_and_a_conversation(app_window, qtbot, wait_idle, tmp_path, monkeypatch,
                                              save_screenshot):
    ctrl, window = app_window
    _without_qtpdf(ctrl)
    repo, actor = ctrl.ctx.session.repository, ctrl.ctx.session.actor
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

    targets = iter([tmp_path / "stod.pdf", tmp_path / "samtal.pdf"])
    monkeypatch.setattr("anhorigdesk.ui.print_dialog.ask_save_path", lambda parent, suggested: str(next(targets)))
    carer, dialog = _open_print_dialog(window, qtbot)
    assert dialog.list.count() == 2  # the handout and the conversation
    assert dialog.list.item(0).text() == "Information om stödet som finns (informationsblad)"
    assert "exempelkommunens" in dialog.note.text().lower()
    save_screenshot(dialog, "print_dialog")
    dialog.for_carer.setChecked(True)  # given to the carer: noted as handed over
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    assert (tmp_path / "stod.pdf").read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: len(carer.entries) == 2)
    wait_idle(ctrl)
    assert carer.timeline.topLevelItem(0).text(1) == "Utskrivet material"
    assert carer.timeline.topLevelItem(0).text(2) == "Informationsblad"

    carer, dialog = _open_print_dialog(window, qtbot)
    dialog.list.setCurrentRow(1)
    dialog.large_print.setChecked(True)
    dialog.for_carer.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    pdf = (tmp_path / "samtal.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: len(carer.entries) == 3)
    stored = repo.timeline(actor, carer_id, kinds=["handout"])
    assert {e["data"]["kind"] for e in stored} == {"information_handout", "response"}
    assert all("Exempelsson" not in str(e["data"]) for e in stored)  # a record, not the content


def test_lock_closes_the_print_dialog(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    _without_qtpdf(ctrl)
    repo, actor = ctrl.ctx.session.repository, ctrl.ctx.session.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Exempelsson", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    qtbot.waitUntil(lambda: bool(window.pages["carer"].carer))
    _carer, dialog = _open_print_dialog(window, qtbot)
    window.lock()
    assert not dialog.isVisible()
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


def test_a_pdf_kept_for_oneself_is_not_noted_as_handed_over(app_window, qtbot, wait_idle, tmp_path,
                                                             monkeypatch):
    ctrl, window = app_window
    _without_qtpdf(ctrl)
    repo, actor = ctrl.ctx.session.repository, ctrl.ctx.session.actor
    carer_id = repo.create_carer(actor, name="Fiktiva Exempelsson", unit_ids=[actor.unit_id], status="active")
    window.navigate("carer", carer_id)
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(carer.carer))
    suggested: list[str] = []

    def ask(_parent, proposal: str) -> str:
        suggested.append(proposal)
        return str(tmp_path / "mine.pdf")

    monkeypatch.setattr("anhorigdesk.ui.print_dialog.ask_save_path", ask)
    carer, dialog = _open_print_dialog(window, qtbot)
    assert not dialog.for_carer.isChecked()  # a PDF is handed over only when ticked
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    wait_idle(ctrl)
    assert (tmp_path / "mine.pdf").read_bytes().startswith(b"%PDF")
    assert repo.timeline(actor, carer_id, kinds=["handout"]) == []
    assert [r["action"] for r in repo.access_log(person_id=carer_id)
            if r["action"].startswith("print:")] == ["print:information_handout"]
    # proposed in the Documents folder (or home), never the program's working folder
    from anhorigdesk.ui.printing.save_dialog import documents_folder

    assert suggested and suggested[0].startswith(str(documents_folder()))
