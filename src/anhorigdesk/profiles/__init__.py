"""Staff profiles on one laptop, each its own encrypted database with its own key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anhorigdesk._lazy import lazy_exports

if TYPE_CHECKING:
    from anhorigdesk.profiles.keys import (
        KEYRING_SERVICE,
        InsecureKeyringError,
        WrongPassphraseError,
        account_for,
        is_secure_backend,
        keychain_available,
    )
    from anhorigdesk.profiles.profiles import Profile, ProfileError, ProfileManager

# Loaded on first use (``_lazy``): profiles.py imports keys through the package.
__getattr__, __dir__ = lazy_exports(__name__, {
    "KEYRING_SERVICE": "keys", "InsecureKeyringError": "keys", "WrongPassphraseError": "keys",
    "account_for": "keys", "is_secure_backend": "keys", "keychain_available": "keys",
    "Profile": "profiles", "ProfileError": "profiles", "ProfileManager": "profiles",
})

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
