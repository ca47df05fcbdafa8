"""A pull page far behind the head is read scope by scope (``PAGE_BY_SCOPE_QUERY``), near
the head by walking the log (``PAGE_QUERY``): both must give exactly the same rows, on
every ground of access (unit, support contact, a grant of a shared scope), at every cursor.
In process, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from anhorigdesk.server.store import sync as sync_module
from anhorigdesk.server.store.scopes import PAGE_QUERY, viewer
from anhorigdesk.server.store.sync import PAGE_BY_SCOPE_QUERY

from .conftest import Harness, MutationFactory, pull_all

WHEN = "2026-03-01T10:00:00+01:00"


def _entry(make: MutationFactory, carer_id: str, marking: str, n: int) -> dict[str, Any]:
    return make.make(entity="entry", carer_id=carer_id,
                     fields={"carer_id": carer_id, "kind": "samtal", "occurred_at": WHEN,
                             "data": {"text": f"Samtal {n}"}, "confidentiality": marking})


@pytest.fixture
def log(harness: Harness) -> dict[str, Any]:
    """Three units pushing in turn; a carer of A shared with unit B by consent; a carer of
    B whose support contact works in C."""
    a, b, c = (harness.unit(n) for n in ("Enhet A", "Enhet B", "Enhet C"))
    accounts = {name: harness.user(name, [unit]) for name, unit in
                (("anna", a), ("bertil", b), ("cissi", c))}
    clients = {name: harness.logged_in(account) for name, account in accounts.items()}
    makes = {name: MutationFactory(harness, client) for name, client in clients.items()}
    carers: dict[str, list[str]] = {name: [] for name in clients}
    for round_ in range(4):
        for name in ("anna", "bertil", "cissi"):
            make = makes[name]
            fields: dict[str, Any] = {"name": f"{name} {round_}"}
            if name == "bertil" and round_ == 0:
                fields["support_contact_id"] = accounts["cissi"].user_id
            carer = make.make(fields=fields)
            carers[name].append(carer["entity_id"])
            batch = [carer]
            for n, cid in enumerate(carers[name]):
                batch.append(_entry(make, cid, "shareable" if n % 2 == 0 else "carer_only", n))
            clients[name].push(batch)
    shared_carer = carers["anna"][0]
    clients["anna"].push([makes["anna"].make(
        entity="consent", carer_id=shared_carer,
        fields={"carer_id": shared_carer, "scope": "share_with_unit", "unit_id": b,
                "given_at": "2026-03-01", "given_how": "written"})])
    return {"accounts": accounts, "clients": clients}


def test_both_page_queries_give_the_same_rows_at_every_cursor(
    harness: Harness, log: dict[str, Any]
) -> None:
    with harness.store.db.transaction(snapshot=True) as tx:
        head = int(tx.one("SELECT MAX(server_seq) FROM mutations")[0])
        for name, account in log["accounts"].items():
            seen = viewer(harness.store.authenticate(
                log["clients"][name].token_store.load().access_token))
            assert seen == (account.user_id,) * len(seen)
            total = 0
            for cursor in range(head + 1):
                for limit in (1, 3, 1000):
                    walked = tx.all(PAGE_QUERY, (cursor, *seen, limit))
                    by_scope = tx.all(PAGE_BY_SCOPE_QUERY, (*seen, cursor, limit))
                    assert by_scope == walked, (name, cursor, limit)
                if cursor == 0:
                    total = len(tx.all(PAGE_QUERY, (0, *seen, head)))
            assert total > 0, name


def test_a_fresh_laptop_pulls_the_same_changes_either_way(
    harness: Harness, log: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    walked = {name: pull_all(client, limit=4) for name, client in log["clients"].items()}
    monkeypatch.setattr(sync_module, "SCAN_ROWS_PER_PAGE", 0)  # every page scope by scope
    for name, client in log["clients"].items():
        changes, cursor, integrity = pull_all(client, limit=4)
        assert [c["mutation_id"] for c in changes] == [c["mutation_id"] for c in walked[name][0]]
        assert (cursor, integrity) == walked[name][1:]
    # bertil sees the shared entries of anna's first carer (the grant), and nothing else of A
    unit_a = log["accounts"]["anna"].unit_ids[0]
    from_a = [c for c in walked["bertil"][0] if c["actor"].get("unit_id") == unit_a]
    assert from_a
    # and the carer's card the server writes into the shared scope for a granted unit (part F)
    assert [c["entity"] for c in walked["bertil"][0] if "unit_id" not in c["actor"]] == ["carer_card"]
    assert all(c["entity"] == "entry" and c["fields"]["confidentiality"] == "shareable"
               for c in from_a)


def test_pages_read_ahead_are_the_pages_of_the_moment(
    harness: Harness, log: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A far-behind pull reads the server_seq values of READ_AHEAD_PAGES pages at once and
    keeps them for the user while the log stands still; a push between two pages (a new
    head, a new digest clock) is seen by the next page. Every page is the one
    PAGE_BY_SCOPE_QUERY gives at that moment, the kept values running out (2 pages of 2)
    included."""
    monkeypatch.setattr(sync_module, "SCAN_ROWS_PER_PAGE", 0)  # every page scope by scope
    monkeypatch.setattr(sync_module, "READ_AHEAD_PAGES", 2)
    store = harness.store
    token = log["clients"]["bertil"].token_store.load().access_token
    principal = store.authenticate(token)
    seen = viewer(principal)

    def page_now(cursor: int) -> list[int]:
        with store.db.transaction(snapshot=True) as tx:
            return [int(r[0]) for r in tx.all(PAGE_BY_SCOPE_QUERY, (*seen, cursor, 3))][:2]

    colleague = harness.logged_in(harness.user("berit", list(principal.unit_ids)))
    cursor, served, new_carer, kept_reads = 0, [], None, 0
    while True:
        expected = page_now(cursor)
        page = store.pull_with_token(token, cursor, 2, None, "127.0.0.1")
        got = [c["server_seq"] for c in page["changes"]]
        assert got == expected, (cursor, got, expected)
        served.extend(page["changes"])
        kept = store.kept_pages.get(principal.user_id)
        assert kept is not None and kept.cursor <= cursor
        kept_reads += kept.cursor < cursor  # a page served from values read before
        if len(served) == 4 and new_carer is None:
            new_carer = MutationFactory(harness, colleague).make(fields={"name": "Ny"})
            colleague.push([new_carer])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert kept_reads > 0
    assert new_carer is not None and new_carer["mutation_id"] in {c["mutation_id"] for c in served}
    walked, _, _ = pull_all(log["clients"]["bertil"], limit=1000)
    assert [c["mutation_id"] for c in served] == [c["mutation_id"] for c in walked]
