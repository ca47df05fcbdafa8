"""Once against a real ``anhorigdesk-server`` process on a loopback port, over HTTP
(the server tests' process helper), including the server going away for a while."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from anhorigdesk.sync.engine import RetryPolicy
from tests.server import test_real_process
from tests.server.test_real_process import ServerProcess

from .conftest import Server, World


@pytest.fixture
def real(tmp_path: Path) -> Iterator[tuple[World, ServerProcess]]:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    # accounts are made in the server's database first, as the admin command would
    server = Server(data_dir / "server.db")
    world = World(
        server=server, unit=server.store.create_unit("Anhörigstödet Loopback"), tmp=tmp_path
    )
    process = ServerProcess(data_dir)
    yield world, process
    process.stop()
    world.close()


def test_two_laptops_sync_through_a_real_server_process(
    real: tuple[World, ServerProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    world, process = real
    retry = RetryPolicy(attempts=2, sleep=lambda s: None)
    a = world.laptop("a", transport=httpx.HTTPTransport(), base_url=process.url, retry=retry)
    b = world.laptop("b", transport=httpx.HTTPTransport(), base_url=process.url, retry=retry)
    carer_id = world.new_carer(a, name="Loop Provsson", notes="Över riktig HTTP")
    a.sync()
    b.sync()
    assert b.record("carer", carer_id)["notes"] == "Över riktig HTTP"

    process.stop()  # the server goes away: the laptop keeps its work and says why
    b.repo.update_carer(b.actor, carer_id, notes="Skrivet när servern var nere")
    report = b.engine.sync_once()
    assert report.error == "server_unavailable" and b.engine.status().pending == 1
    monkeypatch.setattr(
        test_real_process, "free_port", lambda: process.port
    )  # back on the same port
    restarted = ServerProcess(world.server.path.parent)
    try:
        b.sync()
        a.sync()
    finally:
        restarted.stop()
    assert a.record("carer", carer_id)["notes"] == "Skrivet när servern var nere"
    assert a.views() == b.views()
