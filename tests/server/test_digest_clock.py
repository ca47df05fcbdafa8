"""The digest clock (server migration 0011) and the kept combined digests of no-op pulls
(``SyncLog._visible_digest_at``): a pull with nothing new answers the digest this process
computed before only while nothing it is computed from has changed; any write to the
scopes, their units, their grants or a user's units (push, admin command, grant change)
moves the clock in the same transaction. In process, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from anhorigdesk.replication.integrity import combine
from anhorigdesk.server.store import ServerStore
from anhorigdesk.server.store.scopes import VISIBLE_SCOPES
from anhorigdesk.server.store.sync import SyncLog

from .conftest import Harness, MutationFactory, pull_all


def _gen(store: ServerStore) -> int:
    with store.db.transaction() as tx:
        row = tx.one("SELECT gen FROM digest_clock WHERE id = 1")
    assert row is not None
    return int(row[0])


def _digest_now(store: ServerStore, user_id: str) -> tuple[int, str]:
    """The user's combined digest computed from the tables, without any kept value."""
    with store.db.transaction() as tx:
        return combine(tx.all(
            "SELECT mutation_count, checksum FROM scopes"
            f" WHERE scope_key IN {VISIBLE_SCOPES} AND mutation_count > 0",
            (user_id,) * VISIBLE_SCOPES.count("?"),
        ))


@pytest.fixture
def two_units(harness: Harness) -> dict[str, Any]:
    """Unit A with two carers, unit B with three; ``reader`` works in A only."""
    a, b = harness.unit("Anhörigstöd A"), harness.unit("Anhörigstöd B")
    writer_a = harness.logged_in(harness.user("skrivare_a", [a]))
    writer_b = harness.logged_in(harness.user("skrivare_b", [b]))
    reader_account = harness.user("lasare", [a])
    reader = harness.logged_in(reader_account)
    make_a, make_b = MutationFactory(harness, writer_a), MutationFactory(harness, writer_b)
    writer_a.push([make_a.make(fields={"name": f"Carer A{i}"}) for i in range(2)])
    writer_b.push([make_b.make(fields={"name": f"Carer B{i}"}) for i in range(3)])
    return {"a": a, "b": b, "reader": reader, "reader_id": reader_account.user_id,
            "make_a": make_a, "writer_a": writer_a}


def test_a_no_op_pull_follows_a_change_of_the_users_units_without_new_mutations(
    harness: Harness, two_units: dict[str, Any]
) -> None:
    reader, store = two_units["reader"], harness.store
    _changes, cursor, integrity = pull_all(reader)
    assert integrity["count"] == 2
    again = reader.pull(cursor, 100)
    assert again["changes"] == [] and again["integrity"]["count"] == 2

    # the admin adds unit B: no mutation, the head stays where it was
    store.set_user_units("lasare", [two_units["a"], two_units["b"]])
    after = reader.pull(cursor, 100)
    assert after["next_cursor"] == cursor
    count, checksum = _digest_now(store, two_units["reader_id"])
    assert count == 5
    assert (after["integrity"]["count"], after["integrity"]["checksum"]) == (count, checksum)

    # and back: the digest of unit A alone again
    store.set_user_units("lasare", [two_units["a"]])
    back = reader.pull(cursor, 100)
    assert (back["integrity"]["count"], back["integrity"]["checksum"]) == (
        integrity["count"], integrity["checksum"])


def test_a_kept_digest_is_answered_while_nothing_changed_and_computed_again_after(
    harness: Harness, two_units: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader, store = two_units["reader"], harness.store
    _changes, cursor, integrity = pull_all(reader)
    computed: list[str] = []
    original = SyncLog._visible_digest

    def counting(tx: Any, principal: Any) -> tuple[int, str]:
        computed.append(principal.user_id)
        return original(tx, principal)

    monkeypatch.setattr(SyncLog, "_visible_digest", staticmethod(counting))
    for _ in range(3):
        page = reader.pull(cursor, 100)
        assert page["integrity"]["checksum"] == integrity["checksum"]
    assert computed == []  # the pull that reached the head kept it

    # a push in unit A moves the head and the clock: the reader computes once, then keeps
    two_units["writer_a"].push([two_units["make_a"].make(fields={"name": "Carer A9"})])
    changes, cursor, integrity = pull_all(reader, cursor)
    assert len(changes) == 1 and integrity["count"] == 3
    assert computed == [two_units["reader_id"]]
    assert reader.pull(cursor, 100)["integrity"] == integrity
    assert computed == [two_units["reader_id"]]
    assert (integrity["count"], integrity["checksum"]) == _digest_now(store, two_units["reader_id"])


@pytest.mark.parametrize(
    ("table", "write"),
    [
        ("scopes", "UPDATE scopes SET units_hlc = units_hlc"),
        ("scope_units", "DELETE FROM scope_units WHERE unit_id = '{b}'"),
        ("scope_grants", "INSERT INTO scope_grants (scope_key, unit_id, ground)"
                         " VALUES ('x:shared', '{a}', 'share_with_unit')"),
        ("user_units", "DELETE FROM user_units WHERE unit_id = '{b}'"),
    ],
)
def test_every_write_to_a_digest_input_moves_the_clock(
    harness: Harness, two_units: dict[str, Any], table: str, write: str
) -> None:
    store = harness.store
    before = _gen(store)
    with store.db.transaction(write=True) as tx:
        tx.execute(write.format(a=two_units["a"], b=two_units["b"]))
    assert _gen(store) != before, table
    # a write elsewhere (the access log, sessions) leaves it
    steady = _gen(store)
    with store.db.transaction(write=True) as tx:
        tx.execute("UPDATE sessions SET last_used_at = last_used_at")
        tx.execute("INSERT INTO access_log (at, action, outcome) VALUES ('2026-03-02', 'x', 'ok')")
    assert _gen(store) == steady


def test_a_rolled_back_write_leaves_the_clock(harness: Harness, two_units: dict[str, Any]) -> None:
    store = harness.store
    before = _gen(store)
    with pytest.raises(RuntimeError), store.db.transaction(write=True) as tx:
        tx.execute("UPDATE scopes SET units_hlc = units_hlc")
        raise RuntimeError("stop")
    assert _gen(store) == before
