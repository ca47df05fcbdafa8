"""Painting the printing core's PDF onto a QPrinter, page by page, at printer resolution.

QtPdf (PDFium) rasterises each page at the printer's resolution (capped at ``MAX_DPI``) in
horizontal bands, so a 600 dpi A4 page never needs more than one band's memory.  QPainter on
a QPrinter may be used outside the GUI thread, so this runs as a task: progress per page,
cancel between bands (the printer job is then aborted).  The QPdfDocument made here lives and
dies on the worker thread.
"""

from __future__ import annotations

from anhorigdesk import tempfiles
from anhorigdesk.ui.qt import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPainter,
    QPdfDocument,
    QPdfDocumentRenderOptions,
    QPrinter,
    QRect,
    QRectF,
    QSize,
)
from anhorigdesk.ui.tasks import TaskCancelled, TaskContext

#: Above this, a page costs memory and time without a visible gain for text.
MAX_DPI = 600
#: Rows rendered at a time (at 600 dpi an A4 band is ~4960 x 1024 x 4 bytes ≈ 20 MB).
BAND_ROWS = 1024


class PdfOpenError(RuntimeError):
    """QtPdf could not read the bytes (never expected for the printing core's output)."""


class PrinterUnavailable(OSError):
    """The printer (or the file it prints to) could not be opened for painting."""


def open_pdf(pdf: bytes, parent: object | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory; keep the buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PdfOpenError(str(document.error()))
    return document, buffer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The page indexes to paint: the range chosen in the print dialog (1-based, inclusive),
    else every page; repeated for copies when the printer does not make them itself."""
    first, last = 1, page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(page_count, printer.toPage() or page_count)
    once = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return once * copies
    return [index for index in once for _ in range(copies)]


def paint_pdf(ctx: TaskContext | None, pdf: bytes, printer: QPrinter) -> int:
    """Print the pages of ``pdf`` on ``printer`` (the dialog's page range and copies);
    returns the number of pages painted. Qt spools the job to a temporary file (CUPS:
    ``$TMPDIR``, the app's own folder, ``anhorigdesk.tempfiles``) until ``painter.end()``
    hands it over; meanwhile the folder is :func:`~anhorigdesk.tempfiles.in_use`, so a sweep
    after a purge waits for the job."""
    with tempfiles.in_use():
        return _paint_pdf(ctx, pdf, printer)


def _paint_pdf(ctx: TaskContext | None, pdf: bytes, printer: QPrinter) -> int:
    document, buffer = open_pdf(pdf)
    try:
        indexes = pages_to_print(printer, document.pageCount())
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterUnavailable("the printer could not be opened")
        try:
            for done, index in enumerate(indexes, start=1):
                if done > 1:
                    printer.newPage()
                _paint_page(ctx, document, index, painter, printer, dpi)
                if ctx is not None:
                    ctx.progress(done, len(indexes))
        except TaskCancelled:
            printer.abort()
            raise
        finally:
            if painter.isActive():
                painter.end()
        return len(indexes)
    finally:
        document.close()
        buffer.close()


def _paint_page(ctx: TaskContext | None, document: QPdfDocument, index: int, painter: QPainter,
                printer: QPrinter, dpi: int) -> None:
    points = document.pagePointSize(index)
    width, height = round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)
    # The printable area in device pixels; scale the page into it keeping its proportions.
    target = QRectF(painter.viewport())
    scale = min(target.width() / width, target.height() / height)
    left = target.left() + (target.width() - width * scale) / 2
    top = target.top() + (target.height() - height * scale) / 2
    for band_top in range(0, height, BAND_ROWS):
        if ctx is not None:
            ctx.check_cancelled()
        rows = min(BAND_ROWS, height - band_top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        options.setScaledClipRect(QRect(0, band_top, width, rows))
        image = document.render(index, QSize(width, rows), options)
        painter.drawImage(QRectF(left, top + band_top * scale, width * scale, rows * scale), image)
