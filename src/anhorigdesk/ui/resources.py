"""Where the application's resource files are (a source checkout or an installed wheel)."""

from __future__ import annotations

from pathlib import Path

import anhorigdesk

_PACKAGE_DIR = Path(anhorigdesk.__file__).resolve().parent


def resources_dir() -> Path:
    """The ``resources/`` folder: ``anhorigdesk/_data/resources`` in a wheel,
    ``<checkout>/resources`` when running from source."""
    installed = _PACKAGE_DIR / "_data" / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"
