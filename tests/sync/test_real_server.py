"""Once against a real ``anhorigdesk-server`` process on a loopback port, over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from anhorigdesk.sync.engine import RetryPolicy

from .conftest import Server, World


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    def __init__(self, db_path: Path, port: int) -> None:
        self.db_path, self.port = db_path, port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "anhorigdesk.server", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--database-url", f"sqlite:///{self.db_path}", "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                httpx.get(f"{self.url}/v1/hello", timeout=0.5)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start listening within 20 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture
def real(tmp_path: Path) -> Iterator[tuple[World, ServerProcess]]:
    # accounts are made in the database first (the admin command would do the same)
    server = Server(tmp_path / "server.db")
    world = World(server=server, unit=server.store.create_unit("Anhörigstödet Loopback"), tmp=tmp_path)
    process = ServerProcess(tmp_path / "server.db", _free_port())
    process.start()
    yield world, process
    process.stop()
    world.close()


def test_two_laptops_sync_through_a_real_server_process(real: tuple[World, ServerProcess]) -> None:
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
    process.start()
    b.sync()
    a.sync()
    assert a.record("carer", carer_id)["notes"] == "Skrivet när servern var nere"
    assert a.views() == b.views()
