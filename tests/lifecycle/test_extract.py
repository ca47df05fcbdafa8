"""The register extract (registerutdrag, issue #13): the JSON validates against the shipped
schema, the PDF holds every entry's text (pdftotext), withholding and logging, on a real store."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime

import jsonschema
import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.lifecycle.extract import WithholdError, schema_path
from anhorigdesk.printing import example_municipality_path, load_municipality
from tests.printing.pdftools import POPPLER, info_of, text_of

NOTES = ["Avlösning tre dagar i veckan, dagverksamhet på Solgården.",
         "Hon vill prata om sömnen; nästa samtal i januari.",
         "Anhörigcirkel på onsdagar — intresserad."]


@pytest.fixture
def municipality():
    return load_municipality(example_municipality_path())


def _validate(document):
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def _pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line for line in out.splitlines() if line.startswith("Pages:")).split()[1])


def _carer_with_everything(ws):
    repo, actor = ws.repository, ws.actor
    carer = repo.create_carer(actor, name="Alva Exempelsson", phone="070-111 11 11", unit_ids=[actor.unit_id],
                              support_contact_id=actor.staff_id, preferred_language="sv")
    repo.update_carer(actor, carer, phone="070-222 22 22")
    _person, relation = repo.link_cared_for(actor, carer, name="Gustav Exempelsson", kind="partner",
                                            birth_year=1941)
    repo.create(actor, "consent", carer_id=carer, scope="record", given_at="2026-10-01", given_how="verbal")
    entries = [ws.save_entry(carer, "samtal", {"note": text}) for text in NOTES]
    ws.correct_entry(entries[0], {"note": "Avlösning två dagar i veckan, rättat efter samtal."})
    registry = FormRegistry.load()
    ws.forms = registry
    ws.finish_response(registry.current("frivillighet"), carer,
                       {"check_in_date": "2026-03-02", "still_own_choice": "no", "burden_now": 4,
                        "wants_to_reduce": "no", "not_own_choice_why": "Ingen annan kan hjälpa till."},
                       now=datetime(2026, 3, 2, 10, tzinfo=UTC))
    ws.close_case(carer, "support_ended")
    repo.timeline(actor, carer)  # a read, in the access log
    return carer, relation


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_the_extract_holds_everything_the_pdf_every_entry_and_the_json_validates(workspace, municipality,
                                                                                 tmp_path):
    ws = workspace
    carer, relation = _carer_with_everything(ws)
    draft = ws.produce_extract(carer, municipality)
    doc = draft.document
    assert doc["scope"] == "this_laptop" and doc["language"] == "sv"
    assert doc["subject"]["name"] == "Alva Exempelsson" and doc["subject"]["status"] == "ended"
    assert [(h["field"], h["old"], h["new"]) for h in doc["record_history"]][-2:] == [
        ("phone", "070-111 11 11", "070-222 22 22"), ("status", "active", "ended")]
    assert [c["kind"] for c in doc["case_events"]] == ["close"]
    assert doc["relations"][0]["cared_for"] == {"name": "Gustav Exempelsson", "birth_year": 1941}
    assert len(doc["entries"]) == 5 and len(doc["checkins"]) == 1
    first = next(e for e in doc["entries"] if e["content"] == {"note": NOTES[0]})
    assert first["corrected_by"]["by"] == ws.actor.name
    assert any(d["kind"] == "close" for d in doc["schedule_decisions"])
    assert any(a["action"] == "read:timeline" for a in doc["access"])
    assert "IMY" in doc["gdpr"]["complaint"]

    with pytest.raises(WithholdError, match="needs a reason"):
        draft.withhold(f"relation:{relation}", "  ")
    with pytest.raises(WithholdError, match="no part"):
        draft.withhold("relation:nobody", "sekretess")
    draft.withhold(f"relation:{relation}", "Sekretess till skydd för den närstående (OSL 26:1)")
    released = ws.release_extract(draft, municipality)
    document = json.loads(released.json_bytes)
    _validate(document)
    assert document["relations"][0]["cared_for"] is None
    assert document["withheld"] == [{"part": "relation", "id": relation,
                                     "reason": "Sekretess till skydd för den närstående (OSL 26:1)"}]
    assert "Gustav" not in released.json_bytes.decode("utf-8")

    text = text_of(released.pdf, tmp_path)
    for entry in document["entries"]:
        for value in entry["content"].values():
            if isinstance(value, str):
                assert " ".join(value.split()) in text, value
    assert "Registerutdrag" in text and "den här datorn" in text and "IMY" in text
    # a form response's answers read as its form version words them, not as answer ids
    form = FormRegistry.load().current("frivillighet")
    assert " ".join(form.question("burden_now").text.get("sv").split()) in text
    assert "burden now" not in text
    assert "Gustav" not in text and "OSL 26:1" in text
    assert "Alva" not in info_of(released.pdf, tmp_path).get("Title", "")
    actions = [a["action"] for a in ws.repository.access_log(person_id=carer)]
    assert "extract:draft" in actions and "extract:release" in actions


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_the_extract_is_in_the_carers_language_where_texts_exist_and_large_print(workspace, municipality,
                                                                                 tmp_path):
    ws = workspace
    english = ws.repository.create_carer(ws.actor, name="Ada Example", preferred_language="en")
    finnish = ws.repository.create_carer(ws.actor, name="Aino Esimerkki", preferred_language="fi")
    ws.save_entry(english, "samtal", {"note": "Talked about respite."})
    for number in range(12):
        ws.save_entry(english, "samtal", {"note": f"Conversation {number}: sleep, respite and the day centre. " * 3})
    draft = ws.produce_extract(english, municipality)
    assert draft.language == "en"
    released = ws.release_extract(draft, municipality, large_print=True)
    _validate(json.loads(released.json_bytes))
    text = text_of(released.pdf, tmp_path)
    assert "Register extract" in text and "Talked about respite." in text
    small = ws.release_extract(ws.produce_extract(english, municipality), municipality)
    assert len(text_of(small.pdf, tmp_path)) > 0
    assert _pages(released.pdf, tmp_path) > _pages(small.pdf, tmp_path)  # large print: more pages
    assert ws.produce_extract(finnish, municipality).language == "fi"  # fi.yaml has extract texts
    somali = ws.repository.create_carer(ws.actor, name="Hodan Tusaale", preferred_language="so")
    assert ws.produce_extract(somali, municipality).language == "sv"  # no Somali texts at all: Swedish


def test_a_released_extract_with_a_withheld_entry_validates_and_leaves_the_text_out(workspace, municipality):
    ws = workspace
    carer = ws.repository.create_carer(ws.actor, name="Alva Exempelsson")
    secret = ws.save_entry(carer, "samtal", {"note": "Uppgift om grannen som omfattas av sekretess."})
    draft = ws.produce_extract(carer, municipality)
    draft.withhold(f"entry:{secret}", "Uppgiften gäller en annan person")
    released = ws.release_extract(draft, municipality)
    _validate(released.document)
    assert "grannen" not in released.json_bytes.decode("utf-8")
    assert released.document["entries"][0]["content"] is None


class _Offline:
    def register_extract(self, carer_id: str) -> dict:
        from anhorigdesk.sync.protocol import ServerUnavailable

        raise ServerUnavailable("no connection", code="network_unavailable")


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_offline_the_extract_says_it_is_of_this_laptop_only(workspace, municipality, tmp_path):
    carer, _relation = _carer_with_everything(workspace)
    draft = workspace.produce_extract(carer, municipality, server=_Offline())
    assert draft.server_unavailable and draft.document["scope"] == "this_laptop"
    assert "server" not in draft.document
    released = workspace.release_extract(draft, municipality)
    _validate(released.document)
    text = " ".join(text_of(released.pdf, tmp_path).split())
    assert "Utdraget gäller uppgifterna på den här datorn." in text
    assert "Bara på servern" not in text
