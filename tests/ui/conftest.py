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
def controller(qapp, tmp_path: Path, qtbot):
    from anhorigdesk.ui.app import AppController, create_application

    app = create_application([])
    ctrl = AppController(app, tmp_path / "data")
    yield ctrl
    if ctrl.window is not None:
        ctrl.window.close()
        ctrl.window.deleteLater()
    ctrl.shutdown()
    ctrl.ctx.languages.uninstall()
    ctrl.apply_text_size(False)
    app.aboutToQuit.disconnect(ctrl.shutdown)


@pytest.fixture
def save_screenshot():
    """save_screenshot(widget, name): a PNG of the widget in screenshots/ (gitignored)."""

    def save(widget, name: str) -> Path:
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
