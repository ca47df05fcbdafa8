"""Scopes (omfång) and which of them a user sees (synlighet): the one place that says so.

A scope is the set of mutations about one carer (its key is the carer id) or, for records
about no carer, about a set of units (``units:<ids>``). Who sees a scope is stated once, in
:data:`GROUNDS`: each ground of access names the rows that pair a scope key with the users
it admits (the SQL) and the same rule over a loaded :class:`Scope` (the Python check). The
pull page's filter (:data:`PAGE_QUERY`), the list of visible scopes that integrity digests
are summed over (:data:`VISIBLE_SCOPES`) and :meth:`Scope.allows` (push, repair reads) are
all derived from it.

Per-entry visibility (docs/PROTOCOL-3.md part F, built here): a carer's ``shareable``
entries live in the scope ``<carer_id>:shared`` (``replication/visibility.py``), whose units
and support contact mirror the carer's scope, and which a unit may also be *granted*
(``scope_grants``): the cared-for person's care unit while a ``share_with_care`` consent
holds, a unit the record is shared with ("Dela med enhet…", a ``share_with_unit`` consent).
:func:`refresh_grants` recomputes a carer's grants from the stored records; a grant that
ends goes through :func:`end_grant`, the one place that stops a unit's sight of a scope and
makes the unit's laptops forget it (an audience purge, ``server/store/audience.py``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM
from anhorigdesk.replication.merge import EntityState
from anhorigdesk.replication.visibility import shared_key
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.store.base import Principal

log = logging.getLogger("anhorigdesk.server.visibility")


@dataclass
class Scope:
    """Who may see a scope's mutations, and its running count and checksum."""

    key: str
    carer_id: str | None
    units: set[str]
    support_contact_id: str | None
    units_hlc: str
    count: int = 0
    checksum: str = EMPTY_CHECKSUM
    last_seq: int = 0
    granted_units: set[str] = field(default_factory=set)  # scope_grants (shared scopes)

    def allows(self, principal: Principal) -> bool:
        for ground in GROUNDS:  # noqa: SIM110 (a loop, not any(<generator>): push asks twice a mutation)
            if ground.admits(self, principal):
                return True
        return False

    def via_unit(self, principal: Principal) -> str | None:
        common = sorted(self.units & principal.unit_ids) or sorted(
            self.granted_units & principal.unit_ids
        )
        return common[0] if common else None


@dataclass(frozen=True)
class Ground:
    """One ground on which a user sees a scope (åtkomstgrund).

    In SQL, ``rows`` (a ``FROM`` clause) pairs scope keys (column ``key``) with the ids of
    the users admitted (column ``user``); ``admits`` is the same rule over a loaded scope
    and an authenticated user (whose ``unit_ids`` are the rows of ``user_units``)."""

    name: str
    rows: str
    key: str
    user: str
    admits: Callable[[Scope, Principal], bool]


GROUNDS: tuple[Ground, ...] = (
    # the carers of the user's units (a scope's units: scope_units)
    Ground(
        "unit",
        "scope_units su JOIN user_units uu ON uu.unit_id = su.unit_id",
        "su.scope_key",
        "uu.user_id",
        lambda scope, principal: bool(scope.units & principal.unit_ids),
    ),
    # the carers the user is support contact for (stödkontakt)
    Ground(
        "support_contact",
        "scopes s",
        "s.scope_key",
        "s.support_contact_id",
        lambda scope, principal: scope.support_contact_id is not None
        and scope.support_contact_id == principal.user_id,
    ),
    # a carer's shared scope granted to a unit (a consent: share_with_care, share_with_unit)
    Ground(
        "grant",
        "scope_grants sg JOIN user_units gu ON gu.unit_id = sg.unit_id",
        "sg.scope_key",
        "gu.user_id",
        lambda scope, principal: bool(scope.granted_units & principal.unit_ids),
    ),
)


def viewer(principal: Principal) -> tuple[str, ...]:
    """The parameters of :data:`VISIBLE_SCOPES` and :func:`visible`: the user's id once per
    ground."""
    return (principal.user_id,) * len(GROUNDS)


def visible(key_column: str) -> str:
    """A condition: the scope key in ``key_column`` is one the user sees (one index probe
    per ground; parameters: :func:`viewer`)."""
    tests = (
        f"EXISTS (SELECT 1 FROM {g.rows} WHERE {g.key} = {key_column} AND {g.user} = ?)"
        for g in GROUNDS
    )
    return "(" + " OR ".join(tests) + ")"


# The keys of every scope the user sees, as a subquery (parameters: viewer()).
VISIBLE_SCOPES = (
    "(" + " UNION ".join(f"SELECT {g.key} FROM {g.rows} WHERE {g.user} = ?" for g in GROUNDS) + ")"
)
# The same keys for ``key IN <this>`` only: a key seen on two grounds comes twice (UNION
# ALL), which IN does not mind, and no duplicate-removing pass is made over the keys (with
# 10,000 scopes a unit, a fifth of the pull page's query on SQLite). Never a FROM clause.
VISIBLE_SCOPE_KEYS = VISIBLE_SCOPES.replace(" UNION ", " UNION ALL ")


# The running figures (scope_key, mutation_count, checksum) of every scope the user sees
# that has mutations (parameters: viewer()), what a pull's integrity digest is summed over:
# each visible scope's row read by its key. On PostgreSQL the key lookups are written as a
# LATERAL subquery (OFFSET 0 keeps the planner from flattening it back into a join): as a
# join, the planner hashes the user's scope keys and reads every scope on the server (a
# sequential scan of 1,000,000 rows to sum 10,000 of them, issue #18 at scale).
VISIBLE_FIGURES = (
    "SELECT s.scope_key, s.mutation_count, s.checksum FROM scopes s"
    f" WHERE s.scope_key IN {VISIBLE_SCOPE_KEYS} AND s.mutation_count > 0"
)
VISIBLE_FIGURES_PG = (
    f"SELECT s.scope_key, s.mutation_count, s.checksum FROM {VISIBLE_SCOPES} v"
    " CROSS JOIN LATERAL (SELECT x.scope_key, x.mutation_count, x.checksum FROM scopes x"
    " WHERE x.scope_key = v.scope_key AND x.mutation_count > 0 OFFSET 0) s"
)


def visible_figures(tx: Transaction) -> str:
    """:data:`VISIBLE_FIGURES` in the form for the transaction's database."""
    return VISIBLE_FIGURES_PG if tx.dialect.is_pg else VISIBLE_FIGURES


# A pull page: the log after the cursor, in the scopes the user sees (parameters: cursor,
# viewer(), limit). Each row's scope is looked up (an index probe per ground) instead of
# listing every visible scope first: with thousands of carers in a unit, that list was
# built again for every page.
PAGE_QUERY = (
    "SELECT m.server_seq, m.payload, m.scope_key FROM mutations m WHERE m.server_seq > ?"
    f" AND {visible('m.scope_key')} ORDER BY m.server_seq LIMIT ?"
)


def load_scope(tx: Transaction, key: str) -> Scope | None:
    return load_scopes(tx, [key])[key]


def load_scopes(tx: Transaction, keys: list[str]) -> dict[str, Scope | None]:
    """The stored scope of each key (None where there is none yet), two queries per 400
    keys: a pull page of 1,000 changes can touch 1,000 scopes."""
    found: dict[str, Scope | None] = dict.fromkeys(keys)
    for start in range(0, len(keys), 400):
        chunk = keys[start : start + 400]
        marks = ", ".join("?" * len(chunk))
        units: dict[str, set[str]] = {}
        for key, unit_id in tx.all(
            f"SELECT scope_key, unit_id FROM scope_units WHERE scope_key IN ({marks})", chunk
        ):
            units.setdefault(key, set()).add(unit_id)
        granted: dict[str, set[str]] = {}
        for key, unit_id in tx.all(
            f"SELECT scope_key, unit_id FROM scope_grants WHERE scope_key IN ({marks})", chunk
        ):
            granted.setdefault(key, set()).add(unit_id)
        for key, *row in tx.all(
            "SELECT scope_key, carer_id, support_contact_id, units_hlc, mutation_count, checksum,"
            f" last_seq FROM scopes WHERE scope_key IN ({marks})",
            chunk,
        ):
            found[key] = Scope(key, row[0], units.get(key, set()), row[1], row[2], int(row[3]),
                               row[4], int(row[5]), granted.get(key, set()))
    return found


def save_scope(tx: Transaction, scope: Scope, stored_units: set[str] | None) -> None:
    values = (
        scope.support_contact_id,
        scope.units_hlc,
        scope.count,
        scope.checksum,
        scope.last_seq,
    )
    if stored_units is None:
        tx.execute(
            "INSERT INTO scopes (carer_id, support_contact_id, units_hlc, mutation_count,"
            " checksum, last_seq, scope_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (scope.carer_id, *values, scope.key),
        )
    else:
        tx.execute(
            "UPDATE scopes SET support_contact_id = ?, units_hlc = ?, mutation_count = ?,"
            " checksum = ?, last_seq = ? WHERE scope_key = ?",
            (*values, scope.key),
        )
    if stored_units != scope.units:
        if stored_units:
            tx.execute("DELETE FROM scope_units WHERE scope_key = ?", (scope.key,))
        for unit_id in sorted(scope.units):
            tx.execute(
                "INSERT INTO scope_units (scope_key, unit_id) VALUES (?, ?)",
                (scope.key, unit_id),
            )


# -- grants (delning) -----------------------------------------------------------
SHARE_WITH_CARE = "share_with_care"  # the cared-for person's care unit (vårdenhet)
SHARE_WITH_UNIT = "share_with_unit"  # "Dela med enhet…": a unit the carer consented to
GRANT_GROUNDS = (SHARE_WITH_CARE, SHARE_WITH_UNIT)
REASON_CONSENT_WITHDRAWN = "consent_withdrawn"
REASON_SHARING_ENDED = "sharing_ended"


def _states(tx: Transaction, sql: str, params: tuple[object, ...] | list[str]) -> list[EntityState]:
    out = []
    for (state,) in tx.all(sql, params):
        parsed = EntityState.from_json(json.loads(state))
        if not parsed.deleted:
            out.append(parsed)
    return out


def wanted_grants(tx: Transaction, carer_id: str) -> set[tuple[str, str]]:
    """The (unit id, ground) pairs that may see the carer's shared scope now, from the stored
    records of the carer's scope: its consents and relations, and the cared-for persons'
    units (``cared_for.unit_ids``). None for a carer with a protected identity, and none
    through a cared-for person with one (skyddade personuppgifter)."""
    holds_care = False
    grants: set[tuple[str, str]] = set()
    cared_for_ids: set[str] = set()
    carer = _states(tx, "SELECT state FROM entities WHERE entity = 'carer' AND entity_id = ?", (carer_id,))
    if carer and carer[0].fields.get("protected_identity"):
        return set()  # skyddade personuppgifter: only the carer's own units see the record
    for state in _states(
        tx,
        "SELECT state FROM entities WHERE scope_key = ? AND entity IN ('consent', 'relation')",
        (carer_id,),
    ):
        values = state.fields
        if state.entity == "consent":
            if values.get("withdrawn_at"):
                continue
            if values.get("scope") == SHARE_WITH_CARE:
                holds_care = True
            elif values.get("scope") == SHARE_WITH_UNIT and isinstance(values.get("unit_id"), str):
                grants.add((values["unit_id"], SHARE_WITH_UNIT))
        elif not values.get("ended_at") and isinstance(values.get("cared_for_id"), str):
            cared_for_ids.add(values["cared_for_id"])
    if holds_care and cared_for_ids:
        ids = sorted(cared_for_ids)
        marks = ", ".join("?" * len(ids))
        for state in _states(
            tx,
            f"SELECT state FROM entities WHERE entity = 'cared_for' AND entity_id IN ({marks})",
            ids,
        ):
            if state.fields.get("protected_identity"):
                continue  # skyddade personuppgifter: no unit is granted through this person
            units = state.fields.get("unit_ids")
            for unit_id in units if isinstance(units, list) else []:
                if isinstance(unit_id, str):
                    grants.add((unit_id, SHARE_WITH_CARE))
    known = {r[0] for r in tx.all("SELECT id FROM units")} if grants else set()
    return {(unit_id, ground) for unit_id, ground in grants if unit_id in known}


def refresh_grants(tx: Transaction, carer_id: str) -> tuple[int, int]:
    """Bring the grants of a carer's shared scope in line with its records; a grant that
    ends goes through :func:`end_grant`. Returns (granted, ended)."""
    key = shared_key(carer_id)
    wanted = wanted_grants(tx, carer_id)
    current = {
        (r[0], r[1])
        for r in tx.all("SELECT unit_id, ground FROM scope_grants WHERE scope_key = ?", (key,))
    }
    for unit_id, ground in sorted(wanted - current):
        tx.execute(
            "INSERT INTO scope_grants (scope_key, unit_id, ground) VALUES (?, ?, ?)",
            (key, unit_id, ground),
        )
    ended = sorted(current - wanted)
    for unit_id, ground in ended:
        reason = REASON_CONSENT_WITHDRAWN if ground == SHARE_WITH_CARE else REASON_SHARING_ENDED
        end_grant(tx, key, unit_id, ground, reason)
    return len(wanted - current), len(ended)


def end_grant(tx: Transaction, key: str, unit_id: str, ground: str, reason: str) -> None:
    """End one grant (the ``_end_grant`` of docs/PROTOCOL-3.md D/F): the unit's users stop
    being served and stop being allowed to push the scope at once (the grant row goes).

    When the unit holds no other ground on the scope (another grant, or being one of the
    carer's own units), its laptops must forget what they pulled: an audience purge
    (``server/store/audience.py``) in the same transaction, served to that unit alone."""
    tx.execute(
        "DELETE FROM scope_grants WHERE scope_key = ? AND unit_id = ? AND ground = ?",
        (key, unit_id, ground),
    )
    still = tx.one(
        "SELECT 1 FROM scope_grants WHERE scope_key = ? AND unit_id = ?", (key, unit_id)
    ) or tx.one("SELECT 1 FROM scope_units WHERE scope_key = ? AND unit_id = ?", (key, unit_id))
    if still is None:
        from anhorigdesk.server.store.audience import write_audience_purge

        written = write_audience_purge(tx, key, unit_id, reason)
        log.info("a grant of a shared scope ended (%s): %s", reason,
                 "audience purge written" if written else "nothing to forget")
