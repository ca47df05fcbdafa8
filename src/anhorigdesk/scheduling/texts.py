"""Translatable texts of scheduling, read from ``texts.yaml`` beside this module.

Texts are the forms package's :class:`~anhorigdesk.forms.LocalText` (Swedish always present),
so a flag's label from its form and a reason from this catalog are one kind of object.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from anhorigdesk.forms import LocalText

LANGUAGES = ("sv", "en")


def fill(template: LocalText, **values: LocalText | str) -> LocalText:
    """``template`` with its ``{name}`` places filled, language by language.

    A value may itself be a LocalText (a flag's label): each language takes its own text.
    """
    return LocalText.of(
        {
            lang: text.format(
                **{k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in values.items()}
            )
            for lang, text in template.texts
        }
    )


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
        texts[str(code)] = LocalText.of({lang: value[lang] for lang in LANGUAGES})
    return texts


@cache
def _catalog() -> dict[str, dict[str, LocalText]]:
    source = "anhorigdesk/scheduling/texts.yaml"
    import yaml  # here: the modules that only use the texts' types do not need PyYAML

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
