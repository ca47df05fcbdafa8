"""Importing the main window's modules on a thread while the user types the passphrase
(the picker) or the only profile opens at once: they then overlap with the key derivation
instead of delaying the window. Part of the start (``ui/app.py``)."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

log = logging.getLogger("anhorigdesk.ui.app")

# What opening a profile and the main window's first screen import: the profile and store
# code, the home screen with the due lists (domain and scheduling code), the sync controller
# (not its network client, which loads when a sync runs).
AEAD_MODULE = "cryptography.hazmat.primitives.ciphers.aead"  # unwrapping a passphrase's key
PREFETCH_MODULES = (
    AEAD_MODULE,  # after the key derivation
    "anhorigdesk.store.repository",
    "anhorigdesk.store.database",
    "anhorigdesk.ui.main_window",
    "anhorigdesk.ui.pages.registry",
    "anhorigdesk.ui.scheduling.due_view",
    "anhorigdesk.ui.scheduling.reminder",
    "anhorigdesk.ui.scheduling.service",
    "anhorigdesk.ui.printing",
)
# The screens built at their first visit: imported once the first screen has its content.
PREFETCH_LATER = (
    "anhorigdesk.ui.sync.controller",  # sync starts once the first screen has its content
    "anhorigdesk.ui.pages.carers",
    "anhorigdesk.ui.pages.carer",
    "anhorigdesk.ui.scheduling.carer_panel",
    "anhorigdesk.ui.pages.carer_edit",
    "anhorigdesk.ui.pages.form_page",
    "anhorigdesk.ui.scheduling.follow_up_page",
    "anhorigdesk.ui.pages.short_term",
    "anhorigdesk.ui.pages.sync",
)
_prefetch_started = threading.Event()
#: set once the first screen's store work is done: the thread goes on with PREFETCH_LATER
first_screen_ready = threading.Event()


#: the open app's yield_to_screens, once there is one
pauses: list[Callable[[], None]] = []
# Quitting while the thread imports: it is asked to stop and waited for (stop_prefetch), as
# Python ends a daemon thread caught inside PySide6's C++ import code with an abort ("FATAL:
# exception not rethrown", exit 134: seen in 3 of 16 quick start-and-quit runs).
_prefetch_stop = threading.Event()
_prefetch_threads: list[threading.Thread] = []


def _find_keychain(hint: str | None = None) -> None:
    """Resolve the keyring backend once (it is cached), as opening a keychain profile will:
    the one a profile's key was last read from (``hint``), if usable, else keyring's choice."""
    from anhorigdesk.profiles.keys import keychain_available, use_backend_hint

    try:
        use_backend_hint(hint)
        keychain_available()
    except Exception as exc:  # opening the profile reports it; here it only warms up
        log.info("keychain look-up failed early (%s)", type(exc).__name__)


def _prefetch_modules(keychain: bool = False, keychain_late: bool = False,
                      keychain_hint: str | None = None) -> None:
    for name in PREFETCH_MODULES:
        if keychain_late and name == AEAD_MODULE:
            continue  # a key from the keychain is not unwrapped: later, for a key change
        if _prefetch_stop.is_set():
            return
        importlib.import_module(name)  # defines classes only; no Qt object is made
    if keychain:  # after the modules: a quick "Open" finds the backend on its own meanwhile
        _find_keychain(keychain_hint)
    while not first_screen_ready.wait(0.2):
        if _prefetch_stop.is_set():
            return
    for name in PREFETCH_LATER:
        if _prefetch_stop.is_set():
            return
        for pause in pauses[-1:]:
            pause()  # not while the first screens load or the user types a search
        importlib.import_module(name)
    if keychain_late:
        for pause in pauses[-1:]:
            pause()
        _find_keychain(keychain_hint)
        importlib.import_module(AEAD_MODULE)


def start_prefetch(*, keychain: bool = False, keychain_late: bool = False,
                   keychain_hint: str | None = None) -> None:
    """Import the modules behind the picker on a thread (once): they then overlap with the
    user typing the passphrase and with the key derivation instead of delaying the window.
    ``keychain``: a profile here keeps its key in the keychain; find the backend first.
    ``keychain_late``: the only profile opens at once, its key read by a helper process
    (``ui/early_open.py``); find the backend here too (for the lock screen and sync's
    tokens), last, once the first screen has its content. ``keychain_hint``: the backend a
    profile's key was last read from (``keys.use_backend_hint``)."""
    if _prefetch_started.is_set():
        return
    _prefetch_started.set()
    thread = threading.Thread(target=_prefetch_modules, args=(keychain, keychain_late, keychain_hint),
                              name="prefetch-modules", daemon=True)
    _prefetch_threads.append(thread)
    thread.start()


def stop_prefetch(timeout_s: float = 10.0) -> None:
    """On quit: let the prefetch thread finish the import it is in, and no more."""
    _prefetch_stop.set()
    for thread in _prefetch_threads:
        thread.join(timeout_s)
