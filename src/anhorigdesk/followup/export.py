"""Exports of the follow-up statistics: CSV, XLSX (openpyxl) and a printable PDF report.

Anything exported shows a count of 1–4 as "< 5" (:func:`~.statistics.shown`): a small
count could point at a person. Texts come from the core catalogue (Swedish first). The
PDF's charts are reportlab's own chart module (``reportlab.graphics.charts``).

Files are written whole to a temporary name beside the target and renamed over it, so a
failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from anhorigdesk.followup.statistics import AGE_BANDS, Statistics, shown
from anhorigdesk.i18n import message

CATEGORIES = ("carers", "age_band", "relation", "conversations", "support_plans", "checkins",
              "flags", "follow_ups", "short_term", "handouts", "cases",
              "thinning")


def category_label(category: str, language: str | None = None) -> str:
    return message(f"followup.category.{category}", language)


def key_label(category: str, key: str, language: str | None = None) -> str:
    if category == "age_band" and key in AGE_BANDS and key != "unknown":
        return key
    if category == "handouts":
        return key  # a language code (sv, en, ar …)
    return message(f"followup.{category}.{key}", language)


def groups(stats: Statistics) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """``(category, [(key, count), …])`` in the report's order."""
    by = stats.as_dict()
    for category in CATEGORIES:
        if category in by:
            yield category, list(by[category].items())


def header_lines(stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> list[str]:
    names = ", ".join(unit_names.get(u, u) for u in stats.unit_ids)
    return [
        message("followup.export.title", language),
        message(f"followup.export.scope_{stats.scope}", language),
        message("followup.export.period", language, start=stats.period.start.isoformat(),
                end=stats.period.end.isoformat()),
        message("followup.export.units", language, units=names),
        message("followup.export.small", language),
    ]


def table(stats: Statistics, language: str | None = None) -> list[tuple[str, str, str]]:
    """The exported rows: area, measure, count as shown (small counts as "< 5")."""
    return [(category_label(c, language), key_label(c, k, language), shown(n))
            for c, items in groups(stats) for k, n in items]


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def csv_bytes(stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in header_lines(stats, unit_names, language):
        writer.writerow([line])
    writer.writerow([])
    writer.writerow([message(f"followup.export.{k}", language) for k in ("category", "measure", "count")])
    writer.writerows(table(stats, language))
    return out.getvalue().encode("utf-8-sig")  # with a BOM: Excel opens it as UTF-8


def write_csv(path: Path, stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> None:
    _write_atomic(path, csv_bytes(stats, unit_names, language))


def xlsx_bytes(stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Statistik"
    for line in header_lines(stats, unit_names, language):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([message(f"followup.export.{k}", language) for k in ("category", "measure", "count")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for area, measure, count in table(stats, language):
        # every count as text: "< 5" and the figures in one column, right-aligned alike
        sheet.append([area, measure, count])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 10
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(path: Path, stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> None:
    _write_atomic(path, xlsx_bytes(stats, unit_names, language))


def pdf_bytes(stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> bytes:
    """An A4 report: the header, then per area its table and a bar chart. A bar of a count
    under 5 is drawn at 0 with "< 5" as its label: the chart shows no more than the table."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=message("followup.export.title", language))
    lines = header_lines(stats, unit_names, language)
    story: list = [Paragraph(lines[0], styles["Title"])]
    story += [Paragraph(line, styles["Normal"]) for line in lines[1:]]
    story.append(Spacer(1, 6 * mm))
    for category, items in groups(stats):
        labels = [key_label(category, k, language) for k, _ in items]
        values = [n if n >= 5 or n == 0 else 0 for _, n in items]
        rows = [[label, shown(n)] for label, (_, n) in zip(labels, items, strict=True)]
        grid = Table([[category_label(category, language), ""], *rows], colWidths=[110 * mm, 30 * mm])
        grid.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("ALIGN", (1, 1), (1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ]))
        part: list = [grid]
        if items:
            height = 12 * len(items) + 20
            drawing = Drawing(160 * mm, height)
            chart = HorizontalBarChart()
            chart.x, chart.y = 60 * mm, 10
            chart.width, chart.height = 90 * mm, height - 20
            chart.data = [list(reversed(values))]
            chart.categoryAxis.categoryNames = list(reversed(labels))
            chart.categoryAxis.labels.fontSize = 7
            chart.valueAxis.valueMin = 0
            chart.valueAxis.labels.fontSize = 7
            chart.bars[0].fillColor = colors.HexColor("#2f6f8f")
            chart.barLabelFormat = "%d"
            chart.barLabels.fontSize = 6
            chart.barLabelArray = [list(reversed([shown(n) for _, n in items]))]
            drawing.add(chart)
            part.append(drawing)
        story.append(KeepTogether([*part, Spacer(1, 5 * mm)]))
    doc.build(story)
    return out.getvalue()


def write_pdf(path: Path, stats: Statistics, unit_names: dict[str, str], language: str | None = None) -> None:
    _write_atomic(path, pdf_bytes(stats, unit_names, language))
