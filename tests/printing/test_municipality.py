"""The municipality file: the shipped example is complete and fictional; bad files name the field."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from anhorigdesk.printing import (
    Municipality,
    MunicipalityConfigError,
    example_municipality_path,
    load_municipality,
)


def _example_data() -> dict[str, Any]:
    return yaml.safe_load(example_municipality_path().read_text(encoding="utf-8"))


def test_example_is_complete(municipality: Municipality) -> None:
    assert municipality.fictional is True
    assert municipality.languages == ("sv", "en", "sv-lattlast", "fi", "ar")
    assert municipality.name.get("sv") == "Exempelby kommun"
    assert municipality.logo is not None and municipality.logo.is_file()
    ids = [o.id for o in municipality.offers]
    # counselling, carer groups, respite and how to ask, education, the consultant
    assert {"samtal", "grupper", "avlosning", "utbildning", "konsulent"} <= set(ids)
    respite = next(o for o in municipality.offers if o.id == "avlosning")
    assert respite.how_to_ask is not None
    for lang in municipality.languages:
        assert respite.how_to_ask.get(lang)
    assert any(c.address for c in municipality.contacts)
    assert any(c.web for c in municipality.contacts)
    assert all(c.phone or c.email or c.web or c.address for c in municipality.contacts)


def test_example_uses_only_fictional_numbers_and_addresses() -> None:
    text = example_municipality_path().read_text(encoding="utf-8")
    data = _example_data()
    phones = [c["phone"] for c in data["contacts"] if "phone" in c]
    assert phones
    for phone in phones:
        digits = re.sub(r"\D", "", phone)
        # PTS keeps 070-1740605 … 070-1740699 for use in fiction
        assert 701740605 <= int(digits) <= 701740699, phone
    for address in re.findall(r"[\w.-]+@[\w.-]+|https?://[^\s]+", text):
        assert "example.org" in address, address


def _write(tmp_path: Path, data: Any, name: str = "kommun.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    logo = example_municipality_path().with_name("exempelby-logo.png")
    (tmp_path / "exempelby-logo.png").write_bytes(logo.read_bytes())
    return path


def _drop(path: tuple[Any, ...]):
    def change(d: dict[str, Any]) -> None:
        node = d
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


def _set(path: tuple[Any, ...], value: Any):
    def change(d: dict[str, Any]) -> None:
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


BAD_FILES = [
    (_drop(("offers", 2, "title", "sv")), "offers[2].title.sv: missing"),
    (_drop(("name", "en")), "name.en: missing"),
    (_drop(("contacts",)), "contacts: missing"),
    (_set(("offers",), {"samtal": "x"}), "offers: expected a non-empty list, got a mapping"),
    (_set(("offers", 1, "description", "en"), "  "), "offers[1].description.en: empty"),
    (_set(("offers", 0, "title", "so"), "Taageero"),
     "offers[0].title.so: language not listed under `languages`"),
    (_set(("offers", 3, "id"), "samtal"), "offers[3].id: 'samtal' used twice"),
    (_set(("offers", 0, "titel"), {"sv": "x"}), "offers[0].titel: unknown field"),
    (_set(("languages",), ["en", "sv-lattlast"]), "languages: must include 'sv'"),
    (_set(("languages",), ["sv", "en", "sv-lattlast", "fi", "ar", "so"]),
     "languages[5]: no document texts for 'so'"),
    (_set(("contacts", 0), {"title": {"sv": "A", "en": "A", "sv-lattlast": "A"}}),
     "contacts[0]: needs at least one of phone, email, web, address"),
    (_set(("contacts", 0, "email"), "anhorigstod.example.org"),
     "contacts[0].email: not an e-mail address"),
    (_set(("contacts", 2, "web"), "www.exempelby.example.org"),
     "contacts[2].web: must start with https:// or http://"),
    (_set(("logo",), "saknas.png"), "logo: file not found"),
    (_set(("logo",), "logo.svg"), "logo: must be a PNG or JPEG file"),
    (_set(("format",), 2), "format: expected 1, got 2"),
    (_set(("rights",), {"sv": ["Rätt"], "en": ["Right"]}), "rights.sv-lattlast: missing"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FILES, ids=[m for _, m in BAD_FILES])
def test_malformed_file_names_file_and_field(tmp_path: Path, change, message: str) -> None:
    data = copy.deepcopy(_example_data())
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(MunicipalityConfigError) as info:
        load_municipality(path)
    text = str(info.value)
    assert f"{path}: {message}" in text
    assert all(line.startswith(f"{path}: ") for line in text.splitlines())


def test_several_problems_are_all_listed(tmp_path: Path) -> None:
    data = _example_data()
    del data["offers"][0]["title"]["en"]
    del data["contacts"][1]["title"]["sv"]
    with pytest.raises(MunicipalityConfigError) as info:
        load_municipality(_write(tmp_path, data))
    fields = [field for field, _ in info.value.problems]
    assert fields == ["offers[0].title.en", "contacts[1].title.sv"]


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text("name: {sv: [Exempelby\n", encoding="utf-8")
    with pytest.raises(MunicipalityConfigError, match=r"trasig.yaml: not valid YAML at line 2, column 1"):
        load_municipality(bad)
    with pytest.raises(MunicipalityConfigError, match=r"finns-inte.yaml: file not found"):
        load_municipality(tmp_path / "finns-inte.yaml")
    top = tmp_path / "lista.yaml"
    top.write_text("- sv\n", encoding="utf-8")
    with pytest.raises(MunicipalityConfigError, match=r"lista.yaml: expected a mapping, got a list"):
        load_municipality(top)


def test_a_municipality_may_replace_the_rights_text(tmp_path: Path) -> None:
    data = _example_data()
    data["rights"] = {"sv": ["Egen rad."], "en": ["Own line."], "sv-lattlast": ["Egen rad."],
                      "fi": ["Oma rivi."], "ar": ["سطر خاص."]}
    loaded = load_municipality(_write(tmp_path, data))
    assert loaded.rights == {"sv": ("Egen rad.",), "en": ("Own line.",),
                             "sv-lattlast": ("Egen rad.",), "fi": ("Oma rivi.",),
                             "ar": ("سطر خاص.",)}


def test_language_choice_per_carer(municipality: Municipality) -> None:
    assert municipality.language_for("sv-lattlast") == "sv-lattlast"
    assert municipality.language_for("en-GB") == "en"
    assert municipality.language_for("EN") == "en"
    assert municipality.language_for("fi") == "fi"
    assert municipality.language_for("so") == "sv"
    assert municipality.language_for(None) == "sv"
    assert municipality.language_for("sv_lattlast") == "sv-lattlast"
