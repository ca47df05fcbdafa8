"""The print dialog's worker-thread side (no Qt): source, rules, rendering, the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.printing import (
    DocumentKind,
    PrintNotAllowedError,
    Reader,
    example_municipality_path,
    load_municipality,
)
from anhorigdesk.ui.printing.municipality_file import (
    MunicipalityProblem,
    configured_path,
    load_configured,
)
from anhorigdesk.ui.printing.service import (
    EntryUnavailable,
    PrintOptions,
    PrintSource,
    default_next_checkin,
    handout_data,
    render_document,
    write_pdf_file,
)

from .helpers import add_response, plan_answers, stodplan_definition


@pytest.fixture(scope="module")
def registry() -> FormRegistry:
    return FormRegistry.load()


def source_with(registry: FormRegistry, entries: list[dict], consents: list[dict] | None = None) -> PrintSource:
    return PrintSource(
        carer_id="c1", carer={"name": "Testa Anhörigsson", "preferred_language": "sv-lattlast",
                              "consents": consents or []},
        entries=tuple(entries), staff=(), units=({"id": "u1", "name": "Anhörigstödet"},),
        registry=registry, municipality=load_municipality(example_municipality_path()), problem=None)


def plan_entry(definition, confidentiality: str, entry_id: str = "e1") -> dict:
    return {"id": entry_id, "kind": "stodplan", "form_id": definition.id,
            "form_version": definition.version, "form_fingerprint": definition.fingerprint,
            "data": plan_answers(), "confidentiality": confidentiality, "author_name": "Exempla",
            "unit_id": "u1", "occurred_at": "2026-11-19T23:30:00+00:00"}


def test_store_markings_map_to_the_printing_rule(registry):
    plan = registry.current("stodplan")
    source = source_with(registry, [plan_entry(plan, "shareable", "a"), plan_entry(plan, "carer_only", "b"),
                                    plan_entry(plan, "mystery", "c")])
    assert source.printable(source.entry("a"), "sv").confidentiality == "normal"
    assert source.printable(source.entry("b"), "sv").confidentiality == "carer_only"
    other = PrintOptions(DocumentKind.SUPPORT_PLAN, "sv", entry_id="c", reader=Reader.OTHER)
    with pytest.raises(PrintNotAllowedError):  # an unknown marking never prints for others
        render_document(source, other)
    # the day in Swedish time: 23:30 UTC on the 19th is the 20th in Stockholm
    assert source.printable(source.entry("a"), "sv").date == dt.date(2026, 11, 20)


def test_consent_lets_a_shareable_entry_print_for_someone_else(registry):
    plan = registry.current("stodplan")
    entries = [plan_entry(plan, "shareable")]
    options = PrintOptions(DocumentKind.SUPPORT_PLAN, "sv", entry_id="e1", reader=Reader.OTHER)
    with pytest.raises(PrintNotAllowedError):
        render_document(source_with(registry, entries), options)
    withdrawn = [{"scope": "print_plan", "withdrawn_at": "2026-11-01"}]
    with pytest.raises(PrintNotAllowedError):
        render_document(source_with(registry, entries, withdrawn), options)
    given = [{"scope": "print_plan", "withdrawn_at": None}]
    assert render_document(source_with(registry, entries, given), options).pdf.startswith(b"%PDF")


def test_unknown_form_version_is_reported_not_guessed(registry):
    v1 = stodplan_definition(1, "A wording this registry never saw?")
    source = source_with(registry, [plan_entry(v1, "carer_only")])
    with pytest.raises(EntryUnavailable) as caught:
        render_document(source, PrintOptions(DocumentKind.RESPONSE, "sv", entry_id="e1"))
    assert caught.value.reason == "unknown_version"


def test_language_follows_the_carer_and_falls_back(registry):
    source = source_with(registry, [])
    assert source.preferred_language() == "sv-lattlast"
    rendered = render_document(source, PrintOptions(DocumentKind.INFORMATION_HANDOUT, "so"))
    assert rendered.record.language == "sv"  # not offered: Swedish
    rendered = render_document(source, PrintOptions(DocumentKind.INFORMATION_HANDOUT, "fi"))
    assert rendered.record.language == "fi"  # the example municipality now offers Finnish


def test_next_checkin_is_the_scheduling_cores(registry, store, carer_id, tmp_path):
    """The proposed next check-in is the carer's schedule's (the carer page's), not the
    printed check-in's date plus the form's interval."""
    from anhorigdesk.ui.printing.service import load_print_source
    from anhorigdesk.workspace.agenda import load_carer_agenda

    repo, actor = store
    form = registry.current("frivillighet")
    entry_id = add_response(repo, actor, carer_id, form,
                            {"check_in_date": "2026-08-31", "still_own_choice": "yes",
                             "burden_now": 2, "wants_to_reduce": "no"})
    repo.update_carer(actor, carer_id, hours_per_week=30.0)  # a situation change
    source = load_print_source(repo, actor, carer_id, "", None, tmp_path, registry)
    on_screen = load_carer_agenda(repo, registry, actor, carer_id).schedule.next_checkin
    assert on_screen is not None and source.next_checkin == on_screen.due_on
    assert on_screen.reason_code == "situation_changed"  # the change brought it forward
    assert default_next_checkin(source, source.entry(entry_id)) == on_screen.due_on
    assert default_next_checkin(source, {"kind": "stodplan"}) is None


def test_the_timeline_record_holds_no_pdf(registry):
    rendered = render_document(source_with(registry, []),
                               PrintOptions(DocumentKind.INFORMATION_HANDOUT, "en", large_print=True))
    data = handout_data(rendered.record, "pdf")
    assert data["kind"] == "information_handout" and data["language"] == "en"
    assert data["large_print"] is True and data["entry_id"] is None and data["how"] == "pdf"
    assert len(data["sha256"]) == 64 and data["pages"] == rendered.record.pages
    assert not any(isinstance(v, bytes) for v in data.values())
    assert all(len(str(v)) < 100 for v in data.values())


def test_municipality_file_problems_never_raise(tmp_path: Path):
    assert configured_path("") == example_municipality_path()
    missing = load_configured(tmp_path / "nope.yaml")
    assert isinstance(missing, MunicipalityProblem) and missing.file_name == "nope.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed", "utf-8")
    assert isinstance(load_configured(broken), MunicipalityProblem)


def test_saving_replaces_a_file_only_when_whole(tmp_path: Path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "doc.pdf"
    target.write_bytes(b"old")
    write_pdf_file(b"%PDF-new", target)
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in folder.iterdir()] == ["doc.pdf"]  # no partial file left
