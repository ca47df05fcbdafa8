"""The municipality's material on the server (kommunens material), docs/PROTOCOL-3.md part G.

``anhorigdesk-server admin publish DIR`` checks the bundle in ``DIR`` with the app's own
loaders (``anhorigdesk.municipality.bundle.validate_folder``) and, only when every file
passes, stores it as the next version in one transaction (server migration
``0010_municipality_bundles``; a version is never changed or deleted). ``GET /v1/hello``
names the newest version; a signed-in protocol-3 laptop fetches a version it lacks with
``GET /v1/municipality/{version}``. The bundle holds no personal data, and every unit's own
forms are in it for every laptop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from anhorigdesk.municipality.bundle import Bundle, BundleError, content_text, pack, validate_folder
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.models import MUNICIPALITY_PROTOCOL
from anhorigdesk.server.store.base import AdminError, Principal, StoreBase


class MunicipalityBundles(StoreBase):
    """Publishing and serving the municipality bundle's versions."""

    def publish_bundle(self, folder: str | Path, *, by: str) -> dict[str, Any]:
        """Check the bundle in ``folder`` and store it as the next version. Raises
        :class:`AdminError` listing every problem (``<file>:<line>: <field>: <problem>``);
        then nothing is stored. The same bundle as the newest version is not stored again
        (``unchanged``)."""
        try:
            material = validate_folder(folder)
        except BundleError as exc:
            raise AdminError(f"{folder}: nothing published, {len(exc.problems)} problem(s):\n{exc}") from None
        return self.store_bundle(material.bundle, by=by)

    def store_bundle(self, bundle: Bundle, *, by: str) -> dict[str, Any]:
        """Store an already checked bundle as the next version (one transaction)."""
        packed = pack(bundle)
        with self.db.transaction(write=True) as tx:
            newest = tx.one("SELECT version, sha256 FROM municipality_bundles"
                            " ORDER BY version DESC LIMIT 1")
            if newest is not None and newest[1] == packed["sha256"]:
                return {"version": int(newest[0]), "sha256": newest[1], "unchanged": True,
                        "files": len(bundle.files)}
            version = int(newest[0]) + 1 if newest is not None else 1
            tx.execute(
                "INSERT INTO municipality_bundles (version, published_at, published_by, sha256,"
                " manifest, content) VALUES (?, ?, ?, ?, ?, ?)",
                (version, self.now(), by, packed["sha256"],
                 json.dumps(packed["manifest"], sort_keys=True), content_text(bundle)),
            )
        return {"version": version, "sha256": packed["sha256"], "unchanged": False,
                "files": len(bundle.files)}

    def municipality_version(self) -> int | None:
        """The newest published version (None: nothing published yet)."""
        with self.db.transaction() as tx:
            row = tx.one("SELECT MAX(version) FROM municipality_bundles")
        return int(row[0]) if row is not None and row[0] is not None else None

    def hello_facts(self) -> tuple[str, str, int | None]:
        """What ``GET /v1/hello`` answers from the database, in one statement: the epoch,
        the server's time and the newest published bundle's version (None: none)."""
        with self.db.single_statement() as one:  # one read, no BEGIN/COMMIT (as the no-op pull)
            row = one.one("SELECT (SELECT value FROM server_meta WHERE key = 'epoch'),"
                         " (SELECT MAX(version) FROM municipality_bundles)")
        if row is None or row[0] is None:
            raise RuntimeError("the server database has no epoch: run the migrations")
        return str(row[0]), self.clock_time(), int(row[1]) if row[1] is not None else None

    def list_bundles(self) -> list[dict[str, Any]]:
        """Every published version, oldest first (no content)."""
        with self.db.transaction() as tx:
            rows = tx.all("SELECT version, published_at, published_by, sha256, manifest"
                          " FROM municipality_bundles ORDER BY version")
        return [{"version": int(v), "published_at": at, "published_by": by, "sha256": sha,
                 "files": sorted(json.loads(manifest))} for v, at, by, sha, manifest in rows]

    def municipality_bundle(self, principal: Principal, version: int, protocol: int) -> dict[str, Any]:
        """One version for a signed-in laptop (``principal``: any user; the material is the
        municipality's, not personal). 426 below protocol 3, 404 for a version not published."""
        del principal  # signed in is enough: every unit's laptops get the whole bundle
        if protocol < MUNICIPALITY_PROTOCOL:
            raise ApiError(426, "protocol_unsupported",
                           {"version": str(protocol), "min": MUNICIPALITY_PROTOCOL, "max": MUNICIPALITY_PROTOCOL})
        with self.db.transaction() as tx:
            row = tx.one("SELECT published_at, sha256, content FROM municipality_bundles WHERE version = ?",
                         (version,))
        if row is None:
            raise ApiError(404, "not_found")
        published_at, sha256, content = row
        body = json.loads(content)
        return {"version": version, "published_at": published_at, "sha256": sha256,
                "manifest": body["manifest"], "files": body["files"]}
