"""The ASGI application: the AnhörigDesk sync protocol (versions 1 to 3), on FastAPI."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, TypeVar

import anyio.to_thread
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anhorigdesk.server.fastpath import PullFastPath
from anhorigdesk.server.messages import ApiError, pick_language
from anhorigdesk.server.models import (
    DEFAULT_PULL_LIMIT,
    LOG_PROTOCOL,
    MAX_BODY_BYTES,
    MAX_PULL_LIMIT,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    AccessLogPage,
    ErrorResponse,
    HelloResponse,
    IntegrityResponse,
    LoginRequest,
    LogoutResponse,
    MarkRequest,
    MarkResponse,
    MunicipalityBundleResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    RegisterExtractResponse,
    ReviewPage,
    ReviewSample,
    StateResponse,
    StatisticsResponse,
    TokenResponse,
)
from anhorigdesk.server.store import ServerStore

log = logging.getLogger("anhorigdesk.server")

T = TypeVar("T")

DEVICE_HEADER = "X-AnhorigDesk-Device"  # the laptop's device id, sent with a refresh

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 409, 413, 422, 426, 429)
}


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, streamed or declared."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        language = pick_language((headers.get(b"accept-language") or b"").decode("latin-1"))
        too_large = ApiError(413, "body_too_large", {"limit": self.limit})
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await _send_json(
                    send,
                    400,
                    ApiError(400, "invalid_request", {"detail": "bad Content-Length"}).body(
                        language
                    ),
                )
                return
            if size > self.limit:
                await _send_json(send, 413, too_large.body(language))
                return
        received = 0
        response_started = False
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    refused = True
                    if not response_started:
                        await _send_json(send, 413, too_large.body(language))
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return  # the 413 has been sent; drop what the app answers to the cut body
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    import json

    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def _culprit(exc: RequestValidationError) -> str | None:
    """The mutation_id of the first invalid mutation of a push, when it can be read."""
    body = getattr(exc, "body", None)
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        if loc[:2] == ("body", "mutations") and len(loc) > 2 and isinstance(loc[2], int):
            mutations = body.get("mutations") if isinstance(body, dict) else None
            if isinstance(mutations, list) and loc[2] < len(mutations):
                item = mutations[loc[2]]
                if isinstance(item, dict) and isinstance(item.get("mutation_id"), str):
                    return item["mutation_id"][:64]
            return None
    return None


def _push_with_log(
    s: ServerStore, token: str, addr: str, mutations: list[dict[str, Any]],
    log_rows: list[dict[str, Any]], epoch: str | None, version: int,
) -> dict[str, Any]:
    """Protocol 3: a push with ``access_log`` rows (docs/PROTOCOL-3.md part E): the
    mutations first (as a push without rows), then the rows; one answer for both."""
    principal = s.authenticate(token, addr)
    result = (
        s.push(principal, mutations, epoch, addr, protocol=version) if mutations else None
    )
    logged = s.push_access_log(principal, log_rows, epoch, addr)
    if result is None:
        return logged
    return {**result, "log_acked_through": logged["log_acked_through"]}


def client_addr(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def protocol(
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    """The protocol version the client speaks; 426 when missing or unsupported."""
    if version is None:
        raise ApiError(426, "protocol_missing", {"min": PROTOCOL_MIN, "max": PROTOCOL_MAX})
    try:
        number = int(version)
    except ValueError:
        number = -1
    if not PROTOCOL_MIN <= number <= PROTOCOL_MAX:
        raise ApiError(
            426,
            "protocol_unsupported",
            {"version": version[:20], "min": PROTOCOL_MIN, "max": PROTOCOL_MAX},
        )
    return number


async def bearer(
    _: Annotated[int, Depends(protocol)],
    authorization: Annotated[str | None, Header()] = None,
) -> str:
    """The bearer token of the request (checked against the sessions in the worker thread)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, "auth_required", headers={"WWW-Authenticate": "Bearer"})
    token = authorization[7:].strip()
    if not token or len(token) > 256:
        raise ApiError(401, "token_invalid", headers={"WWW-Authenticate": "Bearer"})
    return token


ProtocolVersion = Annotated[int, Depends(protocol)]
Token = Annotated[str, Depends(bearer)]


# Database work runs on worker threads. More threads than cores only contend for the GIL
# and the database: with 50 clients anyio's default of 40 threads gave 2x fewer no-op pulls
# per second than one thread per core on SQLite (measured: 345/s vs 684/s, p99 352 ms vs
# 90 ms). A PostgreSQL thread spends much of a request waiting for the database's answers
# (the GIL is free meanwhile): two threads per core served ~20% more no-op pulls than one
# (measured with 50 clients on 2 cores: ~1,030/s vs ~1,150-1,300/s).
DB_THREADS = int(os.environ.get("ANHORIGDESK_SERVER_DB_THREADS", "0"))


def db_threads(store: ServerStore | None) -> int:
    """Worker threads for database work: ``$ANHORIGDESK_SERVER_DB_THREADS``, else one per
    core on SQLite and two per core on PostgreSQL."""
    if DB_THREADS > 0:
        return DB_THREADS
    cores = os.cpu_count() or 2
    return 2 * cores if store is not None and store.db.dialect.is_pg else cores


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = db_threads(app.state.store)
    yield


def create_app(store: ServerStore | None) -> FastAPI:
    """The FastAPI app over ``store`` (``None`` only to render the OpenAPI description)."""
    app = FastAPI(
        lifespan=_lifespan,
        title="AnhörigDesk sync server",
        version=f"protocol {PROTOCOL_MIN}-{PROTOCOL_MAX}",
        description=(
            "Sync of AnhörigDesk laptops through a central server. Every request except "
            f"`/v1/hello` must send `{PROTOCOL_HEADER}`; authenticated requests send "
            "`Authorization: Bearer <access token>`."
        ),
        responses=ERRORS,
    )
    app.state.store = store

    async def on_store(work: Callable[[ServerStore], T]) -> T:
        """``work(store)`` on a database worker thread: a handler's whole database work,
        authentication included, is one call (one thread hop per request)."""
        if store is None:
            raise RuntimeError("this app was built without a store (OpenAPI only)")
        return await run_in_threadpool(work, store)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        language = pick_language(request.headers.get("accept-language"))
        return JSONResponse(exc.body(language), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        language = pick_language(request.headers.get("accept-language"))
        problems = []
        for err in exc.errors()[:10]:
            loc = tuple(err.get("loc", ()))
            if err.get("type") == "json_invalid":
                # FastAPI puts the character offset where a field name goes ("body.1:
                # JSON decode error"); say what it is
                where = loc[1] if len(loc) > 1 else "?"
                reason = str((err.get("ctx") or {}).get("error") or "").strip()
                problems.append(f"body: not valid JSON at character {where}"
                                + (f" ({reason})" if reason else ""))
                continue
            where = ".".join(str(p) for p in loc)
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        detail = "; ".join(problems) or "invalid request"
        params: dict[str, Any] = {"detail": detail[:2000]}
        culprit = _culprit(exc)
        if culprit is not None:
            params["mutation_id"] = culprit
        error = ApiError(422, "invalid_request", params)
        return JSONResponse(error.body(language), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        language = pick_language(request.headers.get("accept-language"))
        if exc.status_code in (404, 405):
            code = "not_found" if exc.status_code == 404 else "method_not_allowed"
            error = ApiError(exc.status_code, code)
            return JSONResponse(error.body(language), status_code=error.status)
        error = ApiError(
            exc.status_code if 400 <= exc.status_code < 500 else 400,
            "invalid_request",
            {"detail": str(exc.detail)[:500]},
        )
        return JSONResponse(error.body(language), status_code=error.status)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        language = pick_language(request.headers.get("accept-language"))
        return JSONResponse(ApiError(500, "internal_error").body(language), status_code=500)

    # Handlers are async and do their database work in one worker-thread call each
    # (authentication included): one thread hop per request.

    @app.get("/v1/hello", response_model=HelloResponse, tags=["protocol"])
    async def hello(
        version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
    ) -> dict[str, Any]:
        """Protocol range, epoch and time. A client that sends its version gets 426 if unsupported."""
        if version is not None:
            await protocol(version)
        epoch, server_time, material = await on_store(lambda s: s.hello_facts())
        return {
            "protocol_min": PROTOCOL_MIN,
            "protocol_max": PROTOCOL_MAX,
            "epoch": epoch,
            "server_time": server_time,
            "municipality_version": material,
        }

    @app.post("/v1/auth/login", response_model=TokenResponse, tags=["auth"])
    async def login(body: LoginRequest, request: Request, _: ProtocolVersion) -> dict[str, Any]:
        """Log in; registers the laptop as a device (device id = the client id of its mutations)."""
        addr = client_addr(request)
        return await on_store(
            lambda s: s.login(body.username, body.password, body.device_id, body.device_name, addr)
        )

    @app.post("/v1/auth/refresh", response_model=TokenResponse, tags=["auth"])
    async def refresh(
        body: RefreshRequest,
        request: Request,
        _: ProtocolVersion,
        device: Annotated[str | None, Header(alias=DEVICE_HEADER, max_length=64)] = None,
    ) -> dict[str, Any]:
        """Exchange a refresh token for new tokens (the old refresh token stops working).
        Sent again by the same device (``X-AnhorigDesk-Device``) within a minute, the token
        just rotated gets the same new pair; any other reuse ends the session."""
        addr = client_addr(request)
        return await on_store(lambda s: s.refresh(body.refresh_token, device, addr))

    @app.post("/v1/auth/logout", response_model=LogoutResponse, tags=["auth"])
    async def logout(token: Token) -> dict[str, Any]:
        """End this session: its access and refresh tokens stop working."""
        await on_store(lambda s: s.logout(s.authenticate(token)))
        return {"logged_out": True}

    @app.post("/v1/push", response_model=PushResponse, tags=["sync"])
    async def push(
        body: PushRequest, request: Request, token: Token, version: ProtocolVersion
    ) -> dict[str, Any]:
        """Apply outbox mutations exactly once, in seq order; acknowledges after commit.
        Every mutation is validated first (docs/PROTOCOL-3.md, part A)."""
        mutations = []
        for m in body.mutations:
            item = m.model_dump(mode="json")
            if item.get("ctx") is None:
                item.pop("ctx", None)  # stored as pushed: no ctx key when none was sent
            mutations.append(item)
        addr = client_addr(request)
        log_rows = [r.model_dump(mode="json") for r in body.access_log]
        if log_rows and version < LOG_PROTOCOL:
            raise ApiError(422, "invalid_request", {"field": "access_log"})
        if not log_rows:
            return await on_store(
                lambda s: s.push(
                    s.authenticate(token, addr), mutations, body.epoch, addr, protocol=version
                )
            )
        return await on_store(lambda s: _push_with_log(s, token, addr, mutations, log_rows,
                                                       body.epoch, version))

    @app.get("/v1/pull", response_model=PullResponse, tags=["sync"])
    async def pull(
        request: Request,
        token: Token,
        version: ProtocolVersion,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
        epoch: Annotated[str | None, Query(max_length=64)] = None,
    ) -> Response:
        """Changes after ``cursor`` the user may see, in pages; integrity data on the last page
        (protocol 2: one combined digest; protocol 1: per-scope figures)."""
        addr = client_addr(request)

        def work(s: ServerStore) -> Response:
            result = s.pull_with_token(token, cursor, limit, epoch, addr, protocol=version)
            # Validated against the published model, serialised once by pydantic (FastAPI's
            # generic response path costs ~2 ms more per pull of a protocol-1 client).
            # exclude_unset: a change is served with the keys it was stored with (no
            # "ctx": null for a mutation that carried none)
            body = PullResponse.model_validate(result).model_dump_json(exclude_unset=True)
            return Response(content=body, media_type="application/json")

        return await on_store(work)

    @app.get("/v1/municipality/{bundle_version}", response_model=MunicipalityBundleResponse, tags=["sync"])
    async def municipality_bundle(
        request: Request,
        token: Token,
        speaks: ProtocolVersion,
        bundle_version: Annotated[int, Path(ge=1, le=2**62)],
    ) -> JSONResponse:
        """Protocol 3, part G: one published version of the municipality's material
        (forms, each unit's own forms, handout texts, offers, contacts, logo), with
        ``ETag: <sha256>``. Fetched by a laptop when ``hello`` names a version it lacks."""
        addr = client_addr(request)
        body = await on_store(
            lambda s: s.municipality_bundle(s.authenticate(token, addr), bundle_version, speaks))
        return JSONResponse(body, headers={"ETag": f'"{body["sha256"]}"'})

    @app.get("/v1/integrity", response_model=IntegrityResponse, tags=["sync"])
    async def integrity(
        token: Token,
        through: Annotated[int, Query(ge=0, le=2**62)],
        epoch: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        """Per-scope count and checksum of every scope the user may see, counting the
        mutations up to ``through`` (the replica's cursor): asked after a pull whose
        combined digest differed from the replica's."""
        return await on_store(lambda s: s.integrity(s.authenticate(token), through, epoch))

    @app.get("/v1/state", response_model=StateResponse, tags=["sync"])
    async def state(
        request: Request,
        token: Token,
        scope: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")],
    ) -> dict[str, Any]:
        """The merged state of every entity in one scope (a carer id), for repair."""
        addr = client_addr(request)
        return await on_store(lambda s: s.state(s.authenticate(token, addr), scope, addr))

    @app.get("/v1/register-extract", response_model=RegisterExtractResponse, tags=["follow-up"])
    async def register_extract(
        request: Request,
        token: Token,
        carer: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")],
    ) -> dict[str, Any]:
        """For staff of one of the carer's units: what the server holds about the carer for
        the register extract (records, and the access rows about the carer). Logged; 403
        ``forbidden_register_extract`` (logged) to anyone else."""
        addr = client_addr(request)
        return await on_store(lambda s: s.register_extract(s.authenticate(token, addr), carer, addr))

    @app.get("/v1/access-log", response_model=AccessLogPage, tags=["follow-up"])
    async def access_log(
        request: Request,
        token: Token,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> dict[str, Any]:
        """For unit managers: the server's access-log rows about their units' carers."""
        addr = client_addr(request)
        return await on_store(
            lambda s: s.review_access_log(s.authenticate(token, addr), after, limit, addr)
        )

    @app.get("/v1/statistics", response_model=StatisticsResponse, tags=["follow-up"])
    async def statistics(
        request: Request,
        token: Token,
        unit: Annotated[list[Annotated[str, Field(min_length=1, max_length=64)]],
                        Query(min_length=1, max_length=50)],
        period: Annotated[Literal["month", "term", "year"], Query()],
        value: Annotated[str, Query(min_length=4, max_length=10)],
    ) -> dict[str, Any]:
        """For a unit manager of every unit asked for (or an administrator): the follow-up
        statistics of the whole units for a month (``2026-03``), a term (``2026-VT``,
        ``2026-HT``) or a year (``2026``). Counts only."""
        from anhorigdesk.followup.statistics import Period

        try:
            chosen = Period.parse(period, value)
        except ValueError:
            raise ApiError(400, "bad_statistics_period", {"period": period}) from None
        addr = client_addr(request)
        stats = await on_store(
            lambda s: s.unit_statistics(s.authenticate(token, addr), unit, chosen, addr)
        )
        return stats.to_json()

    _review_routes(app, on_store)
    return app


ReviewUnit = Annotated[str, Query(min_length=1, max_length=64)]
ReviewStamp = Annotated[str | None, Query(max_length=40)]


def _review_routes(app: FastAPI, on_store: Callable[..., Any]) -> None:
    """Issue #14: a unit manager's review of the laptops' access log (loggkontroll):
    ``server/store/log_review.py``. 403 ``forbidden_log_review`` (logged) to anyone but a
    unit manager of the unit or an administrator."""

    @app.get("/v1/log-review/rows", response_model=ReviewPage, tags=["follow-up"])
    async def review_rows(
        request: Request,
        token: Token,
        unit: ReviewUnit,
        person: Annotated[str | None, Query(max_length=64)] = None,
        pseudonym: Annotated[str | None, Query(max_length=64)] = None,
        staff: Annotated[str | None, Query(max_length=64)] = None,
        since: ReviewStamp = None,
        until: ReviewStamp = None,
        action: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> dict[str, Any]:
        """The unit's laptop log rows, newest first, filtered; each with its highlights."""
        addr = client_addr(request)
        return await on_store(lambda s: s.review_rows(
            s.authenticate(token, addr), unit, person_id=person, pseudonym=pseudonym,
            staff_id=staff, since=since,
            until=until, action=action, limit=limit, offset=offset, client_addr=addr,
        ))

    @app.get("/v1/log-review/sample", response_model=ReviewSample, tags=["follow-up"])
    async def review_sample(
        request: Request,
        token: Token,
        unit: ReviewUnit,
        month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$")],
    ) -> dict[str, Any]:
        """The unit's monthly random sample (drawn once, then kept) with its review marks."""
        addr = client_addr(request)
        return await on_store(
            lambda s: s.review_sample(s.authenticate(token, addr), unit, month, addr)
        )

    @app.post("/v1/log-review/marks", response_model=MarkResponse, tags=["follow-up"])
    async def review_mark(
        body: MarkRequest, request: Request, token: Token
    ) -> dict[str, Any]:
        """Mark a row reviewed with a note; one's own accesses are marked by someone else."""
        addr = client_addr(request)
        return await on_store(lambda s: s.mark_reviewed(
            s.authenticate(token, addr), body.row_id, body.note, body.month, addr
        ))


def build_asgi(
    store: ServerStore, *, max_body: int = MAX_BODY_BYTES, fast_pull: bool = True
) -> ASGIApp:
    """The app wrapped in the body-size limit (what uvicorn serves), with the lean path
    for well-formed pulls in front of FastAPI (``server/fastpath.py``), and outermost the
    health, readiness and metrics layer (``server/metrics.py``)."""
    from anhorigdesk.server.metrics import Operations

    app: ASGIApp = create_app(store)
    if fast_pull:
        app = PullFastPath(app, store)
    return Operations(BodyLimit(app, max_body), store.db)
