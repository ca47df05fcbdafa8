"""Confidentiality and consent decide whether an entry may be printed, and for whom."""

from __future__ import annotations

import datetime as dt

import pytest

from anhorigdesk.forms import FormDefinition
from anhorigdesk.printing import (
    DocumentKind,
    Municipality,
    PrintNotAllowedError,
    Reader,
    check_may_print,
    make_print_record,
    render_checkin_summary,
    render_response,
    render_support_plan,
)

from .conftest import CARER, checkin_answers, make_entry, plan_answers


@pytest.mark.parametrize("marking", ["normal", "carer_only"])
@pytest.mark.parametrize("share", [False, True])
def test_the_carer_may_always_have_their_own_entry(forms: dict[str, FormDefinition],
                                                   marking: str, share: bool) -> None:
    entry = make_entry(forms["stodplan"], plan_answers(), confidentiality=marking, share=share)
    check_may_print(entry, Reader.CARER)
    check_may_print(entry, "carer")


def test_others_need_a_normal_entry_and_the_carers_consent(
        forms: dict[str, FormDefinition]) -> None:
    form = forms["stodplan"]
    check_may_print(make_entry(form, {}, share=True), Reader.OTHER)
    with pytest.raises(PrintNotAllowedError, match="has not agreed"):
        check_may_print(make_entry(form, {}, share=False), Reader.OTHER)
    with pytest.raises(PrintNotAllowedError, match="carer_only"):
        check_may_print(make_entry(form, {}, confidentiality="carer_only", share=True),
                        Reader.OTHER)


def test_unknown_marking_or_reader_is_refused(forms: dict[str, FormDefinition]) -> None:
    entry = make_entry(forms["stodplan"], {}, confidentiality="hemlig")
    with pytest.raises(PrintNotAllowedError, match="unknown confidentiality marking 'hemlig'"):
        check_may_print(entry, Reader.CARER)
    with pytest.raises(PrintNotAllowedError, match="unknown reader"):
        check_may_print(make_entry(forms["stodplan"], {}), "granne")


def test_refusal_names_no_person(forms: dict[str, FormDefinition]) -> None:
    entry = make_entry(forms["stodplan"], {}, confidentiality="carer_only", share=True)
    with pytest.raises(PrintNotAllowedError) as info:
        check_may_print(entry, Reader.OTHER)
    assert CARER not in str(info.value)


def test_renderers_refuse_before_laying_out(forms: dict[str, FormDefinition],
                                            municipality: Municipality) -> None:
    secret = make_entry(forms["stodplan"], plan_answers(), confidentiality="carer_only",
                        share=True)
    with pytest.raises(PrintNotAllowedError):
        render_support_plan(secret, municipality, reader=Reader.OTHER)
    with pytest.raises(PrintNotAllowedError):
        render_response(secret, municipality, reader=Reader.OTHER)
    checkin = make_entry(forms["frivillighet"], checkin_answers())
    with pytest.raises(PrintNotAllowedError):
        render_checkin_summary(checkin, municipality, reader=Reader.OTHER)
    shared = make_entry(forms["frivillighet"], checkin_answers(), share=True)
    assert render_checkin_summary(shared, municipality, reader=Reader.OTHER).startswith(b"%PDF")


def test_print_record(forms: dict[str, FormDefinition], municipality: Municipality) -> None:
    entry = make_entry(forms["stodplan"], plan_answers())
    pdf = render_support_plan(entry, municipality)
    at = dt.datetime(2026, 11, 27, 10, 30, tzinfo=dt.UTC)
    record = make_print_record(DocumentKind.SUPPORT_PLAN, pdf, language="sv", entry=entry,
                               reader=Reader.CARER, printed_at=at)
    assert record.entry_id == entry.entry_id
    assert record.form_id == "stodplan" and record.form_version == forms["stodplan"].version
    assert record.pages >= 1 and len(record.sha256) == 64
    data = record.to_data()
    assert data["kind"] == "support_plan" and data["reader"] == "carer"
    assert data["printed_at"] == "2026-11-27T10:30:00+00:00"
    assert data["unit_name"] == entry.unit_name
    assert CARER not in str(data)
