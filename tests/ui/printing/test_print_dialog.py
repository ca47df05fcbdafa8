"""Printing from the app: the print dialog on a carer's page, preview, PDF, printer, records."""

from __future__ import annotations

import threading

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.printing import DocumentKind
from anhorigdesk.ui.printing import PrintDialog
from anhorigdesk.ui.printing.municipality_file import SETTING_KEY
from anhorigdesk.ui.qt import QPrinter

from .helpers import (
    CARER_NAME,
    POPPLER,
    STAFF_NAME,
    STAFF_PHONE,
    add_response,
    pdf_pages,
    pdf_text,
    plan_answers,
    stodplan_definition,
    stodplan_variant,
)

pytestmark = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftotext, pdfinfo)")


def open_carer(window, qtbot, carer_id: str):
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id, timeout=10_000)
    return page


def open_print_dialog(window, qtbot, carer_id: str) -> PrintDialog:
    """The carer's page, then its "Skriv ut…": the print dialog (still rendering)."""
    open_carer(window, qtbot, carer_id).print_button.click()
    return window.print_dialog


def wait_rendered(qtbot, dialog: PrintDialog, kind: DocumentKind | None = None) -> None:
    def ready() -> bool:
        current = dialog.current
        return (current is not None and dialog.preview.page_count > 0
                and (kind is None or current.options.kind is kind)
                and current.options == dialog.options())

    qtbot.waitUntil(ready, timeout=15_000)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} not offered"
    combo.setCurrentIndex(index)


def test_handout_in_english_large_print_saved_as_pdf_and_recorded(
        app_window, qtbot, store, carer_id, tmp_path, save_screenshot):
    _ctrl, window = app_window
    repo, _actor = store
    page = open_carer(window, qtbot, carer_id)
    before = len(page.entries)

    page.print_button.click()  # "Skriv ut…" on the carer's page
    dialog = window.print_dialog
    assert isinstance(dialog, PrintDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    # prefilled: the carer's preferred language and the profile's staff record
    assert dialog.language.currentData() == "en"
    assert dialog.staff_name.text() == STAFF_NAME
    assert dialog.staff_phone.text() == STAFF_PHONE
    choose(dialog.document, DocumentKind.INFORMATION_HANDOUT.value)
    wait_rendered(qtbot, dialog, DocumentKind.INFORMATION_HANDOUT)
    normal_pages = dialog.preview.page_count

    dialog.large_print.setChecked(True)
    wait_rendered(qtbot, dialog)
    assert dialog.current.options.large_print
    pages = dialog.preview.page_count
    assert pages == dialog.current.record.pages
    assert pages > normal_pages  # large print needs more paper
    assert dialog.pages_label.text().startswith(str(pages))
    qtbot.wait(300)  # let QPdfView paint its first page for the screenshot
    shot = save_screenshot(dialog, "print_dialog_handout_en_large")
    assert shot.exists()

    target = tmp_path / "out" / "handout.pdf"
    target.parent.mkdir()
    dialog.pdf_for_carer.setChecked(True)  # given to the carer: noted as handed over
    task = dialog.save_pdf_to(target)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: dialog.status.text() != "", timeout=10_000)
    assert pdf_pages(target) == pages
    assert target.read_bytes() == dialog.preview.pdf  # the preview showed the very file saved
    text = pdf_text(target)
    for expected in ("Support for you as a carer", "Exempelby Municipality", STAFF_NAME, STAFF_PHONE):
        assert expected in text
    assert CARER_NAME not in text  # the handout holds no personal data of the carer

    # the timeline gains a handout entry (no PDF bytes) and the carer page shows it
    qtbot.waitUntil(lambda: len(page.entries) == before + 1, timeout=10_000)
    handouts = [e for e in page.entries if e["kind"] == "handout"]
    assert len(handouts) == 1
    data = handouts[0]["data"]
    assert data["kind"] == "information_handout"
    assert data["language"] == "en" and data["large_print"] is True
    assert data["how"] == "pdf" and data["pages"] == pages and data["entry_id"] is None
    assert not any(isinstance(v, bytes) or (isinstance(v, str) and v.startswith("%PDF"))
                   for v in data.values())
    assert handouts[0]["author_name"] == STAFF_NAME
    rows = [r for r in repo.access_log(person_id=carer_id) if r["action"].startswith("print:")]
    assert [r["action"] for r in rows] == ["print:information_handout"]
    assert rows[0]["user_id"] == "staff-print-1" and rows[0]["at"]
    item = page.timeline.topLevelItem(0)
    assert "Information handout" in item.text(2) or "Informationsblad" in item.text(2)
    dialog.close()
    qtbot.wait(50)
    save_screenshot(window, "carer_page_after_print")


def test_printing_paints_the_pages_on_the_printer(app_window, qtbot, store, carer_id, tmp_path):
    _ctrl, window = app_window
    repo, actor = store
    registry = FormRegistry.load()
    entry_id = add_response(repo, actor, carer_id, registry.current("stodplan"), plan_answers())
    page = open_carer(window, qtbot, carer_id)
    window.actions_by_name["print"].trigger()  # Ctrl+P
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    choose(dialog.document, DocumentKind.SUPPORT_PLAN.value)
    assert dialog.entry.currentData() == entry_id  # the latest stödplan
    wait_rendered(qtbot, dialog, DocumentKind.SUPPORT_PLAN)
    pages = dialog.preview.page_count

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    progress: list[tuple[int, int]] = []
    task = dialog.print_to(printer)
    task.progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert progress[-1] == (pages, pages)
    assert pdf_pages(out) == pages  # one printer page per page of the document
    qtbot.waitUntil(lambda: any(e["kind"] == "handout" for e in page.entries), timeout=10_000)
    handout = next(e for e in page.entries if e["kind"] == "handout")
    assert handout["data"]["kind"] == "support_plan"
    assert handout["data"]["entry_id"] == entry_id
    assert handout["data"]["how"] == "printer"
    assert [r["action"] for r in repo.access_log(person_id=carer_id)
            if r["action"].startswith("print:")] == ["print:support_plan"]


def test_print_goes_through_the_system_print_dialog(app_window, qtbot, store, carer_id, tmp_path):
    from anhorigdesk.ui.qt import QLineEdit, QPrintDialog

    _ctrl, window = app_window
    repo, _actor = store
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog, DocumentKind.INFORMATION_HANDOUT)
    pages = dialog.preview.page_count
    dialog.print_button.click()
    system = next(w for w in dialog.findChildren(QPrintDialog) if w.isVisible())
    # No printer on the test machine: Qt offers printing to a PDF file.
    system.findChild(QLineEdit, "filename").setText(str(tmp_path / "system.pdf"))
    system.accept()
    qtbot.waitUntil(lambda: dialog.busy_task is None and dialog.status.text() != "", timeout=30_000)
    assert pdf_pages(tmp_path / "system.pdf") == pages
    assert [r["action"] for r in repo.access_log(person_id=carer_id)
            if r["action"].startswith("print:")] == ["print:information_handout"]


def _printer_to_pdf(path):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_cancelled_print_records_nothing(app_window, qtbot, store, carer_id, tmp_path, monkeypatch):
    import threading

    from anhorigdesk.ui.printing import raster

    _ctrl, window = app_window
    repo, _actor = store
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    # The first page waits until Cancel has been pressed (a page takes a few milliseconds
    # here: without this the printout could be done before the click).
    pressed = threading.Event()
    paint_page = raster._paint_page

    def slow_page(*args):
        pressed.wait(10)
        paint_page(*args)

    monkeypatch.setattr(raster, "_paint_page", slow_page)
    task = dialog.print_to(_printer_to_pdf(tmp_path / "cancelled.pdf"))
    assert dialog.cancel_button.isVisible() and not dialog.print_button.isEnabled()
    with qtbot.waitSignal(task.cancelled, timeout=20_000):
        dialog.cancel_button.click()
        pressed.set()
    assert "cancel" in dialog.error.text().lower() or "avbr" in dialog.error.text().lower()
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=5_000)
    assert not [r for r in repo.access_log(person_id=carer_id) if r["action"].startswith("print:")]


def test_cancel_pressed_after_the_pages_went_to_the_printer_records_the_printout(
        app_window, qtbot, store, carer_id, tmp_path, monkeypatch):
    """The pages are with the printer when Cancel is pressed: the printout happened, so it is
    recorded and the dialog says so (never "nothing was recorded")."""
    from anhorigdesk.ui.printing import dialog as dialog_module

    _ctrl, window = app_window
    repo, _actor = store
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    tasks = []
    task_known = threading.Event()
    record = dialog_module.record_printout

    def late_cancel(*args):
        # print_to has returned the task by now, or will in a moment
        assert task_known.wait(5)
        tasks[0].cancel()  # as a click arriving now would
        return record(*args)

    monkeypatch.setattr(dialog_module, "record_printout", late_cancel)
    task = dialog.print_to(_printer_to_pdf(tmp_path / "printed.pdf"))
    tasks.append(task)
    task_known.set()
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert [r["action"] for r in repo.access_log(person_id=carer_id)
            if r["action"].startswith("print:")] == ["print:information_handout"]
    assert "avbr" not in dialog.error.text().lower()


def test_old_stodplan_response_prints_as_its_own_form_version(
        app_window, qtbot, store, carer_id, tmp_path, save_screenshot):
    ctrl, window = app_window
    repo, actor = store
    v1 = stodplan_definition(1, "How heavy is it, first edition?")
    entry_id = add_response(repo, actor, carer_id, v1, plan_answers("Tungt ibland."))
    # The municipality now publishes a version 2 of the form, worded differently; a sync
    # brings the bundle (docs/MUNICIPALITY.md) and the app builds its registry again.
    from anhorigdesk.municipality.bundle import read_folder
    from anhorigdesk.municipality.storage import save_bundle
    from anhorigdesk.sync.engine import SyncReport
    from tests.municipality.bundles import make_bundle

    folder = make_bundle(tmp_path / "bundle")
    (folder / "forms" / "stodplan.yaml").write_text(stodplan_variant(2, "How heavy is it, second edition?"), "utf-8")
    bundle = read_folder(folder)
    repo.apply_remote(lambda conn: save_bundle(conn, 1, bundle, "2026-12-07T10:00:00+00:00"))
    ctrl._sync_material(SyncReport(material=[1]))
    qtbot.waitUntil(lambda: ctrl.ctx.workspace.forms is not None
                    and ctrl.ctx.workspace.forms.material_version == 1, timeout=10_000)

    page = open_carer(window, qtbot, carer_id)
    item = page.timeline.topLevelItem(0)
    page.timeline.setCurrentItem(item)
    assert page.print_entry_button.isEnabled()
    page.print_entry_button.click()  # print this entry from the timeline
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    assert dialog.source.registry.current("stodplan").version == 2
    assert dialog.document_kind() is DocumentKind.SUPPORT_PLAN
    assert dialog.entry.currentData() == entry_id

    choose(dialog.document, DocumentKind.RESPONSE.value)
    dialog.entry.setCurrentIndex(dialog.entry.findData(entry_id))
    wait_rendered(qtbot, dialog, DocumentKind.RESPONSE)
    assert dialog.current.record.form_version == 1
    dialog.whole_pages.setChecked(True)
    qtbot.wait(300)
    save_screenshot(dialog, "print_dialog_response_v1")
    target = tmp_path / "response.pdf"
    dialog.pdf_for_carer.setChecked(True)
    with qtbot.waitSignal(dialog.save_pdf_to(target).finished, timeout=10_000):
        pass
    text = pdf_text(target)
    assert "first edition" in text
    assert "second edition" not in text
    assert "Tungt ibland." in text and CARER_NAME in text
    qtbot.waitUntil(lambda: any(e["kind"] == "handout" for e in page.entries), timeout=10_000)
    handout = next(e for e in page.entries if e["kind"] == "handout")
    assert handout["data"]["form_version"] == 1 and handout["data"]["entry_id"] == entry_id


def test_confidential_entry_prints_only_for_the_carer(app_window, qtbot, store, carer_id, tmp_path):
    _ctrl, window = app_window
    repo, actor = store
    definition = FormRegistry.load().current("stodplan")
    add_response(repo, actor, carer_id, definition, plan_answers(), confidentiality="carer_only")
    dialog = open_print_dialog(window, qtbot, carer_id)
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    choose(dialog.document, DocumentKind.SUPPORT_PLAN.value)
    wait_rendered(qtbot, dialog, DocumentKind.SUPPORT_PLAN)
    assert dialog.print_button.isEnabled()

    dialog.for_other.setChecked(True)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "confidence" in dialog.error.text() or "förtroende" in dialog.error.text()
    assert dialog.current is None and dialog.preview.page_count == 0
    assert not dialog.print_button.isEnabled() and not dialog.pdf_button.isEnabled()


def test_shareable_entry_needs_the_carers_consent_for_someone_else(
        app_window, qtbot, store, carer_id, tmp_path):
    _ctrl, window = app_window
    repo, actor = store
    definition = FormRegistry.load().current("stodplan")
    add_response(repo, actor, carer_id, definition, plan_answers(), confidentiality="shareable")
    dialog = open_print_dialog(window, qtbot, carer_id)
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    choose(dialog.document, DocumentKind.SUPPORT_PLAN.value)
    dialog.for_other.setChecked(True)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "agreed" in dialog.error.text() or "samtyck" in dialog.error.text()

    # with the consent recorded, the printout for someone else is allowed
    repo.create(actor, "consent", carer_id=carer_id, scope="print_plan", given_at="2026-11-20",
                given_how="written")
    dialog.load()
    wait_rendered(qtbot, dialog, DocumentKind.SUPPORT_PLAN)
    assert dialog.current.options.reader.value == "other"
    assert dialog.error.text() == ""


def test_checkin_summary_from_latest_checkin(app_window, qtbot, store, carer_id, tmp_path, save_screenshot):
    _ctrl, window = app_window
    repo, actor = store
    definition = FormRegistry.load().current("frivillighet")
    entry_id = add_response(repo, actor, carer_id, definition,
                            {"check_in_date": "2026-11-25", "still_own_choice": "yes", "burden_now": 2})
    page = open_carer(window, qtbot, carer_id)
    page.timeline.setCurrentItem(page.timeline.topLevelItem(0))
    action = window.actions_by_name["print_entry"]  # Carer menu, Ctrl+Shift+P
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+P"
    action.trigger()
    dialog = window.print_dialog
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    assert dialog.document_kind() is DocumentKind.CHECKIN_SUMMARY
    assert dialog.entry.currentData() == entry_id
    assert dialog.checkin_box.isVisibleTo(dialog) and not dialog.staff_box.isVisibleTo(dialog)
    # the scheduling core's next check-in: six months after the check-in was recorded
    assert dialog.next_on.isChecked() and dialog.next_date.date().toString("yyyy-MM-dd") == "2027-05-20"
    dialog.agreed.setPlainText("Ring om tre veckor\n\nTräffa anhöriggruppen")
    wait_rendered(qtbot, dialog, DocumentKind.CHECKIN_SUMMARY)
    qtbot.wait(300)
    save_screenshot(dialog, "print_dialog_checkin")
    target = tmp_path / "checkin.pdf"
    with qtbot.waitSignal(dialog.save_pdf_to(target).finished, timeout=10_000):
        pass
    text = pdf_text(target)
    assert "Ring om tre veckor" in text and "Träffa anhöriggruppen" in text
    assert "20 May 2027" in text


def test_malformed_municipality_file_gives_a_clear_message(
        app_window, qtbot, store, carer_id, tmp_path, save_screenshot):
    from anhorigdesk.printing import example_municipality_path

    ctrl, window = app_window
    bad = tmp_path / "kommun.yaml"
    text = example_municipality_path().read_text("utf-8")
    assert "\nname:\n" in text
    bad.write_text(text.replace("\nname:\n", "\nnamn:\n", 1), "utf-8")
    ctrl.ctx.settings.set_value(SETTING_KEY, str(bad))

    dialog = open_print_dialog(window, qtbot, carer_id)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    message = dialog.error.text()
    assert "kommun.yaml" in message
    assert "fältet name: saknas" in message and "fältet namn: okänt fält" in message
    assert dialog.current is None and dialog.preview.page_count == 0
    assert not dialog.print_button.isEnabled() and not dialog.pdf_button.isEnabled()
    qtbot.wait(100)  # let the layout take the message's height
    save_screenshot(dialog, "print_dialog_bad_municipality")

    # the app keeps running: back to the shipped example, and printing works again
    dialog.use_municipality_file(None)
    wait_rendered(qtbot, dialog)
    assert dialog.error.text() == ""
    assert window.isVisible()


def test_locking_closes_the_print_dialog(app_window, qtbot, store, carer_id):
    _ctrl, window = app_window
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    window.lock()
    assert window.print_dialog is None and not dialog.isVisible()
    qtbot.waitUntil(lambda: bool(gone), timeout=5_000)  # the PDF is not kept behind the lock


def test_missing_municipality_file_gives_a_clear_message(app_window, qtbot, store, carer_id, tmp_path):
    ctrl, window = app_window
    ctrl.ctx.settings.set_value(SETTING_KEY, str(tmp_path / "finns-inte.yaml"))
    dialog = open_print_dialog(window, qtbot, carer_id)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "finns-inte.yaml" in dialog.error.text() and "filen finns inte" in dialog.error.text()
    assert not dialog.print_button.isEnabled()


def test_reading_rendering_saving_and_recording_run_off_the_gui_thread(
        app_window, qtbot, store, carer_id, tmp_path, monkeypatch):
    import threading

    from anhorigdesk.ui.printing import dialog as dialog_module

    threads: dict[str, list[bool]] = {}

    def watch(name: str) -> None:
        original = getattr(dialog_module, name)

        def wrapper(*args, **kwargs):
            threads.setdefault(name, []).append(threading.current_thread() is threading.main_thread())
            return original(*args, **kwargs)

        monkeypatch.setattr(dialog_module, name, wrapper)

    for name in ("load_print_source", "render_document", "write_pdf_file", "record_printout"):
        watch(name)
    _ctrl, window = app_window
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    dialog.pdf_for_carer.setChecked(True)
    with qtbot.waitSignal(dialog.save_pdf_to(tmp_path / "x.pdf").finished, timeout=10_000):
        pass
    assert set(threads) == {"load_print_source", "render_document", "write_pdf_file", "record_printout"}
    assert not any(on_main for calls in threads.values() for on_main in calls)


def test_dialog_follows_the_ui_language(app_window, qtbot, store, carer_id):
    ctrl, window = app_window
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    assert dialog.pdf_button.text() == "Spara som &PDF…"
    ctrl.set_language("en")
    qtbot.waitUntil(lambda: dialog.pdf_button.text() == "&Save as PDF…", timeout=5_000)
    assert dialog.document.itemText(0) == "Information handout"
    assert dialog.pages_label.text() == f"{dialog.preview.page_count} pages"
    ctrl.set_language("sv")
    qtbot.waitUntil(lambda: dialog.document.itemText(0) == "Informationsblad", timeout=5_000)


def test_printer_page_range_and_copies(qapp, tmp_path):
    from anhorigdesk.printing import (
        example_municipality_path,
        load_municipality,
        render_information_handout,
    )
    from anhorigdesk.ui.printing.raster import pages_to_print, paint_pdf

    pdf = render_information_handout(load_municipality(example_municipality_path()), "sv", large_print=True)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, 4) == [1, 2]
    printer.setCopyCount(2)
    if not printer.supportsMultipleCopies():
        printer.setCollateCopies(True)
        assert pages_to_print(printer, 4) == [1, 2, 1, 2]
        printer.setCollateCopies(False)
        assert pages_to_print(printer, 4) == [1, 1, 2, 2]
    printer.setCopyCount(1)
    assert paint_pdf(None, pdf, printer) == 2
    assert pdf_pages(tmp_path / "range.pdf") == 2


# Qt's own word that the printer did not open (and the offscreen platform's usual one)
@pytest.mark.qt_log_ignore("QPainter::begin", "This plugin does not support propagateSizeHints")
def test_a_printer_that_cannot_be_opened_is_reported_and_not_recorded(
        app_window, qtbot, store, carer_id, tmp_path):
    _ctrl, window = app_window
    repo, _actor = store
    dialog = open_print_dialog(window, qtbot, carer_id)
    wait_rendered(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))  # cannot be opened
    task = dialog.print_to(printer)
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass
    assert "Skrivaren kunde inte användas" in dialog.error.text()
    assert not [r for r in repo.access_log(person_id=carer_id) if r["action"].startswith("print:")]
    assert dialog.print_button.isEnabled()  # try again, or save as PDF
