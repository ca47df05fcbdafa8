"""The municipality's material (kommunens material), published from the server: Qt-free.

A **bundle** is one folder an administrator publishes with ``anhorigdesk-server admin publish
DIR`` (docs/PROTOCOL-3.md part G, docs/MUNICIPALITY.md):

- ``municipality.yaml`` (name, offers, contacts, languages; the format of
  ``resources/municipality/example.yaml``) and the logo it names;
- ``forms/*.yaml``: the municipality's forms (they replace built-in ones by ``id``);
- ``units/<unit_id>/forms/*.yaml``: one unit's own forms, e.g. a short-term unit's own
  "Här på korttiden" checklist (``korttid``);
- ``printing/<language>.yaml``: handout texts per language (checked like the shipped ones).

``bundle.read_folder`` reads it, ``bundle.validate_folder`` checks every file with the loaders
the app itself uses (the forms loader, ``printing.parse_municipality``, the printing texts'
keys and placeholders) and reports each problem as ``<file>:<line>: <field>: <problem>``;
``bundle.pack`` / ``bundle.unpack`` give the form that travels and is stored (a manifest with
a sha256 per file, the bundle's sha256 over the manifest). The server stores versions
(``server/store/municipality.py``), the laptop keeps every version it received
(``municipality.storage``, laptop migration ``0015_municipality_bundles``) and the Workspace
builds the one forms registry from them (``municipality.material``).
"""

from __future__ import annotations

from .bundle import (
    Bundle,
    BundleError,
    BundleProblem,
    pack,
    read_folder,
    unpack,
    validate_folder,
)

__all__ = [
    "Bundle",
    "BundleError",
    "BundleProblem",
    "pack",
    "read_folder",
    "unpack",
    "validate_folder",
]
