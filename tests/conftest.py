"""Test-wide isolation: offscreen Qt, a temporary data dir and an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import keyring.backend
import pytest

from anhorigdesk.i18n import set_language


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An isolated keyring the tests install explicitly (never the user's real one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError(username)
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, request):
    """Every test: its own data dir, its own keyring, Swedish core messages."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("ANHORIGDESK_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    if "realkeyring" in request.keywords:
        yield data
        set_language("sv")
        return
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        yield data
    finally:
        keyring.set_keyring(previous)
        set_language("sv")


@pytest.fixture
def data_dir(isolated):
    return isolated


@pytest.fixture
def memory_keyring():
    return keyring.get_keyring()


def pytest_sessionfinish(session, exitstatus):
    """Tear Qt down in order while the application object still lives: close and delete
    every top-level widget and collect their Python wrappers, so nothing Qt-owned is left
    for the interpreter's final garbage collection (which PySide6 does not survive)."""
    import gc
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
