"""Many purges in one transaction (``write_purges``, the gallring run's chunks): the same
result as one ``write_purge`` after another, and a group refused for recent activity
leaves every scope of the group untouched while the other groups are written. SQLite and
PostgreSQL in process."""

from __future__ import annotations

from anhorigdesk.server.store.purge import (
    PurgeRefused,
    PurgeRequest,
    PurgeResult,
    write_purge,
    write_purges,
)

from .conftest import Harness, MutationFactory, pull_all

BETWEEN = "2027-06-01T00:00:00.000000Z"  # after the first pushes (2026), before the later (2029)


def _carers(harness: Harness, names: list[str]) -> tuple[object, MutationFactory, list[str]]:
    unit = harness.unit("Enhet A")
    account = harness.user("anna", [unit])
    client = harness.logged_in(account)
    make = MutationFactory(harness, client)
    batch, ids = [], []
    for name in names:
        carer = make.make(fields={"name": name})
        ids.append(carer["entity_id"])
        batch += [carer, make.make(entity="entry", carer_id=carer["entity_id"], fields={
            "carer_id": carer["entity_id"], "kind": "conversation",
            "occurred_at": "2026-03-01T10:00:00Z", "data": {"text": f"Samtal med {name}"}})]
    client.push(batch)
    return account, make, ids


def _text(harness: Harness) -> str:
    with harness.store.db.transaction() as tx:
        return "\n".join([r[0] for r in tx.all("SELECT payload FROM mutations")]
                         + [r[0] for r in tx.all("SELECT state FROM entities")])


def _counts(result: PurgeResult) -> tuple[int, ...]:
    return (result.records, result.mutations_set_aside, result.records_deleted,
            result.versions_deleted, result.entries_deleted, result.log_rows)


def test_a_refused_group_writes_nothing_and_the_other_groups_are_written(harness: Harness) -> None:
    account, _make, (a, b, c) = _carers(harness, ["Anna Först", "Bertil Bredvid", "Cilla Sist"])
    harness.clock.advance(days=3 * 365)
    client = harness.logged_in(account)
    recent = MutationFactory(harness, client)
    client.push([recent.make(entity="entry", carer_id=c, fields={
        "carer_id": c, "kind": "conversation", "occurred_at": "2029-03-01T10:00:00Z",
        "data": {"text": "Nytt samtal med Cilla"}})])

    def request(scope: str) -> PurgeRequest:
        return PurgeRequest(scope, None, "gallring", None, "test", None, BETWEEN)

    with harness.store.db.transaction(write=True) as tx:
        tx.lock_log()
        outcomes = write_purges(tx, [[request(a)], [request(b), request(c)]])
    assert isinstance(outcomes[1], PurgeRefused) and outcomes[1].params == {"count": 1}
    assert isinstance(outcomes[0], list) and _counts(outcomes[0][0]) == (2, 2, 2, 5, 1, 2)
    stored = _text(harness)
    assert "Anna Först" not in stored and "Samtal med Anna" not in stored
    for kept in ("Bertil Bredvid", "Samtal med Bertil", "Cilla Sist", "Nytt samtal med Cilla"):
        assert kept in stored
    purges = [ch for ch in pull_all(client)[0] if ch.get("kind") == "purge"]
    assert [p["scope"] for p in purges] == [a]


def test_many_purges_at_once_count_as_one_after_another(harness: Harness) -> None:
    _account, _make, ids = _carers(harness, [f"Person {n}" for n in range(6)])
    one_by_one = [write_purge(harness.store, scope, None, "gallring", None, active_after=BETWEEN)
                  for scope in ids[:3]]
    with harness.store.db.transaction(write=True) as tx:
        tx.lock_log()
        together = write_purges(tx, [[PurgeRequest(s, None, "gallring", None, "test", None, BETWEEN)]
                                     for s in ids[3:]])
    assert [_counts(r) for r in one_by_one] == [_counts(r[0]) for r in together]  # type: ignore[index]
    # each purge has its own seq right after the one before, and the log stays whole
    seqs = [r.server_seq for r in one_by_one] + [r[0].server_seq for r in together]  # type: ignore[index]
    assert seqs == list(range(seqs[0], seqs[0] + 6))
    assert not any(f"Person {n}" in _text(harness) for n in range(6))
    client = harness.logged_in(_account)  # type: ignore[arg-type]
    changes, _cursor, integrity = pull_all(client)
    assert integrity["count"] == 6 * 2 + 6
    assert {c["scope"] for c in changes if c.get("kind") == "purge"} == set(ids)
