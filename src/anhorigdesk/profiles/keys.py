"""Where a profile's database key lives: the OS keychain, or wrapped by a passphrase.

The 256-bit database key is created on first use. It is kept in the OS keychain
(Windows Credential Locker, macOS Keychain, Secret Service) through ``keyring``. Where
the only keychain is insecure (the ``fail`` backend, plaintext or "encrypted" files
from keyrings.alt, the null backend), it is refused: the key is then wrapped with
AES-256-GCM under a key derived with scrypt from a passphrase the user chooses, and only
the wrapped key is stored. A plaintext key never reaches a disk, a log or an
environment variable.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import message

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger("anhorigdesk.profiles.keys")

# ``keyring`` (~50 ms and ~12 MB to import, more to find its backend) and ``cryptography``
# are imported where they are used: a passphrase profile opens without the keychain, and
# listing the profiles needs neither.

KEYRING_SERVICE = "AnhörigDesk"
MIN_PASSPHRASE = 10
# scrypt cost: 2**15 × 8 × 1 ≈ 32 MiB and ~0.1 s here; stored with the wrapped key.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

# keyring finds its backend once, on first use (slow: entry points, D-Bus); an app may warm it
# up on a thread while the profile picker shows, and the opening then waits for that.
_BACKEND_LOCK = threading.Lock()

_HINT_PREFIX = "keyring.backends."
_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyError_(Exception):
    """A key could not be stored or found (the message is translatable and safe to show)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(message(code, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)


class InsecureKeyringError(KeyError_):
    pass


class WrongPassphraseError(KeyError_):
    pass


def account_for(profile_id: str, *, pending: bool = False) -> str:
    """The keyring account name that holds a profile's database key."""
    return f"profile:{profile_id}" + (":pending" if pending else "")


def backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure_backend(backend: keyring.backend.KeyringBackend) -> bool:
    """True for a keychain that protects secrets itself; False for fail/null/plaintext."""
    chained = getattr(backend, "backends", None)
    if chained is not None and type(backend).__name__ == "ChainerBackend":
        return bool(chained) and all(is_secure_backend(b) for b in chained)
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return False
    try:
        return float(backend.priority) > 0  # type: ignore[arg-type]
    except Exception:
        return False


def secure_backend() -> keyring.backend.KeyringBackend:
    """The active keyring backend, or :class:`InsecureKeyringError` if it is not safe."""
    import keyring

    with _BACKEND_LOCK:
        backend = keyring.get_keyring()
    if not is_secure_backend(backend):
        raise InsecureKeyringError("keys.insecure_backend", backend=type(backend).__name__)
    return backend


def use_backend_hint(name: str | None) -> bool:
    """Use the keychain a profile's key was stored in (``name``: its :func:`backend_name`, kept
    in profile.json) without keyring's discovery, which imports every installed backend and
    asks each whether it is usable (~65 ms here, most of the helper's time at start).

    Only where nothing configures keyring (no ``PYTHON_KEYRING_BACKEND``, no keyringrc.cfg:
    their choice stands), for one of keyring's own backends (a name from a file is never an
    arbitrary module to import), only while keyring has no backend yet, and only if it loads
    and says it is usable; True when it is now keyring's backend. Used by the start's helper
    (``ui/keychain_reader.py``) and by the app before its first keychain use;
    :func:`secure_backend` still refuses an insecure one."""
    if not name or not name.startswith(_HINT_PREFIX) or name.startswith(_INSECURE_MODULE_PREFIXES):
        return False
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    import keyring.core
    from keyring.util import platform_

    if (platform_.config_root() / "keyringrc.cfg").exists():
        return False
    with _BACKEND_LOCK:
        if keyring.core._keyring_backend is not None:  # chosen already (set_keyring, or found)
            return False
        try:
            backend = keyring.core.load_keyring(name)  # raises where it is not usable
            usable = float(backend.priority) > 0  # type: ignore[arg-type]
        except Exception as exc:  # gone, or not usable now: keyring's discovery decides
            log.info("keychain hint not used (%s)", type(exc).__name__)
            return False
        if usable:
            keyring.core.set_keyring(backend)
    return usable


def keychain_available() -> bool:
    try:
        secure_backend()
    except InsecureKeyringError:
        return False
    return True


def store_in_keychain(profile_id: str, key: bytes, *, pending: bool = False) -> None:
    import keyring.errors

    backend = secure_backend()
    try:
        backend.set_password(KEYRING_SERVICE, account_for(profile_id, pending=pending), key.hex())
    except keyring.errors.KeyringError as exc:
        raise KeyError_("keys.keyring_failed", detail=type(exc).__name__) from None


def load_from_keychain(profile_id: str, *, pending: bool = False) -> bytes | None:
    import keyring.errors

    backend = secure_backend()
    try:
        value = backend.get_password(KEYRING_SERVICE, account_for(profile_id, pending=pending))
    except keyring.errors.KeyringError as exc:
        raise KeyError_("keys.keyring_failed", detail=type(exc).__name__) from None
    if value is None:
        return None
    return bytes.fromhex(value)


def delete_from_keychain(profile_id: str, *, pending: bool = False) -> None:
    import keyring.errors

    backend = secure_backend()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
        backend.delete_password(KEYRING_SERVICE, account_for(profile_id, pending=pending))


@dataclass(frozen=True)
class WrappedKey:
    """A database key encrypted under a passphrase-derived key (safe to store)."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_json(self) -> dict[str, Any]:
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p, "salt": b64(self.salt),
                "nonce": b64(self.nonce), "ciphertext": b64(self.ciphertext), "aead": "AES-256-GCM"}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrappedKey:
        if data.get("kdf") != "scrypt" or data.get("aead") != "AES-256-GCM":
            raise ValueError("unknown key wrapping")
        return cls(salt=base64.b64decode(data["salt"]), nonce=base64.b64decode(data["nonce"]),
                   ciphertext=base64.b64decode(data["ciphertext"]), n=int(data["n"]),
                   r=int(data["r"]), p=int(data["p"]))


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyError_("keys.weak_passphrase", min=MIN_PASSPHRASE)


def wrap_key(key: bytes, passphrase: str, *, profile_id: str) -> WrappedKey:
    check_passphrase_strength(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ciphertext = AESGCM(kek).encrypt(nonce, key, profile_id.encode("utf-8"))
    return WrappedKey(salt, nonce, ciphertext)


def unwrap_key(wrapped: WrappedKey, passphrase: str, *, profile_id: str) -> bytes:
    kek = _derive(passphrase, wrapped.salt, wrapped.n, wrapped.r, wrapped.p)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, profile_id.encode("utf-8"))
    except InvalidTag:
        raise WrongPassphraseError("keys.wrong_passphrase") from None
