"""Printing from the desktop application: preview, system print dialog, save as PDF.

``install_printing(window, ctx)`` hooks the print dialog into the main window: the carer
page's "Print…" button, the Carer/File menu's "Print…" (Ctrl+P) and the timeline's "Print
entry…" open ``PrintDialog`` for the open carer (through ``ctx.extras["print_carer"]`` and
``ctx.extras["print_entry"]``, which the carer page calls).

Pieces: ``service`` (worker-thread work, no Qt: read, render with the printing core,
record), ``municipality_file`` (which municipality file, loaded without crashing),
``preview`` (``PdfPreview``: QtPdf shows the very PDF made), ``raster`` (``paint_pdf``: the
pages at printer resolution onto a QPrinter) and ``dialog`` (``PrintDialog``).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.printing.dialog import PrintDialog
from anhorigdesk.ui.qt import QPdfDocument

QTPDF_AVAILABLE = QPdfDocument is not None

__all__ = ["PrintDialog", "close_print_dialog", "install_printing", "open_print_dialog"]


def open_print_dialog(window: Any, ctx: AppContext, carer_id: str,
                      entry_id: str | None = None) -> PrintDialog:
    """Show the print dialog for a carer (replacing one already open in this window)."""
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
    locking the window closes it.  Without QtPdf (pyside6-pdf) nothing is installed and the
    carer page falls back to saving a PDF only (``ui/print_dialog.py``)."""
    if not QTPDF_AVAILABLE:
        return
    window.print_dialog = None
    window.locked_changed.connect(lambda locked: close_print_dialog(window) if locked else None)
    ctx.extras["print_carer"] = lambda _page, carer_id: open_print_dialog(window, ctx, carer_id)
    ctx.extras["print_entry"] = lambda _page, carer_id, entry_id: open_print_dialog(
        window, ctx, carer_id, entry_id)
