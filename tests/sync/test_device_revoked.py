"""A lost or stolen laptop (#19): after ``admin revoke-device`` the laptop's next sync
learns it from the server it signed in to, and its profile data is removed; nothing
else (a network error, a server error, a server that never signed it in, an answer
naming another laptop) ever leads there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest

from anhorigdesk.profiles import ProfileManager, keys
from anhorigdesk.sync.account import keyring_account, remove_revoked_profile, sign_in
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine
from tests.server.conftest import PASSWORD

from .conftest import Server


class Switch(httpx.BaseTransport):
    """The laptop's way to the server: the real one, down, or something else answering."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.answer: Any = None  # None: pass on; "down": no connection; a Response factory

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.answer == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if self.answer is not None:
            request.read()
            return self.answer(request)
        return self.inner.handle_request(request)


@pytest.fixture
def world(tmp_path: Path, data_dir: Path) -> Iterator[dict[str, Any]]:
    server = Server(tmp_path / "server.db")
    unit = server.store.create_unit("Enhet Norr")
    server.store.create_user("kim", PASSWORD, [unit], "care_worker")
    manager = ProfileManager(data_dir)
    opened = manager.create("Kim Testperson", "Enhet Norr")  # keychain profile
    switch = Switch(server.transport())
    result = sign_in(opened.repo, opened.profile, manager.save, server_url="http://127.0.0.1",
                     username="kim", password=PASSWORD, transport=switch)
    engine = SyncEngine(opened.repo, result.client,
                        retry=RetryPolicy(attempts=2, base_delay=0, sleep=lambda _s: None))
    assert engine.sync_once().ok
    yield {"server": server, "manager": manager, "opened": opened, "switch": switch,
           "engine": engine, "client": result.client}
    result.client.close()
    if opened.profile.folder.exists():
        opened.close()
    server.close()


def _secrets() -> dict[tuple[str, str], str]:
    return keyring.get_keyring().secrets  # type: ignore[attr-defined]


def test_a_revoked_laptop_learns_it_and_its_profile_data_is_removed(world: dict[str, Any]) -> None:
    opened, manager = world["opened"], world["manager"]
    profile = opened.profile
    device_id = opened.repo.db.client_id
    held = {account for _service, account in _secrets()}
    assert {keys.account_for(profile.id), keyring_account(profile.id)} <= held
    assert world["server"].store.revoke_device(device_id) == 1

    report = world["engine"].sync_once()
    assert report.device_revoked and report.error == "device_revoked"

    remove_revoked_profile(manager, profile, close=opened.close)
    assert not profile.folder.exists()
    assert manager.profiles() == []
    assert not any(account.endswith(profile.id) for _service, account in _secrets())


def _canned(status: int, code: str, device_id: str) -> Any:
    body = {"error": {"code": code, "message": "x", "params": {"device_id": device_id}}}
    return lambda request: httpx.Response(status, json=body, request=request)


@pytest.mark.parametrize("case", ["down", "server_error", "other_device", "proxy_page", "other_server"])
def test_nothing_but_the_servers_own_answer_counts_as_revoked(
    world: dict[str, Any], tmp_path: Path, case: str
) -> None:
    switch, opened = world["switch"], world["opened"]
    device_id = opened.repo.db.client_id
    if case == "down":
        switch.answer = "down"
    elif case == "server_error":
        switch.answer = _canned(503, "device_revoked", device_id)
    elif case == "other_device":
        switch.answer = _canned(403, "device_revoked", "some-other-laptop")
    elif case == "proxy_page":
        switch.answer = lambda request: httpx.Response(403, text="<html>Forbidden</html>", request=request)
    else:
        # a server this laptop never signed in to, at the same address, where every
        # device has been revoked: it does not know the laptop's token
        other = Server(tmp_path / "other.db")
        unit = other.store.create_unit("Enhet Norr")
        other.store.create_user("kim", PASSWORD, [unit], "care_worker")
        other_switch = Switch(other.transport())
        from anhorigdesk.sync.protocol import SyncClient

        probe = SyncClient("http://127.0.0.1", transport=other_switch)
        probe.login("kim", PASSWORD, device_id=device_id, device_name="x")
        probe.close()
        other.store.revoke_device(device_id)
        switch.inner = other.transport()
    report = world["engine"].sync_once()
    assert not report.ok and not report.device_revoked
    assert opened.profile.folder.exists()
    if case == "other_server":
        assert report.error == "token_invalid"
        other.close()
