"""The UI tests' fixtures, one set for every folder under tests/ui/: QSettings in a
temporary folder, the app's controller, a real open profile and the main window on it,
waiting until the app is idle, and screenshots. How the app starts and closes is in
tests/ui/helpers/app.py; a sub-folder's conftest.py adds only what its tests alone need."""

from __future__ import annotations

from pathlib import Path

import pytest

from anhorigdesk.ui.qt import QSettings
from tests.ui.helpers import app as app_helpers


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    """QSettings in a temporary folder, so a test never reads or writes the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture
def save_screenshot():
    """save_screenshot(widget, name): a PNG of the widget in screenshots/ (gitignored)."""
    return app_helpers.save_screenshot


def pytest_collection_modifyitems(items):
    # The offscreen platform plugin cannot resize native windows to their size hints
    # and says so as a warning whenever a toolbar or menu is shown; that is the test
    # platform's limitation, not the application's.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture
def bare_controller(qapp, data_dir):
    """The app's controller before it has started: no window, wizard or picker yet."""
    ctrl = app_helpers.start_app(data_dir)
    yield ctrl
    for widget in (ctrl.wizard, ctrl.picker):
        if widget is not None:
            widget.close()
    app_helpers.close_app(ctrl, ctrl.window)


@pytest.fixture
def opened_profile(data_dir):
    """A fresh passphrase profile in the test's data dir (closed after the test)."""
    opened = app_helpers.create_profile(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def app_window(qapp, qtbot, data_dir, opened_profile):
    """The main window on a real, open profile, as after unlocking it."""
    ctrl = app_helpers.start_app(data_dir)
    window = ctrl.open_session(opened_profile)
    ctrl.ctx.workspace.closer = None  # opened_profile closes the store after the workers stop
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield ctrl, window
    app_helpers.close_app(ctrl, window)


@pytest.fixture
def app_run(qapp, qtbot, data_dir):
    """app_run.open(profile, clock): main windows on profiles of the test's data dir."""
    run = app_helpers.AppRun(qtbot, data_dir)
    yield run
    run.close_all()


@pytest.fixture
def wait_idle(qtbot):
    """wait_idle(ctrl): until no background task runs (all results delivered)."""

    def wait(ctrl, timeout: int = 8000) -> None:
        app_helpers.wait_idle(qtbot, ctrl, timeout)

    return wait
