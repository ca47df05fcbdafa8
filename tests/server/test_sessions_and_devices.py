"""Refresh-token reuse (#19 finding 7), device revocation (lost or stolen laptop), and the
login refusals that must leave a log row (finding 8), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from anhorigdesk.server.store import AdminError
from anhorigdesk.sync.protocol import (
    AuthError,
    DeviceRevoked,
    Forbidden,
    MemoryTokenStore,
    SyncClient,
    Tokens,
)

from .conftest import PASSWORD, Harness, MutationFactory


@pytest.fixture
def unit(harness: Harness) -> str:
    return harness.unit("Anhörigstöd Norr")


def _copy(tokens: Tokens) -> Tokens:
    return Tokens(**{**tokens.__dict__, "user": dict(tokens.user)})


def _client_with(harness: Harness, tokens: Tokens) -> SyncClient:
    client = harness.client()
    client.token_store.save(_copy(tokens))
    return client


def _refresh_raw(harness: Harness, refresh_token: str, device: str | None) -> Any:
    raw = harness.raw()
    headers = {"X-AnhorigDesk-Protocol": "2"}
    if device is not None:
        headers["X-AnhorigDesk-Device"] = device
    response = raw.post("/v1/auth/refresh", json={"refresh_token": refresh_token}, headers=headers)
    raw.close()
    return response


def _log(harness: Harness, action: str) -> list[tuple[Any, ...]]:
    return [
        (r["username"], r["device_id"], r["outcome"], r["detail"], r["client_addr"])
        for r in harness.store.access_log()
        if r["action"] == action
    ]


# ---------------------------------------------------------------- refresh-token reuse
def test_a_refresh_retried_after_a_lost_answer_gets_the_same_pair(harness: Harness, unit: str) -> None:
    """The answer of a refresh is lost on the way; the laptop sends the same refresh token
    again: it gets the pair the first rotation gave, and that pair works (today: 401 and the
    laptop is signed out)."""
    client = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    before = client.token_store.load()
    assert before is not None
    first = client.refresh()  # the laptop never saw this answer
    retry = _client_with(harness, before)
    harness.clock.advance(seconds=30)
    second = retry.refresh()
    assert (second.access_token, second.refresh_token) == (first.access_token, first.refresh_token)
    assert second.access_expires_at == first.access_expires_at
    assert retry.pull(0)["changes"] == []  # the pair is the live one
    assert retry.refresh().refresh_token not in (first.refresh_token, before.refresh_token)
    assert _log(harness, "refresh") == []  # a retry is no reuse


def test_concurrent_same_device_refreshes_get_one_pair(harness: Harness, unit: str) -> None:
    """Two requests with one refresh token from its own device: one rotation, one pair."""
    client = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    tokens = client.token_store.load()
    assert tokens is not None
    answers = [_refresh_raw(harness, tokens.refresh_token, "laptop-d") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert len({(a.json()["access_token"], a.json()["refresh_token"]) for a in answers}) == 1


@pytest.mark.parametrize("case", ["late", "other_device", "no_device", "older_token"])
def test_any_other_reuse_ends_the_whole_session_and_is_logged(
    harness: Harness, unit: str, case: str
) -> None:
    account = harness.user("dora", [unit])
    client = harness.logged_in(account, device_id="laptop-d")
    oldest = client.token_store.load()
    assert oldest is not None
    spent = _copy(oldest)
    client.refresh()
    if case == "older_token":
        spent = _copy(client.token_store.load())  # type: ignore[arg-type]
        client.refresh()
        spent, oldest = oldest, spent  # the first token: no longer the one just rotated
    elif case == "late":
        harness.clock.advance(seconds=61)
    device = {"other_device": "laptop-x", "no_device": None}.get(case, "laptop-d")
    response = _refresh_raw(harness, spent.refresh_token, device)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_invalid"
    # every token of the session is dead: the access token and the current refresh token
    with pytest.raises(AuthError):
        client.pull(0)
    assert client.token_store.load() is None  # its refresh failed too
    (session,) = harness.store.list_sessions("dora")
    assert session["revoked_reason"] == "refresh_reuse" and not session["active"]
    assert _log(harness, "refresh") == [
        ("dora", "laptop-d", "denied", "refresh token reused: session ended", "127.0.0.1")
    ]
    # the person signs in again on the laptop: a new session works
    assert harness.logged_in(account, device_id="laptop-d").pull(0)["changes"] == []


def test_a_thief_who_refreshes_first_loses_the_session_when_the_laptop_comes_back(
    harness: Harness, unit: str
) -> None:
    """Finding 7: a stolen refresh token used first; the laptop's own (now spent) token
    is then seen again after the retry window: the session ends for both."""
    laptop = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    stolen = laptop.token_store.load()
    assert stolen is not None
    thief = _client_with(harness, stolen)
    thief.refresh()
    harness.clock.advance(minutes=16)  # the laptop's access token has expired meanwhile
    with pytest.raises(AuthError):
        laptop.pull(0)
    with pytest.raises(AuthError):
        thief.pull(0)


def test_the_database_holds_no_token_only_hashes_and_a_box_the_old_token_opens(
    harness: Harness, unit: str
) -> None:
    client = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    old = client.token_store.load()
    assert old is not None
    new = client.refresh()
    with harness.store.db.transaction() as tx:
        rows = [
            " ".join(str(v) for v in row)
            for table in ("sessions", "spent_refresh_tokens")
            for row in tx.all(f"SELECT * FROM {table}")
        ]
    for secret in (old.access_token, old.refresh_token, new.access_token, new.refresh_token):
        assert not any(secret in row for row in rows)
    # another token does not open the box: a wrong one is simply invalid
    response = _refresh_raw(harness, "x" * 43, "laptop-d")
    assert response.status_code == 401


# ---------------------------------------------------------------- device revocation
def test_a_revoked_device_is_refused_everywhere_and_told_so(harness: Harness, unit: str) -> None:
    account = harness.user("dora", [unit])
    stolen = harness.logged_in(account, device_id="laptop-stolen")
    other = harness.logged_in(account, device_id="laptop-desk")
    make = MutationFactory(harness, stolen)
    stolen_tokens = _copy(stolen.token_store.load())  # type: ignore[arg-type]
    devices = {d["device_id"]: d for d in harness.store.list_devices("dora")}
    assert devices["laptop-stolen"]["active_sessions"] == 1
    assert devices["laptop-stolen"]["revoked_at"] is None

    assert harness.store.revoke_device("laptop-stolen") == 1

    # an authenticated request: 403 device_revoked naming the device (the laptop wipes)
    with pytest.raises(DeviceRevoked) as info:
        stolen.pull(0)
    assert info.value.status == 403 and info.value.device_id == "laptop-stolen"
    assert stolen.token_store.load() is not None  # not a sign-out: the app acts on it
    for call in (lambda c: c.push([make.make()]), lambda c: c.integrity(0), lambda c: c.refresh()):
        with pytest.raises(DeviceRevoked):
            call(_client_with(harness, stolen_tokens))
    # also after the access token expired (a laptop back after weeks)
    harness.clock.advance(days=3)
    with pytest.raises(DeviceRevoked):
        _client_with(harness, stolen_tokens).pull(0)
    # signing in again with that device is refused
    with pytest.raises(Forbidden) as login:
        harness.client().login("dora", PASSWORD, device_id="laptop-stolen", device_name="x")
    assert login.value.code == "device_revoked"
    assert not isinstance(login.value, DeviceRevoked)  # no token was sent: nothing to wipe
    # the person's other laptop is untouched
    assert other.pull(0)["changes"] == []
    devices = {d["device_id"]: d for d in harness.store.list_devices("dora")}
    assert devices["laptop-stolen"]["revoked_at"] and devices["laptop-stolen"]["active_sessions"] == 0
    assert devices["laptop-desk"]["revoked_at"] is None
    rows = [
        (r["action"], r["username"], r["device_id"], r["outcome"], r["detail"])
        for r in harness.store.access_log()
        if r["device_id"] == "laptop-stolen"
    ]
    assert rows[0] == ("revoke_device", "dora", "laptop-stolen", "ok", "device revoked by the administrator")
    assert ("pull", "dora", "laptop-stolen", "denied", "device revoked") in rows
    assert ("refresh", "dora", "laptop-stolen", "denied", "device revoked") in rows
    assert rows[-1] == ("login", "dora", "laptop-stolen", "denied", "device revoked")


def test_revoking_tells_even_a_session_ended_before(harness: Harness, unit: str) -> None:
    """The administrator reset the password first (the session ended as password_reset),
    then revoked the laptop: its old token now hears device_revoked, not token_invalid."""
    stolen = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-stolen")
    harness.store.reset_password("dora", "ett-helt-nytt-lösenord")
    assert harness.store.revoke_device("laptop-stolen") == 0
    with pytest.raises(DeviceRevoked):
        stolen.pull(0)


def test_device_revoked_is_believed_only_for_this_laptops_own_token(
    harness: Harness, unit: str
) -> None:
    """A 403 device_revoked that names another device (or answers a request without this
    laptop's token) is a plain refusal, never the order to remove the data."""
    import httpx

    def canned(device_id: str) -> httpx.MockTransport:
        body = {"error": {"code": "device_revoked", "message": "x", "params": {"device_id": device_id}}}
        return httpx.MockTransport(lambda request: httpx.Response(403, json=body))

    tokens = Tokens("a", "r", "2099-01-01T00:00:00.000000Z", "2099-01-01T00:00:00.000000Z", "laptop-d")
    other = SyncClient("http://fake", transport=canned("laptop-x"), token_store=MemoryTokenStore())
    other.token_store.save(tokens)
    with pytest.raises(Forbidden) as info:
        other.pull(0)
    assert not isinstance(info.value, DeviceRevoked)
    own = SyncClient("http://fake", transport=canned("laptop-d"), token_store=MemoryTokenStore())
    with pytest.raises(Forbidden) as anonymous:
        own.login("dora", PASSWORD, device_id="laptop-d", device_name="x")
    assert not isinstance(anonymous.value, DeviceRevoked)
    own.token_store.save(tokens)
    with pytest.raises(DeviceRevoked):
        own.pull(0)
    for c in (other, own):
        c.close()


def test_revoke_and_list_errors_are_clear(harness: Harness, unit: str) -> None:
    with pytest.raises(AdminError, match="no device with id 'nope'"):
        harness.store.revoke_device("nope")
    with pytest.raises(AdminError, match="no user named 'ghost'"):
        harness.store.list_devices("ghost")
    harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    harness.store.revoke_device("laptop-d")
    assert harness.store.revoke_device("laptop-d") == 0  # again: nothing more to end
    assert [d["device_id"] for d in harness.store.list_devices()] == ["laptop-d"]


# ---------------------------------------------------------------- finding 8 (part)
def test_login_with_another_users_device_is_refused_and_logged(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    harness.user("erik", [unit])
    harness.client().login("dora", PASSWORD, device_id="shared-1", device_name="x")
    with pytest.raises(Forbidden) as info:
        harness.client(client_addr="10.1.2.3").login(
            "erik", PASSWORD, device_id="shared-1", device_name="x"
        )
    assert info.value.code == "device_other_user"
    assert _log(harness, "login") == [
        ("erik", "shared-1", "denied", "device registered to another user", "10.1.2.3")
    ]
    assert [s["username"] for s in harness.store.list_sessions()] == ["dora"]


def test_a_spent_token_of_an_expired_session_is_only_invalid(harness: Harness, unit: str) -> None:
    client = harness.logged_in(harness.user("dora", [unit]), device_id="laptop-d")
    old = client.token_store.load()
    assert old is not None
    client.refresh()
    harness.clock.advance(days=31)
    assert _refresh_raw(harness, old.refresh_token, "laptop-x").status_code == 401
    assert _log(harness, "refresh") == []  # nothing was left to end
    assert harness.store.list_sessions("dora")[0]["revoked_reason"] is None
