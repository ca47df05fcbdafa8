"""The carer's card (anhörigkort, docs/PROTOCOL-3.md part F): what a unit granted a carer's
shared entries (the cared-for person's care unit under the carer's ``share_with_care``
consent, a unit shared with by "Dela med enhet…") knows of the carer record.

Such a unit's laptops hold the carer's ``shareable`` entries but not the carer record; the
server writes the record's shared fields, name, birth year and preferred language, as a
``carer_card`` (table ``carer_cards``, laptop migration ``0017_carer_cards``). The screens read
it through :meth:`Workspace.carer_card` and :meth:`Workspace.shared_carers`; an audience purge
removes it with the shared entries when the sharing ends (``sync/audience.py``). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anhorigdesk.store import Actor, Repository


@dataclass(frozen=True)
class CarerCard:
    """The carer's shared fields as a granted unit sees them."""

    carer_id: str
    name: str
    birth_year: int | None
    preferred_language: str | None

    def as_carer(self) -> dict[str, Any]:
        """The card in the shape of a carer record (no contact detail, no relation, no
        consent), marked ``shared_card`` for the carer page's read-only view."""
        return {"id": self.carer_id, "name": self.name, "birth_year": self.birth_year,
                "preferred_language": self.preferred_language, "relations": [], "consents": [],
                "shared_card": True}


def _card(row: Any) -> CarerCard:
    return CarerCard(str(row[0]), str(row[1]), None if row[2] is None else int(row[2]),
                     None if row[3] is None else str(row[3]))


def carer_card(repo: Repository, actor: Actor, carer_id: str) -> CarerCard | None:
    """The card of one carer, if this laptop holds one; reading it is logged as an access to
    the carer."""
    row = repo.db.reader().execute(
        "SELECT id, name, birth_year, preferred_language FROM carer_cards WHERE id = ? AND deleted = 0",
        (carer_id,)).fetchone()
    if row is None:
        return None
    repo.log_access(actor, "carer", carer_id, "read:carer_card")
    return _card(row)


def shared_carers(repo: Repository) -> list[CarerCard]:
    """The carers whose shared entries this laptop holds without their record (a grant), by
    name: one card each."""
    rows = repo.db.reader().execute(
        "SELECT k.id, k.name, k.birth_year, k.preferred_language FROM carer_cards k"
        " WHERE k.deleted = 0 AND NOT EXISTS (SELECT 1 FROM carers c WHERE c.id = k.id AND c.deleted = 0)"
        " ORDER BY k.name, k.id").fetchall()
    return [_card(r) for r in rows]
