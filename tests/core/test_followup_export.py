"""Exports of the follow-up statistics (issue #14): small counts as "< 5" everywhere."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from tests.core.test_followup_statistics import fixture_statistics
from tests.printing.pdftools import png_pages, text_of

from anhorigdesk.followup import export

NAMES = {"U1": "Anhörigstöd Exempelby"}


def _small_and_large():
    stats = fixture_statistics()
    # every count of the fixture is under 10: make two large ones to see both forms
    rows = tuple((c, k, {("carers", "active"): 6, ("conversations", "held"): 4}.get((c, k), n))
                 for c, k, n in stats.rows)
    rows = tuple((c, k, 12 if (c, k) == ("carers", "active") else n) for c, k, n in rows)
    return type(stats)(stats.scope, stats.unit_ids, stats.period, rows)


def test_csv_shows_small_counts_as_under_five(tmp_path):
    stats = _small_and_large()
    path = tmp_path / "statistik.csv"
    export.write_csv(path, stats, NAMES, "sv")
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    body = {(r[0], r[1]): r[2] for r in rows if len(r) == 3}
    assert body[("Anhöriga", "Aktiva")] == "12"
    assert body[("Anhöriga", "Nya")] == "< 5"  # 2
    assert body[("Samtal", "Hållna")] == "< 5"  # 4
    assert body[("Flaggor", "Andra flaggor")] == "< 5"  # 1
    assert body[("Informationsblad, per språk", "sv")] == "< 5"
    # no count from 1 to 4 is written out anywhere
    assert not any(r[2] in ("1", "2", "3", "4") for r in rows if len(r) == 3)
    assert "Anhörigstöd Exempelby" in text and "2026-01-01" in text
    assert not list(tmp_path.glob(".*part"))


def test_xlsx_shows_small_counts_as_under_five(tmp_path):
    path = tmp_path / "statistik.xlsx"
    export.write_xlsx(path, _small_and_large(), NAMES, "en")
    sheet = load_workbook(path).active
    values = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    body = {(r[0], r[1]): r[2] for r in values if r[2] is not None}
    assert body[("Carers", "Active")] == "12"
    assert body[("Carers", "Child carers")] == "< 5"
    assert body[("Short-term stays", "Stays")] == "< 5"
    assert not any(r[2] in ("1", "2", "3", "4", 1, 2, 3, 4) for r in values)


def test_pdf_report_has_the_charts_and_no_small_count(tmp_path):
    pdf = export.pdf_bytes(_small_and_large(), NAMES, "sv")
    text = text_of(pdf, tmp_path)
    assert "Uppföljning – statistik" in text and "< 5" in text and "12" in text
    assert "Bara det som finns" not in text  # the fixture is the unit's (server) figures
    lines = [line.split() for line in text.splitlines()]
    # no line ends with a bare 1-4 (a count shown as itself)
    assert not any(parts and parts[-1] in ("1", "2", "3", "4") and "<" not in parts for parts in lines)
    assert png_pages(pdf, tmp_path, "statistik")  # renders
