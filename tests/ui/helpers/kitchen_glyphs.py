"""Looking at rendered rows: is the top of "ÅÄÖ" on screen, or cut off by the row?"""

from __future__ import annotations

from anhorigdesk.ui.qt import QApplication, QColor, QFontMetrics, QImage, QPainter, QRect, Qt

LETTERS = "ÅÄÖ"


def _ink_rows(image: QImage, left: int, right: int, background: QColor) -> list[int]:
    rows = []
    for y in range(image.height()):
        for x in range(max(0, left), min(image.width(), right + 1)):
            c = QColor(image.pixel(x, y))
            if max(abs(c.red() - background.red()), abs(c.green() - background.green()),
                   abs(c.blue() - background.blue())) > 90:
                rows.append(y)
                break
    return rows


def _background(image: QImage) -> QColor:
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return QColor(max(counts, key=counts.get))


def reference_height(font) -> int:
    """How many pixel rows "ÅÄÖ" covers when nothing cuts it."""
    metrics = QFontMetrics(font)
    image = QImage(metrics.horizontalAdvance(LETTERS) + 20, metrics.height() * 3, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(10, metrics.height() * 2, LETTERS)
    painter.end()
    rows = _ink_rows(image, 0, image.width() - 1, QColor("white"))
    return rows[-1] - rows[0] + 1


def letters_in_cell(widget, rect: QRect, font) -> tuple[int, int]:
    """Grab ``rect`` of ``widget`` (a view's viewport) and measure the text that begins
    with "ÅÄÖ": (pixel rows the three letters cover, empty rows above them in the cell)."""
    QApplication.processEvents()
    image = widget.grab(rect).toImage()
    background = _background(image)
    # the letters are the first thing in the cell: from the first inked column, as wide as they are
    columns = [x for x in range(image.width())
               if any(_differs(QColor(image.pixel(x, y)), background) for y in range(image.height()))]
    assert columns, "nothing drawn in the cell"
    first = columns[0]
    width = QFontMetrics(font).horizontalAdvance(LETTERS)
    rows = _ink_rows(image, first, first + width - 2, background)
    return rows[-1] - rows[0] + 1, rows[0]


def _differs(c: QColor, background: QColor) -> bool:
    return max(abs(c.red() - background.red()), abs(c.green() - background.green()),
               abs(c.blue() - background.blue())) > 90


def cut_letters(view, index, what: str) -> str:
    """Why the "ÅÄÖ" at the start of ``index``'s cell in ``view`` is not drawn whole ("" if it is)."""
    view.scrollTo(index)
    rect = view.visualRect(index)
    font = index.data(Qt.ItemDataRole.FontRole) or view.font()
    height, gap = letters_in_cell(view.viewport(), rect, font)
    if height < reference_height(font):
        return (f"{what}: the top of Å/Ä/Ö is cut off ({height} of {reference_height(font)} pixel rows "
                f"shown, row {rect.height()} px high)")
    if gap < 1:
        return f"{what}: the letters touch the top of the row"
    return ""
