"""Scripts on the printed page (skriftsystem): which font prints which letters, and text that
reads from right to left (höger till vänster: arabiska, persiska).

DejaVu Sans prints Latin text, digits and punctuation; Noto Sans Arabic prints the Arabic
script and Noto Sans Ethiopic the Ethiopic script (Tigrinya). A piece of text is cut into
runs by script, character by character, and each run is printed in its own font, so an
e-mail address inside an Arabic sentence or an Arabic name inside a Swedish document prints.

Right-to-left text: the letters are given their joining forms (`arabic_reshaper`, which also
knows the Persian letters) and each printed LINE is put in visual order with the Unicode
bidirectional algorithm (`python-bidi`). Lines are broken in logical order first, so the first
line of a paragraph holds its first words. The PDF keeps the text extractable: `pdftotext`
gives it back in logical order (presentation forms that NFKC folds to the plain letters).
Vowel marks (harakat) are left out by the reshaper: placing them needs glyph positioning
that reportlab does not do without harfbuzz; everyday Arabic and Persian print without them.

`python-bidi` reorders but does not mirror (rule L4): a bracket or guillemet that ends up
right-to-left would print facing the wrong way, so :func:`mirrored` swaps it in the drawn
line, decided by its neighbouring strong characters (rules N1/N2; numbers count as
right-to-left; reordering a run keeps a character's neighbours, only on the other side).

reportlab's own right-to-left support needs its `rlbidi` package, which is not on PyPI; its
uharfbuzz shaping alone lays words left to right (tried: the word order came out reversed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

ARABIC = "arabic"
ETHIOPIC = "ethiopic"

_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, ARABIC), (0x0750, 0x077F, ARABIC), (0x08A0, 0x08FF, ARABIC),
    (0xFB50, 0xFDFF, ARABIC), (0xFE70, 0xFEFF, ARABIC),
    (0x1200, 0x139F, ETHIOPIC), (0x2D80, 0x2DDF, ETHIOPIC), (0xAB00, 0xAB2F, ETHIOPIC),
)

#: Font names per script (registered by `register_script_font` when a text first needs
#: them): (regular, bold).
SCRIPT_FONTS: dict[str, tuple[str, str]] = {
    ARABIC: ("NotoSansArabic", "NotoSansArabic-Bold"),
    ETHIOPIC: ("NotoSansEthiopic", "NotoSansEthiopic-Bold"),
}
#: The font files of each script: (regular, bold).
SCRIPT_FONT_FILES: dict[str, tuple[str, str]] = {
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
}


@cache
def register_script_font(script: str) -> None:
    """Register the script's fonts with reportlab, once per process, when a text first needs
    them (parsing a TTF costs CPU: a Swedish document never loads Arabic or Ethiopic)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from anhorigdesk.paths import fonts_dir

    regular, bold = SCRIPT_FONTS[script]
    file_regular, file_bold = SCRIPT_FONT_FILES[script]
    pdfmetrics.registerFont(TTFont(regular, str(fonts_dir() / file_regular)))
    pdfmetrics.registerFont(TTFont(bold, str(fonts_dir() / file_bold)))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)


@cache
def script_of(ch: str) -> str | None:
    """`ARABIC`, `ETHIOPIC`, or None for Latin letters, digits, spaces and punctuation."""
    code = ord(ch)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    return None


@cache
def _cmap(script: str) -> frozenset[int]:
    from reportlab.pdfbase.pdfmetrics import getFont

    register_script_font(script)
    return frozenset(getFont(SCRIPT_FONTS[script][0]).face.charToGlyph)


def has_glyph(script: str, ch: str) -> bool:
    """True if the script's font has `ch` (Noto Sans Arabic has no brackets, for one)."""
    return ord(ch) in _cmap(script)


# Arabic and Ethiopic (the fonts above) and Hebrew (right to left): a text without any of these
# is plain left-to-right Latin and takes the fast path everywhere.
_CARE = re.compile("[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF"
                   "\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]")


def needs_care(text: str) -> bool:
    """True if `text` has a letter that DejaVu Sans alone cannot print, or that reads from
    right to left."""
    return _CARE.search(text) is not None


def is_rtl(text: str) -> bool:
    """True if the first strong character of `text` is right-to-left (its base direction)."""
    if not needs_care(text):
        return False
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def runs(text: str) -> list[tuple[str, str | None]]:
    """`text` cut into `(piece, script)` runs. Spaces and punctuation between two letters of
    the same script belong to that script's run; elsewhere they go with Latin (None)."""
    if not text:
        return []
    kinds: list[str | None] = [script_of(ch) for ch in text]
    strong = [k is not None or unicodedata.bidirectional(ch) == "L" for ch, k in zip(text, kinds, strict=True)]
    # neutrals take the script of both neighbours when they agree
    i = 0
    while i < len(text):
        if strong[i]:
            i += 1
            continue
        j = i
        while j < len(text) and not strong[j]:
            j += 1
        before = kinds[i - 1] if i > 0 else None
        after = kinds[j] if j < len(text) else None
        fill = before if before is not None and before == after else None
        if fill is not None and all(has_glyph(fill, ch) and not ch.isdigit() for ch in text[i:j]):
            for k in range(i, j):
                kinds[k] = fill
        i = j
    out: list[tuple[str, str | None]] = []
    start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or kinds[k] != kinds[start]:
            out.append((text[start:k], kinds[start]))
            start = k
    return out


def font_for(script: str | None, base_font: str, bold: bool) -> str:
    if script is None:
        return base_font
    register_script_font(script)
    regular, heavy = SCRIPT_FONTS[script]
    return heavy if bold else regular


_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
           "«": "»", "»": "«", "‹": "›", "›": "‹"}


def _strong(ch: str) -> str | None:
    """The direction a character gives its neutral neighbours: "R", "L" or None (neutral)."""
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL", "EN", "AN"):  # N1: numbers act as right-to-left here
        return "R"
    if kind == "L":
        return "L"
    return None


def mirrored(text: str, rtl: bool) -> str:
    """`text` (a line in drawing order) with each bracket that resolves right-to-left replaced
    by its mirror image (the Unicode rule L4, which `get_display` leaves out). A neutral
    between two characters of the same direction takes that direction; otherwise the
    paragraph's (rules N1, N2)."""
    if not any(ch in _MIRROR for ch in text):
        return text
    base = "R" if rtl else "L"
    strong = [_strong(ch) for ch in text]
    before: list[str] = []
    last = base
    for kind in strong:
        before.append(last)
        last = kind or last
    after = [base] * len(text)
    nxt = base
    for i in range(len(text) - 1, -1, -1):
        after[i] = nxt
        nxt = strong[i] or nxt
    out = []
    for i, ch in enumerate(text):
        if ch in _MIRROR:
            level = before[i] if before[i] == after[i] else base
            out.append(_MIRROR[ch] if level == "R" else ch)
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def visual(line: str) -> str:
    """One line of text in the order it is drawn, left to right, with joined letters."""
    if not needs_care(line) or not any(
            script_of(ch) == ARABIC or unicodedata.bidirectional(ch) in ("R", "AL")
            for ch in line):
        return line
    rtl = is_rtl(line)
    shown = mirrored(get_display(arabic_reshaper.reshape(line), base_dir="R" if rtl else "L"), rtl)
    # the joining is settled now: zero-width joiners/non-joiners and direction marks would
    # only print as boxes or bars
    return "".join(ch for ch in shown if unicodedata.category(ch) != "Cf")


@lru_cache(maxsize=8192)
def width(text: str, base_font: str, size: float, *, bold: bool) -> float:
    """Printed width of already-visual `text` (each run in its script's font)."""
    if not needs_care(text):
        return stringWidth(text, base_font, size)
    return sum(stringWidth(piece, font_for(script, base_font, bold), size)
               for piece, script in runs(text))


def markup(text: str, *, base_font: str, bold: bool) -> str:
    """Plain text to reportlab paragraph markup with a font tag around every run that is not
    Latin (left-to-right paragraphs; Arabic words inside them are shaped and ordered)."""
    if not needs_care(text):
        return escape(text).replace("\n", "<br/>")
    lines = []
    for line in text.split("\n"):
        parts = []
        for piece, script in runs(line):
            if script is None:
                parts.append(escape(piece))
                continue
            if script == ARABIC:
                piece = visual(piece)
            parts.append(f'<font name="{font_for(script, base_font, bold)}">'
                         f"{escape(piece)}</font>")
        lines.append("".join(parts))
    return "<br/>".join(lines)


def draw_string(canvas: Canvas, x: float, y: float, text: str, base_font: str, size: float, *,
                bold: bool = False, align: str = "left", shown: str | None = None) -> float:
    """Draw one line (header, footer) with script fonts; `align` left/right of `x`. Returns
    the width drawn. `shown`: the line already in visual order (skips shaping it again)."""
    if shown is None:
        shown = visual(text)
    total = width(shown, base_font, size, bold=bold)
    left = x - total if align == "right" else x
    for piece, script in runs(shown):
        font = font_for(script, base_font, bold)
        canvas.setFont(font, size)
        canvas.drawString(left, y, piece)
        left += stringWidth(piece, font, size)
    return total


@lru_cache(maxsize=1024)
def _shaped_words(chunk: str) -> tuple[str, ...]:
    """The words of `chunk` with their joining forms (one reshape call for the paragraph)."""
    return tuple(arabic_reshaper.reshape(chunk).split())


def _line(words: list[str], shaped: list[str]) -> tuple[str, str]:
    """A line as (logical text, text in drawing order)."""
    logical = " ".join(words)
    rtl = is_rtl(logical)
    shown = mirrored(get_display(" ".join(shaped), base_dir="R" if rtl else "L"), rtl)
    return logical, "".join(ch for ch in shown if unicodedata.category(ch) != "Cf")


class RtlParagraph(Paragraph):
    """A right-to-left paragraph: lines broken in logical order, each drawn right-aligned in
    visual order with script fonts. `bullet` is drawn at the right edge (list items)."""

    def __init__(self, text: str, style: object, *, bullet: str | None = None,
                 lines: Sequence[tuple[str, str]] | None = None) -> None:
        super().__init__(" ", style)  # type: ignore[arg-type]
        self.rtl_text = text
        self.bullet = bullet
        self._rtl_lines: list[tuple[str, str]] | None = (list(lines) if lines is not None
                                                         else None)
        self._rtl_fixed = lines is not None  # a piece of a split keeps its lines
        self._rtl_width = -1.0
        st = self.style
        self._bold = st.fontName.endswith("-Bold")
        self._indent = float(getattr(st, "leftIndent", 0) or 0) if bullet else 0.0

    def _break(self, avail: float) -> list[tuple[str, str]]:
        """Greedy line breaking in logical order. Joining never crosses a space and the bidi
        order does not change a line's width, so a line is as wide as its words (each shaped
        on its own) plus its spaces (measured in the wider of the two fonts: never too wide)."""
        st = self.style
        size, font, bold = st.fontSize, st.fontName, self._bold
        room = max(avail - self._indent, size * 2)
        space = max(stringWidth(" ", font, size),
                    stringWidth(" ", font_for(ARABIC, font, bold), size))
        out: list[str] = []
        for chunk in self.rtl_text.split("\n"):
            line: list[str] = []
            shaped_line: list[str] = []
            used = 0.0
            words = chunk.split()
            # one reshape per paragraph (it is slow per call); a word's width does not depend
            # on the order its letters are drawn in
            shaped = _shaped_words(chunk)
            if len(shaped) != len(words):  # a word of vowel marks only: measure word by word
                shaped = tuple(arabic_reshaper.reshape(word) for word in words)
            for word, shaped_word in zip(words, shaped, strict=True):
                w = width(shaped_word, font, size, bold=bold)
                if line and used + space + w > room:
                    out.append(_line(line, shaped_line))
                    line, shaped_line, used = [word], [shaped_word], w
                else:
                    used += (space if line else 0.0) + w
                    line.append(word)
                    shaped_line.append(shaped_word)
            out.append(_line(line, shaped_line))
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._rtl_lines is None or (not self._rtl_fixed and self._rtl_width != availWidth):
            self._rtl_lines = self._break(availWidth)
            self._rtl_width = availWidth
        self.width = availWidth
        self.height = len(self._rtl_lines) * self.style.leading
        return availWidth, self.height

    def minWidth(self) -> float:
        st = self.style
        return max((width(visual(w), st.fontName, st.fontSize, bold=self._bold)
                    for w in self.rtl_text.split()), default=0.0) + self._indent

    def split(self, availWidth: float, availHeight: float) -> list[Paragraph]:
        self.wrap(availWidth, availHeight)
        assert self._rtl_lines is not None
        fits = int(availHeight // self.style.leading)
        if fits <= 0 or fits >= len(self._rtl_lines):
            return []
        first = RtlParagraph(self.rtl_text, self.style, bullet=self.bullet,
                             lines=self._rtl_lines[:fits])
        rest = RtlParagraph(self.rtl_text, self.style, lines=self._rtl_lines[fits:])
        first._rtl_width = rest._rtl_width = availWidth
        return [first, rest]

    def draw(self) -> None:
        st = self.style
        canvas = self.canv
        assert self._rtl_lines is not None
        canvas.saveState()
        canvas.setFillColor(st.textColor)
        right = self.width - self._indent
        y = self.height - st.fontSize
        for i, (line, shown) in enumerate(self._rtl_lines):
            draw_string(canvas, right, y, line, st.fontName, st.fontSize, bold=self._bold,
                        align="right", shown=shown)
            if i == 0 and self.bullet:
                draw_string(canvas, self.width - float(getattr(st, "bulletIndent", 0) or 0), y,
                            self.bullet, getattr(st, "bulletFontName", st.fontName),
                            st.fontSize, bold=True, align="right")
            y -= st.leading
        canvas.restoreState()
