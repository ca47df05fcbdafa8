"""Printing as the care worker meets it at the kitchen table (issue 20, items 4 and 10).

The next check-in on paper is the one on the carer page (one source: the scheduling core);
"Spara som PDF" starts in the user's Documents folder; a PDF saved for oneself is not
"handed over" on the timeline, a printout or a PDF saved to give to the carer is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.printing import DocumentKind
from anhorigdesk.ui.scheduling.carer_panel import CarerSchedulePanel

from .helpers import POPPLER, add_response, pdf_text, plan_answers
from .test_print_dialog import choose, open_carer, wait_rendered

pytestmark = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftotext, pdfinfo)")


def test_the_printed_next_checkin_is_the_one_on_the_carer_page(
        app_window, qtbot, store, carer_id, tmp_path, save_screenshot):
    """A check-in on 20 Nov (six months on: 20 May) and a new stödplan on 1 Dec, which
    brings the check-in forward to 31 Dec (+30 days): the page and the paper both say 31 Dec."""
    _ctrl, window = app_window
    repo, actor = store
    registry = FormRegistry.load()
    add_response(repo, actor, carer_id, registry.current("frivillighet"),
                 {"check_in_date": "2026-11-25", "still_own_choice": "yes", "burden_now": 2,
                  "wants_to_reduce": "no"})
    plan = registry.current("stodplan")
    repo.remember_form_version(plan.fingerprint, plan.id, plan.version,
                               registry.stored_version(plan).canonical_json)
    repo.add_entry(actor, carer_id, "stodplan", plan_answers(),
                   occurred_at=datetime(2026, 12, 1, 10, tzinfo=UTC), form_id=plan.id,
                   form_version=plan.version, form_fingerprint=plan.fingerprint)

    page = open_carer(window, qtbot, carer_id)
    panel = page.findChild(CarerSchedulePanel)
    qtbot.waitUntil(lambda: panel.agenda is not None, timeout=10_000)
    on_screen = panel.agenda.schedule.next_checkin.due_on
    assert on_screen.isoformat() == "2026-12-31"
    assert "2026-12-31" in panel.summary.text()

    page.print_button.click()
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    choose(dialog.document, DocumentKind.CHECKIN_SUMMARY.value)
    qtbot.waitUntil(lambda: dialog.next_on.isChecked(), timeout=10_000)
    assert dialog.next_date.date().toPython() == on_screen
    wait_rendered(qtbot, dialog, DocumentKind.CHECKIN_SUMMARY)
    assert dialog.current.options.next_checkin == on_screen
    target = tmp_path / "checkin.pdf"
    target.write_bytes(dialog.current.pdf)
    text = pdf_text(target)
    assert "We will talk about this again on 31 December 2026." in text  # the carer reads English
    assert "May 2027" not in text


def test_save_as_pdf_opens_in_the_documents_folder(app_window, qtbot, store, carer_id, tmp_path,
                                                   monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs there
    monkeypatch.chdir(tmp_path)  # the working folder is somewhere else
    _ctrl, window = app_window
    page = open_carer(window, qtbot, carer_id)
    page.print_button.click()
    dialog = window.print_dialog
    wait_rendered(qtbot, dialog)
    dialog.save_pdf()
    files = dialog._file_dialog
    try:
        assert Path(files.directory().absolutePath()) == home / "Documents"
        chosen = [Path(f) for f in files.selectedFiles()]
        assert chosen and chosen[0].parent == home / "Documents"
    finally:
        files.reject()


def test_a_pdf_kept_for_oneself_is_not_handed_over(app_window, qtbot, store, carer_id, tmp_path):
    _ctrl, window = app_window
    repo, _actor = store
    page = open_carer(window, qtbot, carer_id)
    before = len(page.entries)
    page.print_button.click()
    dialog = window.print_dialog
    wait_rendered(qtbot, dialog, DocumentKind.INFORMATION_HANDOUT)
    # the dialog says what counts as handed over, and a PDF is not, unless ticked
    assert dialog.pdf_for_carer.isVisibleTo(dialog) and not dialog.pdf_for_carer.isChecked()
    assert "utlämnad" in dialog.handover_note.text() and "kopia" in dialog.handover_note.text()
    mine = tmp_path / "mine.pdf"
    with qtbot.waitSignal(dialog.save_pdf_to(mine).finished, timeout=10_000):
        pass
    assert mine.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: dialog.status.text() != "", timeout=10_000)
    assert not [e for e in repo.timeline(_actor, carer_id) if e["kind"] == "handout"]
    # ... but the data did leave the app: the access log has it
    rows = [r["action"] for r in repo.access_log(person_id=carer_id) if r["action"].startswith("print:")]
    assert rows == ["print:information_handout"]

    dialog.pdf_for_carer.setChecked(True)  # now one for the carer
    with qtbot.waitSignal(dialog.save_pdf_to(tmp_path / "for-carer.pdf").finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: len(page.entries) == before + 1, timeout=10_000)
    handouts = [e for e in page.entries if e["kind"] == "handout"]
    assert len(handouts) == 1 and handouts[0]["data"]["how"] == "pdf"


def test_the_korttid_list_names_the_short_term_unit_not_the_workers(app_window, qtbot, store,
                                                                     tmp_path):
    from anhorigdesk.store import Change
    from anhorigdesk.ui.printing.unit_list import UnitListPrintDialog

    ctrl, window = app_window
    repo, actor = store
    repo.write(actor, [Change("unit", {"name": "Korttidsboendet Eken", "kind": "short_term"},
                              "unit-short-term-1")])
    # the worker belongs to "Anhörigstödet Exempelby" (carer support), as the profile says
    dialog = UnitListPrintDialog(ctrl.ctx, "Anhörigstödet Exempelby", window)
    dialog.open()
    dialog.render()  # as the short-term page does
    qtbot.waitUntil(lambda: dialog.unit_name == "Korttidsboendet Eken" and bool(dialog.pdf)
                    and dialog._timer.remainingTime() < 0 and ctrl.ctx.runner.running == 0,
                    timeout=15_000)
    qtbot.waitUntil(lambda: bool(dialog.pdf), timeout=15_000)
    target = tmp_path / "korttid.pdf"
    target.write_bytes(dialog.pdf)
    text = pdf_text(target)
    assert "bor hos oss på Korttidsboendet Eken" in text
    assert "Anhörigstödet Exempelby" not in text
    assert [dialog.unit.itemText(i) for i in range(dialog.unit.count())] == ["Korttidsboendet Eken"]
    dialog.close()


def test_an_overdue_next_checkin_is_shown_but_not_printed_unless_chosen(
        app_window, qtbot, store, carer_id):
    _ctrl, window = app_window
    repo, actor = store
    form = FormRegistry.load().current("frivillighet")
    repo.remember_form_version(form.fingerprint, form.id, form.version,
                               FormRegistry.load().stored_version(form).canonical_json)
    repo.add_entry(actor, carer_id, "frivillighet",
                   {"check_in_date": "2025-01-10", "still_own_choice": "yes", "burden_now": 2,
                    "wants_to_reduce": "no"},
                   occurred_at=datetime(2025, 1, 10, 10, tzinfo=UTC), form_id=form.id,
                   form_version=form.version, form_fingerprint=form.fingerprint)
    page = open_carer(window, qtbot, carer_id)
    page.print_button.click()
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    choose(dialog.document, DocumentKind.CHECKIN_SUMMARY.value)
    qtbot.waitUntil(lambda: dialog.next_date.date().toString("yyyy-MM-dd") == "2025-07-10",
                    timeout=10_000)
    assert not dialog.next_on.isChecked()  # "we talk again" on a day gone by is not printed
    wait_rendered(qtbot, dialog, DocumentKind.CHECKIN_SUMMARY)
    assert dialog.current.options.next_checkin is None
