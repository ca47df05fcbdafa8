"""A keyring backend for tests that a helper process sees too: secrets in a JSON file.

Tests only (a plaintext file is never acceptable for a real key). The file is
``$ANHORIGDESK_TEST_KEYRING``; every read is noted in ``<file>.reads`` so a test can tell
whether (and by whom) the keychain was read. ``$ANHORIGDESK_TEST_KEYRING_PRIORITY`` sets its
priority (0: the app treats it as no usable keychain).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors


class FileKeyring(keyring.backend.KeyringBackend):
    @classmethod
    def _file(cls) -> Path:
        return Path(os.environ["ANHORIGDESK_TEST_KEYRING"])

    @property
    def priority(self) -> float:  # type: ignore[override]
        return float(os.environ.get("ANHORIGDESK_TEST_KEYRING_PRIORITY", "1"))

    def _load(self) -> dict[str, str]:
        path = self._file()
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def reads(self) -> list[str]:
        path = self._file().with_suffix(".reads")
        return path.read_text("utf-8").split() if path.exists() else []

    def get_password(self, service: str, username: str) -> str | None:
        with self._file().with_suffix(".reads").open("a", encoding="utf-8") as fh:
            fh.write(username + "\n")
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._file().write_text(json.dumps(data), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._file().write_text(json.dumps(data), "utf-8")
