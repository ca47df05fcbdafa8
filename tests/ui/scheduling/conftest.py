"""Fixtures for forms and scheduling in the app: a real profile, an injectable clock,
a widget filler, screenshots."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from anhorigdesk.scheduling import FixedClock
from anhorigdesk.ui.qt import QApplication, QSettings

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PASSPHRASE = "en lang testfras"


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot resize native windows to their size hints.
    for item in items:
        if "tests/ui_formsched" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


class AppRun:
    """Opens the main window on a profile with a given clock; closes everything after."""

    def __init__(self, qtbot, data_dir: Path) -> None:
        self.qtbot = qtbot
        self.data_dir = data_dir
        self.runs: list[tuple[object, object, object]] = []

    def create_profile(self):
        from anhorigdesk.profiles import ProfileManager

        return ProfileManager(self.data_dir).create("Testa Testsson", "Anhörigstöd Exempelby",
                                                    passphrase=PASSPHRASE)

    def reopen_profile(self, profile):
        from anhorigdesk.profiles import ProfileManager

        return ProfileManager(self.data_dir).unlock(profile, PASSPHRASE)

    def open(self, opened, clock: FixedClock | None = None):
        from anhorigdesk.ui.app import AppController, create_application

        app = create_application([])
        ctrl = AppController(app, self.data_dir)
        if clock is not None:
            ctrl.ctx.extras["clock"] = clock
        window = ctrl.open_session(opened)
        self.qtbot.waitExposed(window)
        window.activateWindow()
        # The forms load in the background a moment after the window is up.
        self.qtbot.waitUntil(lambda: window.pages["entry"].registry is not None, timeout=8000)
        ctrl.ctx.session.close = None  # closed here, after the workers stop
        self.runs.append((ctrl, window, opened))
        return ctrl, window

    def close(self, ctrl, window) -> None:
        for i, (c, _w, opened) in enumerate(self.runs):
            if c is ctrl:
                window.close()
                ctrl.shutdown()
                ctrl.ctx.languages.uninstall()
                ctrl.apply_text_size(False)
                QApplication.instance().aboutToQuit.disconnect(ctrl.shutdown)
                window.deleteLater()
                opened.close()
                del self.runs[i]
                return

    def close_all(self) -> None:
        for ctrl, window, _opened in list(self.runs):
            self.close(ctrl, window)


@pytest.fixture
def app_run(qapp, qtbot, data_dir):
    run = AppRun(qtbot, data_dir)
    yield run
    run.close_all()


@pytest.fixture
def wait_idle(qtbot):
    def wait(ctrl, timeout: int = 8000) -> None:
        qtbot.waitUntil(lambda: ctrl.ctx.runner.running == 0, timeout=timeout)

    return wait


@pytest.fixture
def save_screenshot():
    def save(widget, name: str) -> Path:
        QApplication.processEvents()
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save


