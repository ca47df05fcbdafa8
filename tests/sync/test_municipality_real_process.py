"""The municipality's material through a real ``anhorigdesk-server`` process (issue #15 §2,
docs/PROTOCOL-3.md part G): an administrator publishes with the real admin command, a
short-term unit's laptop receives the bundle at sync and its korttid checklist, printed list
and editors use the unit's own form; every version is kept, so an answer made with an older
version opens with it; a protocol-2 laptop syncs as before and never asks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from anhorigdesk.municipality.storage import newest_version
from anhorigdesk.printing import load_municipality, render_short_term_list
from anhorigdesk.server.models import PROTOCOL_HEADER
from anhorigdesk.store.repository import Actor
from anhorigdesk.sync.engine import RetryPolicy
from anhorigdesk.workspace import Workspace
from anhorigdesk.workspace import short_term as short_term_rules
from tests.municipality.bundles import FIRST_ITEM_SV, make_bundle
from tests.server.test_real_process import ServerProcess

from .conftest import PASSWORD, Laptop, Server, World

V2_ITEM = "Vi på Solgläntan hälsar dig välkommen med kaffe och ett samtal."
V3_ITEM = "Vi på Solgläntan ringer dig dagen innan vistelsen börjar."


@pytest.fixture
def town(tmp_path: Path) -> Iterator[dict[str, Any]]:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    server = Server(data_dir / "server.db")
    support, short = (server.store.create_unit(n) for n in ("Anhörigstöd", "Korttiden Solgläntan"))
    world = World(server=server, unit=support, tmp=tmp_path)
    process = ServerProcess(data_dir)
    retry = RetryPolicy(attempts=2, sleep=lambda s: None)

    def laptop(name: str, unit: str) -> Laptop:
        world._users[name] = server.store.create_user(name, PASSWORD, [unit], "care_worker")
        made = world.laptop(name, user=name, transport=httpx.HTTPTransport(), base_url=process.url, retry=retry)
        made.actor = Actor(staff_id=world._users[name], unit_id=unit, name=name)
        return made

    def publish(folder: Path) -> subprocess.CompletedProcess[str]:
        """The real admin command against the running server's database."""
        return subprocess.run(
            [sys.executable, "-m", "anhorigdesk.server", "admin", "publish", str(folder),
             "--by", "Ada Admin", "--data-dir", str(data_dir)],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""})

    yield {"laptop": laptop, "units": (support, short), "publish": publish, "tmp": tmp_path}
    process.stop()
    world.close()


def _workspace(laptop: Laptop, tmp: Path) -> Workspace:
    return Workspace(profile_name=laptop.name, repository=laptop.repo, actor=laptop.actor,
                     material_dir=tmp / f"{laptop.name}-material")


def _first_item(form: Any) -> str:
    return short_term_rules.checklist_items(form)[0].text.get("sv")


def _pdf_text(pdf: bytes, tmp: Path) -> str:
    target = tmp / "list.pdf"
    target.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_a_short_term_laptop_uses_its_units_published_checklist(town: dict[str, Any]) -> None:
    support, short = town["units"]
    tmp = town["tmp"]
    kurt, sara = town["laptop"]("kurt", short), town["laptop"]("sara", support)

    # nothing published: the example material, marked as such
    assert kurt.sync().material == []
    before = _workspace(kurt, tmp).form_registry()
    assert before.is_example and before.origin("korttid") == "builtin"
    assert _first_item(before.current("korttid")) == FIRST_ITEM_SV

    first = town["publish"](make_bundle(tmp / "bundle-1", unit_id=short, version=2, first_item=V2_ITEM))
    assert first.returncode == 0, first.stderr
    assert kurt.sync().material == [1]
    workspace = _workspace(kurt, tmp)
    registry = workspace.form_registry()
    form = registry.current("korttid")
    assert (form.version, registry.origin("korttid"), registry.material_version) == (2, "unit", 1)
    assert not registry.is_example and _first_item(form) == V2_ITEM
    # the support unit's laptop gets the same bundle, and its korttid is not the unit's own
    assert sara.sync().material == [1]
    other = _workspace(sara, tmp).form_registry()
    assert other.origin("korttid") == "builtin" and other.origin("samtal") == "municipality"
    assert _first_item(other.current("korttid")) == FIRST_ITEM_SV
    assert workspace.unit_form("korttid", support).version == 1

    # the korttid view's rules and the printed list use the unit's own form
    carer = kurt.repo.create_carer(kurt.actor, name="Vera Exempelsson", unit_ids=[short])
    entry = workspace.finish_response(form, carer, {"stay_start": "2026-12-01",
                                                     "welcome_talk": {"status": "done", "comment": ""}},
                                      now=None)
    stays = workspace.short_term_stays(form)
    assert [s.carer_name for s in stays] == ["Vera Exempelsson"]
    municipality_path = workspace.municipality_file()
    assert municipality_path is not None and municipality_path.parent == tmp / "kurt-material" / "1"
    pdf = render_short_term_list(form, load_municipality(municipality_path), "sv", unit_name="Korttiden Solgläntan")
    assert V2_ITEM in _pdf_text(pdf, tmp) and FIRST_ITEM_SV not in _pdf_text(pdf, tmp)

    # a new version: used from the next sync; the old answer opens with the form it was made with
    second = town["publish"](make_bundle(tmp / "bundle-2", unit_id=short, version=3, first_item=V3_ITEM))
    assert second.returncode == 0, second.stderr
    assert kurt.sync().material == [2]
    registry = workspace.form_registry(reload=True)
    assert registry.current("korttid").version == 3 and _first_item(registry.current("korttid")) == V3_ITEM
    stored = next(e for e in kurt.repo.timeline(kurt.actor, carer) if e["id"] == entry)
    old = workspace.open_response(stored)
    assert (old.version, _first_item(old)) == (2, V2_ITEM)
    # a fresh laptop of the unit gets every version, so the old answer opens there too
    kurt2 = town["laptop"]("kurt2", short)
    assert kurt2.sync().material == [1, 2]
    fresh = _workspace(kurt2, tmp)
    assert [v.version for v in fresh.form_registry().versions("korttid")] == [1, 2, 3]
    assert kurt.db.reader().execute("SELECT version FROM municipality_bundles ORDER BY version").fetchall() == [(1,), (2,)]


def test_a_refused_bundle_is_not_published_and_laptops_keep_theirs(town: dict[str, Any]) -> None:
    _support, short = town["units"]
    tmp = town["tmp"]
    kurt = town["laptop"]("kurt", short)
    assert town["publish"](make_bundle(tmp / "ok", unit_id=short, first_item=V2_ITEM)).returncode == 0
    kurt.sync()
    bad = make_bundle(tmp / "bad", unit_id=short, version=3, first_item=V3_ITEM)
    own = bad / "units" / short / "forms" / "korttid.yaml"
    own.write_text(own.read_text("utf-8").replace("kind: checklist_item", "kind: checklist", 1), "utf-8")
    refused = town["publish"](bad)
    assert refused.returncode == 2
    assert f"units/{short}/forms/korttid.yaml:" in refused.stderr and "nothing published" in refused.stderr
    assert kurt.sync().material == []
    assert newest_version(kurt.db.reader()) == 1
    assert _first_item(_workspace(kurt, tmp).form_registry().current("korttid")) == V2_ITEM


def test_a_protocol_2_laptop_syncs_as_before_and_never_asks(town: dict[str, Any]) -> None:
    support, short = town["units"]
    tmp = town["tmp"]
    assert town["publish"](make_bundle(tmp / "bundle", unit_id=short, first_item=V2_ITEM)).returncode == 0
    olle = town["laptop"]("olle", short)
    olle.client.protocol_version = 2
    olle.client._http.headers[PROTOCOL_HEADER] = "2"
    sara = town["laptop"]("sara", support)
    carer = sara.repo.create_carer(sara.actor, name="Hedda Prov", unit_ids=[support, short])
    sara.sync()
    report = olle.sync()
    assert report.material == [] and report.applied >= 1
    assert olle.db.reader().execute("SELECT id FROM carers").fetchall() == [(carer,)]
    assert newest_version(olle.db.reader()) is None
    assert _workspace(olle, tmp).form_registry().is_example
