"""The form-based documents, generated for fictional carers in each language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from anhorigdesk.forms import FormDefinition, load_form_text
from anhorigdesk.printing import (
    ContactPerson,
    Municipality,
    PrintInputError,
    UnitContact,
    render_checkin_summary,
    render_response,
    render_short_term_list,
    render_support_plan,
    short_term_items,
)

from .conftest import (
    CARER,
    PRINTED_ON,
    STAFF,
    SWEDISH_LETTERS,
    UNIT,
    checkin_answers,
    make_entry,
    plan_answers,
)
from .pdftools import POPPLER, fonts_of, info_of, pages_of, text_of, text_sizes

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

CONTACT = ContactPerson("Fiktiva Kontaktsson", "070-174 06 33", "anhörigkonsulent")

PLAN_TEXTS = {
    "sv": ["Din stödplan", f"För {CARER}", "Det här berättade du", "Make/maka/sambo/partner",
           "Det här har vi kommit överens om", "Vad ska göras", "Vem gör det", "Senast",
           "8 december 2026", "Vi följer upp planen tillsammans 15 mars 2027.",
           "Din kontaktperson", "Fiktiva Kontaktsson, anhörigkonsulent", "070-174 06 33",
           f"Skrivet av {STAFF}, {UNIT}, 20 november 2026"],
    "en": ["Your support plan", f"For {CARER}", "What you told us", "Spouse or partner",
           "What we have agreed", "What will be done", "Who does it", "8 December 2026",
           "We review the plan together on 15 March 2027.", "Your contact person",
           "Page 1 of"],
    "sv-lattlast": ["Din plan för stöd", f"Till {CARER}", "Det här sa du",
                    "Det här ska hända", "Vi pratar om planen igen 15 mars 2027.",
                    "Hit ringer du", "Sida 1 av"],
}


@pytest.mark.parametrize("lang", ["sv", "en", "sv-lattlast"])
def test_support_plan(forms: dict[str, FormDefinition], municipality: Municipality,
                      tmp_path: Path, lang: str) -> None:
    entry = make_entry(forms["stodplan"], plan_answers(), language=lang)
    pdf = render_support_plan(entry, municipality, contact_person=CONTACT, printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    for expected in PLAN_TEXTS[lang]:
        assert expected in text, expected
    assert SWEDISH_LETTERS in text
    # staff bookkeeping in the plan section is not part of the carer's copy
    assert "Har den anhörige fått en utskrift" not in text
    assert all(f["emb"] == "yes" for f in fonts_of(pdf, tmp_path))
    info = info_of(pdf, tmp_path)
    assert info["Author"] == STAFF
    # nothing personal in the metadata or the page footer
    assert CARER not in str(info)
    footer = text_of(pdf, tmp_path, page=pages_of(pdf, tmp_path)).split("Utskrivet")[-1]
    assert CARER not in footer


def test_support_plan_of_fifty_actions_spans_pages_with_repeated_header(
        forms: dict[str, FormDefinition], municipality: Municipality, tmp_path: Path) -> None:
    entry = make_entry(forms["stodplan"], plan_answers(actions=50))
    pdf = render_support_plan(entry, municipality, contact_person=CONTACT)
    pages = pages_of(pdf, tmp_path)
    assert 3 <= pages <= 6
    whole = text_of(pdf, tmp_path)
    for n in (1, 25, 50):
        assert f"Insats {n}: ansöka om avlösning" in whole
    for page in range(2, pages):
        assert "Vad ska göras Vem gör det Senast" in text_of(pdf, tmp_path, page=page)
    assert f"Sida {pages} av {pages}" in text_of(pdf, tmp_path, page=pages)


def test_support_plan_without_actions_or_review(forms: dict[str, FormDefinition],
                                                municipality: Municipality,
                                                tmp_path: Path) -> None:
    answers = plan_answers()
    answers["actions"] = []
    del answers["next_review"]
    text = text_of(render_support_plan(make_entry(forms["stodplan"], answers), municipality),
                   tmp_path)
    assert "Inget har skrivits in." in text
    assert "Ingen dag för uppföljning är bestämd än." in text
    assert "Din kontaktperson" not in text


def test_support_plan_needs_a_plan_form(forms: dict[str, FormDefinition],
                                        municipality: Municipality) -> None:
    entry = make_entry(forms["frivillighet"], checkin_answers())
    with pytest.raises(PrintInputError, match="no repeating_group question 'actions'"):
        render_support_plan(entry, municipality)


def test_support_plan_large_print(forms: dict[str, FormDefinition], municipality: Municipality,
                                  tmp_path: Path) -> None:
    entry = make_entry(forms["stodplan"], plan_answers(actions=5))
    normal = render_support_plan(entry, municipality)
    large = render_support_plan(entry, municipality, large_print=True)
    sizes = text_sizes(large)
    assert sizes.most_common(1)[0][0] >= 16 and min(sizes) >= 14
    assert pages_of(large, tmp_path) > pages_of(normal, tmp_path)


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", ["Hur har du det? – Sammanfattning", "Det här berättade du", "Vet inte",
            "Nätterna är svårast.", "Det här kom vi överens om", "Vi ansöker om avlösning.",
            "Vi pratar om det här igen 1 februari 2027.", "25 november 2026", "Sida 1 av 1"]),
    ("en", ["How are you? – Summary", "What you told us", "Not sure", "What we agreed",
            "We will talk about this again on 1 February 2027.", "Page 1 of 1"]),
    ("sv-lattlast", ["Hur har du det?", "Det här sa du", "Det här bestämde vi",
                     "Vi pratar igen 1 februari 2027."]),
])
def test_checkin_summary(forms: dict[str, FormDefinition], municipality: Municipality,
                         tmp_path: Path, lang: str, expected: list[str]) -> None:
    entry = make_entry(forms["frivillighet"], checkin_answers(), language=lang,
                       confidentiality="carer_only")
    pdf = render_checkin_summary(entry, municipality, agreed=["Vi ansöker om avlösning."],
                                 next_checkin=dt.date(2027, 2, 1), printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    for item in expected:
        assert item in text, item
    # the staff-facing flag labels and help texts are not printed
    assert "Omsorgen känns inte längre frivillig" not in text
    assert "Fråga öppet" not in text
    assert pages_of(pdf, tmp_path) == 1


@pytest.mark.parametrize("lang", ["sv", "en", "sv-lattlast"])
def test_korttid_list(forms: dict[str, FormDefinition], municipality: Municipality,
                      tmp_path: Path, lang: str) -> None:
    form = forms["korttid"]
    pdf = render_short_term_list(form, municipality, lang, unit_name="Korttidsboendet Lärkan",
                              contact=UnitContact(phone="070-174 06 40", hours="8–20"),
                              printed_on=PRINTED_ON)
    text = text_of(pdf, tmp_path)
    items = short_term_items(form)
    assert len(items) >= 5
    for item in items:
        assert item.text.get(lang) in text
        for _part, routine in (item.routine.parts() if item.routine else []):
            assert routine.get(lang) in text
    title = {"sv": "Här på korttiden…", "en": "Here at the short-term unit…",
             "sv-lattlast": "Här på korttiden…"}[lang]
    assert title in text
    assert "Korttidsboendet Lärkan" in text and "070-174 06 40" in text
    who = {"sv": "Vem", "en": "Who", "sv-lattlast": "Vem"}[lang]
    assert f"{who} " in text
    assert pages_of(pdf, tmp_path) <= 2
    assert info_of(pdf, tmp_path)["Author"] == "Korttidsboendet Lärkan"


def test_korttid_list_needs_checklist_items(forms: dict[str, FormDefinition],
                                           municipality: Municipality) -> None:
    with pytest.raises(PrintInputError, match="no checklist items"):
        render_short_term_list(forms["frivillighet"], municipality, "sv", unit_name="Lärkan")


EVERY_KIND = """\
id: alla_slag
version: {version}
entry_kind: samtal
title: {{sv: Alla frågeslag, en: Every question kind}}
sections:
  - id: forsta
    title: {{sv: Första delen, en: First part}}
    questions:
      - {{id: kort, kind: short_text, text: {{sv: "{short_label}", en: Short}}}}
      - {{id: lang, kind: long_text, text: {{sv: Lång text, en: Long text}}}}
      - {{id: jnv, kind: yes_no_unsure, text: {{sv: Ja eller nej, en: Yes or no}}}}
      - id: dold
        kind: short_text
        condition: {{question: jnv, is: "no"}}
        text: {{sv: Dold fråga, en: Hidden question}}
      - id: ett
        kind: single_choice
        text: {{sv: Ett val, en: One choice}}
        choices:
          - {{value: a, label: {{sv: Alfa, en: Alpha}}}}
          - {{value: b, label: {{sv: Beta, en: Beta}}}}
      - id: flera
        kind: multi_choice
        text: {{sv: Flera val, en: Several choices}}
        choices:
          - {{value: a, label: {{sv: Äpple, en: Apple}}}}
          - {{value: b, label: {{sv: Päron, en: Pear}}}}
          - {{value: c, label: {{sv: Öl, en: Ale}}}}
      - id: skala
        kind: scale
        min: 1
        max: 5
        min_label: {{sv: Lätt, en: Light}}
        max_label: {{sv: Tungt, en: Heavy}}
        text: {{sv: Skala, en: Scale}}
      - {{id: tal, kind: number, unit: {{sv: timmar, en: hours}}, text: {{sv: Tal, en: Number}}}}
      - {{id: datum, kind: date, text: {{sv: Datum, en: Date}}}}
      - {{id: obesvarad, kind: short_text, text: {{sv: Obesvarad fråga, en: Unanswered}}}}
  - id: andra
    title: {{sv: Andra delen, en: Second part}}
    questions:
      - id: punkt
        kind: checklist_item
        text: {{sv: En punkt, en: An item}}
        routine: {{who: {{sv: Kontaktpersonen, en: The contact person}}}}
      - id: tabell
        kind: repeating_group
        text: {{sv: Smal grupp, en: Narrow group}}
        questions:
          - {{id: vad, kind: short_text, text: {{sv: Vad, en: What}}}}
          - {{id: nar, kind: date, text: {{sv: När, en: When}}}}
      - id: bred
        kind: repeating_group
        row_label: {{sv: Rad, en: Row}}
        text: {{sv: Bred grupp, en: Wide group}}
        questions:
          - {{id: k1, kind: short_text, text: {{sv: Kolumn ett, en: Column one}}}}
          - {{id: k2, kind: short_text, text: {{sv: Kolumn två, en: Column two}}}}
          - {{id: k3, kind: short_text, text: {{sv: Kolumn tre, en: Column three}}}}
          - {{id: k4, kind: short_text, text: {{sv: Kolumn fyra, en: Column four}}}}
          - {{id: k5, kind: short_text, text: {{sv: Kolumn fem, en: Column five}}}}
          - {{id: k6, kind: number, text: {{sv: Kolumn sex, en: Column six}}}}
"""

EVERY_ANSWER = {
    "kort": "Kort svar",
    "lang": "Första raden\nAndra raden med åäö",
    "jnv": "yes",
    "dold": "Ska inte synas",
    "ett": "b",
    "flera": ["a", "c"],
    "skala": 4,
    "tal": 12,
    "datum": "2026-05-15",
    "punkt": {"status": "partly", "comment": "Halvvägs klart"},
    "tabell": [{"vad": "Boka tid", "nar": "2026-06-01"}, {"vad": "Ringa tillbaka"}],
    "bred": [{"k1": "A1", "k2": "B1", "k3": "C1", "k4": "D1", "k5": "E1", "k6": 6}],
}


def _every_kind(version: int = 1, short_label: str = "Kort text") -> FormDefinition:
    return load_form_text(EVERY_KIND.format(version=version, short_label=short_label),
                          source="alla_slag.yaml")


def test_response_prints_every_question_kind(municipality: Municipality, tmp_path: Path) -> None:
    entry = make_entry(_every_kind(), EVERY_ANSWER)
    text = text_of(render_response(entry, municipality, printed_on=PRINTED_ON), tmp_path)
    for expected in [
        "Alla frågeslag", "Första delen", "Kort text Kort svar",
        "Lång text Första raden Andra raden med åäö", "Ja eller nej Ja", "Ett val Beta",
        "Flera val • Äpple • Öl", "Skala 4 (1–5: 1 = Lätt, 5 = Tungt)", "Tal 12 timmar",
        "Datum 15 maj 2026", "Obesvarad fråga Inget svar", "Andra delen",
        "En punkt Delvis: Halvvägs klart",
        "Smal grupp Vad När Boka tid 1 juni 2026 Ringa tillbaka Inget svar",
        "Bred grupp Rad 1", "Kolumn sex 6", "Formulär: Alla frågeslag, version 1",
    ]:
        assert expected in text, expected
    assert "Dold fråga" not in text and "Ska inte synas" not in text


def test_response_in_english(municipality: Municipality, tmp_path: Path) -> None:
    entry = make_entry(_every_kind(), EVERY_ANSWER, language="en")
    text = text_of(render_response(entry, municipality), tmp_path)
    for expected in ["Every question kind", "Yes or no Yes", "Several choices • Apple • Ale",
                     "Date 15 May 2026", "Unanswered No answer", "Row 1", "Page 1 of"]:
        assert expected in text, expected


def test_response_prints_the_version_it_was_made_with(municipality: Municipality,
                                                      tmp_path: Path) -> None:
    old = make_entry(_every_kind(1, "Gammal fråga"), EVERY_ANSWER)
    new = make_entry(_every_kind(2, "Ny fråga"), EVERY_ANSWER)
    old_text = text_of(render_response(old, municipality), tmp_path)
    new_text = text_of(render_response(new, municipality), tmp_path)
    assert "Gammal fråga Kort svar" in old_text and "Ny fråga" not in old_text
    assert "version 1" in old_text and "version 2" in new_text


def test_builtin_stodplan_response_in_every_language(forms: dict[str, FormDefinition],
                                                     municipality: Municipality,
                                                     tmp_path: Path) -> None:
    for lang in ("sv", "en", "sv-lattlast"):
        entry = make_entry(forms["stodplan"], plan_answers(), language=lang)
        pdf = render_response(entry, municipality)
        text = text_of(pdf, tmp_path)
        assert forms["stodplan"].title.get(lang) in text
        assert SWEDISH_LETTERS in text
        assert all(f["emb"] == "yes" for f in fonts_of(pdf, tmp_path))


def test_every_document_has_a_large_print_variant(forms: dict[str, FormDefinition],
                                                  municipality: Municipality,
                                                  tmp_path: Path) -> None:
    from anhorigdesk.printing import render_information_handout

    plan = make_entry(forms["stodplan"], plan_answers())
    documents = {
        "handout": lambda lp: render_information_handout(municipality, "sv", large_print=lp),
        "plan": lambda lp: render_support_plan(plan, municipality, contact_person=CONTACT,
                                               large_print=lp),
        "checkin": lambda lp: render_checkin_summary(
            make_entry(forms["frivillighet"], checkin_answers()), municipality,
            agreed=["Vi ses igen."], large_print=lp),
        "korttid": lambda lp: render_short_term_list(forms["korttid"], municipality, "sv",
                                                  unit_name="Lärkan", large_print=lp),
        "response": lambda lp: render_response(make_entry(_every_kind(), EVERY_ANSWER),
                                               municipality, large_print=lp),
    }
    for name, render in documents.items():
        large = render(True)
        sizes = text_sizes(large)
        assert sizes.most_common(1)[0][0] >= 16, name
        assert min(sizes) >= 14, (name, sorted(sizes))
        assert text_sizes(render(False)).most_common(1)[0][0] < 16, name
        text = text_of(large, tmp_path)
        assert "Sida 1 av" in text, name
    # in large print the wide and narrow groups print as blocks, still with every answer
    text = text_of(documents["response"](True), tmp_path)
    assert "Rad 1" in text and "Boka tid" in text and "Kolumn sex 6" in text
