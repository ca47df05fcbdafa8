"""Malformed, oversized and hostile requests get a clear 4xx; the server keeps serving."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from anhorigdesk.server.models import MAX_BODY_BYTES, MAX_PUSH_BATCH

from .conftest import Harness, MutationFactory

P = {"X-AnhorigDesk-Protocol": "1", "Accept-Language": "en"}


@pytest.fixture
def session(harness: Harness):
    unit = harness.unit("Enhet Fuzz")
    client = harness.logged_in(harness.user("anna", [unit]))
    token = client.token_store.load().access_token
    raw = harness.raw()
    yield harness, client, raw, {**P, "Authorization": f"Bearer {token}"}
    raw.close()


def _still_serving(raw: httpx.Client, headers: dict[str, str]) -> None:
    response = raw.get("/v1/pull", headers=headers)
    assert response.status_code == 200, response.text


def _error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error


def test_declared_oversized_body_gets_413(session) -> None:
    _h, _c, raw, headers = session
    body = b"{" + b" " * (MAX_BODY_BYTES + 10) + b"}"
    error = _error(raw.post("/v1/push", content=body, headers=headers), 413)
    assert error["code"] == "body_too_large" and str(MAX_BODY_BYTES) in error["message"]
    _still_serving(raw, headers)


def test_streamed_oversized_body_without_length_gets_413(session) -> None:
    _h, _c, raw, headers = session

    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 2):
            yield b" " * (1 << 20)

    response = raw.post("/v1/push", content=chunks(), headers=headers)
    assert "content-length" not in {k.lower() for k in response.request.headers if k}
    _error(response, 413)
    _still_serving(raw, headers)


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"{",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"mutations": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b"\xff\xfe\x00garbage",
        b"null",
        b'{"mutations": []}',
        b'{"mutations": "x"}',
        b'{"mutations": [{}]}',
    ],
)
def test_malformed_push_bodies_get_4xx(session, body: bytes) -> None:
    _h, _c, raw, headers = session
    response = raw.post(
        "/v1/push", content=body, headers={**headers, "Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]
    _still_serving(raw, headers)


def test_invalid_json_says_so_and_where(session) -> None:
    _h, _c, raw, headers = session
    response = raw.post(
        "/v1/push", content=b"{bad json", headers={**headers, "Content-Type": "application/json"}
    )
    error = _error(response, 422)
    assert error["params"]["detail"].startswith("body: not valid JSON at character 1")
    assert "JSON decode error" not in error["message"]


def test_hostile_mutations_get_422_with_location(session) -> None:
    harness, client, raw, headers = session
    make = MutationFactory(harness, client)
    deep: object = "x"
    for _ in range(40):
        deep = {"d": deep}
    cases = [
        {**make.make(), "seq": 0},
        {**make.make(), "op": "drop table"},
        {**make.make(), "entity": "Carer; DROP TABLE mutations"},
        {**make.make(), "fields": {"a b": 1}},
        {**make.make(), "fields": {f"f{i}": i for i in range(500)}},
        {**make.make(), "fields": {"text": "å" * 300_000}},
        {**make.make(), "fields": {"deep": deep}},
        {**make.make(), "mutation_id": "x" * 65},
        {**make.make(), "hlc": ""},
        {**make.make(), "unexpected": True},
        {**make.make(), "unit_ids": ["u"] * 40},
    ]
    for mutation in cases:
        response = raw.post("/v1/push", json={"mutations": [mutation]}, headers=headers)
        error = _error(response, 422)
        assert "mutations.0" in error["message"], error
        assert error["params"]["mutation_id"] == mutation["mutation_id"][:64]
    too_many = [make.make() for _ in range(MAX_PUSH_BATCH + 1)]
    _error(raw.post("/v1/push", json={"mutations": too_many}, headers=headers), 422)
    _still_serving(raw, headers)


def test_text_with_nul_and_odd_unicode_is_stored_faithfully(session) -> None:
    harness, client, _raw, _headers = session
    make = MutationFactory(harness, client)
    text = "nul\x00 bidi\u202e emoji 🧶 surrogate-free ÅÄÖ \u2028"
    m = make.make(fields={"notes": text})
    client.push([m])
    (change,) = client.pull(0)["changes"]
    assert change["fields"]["notes"] == text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/pull", {"cursor": "-1"}),
        ("/v1/pull", {"cursor": "abc"}),
        ("/v1/pull", {"cursor": str(2**70)}),
        ("/v1/pull", {"limit": "0"}),
        ("/v1/pull", {"limit": "100000"}),
        ("/v1/pull", {"epoch": "e" * 100}),
        ("/v1/state", {}),
        ("/v1/state", {"scope": "x\x00y"}),
    ],
)
def test_bad_query_parameters_get_422(session, path: str, params: dict) -> None:
    _h, _c, raw, headers = session
    _error(raw.get(path, params=params, headers=headers), 422)


def test_login_with_control_characters_and_huge_fields(session) -> None:
    _h, _c, raw, _headers = session
    for body in (
        {"username": "a\x00b", "password": "x", "device_id": "d", "device_name": "n"},
        {"username": "a" * 65, "password": "x", "device_id": "d", "device_name": "n"},
        {"username": "a", "password": "x" * 2000, "device_id": "d", "device_name": "n"},
        {"username": "a", "password": "x", "device_id": "d/../../etc", "device_name": "n"},
    ):
        _error(raw.post("/v1/auth/login", json=body, headers=P), 422)
    _error(raw.post("/v1/auth/login", content=json.dumps([1, 2]), headers=P), 422)


def test_unknown_paths_and_methods_get_clear_errors(session) -> None:
    _h, _c, raw, headers = session
    assert _error(raw.get("/v2/anything", headers=headers), 404)["code"] == "not_found"
    assert _error(raw.delete("/v1/push", headers=headers), 405)["code"] == "method_not_allowed"


def test_swedish_is_the_default_language(harness: Harness) -> None:
    raw = harness.raw()
    response = raw.get("/v1/pull", headers={"X-AnhorigDesk-Protocol": "1"})
    assert response.json()["error"]["message"] == "Inloggning krävs."
    raw.close()


def test_openapi_description_is_published(harness: Harness) -> None:
    raw = harness.raw()
    spec = raw.get("/openapi.json").json()
    assert {
        "/v1/hello",
        "/v1/auth/login",
        "/v1/auth/refresh",
        "/v1/auth/logout",
        "/v1/push",
        "/v1/pull",
        "/v1/state",
    } <= set(spec["paths"])
    mutation = spec["components"]["schemas"]["Mutation"]
    assert mutation["properties"]["fields"]["maxProperties"] == 200
    raw.close()
