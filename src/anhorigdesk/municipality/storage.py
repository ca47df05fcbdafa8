"""The laptop's kept bundles (laptop migration ``0015_municipality_bundles``).

Every version received at sync is kept, never changed (a response made with a form of an
older version still opens with that form). A version is stored only after its files matched
the manifest and the manifest the announced sha256, and after the app's checks passed
(``sync/municipality.py``); it is checked against its sha256 again whenever it is read.
The connection is the store's (the one writer for writes; a reader for reads).
"""

from __future__ import annotations

import logging
from typing import Any

from .bundle import Bundle, BundleError, content_text, from_content

log = logging.getLogger("anhorigdesk.municipality")


def save_bundle(conn: Any, version: int, bundle: Bundle, received_at: str) -> bool:
    """Keep ``bundle`` as ``version`` (writer connection); False when it was kept already."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO municipality_bundles (version, sha256, received_at, content)"
        " VALUES (?, ?, ?, ?)",
        (int(version), bundle.sha256, received_at, content_text(bundle)),
    )
    return bool(getattr(cursor, "rowcount", 1))


def newest_version(conn: Any) -> int | None:
    """The newest version kept (None: no bundle received yet: the example material is used)."""
    row = conn.execute("SELECT MAX(version) FROM municipality_bundles").fetchone()
    return int(row[0]) if row is not None and row[0] is not None else None


def kept_bundles(conn: Any) -> list[tuple[int, Bundle]]:
    """Every kept version, oldest first, each checked against its sha256 (a version whose
    content no longer matches is left out and logged by its number)."""
    out: list[tuple[int, Bundle]] = []
    for version, sha256, content in conn.execute(
            "SELECT version, sha256, content FROM municipality_bundles ORDER BY version").fetchall():
        try:
            out.append((int(version), from_content(content, sha256)))
        except (BundleError, ValueError):
            log.warning("municipality bundle version %s does not match its sha256; not used", version)
    return out
