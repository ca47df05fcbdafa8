"""Where things are: the user's data dir, and everything shipped with the program.

The one place that finds shipped data (no Qt here: the core, the server and the UI all use it).
The shipped folders are the repository's ``forms/`` and ``resources/``:

- in a source checkout they are ``<checkout>/forms`` and ``<checkout>/resources``;
- in an installed wheel, pyproject force-includes them as ``anhorigdesk/_data/forms`` and
  ``anhorigdesk/_data/resources``;
- in the PyInstaller bundle, ``packaging/anhorigdesk.spec`` puts them at the same
  ``anhorigdesk/_data/`` beside the frozen package, so the wheel's rule finds them.

``resources/`` holds ``fonts/``, ``printing/`` (document texts), ``municipality/`` (the example
municipality), ``translations/`` (Qt ``.ts``/``.qm``) and ``locale/`` (the core's gettext
catalogues, ``<language>/LC_MESSAGES/<domain>.po`` and ``.mo``).
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

APP_NAME = "AnhorigDesk"
APP_AUTHOR = "AnhorigDesk"
DATA_DIR_ENV = "ANHORIGDESK_DATA_DIR"

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parents[1]


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: ``--data-dir``, else ``$ANHORIGDESK_DATA_DIR``, else the platform's."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        path = Path(chosen)
    else:
        import platformdirs  # only for the platform's default folder

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a filesystem without modes (e.g. a network share)
        os.chmod(path, 0o700)
    return path


@cache
def _shipped(name: str, marker: str) -> Path:
    """The shipped folder ``name`` (``forms`` or ``resources``): the installed copy (wheel,
    bundle) if it has ``marker``, else the source checkout's; an error naming both if neither."""
    installed = _PACKAGE / "_data" / name
    if (installed / marker).exists():
        return installed
    source = _SOURCE_ROOT / name
    if (source / marker).exists():
        return source
    raise FileNotFoundError(
        f"AnhörigDesk's shipped folder {name!r} was found neither at {installed} nor at {source}"
    )


def builtin_forms_dir() -> Path:
    """The folder of the built-in forms (with ``schema/form.schema.json``)."""
    return _shipped("forms", "schema/form.schema.json")


def schema_file() -> Path:
    """The JSON Schema every form file is validated against."""
    return builtin_forms_dir() / "schema" / "form.schema.json"


def resources_dir() -> Path:
    """The ``resources/`` folder (fonts, printing texts, municipality, translations, locale)."""
    return _shipped("resources", "printing")


def fonts_dir() -> Path:
    """The TTF fonts embedded in printed documents (and registered with Qt)."""
    return resources_dir() / "fonts"


def printing_texts_dir() -> Path:
    """The document texts, one ``<language>.yaml`` each."""
    return resources_dir() / "printing"


def example_municipality_path() -> Path:
    """The shipped, fictional example municipality (Exempelby kommun)."""
    return resources_dir() / "municipality" / "example.yaml"


def translations_dir() -> Path:
    """The Qt translation catalogues of the UI (``anhorigdesk_<language>.ts``/``.qm``)."""
    return resources_dir() / "translations"


def locale_dir() -> Path:
    """The core's gettext catalogues: ``<language>/LC_MESSAGES/<domain>.mo`` (and ``.po``)."""
    return resources_dir() / "locale"
