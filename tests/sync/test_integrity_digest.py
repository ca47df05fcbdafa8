"""Protocol 2's combined integrity digest on the laptop: kept with every pulled page,
compared in one step when there is nothing to do, per scope only after a difference."""

from __future__ import annotations

import sqlite3

from anhorigdesk.replication.integrity import combine, scope_checksum
from anhorigdesk.store.migrations import SYNC_CLIENT, _sync_digest
from anhorigdesk.sync.replica import DIGEST

from .conftest import Laptop, World


def _scopes(laptop: Laptop) -> dict[str, tuple[int, str, int]]:
    rows = laptop.db.reader().execute(
        "SELECT scope_key, count, checksum, listed FROM sync_scopes"
    ).fetchall()
    return {k: (c, s, listed) for k, c, s, listed in rows}


def _detail_requests(laptop: Laptop) -> int:
    return laptop.transport.requests.count("/v1/integrity")


def test_digest_is_the_combination_of_the_pulled_scopes(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carers = [world.new_carer(a, name=f"Prov{i} Provsson") for i in range(3)]
    a.repo.update_carer(a.actor, carers[0], name="Ändrad Provsson")
    a.sync()
    report = b.sync()
    assert report.integrity_ok and not report.repaired
    scopes = _scopes(b)
    assert set(scopes) == set(carers) and all(listed == 1 for *_, listed in scopes.values())
    assert b.engine.replica.digest() == combine((c, s) for c, s, _ in scopes.values())
    assert b.engine.replica.digest()[0] == 4
    with world.server.db.transaction() as tx:
        ids = [r[0] for r in tx.all("SELECT mutation_id FROM mutations WHERE scope_key = ?",
                                    (carers[0],))]
    assert scopes[carers[0]][:2] == (2, scope_checksum(ids))


def test_a_sync_with_nothing_to_do_asks_for_no_per_scope_figures(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    for i in range(5):
        world.new_carer(a, name=f"Prov{i} Provsson")
    a.sync()
    b.sync()
    a.sync()
    before = _detail_requests(a) + _detail_requests(b)
    for laptop in (a, b, a, b):
        report = laptop.sync()
        assert report.integrity_ok and not report.repaired and report.pulled == 0
    assert _detail_requests(a) + _detail_requests(b) == before == 0


def test_a_replica_that_lost_a_pulled_change_is_repaired(world: World) -> None:
    """The local figures say more than the replica holds (a pulled change was lost, e.g.
    a restored laptop backup): the digests differ, the scope is named, a pull from 0
    brings it back."""
    a, b = world.laptop("a"), world.laptop("b")
    carer = world.new_carer(a, name="Först Provsson")
    a.sync()
    b.sync()
    a.repo.update_carer(a.actor, carer, name="Sedan Provsson")
    a.sync()
    b.sync()

    def forget(conn) -> None:  # the laptop forgets it ever pulled the edit
        last = conn.execute("SELECT max(server_seq) FROM sync_seen").fetchone()[0]
        conn.execute("DELETE FROM sync_seen WHERE server_seq = ?", (last,))
        conn.execute("UPDATE sync_scopes SET count = 1, checksum = ? WHERE scope_key = ?",
                     ("0" * 32, carer))
        b.engine.replica.put(conn, DIGEST, f"1:{'0' * 32}")

    b.repo.apply_remote(forget)
    report = b.sync()
    assert report.repaired and report.integrity_ok
    assert _detail_requests(b) == 1
    assert b.engine.replica.digest() == a.engine.replica.digest()
    assert b.views() == a.views()


def test_losing_and_regaining_sight_of_a_unit_needs_no_repair(world: World) -> None:
    other = world.server.store.create_unit("Hemtjänsten Väster")
    a = world.laptop("a")
    world._users["cilla"] = world.server.store.create_user(
        "cilla", "ett-långt-lösenord", [world.unit, other], "care_worker"
    )
    c = world.laptop("c", user="cilla")
    carer = world.new_carer(a, name="Synlig Provsson")
    a.sync()
    c.sync()
    assert c.engine.replica.digest()[0] == 1

    world.server.store.set_user_units("cilla", [other])
    report = c.sync()
    assert report.integrity_ok and not report.repaired
    assert _detail_requests(c) == 1
    assert _scopes(c)[carer][2] == 0  # kept here, left out of the digest
    assert c.engine.replica.digest() == (0, "0" * 32)
    assert c.sync().integrity_ok and _detail_requests(c) == 1  # settled: no second look

    world.server.store.set_user_units("cilla", [world.unit, other])
    report = c.sync()
    assert report.integrity_ok and not report.repaired
    assert _detail_requests(c) == 2
    assert _scopes(c)[carer][2] == 1
    assert c.engine.replica.digest()[0] == 1
    assert c.sync().integrity_ok and _detail_requests(c) == 2


def test_a_scope_pulled_from_again_comes_back_into_the_digest(world: World) -> None:
    """Regaining sight through a new change: the page that brings it lists the scope again."""
    other = world.server.store.create_unit("Hemtjänsten Väster")
    a = world.laptop("a")
    world._users["cilla"] = world.server.store.create_user(
        "cilla", "ett-långt-lösenord", [world.unit, other], "care_worker"
    )
    c = world.laptop("c", user="cilla")
    carer = world.new_carer(a, name="Synlig Provsson")
    a.sync()
    c.sync()
    world.server.store.set_user_units("cilla", [other])
    c.sync()
    world.server.store.set_user_units("cilla", [world.unit, other])
    a.repo.update_carer(a.actor, carer, name="Åter Provsson")
    a.sync()
    report = c.sync()
    assert report.integrity_ok and not report.repaired and report.applied == 1
    assert _scopes(c)[carer][:2][0] == 2 and _scopes(c)[carer][2] == 1
    assert c.engine.replica.digest() == a.engine.replica.digest()


def test_migration_computes_the_digest_of_an_existing_replica() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for statement in SYNC_CLIENT.split(";\n"):
        conn.execute(statement)
    figures = [(2, scope_checksum(["m1", "m2"])), (1, scope_checksum(["m3"]))]
    conn.executemany(
        "INSERT INTO sync_scopes(scope_key, count, checksum) VALUES (?, ?, ?)",
        [("c1", *figures[0]), ("c2", *figures[1])],
    )
    _sync_digest(conn)
    (value,) = conn.execute("SELECT value FROM sync_state WHERE key = 'digest'").fetchone()
    count, checksum = combine(figures)
    assert value == f"{count}:{checksum}" and count == 3
    assert checksum == scope_checksum(["m1", "m2", "m3"])
    assert conn.execute("SELECT count(*) FROM sync_scopes WHERE listed = 1").fetchone()[0] == 2
