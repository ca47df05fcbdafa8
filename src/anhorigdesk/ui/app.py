"""Starting the desktop application.

``run_app(argv, data_dir=...)`` is what ``python -m anhorigdesk`` calls.  The pieces
(``create_application``, ``AppController``) are separate so tests build the same
window without entering the event loop.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk import i18n as core_i18n
from anhorigdesk.ui.app_background import BackgroundWork
from anhorigdesk.ui.app_sync import SyncGlue
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.crash import CrashHandler
from anhorigdesk.ui.early_open import EarlyOpen, direct_open_candidate
from anhorigdesk.ui.fonts import ensure_fonts
from anhorigdesk.ui.i18n import LanguageSwitcher
from anhorigdesk.ui.prefetch import first_screen_ready, pauses, start_prefetch, stop_prefetch
from anhorigdesk.ui.qt import QApplication, QGuiApplication, QMessageBox, QObject, Qt, QTimer
from anhorigdesk.ui.session import can_use_keychain, list_profiles, open_profile, workspace_for
from anhorigdesk.ui.settings import (
    APPLICATION_DISPLAY_NAME,
    LARGER_TEXT_FACTOR,
    AppSettings,
    Preferences,
    set_application_names,
)
from anhorigdesk.ui.start import ProfilePicker, ProfileWizard
from anhorigdesk.ui.tasks import TaskRunner
from anhorigdesk.ui.widgets import refresh_scaled_fonts

if TYPE_CHECKING:  # imported where used: the picker shows before the main window's code loads
    from anhorigdesk.ui.main_window import MainWindow
    from anhorigdesk.ui.settings_dialog import SettingsDialog

log = logging.getLogger("anhorigdesk.ui.app")

STATUS_REFRESH_MS = 15_000
FORMS_LOAD_DELAY_MS = 800
# Opening the only profile at once: after this long without the main window (a keychain
# that asks to be unlocked), the picker shows, busy with that profile.
DIRECT_OPEN_PATIENCE_MS = 1500
SCRIPT_ENV = "ANHORIGDESK_UI_SCRIPT"


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, or the existing one (tests), with names set for QSettings."""
    set_application_names()  # static: before the application exists, or on the existing one
    existing = QApplication.instance()
    if existing is None:
        # Qt 6 scales for high DPI by default; keep fractional factors (125 %, 150 %) exact.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv)
    else:
        assert isinstance(existing, QApplication)
        app = existing
    app.setApplicationDisplayName(APPLICATION_DISPLAY_NAME)
    app.setDesktopFileName("anhorigdesk")
    # No fixed palette or colours: the platform's light or dark scheme applies and
    # follows the system when it changes.
    return app


class AppController(SyncGlue, BackgroundWork, QObject):
    """Owns the context and the window, applies preferences, opens profiles (the picker, the
    wizard, the only profile at once), shows the main window and closes the profile.

    Split by job: the sync glue is in ``ui/app_sync.py`` (:class:`SyncGlue`), the work beside
    the screens (integrity check, pending count, forms and schedules) in
    ``ui/app_background.py`` (:class:`BackgroundWork`), the module prefetch in
    ``ui/prefetch.py``; the open profile itself is the context's ``workspace``
    (``anhorigdesk.workspace.Workspace``)."""

    def __init__(self, app: QApplication, data_dir: Path, settings: AppSettings | None = None,
                 language_override: str | None = None) -> None:
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
            runner=TaskRunner(self),  # the store's calls, one at a time, in order
            languages=LanguageSwitcher(app),
        )
        if language_override:
            # --lang: this run only (saved only if the user then saves the settings)
            self.ctx.prefs = dataclasses.replace(self.ctx.prefs, language=language_override)
        self.set_language(self.ctx.prefs.language)
        self.apply_text_size(self.ctx.prefs.larger_text)
        # Work that does not touch the store (loading the form files) runs beside it.
        self.background = TaskRunner(self)
        self.damage_box: QMessageBox | None = None
        self.ctx.runner.store_damaged.connect(lambda exc: self.tell_damage(core_i18n.message("store.damage_found")))
        self.background.store_damaged.connect(lambda exc: self.tell_damage(core_i18n.message("store.damage_found")))
        self.window: MainWindow | None = None
        self.picker: ProfilePicker | None = None
        self.wizard: ProfileWizard | None = None
        # Sync (ui/sync/): one controller per open profile; tests hand in a transport
        # and a schedule before a profile is opened.
        self.sync = None  # ctx.sync (ui/app_sync.py)
        self.sync_schedule: Any = None
        self.sync_transport_factory: Any = None
        # run_app: sync starts once the first screen has its content and the screens are
        # quiet (its modules and first status read are not part of the start, nor of the first
        # search); a controller built directly (tests) starts it with the window.
        self.sync_after_first_screen = False
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        app.aboutToQuit.connect(self.shutdown)

    def set_language(self, language: str) -> None:
        """The UI's translators and the core's messages follow the same language."""
        core_i18n.set_language(language)
        self.ctx.languages.set_language(language)
        if getattr(self, "sync", None) is not None:
            self._sync_status(self.sync.view)  # the status bar's sync text in the new language

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
        if prefs.language != self.ctx.languages.language:
            self.set_language(prefs.language)
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
        from anhorigdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.prefs, self.window, ctx=self.ctx)
        dialog.profile_must_close.connect(self.close_profile)
        dialog.accepted.connect(lambda: self.set_preferences(dialog.preferences()))
        dialog.open()
        return dialog

    def _toggle_larger_text(self, on: bool) -> None:
        self.set_preferences(dataclasses.replace(self.ctx.prefs, larger_text=on))

    # --------------------------------------------------------------- profiles
    def start(self, early: EarlyOpen | None = None) -> None:
        """Find the profiles on this computer; then the wizard (none), the only profile
        opened at once (one, its key in the keychain, unless the preferences say to always
        choose), or the picker. ``early``: the same work begun before Qt loaded
        (``ui/early_open.py``); this waits for it on a worker thread."""
        data_dir = self.data_dir
        self._early = early

        def work(_ctx: Any) -> tuple[list[Any], bool | None]:
            profiles = early.wait_profiles() if early is not None else list_profiles(data_dir)
            # Only a new profile (the wizard) asks whether the keychain is secure: finding
            # the keyring backend is slow, and the picker does not wait for it.
            return profiles, (None if profiles else can_use_keychain())

        task = self.ctx.runner.submit(work, name="list_profiles")
        task.finished.connect(self._got_profiles)
        task.failed.connect(self._profiles_failed)

    def _got_profiles(self, result: tuple[list[Any], bool | None]) -> None:
        profiles, keychain_ok = result
        if keychain_ok is not None:
            self._keychain_ok = keychain_ok
        candidate = direct_open_candidate(profiles)
        go = candidate is not None and not self.ctx.prefs.always_pick_profile
        early = getattr(self, "_early", None)
        if early is not None:
            early.proceed(go)  # without go, the early thread ends without reading the keychain
        if go:
            if early is not None and getattr(early.candidate, "id", None) != candidate.id:
                early = None  # it did not begin this one: open it here
            self._open_directly(profiles, candidate, early)
        elif profiles:
            self.show_picker(profiles)
        else:
            self.show_wizard()

    # ------------------------------------------------- the only profile, at once
    def _open_directly(self, profiles: list[Any], profile: Any, early: EarlyOpen | None) -> None:
        """Open ``profile`` with its key from the keychain, as the picker's Open would;
        the picker shows only if that fails, or (busy, "Opening…") if it takes long (a
        keychain that asks the user to unlock it)."""
        data_dir = self.data_dir

        def work(ctx: Any) -> Any:
            if early is None:
                return open_profile(data_dir, profile, None, on_migration=ctx.progress)
            told = None
            while True:  # a keychain may wait for the user to unlock it: stop on quit
                try:
                    return early.wait_opened(timeout=0.05)
                except TimeoutError:
                    ctx.check_cancelled()
                    if early.migration is not None and early.migration != told:
                        told = early.migration
                        ctx.progress(*told)

        self._direct = (profiles, profile)
        task = self.ctx.runner.submit(work, name="open_profile")
        self._direct_task = task
        task.progress.connect(self._direct_migrating)
        task.finished.connect(self._direct_opened)
        task.failed.connect(self._direct_failed)
        QTimer.singleShot(DIRECT_OPEN_PATIENCE_MS, self._direct_taking_long)
        # the main window's modules, while the profile opens
        start_prefetch(keychain_late=True, keychain_hint=getattr(profile, "keychain_backend", None))

    def _direct_migrating(self, done: int, total: int) -> None:
        """An update migrates the profile's data while it opens at once: show the picker,
        busy, saying so (as the picker's own Open does)."""
        direct = getattr(self, "_direct", None)
        if direct is None or self.window is not None or done >= total:
            return
        self._busy_picker(direct)._migrating(done, total)

    def _direct_taking_long(self) -> None:
        direct = getattr(self, "_direct", None)
        if direct is None or self.window is not None or self.picker is not None:
            return
        self._busy_picker(direct)

    def _busy_picker(self, direct: tuple[list[Any], Any]) -> Any:
        """The picker, busy with the profile that is opening at once (shown if it is not)."""
        if self.picker is None or not self.picker.isVisible():
            self.show_picker(direct[0]).show_opening(direct[1])
        return self.picker

    def _direct_opened(self, opened: Any) -> None:
        self._direct = self._direct_task = None
        if self.window is not None:  # another profile was opened meanwhile (the wizard)
            self.ctx.runner.submit(lambda _ctx: opened.close(), name="close_unused")
            return
        picker = self.picker
        if picker is not None and picker.isVisible():
            picker.opening_finished(opened)  # emits opened: the main window, as from Open
        else:
            self.open_session(opened)

    def _direct_failed(self, exc: BaseException) -> None:
        direct, self._direct, self._direct_task = getattr(self, "_direct", None), None, None
        log.info("the profile did not open at once (%s): the picker shows", type(exc).__name__)
        if self.window is not None or direct is None:
            return
        picker = self.picker if self.picker is not None and self.picker.isVisible() else None
        if picker is None:
            picker = self.show_picker(direct[0])
        picker.opening_failed(exc)

    def _profiles_failed(self, exc: BaseException) -> None:
        from anhorigdesk.ui.start import user_message

        QMessageBox.critical(None, self.tr("AnhörigDesk"),
                             self.tr("The profiles could not be read: %1").replace("%1", user_message(exc)))
        self.app.quit()

    def show_wizard(self, parent_picker: ProfilePicker | None = None) -> ProfileWizard:
        wizard = ProfileWizard(self.ctx.runner, self.data_dir, getattr(self, "_keychain_ok", False))
        wizard.created.connect(self.open_session)
        wizard.restore_requested.connect(lambda: self._restore_profile(wizard))
        if parent_picker is None:
            # quits, unless a restored profile's picker took the wizard's place
            wizard.rejected.connect(lambda: self.app.quit() if self.window is None and (
                self.picker is None or not self.picker.isVisible()) else None)
        wizard.show()
        self.wizard = wizard
        return wizard

    def show_picker(self, profiles: list[Any]) -> ProfilePicker:
        picker = ProfilePicker(self.ctx.runner, self.data_dir, profiles, self.ctx.prefs.last_profile)
        picker.opened.connect(self.open_session)
        picker.rejected.connect(lambda: self.app.quit() if self.window is None else None)
        picker.new_profile_requested.connect(lambda: self._new_from_picker(picker))
        picker.restore_requested.connect(lambda: self._restore_profile(picker))
        picker.show()
        self.picker = picker
        # While the user types the passphrase: import what opening the profile and the main
        # window need (started after the picker is up, so it does not delay the picker). A
        # keychain profile needs the keyring backend: finding it (entry points, D-Bus) is slow.
        keychain = [p for p in profiles if getattr(p, "key_storage", "") == "keychain"]
        hint = next((p.keychain_backend for p in keychain if getattr(p, "keychain_backend", None)), None)
        QTimer.singleShot(0, lambda: start_prefetch(keychain=bool(keychain), keychain_hint=hint))
        return picker

    def _restore_profile(self, owner: Any) -> Any:
        """The picker's or the first-start wizard's "Återställ profil…": restore a profile
        from a backup file (``ui/profile_backup.py``), then list it in the picker."""
        from anhorigdesk.profiles import ProfileManager
        from anhorigdesk.ui.profile_backup import RestoreDialog

        dialog = RestoreDialog(self.ctx.runner, self.data_dir, owner)

        def restored(_profile: Any) -> None:
            profiles = ProfileManager(self.data_dir).profiles()
            if isinstance(owner, ProfilePicker):
                owner.set_profiles(profiles)
            elif self.picker is None or not self.picker.isVisible():
                self.show_picker(profiles)
                owner.reject()  # the wizard gives way to the picker

        dialog.restored.connect(restored)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _new_from_picker(self, picker: ProfilePicker) -> None:
        def show(keychain_ok: bool) -> None:
            self._keychain_ok = keychain_ok
            wizard = self.show_wizard(parent_picker=picker)
            wizard.created.connect(lambda _opened: picker.accept())

        if hasattr(self, "_keychain_ok"):
            show(self._keychain_ok)
            return
        task = self.ctx.runner.submit(lambda _ctx: can_use_keychain(), name="keychain")
        task.finished.connect(show)
        task.failed.connect(lambda _exc: show(False))

    def open_session(self, opened: Any) -> MainWindow:
        self.ctx.workspace = workspace_for(opened, self.ctx.clock)
        self.ctx.prefs = dataclasses.replace(self.ctx.prefs, last_profile=opened.profile.id)
        self.ctx.settings.save(self.ctx.prefs)
        window = self.show_main_window()
        if not getattr(opened, "owner_confirmed", True):
            # a keychain profile opened with the keychain alone: its PIN first (or, without
            # one yet, choose one); locked before the event loop paints anything
            window.lock()
        self._after_first_screen(self.check_store_integrity)
        if self.sync_after_first_screen:
            self._after_first_screen(lambda: self._start_sync_when_quiet(window))
        else:
            self.start_sync(window)
        self._status_timer.start()
        self.refresh_status()
        return window

    def tell_damage(self, text: str) -> None:
        """Say (once while it shows) that the profile's file is damaged: from the check after
        opening, or from any screen's work that met a damaged page (``TaskRunner.store_damaged``).
        Not over the lock screen: once the owner is back."""
        window = self.window
        if window is None or (self.damage_box is not None and self.damage_box.isVisible()):
            return
        if window.locked:
            def later(locked: bool) -> None:
                if not locked:
                    window.locked_changed.disconnect(later)
                    self.tell_damage(text)

            window.locked_changed.connect(later)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("AnhörigDesk"), text,
                          QMessageBox.StandardButton.Ok, window)
        self.damage_box = box
        box.open()

    # ----------------------------------------------------------------- window
    def show_main_window(self) -> MainWindow:
        from anhorigdesk.ui.main_window import MainWindow
        from anhorigdesk.ui.pages.registry import install_pages

        window = MainWindow(self.ctx)
        install_pages(window, self.ctx)
        window.settings_requested.connect(self.open_settings)
        window.larger_text_toggled.connect(self._toggle_larger_text)
        window.data_changed.connect(self.refresh_status)
        window.data_changed.connect(lambda: self.refresh_schedule(window.current_carer_id))
        window.store_pools.append(self.background.pool)
        window.maintenance_changed.connect(self._maintenance)
        window.lock_screen.gave_up.connect(self.close_profile)
        window.start_idle_lock(self.ctx.prefs.idle_lock_minutes)
        window.navigate("home")
        window.show()
        #: when the main window was shown (monotonic; the benchmark's "main window → due list")
        self.window_shown_at = time.monotonic()
        self.window = window
        if "entry" in window.pages:
            # A moment after the window is up: loading the forms is Python work that
            # would otherwise compete (the GIL) with the first screens' own loading.
            QTimer.singleShot(FORMS_LOAD_DELAY_MS, self._load_forms)
        pauses.append(self.yield_to_screens)
        if not first_screen_ready.is_set():
            # Once the first screen's store work is done, the prefetch thread goes on with
            # the modules of the screens built at their first visit.
            self._after_first_screen(first_screen_ready.set)
        return window

    def close_profile(self, notice: str = "") -> None:
        """Close the open profile and show the picker with ``notice``: after too many wrong
        PINs at the lock screen. Sync stops, the window goes, and once the store's queued
        work is done the store closes (its key leaves memory); the profile then opens again
        only from the picker, with its PIN."""
        window, session = self.window, self.ctx.workspace
        if window is None:
            return
        self._status_timer.stop()
        if self.sync is not None:
            self.sync.shutdown()
            self.sync = None
        self.window = None
        window.close()  # drafts were saved when it locked; nothing personal is on screen
        window.deleteLater()
        self.ctx.workspace = None
        background, data_dir = self.background, self.data_dir

        def close(_ctx: Any) -> list[Any]:
            background.pool.waitForDone(10_000)  # the schedule book may still be reading
            if session is not None:
                session.close()  # the store and its key; the schedule book goes with it
            return list_profiles(data_dir)

        def show(profiles: list[Any]) -> None:
            picker = self.show_picker(profiles)
            picker.error.setText(notice)

        log.info("profile closed after too many wrong PINs")
        task = self.ctx.runner.submit(close, name="close_profile")
        task.finished.connect(show)
        task.failed.connect(self._profiles_failed)

    def shutdown(self) -> None:
        """On quit: save drafts, let the workers finish, then close the store cleanly."""
        self._status_timer.stop()
        direct = getattr(self, "_direct_task", None)
        if direct is not None:  # still waiting for the keychain: stop waiting
            direct.cancel()
        if self.sync is not None:
            self.sync.shutdown()  # a running sync stops between batches, before the store closes
            self.sync = None
        if self.window is not None:
            for page in self.window.pages.built_pages():
                page.save_draft_now()
        # Draft saves were queued as tasks: wait for them rather than cancel them.
        self.ctx.runner.pool.waitForDone(10_000)
        self.ctx.runner.shutdown()
        self.background.shutdown()
        workspace = self.ctx.workspace
        if workspace is not None and workspace.closer is not None:
            workspace.close()
            self.ctx.workspace = None
            log.info("store closed")


def _show_crash_dialog(report: str, path: Path) -> None:
    from anhorigdesk.ui.crash_dialog import show_crash_dialog  # loaded when needed, not at start

    show_crash_dialog(report, path)


def run_app(argv: list[str], *, data_dir: Path, language: str | None = None,
            early: EarlyOpen | None = None) -> int:
    """Start the desktop application and run until the user quits. Returns the exit code.

    ``language`` ("sv"/"en") overrides the saved preference for this run (``--lang``).
    With ``ANHORIGDESK_UI_SCRIPT`` set to a JSON file, the scripted actions in it are
    carried out through the real widgets and the app quits (see ``ui/script.py``).
    ``early``: the profile listing (and the only profile's opening) begun before Qt loaded.
    """
    from anhorigdesk import tempfiles

    # the print spool and any library's temporary file go to <data dir>/tmp, emptied at
    # start, at exit and after a purge (anhorigdesk/tempfiles.py), never the shared /tmp
    tempfiles.use_private_temp(Path(data_dir))
    app = create_application(argv)
    crash = CrashHandler(Path(data_dir), show=_show_crash_dialog)
    crash.install()
    try:
        controller = AppController(app, Path(data_dir), language_override=language)
        controller.sync_after_first_screen = True
        script_path = os.environ.get(SCRIPT_ENV)
        if script_path:
            from anhorigdesk.ui.script import ScriptRunner

            ScriptRunner(controller, Path(script_path)).start()
        controller.start(early)
        code = app.exec()
        return code
    finally:
        stop_prefetch()
        if early is not None:
            early.stop()
        crash.uninstall()
        tempfiles.sweep()
