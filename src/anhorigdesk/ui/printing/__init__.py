"""Printing from the desktop application: preview, system print dialog, save as PDF.

``install_printing(window, ctx)`` (called by ``pages/registry.py``) hooks ``PrintDialog``
into the main window: the carer page's "Skriv ut…" button and the File/Carer menus' "Skriv
ut…" (Ctrl+P) open it for the open carer; the timeline's "Skriv ut anteckningen…" button,
its context menu and the Carer menu's "Skriv ut den valda anteckningen…" (Ctrl+Shift+P) open
it on the selected entry (``ctx.print_carer`` / ``ctx.print_entry``,
which the carer page calls).  Locking the window closes and deletes the dialog.  This is the
app's one print dialog for a carer (the unit's list for carers has its own, ``unit_list``).
QtPdf (``pyside6-pdf``) is a requirement of the desktop app, like QtPrintSupport.

Documents: information handout (language, large print, staff name and phone prefilled from
the profile's staff record; until the municipality has its own file the dialog says the
shipped example's details are used), support plan (latest stödplan, or one chosen), check-in summary
(latest frivillighet check-in; what was agreed; the next check-in = the carer's schedule's,
the date the carer page shows), any recorded form (``render_response``), each faithful to the form version it was
made with (``FormRegistry.get`` by fingerprint, fed with ``Repository.form_versions()``).
"Printed for" the carer themself or someone else: the printing core's rule decides
(``shareable`` entries print for others only with the carer's ``print_plan`` consent).

What counts as handed over: a printout on paper, and a PDF saved with "The PDF is given to
the carer" ticked (the dialog says so); a PDF kept for oneself gets only its access-log row.
Recording (worker thread, through the repository): a timeline entry of kind ``handout``
whose data is the printing core's ``PrintRecord.to_data()`` (``kind``, ``language``,
``large_print``, ``entry_id`` of the source entry, form id/version, pages, sha256, reader,
printed_at) plus ``how`` ("printer" / "pdf"); never the PDF; and an access-log row
``print:<kind>``.  The author and time are the entry's own.

Settings (QSettings): ``printing/municipality_file`` (empty: the municipality file of the
bundle the municipality published on the server, else ``<data dir>/municipality.yaml`` if
present, else the shipped example, Exempelby kommun, marked as such; the dialog's
"Kommunfil…" sets it; a bad file shows each field and problem and nothing prints). The forms
are the workspace's one registry (``Workspace.form_registry``: built-in, the published
bundle's, the unit's own; docs/MUNICIPALITY.md).

Pieces: ``service`` (worker-thread work, no Qt: read, render with the printing core,
record), ``municipality_file`` (which municipality file, loaded without crashing),
``preview`` (``PdfPreview``: QtPdf shows the very PDF made), ``raster`` (``paint_pdf``: the
pages at printer resolution, max 600 dpi, in bands, onto a QPrinter, with the print dialog's
page range and copies), ``save_dialog`` (the "Save as PDF" file dialog, in the Documents
folder), ``dialog`` (``PrintDialog``) and ``unit_list`` (the short-term unit's list for
carers, no personal data: its own small dialog, opened from the Korttid page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import has_qt_module

if TYPE_CHECKING:
    from anhorigdesk.ui.printing.dialog import PrintDialog

# Known without loading QtPdf (it loads with the print dialog, at the first print).
QTPDF_AVAILABLE = has_qt_module("QtPdf")

__all__ = ["PrintDialog", "close_print_dialog", "install_printing", "open_print_dialog"]


def __getattr__(name: str) -> Any:
    if name == "PrintDialog":
        from anhorigdesk.ui.printing.dialog import PrintDialog

        return PrintDialog
    raise AttributeError(name)


def open_print_dialog(window: Any, ctx: AppContext, carer_id: str,
                      entry_id: str | None = None) -> PrintDialog:
    """Show the print dialog for a carer (replacing one already open in this window)."""
    # The dialog brings reportlab (~0.13 s to import): loaded at the first print, not at start.
    from anhorigdesk.ui.printing.dialog import PrintDialog

    close_print_dialog(window)
    dialog = PrintDialog(ctx, carer_id, entry_id, window)
    window.print_dialog = dialog

    def refresh(printed_for: str) -> None:
        window.data_changed.emit()  # e.g. the count of changes not yet synced
        page = getattr(window, "pages", {}).get("carer")
        if page is not None and getattr(page, "carer_id", None) == printed_for:
            page.reload()

    dialog.printed.connect(refresh)
    dialog.show()
    dialog.load()
    return dialog


def close_print_dialog(window: Any) -> None:
    """Close the window's print dialog and let it go (its PDF holds personal data)."""
    old = getattr(window, "print_dialog", None)
    if old is not None:
        window.print_dialog = None
        old.dispose()


def install_printing(window: Any, ctx: AppContext) -> None:
    """Let the carer page and the main window's Print action open the print dialog;
    locking the window closes it."""
    if not QTPDF_AVAILABLE:
        return
    window.print_dialog = None
    window.locked_changed.connect(lambda locked: close_print_dialog(window) if locked else None)
    ctx.print_carer = lambda _page, carer_id: open_print_dialog(window, ctx, carer_id)
    ctx.print_entry = lambda _page, carer_id, entry_id: open_print_dialog(
        window, ctx, carer_id, entry_id)
