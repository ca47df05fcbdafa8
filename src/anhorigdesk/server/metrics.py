"""Health, readiness and metrics for operations: ``/healthz``, ``/readyz``, ``/metrics``.

An ASGI layer in front of the protocol app (``build_asgi`` puts it outermost, so it also
sees the 413s of the body limit and the pulls of the fast path):

- ``GET /healthz``: the process answers (no database work): 200 ``{"status": "ok"}``;
  for a liveness probe.
- ``GET /readyz``: the database answers and its schema is the one this program expects
  (every migration it knows is applied, none it does not know): 200 ``{"status":
  "ready"}``, else 503 ``{"status": "not_ready", "reason": ...}``; for a load balancer's
  health check (a process of an older version over a database a newer one has migrated
  takes itself out of the pool).
- ``GET /metrics``: Prometheus text format (prometheus-client), one registry per app
  (one per process; scrape each process).

What is measured never holds personal data: the route is one of the protocol's fixed
paths (anything else is ``other``; query strings are never looked at), the method, the
status code; no user, device, address, carer or token. Each request also goes to the
``anhorigdesk.server.access`` logger with the same fields and its duration (no address,
no query string), which ``server/logs.py`` writes as one JSON line.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import MIGRATIONS, applied_migrations

access_log = logging.getLogger("anhorigdesk.server.access")
log = logging.getLogger("anhorigdesk.server")

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"

# The paths a route label may take; anything else (404s, probes, typos) is "other", so a
# client cannot grow the number of series or put text of its own into them.
ROUTES = frozenset(
    {
        "/v1/hello",
        "/v1/auth/login",
        "/v1/auth/refresh",
        "/v1/auth/logout",
        "/v1/push",
        "/v1/pull",
        "/v1/integrity",
        "/v1/state",
        "/v1/access-log",
        "/openapi.json",
        "/docs",
        HEALTH_PATH,
        READY_PATH,
        METRICS_PATH,
    }
)
METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
SYNC_KINDS = {"/v1/pull": "pull", "/v1/push": "push", "/v1/integrity": "integrity",
              "/v1/state": "state"}
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def route_of(path: str) -> str:
    return path if path in ROUTES else "other"


class ServerMetrics:
    """The metrics of one app (its own registry: several apps in one test process do not
    share counters)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "anhorigdesk_server_requests",
            "HTTP requests answered, by route, method and status code",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "anhorigdesk_server_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by route",
            ("route",),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "anhorigdesk_server_requests_in_flight",
            "Requests being answered now",
            registry=self.registry,
        )
        self.sync = Counter(
            "anhorigdesk_server_sync_requests",
            "Sync requests (pull, push, integrity, state) by outcome: ok (2xx), "
            "refused (4xx: auth, access, conflicts such as seq_gap or epoch_changed), error (5xx)",
            ("kind", "outcome"),
            registry=self.registry,
        )
        self.errors = Counter(
            "anhorigdesk_server_errors",
            "Answers with a 5xx status (the details are in the server's log)",
            ("route",),
            registry=self.registry,
        )
        self.ready = Gauge(
            "anhorigdesk_server_ready",
            "1 when the last readiness check passed (database answers, schema current), else 0",
            registry=self.registry,
        )
        self.schema = Gauge(
            "anhorigdesk_server_schema_migrations",
            "Schema migrations this program knows (known) and finds applied (applied)",
            ("state",),
            registry=self.registry,
        )
        self.schema.labels("known").set(len(MIGRATIONS))
        # bounded: routes are a fixed set, methods too, statuses the few the server answers
        self._series: dict[tuple[str, str, int], tuple[Any, Any, Any, Any]] = {}

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        # The labelled series of a (route, method, status) are looked up once: labels()
        # costs several times the increment itself, on every request.
        key = (route, method, status)
        series = self._series.get(key)
        if series is None:
            kind = SYNC_KINDS.get(route)
            outcome = "ok" if status < 400 else "refused" if status < 500 else "error"
            series = self._series[key] = (
                self.requests.labels(route, method, str(status)),
                self.latency.labels(route),
                self.sync.labels(kind, outcome) if kind is not None else None,
                self.errors.labels(route) if status >= 500 else None,
            )
        count, latency, sync, errors = series
        count.inc()
        latency.observe(seconds)
        if sync is not None:
            sync.inc()
        if errors is not None:
            errors.inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def readiness(db: Database) -> tuple[bool, dict[str, Any]]:
    """Whether this process can serve: the database answers and the schema is current."""
    known = [m.name for m in MIGRATIONS]
    try:
        applied = applied_migrations(db)
    except Exception as exc:  # any failure to reach or read the database
        return False, {"status": "not_ready", "reason": "database_unreachable",
                       "detail": type(exc).__name__}
    pending = [name for name in known if name not in applied]
    unknown = [name for name in applied if name not in known]
    body: dict[str, Any] = {"status": "ready", "migrations": len(applied)}
    if pending:
        return False, {"status": "not_ready", "reason": "migrations_pending", "pending": pending}
    if unknown:
        # a newer program has migrated this database: this (older) one must not serve it
        return False, {"status": "not_ready", "reason": "schema_newer_than_program",
                       "unknown": unknown}
    return True, body


class Operations:
    """The ASGI layer: answers the three operations paths, measures and logs the rest."""

    def __init__(self, app: ASGIApp, db: Database, metrics: ServerMetrics | None = None) -> None:
        self.app = app
        self.db = db
        self.metrics = metrics or ServerMetrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        method = method if method in METHODS else "OTHER"
        route = route_of(path)
        status = 500
        metrics = self.metrics

        async def measured_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        metrics.in_flight.inc()
        try:
            if route in (HEALTH_PATH, READY_PATH, METRICS_PATH) and method in ("GET", "HEAD"):
                await self._operations(route, method, measured_send)
            else:
                await self.app(scope, receive, measured_send)
        finally:
            metrics.in_flight.dec()
            seconds = time.perf_counter() - start
            metrics.observe(route, method, status, seconds)
            if route not in (HEALTH_PATH, READY_PATH, METRICS_PATH):
                access_log.info(
                    "request",
                    extra={"event": "request", "route": route, "method": method,
                           "status": status, "duration_ms": round(seconds * 1000, 2)},
                )

    async def _operations(self, route: str, method: str, send: Send) -> None:
        if route == METRICS_PATH:
            applied = await run_in_threadpool(self._applied_count)
            if applied is not None:
                self.metrics.schema.labels("applied").set(applied)
            await _respond(send, 200, self.metrics.exposition(), CONTENT_TYPE_LATEST, method)
            return
        if route == HEALTH_PATH:
            body: dict[str, Any] = {"status": "ok"}
            await _respond(send, 200, _json(body), "application/json", method)
            return
        ready, body = await run_in_threadpool(readiness, self.db)
        self.metrics.ready.set(1 if ready else 0)
        if not ready:
            log.warning("not ready", extra={"event": "not_ready", "reason": body["reason"]})
        await _respond(send, 200 if ready else 503, _json(body), "application/json", method)

    def _applied_count(self) -> int | None:
        try:
            return len(applied_migrations(self.db))
        except Exception:
            return None


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


async def _respond(send: Send, status: int, body: bytes, content_type: str, method: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode("latin-1")),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})
