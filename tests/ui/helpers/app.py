"""Starting and closing the app in a test: the controller on a data dir, the main window on
an open profile, and the one teardown every UI fixture uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PASSPHRASE = "en lang testfras"  # ASCII: QTest.keyClicks cannot type å
PROFILE_NAME = "Testa Testsson"  # fictional
UNIT_NAME = "Anhörigstöd Exempelby"  # fictional
SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"  # gitignored


def create_profile(data_dir: Path, *, keychain: bool = False, name: str = PROFILE_NAME,
                   unit: str = UNIT_NAME) -> Any:
    """A fresh profile, open: with the test passphrase, or with its key in the keychain."""
    from anhorigdesk.profiles import ProfileManager

    return ProfileManager(data_dir).create(name, unit, passphrase=None if keychain else PASSPHRASE)


def start_app(data_dir: Path) -> Any:
    """The app's controller on ``data_dir``, before it has opened anything."""
    from anhorigdesk.ui.app import AppController, create_application

    return AppController(create_application([]), data_dir)


def close_app(ctrl: Any, window: Any) -> None:
    """Close the window and shut the controller down as quitting does (drafts saved, workers
    stopped, then the session's store closed if the session closes it), then undo what the
    controller installed on the one QApplication the tests share."""
    from anhorigdesk.ui.qt import QApplication

    if window is not None:
        window.close()
    ctrl.shutdown()
    ctrl.window = None  # a forms load that has not started yet finds no window
    QApplication.processEvents()  # results already on their way arrive while the pages exist
    ctrl.ctx.languages.uninstall()
    ctrl.apply_text_size(False)
    ctrl.app.aboutToQuit.disconnect(ctrl.shutdown)
    if window is not None:
        window.deleteLater()


def save_screenshot(widget: Any, name: str) -> Path:
    """A PNG of the widget in screenshots/ (gitignored), after pending layouts settle."""
    from anhorigdesk.ui.qt import QApplication

    QApplication.processEvents()
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def wait_idle(qtbot: Any, ctrl: Any, timeout: int = 8000) -> None:
    """Until no task runs on the controller's runners (all results delivered)."""
    qtbot.waitUntil(lambda: ctrl.ctx.runner.running == 0 and ctrl.background.running == 0,
                    timeout=timeout)


class AppRun:
    """Opens the main window on profiles (optionally with a clock); closes them all after.

    Each run's store is closed by the controller's shutdown (the workspace's ``close``), after
    its workers stopped; a rekey hands the workspace a new store, which is the one closed."""

    def __init__(self, qtbot: Any, data_dir: Path) -> None:
        self.qtbot = qtbot
        self.data_dir = data_dir
        self.runs: list[tuple[Any, Any]] = []

    def create_profile(self, *, keychain: bool = False) -> Any:
        return create_profile(self.data_dir, keychain=keychain)

    def reopen_profile(self, profile: Any) -> Any:
        from anhorigdesk.profiles import ProfileManager

        return ProfileManager(self.data_dir).unlock(profile, PASSPHRASE)

    def open(self, opened: Any, clock: Any = None, *, wait_forms: bool = True) -> tuple[Any, Any]:
        ctrl = start_app(self.data_dir)
        if clock is not None:
            ctrl.ctx.clock = clock
        window = ctrl.open_session(opened)
        self.runs.append((ctrl, window))
        self.qtbot.waitExposed(window)
        window.activateWindow()
        if wait_forms:  # the forms load in the background a moment after the window is up
            self.qtbot.waitUntil(lambda: window.pages["entry"].registry is not None, timeout=8000)
        return ctrl, window

    def close(self, ctrl: Any, window: Any) -> None:
        for i, (c, _w) in enumerate(self.runs):
            if c is ctrl:
                del self.runs[i]
                close_app(ctrl, window)
                return

    def close_all(self) -> None:
        while self.runs:
            self.close(*self.runs[-1])
