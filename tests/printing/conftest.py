"""Fixtures for the printing tests: the fictional municipality, built-in forms, fictional carers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from anhorigdesk.forms import FormDefinition, builtin_forms_dir, load_form_file
from anhorigdesk.printing import (
    Municipality,
    PrintableEntry,
    example_municipality_path,
    load_municipality,
)

PRINTED_ON = dt.date(2026, 11, 27)
CARER = "Örjan Exempelsson"          # fictional
STAFF = "Éva Testare-Åhlén"          # fictional
UNIT = "Anhörigstödet Exempelby"     # fictional
SWEDISH_LETTERS = "Räksmörgås på Öland, Ärlig Åsikt, idé och café"


@pytest.fixture(scope="session")
def municipality() -> Municipality:
    return load_municipality(example_municipality_path())


@pytest.fixture(scope="session")
def forms() -> dict[str, FormDefinition]:
    folder = builtin_forms_dir()
    return {name: load_form_file(folder / f"{name}.yaml")
            for name in ("stodplan", "frivillighet", "korttid")}


def plan_answers(actions: int = 2) -> dict[str, Any]:
    rows = [{"what": f"Insats {n}: ansöka om avlösning i hemmet på tisdagar",
             "who": "Anhörigkonsulenten hjälper till",
             "by_when": (dt.date(2026, 12, 1) + dt.timedelta(days=7 * n)).isoformat()}
            for n in range(1, actions + 1)]
    return {
        "interview_date": "2026-11-20",
        "relationship": "partner",
        "tasks": ["household", "medicines"],
        "hours_per_week": 25,
        "own_health": 3,
        "children_at_home": "no",
        "how_it_feels": SWEDISH_LETTERS,
        "support_wishes": ["respite", "carer_group"],
        "respite_where": ["at_home"],
        "own_choice": "yes",
        "heaviness": 4,
        "actions": rows,
        "next_review": "2027-03-15",
        "plan_copy_given": "yes",
    }


def checkin_answers() -> dict[str, Any]:
    return {
        "check_in_date": "2026-11-25",
        "still_own_choice": "unsure",
        "not_own_choice_why": "Det finns ingen annan som kan just nu.",
        "burden_now": 4,
        "wants_to_reduce": "yes",
        "reduce_which": "Nätterna är svårast.",
        "respite_need": "more",
    }


def make_entry(form: FormDefinition, answers: dict[str, Any], *, language: str = "sv",
               confidentiality: str = "normal", share: bool = False) -> PrintableEntry:
    return PrintableEntry(
        entry_id="0194-fictional-entry",
        carer_display_name=CARER,
        preferred_language=language,
        confidentiality=confidentiality,
        author_name=STAFF,
        unit_name=UNIT,
        date=dt.date(2026, 11, 20),
        form=form,
        answers=answers,
        may_share_printout=share,
    )


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path
