"""The forms registry and the municipality file from the kept bundles: the one place that
decides which forms the app uses (called by ``Workspace.form_registry()``).

Order: the built-in forms (the example municipality's, Exempelby kommun), then the newest
kept bundle's ``forms/``, then that bundle's ``units/<the user's unit>/forms/`` (e.g. the
short-term unit's own "Här på korttiden" checklist). Every form of every kept bundle stays
findable by version and fingerprint, so a response made with an older published form opens,
shows and prints with that form. A kept bundle that no longer passes the checks is skipped
(logged by its version number) and the one before it is used.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .bundle import MUNICIPALITY_FILE, Bundle, BundleError, Material, check, write_folder

if TYPE_CHECKING:
    from anhorigdesk.forms import FormRegistry

log = logging.getLogger("anhorigdesk.municipality")


def checked(kept: Iterable[tuple[int, Bundle]]) -> list[tuple[int, Material]]:
    """The kept bundles that pass the forms and texts checks, oldest first."""
    out: list[tuple[int, Material]] = []
    for version, bundle in kept:
        try:
            out.append((version, check(bundle, None)))
        except BundleError as exc:
            log.warning("municipality bundle version %s fails %d check(s); not used", version, len(exc.problems))
    return out


def build_registry(materials: Iterable[tuple[int, Material]], unit_id: str | None, *,
                   builtin_dir: Path | None = None) -> FormRegistry:
    """The registry: built-in forms, then the newest bundle's forms, then the unit's own."""
    from anhorigdesk.forms import FormRegistry

    registry = FormRegistry.load(builtin_dir=builtin_dir)
    materials = list(materials)
    for _version, material in materials:  # every published version stays findable
        registry.add_forms(material.forms, origin=None)
        for forms in material.unit_forms.values():
            registry.add_forms(forms, origin=None)
    if materials:
        version, newest = materials[-1]
        registry.add_forms(newest.forms, origin="municipality")
        registry.add_forms(newest.forms_for_unit(unit_id), origin="unit")
        registry.material_version = version
    registry.unit_id = unit_id
    return registry


def municipality_file(root: Path, version: int, bundle: Bundle) -> Path | None:
    """The bundle's ``municipality.yaml`` on disk (its logo beside it), written once under
    ``root/<version>`` (the printing core reads the logo from a file). None when the
    bundle's municipality file does not pass the checks there."""
    folder = write_folder(bundle, root / str(version))
    try:
        check(bundle, folder)
    except BundleError as exc:
        log.warning("municipality bundle version %s: its municipality file fails %d check(s)",
                    version, len(exc.problems))
        return None
    return folder / MUNICIPALITY_FILE
