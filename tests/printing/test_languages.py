"""Handouts in the carer's language (#15 §3): right-to-left Arabic and Persian, Ethiopic
(Tigrinya), every font embedded, and a visible fallback to Swedish. Read back with poppler."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from anhorigdesk.printing import Municipality, load_catalog, render_information_handout
from anhorigdesk.printing.blocks import bullets, para
from anhorigdesk.printing.layout import PageSetup, build_pdf
from anhorigdesk.printing.script import is_rtl, runs, visual

from .conftest import PRINTED_ON
from .pdftools import POPPLER, fonts_of, pages_of, text_of

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def logical(text: str) -> str:
    """pdftotext output as a reader's text: presentation forms folded (NFKC), bidi marks out,
    whitespace folded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_BIDI_MARKS).split())


def _nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def squash(text: str) -> str:
    """Without any whitespace: poppler guesses the spaces of right-to-left lines from the gaps
    and puts some beside the Arabic comma or a digit on the wrong side; the letters and their
    order are what is compared."""
    return "".join(logical(text).split())


@pytest.mark.parametrize("lang", ["sv", "en", "sv-lattlast", "fi", "ar", "so", "ti"])
def test_every_font_is_embedded(municipality: Municipality, tmp_path: Path, lang: str) -> None:
    pdf = render_information_handout(municipality, lang, staff_name="Éva Testare",
                                     printed_on=PRINTED_ON)
    fonts = fonts_of(pdf, tmp_path)
    assert fonts
    for row in fonts:
        assert row["emb"] == "yes" and row["uni"] == "yes", row
    names = {row["name"].split("+")[-1] for row in fonts}
    if lang == "ar":
        assert {"NotoSansArabic-Regular", "NotoSansArabic-Bold"} <= names
    else:
        assert not any(n.startswith("NotoSans") for n in names), names


def test_arabic_handout_reads_in_logical_order(municipality: Municipality,
                                               tmp_path: Path) -> None:
    pdf = render_information_handout(municipality, "ar", staff_name="Éva Testare",
                                     staff_phone="070-174 06 55", printed_on=PRINTED_ON)
    assert pages_of(pdf, tmp_path) == 2
    text = squash(text_of(pdf, tmp_path))
    cat = load_catalog("ar")
    expected = [cat.text("handout.title"), cat.text("handout.offers_heading"),
                cat.text("handout.rights_heading"), *cat.texts("handout.rights"),
                municipality.intro.get("ar") if municipality.intro else "",
                *(o.description.get("ar") for o in municipality.offers),
                *(o.title.get("ar") for o in municipality.offers)]
    for sentence in expected:
        # several of these wrap over two or three lines: the first words come first
        assert squash(sentence) in text, sentence
    assert squash("Éva Testare") in text and "anhorigstod@exempelby.example.org" in text
    assert squash("طبع في 27 نوفمبر 2026") in text  # the footer, the digits in place


def test_finnish_handout(municipality: Municipality, tmp_path: Path) -> None:
    pdf = render_information_handout(municipality, "fi", printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    for expected in ("Tukea sinulle, joka olet omainen", "Tätä voit saada", "Keskusteluapu",
                     "Näin toimit: Soita omaistukeen.", "Oikeutesi lyhyesti",
                     "Tulostettu 27. marraskuuta 2026", "Sivu 1/2", "Exempelbyn kunta"):
        assert expected in text, expected
    assert "svenska" not in text and "ruotsiksi" not in text


@pytest.mark.parametrize(("lang", "name"), [("so", "somaliska"), ("fa", "persiska"),
                                            ("ti", "tigrinja"), ("de", "de")])
def test_a_language_without_texts_falls_back_to_swedish_visibly(
        municipality: Municipality, tmp_path: Path, lang: str, name: str) -> None:
    pdf = render_information_handout(municipality, lang, printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path, page=1)
    note = f"Den här informationen finns inte på {name} än. Den är skriven på svenska."
    assert note in text
    assert text.index(note) < text.index("Det här kan du få")  # at the top, before the offers
    assert "Stöd till dig som är anhörig" in text


@pytest.mark.parametrize("lang", ["sv", "en", "en-GB", "fi", "ar", "sv-lattlast", "other", None])
def test_no_fallback_note_in_the_carers_own_language(
        municipality: Municipality, tmp_path: Path, lang: str | None) -> None:
    text = text_of(render_information_handout(municipality, lang, printed_on=PRINTED_ON),
                   tmp_path)
    assert "finns inte på" not in text and "not yet available" not in text
    assert "غير متوفرة" not in logical(text)


def _document(story_texts: list[str], tmp_path: Path, *, as_bullets: bool = False) -> bytes:
    setup = PageSetup(title="Test", catalog=load_catalog("sv"), municipality_name="Exempelby",
                      author="Test", subject="Test", printed_on=PRINTED_ON, logo=None,
                      large_print=False, keywords=("test",))
    st = setup.styles
    story = bullets(story_texts, st) if as_bullets else [para(t, st.body) for t in story_texts]
    return build_pdf(setup, story)


TIGRINYA = "ሓገዝ ንስድራቤት፡ ምኽሪ ብተሌፎን ክትረክቡ ትኽእሉ ኢኹም።"
PERSIAN = "پشتیبانی رایگان است و خودتان تصمیم می‌گیرید چه چیزی می‌خواهید. با ما تماس بگیرید."


def test_tigrinya_prints_in_the_ethiopic_font(tmp_path: Path) -> None:
    pdf = _document([TIGRINYA, f"Namn: {TIGRINYA}"], tmp_path)
    names = {row["name"].split("+")[-1] for row in fonts_of(pdf, tmp_path)}
    assert "NotoSansEthiopic-Regular" in names
    assert all(row["emb"] == "yes" for row in fonts_of(pdf, tmp_path))
    text = text_of(pdf, tmp_path)
    assert TIGRINYA in text and f"Namn: {TIGRINYA}" in text


def test_persian_is_shaped_and_reads_in_logical_order(tmp_path: Path) -> None:
    long = " ".join([PERSIAN] * 6)  # wraps over several lines
    pdf = _document([long], tmp_path, as_bullets=True)
    names = {row["name"].split("+")[-1] for row in fonts_of(pdf, tmp_path)}
    assert "NotoSansArabic-Regular" in names
    text = squash(text_of(pdf, tmp_path)).replace("\u200c", "")
    # ZWNJ (می‌گیرید) is not printed; the letters and their order are
    assert squash(long).replace("\u200c", "") in text


def test_script_runs_and_direction() -> None:
    assert is_rtl("الدعم مجاني") and is_rtl("  (1) الدعم") and not is_rtl("Stöd 1")
    assert not is_rtl(TIGRINYA)
    assert runs("Namn: " + TIGRINYA)[0] == ("Namn: ", None)
    assert {s for _, s in runs(TIGRINYA)} == {"ethiopic"}
    # brackets are not in Noto Sans Arabic: they go to the Latin font
    assert ("(", None) in runs("موظفو (طلب)") or any(p.startswith("(") or p.endswith("(")
                                                   for p, s in runs("موظفو (طلب)") if s is None)
    # the visual line puts the first word at the right end
    shown = visual("الدعم مجاني")
    assert unicodedata.normalize("NFKC", shown[::-1]).startswith("الدعم")


def test_a_right_to_left_paragraph_splits_across_pages_in_order(tmp_path: Path) -> None:
    long = " ".join(f"{PERSIAN} {n}." for n in range(1, 121))  # over two pages
    pdf = _document([long], tmp_path)
    assert pages_of(pdf, tmp_path) >= 2
    text = squash(text_of(pdf, tmp_path)).replace("\u200c", "")
    sentence = squash(PERSIAN).replace("\u200c", "")
    found = [text.find(f"{sentence}{n}.") for n in range(1, 121)]
    # a sentence cut by a page break has the footer inside it; every other one is whole
    whole = [i for i in found if i >= 0]
    assert len(whole) >= 115, found
    assert whole == sorted(whole)  # in logical order, page after page


def test_brackets_and_guillemets_face_the_right_way_in_right_to_left_lines() -> None:
    """python-bidi reorders without mirroring: a bracket that reads right to left is drawn as
    its mirror image, so "(reason)" in Arabic prints opening on the right, as in print."""
    from anhorigdesk.printing.script import visual

    # drawn left to right: the closing bracket (mirrored) comes first, «» likewise
    shown = visual("مرحبا (سبب) «نص»")
    assert shown.index("«") < shown.index("»") and shown.index("(") < shown.index(")")
    assert shown.startswith("«") and shown.endswith(shown[-1]) and ")" not in shown[: shown.index("(")]
    # Latin inside an Arabic line, numbers after it: the pair around the Latin word reads
    # right to left with the line, the Latin word itself left to right
    assert visual("نص (abc) 12").startswith("12 (abc) ")
    # left-to-right lines are untouched, also around an Arabic word
    assert visual("Hello (world) ok") == "Hello (world) ok"
    assert visual("Hej (مرحبا) du").startswith("Hej (") and visual("Hej (مرحبا) du").endswith(") du")
