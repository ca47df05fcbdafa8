"""Fonts, colours and paragraph styles of every printed document.

Colours are chosen for contrast: every text colour on its background reaches at least the
WCAG 2.x AA ratio of 4.5:1 (see `CONTRAST_PAIRS` and `contrast_ratio`; a test checks them).
The large-print variant sets body text at 16 pt or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from anhorigdesk.paths import fonts_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

# Colours (hex) -------------------------------------------------------------------------
TEXT = "#1A1A1A"          # body text
HEADING = "#1D5B63"       # headings, rules, the logo's teal
MUTED = "#4A4A4A"         # footers, small print
PAGE = "#FFFFFF"          # paper
PANEL = "#EEF5F6"         # light panel behind boxes (staff box, "how to ask")
TABLE_HEAD = "#D7E9EC"    # table header row
TABLE_STRIPE = "#F5F9FA"  # every other table row
RULE = "#1D5B63"          # lines (non-text: 3:1 would do, we keep the heading colour)

#: Every (name, text colour, background) combination used on a page.
CONTRAST_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("body text on paper", TEXT, PAGE),
    ("heading on paper", HEADING, PAGE),
    ("footer on paper", MUTED, PAGE),
    ("body text on panel", TEXT, PANEL),
    ("heading on panel", HEADING, PANEL),
    ("table header text", TEXT, TABLE_HEAD),
    ("table text on stripe", TEXT, TABLE_STRIPE),
    ("muted text on panel", MUTED, PANEL),
)
WCAG_AA_NORMAL_TEXT = 4.5


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour written `#RRGGBB`."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected #RRGGBB, got {hex_colour!r}")
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio, from 1.0 (none) to 21.0 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


class MeasuredTTFont(TTFont):
    """A TrueType font that remembers the widths of the strings it measured.

    Line breaking measures every word of every paragraph, each time by summing its glyph
    widths in pure Python (reportlab's C accelerator is not installed); the same words come
    back throughout a document and across documents. Bounded: past ``MAX_REMEMBERED``
    strings, new ones are measured but not kept."""

    MAX_REMEMBERED = 65536

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            width = super().stringWidth(text, size, encoding)
            if len(self._widths) < self.MAX_REMEMBERED:
                self._widths[key] = width
        return width


@cache
def register_fonts() -> None:
    """Register the shipped Latin font with reportlab, once per process: DejaVu Sans, regular
    and bold. Noto Sans Arabic and Noto Sans Ethiopic (see `script.SCRIPT_FONTS`) are
    registered when a text first needs them (`script.register_script_font`). A font is
    embedded only in documents that use it."""
    folder = fonts_dir()
    pdfmetrics.registerFont(MeasuredTTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(MeasuredTTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document (normal or large print)."""

    large_print: bool
    body_size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    label: ParagraphStyle
    question: ParagraphStyle
    number: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    footer_size: float
    header_name_size: float


@cache
def styles(large_print: bool = False) -> Styles:
    """Styles for normal print (body 11 pt) or large print (body 16 pt)."""
    register_fonts()
    body_size = 16.0 if large_print else 11.0
    scale = body_size / 11.0
    text, heading, muted = colour(TEXT), colour(HEADING), colour(MUTED)

    def style(name: str, size: float, *, bold: bool = False, color: Color = text,
              before: float = 0, after: float = 0, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"{name}{'-large' if large_print else ''}",
            fontName=FONT_BOLD if bold else FONT,
            fontSize=size,
            leading=round(size * 1.35, 1),
            textColor=color,
            spaceBefore=before,
            spaceAfter=after,
            alignment=TA_LEFT,
            **extra,
        )

    small_size = body_size if large_print else 9.5
    return Styles(
        large_print=large_print,
        body_size=body_size,
        title=style("Title", 22 * scale, bold=True, color=heading, after=4 * scale),
        subtitle=style("Subtitle", body_size, color=muted, after=8 * scale),
        h1=style("H1", 15 * scale, bold=True, color=heading, before=10 * scale,
                 after=4 * scale, keepWithNext=1),
        h2=style("H2", 12 * scale, bold=True, color=text, before=7 * scale, after=2 * scale,
                 keepWithNext=1),
        body=style("Body", body_size, after=4 * scale),
        bullet=style("Bullet", body_size, after=3 * scale, leftIndent=14 * scale,
                     bulletIndent=2 * scale, bulletFontName=FONT_BOLD,
                     bulletFontSize=body_size),
        label=style("Label", body_size, bold=True),
        question=style("Question", body_size, bold=True, before=4 * scale, after=1 * scale,
                       keepWithNext=1),
        number=style("Number", 12 * scale, bold=True, color=heading, before=7 * scale),
        small=style("Small", small_size, color=muted, after=2 * scale),
        cell=style("Cell", body_size if large_print else 10.0),
        cell_head=style("CellHead", body_size if large_print else 10.0, bold=True),
        footer_size=14.0 if large_print else 8.5,
        header_name_size=18.0 if large_print else 13.0,
    )
