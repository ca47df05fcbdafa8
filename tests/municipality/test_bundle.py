"""The municipality bundle in the core (docs/MUNICIPALITY.md): what travels is checked file by
file against the manifest and the manifest against the sha256; the laptop keeps every version
and leaves out one whose stored content no longer matches; the registry is built-in, then the
municipality's forms, then the unit's own, with older versions findable."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from anhorigdesk.municipality.bundle import (
    BundleError,
    check,
    pack,
    read_folder,
    unpack,
    validate_folder,
)
from anhorigdesk.municipality.material import build_registry, checked
from anhorigdesk.municipality.storage import kept_bundles, newest_version, save_bundle
from anhorigdesk.store.database import Database
from anhorigdesk.store.repository import Repository

from .bundles import FIRST_ITEM_SV, make_bundle


def test_unpack_refuses_a_changed_file_or_manifest(tmp_path: Path) -> None:
    bundle = read_folder(make_bundle(tmp_path / "b", unit_id="u1"))
    packed = pack(bundle)
    assert unpack(packed, bundle.sha256).files == bundle.files
    changed = {**packed, "files": {**packed["files"],
                                   "forms/samtal.yaml": base64.b64encode(b"id: x\n").decode()}}
    with pytest.raises(BundleError, match=re.escape("forms/samtal.yaml:1: -: sha256 differs from the manifest")):
        unpack(changed, bundle.sha256)
    with pytest.raises(BundleError, match=re.escape("the bundle's sha256 differs from the one announced")):
        unpack(packed, "0" * 64)
    sneaky = {**packed, "files": {**packed["files"], "../evil.yaml": packed["files"]["forms/samtal.yaml"]},
              "manifest": {**packed["manifest"], "../evil.yaml": packed["manifest"]["forms/samtal.yaml"]}}
    with pytest.raises(BundleError, match=r"\.\./evil\.yaml:1: -: not part of a bundle"):
        unpack(sneaky)


def test_a_bundle_needs_its_municipality_file_and_logo_inside(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path / "b")
    (folder / "municipality.yaml").unlink()
    with pytest.raises(BundleError, match=re.escape("municipality.yaml:1: -: missing")):
        validate_folder(folder)
    folder = make_bundle(tmp_path / "c")
    text = (folder / "municipality.yaml").read_text("utf-8")
    (folder / "municipality.yaml").write_text(text.replace("logo: exempelby-logo.png", "logo: ../logo.png"), "utf-8")
    (tmp_path / "logo.png").write_bytes((folder / "exempelby-logo.png").read_bytes())
    with pytest.raises(BundleError) as refused:
        validate_folder(folder)
    assert [(p.file, p.field) for p in refused.value.problems] == [("municipality.yaml", "logo")]
    assert refused.value.problems[0].line == next(
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith("logo:"))


def test_the_laptop_keeps_every_version_and_builds_the_registry(tmp_path: Path) -> None:
    db = Database(tmp_path / "laptop.db", b"k" * 32, create=True)
    repo = Repository(db)
    try:
        first = read_folder(make_bundle(tmp_path / "v1", unit_id="u1", version=2, first_item="Första egna"))
        second = read_folder(make_bundle(tmp_path / "v2", unit_id="u1", version=3, first_item="Andra egna"))
        assert newest_version(db.reader()) is None
        assert repo.apply_remote(lambda conn: save_bundle(conn, 1, first, "2026-12-07T10:00:00+00:00"))
        assert repo.apply_remote(lambda conn: save_bundle(conn, 2, second, "2026-12-07T11:00:00+00:00"))
        assert not repo.apply_remote(lambda conn: save_bundle(conn, 2, second, "2026-12-07T12:00:00+00:00"))
        assert newest_version(db.reader()) == 2
        kept = kept_bundles(db.reader())
        assert [v for v, _ in kept] == [1, 2]

        unit = build_registry(checked(kept), "u1")
        assert (unit.current("korttid").version, unit.origin("korttid"), unit.material_version) == (3, "unit", 2)
        assert [d.version for d in unit.versions("korttid")] == [1, 2, 3]
        assert unit.get("korttid", 2).sections[1].questions[0].text.get("sv") == "Första egna"
        other = build_registry(checked(kept), "u2")
        assert other.origin("korttid") == "builtin" and other.origin("samtal") == "municipality"
        assert other.current("korttid").sections[1].questions[0].text.get("sv") == FIRST_ITEM_SV
        assert build_registry([], "u1").is_example

        # a kept version is never changed ...
        with pytest.raises(Exception, match="append-only"):
            repo.apply_remote(lambda conn: conn.execute("UPDATE municipality_bundles SET sha256 = 'x' WHERE version = 2"))
        # ... and one whose content no longer matches its sha256 (changed behind the
        # program's back) is left out: the one before it is used
        repo.apply_remote(lambda conn: conn.execute("DROP TRIGGER municipality_bundles_no_update"))
        repo.apply_remote(lambda conn: conn.execute("UPDATE municipality_bundles SET sha256 = ? WHERE version = 2",
                                                   ("0" * 64,)))
        assert [v for v, _ in kept_bundles(db.reader())] == [1]
        assert build_registry(checked(kept_bundles(db.reader())), "u1").current("korttid").version == 2
    finally:
        db.close()


def test_check_without_a_folder_checks_forms_and_texts(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path / "b", unit_id="u1")
    (folder / "printing" / "fi.yaml").write_text("language: {code: sv}\n", "utf-8")
    with pytest.raises(BundleError) as refused:
        check(read_folder(folder), None)
    fields = {p.field for p in refused.value.problems}
    assert "language.code" in fields and "dates.months" in fields and "page.number" in fields
    assert all(p.file == "printing/fi.yaml" for p in refused.value.problems)


def test_the_sync_step_keeps_only_bundles_that_pass(tmp_path: Path) -> None:
    from anhorigdesk.sync.municipality import receive_material

    db = Database(tmp_path / "laptop.db", b"k" * 32, create=True)
    repo = Repository(db)
    try:
        good = read_folder(make_bundle(tmp_path / "good", unit_id="u1"))
        bad_folder = make_bundle(tmp_path / "bad", unit_id="u1")
        own = bad_folder / "units" / "u1" / "forms" / "korttid.yaml"
        own.write_text(own.read_text("utf-8").replace("kind: checklist_item", "kind: checklist", 1), "utf-8")
        bad = read_folder(bad_folder)  # as if the server had stored what it should have refused
        served = {1: {"version": 1, **pack(good)}, 2: {"version": 2, **pack(bad)}}
        tampered = {**pack(good), "sha256": "0" * 64}
        asked: list[int] = []

        def fetch(version: int) -> dict:
            asked.append(version)
            return served[version]

        assert receive_material(repo, fetch, None) == [] and asked == []
        assert receive_material(repo, fetch, 2) == [1] and asked == [1, 2]
        assert newest_version(db.reader()) == 1
        assert receive_material(repo, lambda v: tampered, 2) == []  # version 2 asked again: refused
        assert receive_material(repo, fetch, 1) == []  # nothing newer: nothing asked
        assert asked == [1, 2]
        assert [v for v, _ in kept_bundles(db.reader())] == [1]
    finally:
        db.close()


def test_printouts_use_the_bundles_handout_texts_and_logo(tmp_path: Path) -> None:
    """A language the program does not ship: the bundle's texts are accepted at publishing and
    printed with on the laptop; the municipality file and logo are the bundle's; closing the
    workspace puts the shipped texts back."""
    import subprocess

    from anhorigdesk.printing import (
        available_languages,
        load_municipality,
        render_information_handout,
    )
    from anhorigdesk.store.repository import Actor
    from anhorigdesk.workspace import Workspace

    from .bundles import add_language

    folder = make_bundle(tmp_path / "b")
    add_language(folder, "so", "Soomaali", "Bogga {page}/{total}")
    material = validate_folder(folder)  # what `admin publish` checks
    assert "so" in material.municipality.languages and "so" not in available_languages()
    db = Database(tmp_path / "laptop.db", b"k" * 32, create=True)
    repo = Repository(db)
    workspace = Workspace(profile_name="p", repository=repo, actor=Actor(staff_id="s", unit_id="u1", name="S"),
                          material_dir=tmp_path / "material", closer=db.close)
    try:
        assert workspace.printing_municipality().name == "example.yaml"  # nothing received yet
        repo.apply_remote(lambda conn: save_bundle(conn, 1, material.bundle, "2026-12-07T10:00:00+00:00"))
        path = workspace.printing_municipality()
        assert path == tmp_path / "material" / "1" / "municipality.yaml"
        municipality = load_municipality(path)
        assert municipality.logo == (tmp_path / "material" / "1" / "exempelby-logo.png").resolve()
        assert "so" in available_languages() and municipality.language_for("so") == "so"
        target = tmp_path / "so.pdf"
        render_information_handout(municipality, "so", path=target)
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Bogga 1/" in text and "Page 1 of" not in text
    finally:
        workspace.close()
    assert "so" not in available_languages()
