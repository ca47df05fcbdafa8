"""Trust at the boundary on the laptops (issue #19, docs/PROTOCOL-3.md A.2, A.5, C):
a bad change that a server before protocol 3 stored is quarantined and never stops a sync,
a change moving a record into another scope leaves the laptop's copy intact, a far-future
clock wins nothing, a laptop whose clock is ahead re-stamps its pending edits and loses
none, a protocol-2 laptop keeps syncing, and a retired mutation leaves every laptop."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from anhorigdesk.server import store as server_store
from anhorigdesk.server import validation
from anhorigdesk.store import Actor
from anhorigdesk.store.ids import MAX_CLOCK_AHEAD_MS
from anhorigdesk.sync.engine import SyncEngine
from anhorigdesk.sync.protocol import PROTOCOL_HEADER, MemoryTokenStore, SyncClient
from anhorigdesk.sync.replica import Replica
from tests.server.conftest import PASSWORD

from .conftest import Laptop, World


@contextmanager
def old_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server as it was before protocol 3: no validation, the declared scope trusted."""
    with monkeypatch.context() as patched:
        patched.setattr(server_store.sync, "check_pushed", lambda m, **kw: None, raising=False)
        patched.setattr(server_store.ServerStore, "_check_record_scope", staticmethod(lambda *a: None), raising=False)
        yield


class Intruder:
    """A signed-in user pushing hand-made mutations from a device of its own."""

    def __init__(self, world: World, name: str, unit: str) -> None:
        self.user_id = world.server.store.create_user(name, PASSWORD, [unit], "care_worker")
        self.unit = unit
        self.device = f"dev{uuid.uuid4().hex[:12]}"
        self.client = SyncClient("http://testserver", transport=world.server.transport(),
                                 token_store=MemoryTokenStore(), language="en")
        self.client.login(name, PASSWORD, device_id=self.device, device_name="Inkräktare")
        self.seq = 0
        self.counter = 0

    def hlc(self, ahead_ms: int = 0) -> str:
        self.counter += 1
        return f"{time.time_ns() // 1_000_000 + ahead_ms:016d}-{self.counter:05d}-{self.device}"

    def mutation(self, entity: str, entity_id: str, fields: dict[str, Any], *, carer_id: str | None,
                 hlc: str | None = None, base: dict[str, str] | None = None) -> dict[str, Any]:
        self.seq += 1
        return {
            "mutation_id": str(uuid.uuid4()), "client_id": self.device, "seq": self.seq,
            "entity": entity, "entity_id": entity_id, "op": "upsert", "fields": fields,
            "base": base or {}, "hlc": hlc or self.hlc(), "carer_id": carer_id,
            "unit_ids": [self.unit], "actor": {"staff_id": self.user_id, "unit_id": self.unit},
        }

    def push(self, *mutations: dict[str, Any]) -> dict[str, Any]:
        return self.client.push(list(mutations))

    def close(self) -> None:
        self.client.close()


def _laptop_in(world: World, name: str, units: list[str]) -> Laptop:
    user_id = world.server.store.create_user(name, PASSWORD, units, "care_worker")
    world._users[name] = user_id
    laptop = world.laptop(name, user=name)
    laptop.actor = Actor(staff_id=user_id, unit_id=units[0], name=name)
    return laptop


def _stored_clocks(world: World) -> list[str]:
    with world.server.db.transaction() as tx:
        return [json.loads(r[0])["hlc"] for r in tx.all("SELECT payload FROM mutations ORDER BY server_seq")]


def test_bad_stored_changes_are_quarantined_and_the_sync_goes_on(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 2: after one unparsable hlc or a carer name that is an object, every
    colleague's sync raised on every try and later changes never arrived."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Greta Prov", notes="första")
    a.sync()
    b.sync()
    mallory = Intruder(world, "mallory", world.unit)
    poison = [
        mallory.mutation("carer", carer_id, {"name": {"förnamn": "Objekt"}}, carer_id=carer_id),
        mallory.mutation("carer", carer_id, {"notes": "fel klocka"}, carer_id=carer_id, hlc="1-2-3"),
        mallory.mutation("carer", carer_id, {"phone": ["070"]}, carer_id=carer_id),
    ]
    with old_server(monkeypatch):
        mallory.push(*poison)
    report = b.sync()
    assert report.quarantined == 3 and report.integrity_ok
    status = b.engine.status()
    assert status.quarantined == 3 and status.last_error is None
    held = b.engine.replica.quarantined()
    assert [(q["mutation_id"], q["field"]) for q in held] == [
        (poison[0]["mutation_id"], "name"), (poison[1]["mutation_id"], "hlc"), (poison[2]["mutation_id"], "phone")]
    assert {q["reason"] for q in held} == {"invalid_mutation"}
    kept = b.db.reader().execute("SELECT payload FROM sync_quarantine ORDER BY server_seq").fetchone()[0]
    assert json.loads(kept)["fields"] == {"name": {"förnamn": "Objekt"}}  # kept for investigation
    carer = b.record("carer", carer_id)
    assert carer["name"] == "Greta Prov" and carer["notes"] == "första"
    # later changes arrive, and the next sync is quiet
    a.repo.update_carer(a.actor, carer_id, notes="andra")
    a.sync()
    report = b.sync()
    assert report.quarantined == 0 and b.record("carer", carer_id)["notes"] == "andra"
    assert a.views() == b.views()
    # a fresh laptop pulling everything quarantines the same and converges
    c = world.laptop("c")
    assert c.sync().quarantined == 3 and c.views() == a.views()
    mallory.close()


def test_a_change_moving_a_record_into_another_scope_leaves_the_laptops_copy(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 1, on the laptop: a server before protocol 3 stored a change naming unit
    Norr's entry under Söder's carer; a laptop of a user in both units took it."""
    south = world.server.store.create_unit("Anhörigstödet Söder")
    a = world.laptop("a")
    carer_id = world.new_carer(a, name="Hedda Prov")
    entry_id = a.repo.add_entry(a.actor, carer_id, "samtal", {"text": "Hedda orkar inte"})
    a.sync()
    both = _laptop_in(world, "both", [world.unit, south])
    both.sync()
    mallory = Intruder(world, "mallory", south)
    own_carer = str(uuid.uuid4())
    mallory.push(mallory.mutation("carer", own_carer, {"name": "Mallorys"}, carer_id=own_carer))
    forged = mallory.mutation("entry", entry_id, {"data": {"text": "förfalskat"}}, carer_id=own_carer)
    with old_server(monkeypatch):
        mallory.push(forged)
    report = both.sync()
    assert both.record("entry", entry_id)["data"] == {"text": "Hedda orkar inte"}
    assert both.views()[("entry", entry_id)] == a.views()[("entry", entry_id)]
    assert report.quarantined == 1 and report.integrity_ok
    (held,) = both.engine.replica.quarantined()
    assert (held["mutation_id"], held["reason"]) == (forged["mutation_id"], "forbidden_scope_change")
    # against a protocol-3 server the same push is refused and logged
    with pytest.raises(Exception, match=r"another scope|andra uppgifter|record belongs") as refused:
        mallory.push(mallory.mutation("entry", entry_id, {"data": {"text": "igen"}}, carer_id=own_carer))
    assert getattr(refused.value, "code", "") == "forbidden_scope_change"
    mallory.close()


def test_a_far_future_clock_is_not_adopted_and_later_edits_win(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 3: after pulling 9999999999999999-99999-…, every later edit silently lost."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Tora Prov", notes="början")
    a.sync()
    b.sync()
    mallory = Intruder(world, "mallory", world.unit)
    with old_server(monkeypatch):
        mallory.push(mallory.mutation("carer", carer_id, {"notes": "för evigt"}, carer_id=carer_id,
                                      hlc=f"9999999999999999-99999-{mallory.device}"))
    report = b.sync()
    b.repo.update_carer(b.actor, carer_id, notes="senare")
    b.sync()
    a.sync()
    for laptop in (a, b):
        assert laptop.record("carer", carer_id)["notes"] == "senare"
    assert report.quarantined == 1 and b.engine.replica.quarantined()[0]["reason"] == "clock_ahead"
    assert b.db.clock.last < "9"  # the clock did not move there
    # a protocol-3 server refuses the clock itself
    with pytest.raises(Exception) as refused:
        mallory.push(mallory.mutation("carer", carer_id, {"notes": "igen"}, carer_id=carer_id,
                                      hlc=f"9999999999999999-99999-{mallory.device}"))
    assert getattr(refused.value, "code", "") == "clock_ahead"
    mallory.close()


def _clock_ahead(laptop: Laptop, ahead_ms: int) -> None:
    laptop.db.clock._wall_ms = lambda: time.time_ns() // 1_000_000 + ahead_ms  # the machine's clock is wrong


def test_a_laptop_whose_clock_is_ahead_restamps_its_pending_edits_and_loses_none(world: World) -> None:
    """The server refuses clocks more than five minutes ahead (409 clock_ahead); the laptop
    rebases its clock on the server's time and re-stamps every pending own mutation."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Klara Prov", notes="före")
    a.sync()
    b.sync()
    _clock_ahead(a, 3 * 3600 * 1000)  # three hours ahead
    new_carer = world.new_carer(a, name="Ny Provsson", notes="skrivet med fel klocka")
    a.repo.update_carer(a.actor, carer_id, notes="ett")
    a.repo.update_carer(a.actor, carer_id, notes="två", phone="070-1")
    entry_id = a.repo.add_entry(a.actor, carer_id, "samtal", {"text": "med fel klocka"})
    report = a.sync()
    assert report.restamped == 4 and report.pushed == 4 and report.rejected == []
    assert a.engine.status().pending == 0
    limit = time.time_ns() // 1_000_000 + MAX_CLOCK_AHEAD_MS
    assert all(int(hlc[:16]) <= limit for hlc in _stored_clocks(world))
    b.sync()
    assert b.record("carer", carer_id)["notes"] == "två" and b.record("carer", carer_id)["phone"] == "070-1"
    assert b.record("carer", new_carer)["notes"] == "skrivet med fel klocka"
    assert b.record("entry", entry_id)["data"] == {"text": "med fel klocka"}
    assert a.views() == b.views()
    record = a.record("carer", carer_id)
    assert record["hlc"] == b.record("carer", carer_id)["hlc"] and int(record["hlc"][:16]) <= limit
    # the rebase is kept: later edits go straight through, also after a restart of the engine
    offset = a.db.reader().execute("SELECT value FROM meta WHERE key = 'clock_offset_ms'").fetchone()
    assert offset is not None and int(offset[0]) < -3 * 3600 * 1000 + 60_000
    a.db.clock.offset_ms = 0
    engine = SyncEngine(a.repo, a.client, retry=a.engine.retry)
    assert a.db.clock.offset_ms == int(offset[0])
    a.repo.update_carer(a.actor, carer_id, notes="tre")
    report = engine.sync_once()
    assert report.ok and report.restamped == 0 and report.pushed == 1
    b.sync()
    assert b.record("carer", carer_id)["notes"] == "tre"
    # the machine's clock is put right: the rebase is dropped at the next sync
    _clock_ahead(a, 0)
    engine.sync_once()
    assert a.db.clock.offset_ms == 0
    assert a.db.reader().execute("SELECT 1 FROM meta WHERE key = 'clock_offset_ms'").fetchone() is None


def _protocol_2(laptop: Laptop) -> Laptop:
    laptop.client.protocol_version = 2
    laptop.client._http.headers[PROTOCOL_HEADER] = "2"
    return laptop


def test_a_protocol_2_laptop_keeps_syncing_and_keeps_an_edit_the_server_refuses(world: World) -> None:
    old = _protocol_2(world.laptop("old"))
    new = world.laptop("new")
    carer_id = world.new_carer(old, name="Äldre Prov", notes="från version 2")
    old.sync()
    new.sync()
    assert new.record("carer", carer_id)["notes"] == "från version 2"
    new.repo.update_carer(new.actor, carer_id, notes="från version 3")
    new.sync()
    old.sync()
    assert old.record("carer", carer_id)["notes"] == "från version 3"
    _clock_ahead(old, 3600 * 1000)
    old.repo.update_carer(old.actor, carer_id, notes="med fel klocka")
    report = old.sync()
    assert len(report.rejected) == 1 and report.restamped == 0
    assert old.engine.status().rejected == 1
    assert old.record("carer", carer_id)["notes"] == "med fel klocka"  # kept on the laptop
    new.sync()
    assert new.record("carer", carer_id)["notes"] == "från version 3"


def test_a_retired_mutation_leaves_the_laptops_that_pull_it(world: World) -> None:
    """A retired mutation is served as its stub in its place: a laptop that had not pulled
    it yet, one that pulls again from the start, and a new one never show its content."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Rut Prov", notes="rätt")
    a.sync()
    b.sync()
    b.repo.update_carer(b.actor, carer_id, email="olämpligt@example.org", phone="070-9")
    b.sync()
    (unwanted,) = [r[0] for r in b.db.reader().execute(
        "SELECT mutation_id FROM sync_log WHERE payload LIKE '%olämpligt%'").fetchall()]
    with world.server.db.transaction(write=True) as tx:
        validation.retire(tx, unwanted, by="test", at=world.server.store.now())
    b.repo.apply_remote(lambda conn: b.engine.replica.restart_pull(conn))  # e.g. a repair
    for laptop in (a, b, world.laptop("c")):
        report = laptop.sync()
        assert report.integrity_ok and report.quarantined == 0
        record = laptop.record("carer", carer_id)
        assert record["notes"] == "rätt" and record["phone"] is None, laptop.name
        assert record["email"] is None
    assert a.views() == b.views() == world.laptops[-1].views()
    assert b.engine.status().pending == 0


def test_restamping_is_kept_apart_from_acknowledged_mutations(world: World) -> None:
    """Only pending own mutations get new clocks; acknowledged ones and remote ones stay."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Sara Prov")
    a.sync()
    acked = a.db.reader().execute("SELECT payload FROM sync_log").fetchone()[0]
    a.repo.update_carer(a.actor, carer_id, notes="väntar")
    count = a.repo.apply_remote(
        lambda conn: a.engine.replica.restamp_pending(conn, time.time_ns() // 1_000_000 - 10_000))
    assert count == 1
    assert a.db.reader().execute("SELECT payload FROM sync_log WHERE state = 'acked'").fetchone()[0] == acked
    pending = json.loads(a.db.reader().execute(
        "SELECT payload FROM sync_log WHERE state = 'pending'").fetchone()[0])
    assert pending["hlc"] > json.loads(acked)["hlc"]  # stays above its own acknowledged clocks
    assert a.record("carer", carer_id)["field_hlc"]["notes"] == pending["hlc"]
    assert Replica.load_clock_offset(a.repo) == a.db.clock.offset_ms
    a.sync()
    b.sync()
    assert b.record("carer", carer_id)["notes"] == "väntar"


def test_restamping_clamps_a_seen_clock_merged_before_clocks_were_bounded(world: World) -> None:
    """A laptop that merged a far-future version before protocol 3 writes on top of it: its
    base names that clock, which the server refuses; re-stamping counts it as seen up to the
    mutation's own clock, so the edit is not refused for ever."""
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Ines Prov", notes="före")
    a.sync()
    b.sync()
    far = {"mutation_id": str(uuid.uuid4()), "client_id": "gammal", "entity": "carer",
           "entity_id": carer_id, "op": "upsert", "fields": {"notes": "från förr"}, "base": {},
           "hlc": "9999999999999999-00000-gammal", "carer_id": carer_id, "unit_ids": [world.unit],
           "actor": {"staff_id": "x", "unit_id": world.unit}}
    a.repo.apply_remote(lambda conn: a.engine.replica.merge(conn, [far]))  # as an old laptop did
    a.repo.update_carer(a.actor, carer_id, phone="070-2", notes="efter")
    report = a.sync()
    assert report.restamped == 1 and report.pushed == 1 and report.rejected == []
    b.sync()
    assert b.record("carer", carer_id)["notes"] == "efter" and b.record("carer", carer_id)["phone"] == "070-2"
