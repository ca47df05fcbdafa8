"""Where the printing package finds its data files (fonts, document texts, example municipality).

In a source checkout they are in `<repo>/resources/`; in an installed wheel they are packaged as
`anhorigdesk/_data/resources/` (see `[tool.hatch.build.targets.wheel.force-include]`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # .../anhorigdesk


@cache
def resources_dir() -> Path:
    """The `resources/` directory holding `fonts/`, `printing/` and `municipality/`."""
    candidates = (
        _PACKAGE_ROOT / "_data" / "resources",
        _PACKAGE_ROOT.parent.parent / "resources",
    )
    for candidate in candidates:
        if (candidate / "printing").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"AnhörigDesk resources not found (looked in {tried})")


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def texts_dir() -> Path:
    return resources_dir() / "printing"


def example_municipality_path() -> Path:
    """The shipped, fictional example municipality (Exempelby kommun)."""
    return resources_dir() / "municipality" / "example.yaml"
