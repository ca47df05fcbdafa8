"""The storage layer on SQLite and PostgreSQL: migrations, append-only logs, concurrency."""

from __future__ import annotations

import threading

import pytest

from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import MIGRATIONS, applied_migrations, migrate

from .conftest import Harness, MutationFactory, pull_all


def test_named_migrations_are_recorded_and_run_once(database: Database) -> None:
    assert applied_migrations(database) == [m.name for m in MIGRATIONS]
    assert migrate(database) == []
    assert applied_migrations(database) == [m.name for m in MIGRATIONS]


@pytest.mark.parametrize("table", ["mutations", "access_log"])
def test_logs_are_append_only(harness: Harness, table: str) -> None:
    unit = harness.unit("Enhet A")
    client = harness.logged_in(harness.user("anna", [unit]))
    client.push([MutationFactory(harness, client).make()])
    db = harness.store.db
    for sql in (
        f"UPDATE {table} SET client_addr = 'x'"
        if table == "access_log"
        else f"UPDATE {table} SET op = 'delete'",
        f"DELETE FROM {table}",
    ):
        with pytest.raises(Exception, match="append-only"), db.transaction(write=True) as tx:
            tx.execute(sql)
    with db.transaction() as tx:
        assert tx.one(f"SELECT COUNT(*) FROM {table}")[0] >= 1


def test_epoch_is_created_with_the_database_and_changed_by_restore_marker(
    harness: Harness,
) -> None:
    first = harness.store.epoch()
    assert len(first) == 32
    second = harness.store.restore_marker()
    assert second != first and harness.store.epoch() == second


def test_concurrent_pushes_get_contiguous_server_seqs(harness: Harness) -> None:
    unit = harness.unit("Enhet A")
    clients = [harness.logged_in(harness.user(f"user{i}", [unit])) for i in range(4)]
    factories = [MutationFactory(harness, c) for c in clients]
    batches = [[f.make() for _ in range(30)] for f in factories]
    # in-process transports are not thread-safe; call the store directly from threads
    principals = [harness.store.authenticate(c.token_store.load().access_token) for c in clients]
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            for start in range(0, 30, 5):
                harness.store.push(principals[i], batches[i][start : start + 5], None, "127.0.0.1")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    changes, cursor, integrity = pull_all(clients[0])
    assert [c["server_seq"] for c in changes] == list(range(1, 121))
    assert cursor == 120
    assert {c["mutation_id"] for c in changes} == {m["mutation_id"] for b in batches for m in b}
    assert integrity["count"] == 120 and integrity["through"] == 120
