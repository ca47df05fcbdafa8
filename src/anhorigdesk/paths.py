"""Where things are: the user's data dir, and the shipped forms and resources."""

from __future__ import annotations

import contextlib
import os
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


def _shipped(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.exists():
        return installed
    return _SOURCE_ROOT / name


def forms_dir() -> Path:
    return _shipped("forms")


def resources_dir() -> Path:
    return _shipped("resources")
