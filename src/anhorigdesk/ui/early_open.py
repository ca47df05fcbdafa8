"""Opening the only profile on this computer at once, begun before Qt loads.

When the computer has exactly one profile and its key is kept in the OS keychain, there is
nothing to ask: the app opens it without the profile picker (``AppController.start``),
unless the preference "always let me choose the profile" is set. On any error the picker
shows, with the error, as if the user had pressed Open.

``python -m anhorigdesk`` starts an :class:`EarlyOpen` before it imports Qt. Its thread
looks at the ``profile.json`` files (JSON only: on a computer where the picker will show,
it does no more and the controller lists the profiles as before); for a profile that may
open at once it has a helper process find the keyring backend (``keychain_reader.py``:
imports, D-Bus; no secret is read yet) on another core, and lists the profiles, while the
main thread imports Qt and builds the application.
``python -m anhorigdesk`` reads the one preference that matters ("always let me choose the
profile", QtCore only) before the widgets load and tells it to go on (the helper reads the
key, the thread opens the database) or to stop (``proceed``); the controller, once it has
listed the profiles, agrees (or, told otherwise, a profile opened here is closed) and waits
for the result on a worker thread (``wait_profiles``, ``wait_opened``), never on the GUI
thread. The helper loads the keychain the key was last read from directly (profile.json's
``keychain_backend``, ``keys.use_backend_hint``) instead of keyring's discovery. Without a helper
(it cannot start, or fails other than with a keychain error) the thread reads the keychain
itself, as the picker's Open does.

Qt-free: this module is imported before PySide6.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anhorigdesk.profiles.profiles import OpenProfile, Profile, ProfileManager
    from anhorigdesk.ui.keychain_reader import KeychainReader

log = logging.getLogger("anhorigdesk.ui.early_open")

KEYCHAIN = "keychain"


def direct_open_candidate(profiles: list[Profile]) -> Profile | None:
    """The profile to open without asking: the only one, ready, its key in the keychain."""
    if len(profiles) == 1 and profiles[0].key_storage == KEYCHAIN and profiles[0].state == "ready":
        return profiles[0]
    return None


def _likely_candidate(data_dir: Path) -> tuple[str, str | None] | None:
    """The id of the profile that will open at once, and the keyring backend its key was last
    read from, judged from the ``profile.json`` files alone (quick, no imports beyond
    ``json``); ``ProfileManager`` has the last word."""
    import json

    try:
        found = [folder / "profile.json" for folder in (data_dir / "profiles").iterdir()
                 if (folder / "profile.json").exists()]
        if len(found) != 1:
            return None
        data = json.loads(found[0].read_text("utf-8"))
        if data.get("key_storage") == KEYCHAIN and data.get("state", "ready") == "ready":
            hint = data.get("keychain_backend")
            return str(data["id"]), hint if isinstance(hint, str) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no profiles yet, or a file the listing reports properly
    return None


class EarlyOpen:
    """Lists the profiles and, if told to go on, opens the only (keychain) profile, on a
    thread started before the GUI exists."""

    def __init__(self, data_dir: Path, *, helper: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.helper = helper  # read the keychain in a helper process (keychain_reader.py)
        self.profiles: list[Profile] | None = None
        self.candidate: Profile | None = None
        self._profiles_error: BaseException | None = None
        self._opened: OpenProfile | None = None
        self.migration: tuple[int, int] | None = None  # an update's migrations: (done, total)
        self._open_error: BaseException | None = None
        self._listed = threading.Event()
        self._finished = threading.Event()
        self._decided = threading.Event()
        self._stopping = threading.Event()
        self._go = False
        self._taken = False
        self._lock = threading.Lock()
        self._reader: KeychainReader | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> EarlyOpen:
        self._thread = threading.Thread(target=self._run, name="early-open", daemon=True)
        self._thread.start()
        return self

    # ------------------------------------------------------------ the thread
    def _run(self) -> None:
        found = _likely_candidate(self.data_dir)
        if found is None:  # the picker or the wizard: the controller lists the profiles
            self._listed.set()
            self._finished.set()
            return
        likely, hint = found
        reader = self._start_reader(likely, hint) if self.helper else None  # first: it takes longest
        try:
            from anhorigdesk.profiles import ProfileManager

            manager = ProfileManager(self.data_dir)
            self.profiles = manager.profiles()
            self.candidate = direct_open_candidate(self.profiles)
        except BaseException as exc:  # the controller reports it as it always has
            self._profiles_error = exc
        finally:
            self._listed.set()
        if self.candidate is None or self.candidate.id != likely:
            if reader is not None:
                reader.stop()
            self._finished.set()
            return
        try:
            self._open(manager, self.candidate, reader)
        except BaseException as exc:
            self._open_error = exc
        finally:
            self._finished.set()

    def _open(self, manager: ProfileManager, profile: Profile, reader: KeychainReader | None) -> None:
        from anhorigdesk.ui.keychain_reader import HelperFailed

        found: BaseException | None = None
        if reader is not None:
            try:
                reader.ready()  # the helper found the backend (no secret read yet)
            except HelperFailed as exc:
                log.info("keychain helper not used (%s)", exc)
                reader = self._reader = None
            except Exception as exc:  # the keychain's own error: reported after the go
                found = exc
        if reader is None:
            try:
                from anhorigdesk.profiles import keys

                keys.keychain_available()  # finds and keeps the backend; reads no secret
            except Exception as exc:  # the opening below meets it again and reports it
                log.info("keychain not found early (%s)", type(exc).__name__)
        self._decided.wait()
        if not self._go:
            if reader is not None:
                reader.stop()
            return
        if found is not None:
            raise found
        keychain_keys = None
        if reader is not None:
            try:
                keychain_keys = reader.read()
            except HelperFailed as exc:
                if self._stopping.is_set():  # the app quits: nothing more to read
                    return
                log.info("keychain helper failed (%s): reading here", exc)
        self._opened = manager.unlock(profile, None, keychain_keys=keychain_keys,
                                      keychain_backend=reader.backend if reader is not None else None,
                                      on_migration=self._migrating)

    def _migrating(self, done: int, total: int) -> None:
        self.migration = (done, total)  # read by the controller's waiting task

    def _start_reader(self, profile_id: str, hint: str | None) -> KeychainReader | None:
        from anhorigdesk.ui.keychain_reader import HelperFailed, KeychainReader

        try:
            self._reader = KeychainReader.start(profile_id, hint)
        except HelperFailed as exc:
            log.info("keychain helper not started (%s)", exc)
            return None
        return self._reader

    # ------------------------------------------------------ the controller's side
    def proceed(self, go: bool) -> None:
        """Open the candidate (``go``), or stop without reading the keychain. Told again
        otherwise after a go (the app changed its mind), a profile opened here is closed."""
        with self._lock:
            withdrawn = self._decided.is_set() and self._go and not go and not self._stopping.is_set()
            self._go = go
            self._decided.set()
        if withdrawn:
            threading.Thread(target=self._close_when_finished, name="early-open-close", daemon=True).start()

    def _close_when_finished(self) -> None:
        self._finished.wait()
        self.close_unused()

    def wait_profiles(self, timeout: float | None = None) -> list[Profile]:
        """The profiles on this computer (blocks: call it on a worker thread); listed here
        when the thread saw no profile to open at once."""
        if not self._listed.wait(timeout):
            raise TimeoutError("listing the profiles")
        if self._profiles_error is not None:
            raise self._profiles_error
        if self.profiles is None:
            from anhorigdesk.profiles import ProfileManager

            return ProfileManager(self.data_dir).profiles()
        return list(self.profiles)

    def wait_opened(self, timeout: float | None = None) -> OpenProfile:
        """The opened candidate, or the error that opening it raised (blocks: call it on a
        worker thread, after ``proceed(True)``). Handed out once."""
        if not self._finished.wait(timeout):
            raise TimeoutError("opening the profile")
        with self._lock:
            if self._open_error is not None:
                raise self._open_error
            if self._opened is None or self._taken:
                raise RuntimeError("no profile was opened early")
            self._taken = True
            return self._opened

    def stop(self) -> None:
        """The app quits: stop a helper that still waits for the keychain, and close a
        profile opened here that nobody took."""
        self._stopping.set()
        self.proceed(False)
        reader = self._reader
        if reader is not None:
            reader.stop()
        self.close_unused()

    def close_unused(self) -> None:
        """Close a profile opened here that nobody took (the app quit first)."""
        with self._lock:
            opened, taken = self._opened, self._taken
            self._taken = True
        if opened is not None and not taken:
            opened.close()
