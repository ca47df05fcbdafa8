"""Printing as the care worker meets it at the kitchen table (issue 20, items 4 and 10).

The next check-in on paper is the one on the carer page (one source: the scheduling core);
"Spara som PDF" starts in the user's Documents folder; a PDF saved for oneself is not
"handed over" on the timeline, a printout or a PDF saved to give to the carer is.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.printing import DocumentKind
from anhorigdesk.ui.scheduling.carer_panel import CarerSchedulePanel

from .conftest import POPPLER, add_response, pdf_text, plan_answers
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
