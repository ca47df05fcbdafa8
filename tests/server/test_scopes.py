"""Which scopes a user sees is stated once (``server/store/scopes.py`` ``GROUNDS``): the
pull page's SQL condition, the list of visible scopes the integrity digests sum over, and
the Python check a push and a repair read use agree for every user and scope."""

from __future__ import annotations

import itertools

from anhorigdesk.server.db import Database
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.server.store.scopes import (
    VISIBLE_SCOPES,
    Scope,
    load_scopes,
    save_scope,
    viewer,
    visible,
)

PASSWORD = "ett-långt-lösenord"


def test_sql_and_python_agree_on_who_sees_which_scope(database: Database) -> None:
    store = ServerStore(database, passwords=Passwords(fast=True))
    north, south, west = (store.create_unit(name) for name in ("Norr", "Söder", "Väster"))
    users = {
        "anna": [north],
        "bo": [south],
        "cilla": [north, south],
        "dag": [west],  # support contact only, of one carer in no unit of his
    }
    principals = []
    for name, units in users.items():
        store.create_user(name, PASSWORD, units, "care_worker")
        tokens = store.login(name, PASSWORD, f"laptop-{name}", "Laptop", "127.0.0.1")
        principals.append(store.authenticate(tokens["access_token"]))
    ids = {p.username: p.user_id for p in principals}
    # every combination of units (none, one, two) and support contact (none, anna, dag)
    unit_sets = [set(), {north}, {south}, {north, south}]
    contacts = [None, ids["anna"], ids["dag"]]
    scopes = [
        Scope(f"carer-{i}", f"carer-{i}", units, contact, "")
        for i, (units, contact) in enumerate(itertools.product(unit_sets, contacts))
    ]
    with database.transaction(write=True) as tx:
        for scope in scopes:
            save_scope(tx, scope, None)

    seen_by = {}
    with database.transaction() as tx:
        loaded = load_scopes(tx, [s.key for s in scopes])
        for principal in principals:
            in_python = {k for k, s in loaded.items() if s is not None and s.allows(principal)}
            listed = {
                r[0]
                for r in tx.all(
                    f"SELECT scope_key FROM scopes WHERE scope_key IN {VISIBLE_SCOPES}",
                    viewer(principal),
                )
            }
            tested = {
                r[0]
                for r in tx.all(
                    f"SELECT sc.scope_key FROM scopes sc WHERE {visible('sc.scope_key')}",
                    viewer(principal),
                )
            }
            assert in_python == listed == tested, principal.username
            seen_by[principal.username] = in_python

    # and the one statement says what the protocol says (docs/SERVER.md, "Authorization")
    def expected(username: str) -> set[str]:
        return {
            s.key
            for s in scopes
            if s.units & set(users[username]) or s.support_contact_id == ids[username]
        }

    for username in users:
        assert seen_by[username] == expected(username)
    assert len(seen_by["dag"]) == len(unit_sets)  # only where he is support contact
