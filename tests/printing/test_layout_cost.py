"""What keeps a long document's layout cheap (bench_extract): a paragraph breaks its lines
once per width, a font remembers the widths it measured, and the Arabic and Ethiopic fonts
are parsed only when a text needs them. Each must give the very same result as before."""

from __future__ import annotations

import subprocess
import sys

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from anhorigdesk.paths import fonts_dir
from anhorigdesk.printing.blocks import Para, markup
from anhorigdesk.printing.style import FONT, MeasuredTTFont, styles

TEXT = ("Samtal om hur veckan har varit: avlösning två dagar i veckan fungerar, men nätterna är "
        "tunga och sömnen blir lidande. Vi pratade om anhörigcirkeln på onsdagar. ") * 3


def _lines(p: Paragraph) -> list[list[str]]:
    return [list(line[1]) if isinstance(line, tuple) else [w.text for w in line.words]
            for line in p.blPara.lines]


def test_a_paragraph_breaks_its_lines_once_per_width_and_as_reportlab_does() -> None:
    body = styles(False).body
    cached, plain = Para(markup(TEXT), body), Paragraph(markup(TEXT), body)
    calls = []
    original = cached.breakLines

    def counting(widths: list[float]) -> object:
        calls.append(widths)
        return original(widths)

    cached.breakLines = counting  # type: ignore[method-assign]
    for width in (400.0, 400.0, 250.0, 250.0, 400.0):
        assert cached.wrap(width, 10_000) == plain.wrap(width, 10_000)
        assert _lines(cached) == _lines(plain)
        assert (cached.width, cached.height) == (plain.width, plain.height)
    # two widths seen, then back to the first: three breaks, not five
    assert [w[0] for w in calls] == [400.0, 250.0, 400.0]


def test_a_split_paragraph_wraps_its_pieces_anew() -> None:
    body = styles(False).body
    p = Para(markup(TEXT), body)
    p.wrap(300.0, 10_000)
    first, rest = p.split(300.0, body.leading * 3)
    assert isinstance(first, Para) and isinstance(rest, Para)
    assert first.wrap(300.0, 10_000)[1] == body.leading * 3
    assert rest.wrap(300.0, 10_000)[1] == p.height - body.leading * 3


def test_remembered_widths_equal_measured_ones() -> None:
    styles(False)  # registers the fonts
    font = pdfmetrics.getFont(FONT)
    assert isinstance(font, MeasuredTTFont)
    plain = TTFont("plain-dejavu", str(fonts_dir() / "DejaVuSans.ttf"))
    for word in ("anhörigcirkeln", "Solgården", "ÅÄÖ åäö", "", "–", "123,45"):
        for size in (9.5, 11.0, 16.0):
            first = font.stringWidth(word, size)
            assert first == plain.stringWidth(word, size)
            assert font.stringWidth(word, size) == first  # the remembered one


def test_a_swedish_document_parses_no_arabic_or_ethiopic_font_but_an_arabic_one_does() -> None:
    script = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from anhorigdesk.printing import example_municipality_path, load_municipality\n"
        "from anhorigdesk.printing import render_information_handout\n"
        "m = load_municipality(example_municipality_path())\n"
        "render_information_handout(m, 'sv')\n"
        "names = set(pdfmetrics.getRegisteredFontNames())\n"
        "print('sv', 'NotoSansArabic' in names, 'NotoSansEthiopic' in names)\n"
        "pdf = render_information_handout(m, 'ar')\n"
        "names = set(pdfmetrics.getRegisteredFontNames())\n"
        "print('ar', 'NotoSansArabic' in names, b'NotoSansArabic' in pdf)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         timeout=120).stdout.split("\n")
    assert out[0] == "sv False False"
    assert out[1] == "ar True True"
