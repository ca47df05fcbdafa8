"""Fixtures for the sync UI tests: a real sync server (in process, SQLite) with two
fictional staff in one unit, and desktop apps on their own data dirs and profiles."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from anhorigdesk.ui.qt import QSettings
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PASSPHRASE = "en lang testfras"
UNIT_NAME = "Anhörigstödet Exempelby"


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot resize native windows to their size hints and warns.
    for item in items:
        if "tests/ui_sync" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


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
        return self.ctrl.ctx.session

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
        from anhorigdesk.ui.app import AppController, create_application
        from anhorigdesk.ui.sync.controller import SyncSchedule

        data_dir = self.tmp / f"desk-{name}"
        data_dir.mkdir()
        opened = ProfileManager(data_dir).create(f"{name.title()} Testperson", UNIT_NAME, passphrase=PASSPHRASE)
        ctrl = AppController(create_application([]), data_dir)
        switch = None
        if transport_factory is None:
            switch = SwitchableTransport(self.server.transport())
            ctrl.sync_transport_factory = lambda: switch
        else:
            ctrl.sync_transport_factory = transport_factory
        ctrl.sync_schedule = schedule or SyncSchedule(enabled=False)
        window = ctrl.open_session(opened)
        ctrl.ctx.session.close = None  # closed below, after the workers stopped
        desk = Desk(name, ctrl, window, opened, switch)
        self.desks.append(desk)
        self.qtbot.waitUntil(lambda: desk.sync.runner.running == 0)
        return desk

    def close(self) -> None:
        from anhorigdesk.ui.qt import QApplication

        for desk in self.desks:
            desk.window.close()
            desk.ctrl.shutdown()
            desk.ctrl.window = None  # a forms load that has not started yet finds no window
            QApplication.processEvents()  # results already on their way arrive while the pages exist
            desk.ctrl.ctx.languages.uninstall()
            desk.ctrl.apply_text_size(False)
            desk.ctrl.app.aboutToQuit.disconnect(desk.ctrl.shutdown)
            desk.window.deleteLater()
            desk.opened.close()
        self.server.close()


@pytest.fixture
def desks(tmp_path: Path, qtbot) -> Iterator[Desks]:
    server = Server(tmp_path / "server.db")
    unit = server.store.create_unit(UNIT_NAME)
    world = Desks(server=server, unit=unit, tmp=tmp_path, qtbot=qtbot)
    yield world
    world.close()


@pytest.fixture
def save_screenshot():
    def save(widget, name: str) -> Path:
        from anhorigdesk.ui.qt import QApplication

        QApplication.processEvents()
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save


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
