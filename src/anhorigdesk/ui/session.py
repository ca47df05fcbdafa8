"""Opening a profile for the UI: the core calls (run on worker threads) and the
``Session`` the windows use.  Nothing here touches a widget.

``anhorigdesk.profiles`` is imported inside the functions, which run on the worker
thread: it pulls in ``keyring`` (a few hundred milliseconds of imports) and the
window should not wait for that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from anhorigdesk.ui.context import Session
from anhorigdesk.ui.lock import Unlocker

if TYPE_CHECKING:
    from anhorigdesk.profiles.profiles import OpenProfile, Profile

KEYCHAIN = "keychain"  # Profile.key_storage of a profile whose key is in the OS keychain


@dataclass(frozen=True)
class NewProfileRequest:
    name: str
    unit_name: str
    passphrase: str | None  # None: keep the key in the OS keychain


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
        request.name, request.unit_name, passphrase=request.passphrase
    )


def open_profile(data_dir: Path, profile: Profile, passphrase: str | None,
                 on_migration: Callable[[int, int], None] | None = None) -> OpenProfile:
    from anhorigdesk.profiles import ProfileManager

    return ProfileManager(data_dir).unlock(
        profile, None if profile.key_storage == KEYCHAIN else passphrase, on_migration=on_migration
    )


def make_unlocker(profile: Profile) -> Unlocker:
    """How the lock screen checks it is the profile's owner (runs off the GUI thread)."""
    from anhorigdesk.profiles import WrongPassphraseError
    from anhorigdesk.profiles import keys as profile_keys

    if profile.key_storage == KEYCHAIN:
        def verify_keychain(_typed: str | None) -> bool:
            return profile_keys.load_from_keychain(profile.id) is not None

        return Unlocker("keychain", verify_keychain)

    def verify_passphrase(typed: str | None) -> bool:
        if not typed or profile.wrapped_key is None:
            return False
        try:
            profile_keys.unwrap_key(
                profile_keys.WrappedKey.from_json(profile.wrapped_key), typed, profile_id=profile.id
            )
        except WrongPassphraseError:
            return False
        return True

    return Unlocker("passphrase", verify_passphrase)


def session_for(opened: OpenProfile) -> Session:
    return Session(
        profile_name=opened.profile.name,
        repository=opened.repo,
        actor=opened.actor,
        unlocker=make_unlocker(opened.profile),
        close=opened.close,
        profile=opened.profile,
    )
