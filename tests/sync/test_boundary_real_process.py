"""Trust at the boundary against a real ``anhorigdesk-server`` process on a loopback port,
over SQLite and PostgreSQL: a colleague of another unit with a valid account forges scope,
actor, values and clocks; every attempt is refused and logged, the laptops' syncs complete
and their records stay as they were; a laptop whose clock is ahead re-stamps; a protocol-2
laptop keeps syncing."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, SecurityPolicy
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine
from anhorigdesk.sync.protocol import (
    PROTOCOL_HEADER,
    ClockAhead,
    Forbidden,
    MemoryTokenStore,
    RequestRejected,
    SyncClient,
)
from tests.server.conftest import PASSWORD, PG_ENV, _pg_schema_url
from tests.server.test_real_process import ServerProcess


class Site:
    """A server process, its database opened in process for accounts and checks, laptops."""

    def __init__(self, tmp: Path, url: str | None) -> None:
        self.tmp = tmp
        data_dir = tmp / "serverdata"
        data_dir.mkdir()
        self.db = ServerDatabase(url or f"sqlite:///{data_dir / 'server.db'}")
        migrate(self.db)
        self.store = ServerStore(self.db, passwords=Passwords(fast=True), policy=SecurityPolicy())
        self.process = ServerProcess(data_dir, *(["--database-url", url] if url else []))
        self.clients: list[SyncClient] = []
        self.dbs: list[Database] = []

    def client(self, **kwargs: Any) -> SyncClient:
        client = SyncClient(self.process.url, transport=httpx.HTTPTransport(),
                            token_store=MemoryTokenStore(), language="en", **kwargs)
        self.clients.append(client)
        return client

    def laptop(self, name: str, units: list[str]) -> tuple[Repository, SyncEngine, Actor]:
        user_id = self.store.create_user(name, PASSWORD, units, "care_worker")
        db = Database(self.tmp / f"{name}.db", os.urandom(32), create=True)
        self.dbs.append(db)
        client = self.client()
        client.login(name, PASSWORD, device_id=db.client_id, device_name=name)
        repo = Repository(db)
        engine = SyncEngine(repo, client, retry=RetryPolicy(attempts=2, sleep=lambda s: None))
        return repo, engine, Actor(staff_id=user_id, unit_id=units[0], name=name)

    def close(self) -> None:
        self.process.stop()
        for client in self.clients:
            client.close()
        for db in self.dbs:
            db.close()
        self.db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    url = None
    schema = None
    if request.param == "postgresql":
        base = os.environ.get(PG_ENV)
        if not base:
            pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://... (not set)")
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        url = _pg_schema_url(base, schema)
    s = Site(tmp_path, url)
    try:
        yield s
    finally:
        s.close()
        if schema is not None:
            import psycopg

            with psycopg.connect(os.environ[PG_ENV], autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _sync(engine: SyncEngine) -> Any:
    report = engine.sync_once()
    assert report.ok, report
    return report


def test_a_hostile_colleague_against_a_real_server_changes_nothing_of_another_unit(site: Site) -> None:
    north = site.store.create_unit("Anhörigstöd Norr")
    south = site.store.create_unit("Anhörigstöd Söder")
    a_repo, a_engine, a_actor = site.laptop("anna", [north])
    c_repo, c_engine, _c_actor = site.laptop("cilla", [north, south])
    carer_id = a_repo.create_carer(a_actor, name="Hedda Prov", notes="orkar inte", unit_ids=[north])
    entry_id = a_repo.add_entry(a_actor, carer_id, "samtal", {"text": "Hedda orkar inte"})
    _sync(a_engine)
    _sync(c_engine)
    before = c_engine.replica.views()

    mallory_id = site.store.create_user("mallory", PASSWORD, [south], "care_worker")
    mallory = site.client()
    mallory.login("mallory", PASSWORD, device_id="devmallory", device_name="M")
    seq = 0

    def mutation(entity: str, entity_id: str, fields: dict[str, Any], carer: str | None, **extra: Any) -> dict:
        return {"mutation_id": str(uuid.uuid4()), "client_id": "devmallory", "seq": seq + 1,
                "entity": entity, "entity_id": entity_id, "op": "upsert", "fields": fields, "base": {},
                "hlc": f"{time.time_ns() // 1_000_000:016d}-00000-devmallory", "carer_id": carer,
                "unit_ids": [south], "actor": {"staff_id": mallory_id, "unit_id": south}, **extra}

    own = mutation("carer", str(uuid.uuid4()), {"name": "Mallorys"}, None)
    own["carer_id"] = own["entity_id"]
    mallory.push([own])
    seq = 1
    a_mutation = c_repo.db.reader().execute("SELECT mutation_id FROM sync_seen LIMIT 1").fetchone()[0]
    attempts: list[tuple[dict[str, Any], type, str]] = [
        (mutation("entry", entry_id, {"data": {"text": "förfalskat"}}, own["entity_id"]),
         Forbidden, "forbidden_scope_change"),
        (mutation("entry", str(uuid.uuid4()), {"kind": "x"}, carer_id), Forbidden, "forbidden_scope"),
        (mutation("carer", own["entity_id"], {"name": {"objekt": 1}}, own["entity_id"]),
         RequestRejected, "invalid_mutation"),
        (mutation("carer", own["entity_id"], {"notes": "x"}, own["entity_id"],
                  hlc="9999999999999999-99999-devmallory"), ClockAhead, "clock_ahead"),
        (mutation("carer", own["entity_id"], {"notes": "x"}, own["entity_id"],
                  actor={"staff_id": mallory_id, "unit_id": north}), Forbidden, "forbidden_actor"),
        ({**mutation("carer", own["entity_id"], {"notes": "x"}, own["entity_id"]),
          "mutation_id": a_mutation}, RequestRejected, "mutation_reused"),
    ]
    for forged, error, code in attempts:
        with pytest.raises(error) as refused:
            mallory.push([forged])
        assert refused.value.code == code
        assert "client_id" not in refused.value.params and "förfalskat" not in refused.value.message
    denied = [r["detail"].split()[0] for r in site.store.access_log() if r["outcome"] == "denied"]
    assert denied == [code for _f, _e, code in attempts]

    report = _sync(c_engine)
    assert report.quarantined == 0
    after = c_engine.replica.views()
    assert {k: v for k, v in after.items() if k in before} == before
    assert c_repo.get(a_actor, "entry", entry_id)["data"] == {"text": "Hedda orkar inte"}
    _sync(a_engine)
    assert a_engine.replica.views() == {k: v for k, v in after.items() if k in a_engine.replica.views()}

    # a laptop whose clock is three hours ahead re-stamps over real HTTP; a v2 laptop syncs on
    a_repo.db.clock._wall_ms = lambda: time.time_ns() // 1_000_000 + 3 * 3600 * 1000
    a_repo.update_carer(a_actor, carer_id, notes="med fel klocka")
    report = _sync(a_engine)
    assert report.restamped == 1 and report.pushed == 1
    old_repo, old_engine, old_actor = site.laptop("olle", [north])
    old_engine.client.protocol_version = 2
    old_engine.client._http.headers[PROTOCOL_HEADER] = "2"
    _sync(old_engine)
    assert old_repo.get(old_actor, "carer", carer_id)["notes"] == "med fel klocka"
    old_repo.update_carer(old_actor, carer_id, notes="från version 2")
    _sync(old_engine)
    _sync(c_engine)
    assert c_repo.get(a_actor, "carer", carer_id)["notes"] == "från version 2"
