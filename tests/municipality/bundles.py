"""Municipality bundle folders for the tests (docs/MUNICIPALITY.md): the example
municipality's file and logo, forms and handout texts, with a unit's own korttid checklist
whose first item and version the test chooses."""

from __future__ import annotations

import shutil
from pathlib import Path

from anhorigdesk.paths import builtin_forms_dir, example_municipality_path, printing_texts_dir

FIRST_ITEM_SV = "Vi tar emot dig och din närstående och tar oss tid för ett första samtal."
FIRST_ITEM_EN = "We welcome you and the person you care for and take time for a first talk."


def unit_korttid(version: int, first_item: str) -> str:
    """The built-in korttid form as a unit's own: ``version`` and its first routine's text."""
    text = (builtin_forms_dir() / "korttid.yaml").read_text("utf-8")
    text = text.replace("\nversion: 1\n", f"\nversion: {version}\n", 1)
    assert FIRST_ITEM_SV in text
    return text.replace(FIRST_ITEM_SV, first_item, 1).replace(FIRST_ITEM_EN, first_item + " (en)", 1)


def make_bundle(folder: Path, *, unit_id: str | None = None, version: int = 2,
                first_item: str = "Vi på Solgläntan hälsar dig välkommen med kaffe.",
                texts: tuple[str, ...] = ("fi",)) -> Path:
    """A valid bundle folder: municipality.yaml + logo, forms/samtal.yaml, the unit's own
    korttid (when ``unit_id``), printing/<language>.yaml for ``texts``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(example_municipality_path(), folder / "municipality.yaml")
    shutil.copy(example_municipality_path().parent / "exempelby-logo.png", folder / "exempelby-logo.png")
    (folder / "forms").mkdir(exist_ok=True)
    shutil.copy(builtin_forms_dir() / "samtal.yaml", folder / "forms" / "samtal.yaml")
    if unit_id is not None:
        own = folder / "units" / unit_id / "forms"
        own.mkdir(parents=True, exist_ok=True)
        (own / "korttid.yaml").write_text(unit_korttid(version, first_item), "utf-8")
    (folder / "printing").mkdir(exist_ok=True)
    for language in texts:
        shutil.copy(printing_texts_dir() / f"{language}.yaml", folder / "printing" / f"{language}.yaml")
    return folder


def add_language(folder: Path, code: str, name: str, page_number: str) -> None:
    """Give the bundle handout texts in a language the program does not ship (the English
    texts under another code, its page numbers as ``page_number``) and list it in
    municipality.yaml with a text in it for every text there."""
    import yaml

    texts = yaml.safe_load((printing_texts_dir() / "en.yaml").read_text("utf-8"))
    texts["language"] = {"code": code, "bcp47": code, "name": name}
    texts["page"]["number"] = page_number
    (folder / "printing" / f"{code}.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")
    data = yaml.safe_load((folder / "municipality.yaml").read_text("utf-8"))
    data["languages"].append(code)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "sv" in node and "en" in node and all(isinstance(v, str) for v in node.values()):
                node[code] = node["en"]
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    (folder / "municipality.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
