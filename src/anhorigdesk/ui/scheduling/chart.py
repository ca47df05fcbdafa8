"""A small chart of how voluntariness and burden changed over the check-ins (QPainter).

Burden (1 easy to carry … 5 far too heavy) is a line against the left scale; each check-in's
answer to "still your own choice?" is a marker on the top band: a filled circle for yes, a
hollow one for not sure, a cross for no, so it reads without colour too. Colours come from
the palette (light and dark schemes) plus one accent for "no".
"""

from __future__ import annotations

from anhorigdesk.ui.qt import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QWidget,
)
from anhorigdesk.workspace.agenda import CheckinPoint

BURDEN_MIN, BURDEN_MAX = 1, 5
NO_COLOUR = "#c62828"
LINE_COLOUR = "#1565c0"


class CheckinChart(QWidget):
    """Draws the check-in series given with :meth:`set_points` (oldest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[CheckinPoint] = []
        self.setMinimumSize(QSize(260, 150))
        self.setObjectName("checkinChart")
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Chart of voluntariness and burden over the check-ins"))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(380, 190)

    def set_points(self, points: list[CheckinPoint]) -> None:
        self.points = list(points)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (screen readers, tooltips)."""
        if not self.points:
            return self.tr("No check-ins yet.")
        choice = {"yes": self.tr("own choice"), "unsure": self.tr("not sure"), "no": self.tr("not own choice")}
        parts = []
        for p in self.points:
            burden = str(p.burden) if p.burden is not None else "–"
            parts.append(f"{p.day.isoformat()}: {choice.get(p.own_choice or '', '–')}, "
                         + self.tr("burden %1 of 5").replace("%1", burden))
        return "; ".join(parts)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        grid_colour = palette.color(QPalette.ColorRole.Mid)
        metrics = painter.fontMetrics()
        line_h = metrics.height()
        left = metrics.horizontalAdvance("5") + 10
        legend_rows = self._legend_rows(painter)
        legend_h = (line_h + 4) * len(legend_rows) + 2
        band_h = line_h + 6
        plot = QRectF(left, band_h + 4, self.width() - left - 12,
                      self.height() - band_h - legend_h - line_h - 14)
        if plot.height() < 20 or plot.width() < 40:
            painter.end()
            return

        # scale and grid
        painter.setPen(QPen(grid_colour, 1, Qt.PenStyle.DotLine))
        for value in range(BURDEN_MIN, BURDEN_MAX + 1):
            y = self._y(plot, value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y - line_h / 2, left - 6, line_h),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(value))
            painter.setPen(QPen(grid_colour, 1, Qt.PenStyle.DotLine))

        if not self.points:
            painter.setPen(text_colour)
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.tr("No check-ins yet."))
            self._legend(painter, text_colour, legend_rows, legend_h)
            painter.end()
            return

        xs = self._xs(plot)
        # burden line
        path = QPainterPath()
        started = False
        for x, point in zip(xs, self.points, strict=True):
            if point.burden is None:
                continue
            pos = QPointF(x, self._y(plot, point.burden))
            if started:
                path.lineTo(pos)
            else:
                path.moveTo(pos)
                started = True
        painter.setPen(QPen(QColor(LINE_COLOUR), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(QColor(LINE_COLOUR))
        for x, point in zip(xs, self.points, strict=True):
            if point.burden is not None:
                painter.drawEllipse(QPointF(x, self._y(plot, point.burden)), 3, 3)

        # voluntariness markers on the top band
        band_y = band_h / 2 + 2
        for x, point in zip(xs, self.points, strict=True):
            self._marker(painter, QPointF(x, band_y), point.own_choice, text_colour)

        # dates under the plot: first and last (and the middle one when there is room)
        painter.setPen(text_colour)
        labels = {0, len(self.points) - 1}
        if len(self.points) > 2 and plot.width() > 300:
            labels.add(len(self.points) // 2)
        for i in sorted(labels):
            text = self.points[i].day.isoformat()
            w = metrics.horizontalAdvance(text)
            x = min(max(xs[i] - w / 2, 0), self.width() - w - 2)
            painter.drawText(QPointF(x, plot.bottom() + line_h + 2), text)
        self._legend(painter, text_colour, legend_rows, legend_h)
        painter.end()

    def _y(self, plot: QRectF, value: float) -> float:
        share = (value - BURDEN_MIN) / (BURDEN_MAX - BURDEN_MIN)
        return plot.bottom() - share * plot.height()

    def _xs(self, plot: QRectF) -> list[float]:
        """Positions by date (evenly when all share one day)."""
        days = [p.day.toordinal() for p in self.points]
        first, last = min(days), max(days)
        inner = plot.adjusted(10, 0, -10, 0)
        if last == first:
            n = len(days)
            return [inner.left() + inner.width() * ((i + 0.5) / n) for i in range(n)]
        return [inner.left() + inner.width() * (d - first) / (last - first) for d in days]

    def _marker(self, painter: QPainter, at: QPointF, choice: str | None, text_colour: QColor) -> None:
        r = 5.0
        if choice == "yes":
            painter.setPen(QPen(text_colour, 1.5))
            painter.setBrush(text_colour)
            painter.drawEllipse(at, r, r)
        elif choice == "unsure":
            painter.setPen(QPen(text_colour, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(at, r, r)
        elif choice == "no":
            painter.setPen(QPen(QColor(NO_COLOUR), 2.5))
            painter.drawLine(QPointF(at.x() - r, at.y() - r), QPointF(at.x() + r, at.y() + r))
            painter.drawLine(QPointF(at.x() - r, at.y() + r), QPointF(at.x() + r, at.y() - r))

    def _legend_items(self) -> list[tuple[str | None, str]]:
        return [("line", self.tr("Burden (1–5)")), ("yes", self.tr("Own choice")),
                ("unsure", self.tr("Not sure")), ("no", self.tr("Not own choice"))]

    def _legend_rows(self, painter: QPainter) -> list[list[tuple[str | None, str, float]]]:
        """The legend's items, wrapped into rows that fit the width: (symbol, text, width)."""
        metrics = painter.fontMetrics()
        rows: list[list[tuple[str | None, str, float]]] = [[]]
        used = 4.0
        for symbol, text in self._legend_items():
            width = (20 if symbol == "line" else 14) + metrics.horizontalAdvance(text) + 14
            if rows[-1] and used + width > self.width():
                rows.append([])
                used = 4.0
            rows[-1].append((symbol, text, width))
            used += width
        return rows

    def _legend(self, painter: QPainter, text_colour: QColor,
                rows: list[list[tuple[str | None, str, float]]], legend_h: float) -> None:
        metrics = painter.fontMetrics()
        row_h = metrics.height() + 4
        top = self.height() - legend_h
        for r, row in enumerate(rows):
            y = top + r * row_h + row_h / 2
            x = 4.0
            for symbol, text, width in row:
                if symbol == "line":
                    painter.setPen(QPen(QColor(LINE_COLOUR), 2))
                    painter.drawLine(QPointF(x, y), QPointF(x + 16, y))
                    text_x = x + 20
                else:
                    self._marker(painter, QPointF(x + 5, y), symbol, text_colour)
                    text_x = x + 14
                painter.setPen(text_colour)
                painter.drawText(QPointF(text_x, y + metrics.ascent() / 2 - 1), text)
                x += width
