"""Publishing the municipality's material (issue #15 §2, docs/PROTOCOL-3.md part G) on
SQLite and PostgreSQL: ``admin publish DIR`` checks with the app's own loaders, names every
problem by file, line and field, stores a version in one transaction or nothing at all; the
newest version is named by ``hello`` and served to signed-in protocol-3 laptops only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from anhorigdesk.municipality.bundle import unpack
from anhorigdesk.server.__main__ import main
from anhorigdesk.server.store import AdminError
from anhorigdesk.sync.protocol import ProtocolVersionError, RequestRejected
from tests.municipality.bundles import make_bundle

from .conftest import Harness


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _rows(harness: Harness) -> list[tuple[int, str]]:
    with harness.store.db.transaction() as tx:
        return [(int(v), s) for v, s in tx.all("SELECT version, sha256 FROM municipality_bundles ORDER BY version")]


def test_published_version_is_named_by_hello_and_served_to_protocol_3(harness: Harness, tmp_path: Path) -> None:
    unit = harness.unit("Korttiden Solgläntan")
    account = harness.user("kim", [unit])
    client = harness.logged_in(account)
    assert client.hello()["municipality_version"] is None
    folder = make_bundle(tmp_path / "bundle", unit_id=unit)

    published = harness.store.publish_bundle(folder, by="admin")
    assert published["version"] == 1 and published["unchanged"] is False and published["files"] == 5
    assert client.hello()["municipality_version"] == 1

    body = client.municipality(1)
    bundle = unpack(body, body["sha256"])
    assert bundle.sha256 == published["sha256"] == body["sha256"]
    assert sorted(bundle.files) == ["exempelby-logo.png", "forms/samtal.yaml", "municipality.yaml",
                                    "printing/fi.yaml", f"units/{unit}/forms/korttid.yaml"]
    assert bundle.files["exempelby-logo.png"] == (folder / "exempelby-logo.png").read_bytes()
    raw = harness.raw()
    token = client.token_store.load().access_token
    answer = raw.get("/v1/municipality/1", headers={"X-AnhorigDesk-Protocol": "3",
                                                    "Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.headers["etag"] == f'"{published["sha256"]}"'
    # not signed in: refused
    assert raw.get("/v1/municipality/1", headers={"X-AnhorigDesk-Protocol": "3"}).status_code == 401
    # a version never published
    with pytest.raises(RequestRejected) as missing:
        client.municipality(2)
    assert missing.value.status == 404
    # a protocol-2 laptop never asks; if it did, 426
    client.protocol_version = 2
    client._http.headers["X-AnhorigDesk-Protocol"] = "2"
    assert client.hello()["protocol_max"] == 3
    with pytest.raises(ProtocolVersionError):
        client.municipality(1)

    # the same bundle again is not a new version; a changed one is
    assert harness.store.publish_bundle(folder, by="admin")["unchanged"] is True
    (folder / "units" / unit / "forms" / "korttid.yaml").write_text(
        (folder / "units" / unit / "forms" / "korttid.yaml").read_text("utf-8").replace("version: 2", "version: 3", 1),
        "utf-8")
    assert harness.store.publish_bundle(folder, by="admin")["version"] == 2
    assert [b["version"] for b in harness.store.list_bundles()] == [1, 2]


def test_every_problem_names_file_line_and_field(harness: Harness, tmp_path: Path) -> None:
    folder = make_bundle(tmp_path / "bundle", unit_id="korttiden-1")
    samtal = folder / "forms" / "samtal.yaml"
    text = samtal.read_text("utf-8")
    kind_line = _line_of(samtal, "kind: long_text")
    samtal.write_text(text.replace("kind: long_text", "kind: very_long_text", 1), "utf-8")
    municipality = folder / "municipality.yaml"
    phone_line = _line_of(municipality, "    phone:")
    municipality.write_text(municipality.read_text("utf-8").replace("    phone:", "    phon:", 1), "utf-8")
    fi = folder / "printing" / "fi.yaml"
    page_line = _line_of(fi, "Sivu {page}")
    fi.write_text(fi.read_text("utf-8").replace("Sivu {page}", "Sivu {sivu}", 1), "utf-8")
    own = folder / "units" / "korttiden-1" / "forms" / "korttid.yaml"
    (own.parent / "second.yaml").write_text(own.read_text("utf-8"), "utf-8")  # the same id twice
    (folder / "notes.txt").write_text("a stray file", "utf-8")

    with pytest.raises(AdminError) as refused:
        harness.store.publish_bundle(folder, by="admin")
    # a stray file stops the reading: nothing else is checked until it is gone
    assert "notes.txt:1: -: not part of a bundle" in str(refused.value)
    (folder / "notes.txt").unlink()
    with pytest.raises(AdminError) as refused:
        harness.store.publish_bundle(folder, by="admin")
    lines = str(refused.value).splitlines()
    assert lines[0].endswith("nothing published, 4 problem(s):")
    problems = lines[1:]
    assert any(p.startswith(f"municipality.yaml:{phone_line}: contacts[0].phon: unknown field") for p in problems), problems
    assert any(p.startswith(f"forms/samtal.yaml:{kind_line}: ") and ".kind: " in p and "very_long_text" in p
               for p in problems), problems
    assert f"printing/fi.yaml:{page_line}: page.number: placeholders differ from the Swedish text " \
           "(expected: {page}, {total})" in problems
    assert "units/korttiden-1/forms/second.yaml:1: id: 'korttid' is also the id of " \
           "units/korttiden-1/forms/korttid.yaml" in problems
    assert _rows(harness) == []
    assert harness.store.municipality_version() is None


def test_a_failing_bundle_publishes_nothing(harness: Harness, tmp_path: Path) -> None:
    good = make_bundle(tmp_path / "good", unit_id="korttiden-1")
    first = harness.store.publish_bundle(good, by="admin")
    bad = make_bundle(tmp_path / "bad", unit_id="korttiden-1", version=3, first_item="Ny rutin")
    own = bad / "units" / "korttiden-1" / "forms" / "korttid.yaml"
    own.write_text(own.read_text("utf-8").replace("kind: checklist_item", "kind: checklist", 1), "utf-8")
    with pytest.raises(AdminError, match=re.escape("units/korttiden-1/forms/korttid.yaml:")):
        harness.store.publish_bundle(bad, by="admin")
    assert _rows(harness) == [(1, first["sha256"])]
    assert harness.store.municipality_version() == 1
    # a version is never changed or deleted
    with pytest.raises(Exception, match="append-only"), harness.store.db.transaction(write=True) as tx:
        tx.execute("UPDATE municipality_bundles SET sha256 = 'x'")
    with pytest.raises(Exception, match="append-only"), harness.store.db.transaction(write=True) as tx:
        tx.execute("DELETE FROM municipality_bundles")
    assert _rows(harness) == [(1, first["sha256"])]


def test_admin_publish_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    folder = make_bundle(tmp_path / "bundle", unit_id="korttiden-1")
    assert main(["admin", "publish", str(folder), "--by", "Ada Admin", "--database-url", url]) == 0
    published = json.loads(capsys.readouterr().out)
    assert published["version"] == 1 and published["unchanged"] is False
    municipality = folder / "municipality.yaml"
    municipality.write_text(municipality.read_text("utf-8").replace("format: 1", "format: 9", 1), "utf-8")
    assert main(["admin", "publish", str(folder), "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert "nothing published, 1 problem(s)" in err
    assert f"municipality.yaml:{_line_of(municipality, 'format: 9')}: format: expected 1, got 9" in err
    assert main(["admin", "list-bundles", "--database-url", url]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(b["version"], b["published_by"]) for b in listed] == [(1, "Ada Admin")]
