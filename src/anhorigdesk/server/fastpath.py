"""A lean ASGI path for ``GET /v1/pull``, the request laptops send most (every few minutes,
usually with nothing to fetch).

FastAPI's per-request parameter and dependency handling costs ~0.2 ms of CPU on the
event-loop thread, about as much as the pull itself. This layer answers a *well-formed*
pull directly: the same store call (``ServerStore.pull_with_token``), the same response
model and the same error bodies as the FastAPI route. Anything unusual — a missing or
unknown protocol header, a malformed ``Authorization``, a query value that is not a plain
number in range, a repeated parameter — is passed on untouched to the FastAPI route, which
answers it (426, 401, 422...) as before and stays the one published in the OpenAPI
description. ``tests/server/test_fastpath.py`` checks that both give the same answers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from anhorigdesk.server.messages import ApiError, pick_language
from anhorigdesk.server.models import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    PullResponse,
)
from anhorigdesk.server.store import ServerStore

log = logging.getLogger("anhorigdesk.server")

PULL_PATH = "/v1/pull"
MAX_CURSOR = 2**62
MAX_EPOCH_CHARS = 64
MAX_TOKEN_CHARS = 256
_NUMBER = re.compile(r"[0-9]{1,19}")
_VERSIONS = {str(v).encode(): v for v in range(PROTOCOL_MIN, PROTOCOL_MAX + 1)}
_PROTOCOL = PROTOCOL_HEADER.lower().encode("latin-1")


class PullFastPath:
    """Answers well-formed ``GET /v1/pull`` requests; passes everything else to ``app``."""

    def __init__(self, app: ASGIApp, store: ServerStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = None
        if scope["type"] == "http" and scope["path"] == PULL_PATH and scope["method"] == "GET":
            request = _parse(scope)
        if request is None:
            await self.app(scope, receive, send)
            return
        response = await self._answer(scope, request)
        await response(scope, receive, send)

    async def _answer(self, scope: Scope, request: _PullRequest) -> Response:
        client = scope.get("client")
        addr = client[0] if client else "unknown"

        def work() -> Response:
            result = self.store.pull_with_token(
                request.token,
                request.cursor,
                request.limit,
                request.epoch,
                addr,
                protocol=request.version,
            )
            body = PullResponse.model_validate(result).model_dump_json(exclude_unset=True)
            return Response(content=body, media_type="application/json")

        try:
            return await run_in_threadpool(work)
        except ApiError as exc:
            language = pick_language(request.language)
            return JSONResponse(exc.body(language), status_code=exc.status, headers=exc.headers)
        except Exception:
            log.exception("unexpected error on GET %s", PULL_PATH)
            language = pick_language(request.language)
            return JSONResponse(ApiError(500, "internal_error").body(language), status_code=500)


@dataclass(frozen=True, slots=True)
class _PullRequest:
    version: int
    token: str
    cursor: int
    limit: int
    epoch: str | None
    language: str | None


def _parse(scope: Scope) -> _PullRequest | None:
    """The request's parts when every one is plainly valid, else None (FastAPI decides)."""
    version: int | None = None
    authorization: bytes | None = None
    language: str | None = None
    seen: set[bytes] = set()
    for name, value in scope["headers"]:
        if name in (_PROTOCOL, b"authorization", b"accept-language"):
            if name in seen:
                return None  # a repeated header: let FastAPI pick, as it always does
            seen.add(name)
            if name == _PROTOCOL:
                version = _VERSIONS.get(value)
                if version is None:
                    return None
            elif name == b"authorization":
                authorization = value
            else:
                language = value.decode("latin-1")
    if version is None or authorization is None:
        return None
    if authorization[:7].lower() != b"bearer ":
        return None
    token = authorization[7:].decode("latin-1").strip()
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    query: dict[str, str] = {}
    for key, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
        if key in query:
            return None
        query[key] = value
    cursor = _number(query.get("cursor"), 0, 0, MAX_CURSOR)
    limit = _number(query.get("limit"), DEFAULT_PULL_LIMIT, 1, MAX_PULL_LIMIT)
    epoch = query.get("epoch")
    if cursor is None or limit is None or (epoch is not None and len(epoch) > MAX_EPOCH_CHARS):
        return None
    return _PullRequest(version, token, cursor, limit, epoch, language)


def _number(text: str | None, default: int, low: int, high: int) -> int | None:
    if text is None:
        return default
    if not _NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None

