"""Issue #21: a concurrent free-text edit survives a later edit by a writer that never saw
it (docs/PROTOCOL-3.md, part B). Real laptops (encrypted stores) and a real server, in
process and as a process on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from anhorigdesk.replication.merge import EntityState
from anhorigdesk.server.compaction import compact_log
from anhorigdesk.sync import attention
from anhorigdesk.sync.engine import RetryPolicy
from tests.server.test_real_process import ServerProcess

from .conftest import Laptop, Server, World


def _server_view(world: World, entity: str, entity_id: str) -> dict:
    with world.server.db.transaction() as tx:
        row = tx.one("SELECT state FROM entities WHERE entity = ? AND entity_id = ?", (entity, entity_id))
    return EntityState.from_json(json.loads(row[0])).view()


def _texts(versions: list[dict]) -> set[str]:
    return {v["value"] for v in versions}


def _clock(laptop: Laptop, carer_id: str) -> str:
    row = laptop.db.reader().execute("SELECT field_hlc FROM carers WHERE id = ?", (carer_id,)).fetchone()
    return str(json.loads(row[0])["notes"])


def _four_steps(world: World, l0: Laptop, l1: Laptop, *, edit_again: bool) -> str:
    carer_id = world.new_carer(l0, name="Fyra Stegsson", notes="Början")
    l0.sync()
    l1.sync()
    l0.repo.update_carer(l0.actor, carer_id, notes="B")  # 1. L0 writes B and syncs
    l0.sync()
    l1.repo.update_carer(l1.actor, carer_id, notes="A")  # 2. L1, not having seen B, writes A
    assert _clock(l1, carer_id) > _clock(l0, carer_id), "the case needs L1's clock to be the later one"
    if edit_again:
        l1.repo.update_carer(l1.actor, carer_id, notes="C")  # 4. L1 edits once more
    l1.sync()
    l0.sync()
    l1.sync()
    return carer_id


def test_control_two_concurrent_edits_are_a_conflict(world: World) -> None:
    l0, l1 = world.laptop("L0"), world.laptop("L1")
    carer_id = _four_steps(world, l0, l1, edit_again=False)
    for laptop in (l0, l1):
        assert _texts(laptop.conflicts(carer_id)["notes"]) == {"A", "B"}


def test_an_edit_made_again_on_the_later_clocked_laptop_keeps_the_unseen_edit(world: World) -> None:
    """The issue's four steps: the conflict {B, C} is kept everywhere (today B vanished)."""
    l0, l1 = world.laptop("L0"), world.laptop("L1")
    carer_id = _four_steps(world, l0, l1, edit_again=True)
    for laptop in (l0, l1):
        assert _texts(laptop.conflicts(carer_id)["notes"]) == {"B", "C"}, laptop.name
        assert "conflict" in laptop.views()[("carer", carer_id)]["flags"]
    assert _texts(_server_view(world, "carer", carer_id)["conflicts"]["notes"]) == {"B", "C"}
    assert l0.views() == l1.views()
    # a person settles it on L0, shown exactly {B, C}: gone everywhere
    issue = next(i for i in attention.issues(l0.repo, l0.actor) if i.entity_id == carer_id)
    attention.resolve_field(l0.repo, l0.actor, "carer", carer_id, "notes", "B och C",
                            shown=issue.conflicts["notes"])
    l0.sync()
    l1.sync()
    for laptop in (l0, l1):
        assert laptop.record("carer", carer_id)["notes"] == "B och C"
        assert laptop.conflicts(carer_id) == {}
    assert _server_view(world, "carer", carer_id)["flags"] == []


def test_a_resolution_has_seen_only_the_versions_shown(world: World) -> None:
    """A version that arrives after the conflict was shown stays in conflict with the
    resolution instead of being settled unseen."""
    l0, l1, l2 = world.laptop("L0"), world.laptop("L1"), world.laptop("L2")
    carer_id = world.new_carer(l0, name="Visad Versionsson", notes="Början")
    for laptop in (l0, l1, l2):
        laptop.sync()
    l0.repo.update_carer(l0.actor, carer_id, notes="Noll")
    l1.repo.update_carer(l1.actor, carer_id, notes="Ett")
    l0.sync()
    l1.sync()
    l0.sync()
    shown = attention.issues(l0.repo, l0.actor)[0].conflicts["notes"]
    assert _texts(shown) == {"Noll", "Ett"}
    l2.repo.update_carer(l2.actor, carer_id, notes="Två")  # concurrent, pulled after showing
    l2.sync()
    l0.sync()
    attention.resolve_field(l0.repo, l0.actor, "carer", carer_id, "notes", "Noll och ett", shown=shown)
    for laptop in (l0, l2, l1, l0):
        laptop.sync()
    for laptop in (l0, l1, l2):
        assert _texts(laptop.conflicts(carer_id)["notes"]) == {"Noll och ett", "Två"}


def test_an_edit_the_delete_never_saw_survives_it_and_keeping_names_the_deletes(world: World) -> None:
    l0, l1 = world.laptop("L0"), world.laptop("L1")
    carer_id = world.new_carer(l0, name="Raderad Redigeradsson", notes="Början")
    l0.sync()
    l1.sync()
    l1.repo.update_carer(l1.actor, carer_id, phone="070-1")  # never seen by the delete
    l0.repo.update_carer(l0.actor, carer_id, notes="Innan")
    l0.repo.delete(l0.actor, "carer", carer_id)  # later clock than L1's edit
    l0.sync()
    l1.sync()
    l0.sync()
    for laptop in (l0, l1):
        view = laptop.views()[("carer", carer_id)]
        assert view["deleted"] is False and "edit_after_delete" in view["flags"], laptop.name
    assert attention.keep_edited(l1.repo, l1.actor, "carer", carer_id)
    l1.sync()
    l0.sync()
    for laptop in (l0, l1):
        assert laptop.views()[("carer", carer_id)]["flags"] == []


@pytest.fixture
def real(tmp_path: Path) -> Iterator[tuple[World, ServerProcess]]:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    server = Server(data_dir / "server.db")
    world = World(server=server, unit=server.store.create_unit("Anhörigstödet Loopback"), tmp=tmp_path)
    process = ServerProcess(data_dir)
    yield world, process
    process.stop()
    world.close()


def test_the_four_steps_through_a_real_server_process(real: tuple[World, ServerProcess]) -> None:
    world, process = real
    retry = RetryPolicy(attempts=2, sleep=lambda s: None)
    l0 = world.laptop("L0", transport=httpx.HTTPTransport(), base_url=process.url, retry=retry)
    l1 = world.laptop("L1", transport=httpx.HTTPTransport(), base_url=process.url, retry=retry)
    carer_id = _four_steps(world, l0, l1, edit_again=True)
    for laptop in (l0, l1):
        assert _texts(laptop.conflicts(carer_id)["notes"]) == {"B", "C"}, laptop.name
    assert l0.views() == l1.views()
    assert _texts(_server_view(world, "carer", carer_id)["conflicts"]["notes"]) == {"B", "C"}


def test_compaction_keeps_the_concurrent_edit_and_shortens_only_what_was_seen(world: World) -> None:
    """Compaction decides "superseded" with the causal rule: B (never seen by C) stays whole,
    A (seen by C, its writer's next edit) becomes a stub; a laptop starting from nothing
    still gets the conflict {B, C}."""
    l0, l1 = world.laptop("L0"), world.laptop("L1")
    carer_id = _four_steps(world, l0, l1, edit_again=True)
    with world.server.db.transaction() as tx:
        notes = {json.loads(p)["fields"].get("notes"): mid for mid, p in tx.all(
            "SELECT mutation_id, payload FROM mutations WHERE entity_id = ?", (carer_id,))}
    result = compact_log(world.server.db, before="9999-12-31T00:00:00.000000Z")
    with world.server.db.transaction() as tx:
        stubs = {r[0] for r in tx.all("SELECT mutation_id FROM set_aside WHERE reason = 'compacted'")}
    assert notes["A"] in stubs
    assert notes["B"] not in stubs and notes["C"] not in stubs
    assert result.compacted == len(stubs)
    fresh = world.laptop("L2")
    assert fresh.sync().integrity_ok
    assert _texts(fresh.conflicts(carer_id)["notes"]) == {"B", "C"}
    assert fresh.views() == l0.views() == l1.views()
