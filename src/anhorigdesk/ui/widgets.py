"""Small widgets shared by the screens."""

from __future__ import annotations

from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QApplication,
    QEvent,
    QFont,
    QFontMetrics,
    QFrame,
    QLabel,
    QModelIndex,
    QObject,
    QPalette,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

#: the tallest letters of the language: in common fonts (DejaVu Sans among them) the ring
#: of Å and the dots of Ä and Ö reach above the font's ascent, so a row exactly one
#: line high cuts them off ("Märta Öberg" reads "Märta Oberg")
TALL_LETTERS = "ÅÄÖÉÜ"
#: and what reaches below the descent
DEEP_LETTERS = "gjpqyÇ"


_spills: dict[str, int] = {}


def accent_spill(font: QFont) -> int:
    """Pixels the tallest (or deepest) letters reach beyond the font's line box, on one
    side; a row centred on the line needs this much more room above and below."""
    key = font.key()
    found = _spills.get(key)
    if found is None:
        metrics = QFontMetrics(font)
        above = -metrics.tightBoundingRect(TALL_LETTERS).top() - metrics.ascent()
        below = metrics.tightBoundingRect(DEEP_LETTERS).bottom() + 1 - metrics.descent()
        found = _spills[key] = max(0, above, below)
    return found


def text_row_height(font: QFont) -> int:
    """The height of a one-line list row in ``font``: the line, what the tall letters
    reach beyond it on both sides, and a little air (all from the font actually used,
    so it follows the text size)."""
    metrics = QFontMetrics(font)
    air = max(2, round(metrics.height() * 0.15))
    bold = QFont(font)
    bold.setBold(True)
    spill = max(accent_spill(font), accent_spill(bold))
    return metrics.height() + 2 * (spill + air)


class RoomyRows(QStyledItemDelegate):
    """Rows tall enough for Å, Ä and Ö at every text size (see :func:`fit_rows`)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # a wrapped row of several lines: its own height, the spill above and below, a little air
        wanted = max(size.height() + 2 * (accent_spill(opt.font) + 2), text_row_height(opt.font))
        return QSize(size.width(), wanted)


class _FollowFont(QObject):
    """Keeps a table's fixed row height in step with its font (larger text)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QTableView):
            _size_table_rows(watched)
        return False


def _size_table_rows(view: QTableView) -> None:
    header = view.verticalHeader()
    header.setMinimumSectionSize(1)
    header.setDefaultSectionSize(text_row_height(view.font()))


def fit_rows(view: QAbstractItemView) -> QAbstractItemView:
    """Give ``view`` rows that follow the font's real height (Å, Ä, Ö uncut) at every text
    size: a delegate sizes list and tree rows; a table's fixed row height is set from the
    font and set again when the font changes."""
    view.setItemDelegate(RoomyRows(view))
    if isinstance(view, QTableView):
        _size_table_rows(view)
        keeper = _FollowFont(view)
        view.installEventFilter(keeper)
    return view


class Label(QLabel):
    """A one-line label with room for Å, Ä and Ö above the line (form labels and values)."""

    def _room(self) -> int:
        return accent_spill(self.font())

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        return QSize(size.width(), size.height() + 2 * self._room())

    def minimumSizeHint(self) -> QSize:
        size = super().minimumSizeHint()
        return QSize(size.width(), size.height() + 2 * self._room())

    def heightForWidth(self, width: int) -> int:
        height = super().heightForWidth(width)
        return height if height < 0 else height + 2 * self._room()


class Heading(QLabel):
    """A bold label sized relative to the application font (follows "larger text")."""

    def __init__(self, scale: float = 1.5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self.setWordWrap(True)
        self._apply_font()

    def _apply_font(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)

    def refresh_font(self) -> None:
        """Called by ``refresh_scaled_fonts`` after the application font changed."""
        self._apply_font()


def refresh_scaled_fonts() -> None:
    """Qt does not tell widgets with their own font (or a style sheet, which fixes the
    font at polish time) that the application font changed; bring them along."""
    for widget in QApplication.allWidgets():
        refresh = getattr(widget, "refresh_font", None)
        if callable(refresh):
            refresh()
        elif widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


class Muted(QLabel):
    """Secondary text (help lines, empty states) in the palette's placeholder colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def hline(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class ErrorLabel(QLabel):
    """An inline error message in a red that reads on light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._apply_colour()

    def _apply_colour(self) -> None:
        dark = self.palette().window().color().lightness() < 128
        self.setStyleSheet(f"color: {'#ff8a80' if dark else '#b3261e'};")

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # setStyleSheet itself causes a PaletteChange; only recolour when it would differ.
            wanted = "#ff8a80" if self.palette().window().color().lightness() < 128 else "#b3261e"
            if wanted not in self.styleSheet():
                self._apply_colour()
        return super().event(event)
