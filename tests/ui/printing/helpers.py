"""Helpers of the printing-from-the-app tests: fictional people, a stödplan's answers,
responses added to the store, other versions of the built-in stödplan, and reading PDFs."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anhorigdesk.forms import FormDefinition, builtin_forms_dir, canonical_json, load_form_text
from anhorigdesk.store import Actor, Repository

CARER_NAME = "Testa Anhörigsson"      # fictional
STAFF_NAME = "Exempla Handläggare"    # fictional
STAFF_PHONE = "0000-11 22 33"         # not a real number
PLAN_WHAT = "Avlösning i hemmet tisdagar"


def plan_answers(how_it_feels: str = "Det går upp och ner.") -> dict[str, Any]:
    return {
        "interview_date": "2026-11-20",
        "relationship": "partner",
        "how_it_feels": how_it_feels,
        "actions": [{"what": PLAN_WHAT, "who": "Anhörigkonsulenten", "by_when": "2026-12-15"}],
        "next_review": "2027-03-15",
    }


def add_response(repo: Repository, actor: Actor, carer: str, definition: FormDefinition,
                 answers: dict[str, Any], *, confidentiality: str = "carer_only") -> str:
    repo.remember_form_version(definition.fingerprint, definition.id, definition.version,
                               canonical_json(definition))
    return repo.add_entry(actor, carer, definition.entry_kind or definition.id, answers,
                          occurred_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
                          confidentiality=confidentiality, form_id=definition.id,
                          form_version=definition.version, form_fingerprint=definition.fingerprint)


def stodplan_variant(version: int, how_it_feels_en: str) -> str:
    """The built-in stödplan YAML as another version, with one question worded differently."""
    text = (builtin_forms_dir() / "stodplan.yaml").read_text("utf-8")
    old = "en: In your own words, how is it to be a carer right now?"
    assert old in text
    text = text.replace(old, f"en: {how_it_feels_en}").replace("\nversion: 1\n", f"\nversion: {version}\n")
    return text


def stodplan_definition(version: int, how_it_feels_en: str) -> FormDefinition:
    return load_form_text(stodplan_variant(version, how_it_feels_en), source=f"stodplan-v{version}")


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    return " ".join(raw.split())


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo"))
