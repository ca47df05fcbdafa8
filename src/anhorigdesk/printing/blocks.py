"""Small building blocks shared by the documents: escaped paragraphs, bullet lists, tables,
label/value lists and the panel box. All text passed in is plain text (escaped here)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from . import script
from .style import FONT, FONT_BOLD, PAGE, PANEL, RULE, TABLE_HEAD, TABLE_STRIPE, Styles, colour


class Para(Paragraph):
    """A paragraph that keeps its line breaks for the width it was last wrapped at.

    reportlab wraps most paragraphs at least twice at the same width: once when a
    ``KeepTogether`` (a heading kept with what follows) measures its content, again when the
    frame places them; each wrap breaks the lines anew, measuring every word (pure Python,
    the bulk of a long document's time: bench_extract). The lines depend only on the text,
    the style and the width, none of which change after the paragraph is made."""

    _wrapped_at: float | None = None
    _wrapped: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at and getattr(self, "blPara", None) is not None:
            self.width, self.height = self._wrapped
            return self._wrapped
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at, self._wrapped = availWidth, (self.width, self.height)
        return size


def markup(text: str, *, bold: bool = False) -> str:
    """Plain text to reportlab paragraph markup: escaped, line breaks kept, Arabic and
    Ethiopic runs in their own fonts (`script.markup`)."""
    return script.markup(text, base_font=FONT, bold=bold)


def para(text: str, style: object) -> Paragraph:
    """A paragraph of plain text; right-to-left text (Arabic, Persian) is set right-aligned."""
    if script.is_rtl(text):
        return script.RtlParagraph(text, style)
    bold = getattr(style, "fontName", FONT) == FONT_BOLD
    return Para(markup(text, bold=bold), style)  # type: ignore[arg-type]


def labelled(label: str, text: str, style: object) -> Paragraph | KeepTogether:
    """`<b>Label</b> text` in one paragraph (right-to-left: the label in bold on its own line
    above the text)."""
    if script.is_rtl(label) or script.is_rtl(text):
        bold_style = ParagraphStyle(f"{getattr(style, 'name', 'x')}-label", parent=style,  # type: ignore[arg-type]
                                    fontName=FONT_BOLD, spaceAfter=0)
        return KeepTogether([script.RtlParagraph(label, bold_style),
                             script.RtlParagraph(text, style)])
    return Para(f"<b>{markup(label, bold=True)}</b> {markup(text)}",  # type: ignore[arg-type]
                style)


def bullets(items: Sequence[str], st: Styles) -> list[Flowable]:
    return [script.RtlParagraph(item, st.bullet, bullet="•") if script.is_rtl(item)
            else Para(markup(item), st.bullet, bulletText="•") for item in items]


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose cells use the embedded font (the default would add Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def label_column_width(labels: Sequence[str], st: Styles, width: float) -> float:
    """Wide enough for the longest label in bold (plus padding), at most 40 % of `width`."""
    widest = max((script.width(script.visual(label), st.label.fontName, st.label.fontSize,
                                bold=True) for label in labels), default=0.0)
    return min(widest + 10, width * 0.4)


def key_values(rows: Sequence[tuple[str, str]], st: Styles, width: float,
               label_width: float | None = None) -> Table:
    """A two-column list of labels (bold) and values, no grid."""
    if label_width is None:
        label_width = label_column_width([k for k, _ in rows], st, width)
    data = [[para(k, st.label), para(v, st.body)] for k, v in rows]
    widths = [label_width, width - label_width]
    if any(script.is_rtl(k) for k, _ in rows):  # right to left: the labels on the right
        data = [row[::-1] for row in data]
        widths = widths[::-1]
    table = Table(data, colWidths=widths, hAlign="LEFT")
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
    row: list[Flowable] = [para(label, st.label), cell]
    widths = [label_width, width - label_width]
    line_col = 1
    if script.is_rtl(label):  # right to left: the label on the right
        row, widths, line_col = row[::-1], widths[::-1], 0
    table = Table([row], colWidths=widths, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
    ]
    if not value:
        commands.append(("LINEBELOW", (line_col, 0), (line_col, 0), 0.6, colour(RULE)))
    table.setStyle(table_style(commands))
    return table
