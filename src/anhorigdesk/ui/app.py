"""Starting the desktop application.

``run_app(argv, data_dir=...)`` is what ``python -m anhorigdesk`` calls.  The pieces
(``create_application``, ``AppController``) are separate so tests build the same
window without entering the event loop.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.crash import CrashHandler
from anhorigdesk.ui.crash_dialog import show_crash_dialog
from anhorigdesk.ui.fonts import ensure_fonts
from anhorigdesk.ui.i18n import LanguageSwitcher
from anhorigdesk.ui.main_window import MainWindow
from anhorigdesk.ui.qt import QApplication, QGuiApplication, QObject, Qt
from anhorigdesk.ui.settings import (
    APPLICATION_DISPLAY_NAME,
    APPLICATION_NAME,
    LARGER_TEXT_FACTOR,
    ORGANIZATION_DOMAIN,
    ORGANIZATION_NAME,
    AppSettings,
    Preferences,
)
from anhorigdesk.ui.settings_dialog import SettingsDialog
from anhorigdesk.ui.tasks import TaskRunner
from anhorigdesk.ui.widgets import refresh_scaled_fonts

log = logging.getLogger("anhorigdesk.ui.app")


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, or the existing one (tests), with names set for QSettings."""
    existing = QApplication.instance()
    if existing is None:
        # Qt 6 scales for high DPI by default; keep fractional factors (125 %, 150 %) exact.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        QApplication.setOrganizationName(ORGANIZATION_NAME)
        QApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
        QApplication.setApplicationName(APPLICATION_NAME)
        app = QApplication(argv)
    else:
        assert isinstance(existing, QApplication)
        app = existing
        app.setOrganizationName(ORGANIZATION_NAME)
        app.setOrganizationDomain(ORGANIZATION_DOMAIN)
        app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_DISPLAY_NAME)
    app.setDesktopFileName("anhorigdesk")
    # No fixed palette or colours: the platform's light or dark scheme applies and
    # follows the system when it changes.
    return app


class AppController(QObject):
    """Owns the context and the window, applies preferences, opens profiles."""

    def __init__(self, app: QApplication, data_dir: Path, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.app = app
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        family = ensure_fonts()
        base_font = app.font()
        if family:
            base_font.setFamily(family)
        self._base_point_size = base_font.pointSizeF() if base_font.pointSizeF() > 0 else 10.0
        app.setFont(base_font)
        settings = settings if settings is not None else AppSettings()
        self.ctx = AppContext(
            data_dir=data_dir,
            settings=settings,
            prefs=settings.load(),
            runner=TaskRunner(self),
            languages=LanguageSwitcher(app),
        )
        self.ctx.languages.set_language(self.ctx.prefs.language)
        self.apply_text_size(self.ctx.prefs.larger_text)
        self.window: MainWindow | None = None
        app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------ preferences
    def apply_text_size(self, larger: bool) -> None:
        font = self.app.font()
        font.setPointSizeF(self._base_point_size * (LARGER_TEXT_FACTOR if larger else 1.0))
        self.app.setFont(font)
        refresh_scaled_fonts()

    def set_preferences(self, prefs: Preferences) -> None:
        old = self.ctx.prefs
        self.ctx.prefs = prefs
        self.ctx.settings.save(prefs)
        if prefs.language != old.language:
            self.ctx.languages.set_language(prefs.language)
        if prefs.larger_text != old.larger_text:
            self.apply_text_size(prefs.larger_text)
            if self.window is not None:
                action = self.window.actions_by_name["larger_text"]
                action.blockSignals(True)
                action.setChecked(prefs.larger_text)
                action.blockSignals(False)
        if self.window is not None:
            self.window.start_idle_lock(prefs.idle_lock_minutes)

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx.prefs, self.window)
        dialog.accepted.connect(lambda: self.set_preferences(dialog.preferences()))
        dialog.open()
        return dialog

    def _toggle_larger_text(self, on: bool) -> None:
        prefs = self.ctx.prefs
        self.set_preferences(
            Preferences(prefs.language, on, prefs.idle_lock_minutes, prefs.last_profile)
        )

    # ----------------------------------------------------------------- window
    def show_main_window(self) -> MainWindow:
        from anhorigdesk.ui.pages.registry import install_pages

        window = MainWindow(self.ctx)
        install_pages(window, self.ctx)
        window.settings_requested.connect(self.open_settings)
        window.larger_text_toggled.connect(self._toggle_larger_text)
        window.start_idle_lock(self.ctx.prefs.idle_lock_minutes)
        window.navigate("home")
        window.show()
        self.window = window
        return window

    def shutdown(self) -> None:
        """On quit: stop the workers first, then close the store cleanly."""
        if self.window is not None:
            for page in self.window.pages.values():
                page.save_draft_now()
        self.ctx.runner.shutdown()
        session = self.ctx.session
        if session is not None and session.close is not None:
            session.close()
            self.ctx.session = None
            log.info("store closed")


def run_app(argv: list[str], *, data_dir: Path) -> int:
    """Start the desktop application and run until the user quits. Returns the exit code."""
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    app = create_application(argv)
    crash = CrashHandler(Path(data_dir), show=show_crash_dialog)
    crash.install()
    try:
        controller = AppController(app, Path(data_dir))
        controller.show_main_window()
        return app.exec()
    finally:
        crash.uninstall()


def main() -> int:  # pragma: no cover - convenience for `python -m anhorigdesk.ui.app`
    from platformdirs import user_data_dir

    return run_app(sys.argv, data_dir=Path(user_data_dir(APPLICATION_NAME, ORGANIZATION_NAME)))
