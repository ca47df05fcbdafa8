"""Schemathesis fuzz of every endpoint from the published OpenAPI description: no 5xx.

Bounded: a few examples per operation, on the in-process app, with a valid protocol
header and a live session so the requests reach the handlers behind the checks.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from anhorigdesk.server.app import create_app

from .conftest import Harness, MutationFactory

schema = schemathesis.openapi.from_dict(create_app(None).openapi())


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_endpoint_answers_5xx(case, harness: Harness) -> None:
    if not hasattr(harness, "fuzz_session"):
        unit = harness.unit("Fuzzenheten")
        client = harness.logged_in(harness.user("fuzz", [unit]))
        client.push([MutationFactory(harness, client).make()])
        harness.fuzz_session = (harness.raw(), client.token_store.load().access_token)
    raw, token = harness.fuzz_session
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    overridden = {"authorization", "x-anhorigdesk-protocol", "user-agent"}
    headers = {
        k: str(v)
        for k, v in (kwargs.pop("headers", None) or {}).items()
        if k.lower() not in overridden
    }
    headers["X-AnhorigDesk-Protocol"] = "1"
    headers["Authorization"] = f"Bearer {token}"
    request = {"method": kwargs["method"], "url": kwargs["url"], "headers": headers}
    if kwargs.get("params"):
        request["params"] = kwargs["params"]
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    response = raw.request(**request)
    assert response.status_code < 500, (case.as_curl_command(), response.text)
    if response.status_code >= 400:
        assert response.json()["error"]["message"]
    raw.get("/v1/hello").raise_for_status()  # still serving
