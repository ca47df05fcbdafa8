"""Opening a profile for the UI: the core calls (run on worker threads) and the
``Workspace`` the windows use (``anhorigdesk.workspace``).  Nothing here touches a widget.

``anhorigdesk.profiles`` is imported inside the functions, which run on the worker
thread: it pulls in ``keyring`` (a few hundred milliseconds of imports) and the
window should not wait for that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk.ui.lock import NEW_PIN, PASSPHRASE, PIN

if TYPE_CHECKING:
    from anhorigdesk.profiles.profiles import OpenProfile, Profile
    from anhorigdesk.scheduling.clock import Clock
    from anhorigdesk.workspace import Workspace

KEYCHAIN = "keychain"  # Profile.key_storage of a profile whose key is in the OS keychain


@dataclass(frozen=True)
class NewProfileRequest:
    name: str
    unit_name: str
    passphrase: str | None  # None: keep the key in the OS keychain
    pin: str | None = None  # a keychain profile's PIN (asked by the lock screen)


def list_profiles(data_dir: Path) -> list[Profile]:
    from anhorigdesk.profiles import ProfileManager

    return ProfileManager(data_dir).profiles()


def can_use_keychain() -> bool:
    from anhorigdesk.profiles import keychain_available

    return keychain_available()


def min_passphrase_length() -> int:
    from anhorigdesk.profiles.keys import MIN_PASSPHRASE

    return MIN_PASSPHRASE


def create_profile(data_dir: Path, request: NewProfileRequest) -> OpenProfile:
    from anhorigdesk.profiles import ProfileManager

    return ProfileManager(data_dir).create(
        request.name, request.unit_name, passphrase=request.passphrase,
        pin=request.pin if request.passphrase is None else None,
    )


def open_profile(data_dir: Path, profile: Profile, secret: str | None,
                 on_migration: Callable[[int, int], None] | None = None) -> OpenProfile:
    """Open ``profile`` with what was typed: its passphrase, or a keychain profile's PIN
    (checked and counted before the key is read). A keychain profile without a PIN opens
    with the keychain alone, unconfirmed: the window asks to choose a PIN first. A profile
    whose creation stopped part way is finished."""
    from anhorigdesk.profiles import ProfileManager

    manager = ProfileManager(data_dir)
    keychain = profile.key_storage == KEYCHAIN
    pin_code = secret if keychain and profile.pin else None
    passphrase = None if keychain else secret
    if profile.state == "creating":
        return manager.finish_creating(profile, passphrase, pin_code=pin_code, on_migration=on_migration)
    return manager.unlock(profile, passphrase, on_migration=on_migration, pin_code=pin_code)


def remove_unfinished(data_dir: Path, profile: Profile) -> list[Profile]:
    """Remove a profile whose creation stopped part way; the profiles left."""
    from anhorigdesk.profiles import ProfileManager

    manager = ProfileManager(data_dir)
    manager.remove_unfinished(profile)
    return manager.profiles()


class ProfileUnlocker:
    """How the lock screen checks it is the profile's owner (``ui/lock.py``'s ``Unlocker``;
    ``verify`` and ``set_pin`` run off the GUI thread). A passphrase profile: its passphrase.
    A keychain profile: its PIN, counted (``ProfileManager.check_pin``; too many wrong and the
    error says to close the profile). A keychain profile without a PIN: ``kind`` is NEW_PIN
    until ``set_pin`` gives it one. Never the keychain alone."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    def _manager(self) -> Any:
        from anhorigdesk.profiles import ProfileManager

        return ProfileManager(self.profile.folder.parent.parent)

    @property
    def kind(self) -> str:
        if self.profile.key_storage != KEYCHAIN:
            return PASSPHRASE
        return PIN if self.profile.pin else NEW_PIN

    def verify(self, typed: str | None) -> bool:
        if not typed:
            return False
        if self.profile.key_storage == KEYCHAIN:
            self._manager().check_pin(self.profile, typed)  # raises when wrong
            return True
        from anhorigdesk.profiles import WrongPassphraseError
        from anhorigdesk.profiles import keys as profile_keys

        if self.profile.wrapped_key is None:
            return False
        try:
            profile_keys.unwrap_key(profile_keys.WrappedKey.from_json(self.profile.wrapped_key), typed,
                                    profile_id=self.profile.id)
        except WrongPassphraseError:
            return False
        return True

    def set_pin(self, new_pin: str, old_pin: str | None = None) -> None:
        self._manager().set_pin(self.profile, new_pin, old_pin=old_pin)


def make_unlocker(profile: Profile) -> ProfileUnlocker:
    return ProfileUnlocker(profile)


def workspace_for(opened: OpenProfile, clock: Clock | None = None) -> Workspace:
    """The workspace of a profile just opened, unlocked again by its own PIN or passphrase."""
    from anhorigdesk.workspace import Workspace

    return Workspace.open(opened, unlocker=make_unlocker(opened.profile), clock=clock)
