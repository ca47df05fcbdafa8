"""The carer's card (anhörigkort, docs/PROTOCOL-3.md part F, issue #15 §1): what a unit granted
a carer's shared scope sees of the carer record.

A granted unit (the cared-for person's care unit under a ``share_with_care`` consent, a unit
shared with by "Dela med enhet…") is served the carer's *shared* scope ``<carer_id>:shared``
only, never the carer record (A.4: a record keeps one scope; the carer's own units would set a
copy aside). So the server derives a record of its own entity, ``carer_card`` (id = the
carer's id), holding the carer record's shared fields, and writes it into the shared scope
(:func:`refresh_card`, in the push transaction that changed those fields or a grant, under the
log lock): a ``mutations`` row like any other (client ``server:card``, its own clock, checked
with the same model and checks as a pushed mutation), the scope's running figures, the
``entities`` state.

The card holds **name, birth year and preferred language** and nothing else: the consents to
share (``share_with_care``, ``share_with_unit``) are consents to share the carer's story with a
unit that cares for the same person, not the carer's contact details, so never an address,
phone, e-mail or personnummer (data minimisation, GDPR art. 5.1 c). A carer with a protected
identity (skyddade personuppgifter) grants no unit anything (``scopes.wanted_grants``), so no
card is written for one (checked here as well).

It is written only while the shared scope has a grant; when the last grant ends the audience
purge (``server/store/audience.py``) names the card with the shared scope's other records, so
the unit's laptops forget it. The card stays on the server (the carer's own units are served
it too, and ignore it: their screens show the carer record) and is brought up to date when a
grant is given again.

No laptop may push a ``carer_card``: such a push is refused (403 ``forbidden_entity``) and
logged (``SyncLog.push``). A protocol-2 (or 1) laptop does not know the entity: it is served
the card as a content-less ``retired`` stub (:func:`withheld`), which counts in its figures
like the mutation and which it merges as nothing.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from anhorigdesk.replication.integrity import add_to_checksum
from anhorigdesk.replication.merge import EntityState, apply_mutation
from anhorigdesk.replication.visibility import CARD_ENTITY, shared_key
from anhorigdesk.server.compaction import canonical, stub_of
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.store.scopes import Scope, load_scope, save_scope
from anhorigdesk.store.entities import LANGUAGES
from anhorigdesk.sync.validation import check_mutation

CARD_CLIENT = "server:card"
CARD_ACTOR = "server"
CARD_FIELDS = ("name", "birth_year", "preferred_language")
# a stored card payload (canonical JSON, keys sorted) names its entity so
_CARD_MARK = f'"entity":"{CARD_ENTITY}"'


class CardInvalid(RuntimeError):
    """The derived card failed the checks every mutation passes (a defect, never data)."""


def card_fields(carer: dict[str, Any]) -> dict[str, Any]:
    """The carer record's shared fields: name, birth year (of ``birth_date``), preferred
    language. Nothing else of the record, ever."""
    born = carer.get("birth_date")
    year = int(born[:4]) if isinstance(born, str) and born[:4].isdigit() else None
    language = carer.get("preferred_language")
    return {
        "name": carer.get("name"),
        "birth_year": year,
        "preferred_language": language if language in LANGUAGES else None,
    }


def _state(tx: Transaction, entity: str, entity_id: str) -> EntityState | None:
    row = tx.one("SELECT state FROM entities WHERE entity = ? AND entity_id = ?", (entity, entity_id))
    return EntityState.from_json(json.loads(row[0])) if row else None


def _clock(after: str | None) -> str:
    """The card's next clock: now, and always after its previous one."""
    wall = int(datetime.now(UTC).timestamp() * 1000)
    if after:
        wall = max(wall, int(after[:16]) + 1)
    return f"{wall:016d}-00000-{CARD_CLIENT}"


def refresh_card(tx: Transaction, carer_id: str, *, at: str) -> bool:
    """Write the carer's card into its shared scope when the scope has a grant and the card
    differs from the carer record's shared fields. Call inside the push's write transaction,
    log lock taken, after the grants were recomputed. Returns whether a card was written."""
    key = shared_key(carer_id)
    if tx.one("SELECT 1 FROM scope_grants WHERE scope_key = ?", (key,)) is None:
        return False
    carer = _state(tx, "carer", carer_id)
    if carer is None or carer.deleted or carer.fields.get("protected_identity"):
        return False  # skyddade personuppgifter: no card (and no grant) for such a carer
    wanted = card_fields(carer.fields)
    if not isinstance(wanted["name"], str) or not wanted["name"]:
        return False
    card = _state(tx, CARD_ENTITY, carer_id)
    if card is not None and not card.deleted and all(
        card.fields.get(name) == value for name, value in wanted.items()
    ):
        return False
    owner = load_scope(tx, carer_id)
    if owner is None:
        return False
    shared = load_scope(tx, key)
    stored_units = None if shared is None else set(shared.units)
    if shared is None:
        granted = {r[0] for r in tx.all("SELECT unit_id FROM scope_grants WHERE scope_key = ?", (key,))}
        shared = Scope(key, carer_id, set(owner.units), owner.support_contact_id, owner.units_hlc,
                       granted_units=granted)
    head = tx.one("SELECT MAX(server_seq) FROM mutations")
    server_seq = (int(head[0]) if head and head[0] is not None else 0) + 1
    mutation: dict[str, Any] = {
        "mutation_id": str(uuid.uuid4()),
        "client_id": CARD_CLIENT,
        "seq": server_seq,
        "entity": CARD_ENTITY,
        "entity_id": carer_id,
        "op": "upsert",
        "fields": wanted,
        "base": {},
        "hlc": _clock(card.hlc if card is not None else None),
        "carer_id": carer_id,
        "unit_ids": sorted(owner.units),
        "actor": {"staff_id": CARD_ACTOR},
    }
    _check(mutation)
    merged = apply_mutation(card, mutation)
    shared.count += 1
    shared.checksum = add_to_checksum(shared.checksum, mutation["mutation_id"])
    shared.last_seq = server_seq
    tx.execute(
        "INSERT INTO mutations (server_seq, mutation_id, client_id, seq, entity, entity_id,"
        " op, scope_key, carer_id, payload, pushed_by, received_at, scope_count,"
        " scope_checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (server_seq, mutation["mutation_id"], CARD_CLIENT, server_seq, CARD_ENTITY, carer_id,
         "upsert", key, carer_id, canonical(mutation), CARD_ACTOR, at, shared.count,
         shared.checksum),
    )
    save_scope(tx, shared, stored_units)
    state_json = json.dumps(merged.to_json(), sort_keys=True, ensure_ascii=False)
    if card is None:
        tx.execute(
            "INSERT INTO entities (entity, entity_id, scope_key, state, updated_seq) VALUES (?, ?, ?, ?, ?)",
            (CARD_ENTITY, carer_id, key, state_json, server_seq),
        )
    else:
        tx.execute(
            "UPDATE entities SET state = ?, updated_seq = ? WHERE entity = ? AND entity_id = ?",
            (state_json, server_seq, CARD_ENTITY, carer_id),
        )
    return True


def _check(mutation: dict[str, Any]) -> None:
    """The checks every pushed mutation passes: the wire model and A.2/A.3 (entity, fields,
    values, clock syntax)."""
    from anhorigdesk.server.models import Mutation

    try:
        Mutation.model_validate(mutation)
        check_mutation(mutation, limit_ms=None)
    except (ValidationError, ValueError) as exc:
        raise CardInvalid(f"the derived carer_card fails validation: {type(exc).__name__}") from None


def withheld(payload: str) -> str:
    """A pull page row for a laptop older than protocol 3: a card is served as its content-less
    ``retired`` stub (counted like the mutation, merged as nothing); any other row as it is."""
    if _CARD_MARK not in payload:
        return payload
    change = json.loads(payload)
    if change.get("entity") != CARD_ENTITY:
        return payload
    return canonical(stub_of(change, "retired"))
