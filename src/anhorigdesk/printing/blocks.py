"""Small building blocks shared by the documents: escaped paragraphs, bullet lists, tables,
label/value lists and the panel box. All text passed in is plain text (escaped here)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .style import FONT, PAGE, PANEL, RULE, TABLE_HEAD, TABLE_STRIPE, Styles, colour


def markup(text: str) -> str:
    """Plain text to reportlab paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: object) -> Paragraph:
    return Paragraph(markup(text), style)  # type: ignore[arg-type]


def labelled(label: str, text: str, style: object) -> Paragraph:
    """`<b>Label</b> text` in one paragraph."""
    return Paragraph(f"<b>{markup(label)}</b> {markup(text)}", style)  # type: ignore[arg-type]


def bullets(items: Sequence[str], st: Styles) -> list[Flowable]:
    return [Paragraph(markup(item), st.bullet, bulletText="•") for item in items]


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose cells use the embedded font (the default would add Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def label_column_width(labels: Sequence[str], st: Styles, width: float) -> float:
    """Wide enough for the longest label in bold (plus padding), at most 40 % of `width`."""
    widest = max((stringWidth(label, st.label.fontName, st.label.fontSize) for label in labels),
                 default=0.0)
    return min(widest + 10, width * 0.4)


def key_values(rows: Sequence[tuple[str, str]], st: Styles, width: float,
               label_width: float | None = None) -> Table:
    """A two-column list of labels (bold) and values, no grid."""
    if label_width is None:
        label_width = label_column_width([k for k, _ in rows], st, width)
    data = [[para(k, st.label), para(v, st.body)] for k, v in rows]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def data_table(header: Sequence[str], rows: Sequence[Sequence[str]], st: Styles,
               col_widths: Sequence[float]) -> Table:
    """A table with a header row that repeats on every page and striped rows."""
    data = [[para(h, st.cell_head) for h in header]]
    data += [[para(cell, st.cell) for cell in row] for row in rows]
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colour(TABLE_HEAD)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colour(RULE)),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colour(RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if len(data) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1),
                         [colour(PAGE), colour(TABLE_STRIPE)]))
    table.setStyle(table_style(commands))
    return table


def panel(content: Sequence[Flowable], width: float) -> Table:
    """Flowables on a light panel with a coloured left edge (staff box, contact box)."""
    table = Table([[list(content)]], colWidths=[width], hAlign="LEFT")
    table.setStyle(table_style([
        ("BACKGROUND", (0, 0), (-1, -1), colour(PANEL)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colour(RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return table


def write_in_line(label: str, value: str | None, st: Styles, width: float) -> Table:
    """`Label: value`, or `Label:` followed by a line to write on by hand."""
    label_width = max(label_column_width([label], st, width), (4.2 if st.large_print else 2.6) * cm)
    cell = para(value, st.body) if value else Spacer(1, st.body_size * 1.2)
    table = Table([[para(label, st.label), cell]], colWidths=[label_width, width - label_width],
                  hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
    ]
    if not value:
        commands.append(("LINEBELOW", (1, 0), (1, 0), 0.6, colour(RULE)))
    table.setStyle(table_style(commands))
    return table
