"""Which municipality file the app prints with, and loading it without ever crashing.

The path is a setting (``printing/municipality_file`` in the app's QSettings, chosen in the
print dialog); when it is not set, the municipality file of the newest bundle the municipality
published on the server (``Workspace.printing_municipality``), else ``<data dir>/municipality.yaml``
if one was placed there, else the shipped fictional example (Exempelby kommun, "Exempelkommunen";
the print dialog says so).  ``load_configured`` runs on a
worker thread: a missing or malformed file gives a ``MunicipalityProblem`` (the file and each
``(field, problem)`` pair from the printing core) instead of an exception, and nothing is
printed until the file is fixed.  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anhorigdesk.printing import (
    Municipality,
    MunicipalityConfigError,
    example_municipality_path,
    load_municipality,
)

SETTING_KEY = "printing/municipality_file"


@dataclass(frozen=True)
class MunicipalityProblem:
    """Why the configured municipality file cannot be used."""

    path: Path
    problems: tuple[tuple[str, str], ...]

    @property
    def file_name(self) -> str:
        return self.path.name


#: The municipality's own file in the data folder, used when no path is set.
DATA_DIR_FILE = "municipality.yaml"


def configured_path(value: object, data_dir: Path | None = None) -> Path:
    """The municipality file for the setting's stored value (checks the disk: worker thread)."""
    text = str(value or "").strip()
    if text:
        return Path(text).expanduser()
    if data_dir is not None and (Path(data_dir) / DATA_DIR_FILE).is_file():
        return Path(data_dir) / DATA_DIR_FILE
    return example_municipality_path()


def load_configured(path: Path) -> Municipality | MunicipalityProblem:
    """Load and check the file; every failure becomes a ``MunicipalityProblem``."""
    try:
        return load_municipality(path)
    except MunicipalityConfigError as exc:
        return MunicipalityProblem(Path(path), exc.problems or (("", "unreadable"),))
    except (OSError, ValueError, UnicodeError) as exc:  # defensive: the core wraps most of these
        return MunicipalityProblem(Path(path), (("", type(exc).__name__),))
