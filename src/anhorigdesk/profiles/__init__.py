"""Staff profiles on one laptop, each its own encrypted database with its own key."""

from anhorigdesk.profiles.keys import (
    KEYRING_SERVICE,
    InsecureKeyringError,
    WrongPassphraseError,
    account_for,
    is_secure_backend,
    keychain_available,
)
from anhorigdesk.profiles.profiles import Profile, ProfileError, ProfileManager

__all__ = [
    "KEYRING_SERVICE",
    "InsecureKeyringError",
    "Profile",
    "ProfileError",
    "ProfileManager",
    "WrongPassphraseError",
    "account_for",
    "is_secure_backend",
    "keychain_available",
]
