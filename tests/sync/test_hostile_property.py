"""Property: whatever schema-valid pushes one user of unit Söder makes (other units' record
ids and carers, wrong value types, undeclared fields and entities, extreme and malformed
clocks, forged actors, reused mutation ids), no laptop of unit Norr changes, a laptop of a
user in both units keeps Norr's records as they were, every laptop's sync completes, and
the server never answers with a 5xx (issue #19)."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anhorigdesk.store import Actor
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient, SyncError
from tests.server.conftest import PASSWORD

from .conftest import Server, World

EXAMPLES = int(os.environ.get("ANHORIGDESK_HOSTILE_EXAMPLES", "12"))

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(["name", "notes", "phone", "unit_ids", "is_child", "birth_date",
                               "hours_per_week", "support_contact_id", "status", "data", "kind",
                               "carer_id", "occurred_at", "confidentiality", "okant_falt"])
ENTITIES = st.sampled_from(["carer", "entry", "relation", "consent", "cared_for", "staff", "unit",
                            "follow_up_task", "password_hash"])
CLOCKS = st.sampled_from(["now", "now", "future", "far", "zero", "node", "short", "garbage"])

hostile = st.lists(
    st.fixed_dictionaries({
        "entity": ENTITIES,
        "target": st.sampled_from(["victim_carer", "victim_entry", "own_carer", "fresh"]),
        "carer": st.sampled_from(["victim_carer", "own_carer", "none", "fresh"]),
        "units": st.sampled_from([["south"], ["north"], ["north", "south"], [], ["atlantis"]]),
        "fields": st.dictionaries(FIELD_NAMES, JSON, max_size=3),
        "base": st.dictionaries(FIELD_NAMES, CLOCKS, max_size=2),
        "clock": CLOCKS,
        "actor_unit": st.sampled_from(["south", "south", "north", None]),
        "op": st.sampled_from(["upsert", "upsert", "delete"]),
        "reuse": st.booleans(),
    }),
    min_size=1,
    max_size=10,
)


def _clock(kind: str, device: str) -> str:
    now = time.time_ns() // 1_000_000
    return {
        "now": f"{now:016d}-00000-{device}",
        "future": f"{now + 3_600_000:016d}-00000-{device}",
        "far": f"9999999999999999-99999-{device}",
        "zero": f"0000000000000000-00000-{device}",
        "node": f"{now:016d}-00000-someoneelse",
        "short": f"{now}-0-{device}",
        "garbage": "abc.def:ghi",
    }[kind]


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan=hostile)
def test_hostile_pushes_change_no_other_units_laptop(plan: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "server.db")
        north = server.store.create_unit("Norr")
        south = server.store.create_unit("Söder")
        world = World(server=server, unit=north, tmp=Path(tmp))
        try:
            _run(world, north, south, plan)
        finally:
            world.close()


def _run(world: World, north: str, south: str, plan: list[dict[str, Any]]) -> None:
    server = world.server
    a = world.laptop("anna")
    both_id = server.store.create_user("berit", PASSWORD, [north, south], "care_worker")
    world._users["berit"] = both_id
    b = world.laptop("berit", user="berit")
    b.actor = Actor(staff_id=both_id, unit_id=north, name="berit")
    victim_carer = world.new_carer(a, name="Hedda Prov", notes="orkar inte", phone="070-1")
    victim_entry = a.repo.add_entry(a.actor, victim_carer, "samtal", {"text": "Hedda"})
    a.sync()
    b.sync()
    a_before, b_before = a.views(), b.views()
    victim_ids = server.mutation_ids()

    mallory_id = server.store.create_user("mallory", PASSWORD, [south], "care_worker")
    device = f"dev{uuid.uuid4().hex[:10]}"
    mallory = SyncClient("http://testserver", transport=server.transport(),
                         token_store=MemoryTokenStore(), language="en")
    mallory.login("mallory", PASSWORD, device_id=device, device_name="M")
    own_carer = str(uuid.uuid4())
    seq = 1
    mallory.push([{
        "mutation_id": str(uuid.uuid4()), "client_id": device, "seq": 1, "entity": "carer",
        "entity_id": own_carer, "op": "upsert", "fields": {"name": "Mallorys"}, "base": {},
        "hlc": _clock("now", device), "carer_id": own_carer, "unit_ids": [south],
        "actor": {"staff_id": mallory_id, "unit_id": south},
    }])
    ids = {"victim_carer": victim_carer, "victim_entry": victim_entry, "own_carer": own_carer,
           "none": None}
    units = {"north": north, "south": south, "atlantis": "atlantis"}
    for step in plan:
        pick = lambda k: ids.get(k, str(uuid.uuid4()))  # noqa: E731
        mutation = {
            "mutation_id": victim_ids[0] if step["reuse"] else str(uuid.uuid4()),
            "client_id": device, "seq": seq + 1, "entity": step["entity"],
            "entity_id": pick(step["target"]), "op": step["op"], "fields": step["fields"],
            "base": {k: _clock(v, device) for k, v in step["base"].items()},
            "hlc": _clock(step["clock"], device), "carer_id": pick(step["carer"]),
            "unit_ids": [units[u] for u in step["units"]],
            "actor": {"staff_id": mallory_id, "unit_id": units.get(step["actor_unit"] or "")},
        }
        try:
            mallory.push([mutation])
            seq += 1
        except SyncError as exc:
            assert exc.status is not None and 400 <= exc.status < 500, exc  # never a 5xx
            assert exc.code != "invalid_request", exc  # schema-valid: refused by the checks
    mallory.close()

    for laptop in (a, b):
        report = laptop.engine.sync_once()
        assert report.ok and report.integrity_ok, (laptop.name, report)
    assert a.views() == a_before  # Norr's laptop: nothing changed
    b_after = b.views()
    assert {k: b_after[k] for k in b_before} == b_before  # Norr's records on the shared laptop
    assert b.engine.replica.quarantined() == []  # nothing stored that a laptop must refuse
    a.repo.update_carer(a.actor, victim_carer, notes="senare")  # later changes still arrive
    a.sync()
    b.sync()
    assert b.record("carer", victim_carer)["notes"] == "senare"

