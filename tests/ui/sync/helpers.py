"""Helpers of the sync UI tests: desktop apps ("desks") on their own data dirs and
profiles against one sync server, and what a person does with them (sign in, sync now)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.server.conftest import PASSWORD
from tests.sync.conftest import Server
from tests.ui.helpers.app import PASSPHRASE, close_app, start_app

__all__ = ["PASSPHRASE", "UNIT_NAME", "Desk", "Desks", "SwitchableTransport", "new_carer", "sign_in",
           "sync_now"]

UNIT_NAME = "Anhörigstödet Exempelby"


class SwitchableTransport(httpx.BaseTransport):
    """Passes requests on to the server, or fails them as a server that is down would."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.down = False
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        return self.inner.handle_request(request)


@dataclass
class Desk:
    """One laptop: its data dir, the app controller, the main window and the profile."""

    name: str
    ctrl: Any
    window: Any
    opened: Any
    transport: SwitchableTransport | None

    @property
    def sync(self) -> Any:
        return self.ctrl.sync

    @property
    def session(self) -> Any:
        return self.ctrl.ctx.workspace

    @property
    def page(self) -> Any:
        return self.window.pages["sync"]


@dataclass
class Desks:
    server: Server
    unit: str
    tmp: Path
    qtbot: Any
    desks: list[Desk] = field(default_factory=list)

    def user(self, username: str) -> str:
        return self.server.store.create_user(username, PASSWORD, [self.unit], "care_worker")

    def open(self, name: str, *, schedule: Any = None,
             transport_factory: Callable[[], httpx.BaseTransport] | None = None) -> Desk:
        from anhorigdesk.profiles import ProfileManager
        from anhorigdesk.ui.sync.controller import SyncSchedule

        data_dir = self.tmp / f"desk-{name}"
        data_dir.mkdir()
        opened = ProfileManager(data_dir).create(f"{name.title()} Testperson", UNIT_NAME, passphrase=PASSPHRASE)
        ctrl = start_app(data_dir)
        switch = None
        if transport_factory is None:
            switch = SwitchableTransport(self.server.transport())
            ctrl.sync_transport_factory = lambda: switch
        else:
            ctrl.sync_transport_factory = transport_factory
        ctrl.sync_schedule = schedule or SyncSchedule(enabled=False)
        window = ctrl.open_session(opened)
        ctrl.ctx.workspace.closer = None  # closed below, after the workers stopped
        desk = Desk(name, ctrl, window, opened, switch)
        self.desks.append(desk)
        self.qtbot.waitUntil(lambda: desk.sync.runner.running == 0)
        return desk

    def close(self) -> None:
        for desk in self.desks:
            close_app(desk.ctrl, desk.window)
            desk.opened.close()
        self.server.close()


def sign_in(qtbot, desk: Desk, username: str, *, server_url: str = "http://127.0.0.1",
            password: str = PASSWORD, ca_bundle: str = "", expect_ok: bool = True) -> Any:
    """Sign in through the dialog, as a person would."""
    dialog = desk.page.open_sign_in()
    qtbot.waitUntil(dialog.isVisible)
    dialog.server.setText(server_url)
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.ca_bundle.setText(ca_bundle)
    assert dialog.sign_in_button.isEnabled()
    dialog.sign_in_button.click()
    if expect_ok:
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: desk.sync.view.signed_in and desk.sync.runner.running == 0, timeout=10_000)
    else:
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    return dialog


def sync_now(qtbot, desk: Desk, *, timeout: int = 15_000) -> Any:
    """Press F5 (Sync now) and wait for the report."""
    with qtbot.waitSignal(desk.sync.sync_finished, timeout=timeout) as blocker:
        desk.window.actions_by_name["sync_now"].trigger()
    qtbot.waitUntil(lambda: desk.sync.runner.running == 0 and not desk.sync.view.running, timeout=timeout)
    return blocker.args[0]


def new_carer(desk: Desk, **fields: Any) -> str:
    session = desk.session
    fields.setdefault("unit_ids", [session.actor.unit_id])
    carer_id = session.repository.create_carer(session.actor, **fields)
    desk.window.data_changed.emit()
    return carer_id
