"""The information handout, read back with poppler as a user's tools would."""

from __future__ import annotations

from pathlib import Path

import pytest

from anhorigdesk.printing import Municipality, render_information_handout

from .conftest import PRINTED_ON
from .pdftools import POPPLER, fonts_of, info_of, pages_of, text_of, text_sizes

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

STAFF = "Éva Testare-Åhlén"

EXPECTED = {
    "sv": ["Stöd till dig som är anhörig", "Det här kan du få", "Stödsamtal",
           "Avlösning i hemmet", "Så gör du: Ring en biståndshandläggare",
           "Så når du oss", "Besöksadress Exempelgatan 1, 123 45 Exempelby",
           "070-174 06 10", "Måndag–fredag 9–12", "https://www.exempelby.example.org/anhorig",
           "Dina rättigheter i korthet", "Du har träffat", "Sida 1 av 2", "Sida 2 av 2",
           "Utskrivet 27 november 2026"],
    "en": ["Support for you as a carer", "What you can get", "Respite at home",
           "How to ask: Call a needs assessor", "How to reach us", "Your rights in brief",
           "You met", "Page 1 of 2", "Page 2 of 2", "Printed 27 November 2026"],
    "sv-lattlast": ["Stöd till dig som hjälper någon", "Någon tar över en stund",
                    "Det här har du rätt till", "Du har träffat", "Sida 1 av 2"],
}


@pytest.mark.parametrize("lang", ["sv", "en", "sv-lattlast"])
def test_handout_in_each_language(municipality: Municipality, tmp_path: Path, lang: str) -> None:
    pdf = render_information_handout(municipality, lang, staff_name=STAFF,
                                     staff_phone="070-174 06 55", printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    for expected in EXPECTED[lang]:
        assert expected in text, expected
    assert STAFF in text and "070-174 06 55" in text
    assert pages_of(pdf, tmp_path) == 2


def test_every_swedish_letter_extracts(municipality: Municipality, tmp_path: Path) -> None:
    pdf = render_information_handout(municipality, "sv", staff_name="Åsa Öberg-Éklund, idé ÄÖÅ",
                                      printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    assert "Åsa Öberg-Éklund, idé ÄÖÅ" in text
    for letter in "åäöÅÄÖé":
        assert letter in text


def test_fonts_are_embedded(municipality: Municipality, tmp_path: Path) -> None:
    fonts = fonts_of(render_information_handout(municipality, "sv"), tmp_path)
    assert {f["name"].split("+")[-1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(f["emb"] == "yes" for f in fonts), fonts


def test_metadata(municipality: Municipality, tmp_path: Path) -> None:
    pdf = render_information_handout(municipality, "en", staff_name=STAFF)
    info = info_of(pdf, tmp_path)
    assert info["Title"] == "Support for you as a carer – Exempelby Municipality"
    assert info["Author"] == STAFF
    assert info["Subject"] == "Information on support for family carers"
    assert info["Creator"] == "AnhörigDesk"
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    assert b"/Lang (en)" in pdf
    sv = render_information_handout(municipality, "sv-lattlast")
    assert b"/Lang (sv)" in sv


def test_blank_lines_for_staff_when_not_given(municipality: Municipality, tmp_path: Path) -> None:
    text = text_of(render_information_handout(municipality, "sv"), tmp_path)
    assert "Du har träffat Namn Telefon" in text


def test_large_print(municipality: Municipality, tmp_path: Path) -> None:
    normal = render_information_handout(municipality, "sv", printed_on=PRINTED_ON)
    large = render_information_handout(municipality, "sv", large_print=True,
                                       printed_on=PRINTED_ON)
    sizes = text_sizes(large)
    body = sizes.most_common(1)[0][0]
    assert body >= 16
    # only the page footer may be smaller than the body, and it is still 14 pt
    assert min(sizes) >= 14
    assert text_sizes(normal).most_common(1)[0][0] == 11
    assert pages_of(large, tmp_path) > pages_of(normal, tmp_path)
    n = pages_of(large, tmp_path)
    assert f"Sida {n} av {n}" in text_of(large, tmp_path, page=n)


def test_writes_to_a_path(municipality: Municipality, tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    pdf = render_information_handout(municipality, "sv", path=target)
    assert target.read_bytes() == pdf
    assert pdf.startswith(b"%PDF-")


def test_rights_from_municipality_replace_national_text(municipality: Municipality,
                                                         tmp_path: Path) -> None:
    from dataclasses import replace

    own = replace(municipality, rights={"sv": ("Vår egen rad om rättigheter.",),
                                        "en": ("x",), "sv-lattlast": ("x",)})
    text = text_of(render_information_handout(own, "sv"), tmp_path)
    assert "Vår egen rad om rättigheter." in text
    assert "socialtjänstlagen" not in text
