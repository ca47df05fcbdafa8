"""Login, tokens, sessions, rate limits and disabled accounts."""

from __future__ import annotations

import pytest

from anhorigdesk.server.store import AdminError
from anhorigdesk.sync.protocol import AuthError, Forbidden, RateLimited

from .conftest import PASSWORD, Harness, MutationFactory


@pytest.fixture
def unit(harness: Harness) -> str:
    return harness.unit("Anhörigstöd Centrum")


def test_login_returns_tokens_user_and_registers_device(harness: Harness, unit: str) -> None:
    account = harness.user("dora", [unit], role="support_consultant")
    client = harness.client()
    tokens = client.login("dora", PASSWORD, device_id="laptop-17", device_name="Dator 17")
    assert tokens.user == {
        "id": account.user_id,
        "username": "dora",
        "role": "support_consultant",
        "unit_ids": [unit],
        "units": [{"id": unit, "name": "Anhörigstöd Centrum"}],
    }
    assert tokens.device_id == "laptop-17"
    (session,) = harness.store.list_sessions("dora")
    assert session["device_id"] == "laptop-17" and session["active"]
    # tokens are stored hashed only
    with harness.store.db.transaction() as tx:
        hashes = tx.one("SELECT access_hash, refresh_hash FROM sessions")
    assert tokens.access_token not in hashes and tokens.refresh_token not in hashes


def test_wrong_password_and_unknown_user_get_the_same_401(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    client = harness.client()
    with pytest.raises(AuthError) as wrong:
        client.login("dora", "fel-lösenord-123", device_id="d1", device_name="x")
    with pytest.raises(AuthError) as unknown:
        client.login("nobody", "fel-lösenord-123", device_id="d1", device_name="x")
    assert wrong.value.code == unknown.value.code == "login_failed"
    assert wrong.value.message == "Wrong username or password."
    logged = [(r["action"], r["username"], r["outcome"]) for r in harness.store.access_log()]
    assert logged == [("login", "dora", "denied"), ("login", "(unknown)", "denied")]


def test_login_rate_limit_per_username(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    for i in range(5):
        client = harness.client(client_addr=f"10.9.0.{i}")
        with pytest.raises(AuthError):
            client.login("dora", "fel-lösenord-123", device_id="d1", device_name="x")
    client = harness.client(client_addr="10.9.0.99")
    with pytest.raises(RateLimited) as info:
        client.login("dora", PASSWORD, device_id="d1", device_name="x")
    assert info.value.status == 429
    assert 0 < info.value.retry_after <= 15 * 60
    harness.clock.advance(minutes=15, seconds=1)
    assert client.login("dora", PASSWORD, device_id="d1", device_name="x").access_token


def test_login_rate_limit_per_address_sends_retry_after(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    raw = harness.raw(client_addr="192.0.2.7")
    headers = {"X-AnhorigDesk-Protocol": "1"}
    for i in range(harness.store.policy.login_failure_limit_per_address):
        body = {"username": f"guess{i}", "password": "x", "device_id": "d", "device_name": "x"}
        assert raw.post("/v1/auth/login", json=body, headers=headers).status_code == 401
    body = {"username": "dora", "password": PASSWORD, "device_id": "d", "device_name": "x"}
    response = raw.post("/v1/auth/login", json=body, headers=headers)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    other = harness.raw(client_addr="192.0.2.8")
    assert other.post("/v1/auth/login", json=body, headers=headers).status_code == 200
    raw.close()
    other.close()


def test_a_few_typos_at_one_office_address_do_not_lock_out_the_colleagues(
    harness: Harness, unit: str
) -> None:
    """Laptops behind one NAT (or a proxy) share an address: five colleagues each mistyping
    once must not stop the sixth from signing in; the per-user limit stays five."""
    harness.user("dora", [unit])
    for i in range(5):
        harness.user(f"kollega{i}", [unit])
        with pytest.raises(AuthError):
            harness.client(client_addr="198.51.100.1").login(
                f"kollega{i}", "fel-lösenord-123", device_id=f"d{i}", device_name="x"
            )
    client = harness.client(client_addr="198.51.100.1")
    assert client.login("dora", PASSWORD, device_id="d9", device_name="x").access_token
    assert harness.store.policy.login_failure_limit == 5
    assert harness.store.policy.login_failure_limit_per_address > 5


def test_expired_access_token_is_refused_then_refreshed(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    client = harness.logged_in(_account(harness, "dora", unit))
    old = client.token_store.load()
    harness.clock.advance(minutes=16)
    raw = harness.raw()
    response = raw.get(
        "/v1/pull",
        headers={"X-AnhorigDesk-Protocol": "1", "Authorization": f"Bearer {old.access_token}"},
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_invalid"
    raw.close()
    client.pull(0)  # the client refreshes once and retries
    new = client.token_store.load()
    assert new.access_token != old.access_token and new.refresh_token != old.refresh_token
    # the old refresh token no longer works (rotation): sent again at once by the same
    # device it gets the same pair (a lost answer), later it ends the session
    stale = harness.client()
    stale.token_store.save(old)
    assert stale.refresh().refresh_token == new.refresh_token
    stale.token_store.save(old)
    harness.clock.advance(seconds=61)
    with pytest.raises(AuthError):
        stale.refresh()
    with pytest.raises(AuthError):
        client.pull(0)  # the whole session ended


def _account(harness: Harness, username: str, unit: str):
    from .conftest import Account

    with harness.store.db.transaction() as tx:
        row = tx.one("SELECT id FROM users WHERE username = ?", (username,))
    return Account(username, row[0], [unit])


def test_expired_refresh_token_is_refused(harness: Harness, unit: str) -> None:
    client = harness.logged_in(harness.user("dora", [unit]))
    harness.clock.advance(days=31)
    with pytest.raises(AuthError) as info:
        client.pull(0)
    assert info.value.code == "token_invalid"
    assert client.token_store.load() is None


def test_logout_revokes_both_tokens(harness: Harness, unit: str) -> None:
    client = harness.logged_in(harness.user("dora", [unit]))
    tokens = client.token_store.load()
    client.logout()
    revived = harness.client()
    revived.token_store.save(tokens)
    with pytest.raises(AuthError):
        revived.pull(0)
    assert revived.token_store.load() is None


def test_disabling_a_user_ends_sessions_at_once(harness: Harness, unit: str) -> None:
    account = harness.user("dora", [unit])
    client = harness.logged_in(account)
    make = MutationFactory(harness, client)
    client.push([make.make()])
    assert harness.store.disable_user("dora") == 1
    with pytest.raises(AuthError):
        client.push([make.make()])
    with pytest.raises(Forbidden) as info:
        harness.client().login("dora", PASSWORD, device_id="d2", device_name="x")
    assert info.value.code == "account_disabled"  # the right password: told, not "wrong password"
    with pytest.raises(AuthError) as wrong:
        harness.client().login("dora", "fel-lösenord-123", device_id="d2", device_name="x")
    assert wrong.value.code == "login_failed"  # a wrong password learns nothing about the account
    assert not harness.store.list_sessions("dora")[0]["active"]
    logged = [(r["action"], r["outcome"], r["detail"]) for r in harness.store.access_log()][-2:]
    assert logged == [("login", "denied", "account disabled"), ("login", "denied", "login failed")]


def test_a_disabled_user_can_be_enabled_again_and_listed(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit], role="support_consultant")
    harness.user("erik", [unit])
    harness.store.disable_user("dora")
    users = {u["username"]: u for u in harness.store.list_users()}
    assert (users["dora"]["disabled"], users["dora"]["role"], users["dora"]["units"]) == (
        True, "support_consultant", ["Anhörigstöd Centrum"])
    assert users["erik"]["disabled"] is False
    assert "password_hash" not in users["dora"]
    assert harness.store.enable_user("dora") is True
    assert harness.store.enable_user("dora") is False  # was not disabled
    assert harness.client().login("dora", PASSWORD, device_id="d2", device_name="x").access_token
    with pytest.raises(AdminError, match="no user"):
        harness.store.enable_user("ghost")


def test_reset_password_ends_sessions_and_old_password_fails(harness: Harness, unit: str) -> None:
    client = harness.logged_in(harness.user("dora", [unit]))
    harness.store.reset_password("dora", "ett-helt-nytt-lösenord")
    with pytest.raises(AuthError):
        client.pull(0)
    with pytest.raises(AuthError):
        harness.client().login("dora", PASSWORD, device_id="d3", device_name="x")
    assert harness.client().login("dora", "ett-helt-nytt-lösenord", device_id="d3", device_name="x")


def test_device_of_another_user_is_refused(harness: Harness, unit: str) -> None:
    harness.user("dora", [unit])
    harness.user("erik", [unit])
    harness.client().login("dora", PASSWORD, device_id="shared-1", device_name="x")
    with pytest.raises(Forbidden) as info:
        harness.client().login("erik", PASSWORD, device_id="shared-1", device_name="x")
    assert info.value.code == "device_other_user"


def test_admin_errors_are_clear(harness: Harness, unit: str) -> None:
    with pytest.raises(AdminError, match="unknown role"):
        harness.store.create_user("x", PASSWORD, [unit], "king")
    with pytest.raises(AdminError, match="at least 10"):
        harness.store.create_user("x", "kort", [unit], "care_worker")
    with pytest.raises(AdminError, match="no unit"):
        harness.store.create_user("x", PASSWORD, ["nope"], "care_worker")
    harness.user("dora", [unit])
    with pytest.raises(AdminError, match="already exists"):
        harness.store.create_user("dora", PASSWORD, [unit], "care_worker")
    with pytest.raises(AdminError, match="no user"):
        harness.store.disable_user("ghost")


def test_requests_without_token_get_401(harness: Harness) -> None:
    raw = harness.raw()
    for path in ("/v1/pull", "/v1/state?scope=x"):
        response = raw.get(path, headers={"X-AnhorigDesk-Protocol": "1"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "auth_required"
    response = raw.get(
        "/v1/pull", headers={"X-AnhorigDesk-Protocol": "1", "Authorization": "Bearer made-up"}
    )
    assert response.status_code == 401
    raw.close()
