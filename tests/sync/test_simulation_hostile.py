"""The seeded simulation (``test_simulation.py``) with a hostile client in the unit: a
colleague's device that, between the laptops' steps, pushes mutations that must all be
refused (another record's scope, values of the wrong kind, undeclared fields, clocks far
ahead or of another node, a forged actor unit, another device's mutation id). Oracles:
every hostile push gets a 4xx (never a 5xx, never stored), no laptop quarantines anything
(the server stored nothing a laptop must refuse), and everything the simulation checks
still holds: every acknowledged write everywhere exactly once, identical replicas.

``ANHORIGDESK_SIM_EXAMPLES`` (default 30) sets how many runs Hypothesis makes; this file
makes a third of them.
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from anhorigdesk.sync.engine import RetryPolicy
from anhorigdesk.sync.protocol import MemoryTokenStore, SeqGap, SyncClient, SyncError
from tests.server.conftest import PASSWORD

from .conftest import Server, World
from .test_simulation import (
    EXAMPLES,
    PHASES,
    TEXTS,
    ChaosTransport,
    Step,
    _check,
    _settle,
    _write,
    steps,
)

ATTACKS = ("scope", "type", "field", "entity", "far_clock", "node", "actor", "reuse", "base")


class HostileClient:
    """A signed-in colleague's device pushing one bad mutation at a time."""

    def __init__(self, server: Server, unit: str, other_unit: str) -> None:
        self.server = server
        self.unit, self.other_unit = unit, other_unit
        self.user_id = server.store.create_user("mallory", PASSWORD, [unit], "care_worker")
        self.device = f"dev{uuid.uuid4().hex[:10]}"
        self.client = SyncClient("http://testserver", transport=server.transport(),
                                 token_store=MemoryTokenStore(), language="en")
        self.client.login("mallory", PASSWORD, device_id=self.device, device_name="M")
        self.seq = 0
        self.refused: list[str] = []

    def _stored(self) -> list[tuple[str, str, str]]:
        with self.server.db.transaction() as tx:
            return [tuple(r) for r in tx.all(
                "SELECT entity, entity_id, scope_key FROM entities ORDER BY entity, entity_id")]

    def attack(self, kind: str, rng: random.Random) -> None:
        records = self._stored()
        now = time.time_ns() // 1_000_000
        carers = [r for r in records if r[0] == "carer"]
        target = rng.choice(carers)[1] if carers else str(uuid.uuid4())
        m: dict[str, Any] = {
            "mutation_id": str(uuid.uuid4()), "client_id": self.device, "seq": self.seq + 1,
            "entity": "carer", "entity_id": target, "op": "upsert", "fields": {"notes": "fientlig"},
            "base": {}, "hlc": f"{now:016d}-00000-{self.device}", "carer_id": target,
            "unit_ids": [self.unit], "actor": {"staff_id": self.user_id, "unit_id": self.unit},
        }
        if kind == "scope":  # an existing record moved under a carer of its own
            others = [r for r in records if r[0] == "entry"] or carers
            if not others:
                return
            entity, entity_id, _scope = rng.choice(others)
            own = str(uuid.uuid4())
            m.update(entity=entity, entity_id=entity_id, carer_id=own,
                     fields={"data": {"text": "fientlig"}} if entity == "entry" else {"notes": "fientlig"})
        elif kind == "type":
            m["fields"] = {rng.choice(["name", "phone", "notes"]): rng.choice([{"a": 1}, ["x"], 7, True])}
        elif kind == "field":
            m["fields"] = {"hemligt": "fientlig"}
        elif kind == "entity":
            m["entity"] = "password_hash"
        elif kind == "far_clock":
            m["hlc"] = f"9999999999999999-99999-{self.device}"
        elif kind == "node":
            m["hlc"] = f"{now:016d}-00000-someoneelse"
        elif kind == "actor":
            m["actor"] = {"staff_id": self.user_id, "unit_id": self.other_unit}
        elif kind == "reuse":
            ids = self.server.mutation_ids()
            if not ids:
                return
            m["mutation_id"] = rng.choice(ids)
        elif kind == "base":
            m["base"] = {"notes": "9999999999999999-99999-x"}
        if not carers and kind not in ("scope", "reuse"):
            return  # no record to aim at yet
        try:
            self.client.push([m])
        except SeqGap as gap:  # the server was restored: take the seq it expects
            self.seq = gap.expected_seq - 1
            return
        except SyncError as exc:
            assert exc.status is not None and 400 <= exc.status < 500, exc
            assert exc.code in ("forbidden_scope_change", "invalid_mutation", "clock_ahead",
                                "forbidden_actor", "mutation_reused", "forbidden_scope"), exc
            self.refused.append(exc.code)
            event(f"hostile push refused: {exc.code}")
            return
        raise AssertionError(f"a hostile push ({kind}) was stored")

    def close(self) -> None:
        self.client.close()


@settings(
    phases=PHASES,
    max_examples=max(3, EXAMPLES // 3),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    n=st.integers(2, 3),
    seed=st.integers(0, 2**32 - 1),
    plan=steps,
    fault_rate=st.sampled_from([0.0, 0.15]),
    attack_rate=st.sampled_from([0.3, 0.7]),
)
def test_replicas_converge_with_a_hostile_client(
    n: int, seed: int, plan: list[Step], fault_rate: float, attack_rate: float
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "server.db")
        world = World(server=server, unit=server.store.create_unit("Simulerade enheten"), tmp=Path(tmp))
        hostile = HostileClient(server, world.unit, server.store.create_unit("Annan enhet"))
        try:
            rng = random.Random(seed)
            laptops = []
            for i in range(n):
                chaos = ChaosTransport(server.transport(), random.Random(rng.random()), fault_rate)
                chaos.chaos = False
                laptops.append(world.laptop(f"L{i}", user=f"user{i}", transport=chaos, push_batch=3,
                                            pull_limit=4, retry=RetryPolicy(attempts=2, sleep=lambda s: None)))
                chaos.chaos = True
            backup: Path | None = None
            for op, who, pick, text_index in plan:
                laptop = laptops[who % n]
                network: ChaosTransport = laptop.transport.inner  # type: ignore[assignment]
                if rng.random() < attack_rate:
                    hostile.attack(rng.choice(ATTACKS), rng)
                if op == "sync":
                    laptop.engine.sync_once()
                elif op == "offline":
                    network.online = False
                elif op == "online":
                    network.online = True
                elif op == "backup" and backup is None:
                    backup = server.backup(Path(tmp) / "backup.db")
                elif op in ("create", "notes", "phone", "delete", "entry"):
                    _write(world, laptop, op, pick, TEXTS[text_index])
            _settle(laptops)
            _check(world, laptops)
            for laptop in laptops:
                assert laptop.engine.status().quarantined == 0, laptop.name
                carers = laptop.db.reader().execute("SELECT notes FROM carers").fetchall()
                assert all("fientlig" not in (row[0] or "") for row in carers), laptop.name
        finally:
            hostile.close()
            world.close()
