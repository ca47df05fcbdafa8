"""The print preview: the very PDF the printing core produced, rendered by QtPdf.

``PdfPreview.show_pdf(bytes)`` loads the bytes from memory (no disk) into a QPdfDocument and
shows every page in a QPdfView (continuous, fit to width).  While a message is shown, the last
document stays set on the view (QPdfView warns when its document is unset) but counts 0 pages.
"""

from __future__ import annotations

from anhorigdesk.ui.printing.raster import open_pdf
from anhorigdesk.ui.qt import (
    QBuffer,
    QEvent,
    QPdfDocument,
    QPdfView,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.widgets import Muted


class PdfPreview(QWidget):
    """Shows a PDF, or a short text saying why there is nothing to show."""

    page_count_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self.pdf: bytes = b""

        self.stack = QStackedWidget(self)
        self.placeholder = Muted(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setMinimumSize(QSize(380, 420))
        self.retranslate()

    def set_whole_pages(self, whole: bool) -> None:
        """Fit whole pages in the view (True) or the page width (False, the default)."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole else QPdfView.ZoomMode.FitToWidth)

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Print preview"))
        self.placeholder.setAccessibleName(self.tr("Print preview"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def page_count(self) -> int:
        """Pages of the document shown (0 while a message is shown instead)."""
        if self.document is None or self.stack.currentWidget() is not self.view:
            return 0
        return self.document.pageCount()

    def show_message(self, text: str) -> None:
        """No document: a line saying why (being made, or what is wrong)."""
        self.pdf = b""
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
        self.page_count_changed.emit(0)

    def show_pdf(self, pdf: bytes) -> int:
        """Show ``pdf``; returns its page count."""
        old_document, old_buffer = self.document, self._buffer
        document, buffer = open_pdf(pdf, self)
        self.document, self._buffer, self.pdf = document, buffer, pdf
        self.view.setDocument(document)
        self.stack.setCurrentWidget(self.view)
        if old_document is not None:
            old_document.deleteLater()
        if old_buffer is not None:
            old_buffer.close()
        self.page_count_changed.emit(document.pageCount())
        return document.pageCount()
