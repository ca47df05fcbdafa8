"""Document texts per language and the colours' contrast."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from anhorigdesk.printing import (
    CONTRAST_PAIRS,
    TextCatalogError,
    available_languages,
    contrast_ratio,
    load_catalog,
    resolve_language,
)
from anhorigdesk.printing.style import WCAG_AA_NORMAL_TEXT, styles
from anhorigdesk.printing.texts import placeholders


def _leaves(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), node


def test_shipped_languages() -> None:
    assert available_languages()[0] == "sv"
    assert set(available_languages()) == {"sv", "en", "sv-lattlast", "fi", "ar"}


@pytest.mark.parametrize("lang", ["en", "sv-lattlast", "fi", "ar"])
def test_every_language_has_the_same_keys_and_placeholders(lang: str) -> None:
    reference = dict(_leaves(load_catalog("sv").data))
    other = dict(_leaves(load_catalog(lang).data))
    assert set(other) == set(reference)
    for key, text in reference.items():
        if isinstance(text, str):
            assert placeholders(other[key]) == placeholders(text), key
        else:
            assert isinstance(other[key], list) and other[key], key
    assert len(other["dates.months"]) == 12


def test_catalog_lookup_and_dates() -> None:
    import datetime as dt

    sv, en = load_catalog("sv"), load_catalog("en")
    assert sv.text("page.number", page=1, total=2) == "Sida 1 av 2"
    assert en.text("page.number", page=1, total=2) == "Page 1 of 2"
    assert sv.date(dt.date(2027, 3, 5)) == "5 mars 2027"
    assert en.date(dt.date(2027, 3, 5)) == "5 March 2027"
    assert load_catalog("sv-lattlast").bcp47 == "sv"
    with pytest.raises(TextCatalogError, match=r"sv.yaml: handout.nothing: missing"):
        sv.text("handout.nothing")
    with pytest.raises(TextCatalogError, match=r"no document texts for language 'xx'"):
        load_catalog("xx")


def test_resolve_language() -> None:
    offered = ("sv", "en", "sv-lattlast")
    assert resolve_language("sv-lattlast", offered) == "sv-lattlast"
    assert resolve_language("sv-lattlast", ("sv", "en")) == "sv"
    assert resolve_language("ar", offered) == "sv"
    assert resolve_language("", offered) == "sv"


def test_contrast_formula_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is just above 4.5:1
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < WCAG_AA_NORMAL_TEXT


@pytest.mark.parametrize(("name", "fg", "bg"), CONTRAST_PAIRS, ids=[p[0] for p in CONTRAST_PAIRS])
def test_every_colour_pair_meets_wcag_aa(name: str, fg: str, bg: str) -> None:
    assert contrast_ratio(fg, bg) >= WCAG_AA_NORMAL_TEXT, name


def test_large_print_styles() -> None:
    large = styles(True)
    assert large.body.fontSize >= 16
    for style in (large.title, large.h1, large.h2, large.body, large.bullet, large.label,
                  large.question, large.small, large.cell, large.cell_head):
        assert style.fontSize >= 16, style.name
    assert styles(False).body.fontSize < 16
