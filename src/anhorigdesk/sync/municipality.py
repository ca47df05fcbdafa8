"""Receiving the municipality's material at sync (protocol 3, docs/PROTOCOL-3.md part G).

``hello`` names the newest published version (``municipality_version``). When it is newer
than the newest this laptop keeps, every version after that one is fetched
(``GET /v1/municipality/{version}``), its files checked against the manifest and the manifest
against the announced sha256, checked again with the app's own loaders (forms, handout texts,
the municipality file with its logo), and kept (``municipality.storage``; every version, so
old responses keep their forms). A version that fails is not kept (logged by its number) and
the laptop goes on with what it has. Protocol 2 never asks.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anhorigdesk.municipality.bundle import BundleError, check, unpack, write_folder
from anhorigdesk.municipality.storage import newest_version, save_bundle

log = logging.getLogger("anhorigdesk.sync")

MUNICIPALITY_PROTOCOL = 3


def receive_material(repo: Any, fetch: Callable[[int], dict[str, Any]], announced: Any) -> list[int]:
    """Fetch and keep the versions after the newest kept one up to ``announced``; returns the
    versions kept now. ``fetch(version)`` is the client's call (retries, cancel)."""
    if not isinstance(announced, int) or isinstance(announced, bool) or announced < 1:
        return []
    newest = newest_version(repo.db.reader()) or 0
    kept: list[int] = []
    for version in range(newest + 1, announced + 1):
        body = fetch(version)
        try:
            bundle = unpack(body, body.get("sha256"))
            with tempfile.TemporaryDirectory(prefix="anhorigdesk-material-") as tmp:
                check(bundle, write_folder(bundle, Path(tmp) / "bundle"))
        except BundleError as exc:
            log.warning("municipality bundle version %s refused: %d problem(s)", version, len(exc.problems))
            continue
        received_at = datetime.now(UTC).isoformat(timespec="seconds")
        if repo.apply_remote(lambda conn, v=version, b=bundle, at=received_at: save_bundle(conn, v, b, at)):
            kept.append(version)
    return kept
