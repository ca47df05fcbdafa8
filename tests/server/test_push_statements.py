"""What a push costs the database: the statements of a batch of new records do not grow with
the batch (issue #18, the server's ingest): the grants and cards of part F, the fact rows,
the scopes and states are read and written for the whole batch at once."""

from __future__ import annotations

from typing import Any

import pytest

from anhorigdesk.server.db import Transaction

from .conftest import Harness, MutationFactory


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement a transaction sends from here on (executemany and a bulk insert count
    as one call each: one round trip or one pipelined stream), by its first words."""
    sent: list[str] = []
    run, many, bulk = Transaction._run, Transaction.executemany, Transaction.insert_rows

    def counted_run(self: Transaction, sql: str, params: Any) -> Any:
        sent.append(sql[:60])
        return run(self, sql, params)

    def counted_many(self: Transaction, sql: str, rows: Any) -> None:
        if rows:
            sent.append(sql[:60])
        many(self, sql, rows)

    def counted_bulk(self: Transaction, table: str, columns: Any, rows: Any) -> None:
        if rows:
            sent.append(f"insert_rows {table}")
        bulk(self, table, columns, rows)

    monkeypatch.setattr(Transaction, "_run", counted_run)
    monkeypatch.setattr(Transaction, "executemany", counted_many)
    monkeypatch.setattr(Transaction, "insert_rows", counted_bulk)
    return sent


def test_a_push_of_new_carers_sends_as_many_statements_for_60_as_for_10(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = harness.unit("Enhet A")
    client = harness.logged_in(harness.user("anna", [unit]))
    factory = MutationFactory(harness, client)
    tokens = client.token_store.load()
    assert tokens is not None
    principal = harness.store.authenticate(tokens.access_token)
    first = factory.make(fields={"name": "Person", "unit_ids": [unit]})
    harness.store.push(principal, [first], None, "127.0.0.1")  # the client is known now
    sent = _counting(monkeypatch)
    per_batch = []
    for size in (10, 60):
        sent.clear()
        batch = [factory.make(fields={"name": f"Person {i}", "unit_ids": [unit]}) for i in range(size)]
        result = harness.store.push(principal, batch, None, "127.0.0.1")
        assert result["applied"] == size
        per_batch.append(list(sent))
    # before: four or five statements a new carer for its grants and card alone
    assert len(per_batch[1]) == len(per_batch[0]), (per_batch[0], per_batch[1])
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM entities WHERE entity = 'carer'")[0] == 71
        assert tx.one("SELECT COUNT(*) FROM stat_facts WHERE entity = 'carer'")[0] == 71
        assert tx.one("SELECT COUNT(*) FROM stat_units")[0] == 71
