"""The PIN of a keychain profile: what only the staff member knows, asked by the lock screen.

A keychain profile's database key comes from the OS keychain, which answers anyone using
the signed-in computer; without a second secret one click would reopen every record after
the idle lock. The PIN is that secret. It is a gate in the app, not part of the key: the
key stays in the keychain alone (the quick start and sync read it there), and someone with
a shell in the signed-in session can read the keychain without the app. Against that, the
computer's own screen lock protects; against the person at the table, the PIN does.

Only a verifier is stored in ``profile.json`` (scrypt of the PIN with a random salt and the
profile id; never the PIN), with the count of wrong PINs since the last right one. After
:data:`MAX_ATTEMPTS` wrong PINs the open profile is closed (its key leaves memory) and every
further try must first wait :func:`wait_seconds` (30 s, doubling, at most an hour), counted
from the last wrong try and kept in ``profile.json``, so quitting the app does not reset it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import UTC, datetime, timedelta
from typing import Any

from anhorigdesk.i18n import message

MIN_LENGTH, MAX_LENGTH = 6, 12
MAX_ATTEMPTS = 5
FIRST_WAIT_S, LONGEST_WAIT_S = 30, 3600
# scrypt 2**14 × 8 × 1: 16 MiB, ~50 ms here; each try at the lock screen pays it once.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32


class PinError(Exception):
    """A PIN problem; the message is translatable, safe to show and never holds the PIN."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(message(code, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)


class PinFormatError(PinError):
    pass


class WrongPinError(PinError):
    """Wrong PIN; ``remaining`` tries before the profile is closed."""

    close_profile = False

    def __init__(self, remaining: int) -> None:
        self.remaining = remaining
        super().__init__("pin.wrong", remaining=remaining)


class TooManyPinAttemptsError(PinError):
    """Too many wrong PINs: an open profile is closed (``close_profile``); the next try
    waits ``seconds``."""

    close_profile = True

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__("pin.too_many", seconds=seconds)


class PinWaitError(PinError):
    """Too many wrong PINs before: the next try is allowed in ``seconds``."""

    close_profile = True

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__("pin.wait", seconds=seconds)


def check_format(pin: str) -> None:
    """A PIN is :data:`MIN_LENGTH` to :data:`MAX_LENGTH` digits (0–9)."""
    if not (MIN_LENGTH <= len(pin) <= MAX_LENGTH) or not all("0" <= c <= "9" for c in pin):
        raise PinFormatError("pin.format", min=MIN_LENGTH, max=MAX_LENGTH)


def _hash(pin: str, salt: bytes, profile_id: str, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt + profile_id.encode("utf-8"),
                          n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=HASH_BYTES)


def make_verifier(pin: str, profile_id: str) -> dict[str, Any]:
    """What ``profile.json`` keeps to check a PIN (never the PIN)."""
    check_format(pin)
    salt = os.urandom(SALT_BYTES)
    digest = _hash(pin, salt, profile_id, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": base64.b64encode(salt).decode("ascii"),
            "hash": base64.b64encode(digest).decode("ascii")}


def matches(verifier: dict[str, Any], pin: str, profile_id: str) -> bool:
    try:
        if verifier.get("kdf") != "scrypt":
            return False
        salt = base64.b64decode(verifier["salt"])
        expected = base64.b64decode(verifier["hash"])
        n, r, p = int(verifier["n"]), int(verifier["r"]), int(verifier["p"])
    except (KeyError, TypeError, ValueError):
        return False
    if n > 2**20 or r > 32 or p > 16:  # a damaged file must not make the check run for minutes
        return False
    return hmac.compare_digest(_hash(pin, salt, profile_id, n, r, p), expected)


def wait_seconds(failures: int) -> int:
    """How long to wait after the ``failures``-th wrong PIN in a row before the next try."""
    if failures < MAX_ATTEMPTS:
        return 0
    return min(FIRST_WAIT_S * 2 ** min(failures - MAX_ATTEMPTS, 16), LONGEST_WAIT_S)


def blocked_for(failures: int, last_failure: str, now: datetime | None = None) -> int:
    """Seconds until the next try is allowed (0: now)."""
    wait = wait_seconds(failures)
    if wait == 0 or not last_failure:
        return 0
    try:
        last = datetime.fromisoformat(last_failure)
    except ValueError:
        return wait
    now = now or datetime.now(UTC)
    if last > now:  # the clock went back: count from now
        return wait
    left = (last + timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(left + 0.999))
