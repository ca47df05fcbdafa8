"""Document texts per language, read from `resources/printing/<language>.yaml`, and from the
municipality's published material (`use_material_texts(folder)`: its `printing/<language>.yaml`
go before the shipped ones of the same language and add languages; docs/MUNICIPALITY.md).

No sentence of a printed document lives in code: headings, labels, page numbers and the
national summary of rights all come from these files. Languages are picked per carer with
`resolve_language`; `sv` is the fallback for everything.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from anhorigdesk.paths import printing_texts_dir

from .errors import TextCatalogError

DEFAULT_LANGUAGE = "sv"

# A language variant falls back to its base before the default: "sv-lattlast" -> "sv".
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Catalog:
    """The texts of one language. `text("handout.title")`, `text("page.number", page=1, total=2)`."""

    code: str
    bcp47: str
    name: str
    path: Path
    data: Mapping[str, Any]

    def _lookup(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise TextCatalogError(f"{self.path}: {key}: missing")
            node = node[part]
        return node

    def text(self, key: str, /, **values: object) -> str:
        node = self._lookup(key)
        if not isinstance(node, str):
            raise TextCatalogError(f"{self.path}: {key}: expected a text")
        if not values:
            return node
        try:
            return node.format(**values)
        except (KeyError, IndexError) as exc:
            raise TextCatalogError(f"{self.path}: {key}: unknown placeholder {exc}") from None

    def texts(self, key: str) -> list[str]:
        node = self._lookup(key)
        if not isinstance(node, list) or not all(isinstance(x, str) for x in node):
            raise TextCatalogError(f"{self.path}: {key}: expected a list of texts")
        return list(node)

    def date(self, value: dt.date) -> str:
        months = self.texts("dates.months")
        return self.text("dates.format", day=value.day, month=months[value.month - 1],
                         year=value.year)


#: the published municipality bundle's texts folder in use (None: the shipped texts only)
_material_texts: Path | None = None


def use_material_texts(folder: Path | None) -> None:
    """Print with the texts of the municipality's published bundle (its `printing/` folder,
    already checked: same keys and placeholders as the shipped Swedish texts) before the
    shipped ones; None: the shipped texts only. Set by the application where it decides the
    municipality file printouts use (`Workspace.printing_municipality`)."""
    global _material_texts
    folder = Path(folder) if folder is not None and Path(folder).is_dir() else None
    if folder != _material_texts:
        _material_texts = folder
        load_catalog.cache_clear()


def _texts_file(language: str) -> Path:
    if _material_texts is not None:
        own = _material_texts / f"{language}.yaml"
        if own.is_file():
            return own
    return printing_texts_dir() / f"{language}.yaml"


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a text file (shipped or published), `sv` first."""
    codes = {p.stem for p in printing_texts_dir().glob("*.yaml")}
    if _material_texts is not None:
        codes |= {p.stem for p in _material_texts.glob("*.yaml")}
    return tuple(sorted(codes, key=lambda c: (c != DEFAULT_LANGUAGE, c)))


@cache
def load_catalog(language: str) -> Catalog:
    """The catalog of `language` (exact code). Raises TextCatalogError if there is none."""
    path = _texts_file(language)
    if not path.is_file():
        raise TextCatalogError(f"{path}: no document texts for language {language!r}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TextCatalogError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, Mapping):
        raise TextCatalogError(f"{path}: expected a mapping at the top")
    catalog = Catalog(code=language, bcp47="", name="", path=path, data=data)
    code = catalog.text("language.code")
    if code != language:
        raise TextCatalogError(f"{path}: language.code: is {code!r}, expected {language!r}")
    return Catalog(code=language, bcp47=catalog.text("language.bcp47"),
                   name=catalog.text("language.name"), path=path, data=data)


def resolve_language(preferred: str | None, available: Iterable[str]) -> str:
    """Choose the language to print in for a carer who prefers `preferred`.

    Exact match first (case-insensitive, `_` read as `-`), then ever shorter prefixes
    (`sv-lattlast` -> `sv`, `en-GB` -> `en`), and `sv` when nothing fits.
    """
    offered = {code.lower(): code for code in available}
    if preferred:
        wanted = preferred.strip().lower().replace("_", "-")
        while wanted:
            if wanted in offered:
                return offered[wanted]
            wanted = wanted.rpartition("-")[0]
    if DEFAULT_LANGUAGE in offered:
        return offered[DEFAULT_LANGUAGE]
    raise TextCatalogError(f"no {DEFAULT_LANGUAGE!r} among the offered languages")


def fallback_note(preferred: str | None, printed_in: Catalog) -> str | None:
    """The visible note for a carer whose language has no texts: "Den här informationen finns
    inte på somaliska än. Den är skriven på svenska." None when the document is in the
    carer's language (or a variant of it: `sv-lattlast` printed as `sv`, `en-GB` as `en`), or
    when no language is known (`other`, empty)."""
    if not preferred:
        return None
    wanted = preferred.strip().lower().replace("_", "-")
    base = wanted.partition("-")[0]
    if not base or base == "other" or base == printed_in.code.partition("-")[0]:
        return None
    try:
        name = printed_in.text(f"language_names.{wanted}")
    except TextCatalogError:
        try:
            name = printed_in.text(f"language_names.{base}")
        except TextCatalogError:
            name = preferred.strip()
    return printed_in.text("handout.language_fallback", language=name)


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of a text (used by the catalog consistency tests)."""
    return {field for _, field, _, _ in _FORMATTER.parse(text) if field}
