"""Operations: /healthz, /readyz, /metrics (Prometheus text) and JSON logs, without
personal data."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from anhorigdesk.server.logs import JsonFormatter
from anhorigdesk.server.migrations import MIGRATIONS
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore

from .conftest import PASSWORD, Harness, MutationFactory
from .test_real_process import ServerProcess

SECRET_NAME = "Ulrika Hemligsdotter"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_healthz_and_readyz_on_a_current_database(harness: Harness) -> None:
    with harness.raw() as http:
        health = http.get("/healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        ready = http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "migrations": len(MIGRATIONS)}
        assert http.head("/readyz").status_code == 200


def test_readyz_refuses_pending_and_unknown_migrations(harness: Harness) -> None:
    db = harness.store.db
    last = MIGRATIONS[-1].name
    with db.transaction(write=True) as tx:
        tx.execute("DELETE FROM schema_migrations WHERE name = ?", (last,))
    with harness.raw() as http:
        answer = http.get("/readyz")
        assert answer.status_code == 503
        assert answer.json() == {"status": "not_ready", "reason": "migrations_pending",
                                 "pending": [last]}
        assert "anhorigdesk_server_ready 0.0" in http.get("/metrics").text
        with db.transaction(write=True) as tx:
            tx.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                       (last, "2026-01-01T00:00:00+00:00"))
            tx.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                       ("9999_from_a_newer_program", "2026-01-01T00:00:00+00:00"))
        answer = http.get("/readyz")
        assert answer.status_code == 503
        assert answer.json()["reason"] == "schema_newer_than_program"
        assert answer.json()["unknown"] == ["9999_from_a_newer_program"]
        # the process itself is alive
        assert http.get("/healthz").status_code == 200


def test_readyz_when_the_database_is_gone(tmp_path: Path) -> None:
    from anhorigdesk.server.app import build_asgi
    from anhorigdesk.server.db import Database

    from .conftest import ASGISyncTransport

    (tmp_path / "not-a-dir").write_text("x")
    db = Database(f"sqlite:///{tmp_path / 'not-a-dir' / 'server.db'}")  # cannot be opened
    store = ServerStore(db, passwords=Passwords(fast=True))
    transport = ASGISyncTransport(build_asgi(store))
    try:
        with httpx.Client(base_url="http://testserver", transport=transport) as http:
            answer = http.get("/readyz")
            assert answer.status_code == 503
            assert answer.json()["reason"] == "database_unreachable"
            assert http.get("/healthz").status_code == 200
    finally:
        transport.close()


def test_metrics_count_requests_sync_and_errors_without_personal_data(harness: Harness) -> None:
    unit = harness.unit("Anhörigstödet Öst")
    account = harness.user("hemliga.stina", [unit])
    client = harness.logged_in(account, device_id="laptop-hemlig-1")
    factory = MutationFactory(harness, client)
    carer = factory.make(fields={"name": SECRET_NAME, "personnummer": "19121212-1212"})
    client.push([carer])
    client.pull(0)
    client.pull(0)
    with harness.raw() as http:
        assert http.get("/v1/nowhere/19121212-1212").status_code == 404
        assert http.get("/v1/pull").status_code == 426  # no protocol header
        text = http.get("/metrics").text
    samples = _samples(text)
    assert samples[("anhorigdesk_server_requests_total",
                    (("method", "GET"), ("route", "/v1/pull"), ("status", "200")))] == 2
    assert samples[("anhorigdesk_server_requests_total",
                    (("method", "GET"), ("route", "other"), ("status", "404")))] == 1
    assert samples[("anhorigdesk_server_sync_requests_total",
                    (("kind", "pull"), ("outcome", "ok")))] == 2
    assert samples[("anhorigdesk_server_sync_requests_total",
                    (("kind", "pull"), ("outcome", "refused")))] == 1
    assert samples[("anhorigdesk_server_sync_requests_total",
                    (("kind", "push"), ("outcome", "ok")))] == 1
    assert samples[("anhorigdesk_server_request_duration_seconds_count",
                    (("route", "/v1/pull"),))] == 3
    assert samples[("anhorigdesk_server_schema_migrations", (("state", "applied"),))] == len(
        MIGRATIONS)
    assert samples[("anhorigdesk_server_requests_in_flight", ())] == 1  # this scrape
    for personal in (SECRET_NAME, "19121212", "hemliga.stina", "laptop-hemlig-1", unit,
                     account.user_id, "127.0.0.1", PASSWORD):
        assert personal not in text


def test_metrics_count_server_errors(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(harness.store, "hello_facts", broken)
    with harness.raw() as http:
        with pytest.raises(RuntimeError):  # the in-process transport re-raises after the 500
            http.get("/v1/hello")
        text = http.get("/metrics").text
    samples = _samples(text)
    assert samples[("anhorigdesk_server_errors_total", (("route", "/v1/hello"),))] == 1
    assert samples[("anhorigdesk_server_requests_total",
                    (("method", "GET"), ("route", "/v1/hello"), ("status", "500")))] == 1


def test_json_formatter_keeps_only_known_fields_and_no_exception_text() -> None:
    try:
        raise ValueError(f"value {SECRET_NAME} was wrong")
    except ValueError:
        record = logging.LogRecord("anhorigdesk.server", logging.ERROR, __file__, 1,
                                   "unexpected error on %s", ("GET /v1/push",), sys.exc_info())
    record.event = "request"
    record.username = "stina"  # not a known field: left out
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "error" and line["event"] == "request"
    assert line["message"] == "unexpected error on GET /v1/push"
    assert line["exc_type"] == "ValueError" and "traceback" in line
    assert SECRET_NAME not in json.dumps(line) and "username" not in line


def test_real_process_writes_json_logs_without_personal_data(tmp_path: Path) -> None:
    from anhorigdesk.server.db import Database
    from anhorigdesk.server.migrations import migrate
    from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient

    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    db = Database(f"sqlite:///{data_dir / 'server.db'}")
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True))
    unit = store.create_unit("Anhörigstödet Väst")
    store.create_user("hemliga.stina", PASSWORD, [unit], "care_worker")
    db.close()
    server = ServerProcess(data_dir, "--log-format", "json", "--log-level", "info")
    try:
        with SyncClient(server.url, token_store=MemoryTokenStore()) as client:
            tokens = client.login("hemliga.stina", PASSWORD, device_id="laptop-hemlig-1",
                                  device_name="Stinas dator")
            epoch = client.hello()["epoch"]
            client.push([{
                "mutation_id": "0190-json-1", "client_id": "laptop-hemlig-1", "seq": 1,
                "entity": "carer", "entity_id": "carer-1", "op": "upsert",
                "fields": {"name": SECRET_NAME}, "base": {},
                "hlc": "0001772000000001-00000-laptop-hemlig-1", "carer_id": "carer-1",
                "unit_ids": [unit], "actor": {"staff_id": tokens.user["id"], "unit_id": unit},
            }], epoch=epoch)
            client.pull(0, epoch=epoch)
        with httpx.Client() as http:
            assert http.get(f"{server.url}/readyz").status_code == 200
            assert "anhorigdesk_server_requests_total" in http.get(f"{server.url}/metrics").text
        log_path = Path(server.log.name)
        deadline = time.monotonic() + 10
        while '"/v1/pull"' not in log_path.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log_path.read_text(encoding="utf-8")
            time.sleep(0.05)
    finally:
        server.stop()
    text = Path(server.log.name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    requests = [r for r in records if r.get("event") == "request"]
    assert {(r["route"], r["status"]) for r in requests} >= {
        ("/v1/auth/login", 200), ("/v1/push", 200), ("/v1/pull", 200)}
    assert all(isinstance(r["duration_ms"], float | int) for r in requests)
    assert any(r.get("event") == "start" for r in records)
    logged = "\n".join(lines)
    for personal in (SECRET_NAME, "hemliga.stina", "laptop-hemlig-1", "Stinas dator", unit,
                     tokens.access_token, tokens.refresh_token, PASSWORD, "cursor=", "epoch="):
        assert personal not in logged
    # no client address: a request line has only its route, method, status and duration
    assert all(set(r) == {"ts", "level", "logger", "message", "event", "route", "method",
                          "status", "duration_ms"} for r in requests)
