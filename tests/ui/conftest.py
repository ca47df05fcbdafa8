from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from anhorigdesk.ui.qt import QSettings

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


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

    def save(widget, name: str) -> Path:
        from anhorigdesk.ui.qt import QApplication

        QApplication.processEvents()  # let pending layout requests settle first
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save


def pytest_collection_modifyitems(items):
    # The offscreen platform plugin cannot resize native windows to their size hints
    # and says so as a warning whenever a toolbar or menu is shown; that is the test
    # platform's limitation, not the application's.
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


PASSPHRASE = "en lang testfras"  # ASCII: QTest.keyClicks cannot type å


@pytest.fixture
def bare_controller(qapp, data_dir):
    """The app's controller before it has started: no window, wizard or picker yet."""
    from anhorigdesk.ui.app import AppController, create_application

    ctrl = AppController(create_application([]), data_dir)
    yield ctrl
    for widget in (ctrl.window, ctrl.wizard, ctrl.picker):
        if widget is not None:
            widget.close()
    ctrl.shutdown()
    ctrl.ctx.languages.uninstall()
    qapp.aboutToQuit.disconnect(ctrl.shutdown)


@pytest.fixture
def opened_profile(data_dir):
    """A fresh passphrase profile in the test's data dir (closed after the test)."""
    from anhorigdesk.profiles import ProfileManager

    opened = ProfileManager(data_dir).create("Testa Testsson", "Anhörigstöd Exempelby", passphrase=PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def app_window(qapp, qtbot, data_dir, opened_profile):
    """The main window on a real, open profile, as after unlocking it."""
    from anhorigdesk.ui.app import AppController, create_application

    app = create_application([])
    ctrl = AppController(app, data_dir)
    window = ctrl.open_session(opened_profile)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl.ctx.workspace.closer = None  # the fixture closes the store after the workers stop
    yield ctrl, window
    window.close()
    ctrl.shutdown()
    ctrl.ctx.languages.uninstall()
    ctrl.apply_text_size(False)
    app.aboutToQuit.disconnect(ctrl.shutdown)
    window.deleteLater()


@pytest.fixture
def wait_idle(qtbot):
    """wait_idle(ctrl): until no background task runs (all results delivered)."""

    def wait(ctrl, timeout: int = 5000) -> None:
        qtbot.waitUntil(lambda: ctrl.ctx.runner.running == 0, timeout=timeout)

    return wait
