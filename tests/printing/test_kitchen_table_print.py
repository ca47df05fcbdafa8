"""Printed documents as a carer reads them at the kitchen table (issue 20, item 10).

The agreed plan first and the answers after; no heading left alone at the foot of a page; no
word broken in a narrow table column; no page of only fine print and no form-version jargon;
one voice ("Din …", as the form's own questions speak); the korttid list names the short-term
unit or none.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import KeepTogether, Spacer

from anhorigdesk.forms import FormDefinition
from anhorigdesk.printing import (
    ContactPerson,
    Municipality,
    render_checkin_summary,
    render_response,
    render_short_term_list,
    render_support_plan,
)
from anhorigdesk.printing.blocks import para
from anhorigdesk.printing.layout import build_pdf
from anhorigdesk.printing.response import entry_context

from .conftest import PRINTED_ON, checkin_answers, make_entry, plan_answers
from .pdftools import POPPLER, pages_of, text_of

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

CONTACT = ContactPerson("Fiktiva Kontaktsson", "070-174 06 33")
FOOTER_START = "Din stödplan · Utskrivet"
SMALL_PRINT = ("Formulär:", "Märkning:", "Den här utskriften innehåller")


def kitchen_plan() -> dict[str, Any]:
    """A stödplan as filled in at a real visit: about twenty answers and three actions, one
    of them done by a "Biståndshandläggare", each with a follow-up date (four columns)."""
    answers = plan_answers(3)
    answers.update({
        "work_or_studies": "part_time", "others_at_home": "Maken och hans hund",
        "children_at_home": "yes", "children_note": "Barnbarnen är här varannan helg.",
        "care_works": "Hemtjänsten kommer i tid på morgonen och personalen är vänlig.",
        "care_does_not_work": "Kvällarna, när ingen kommer och allt hänger på mig.",
        "information_topics": "Demenssjukdom och vad som händer framåt",
        "respite_flexibility": 4, "respite_continuity": "yes", "respite_booking": "within_week",
        "other_wishes": "Att någon ringer mig ibland och frågar hur jag mår.",
        "wants_less": "unsure",
    })
    answers["actions"][0]["who"] = "Biståndshandläggare"
    answers["actions"][1]["who"] = "Anhörigkonsulent och biståndshandläggare"
    for row in answers["actions"]:
        row["follow_up"] = "2027-01-15"
    return answers


def page_lines(pdf: bytes, tmp: Path, page: int) -> list[str]:
    """The page's text lines in reading order, without the header and the footer."""
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                          str(path), "-"], check=True, capture_output=True, text=True).stdout
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return [line for line in lines if line != "Exempelby kommun" and "Utskrivet" not in line
            and not line.startswith("Sida ")]


def test_support_plan_puts_the_agreed_plan_first(forms: dict[str, FormDefinition],
                                                 municipality: Municipality, tmp: Path) -> None:
    pdf = render_support_plan(make_entry(forms["stodplan"], kitchen_plan()), municipality,
                              contact_person=CONTACT, printed_on=PRINTED_ON)
    text = text_of(pdf, tmp)
    agreed = text.index("Det här har vi kommit överens om")
    review = text.index("Vi följer upp planen tillsammans 15 mars 2027.")
    told = text.index("Det här berättade du")
    first_answer = text.index("Vem är du för den du hjälper?")
    assert agreed < review < told < first_answer
    # and the whole plan is on page 1
    assert "Biståndshandläggare" in text_of(pdf, tmp, page=1)


def test_no_heading_is_left_at_the_foot_of_a_page(forms: dict[str, FormDefinition],
                                                  municipality: Municipality, tmp: Path) -> None:
    form = forms["stodplan"]
    headings = {s.title.get("sv") for s in form.sections} | {
        "Det här har vi kommit överens om", "Det här berättade du", "Uppföljning",
        "Din kontaktperson"}
    for large in (False, True):
        pdf = render_support_plan(make_entry(form, kitchen_plan()), municipality,
                                  contact_person=CONTACT, large_print=large, printed_on=PRINTED_ON)
        for page in range(1, pages_of(pdf, tmp) + 1):
            lines = page_lines(pdf, tmp, page)
            assert lines and lines[-1] not in headings, (large, page, lines[-3:])


def test_a_heading_followed_by_a_question_block_moves_with_it(
        forms: dict[str, FormDefinition], municipality: Municipality, tmp: Path) -> None:
    """The layout rule on its own: a heading just above the page foot goes to the next page
    with the question block (a KeepTogether) under it."""
    ctx = entry_context(make_entry(forms["stodplan"], {}), municipality, title_key=None,
                        subject_key="response.subject", kind="response", large_print=False,
                        printed_on=PRINTED_ON)
    st = ctx.st
    for room in range(0, 60, 4):  # wherever the heading happens to fall
        filler = [para(f"Rad {n}", st.body) for n in range(40)]  # flowables are used once
        story = [*filler, Spacer(1, room), para("Rubriken", st.h2),
                 KeepTogether([para("Frågan?", st.question), para("Svaret", st.body),
                               para("Mer svar", st.body)])]
        pdf = build_pdf(ctx.setup, story)
        for page in range(1, pages_of(pdf, tmp) + 1):
            lines = page_lines(pdf, tmp, page)
            if "Rubriken" in lines:
                assert "Frågan?" in lines and "Svaret" in lines, (room, page, lines[-3:])


def test_a_narrow_column_does_not_break_a_long_word(forms: dict[str, FormDefinition],
                                                   municipality: Municipality, tmp: Path) -> None:
    pdf = render_support_plan(make_entry(forms["stodplan"], kitchen_plan()), municipality,
                              contact_person=CONTACT, printed_on=PRINTED_ON)
    words = text_of(pdf, tmp).split()
    assert "Biståndshandläggare" in words
    assert "biståndshandläggare" in words
    assert not any(w.startswith("Biståndshandlägg") and w != "Biståndshandläggare" for w in words)
    # the same in the printout of the answers as they were filled in
    response = text_of(render_response(make_entry(forms["stodplan"], kitchen_plan()),
                                       municipality, printed_on=PRINTED_ON), tmp).split()
    assert "Biståndshandläggare" in response


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("contact", [CONTACT, None])
def test_no_page_holds_only_fine_print(forms: dict[str, FormDefinition],
                                       municipality: Municipality, tmp: Path,
                                       large: bool, contact: ContactPerson | None) -> None:
    for actions in (1, 2, 3, 10, 11):
        answers = kitchen_plan()
        answers["actions"] = (answers["actions"] * 4)[:actions]
        pdf = render_support_plan(make_entry(forms["stodplan"], answers), municipality,
                                  contact_person=contact, large_print=large,
                                  printed_on=PRINTED_ON)
        last = page_lines(pdf, tmp, pages_of(pdf, tmp))
        assert any(not line.startswith(SMALL_PRINT) for line in last), (actions, last)


def test_carer_documents_speak_to_the_carer_without_jargon(
        forms: dict[str, FormDefinition], municipality: Municipality, tmp: Path) -> None:
    plan = text_of(render_support_plan(make_entry(forms["stodplan"], kitchen_plan()),
                                       municipality, contact_person=CONTACT,
                                       printed_on=PRINTED_ON), tmp)
    checkin = text_of(render_checkin_summary(make_entry(forms["frivillighet"], checkin_answers()),
                                             municipality, agreed=["Vi ansöker om avlösning."],
                                             next_checkin=dt.date(2027, 1, 6),
                                             printed_on=PRINTED_ON), tmp)
    for text in (plan, checkin):
        assert "Formulär:" not in text and "version 1" not in text
    assert "Din stödplan" in plan and "Din situation" in plan and "Din kontaktperson" in plan
    assert "Min stödplan" not in plan and "Min situation" not in plan
    # the check-in summary too: what we agreed and when we meet again, then the answers
    assert (checkin.index("Det här kom vi överens om") < checkin.index("Vi pratar om det här igen")
            < checkin.index("Det här berättade du"))


def test_korttid_list_names_the_unit_it_is_given_or_none(forms: dict[str, FormDefinition],
                                                        municipality: Municipality,
                                                        tmp: Path) -> None:
    named = text_of(render_short_term_list(forms["korttid"], municipality, "sv",
                                        unit_name="Korttidsboendet Eken", printed_on=PRINTED_ON),
                    tmp)
    assert "bor hos oss på Korttidsboendet Eken" in named
    unnamed = text_of(render_short_term_list(forms["korttid"], municipality, "sv", unit_name="",
                                          printed_on=PRINTED_ON), tmp)
    assert "bor hos oss på korttiden." in unnamed
    assert "på ." not in unnamed
