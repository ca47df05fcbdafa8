"""Scopes (omfång) and which of them a user sees (synlighet): the one place that says so.

A scope is the set of mutations about one carer (its key is the carer id) or, for records
about no carer, about a set of units (``units:<ids>``). Who sees a scope is stated once, in
:data:`GROUNDS`: each ground of access names the rows that pair a scope key with the users
it admits (the SQL) and the same rule over a loaded :class:`Scope` (the Python check). The
pull page's filter (:data:`PAGE_QUERY`), the list of visible scopes that integrity digests
are summed over (:data:`VISIBLE_SCOPES`) and :meth:`Scope.allows` (push, repair reads) are
all derived from it. A new ground of access (docs/PROTOCOL-3.md part F: a care unit granted
a carer's ``<carer_id>:shared`` scopes by a consent) is one more :class:`Ground` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from anhorigdesk.server.db import Transaction
from anhorigdesk.server.store.base import Principal
from anhorigdesk.replication.integrity import EMPTY_CHECKSUM


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

    def allows(self, principal: Principal) -> bool:
        for ground in GROUNDS:  # noqa: SIM110 (a loop, not any(<generator>): push asks twice a mutation)
            if ground.admits(self, principal):
                return True
        return False

    def via_unit(self, principal: Principal) -> str | None:
        common = sorted(self.units & principal.unit_ids)
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
        for key, *row in tx.all(
            "SELECT scope_key, carer_id, support_contact_id, units_hlc, mutation_count, checksum,"
            f" last_seq FROM scopes WHERE scope_key IN ({marks})",
            chunk,
        ):
            found[key] = Scope(key, row[0], units.get(key, set()), row[1], row[2], int(row[3]),
                               row[4], int(row[5]))
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
