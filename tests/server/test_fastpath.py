"""The lean pull path answers exactly as the FastAPI route does, and leaves to FastAPI
every request it does not plainly understand."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anhorigdesk.server.app import build_asgi
from anhorigdesk.server.fastpath import _parse

from .conftest import ASGISyncTransport, Harness, MutationFactory


@pytest.fixture
def pair(harness: Harness):
    """A colleague with data to pull, and two raw clients: with and without the lean path."""
    unit = harness.unit("Korttiden Väster")
    anna = harness.logged_in(harness.user("anna", [unit]))
    bo = harness.logged_in(harness.user("bo", [unit]))
    make = MutationFactory(harness, anna)
    anna.push([make.make() for _ in range(3)])
    clients = []
    for fast in (True, False):
        transport = ASGISyncTransport(build_asgi(harness.store, fast_pull=fast))
        harness.transports.append(transport)
        clients.append(httpx.Client(base_url="http://testserver", transport=transport))
    yield bo.token_store.load().access_token, harness.store.epoch(), clients
    for client in clients:
        client.close()


def _answer(client: httpx.Client, query: str, headers: dict[str, str]) -> tuple[Any, ...]:
    response = client.get("/v1/pull" + query, headers=headers)
    return (
        response.status_code,
        response.json(),
        response.headers.get("content-type"),
        response.headers.get("www-authenticate"),
    )


def _cases(token: str, epoch: str) -> list[tuple[str, dict[str, str]]]:
    v2 = {"X-AnhorigDesk-Protocol": "2", "Authorization": f"Bearer {token}"}
    v1 = {**v2, "X-AnhorigDesk-Protocol": "1"}
    return [
        ("", v2),
        ("?cursor=0", v2),
        ("?cursor=3", v2),
        ("?cursor=0&limit=1", v2),
        ("?cursor=0&limit=1000&epoch=" + epoch, v2),
        ("?cursor=0", v1),
        ("?cursor=3", v1),
        ("?cursor=0007&limit=02", v2),
        ("?cursor=3&epoch=an-old-epoch", v2),
        ("?cursor=3&epoch=", v2),
        ("?cursor=9", v2),
        ("?cursor=9", {**v2, "Accept-Language": "sv"}),
        ("?cursor=-1", v2),
        ("?cursor=abc", v2),
        ("?cursor=1.0", v2),
        ("?cursor=99999999999999999999", v2),
        (f"?cursor={2**62 + 1}", v2),
        ("?limit=0", v2),
        ("?limit=1001", v2),
        ("?limit=", v2),
        ("?epoch=" + "x" * 65, v2),
        ("?cursor=1&cursor=2", v2),
        ("?cursor=1&unknown=2", v2),
        ("?cursor=%33", v2),
        ("", {**v2, "Authorization": "Bearer not-a-session"}),
        ("", {**v2, "Authorization": "Bearer not-a-session", "Accept-Language": "en"}),
        ("", {**v2, "Authorization": f"bearer   {token}  "}),
        ("", {**v2, "Authorization": f"Basic {token}"}),
        ("", {**v2, "Authorization": "Bearer "}),
        ("", {**v2, "Authorization": "Bearer " + "x" * 257}),
        ("", {"X-AnhorigDesk-Protocol": "2"}),
        ("", {"Authorization": f"Bearer {token}"}),
        ("", {**v2, "X-AnhorigDesk-Protocol": "3"}),
        ("", {**v2, "X-AnhorigDesk-Protocol": "0"}),
        ("", {**v2, "X-AnhorigDesk-Protocol": " 2"}),
        ("", {**v2, "X-AnhorigDesk-Protocol": "two"}),
    ]


def test_lean_path_answers_as_fastapi_does(pair, harness: Harness) -> None:
    token, epoch, (fast, full) = pair
    for query, headers in _cases(token, epoch):
        assert _answer(fast, query, headers) == _answer(full, query, headers), (query, headers)


def test_lean_path_takes_only_plain_requests(pair) -> None:
    token, epoch, _clients = pair

    def scope(query: str, headers: dict[str, str]) -> dict[str, Any]:
        return {
            "query_string": query.lstrip("?").encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }

    plain = {"", "?cursor=0", "?cursor=3", "?cursor=0&limit=1", "?cursor=3&epoch=an-old-epoch"}
    taken = set()
    for query, headers in _cases(token, epoch):
        request = _parse(scope(query, headers))
        if request is not None:
            taken.add(query)
            assert request.token == token or request.token == "not-a-session"
    assert plain <= taken
    assert not taken & {"?cursor=-1", "?cursor=abc", "?limit=0", "?cursor=1&cursor=2"}
    assert _parse(scope("", {"X-AnhorigDesk-Protocol": "2"})) is None
    assert _parse(scope("", {"X-AnhorigDesk-Protocol": "4", "Authorization": "Bearer t"})) is None
    repeated = scope("", {"X-AnhorigDesk-Protocol": "2", "Authorization": "Bearer t"})
    repeated["headers"].append((b"authorization", b"Bearer u"))
    assert _parse(repeated) is None


def test_lean_path_writes_the_access_log(pair, harness: Harness) -> None:
    token, _epoch, (fast, _full) = pair
    before = [r for r in harness.store.access_log() if r["action"] == "pull"]
    headers = {"X-AnhorigDesk-Protocol": "2", "Authorization": f"Bearer {token}"}
    page = fast.get("/v1/pull?cursor=0", headers=headers).json()
    assert len(page["changes"]) == 3
    after = [r for r in harness.store.access_log() if r["action"] == "pull"]
    assert len(after) == len(before) + 3
    assert {r["username"] for r in after[len(before) :]} == {"bo"}
