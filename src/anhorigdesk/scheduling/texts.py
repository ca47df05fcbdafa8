"""Translatable texts of scheduling, read from ``texts.yaml`` beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("sv", "en")


@dataclass(frozen=True, slots=True)
class LocalText:
    """One text in Swedish and English."""

    sv: str
    en: str

    def get(self, lang: str) -> str:
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")

    def format(self, **values: str) -> LocalText:
        """Fill ``{name}`` places; a value may itself be a LocalText (language by language)."""
        sv_values = {k: (v.sv if isinstance(v, LocalText) else v) for k, v in values.items()}
        en_values = {k: (v.en if isinstance(v, LocalText) else v) for k, v in values.items()}
        return LocalText(self.sv.format(**sv_values), self.en.format(**en_values))


def _parse_section(data: dict[str, Any], section: str, source: str) -> dict[str, LocalText]:
    raw = data.get(section)
    if not isinstance(raw, dict):
        raise ValueError(f"{source}: section {section!r} is missing or not a mapping")
    texts: dict[str, LocalText] = {}
    for code, value in raw.items():
        if not isinstance(value, dict) or not all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
        ):
            raise ValueError(f"{source}: {section}.{code} needs non-empty 'sv' and 'en' texts")
        texts[str(code)] = LocalText(value["sv"], value["en"])
    return texts


@cache
def _catalog() -> dict[str, dict[str, LocalText]]:
    source = "anhorigdesk/scheduling/texts.yaml"
    text = resources.files(__package__).joinpath("texts.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping at the top")
    return {
        section: _parse_section(data, section, source) for section in ("reasons", "ended_because")
    }


def reason_text(code: str) -> LocalText:
    """The text of a due item's reason code."""
    try:
        return _catalog()["reasons"][code]
    except KeyError:
        raise KeyError(f"no text for scheduling reason code {code!r}") from None


def ended_because_text(code: str) -> LocalText:
    """The text of why caring ended (a closed schedule)."""
    try:
        return _catalog()["ended_because"][code]
    except KeyError:
        raise KeyError(f"no text for ended-because code {code!r}") from None


def ended_because_codes() -> frozenset[str]:
    return frozenset(_catalog()["ended_because"])
