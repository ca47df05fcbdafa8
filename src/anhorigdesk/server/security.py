"""Passwords (argon2), tokens (``secrets``, stored as sha256), the refresh retry box, and time."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

Clock = Callable[[], datetime]

MIN_PASSWORD_LENGTH = 10


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """A sortable UTC timestamp string (all stored times use it)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SecurityPolicy:
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=30)
    login_failure_limit: int = 5  # failed logins per user name in the window
    # Failed logins per client address: higher, since a whole office (behind one NAT, or a
    # proxy without --proxy-headers) shares an address, and five typos by anyone there
    # would otherwise lock every colleague out of signing in.
    login_failure_limit_per_address: int = 30
    login_failure_window: timedelta = timedelta(minutes=15)
    # A refresh sent again with the refresh token just rotated (its answer was lost on the
    # way) gets the same new pair within this time; any other reuse ends the session.
    refresh_retry_window: timedelta = timedelta(seconds=60)


class Passwords:
    """argon2id hashing; ``fast=True`` gives cheap parameters for tests only."""

    def __init__(self, *, fast: bool = False) -> None:
        if fast:
            self._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        else:
            self._hasher = PasswordHasher()
        self._dummy = self._hasher.hash(secrets.token_hex(16))

    def hash(self, password: str) -> str:
        check_password_strength(password)
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when the password matches; unknown users cost the same time."""
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 1024:
        raise ValueError("the password must have at most 1024 characters")


# -- the refresh retry box ------------------------------------------------------------
# Only hashes of tokens are stored. To answer a retried refresh with the pair it was
# given, the new pair is kept encrypted (AES-256-GCM) under a key derived (HKDF-SHA256)
# from the old refresh token, which only the one who sent it holds: the server cannot
# open the box by itself, nor can anyone who reads the database.
_BOX_INFO = b"anhorigdesk refresh retry box v1"


def _box_key(old_refresh: str, session_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=session_id.encode("utf-8"), info=_BOX_INFO
    ).derive(old_refresh.encode("utf-8"))


def seal_retry_box(old_refresh: str, session_id: str, pair: dict[str, str]) -> str:
    """The new token pair, encrypted under a key only the old refresh token gives."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    data = json.dumps(pair, sort_keys=True).encode("utf-8")
    sealed = AESGCM(_box_key(old_refresh, session_id)).encrypt(nonce, data, session_id.encode())
    return base64.b64encode(nonce + sealed).decode("ascii")


def open_retry_box(old_refresh: str, session_id: str, box: str) -> dict[str, str] | None:
    """The pair sealed by :func:`seal_retry_box`, or None when the token does not open it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = base64.b64decode(box.encode("ascii"), validate=True)
        data = AESGCM(_box_key(old_refresh, session_id)).decrypt(
            raw[:12], raw[12:], session_id.encode()
        )
        pair = json.loads(data)
    except (InvalidTag, ValueError):
        return None
    return pair if isinstance(pair, dict) else None
