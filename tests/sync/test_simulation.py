"""A seeded simulation: 2–4 laptops and a server, random local writes, laptops going
offline, requests dropped, duplicated or answered with a cut or lost reply, and a server
restored from an older backup. After everything settles: every acknowledged write is on
the server and on every laptop, exactly once; all replicas show identical records,
conflict sets and flags.

``ANHORIGDESK_SIM_EXAMPLES`` (default 30) sets how many runs Hypothesis makes.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from anhorigdesk.store.entities import ENTITIES
from anhorigdesk.store.repository import NotFound
from anhorigdesk.sync.engine import RetryPolicy

from .conftest import Laptop, Server, World

EXAMPLES = int(os.environ.get("ANHORIGDESK_SIM_EXAMPLES", "30"))
# long runs: ANHORIGDESK_SIM_NO_SHRINK=1 reports the first failing run as generated (faster)
PHASES = (
    [Phase.explicit, Phase.generate] if os.environ.get("ANHORIGDESK_SIM_NO_SHRINK") else list(Phase)
)
TEXTS = ["Behöver avlösning", "Vill ha samtal", "Orkar mindre", "Ny kontakt", "Sover dåligt", ""]


class ChaosTransport(httpx.BaseTransport):
    """The network of one laptop: offline, or a seeded mix of faults on each request."""

    def __init__(self, inner: httpx.BaseTransport, rng: random.Random, fault_rate: float) -> None:
        self.inner, self.rng, self.fault_rate = inner, rng, fault_rate
        self.online = True
        self.chaos = True

    def close(self) -> None:
        self.inner.close()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        if not self.online:
            raise httpx.ConnectError("offline", request=request)
        if not self.chaos or self.rng.random() >= self.fault_rate:
            return self.inner.handle_request(request)
        fault = self.rng.choice(["drop", "lose", "duplicate", "truncate"])
        if fault == "drop":
            raise httpx.ConnectError("dropped", request=request)
        if fault == "duplicate":
            self.inner.handle_request(
                httpx.Request(
                    request.method, request.url, headers=request.headers, content=request.content
                )
            )
            return self.inner.handle_request(request)
        response = self.inner.handle_request(request)
        if fault == "lose":
            raise httpx.ReadError("connection reset", request=request)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=response.content[: len(response.content) // 3],
            request=request,
        )


Step = tuple[str, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "create",
                "notes",
                "clash",
                "phone",
                "delete",
                "entry",
                "sync",
                "sync",
                "offline",
                "online",
                "backup",
                "restore",
            ]
        ),
        st.integers(0, 3),  # laptop
        st.integers(0, 1000),  # which record
        st.integers(0, len(TEXTS) - 1),
    ),
    min_size=8,
    max_size=40,
)


def _carers(laptop: Laptop) -> list[str]:
    return [
        r[0] for r in laptop.db.reader().execute("SELECT id FROM carers ORDER BY id").fetchall()
    ]


def _write(world: World, laptop: Laptop, op: str, pick: int, text: str) -> None:
    carers = _carers(laptop)
    if op == "create" or not carers:
        world.new_carer(laptop, name=f"Sim {pick} Provsson", notes=text or None)
        return
    target = carers[pick % len(carers)]
    try:
        if op == "notes":
            laptop.repo.update_carer(laptop.actor, target, notes=f"{laptop.name}: {text}")
        elif op == "phone":
            laptop.repo.update_carer(laptop.actor, target, phone=f"070-{pick:03d}")
        elif op == "delete":
            laptop.repo.delete(laptop.actor, "carer", target)
        elif op == "entry":
            laptop.repo.add_entry(laptop.actor, target, "samtal", {"text": text, "nr": pick})
    except NotFound:  # pragma: no cover - every listed carer exists
        raise


def _rows(laptop: Laptop) -> dict[str, list[tuple[Any, ...]]]:
    """The synced content of every table: fields, clocks, deleted, conflicts (no local times)."""
    out = {}
    conn = laptop.db.reader()
    for spec in ENTITIES.values():
        columns = ["id", *sorted(spec.fields), "hlc", "field_hlc", "deleted"]
        out[spec.table] = conn.execute(
            f"SELECT {', '.join(columns)} FROM {spec.table} ORDER BY id"
        ).fetchall()
    return out


def _settle(laptops: list[Laptop]) -> None:
    for laptop in laptops:
        laptop.transport.inner.online = True  # type: ignore[attr-defined]
        laptop.transport.inner.chaos = False  # type: ignore[attr-defined]
    for _ in range(3):
        for laptop in laptops:
            report = laptop.engine.sync_once()
            assert report.ok, (laptop.name, report)


def _check(world: World, laptops: list[Laptop]) -> None:
    on_server = world.server.mutation_ids()
    assert len(on_server) == len(set(on_server)), "a mutation is stored twice on the server"
    everything = set(on_server)
    for laptop in laptops:
        conn = laptop.db.reader()
        states = Counter(r[0] for r in conn.execute("SELECT state FROM sync_log").fetchall())
        assert set(states) <= {"acked"}, (laptop.name, states)
        own = {r[0] for r in conn.execute("SELECT mutation_id FROM sync_log").fetchall()}
        assert own <= everything, f"{laptop.name}: acknowledged writes missing on the server"
        seen = {r[0] for r in conn.execute("SELECT mutation_id FROM sync_seen").fetchall()}
        assert everything <= seen | own, f"{laptop.name}: server changes missing on the laptop"
        audits = Counter(
            r["mutation_id"]
            for r in laptop.repo.audit_log(limit=1_000_000)
            if r["action"] == "sync_apply"
        )
        assert not [m for m, n in audits.items() if n > 1], f"{laptop.name}: a change applied twice"
        assert laptop.engine.status().pending == 0
    views = [laptop.views() for laptop in laptops]
    rows = [_rows(laptop) for laptop in laptops]
    for laptop, view, row in zip(laptops[1:], views[1:], rows[1:], strict=True):
        assert view == views[0], f"{laptop.name} differs from {laptops[0].name}"
        assert row == rows[0], f"{laptop.name}'s tables differ from {laptops[0].name}'s"
    for (entity, entity_id), view in views[0].items():  # the tables show the merged view
        if entity == "carer":
            stored = laptops[0].repo.get(laptops[0].actor, "carer", entity_id)
            assert stored["conflicts"] == view["conflicts"]
            assert stored["deleted"] == view["deleted"]
            assert json.loads(json.dumps(stored["notes"])) == view["fields"].get("notes")


@settings(
    phases=PHASES,
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    n=st.integers(2, 4),
    seed=st.integers(0, 2**32 - 1),
    plan=steps,
    fault_rate=st.sampled_from([0.0, 0.15, 0.35]),
    mark_restore=st.booleans(),
    late_restore=st.booleans(),
)
def test_replicas_converge_under_faults(
    n: int, seed: int, plan: list[Step], fault_rate: float, mark_restore: bool, late_restore: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "server.db")
        world = World(
            server=server, unit=server.store.create_unit("Simulerade enheten"), tmp=Path(tmp)
        )
        try:
            rng = random.Random(seed)
            laptops = []
            for i in range(n):
                chaos = ChaosTransport(server.transport(), random.Random(rng.random()), fault_rate)
                chaos.chaos = False  # logging in happens before the trouble starts
                user = "delad" if i == n - 1 and n > 2 else f"user{i}"  # two laptops of one user
                laptops.append(
                    world.laptop(
                        f"L{i}",
                        user=user,
                        transport=chaos,
                        push_batch=3,
                        pull_limit=4,
                        retry=RetryPolicy(attempts=2, sleep=lambda s: None),
                    )
                )
                chaos.chaos = True
            backup: Path | None = None
            restored = False
            for op, who, pick, text_index in plan:
                laptop = laptops[who % n]
                network: ChaosTransport = laptop.transport.inner  # type: ignore[assignment]
                if op == "sync":
                    laptop.engine.sync_once()
                elif op == "offline":
                    network.online = False
                elif op == "online":
                    network.online = True
                elif op == "backup" and backup is None:
                    backup = server.backup(Path(tmp) / "backup.db")
                elif op == "restore" and backup is not None and not restored:
                    server.restore(backup, mark=mark_restore)
                    restored = True
                elif op == "clash":  # two laptops edit the same note before either syncs
                    other = laptops[(who + 1) % n]
                    common = sorted(set(_carers(laptop)) & set(_carers(other)))
                    if common:
                        event("two laptops edited one note")
                        target = common[pick % len(common)]
                        for writer in (laptop, other):
                            writer.repo.update_carer(
                                writer.actor, target, notes=f"{writer.name}: {TEXTS[text_index]}"
                            )
                elif op in ("create", "notes", "phone", "delete", "entry"):
                    _write(world, laptop, op, pick, TEXTS[text_index])
            if late_restore and backup is not None and not restored:
                # everything acknowledged first, then the server loses what came after the backup
                _settle(laptops)
                server.restore(backup, mark=mark_restore)
                restored = True
            _settle(laptops)
            _check(world, laptops)
            flags = {f for view in laptops[0].views().values() for f in view["flags"]}
            event(f"server restored: {restored}")
            for flag in sorted(flags):
                event(f"flag seen: {flag}")
        finally:
            world.close()
