"""The entry's confidentiality marking is printed in words, in the carer's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from anhorigdesk.forms import FormDefinition
from anhorigdesk.printing import Municipality, render_checkin_summary, render_support_plan

from .conftest import PRINTED_ON, checkin_answers, make_entry, plan_answers
from .pdftools import POPPLER, text_of

pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

MARKING_TEXTS = {
    ("sv", "carer_only"): "Märkning: bara om dig.",
    ("sv", "normal"): "Märkning: får delas med personalen i din närståendes vård.",
    ("en", "carer_only"): "Marking: only about you.",
    ("en", "normal"): "Marking: may be shared with the staff caring for the person close to you.",
    ("sv-lattlast", "carer_only"): "Det här är bara om dig.",
    ("sv-lattlast", "normal"): "Det här får vi visa för dem som vårdar din närstående.",
}


@pytest.mark.parametrize(("lang", "marking"), sorted(MARKING_TEXTS))
def test_support_plan_says_its_marking(forms: dict[str, FormDefinition], municipality: Municipality,
                                       tmp_path: Path, lang: str, marking: str) -> None:
    entry = make_entry(forms["stodplan"], plan_answers(), language=lang, confidentiality=marking)
    text = text_of(render_support_plan(entry, municipality, printed_on=PRINTED_ON), tmp_path)
    assert MARKING_TEXTS[(lang, marking)] in text
    other = "normal" if marking == "carer_only" else "carer_only"
    assert MARKING_TEXTS[(lang, other)] not in text


def test_checkin_summary_says_carer_only(forms: dict[str, FormDefinition], municipality: Municipality,
                                         tmp_path: Path) -> None:
    entry = make_entry(forms["frivillighet"], checkin_answers(), confidentiality="carer_only")
    pdf = render_checkin_summary(entry, municipality, agreed=[], next_checkin=dt.date(2027, 2, 1),
                                 printed_on=PRINTED_ON)
    assert MARKING_TEXTS[("sv", "carer_only")] in text_of(pdf, tmp_path)
