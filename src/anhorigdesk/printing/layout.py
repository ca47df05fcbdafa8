"""The A4 page every document shares: header with the municipality's logo and name, footer
with the document title, the print date and "Sida 1 av 2", and the PDF metadata (title,
author, subject, language). `build_pdf(setup, story)` lays out a list of flowables.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from .script import draw_string, visual
from .script import width as script_width
from .style import FONT, FONT_BOLD, HEADING, MUTED, RULE, Styles, colour, styles
from .texts import Catalog

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.0 * cm
MARGIN_BOTTOM = 2.6 * cm
HEADER_HEIGHT = 2.4 * cm
LOGO_HEIGHT = 1.5 * cm
CREATOR = "AnhörigDesk"


@dataclass(frozen=True)
class PageSetup:
    """What the page frame and the PDF metadata need to know about one document."""

    title: str
    catalog: Catalog
    municipality_name: str
    author: str
    subject: str
    printed_on: dt.date
    logo: Path | None = None
    large_print: bool = False
    keywords: tuple[str, ...] = ()

    @property
    def styles(self) -> Styles:
        return styles(self.large_print)


@cache
def _logo_reader(path: Path, mtime_ns: int) -> ImageReader:
    return ImageReader(str(path))


def logo_reader(path: Path) -> ImageReader:
    """The decoded logo, cached per file (and re-read when the file changes)."""
    return _logo_reader(path, path.stat().st_mtime_ns)


def _draw_header(canvas: Canvas, setup: PageSetup) -> None:
    st = setup.styles
    top = PAGE_HEIGHT - 1.2 * cm
    x = MARGIN_X
    canvas.saveState()
    if setup.logo is not None:
        reader = logo_reader(setup.logo)
        iw, ih = reader.getSize()
        width = LOGO_HEIGHT * iw / ih
        # by file name: reportlab then keys the image on the name, not on a digest of the pixels
        canvas.drawImage(str(setup.logo), x, top - LOGO_HEIGHT, width=width,
                         height=LOGO_HEIGHT, mask="auto")
        x += width + 0.4 * cm
    canvas.setFillColor(colour(HEADING))
    draw_string(canvas, x, top - LOGO_HEIGHT / 2 - st.header_name_size * 0.35,
                setup.municipality_name, FONT_BOLD, st.header_name_size, bold=True)
    canvas.setStrokeColor(colour(RULE))
    canvas.setLineWidth(0.8)
    rule_y = top - LOGO_HEIGHT - 0.3 * cm
    canvas.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)
    canvas.restoreState()


def _draw_footer(canvas: Canvas, setup: PageSetup, page: int, total: int) -> None:
    st = setup.styles
    cat = setup.catalog
    size = st.footer_size
    y = 1.0 * cm
    number = cat.text("page.number", page=page, total=total)
    printed = cat.text("page.printed_on", date=cat.date(setup.printed_on))
    room = PAGE_WIDTH - 2 * MARGIN_X - script_width(visual(number), FONT, size, bold=False) - 12
    one_line = f"{setup.title} · {printed}"
    if script_width(visual(one_line), FONT, size, bold=False) <= room:
        lines = [one_line]
    else:  # two lines: the title above the print date
        lines = [_fit(canvas, printed, size, room), _fit(canvas, setup.title, size, room)]
    canvas.saveState()
    canvas.setStrokeColor(colour(RULE))
    canvas.setLineWidth(0.5)
    rule_y = y + (len(lines) - 1) * size * 1.25 + size + 4
    canvas.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)
    canvas.setFillColor(colour(MUTED))
    draw_string(canvas, PAGE_WIDTH - MARGIN_X, y, number, FONT, size, align="right")
    for i, line in enumerate(lines):
        draw_string(canvas, MARGIN_X, y + i * size * 1.25, line, FONT, size)
    canvas.restoreState()


def _fit(canvas: Canvas, text: str, size: float, room: float) -> str:
    while len(text) > 1 and script_width(visual(text), FONT, size, bold=False) > room:
        text = text[:-2] + "…"
    return text


def _canvas_class(setup: PageSetup) -> type[Canvas]:
    """A canvas that holds back pages until the end, so the footer knows the page total."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                _draw_footer(self, setup, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def keep_headings_with_next(story: Sequence[Flowable]) -> list[Flowable]:
    """Headings (paragraphs whose style says keepWithNext) joined to what follows them.

    reportlab keeps a heading with the next flowable itself, except when that flowable is a
    ``KeepTogether`` (a question and its answer): containers are left out of its grouping,
    so the heading could stay alone at the foot of a page. Here such a heading and the
    block's content become one ``KeepTogether``.
    """
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, Paragraph) and flowable.getKeepWithNext():
            pending.append(flowable)
            continue
        if pending and isinstance(flowable, KeepTogether):
            out.append(KeepTogether([*pending, *flowable._content], flowable._maxHeight))
        else:
            out.extend(pending)
            out.append(flowable)
        pending = []
    out.extend(pending)
    return out


def closing_with_last(story: Sequence[Flowable], closing: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with the fine print at the end kept on the page of the last block, so no
    page holds only fine print (a last block that is a table, which may split, is left)."""
    out = list(story)
    if out and isinstance(out[-1], (KeepTogether, Paragraph)):
        last = out.pop()
        content = list(last._content) if isinstance(last, KeepTogether) else [last]
        flat: list[Flowable] = []
        for f in closing:
            flat.extend(f._content if isinstance(f, KeepTogether) else [f])
        out.append(KeepTogether([*content, *flat]))
        return out
    return [*out, *closing]


def build_pdf(setup: PageSetup, story: Sequence[Flowable]) -> bytes:
    """Lay out `story` on A4 pages with the shared header and footer; return the PDF bytes.
    Headings are kept with what follows them (:func:`keep_headings_with_next`)."""
    buffer = io.BytesIO()
    frame_top = PAGE_HEIGHT - HEADER_HEIGHT - 1.2 * cm
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  frame_top - MARGIN_BOTTOM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{setup.title} – {setup.municipality_name}",
        author=setup.author,
        subject=setup.subject,
        creator=CREATOR,
        keywords=", ".join(setup.keywords),
        lang=setup.catalog.bcp47,
        initialFontName=FONT,  # otherwise every page names Helvetica, which is not embedded
        initialFontSize=setup.styles.body_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=PAGE_HEIGHT - frame_top,
        bottomMargin=MARGIN_BOTTOM,
        pageTemplates=[PageTemplate(id="page", frames=[frame],
                                    onPage=lambda canvas, _doc: _draw_header(canvas, setup))],
    )
    doc.build(keep_headings_with_next(story), canvasmaker=_canvas_class(setup))
    return buffer.getvalue()


def write_pdf(data: bytes, path: str | Path) -> Path:
    """Write PDF bytes to `path` (parent folders must exist) and return the path."""
    target = Path(path)
    target.write_bytes(data)
    return target
