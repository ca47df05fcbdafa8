"""Fixtures for the sync client tests: a real in-process sync server (SQLite) and
laptops, each with its own encrypted store, sync client and engine."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from anhorigdesk.server.app import build_asgi
from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, SecurityPolicy, utc_now
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync import attention
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine, SyncReport
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient
from tests.server.conftest import PASSWORD, ASGISyncTransport, FakeClock

FAST_PASSWORDS = Passwords(fast=True)


class FaultyTransport(httpx.BaseTransport):
    """Passes requests to ``inner``, except the planned faults, each used once:

    ``drop`` (never reaches the server), ``lose`` (the server handles it, the answer is
    lost: connection reset), ``truncate`` (half the answer arrives), ``duplicate``
    (the request reaches the server twice).
    """

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.faults: list[tuple[str, str]] = []
        self.requests: list[str] = []

    def plan(self, path: str, kind: str, times: int = 1) -> None:
        self.faults.extend([(path, kind)] * times)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url.path)
        request.read()
        for i, (path, kind) in enumerate(self.faults):
            if request.url.path == path:
                del self.faults[i]
                return self._fault(request, kind)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()

    def _fault(self, request: httpx.Request, kind: str) -> httpx.Response:
        if kind == "pass":
            return self.inner.handle_request(request)
        if kind == "drop":
            raise httpx.ConnectError("connection refused", request=request)
        if kind == "duplicate":
            self.inner.handle_request(_copy(request))
            return self.inner.handle_request(request)
        response = self.inner.handle_request(request)
        if kind == "lose":
            raise httpx.ReadError("connection reset by peer", request=request)
        if kind == "truncate":
            body = response.content
            headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
            return httpx.Response(
                response.status_code,
                headers=headers,
                content=body[: len(body) // 2],
                request=request,
            )
        raise ValueError(f"unknown fault {kind!r}")


def _copy(request: httpx.Request) -> httpx.Request:
    return httpx.Request(
        request.method, request.url, headers=request.headers, content=request.content
    )


class Server:
    """A sync server on a SQLite file, served in process; can be backed up and restored."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = ServerDatabase(f"sqlite:///{path}")
        migrate(self.db)
        self.clock = FakeClock()
        # sessions follow the fake clock; pushed clocks are bounded by the real time the
        # laptops' clocks go by
        self.store = ServerStore(
            self.db, clock=self.clock, passwords=FAST_PASSWORDS, policy=SecurityPolicy(),
            server_time=utc_now,
        )
        self.app = build_asgi(self.store)
        self.transports: list[ASGISyncTransport] = []

    def transport(self) -> ASGISyncTransport:
        transport = ASGISyncTransport(self.app)
        self.transports.append(transport)
        return transport

    def backup(self, target: Path) -> Path:
        src, dst = sqlite3.connect(self.db.sqlite_path), sqlite3.connect(target)
        src.backup(dst)
        src.close()
        dst.close()
        return target

    def restore(self, backup: Path, *, mark: bool = True) -> None:
        """Put an older copy back, as an operator would; ``mark`` gives it a new epoch."""
        self.db.close()
        shutil.copy(backup, self.db.sqlite_path)
        for suffix in ("-wal", "-shm"):
            (self.db.sqlite_path.parent / (self.db.sqlite_path.name + suffix)).unlink(
                missing_ok=True
            )
        self.db._closed = False
        if mark:
            self.store.restore_marker()

    def mutation_ids(self) -> list[str]:
        with self.db.transaction() as tx:
            return [r[0] for r in tx.all("SELECT mutation_id FROM mutations ORDER BY server_seq")]

    def close(self) -> None:
        for transport in self.transports:
            transport.close()
        self.db.close()


@dataclass
class Laptop:
    """One staff laptop: encrypted store, repository, protocol client and sync engine."""

    name: str
    db: Database
    repo: Repository
    client: SyncClient
    engine: SyncEngine
    actor: Actor
    transport: FaultyTransport
    sleeps: list[float] = field(default_factory=list)

    def sync(self, **kwargs: Any) -> SyncReport:
        report = self.engine.sync_once(**kwargs)
        assert report.ok, (self.name, report)
        return report

    def views(self) -> dict[tuple[str, str], dict[str, Any]]:
        return self.engine.replica.views()

    def record(self, entity: str, entity_id: str) -> dict[str, Any]:
        return self.repo.get(self.actor, entity, entity_id)

    def conflicts(self, entity_id: str, entity: str = "carer") -> dict[str, list[dict[str, Any]]]:
        """The record's open conflicting texts as a person is shown them here
        (``sync/attention``): field -> every concurrent version; {} when none."""
        found = [i for i in attention.issues(self.repo, self.actor) if i.key == (entity, entity_id)]
        return found[0].conflicts if found else {}


@dataclass
class World:
    server: Server
    unit: str
    tmp: Path
    laptops: list[Laptop] = field(default_factory=list)
    _users: dict[str, str] = field(default_factory=dict)

    def laptop(
        self,
        name: str,
        *,
        user: str | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        base_url: str = "http://testserver",
        **engine_kwargs: Any,
    ) -> Laptop:
        username = user or name
        if username not in self._users:
            self._users[username] = self.server.store.create_user(
                username, PASSWORD, [self.unit], "care_worker"
            )
        db = Database(self.tmp / f"{name}.db", os.urandom(32), create=True)
        faulty = FaultyTransport(transport or self.server.transport())
        client = SyncClient(
            base_url, transport=faulty, token_store=MemoryTokenStore(), language="en"
        )
        client.login(username, PASSWORD, device_id=db.client_id, device_name=f"Laptop {name}")
        laptop_sleeps: list[float] = []
        policy = retry or RetryPolicy(attempts=3, sleep=laptop_sleeps.append, random=lambda: 0.5)
        repo = Repository(db)
        engine = SyncEngine(repo, client, retry=policy, **engine_kwargs)
        actor = Actor(staff_id=self._users[username], unit_id=self.unit, name=username)
        laptop = Laptop(name, db, repo, client, engine, actor, faulty, laptop_sleeps)
        self.laptops.append(laptop)
        return laptop

    def new_carer(self, laptop: Laptop, **fields: Any) -> str:
        fields.setdefault("name", "Testa Provsson")
        fields.setdefault("unit_ids", [self.unit])
        return laptop.repo.create_carer(laptop.actor, **fields)

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.client.close()
            laptop.db.close()
        self.server.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    server = Server(tmp_path / "server.db")
    unit = server.store.create_unit("Anhörigstödet Norr")
    w = World(server=server, unit=unit, tmp=tmp_path)
    yield w
    w.close()
