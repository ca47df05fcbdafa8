"""The print preview: the very PDF the printing core produced, rendered by QtPdf.

``PdfPreview.show_pdf(bytes)`` loads the bytes from memory (no disk) into a QPdfDocument and
shows every page in a QPdfView (continuous, fit to width).  A build without QtPdfWidgets
gets the pages drawn as images in a scroll area instead.  While a message is shown, the last
document stays set on the view (QPdfView warns when its document is unset) but counts 0 pages.
"""

from __future__ import annotations

from anhorigdesk.ui.printing.raster import open_pdf
from anhorigdesk.ui.qt import (
    QBuffer,
    QEvent,
    QLabel,
    QPdfDocument,
    QPdfView,
    QPixmap,
    QScrollArea,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.widgets import Muted

#: Width in pixels of a page drawn by the fallback view.
FALLBACK_PAGE_WIDTH = 560


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
        if QPdfView is not None:
            self.view: QWidget = QPdfView(self)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view = QScrollArea(self)
            self.view.setWidgetResizable(True)
            self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setMinimumSize(QSize(380, 420))
        self.retranslate()

    def set_whole_pages(self, whole: bool) -> None:
        """Fit whole pages in the view (True) or the page width (False, the default)."""
        if QPdfView is not None:
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
        if QPdfView is not None:
            self.view.setDocument(document)
        else:
            self._fill_fallback(document)
        self.stack.setCurrentWidget(self.view)
        if old_document is not None:
            old_document.deleteLater()
        if old_buffer is not None:
            old_buffer.close()
        self.page_count_changed.emit(document.pageCount())
        return document.pageCount()

    def _fill_fallback(self, document: QPdfDocument) -> None:
        pages = QWidget()
        column = QVBoxLayout(pages)
        for index in range(document.pageCount()):
            size = document.pagePointSize(index)
            height = round(FALLBACK_PAGE_WIDTH * size.height() / size.width())
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(document.render(index, QSize(FALLBACK_PAGE_WIDTH, height))))
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.view.setWidget(pages)
