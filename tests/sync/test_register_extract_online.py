"""The register extract online (issue #13): what the server holds is added to the laptop's
extract (lifecycle/extract.py add_server_part, GET /v1/register-extract): a record only the
server has (written on another laptop) is in the JSON and the PDF, the server's access rows
follow the laptop's own, the scope says laptop_and_server, and the JSON still validates."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import jsonschema
import pytest

from anhorigdesk.lifecycle.extract import (
    add_server_part,
    produce_extract,
    release_extract,
    schema_path,
)
from anhorigdesk.printing import example_municipality_path, load_municipality
from anhorigdesk.printing.register_extract import gdpr_texts
from tests.printing.pdftools import POPPLER, text_of

from .conftest import World

ONLY_ON_SERVER = "Samtal om växelvård skrivet på den andra datorn"
HERE = "Samtal om avlösning på den här datorn"


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_online_the_extract_adds_what_the_server_holds(world: World, tmp_path) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer = world.new_carer(a, name="Alva Exempelsson")
    a.repo.add_entry(a.actor, carer, "samtal", {"note": HERE})
    a.repo.timeline(a.actor, carer)  # a read: a row in a's access log, pushed at the sync
    a.sync(), b.sync()
    b.repo.timeline(b.actor, carer)
    elsewhere = b.repo.add_entry(b.actor, carer, "samtal", {"note": ONLY_ON_SERVER})
    b.sync()  # the server has it; laptop a has not pulled it yet

    local_rows = a.repo.db.reader().execute(
        "SELECT count(*) FROM access_log WHERE person_id = ?", (carer,)).fetchone()[0]
    draft = produce_extract(a.repo, a.actor, carer, now=datetime.now(UTC), gdpr=gdpr_texts("sv"), language="sv")
    assert draft.document["scope"] == "this_laptop"
    add_server_part(a.repo, draft, a.client.register_extract(carer))
    doc = draft.document
    assert doc["scope"] == "laptop_and_server"
    records = {(r["entity"], r["id"]): r for r in doc["server"]["records"]}
    assert records[("entry", elsewhere)]["on_this_laptop"] is False
    assert records[("entry", elsewhere)]["fields"]["data"] == {"note": ONLY_ON_SERVER}
    assert records[("carer", carer)]["on_this_laptop"] is True
    sources = [row["source"] for row in doc["access"]]
    assert sources[0] == "this_laptop" and "server" in sources and "laptop" in sources  # b's pushed rows
    # the server's copy of this laptop's own pushed rows is not repeated
    assert sources.count("this_laptop") == local_rows >= 1

    released = release_extract(a.repo, a.actor, draft, municipality=load_municipality(example_municipality_path()))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(released.document)
    text = " ".join(text_of(released.pdf, tmp_path).split())
    assert ONLY_ON_SERVER in text and HERE in text
    assert "Bara på servern" in text and "det som servern har sparat om dig" in text
    assert "bara finns på servern eller hos andra" not in text  # not the laptop-only sentence
    # the ask is in the server's log, as the carer's unit
    asks = [r for r in world.server.store.access_log(carer) if r["action"] == "register_extract"]
    assert [r["outcome"] for r in asks] == ["ok"]
