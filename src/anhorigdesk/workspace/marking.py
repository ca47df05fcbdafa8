"""The confidentiality marking of an entry, and the consent that allows sharing.

Every entry on a carer's timeline carries a marking: ``carer_only`` (what the carer told
about themselves; it stays in the carer's record) or ``shareable`` (it may be shared with the
staff of the cared-for person's care). Carer and cared-for person have separate
confidentiality, so ``carer_only`` is the default, and ``shareable`` needs the carer's
consent of scope ``share_with_care`` (given and not withdrawn).

:func:`share_consent` answers whether there is one; :func:`check_marking` refuses a
``shareable`` marking without it (the editors call it when they save, so a consent withdrawn
meanwhile, here or synced in, still wins).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import message
from anhorigdesk.store.entities import CONFIDENTIALITY
from anhorigdesk.store.repository import Repository

CARER_ONLY = "carer_only"
SHAREABLE = "shareable"
MARKINGS = CONFIDENTIALITY  # (carer_only, shareable)
SHARE_SCOPE = "share_with_care"


class SharingNotConsented(Exception):
    """A ``shareable`` marking for a carer who has not consented to sharing."""

    code = "marking.no_share_consent"

    def __init__(self) -> None:
        super().__init__(message(self.code))

    def localized(self, language: str) -> str:
        return message(self.code, language)


def share_consent(repo: Repository, carer_id: str) -> dict[str, Any] | None:
    """The carer's standing consent to share with the care staff (the latest given and not
    withdrawn: id, given_at, given_how), or None."""
    row = repo.db.reader().execute(
        "SELECT id, given_at, given_how FROM consents WHERE carer_id = ? AND scope = ? AND deleted = 0"
        " AND (withdrawn_at IS NULL OR withdrawn_at = '') ORDER BY given_at DESC, id DESC LIMIT 1",
        (carer_id, SHARE_SCOPE),
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "given_at": row[1], "given_how": row[2]}


def check_marking(repo: Repository, carer_id: str, marking: str) -> None:
    """Refuse an unknown marking, and ``shareable`` without the carer's consent."""
    if marking not in MARKINGS:
        raise ValueError(f"confidentiality marking must be one of {MARKINGS}, got {marking!r}")
    if marking == SHAREABLE and share_consent(repo, carer_id) is None:
        raise SharingNotConsented
