"""Opening a profile for the UI: the core calls (run on worker threads) and the
``Session`` the windows use.  Nothing here touches a widget."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anhorigdesk.profiles import ProfileManager, WrongPassphraseError, keychain_available
from anhorigdesk.profiles import keys as profile_keys
from anhorigdesk.profiles.profiles import KEYCHAIN, OpenProfile, Profile
from anhorigdesk.ui.context import Session
from anhorigdesk.ui.lock import Unlocker


@dataclass(frozen=True)
class NewProfileRequest:
    name: str
    unit_name: str
    passphrase: str | None  # None: keep the key in the OS keychain


def list_profiles(data_dir: Path) -> list[Profile]:
    return ProfileManager(data_dir).profiles()


def can_use_keychain() -> bool:
    return keychain_available()


def create_profile(data_dir: Path, request: NewProfileRequest) -> OpenProfile:
    return ProfileManager(data_dir).create(
        request.name, request.unit_name, passphrase=request.passphrase
    )


def open_profile(data_dir: Path, profile: Profile, passphrase: str | None) -> OpenProfile:
    return ProfileManager(data_dir).unlock(
        profile, None if profile.key_storage == KEYCHAIN else passphrase
    )


def make_unlocker(profile: Profile) -> Unlocker:
    """How the lock screen checks it is the profile's owner (runs off the GUI thread)."""
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
