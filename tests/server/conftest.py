"""Fixtures for the server tests: a fresh database per test (SQLite, and PostgreSQL
when ANHORIGDESK_TEST_PG_URL is set), an in-process app and protocol clients."""

from __future__ import annotations

import asyncio
import itertools
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from anhorigdesk.server.app import build_asgi
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, SecurityPolicy
from anhorigdesk.server.store import ServerStore
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient

PG_ENV = "ANHORIGDESK_TEST_PG_URL"
PASSWORD = "ett-långt-lösenord"
_FAST_PASSWORDS = Passwords(fast=True)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class _AsyncBody(httpx.AsyncByteStream):
    """A sync request body (e.g. a generator: no Content-Length) seen as async."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> Any:
        for chunk in self._stream:
            yield chunk


class ASGISyncTransport(httpx.BaseTransport):
    """Runs ``httpx.ASGITransport`` (async) on a private event loop for sync clients."""

    def __init__(self, app: Any, client_addr: str = "127.0.0.1") -> None:
        self._asgi = httpx.ASGITransport(app=app, client=(client_addr, 50123))
        self._loop = asyncio.new_event_loop()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            request.stream = _AsyncBody(request.stream)

        async def run() -> httpx.Response:
            response = await self._asgi.handle_async_request(request)
            content = await response.aread()
            await response.aclose()
            return httpx.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

        return self._loop.run_until_complete(run())

    def close(self) -> None:
        if not self._loop.is_closed():
            self._loop.run_until_complete(self._loop.shutdown_default_executor())
            self._loop.close()


def _pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Database]:
    """A fresh, migrated server database: SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'server.db'}")
        migrate(db)
        yield db
        db.close()
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://... (not set)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    db = Database(_pg_schema_url(base, schema))
    try:
        migrate(db)
        yield db
    finally:
        db.close()
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@dataclass
class Account:
    username: str
    user_id: str
    unit_ids: list[str]


@dataclass
class Harness:
    """A server store plus an in-process app, and helpers to make accounts and clients."""

    store: ServerStore
    clock: FakeClock
    app: Any
    transports: list[ASGISyncTransport] = field(default_factory=list)
    clients: list[SyncClient] = field(default_factory=list)
    _hlc: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def unit(self, name: str) -> str:
        return self.store.create_unit(name)

    def user(self, username: str, unit_ids: list[str], role: str = "care_worker") -> Account:
        user_id = self.store.create_user(username, PASSWORD, unit_ids, role)
        return Account(username, user_id, unit_ids)

    def transport(self, client_addr: str = "127.0.0.1") -> ASGISyncTransport:
        transport = ASGISyncTransport(self.app, client_addr)
        self.transports.append(transport)
        return transport

    def client(self, *, client_addr: str = "127.0.0.1", **kwargs: Any) -> SyncClient:
        client = SyncClient(
            "http://testserver",
            transport=self.transport(client_addr),
            token_store=MemoryTokenStore(),
            language=kwargs.pop("language", "en"),
            **kwargs,
        )
        self.clients.append(client)
        return client

    def logged_in(self, account: Account, device_id: str | None = None) -> SyncClient:
        client = self.client()
        client.login(
            account.username,
            PASSWORD,
            device_id=device_id or f"dev-{uuid.uuid4().hex[:10]}",
            device_name="Testdator",
        )
        return client

    def raw(self, client_addr: str = "127.0.0.1") -> httpx.Client:
        return httpx.Client(base_url="http://testserver", transport=self.transport(client_addr))

    def hlc(self, client_id: str) -> str:
        return f"{1_772_000_000_000 + next(self._hlc):016d}-00000-{client_id}"

    def close(self) -> None:
        for client in self.clients:
            client.close()
        for transport in self.transports:
            transport.close()


@pytest.fixture
def harness(database: Database) -> Iterator[Harness]:
    clock = FakeClock()
    store = ServerStore(database, clock=clock, passwords=_FAST_PASSWORDS, policy=SecurityPolicy())
    h = Harness(store=store, clock=clock, app=build_asgi(store))
    yield h
    h.close()


class MutationFactory:
    """Builds outbox rows of one client in seq order."""

    def __init__(self, harness: Harness, client: SyncClient) -> None:
        tokens = client.token_store.load()
        assert tokens is not None
        self.harness = harness
        self.client_id = tokens.device_id
        self.staff_id = tokens.user["id"]
        self.unit_id = tokens.user["unit_ids"][0]
        self.seq = 0

    def make(
        self,
        *,
        entity: str = "carer",
        entity_id: str | None = None,
        carer_id: str | None = None,
        unit_ids: list[str] | None = None,
        fields: dict[str, Any] | None = None,
        base: dict[str, str] | None = None,
        op: str = "upsert",
    ) -> dict[str, Any]:
        self.seq += 1
        entity_id = entity_id or uuid.uuid4().hex
        if entity == "carer":
            carer_id = entity_id
        return {
            "mutation_id": uuid.uuid4().hex,
            "client_id": self.client_id,
            "seq": self.seq,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "fields": fields if fields is not None else {"name": "Testa Testsson"},
            "base": base or {},
            "hlc": self.harness.hlc(self.client_id),
            "carer_id": carer_id,
            "unit_ids": unit_ids if unit_ids is not None else [self.unit_id],
            "actor": {"staff_id": self.staff_id, "unit_id": self.unit_id},
        }


def pull_all(client: SyncClient, cursor: int = 0, limit: int = 500) -> tuple[list[dict], int, dict]:
    changes: list[dict] = []
    while True:
        page = client.pull(cursor, limit)
        changes.extend(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes, cursor, page["integrity"]
