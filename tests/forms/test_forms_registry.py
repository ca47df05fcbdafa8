"""The registry: built-in and municipality forms, and versions kept for old responses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from anhorigdesk.forms import (
    FormDefinitionError,
    FormRegistry,
    builtin_forms_dir,
    canonical_json,
    definition_from_json,
    fingerprint_of,
    load_form_file,
    raised_flags,
    validate_answers,
    visible_questions,
)

BROKEN = Path(__file__).parent / "broken"


def make_v2(tmp_path: Path) -> Path:
    """A municipality's version 2 of the voluntariness check-in: one question reworded,
    one question removed, the interval shortened."""
    text = (builtin_forms_dir() / "frivillighet.yaml").read_text(encoding="utf-8")
    text = text.replace("version: 1", "version: 2")
    text = text.replace("interval_months: 6", "interval_months: 3")
    text = text.replace("Hur tungt känns ansvaret just nu?", "Hur tungt är det för dig i dag?")
    start = text.index("      - id: changes_since_last")
    end = text.index("  - id: wishes")
    text = text[:start] + "\n" + text[end:]
    folder = tmp_path / "kommun"
    folder.mkdir(exist_ok=True)
    (folder / "frivillighet.yaml").write_text(text, encoding="utf-8")
    return folder


def test_registry_loads_every_builtin_form(registry: FormRegistry) -> None:
    assert [d.id for d in registry.forms()] == ["frivillighet", "korttid", "samtal", "stodplan"]
    assert registry.problems == []
    assert "stodplan" in registry and len(registry) == 4
    assert [d.id for d in registry.by_entry_kind("korttid")] == ["korttid"]


def test_municipality_adds_and_overrides(tmp_path: Path) -> None:
    folder = make_v2(tmp_path)
    own = (builtin_forms_dir() / "samtal.yaml").read_text(encoding="utf-8")
    (folder / "hembesok.yaml").write_text(own.replace("id: samtal", "id: hembesok"), encoding="utf-8")
    registry = FormRegistry.load(municipality_dir=folder)
    assert registry.problems == []
    assert registry.current("frivillighet").version == 2
    assert registry.builtin("frivillighet").version == 1
    assert registry.current("hembesok").title.get("sv") == "Samtalsanteckning"
    assert [d.version for d in registry.versions("frivillighet")] == [1, 2]


def test_bad_municipality_form_is_reported_and_builtin_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "kommun"
    folder.mkdir()
    broken = (builtin_forms_dir() / "frivillighet.yaml").read_text(encoding="utf-8")
    broken = broken.replace("version: 1", "version: 2").replace("kind: scale", "kind: slider")
    (folder / "frivillighet.yaml").write_text(broken, encoding="utf-8")
    shutil.copy(BROKEN / "invalid_yaml.yaml", folder / "invalid_yaml.yaml")
    registry = FormRegistry.load(municipality_dir=folder)
    assert registry.current("frivillighet").version == 1
    assert [(Path(p.file).name, p.message.key) for p in registry.problems] == [
        ("frivillighet.yaml", "unknown_kind"), ("invalid_yaml.yaml", "invalid_yaml")]
    [kind_problem, _] = registry.problems
    assert kind_problem.path_text.endswith(".kind")
    assert "slider" in kind_problem.text("en") and "slider" in kind_problem.text("sv")


def test_missing_municipality_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    registry = FormRegistry.load(municipality_dir=tmp_path / "nowhere")
    assert len(registry) == 4
    assert [p.message.key for p in registry.problems] == ["municipality_folder_missing"]


def test_bad_builtin_form_raises(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "unknown_kind.yaml", tmp_path / "unknown_kind.yaml")
    with pytest.raises(FormDefinitionError):
        FormRegistry.load(builtin_dir=tmp_path)


def test_canonical_json_round_trip(registry: FormRegistry) -> None:
    for definition in registry.forms():
        canonical = canonical_json(definition)
        again = definition_from_json(canonical)
        assert again == definition
        assert again.fingerprint == definition.fingerprint == fingerprint_of(definition)
        assert canonical_json(again) == canonical
        assert json.loads(canonical)["id"] == definition.id


def test_fingerprint_ignores_layout_but_not_content(tmp_path: Path) -> None:
    source = builtin_forms_dir() / "samtal.yaml"
    original = load_form_file(source)
    text = source.read_text(encoding="utf-8")
    relaid = tmp_path / "samtal.yaml"
    relaid.write_text("# a comment on top\n" + text.replace("  sv: Samtalsanteckning\n",
                                                              "  sv: 'Samtalsanteckning'\n"), encoding="utf-8")
    assert load_form_file(relaid).fingerprint == original.fingerprint
    relaid.write_text(text.replace("sv: Datum\n", "sv: Dag\n"), encoding="utf-8")
    assert load_form_file(relaid).fingerprint != original.fingerprint


def test_broken_stored_json_is_rejected() -> None:
    with pytest.raises(FormDefinitionError) as caught:
        definition_from_json("{not json")
    assert caught.value.message.key == "invalid_json"
    with pytest.raises(FormDefinitionError) as caught:
        definition_from_json('{"id": "x", "version": 1}')
    assert caught.value.message.key == "missing_field"


def test_response_made_with_version_1_opens_unchanged_after_version_2(tmp_path: Path) -> None:
    # On the day of the check-in, version 1 is current; the response stores id, version,
    # fingerprint and the store keeps the canonical JSON.
    day_one = FormRegistry.load()
    v1 = day_one.current("frivillighet")
    stored = day_one.stored_version(v1)
    answers = {"check_in_date": "2026-05-04", "still_own_choice": "yes", "burden_now": 4,
               "changes_since_last": "Färre nätter med oro.", "wants_to_reduce": "no"}
    response = {"form_id": v1.id, "form_version": v1.version, "form_fingerprint": v1.fingerprint,
                "answers": answers}
    shown_then = [(q.id, q.text.get("sv")) for q in visible_questions(v1, answers)]
    flags_then = [f.flag_id for f in raised_flags(v1, answers)]

    # Later the municipality replaces it with version 2 (question removed, text changed);
    # the application starts again and feeds the stored versions back from the store.
    later = FormRegistry.load(municipality_dir=make_v2(tmp_path))
    assert later.current("frivillighet").version == 2
    later.add_stored(stored.canonical_json)

    reopened = later.get(response["form_id"], response["form_version"], response["form_fingerprint"])
    assert reopened == v1 and reopened.version == 1
    assert [(q.id, q.text.get("sv")) for q in visible_questions(reopened, answers)] == shown_then
    assert validate_answers(reopened, answers, final=True) == []
    assert [f.flag_id for f in raised_flags(reopened, answers)] == flags_then
    # the current version would not hold the removed question's answer
    v2 = later.current("frivillighet")
    assert [p.question_id for p in validate_answers(v2, answers, final=False)] == ["changes_since_last"]
    assert v2.question("burden_now").text.get("sv") == "Hur tungt är det för dig i dag?"


def test_get_by_version_and_fingerprint(tmp_path: Path) -> None:
    registry = FormRegistry.load(municipality_dir=make_v2(tmp_path))
    v1, v2 = registry.versions("frivillighet")
    assert registry.get("frivillighet") is v2
    assert registry.get("frivillighet", 1) is v1
    assert registry.get("frivillighet", 2, v2.fingerprint) is v2
    assert registry.get("frivillighet", fingerprint=v1.fingerprint) is v1
    with pytest.raises(KeyError):
        registry.get("frivillighet", 3)
    with pytest.raises(KeyError):
        registry.get("frivillighet", 2, v1.fingerprint)
    with pytest.raises(KeyError):
        registry.get("nothing_here")


def test_a_fresh_registry_finds_only_what_it_was_fed() -> None:
    registry = FormRegistry()
    definition = load_form_file(builtin_forms_dir() / "korttid.yaml")
    with pytest.raises(KeyError):
        registry.get("korttid", 1, definition.fingerprint)
    registry.add_stored_many([canonical_json(definition)])
    assert registry.get("korttid", 1, definition.fingerprint) == definition


def test_installed_layout_finds_forms_in_package_data(tmp_path: Path) -> None:
    """In a wheel, `forms/` is force-included as `anhorigdesk/_data/forms`."""
    import subprocess
    import sys

    import anhorigdesk
    from anhorigdesk.paths import resources_dir

    site = tmp_path / "site"
    package = site / "anhorigdesk"
    shutil.copytree(Path(anhorigdesk.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__", "ui"))
    shutil.copytree(builtin_forms_dir(), package / "_data" / "forms")
    # a wheel force-includes resources/ too: the forms' messages are its gettext catalogues
    shutil.copytree(resources_dir(), package / "_data" / "resources")
    code = ("import anhorigdesk.forms as f; r = f.FormRegistry.load(); "
            "print(f.builtin_forms_dir()); print(len(r))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site)}, check=True).stdout.split()
    assert out == [str(package / "_data" / "forms"), "4"]


def test_stored_rows_are_found_by_the_fingerprint_stored_with_them() -> None:
    """A later program might canonicalise differently; the stored fingerprint still finds it."""
    definition = load_form_file(builtin_forms_dir() / "samtal.yaml")
    row = {"fingerprint": "0" * 64, "form_id": "samtal", "version": 1,
           "definition": canonical_json(definition)}
    registry = FormRegistry()
    registry.add_stored_many([row])
    found = registry.get("samtal", 1, "0" * 64)
    assert found == definition
    assert found.fingerprint == "0" * 64


def test_municipality_yml_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "kommun"
    folder.mkdir()
    text = (builtin_forms_dir() / "samtal.yaml").read_text(encoding="utf-8")
    (folder / "egen.yml").write_text(text.replace("id: samtal", "id: egen"), encoding="utf-8")
    (folder / "LASMIG.md").write_text("inte ett formulär", encoding="utf-8")
    registry = FormRegistry.load(municipality_dir=folder)
    assert "egen" in registry and registry.problems == []
