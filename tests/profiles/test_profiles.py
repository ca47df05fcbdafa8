"""Profiles and keys: keychain, passphrase wrapping, refusal of insecure keyrings, rekey."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from anhorigdesk.profiles import (
    KEYRING_SERVICE,
    InsecureKeyringError,
    ProfileManager,
    WrongPassphraseError,
    account_for,
    is_secure_backend,
)
from anhorigdesk.profiles import keys as keymod
from anhorigdesk.store import WrongKeyError


def test_keychain_profile_round_trip(data_dir, memory_keyring):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr")
    carer = opened.repo.create_carer(opened.actor, name="Anna Påhittberg")
    opened.close()
    stored = memory_keyring.get_password(KEYRING_SERVICE, account_for(opened.profile.id))
    assert stored and len(bytes.fromhex(stored)) == 32
    profile_json = (opened.profile.folder / "profile.json").read_text()
    assert stored not in profile_json
    [profile] = manager.profiles()
    again = manager.unlock(profile)
    assert again.repo.get_carer(again.actor, carer)["name"] == "Anna Påhittberg"
    assert {u["name"] for u in again.repo.units()} == {"Hemtjänst Norr"}
    again.close()


def test_insecure_backends_are_refused(data_dir):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert not is_secure_backend(keyring.get_keyring())
    with pytest.raises(InsecureKeyringError) as info:
        ProfileManager(data_dir).create("Per Provsson", "Enhet")
    assert "lösenfras" in str(info.value)
    assert not list((data_dir / "profiles").glob("*")) if (data_dir / "profiles").exists() else True


def test_plaintext_keyring_class_is_refused():
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, s, u): return None
        def set_password(self, s, u, p): pass
        def delete_password(self, s, u): pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert not is_secure_backend(PlaintextKeyring())


def test_passphrase_profile_without_keychain(data_dir):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    manager = ProfileManager(data_dir)
    opened = manager.create("Lena Testqvist", "Korttiden", passphrase="korrekt häst batteri")
    opened.repo.create_carer(opened.actor, name="Omar Exempelgren")
    opened.close()
    profile = manager.get(opened.profile.id)
    raw = json.loads((profile.folder / "profile.json").read_text())
    assert raw["wrapped_key"]["kdf"] == "scrypt" and "key" not in raw
    with pytest.raises(WrongPassphraseError):
        manager.unlock(profile, "fel lösenfras här")
    again = manager.unlock(profile, "korrekt häst batteri")
    assert again.repo.count_carers() == 1
    again.close()


def test_weak_passphrase_refused(data_dir):
    with pytest.raises(keymod.KeyError_, match="minst"):
        ProfileManager(data_dir).create("A", "B", passphrase="kort")


def test_change_passphrase_rewraps_key(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Karl Skisslund", "Enhet", passphrase="första lösenfrasen")
    opened.close()
    profile = manager.get(opened.profile.id)
    manager.change_passphrase(profile, "första lösenfrasen", "andra lösenfrasen!")
    with pytest.raises(WrongPassphraseError):
        manager.unlock(manager.get(profile.id), "första lösenfrasen")
    manager.unlock(manager.get(profile.id), "andra lösenfrasen!").close()


@pytest.mark.parametrize("passphrase", [None, "lösenfras för rekey"])
def test_rekey_changes_database_key(data_dir, passphrase):
    manager = ProfileManager(data_dir)
    opened = manager.create("Elsa Demoström", "Enhet", passphrase=passphrase)
    carer = opened.repo.create_carer(opened.actor, name="Jussi Låtsasdal")
    old_key, _ = manager._keys(opened.profile, passphrase)
    reopened = manager.rekey(opened, passphrase)
    assert reopened.repo.get_carer(reopened.actor, carer)["name"] == "Jussi Låtsasdal"
    reopened.close()
    from anhorigdesk.store import Database
    with pytest.raises(WrongKeyError):
        Database(opened.profile.db_path, old_key)
    manager.unlock(manager.get(opened.profile.id), passphrase).close()


def test_interrupted_rekey_is_finished_on_open(data_dir, memory_keyring):
    """The database got the new key but the crash came before the key was promoted."""
    from anhorigdesk.store import engine

    manager = ProfileManager(data_dir)
    opened = manager.create("Aino Provsson", "Enhet")
    pid = opened.profile.id
    opened.close()
    new = os.urandom(32)
    keymod.store_in_keychain(pid, new, pending=True)
    conn = engine.open_database(opened.profile.db_path, bytes.fromhex(
        memory_keyring.get_password(KEYRING_SERVICE, account_for(pid))))
    engine.rekey(conn, new)
    conn.close()
    again = manager.unlock(manager.get(pid))
    again.close()
    assert memory_keyring.get_password(KEYRING_SERVICE, account_for(pid)) == new.hex()
    assert memory_keyring.get_password(KEYRING_SERVICE, account_for(pid, pending=True)) is None


def test_damaged_profile_file_is_a_clear_error(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Amina Exempelsson", "Enhet", passphrase="en lång lösenfras")
    opened.close()
    (opened.profile.folder / "profile.json").write_text("{inte json")
    with pytest.raises(Exception) as info:
        manager.profiles()
    assert "profile.json" in str(info.value)


@pytest.mark.realkeyring
def test_real_secret_service_keyring(data_dir):
    """Runs where a real Secret Service is up (.ci/run starts gnome-keyring under dbus)."""
    if os.environ.get("ANHORIGDESK_REAL_KEYRING") != "1":
        pytest.skip("no real Secret Service in this environment (set by .ci/run)")
    backend = keyring.get_keyring()
    assert is_secure_backend(backend), type(backend)
    manager = ProfileManager(data_dir)
    opened = manager.create("Riktig Nyckelring", "Enhet")
    opened.close()
    manager.unlock(manager.get(opened.profile.id)).close()
    keymod.delete_from_keychain(opened.profile.id)


# ------------------------------------------------- the keychain the key is in (a hint)
class _UsableBackend(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise NotImplementedError

    def delete_password(self, service, username):
        raise NotImplementedError


@pytest.fixture
def unconfigured_keyring(tmp_path, monkeypatch) -> Iterator[Path]:
    """keyring as in a fresh process where nothing configures it: no backend chosen yet, no
    PYTHON_KEYRING_BACKEND, no keyringrc.cfg; its discovery fails the test if it runs."""
    import keyring.backend
    import keyring.core
    from keyring.util import platform_

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    config = tmp_path / "keyring-config"
    config.mkdir()
    monkeypatch.setattr(platform_, "config_root", lambda: config)

    def discovery():
        raise AssertionError("keyring's discovery ran")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", discovery)
    # not through monkeypatch: its undo runs after the autouse fixture has put back the
    # keyring that was there before the test, and would leave this test's one in place
    chosen = keyring.core._keyring_backend
    keyring.core._keyring_backend = None
    try:
        yield config
    finally:
        keyring.core._keyring_backend = chosen


def test_a_usable_hinted_backend_is_used_without_discovery(unconfigured_keyring, monkeypatch):
    import keyring.core

    loaded = []

    def load(name):
        loaded.append(name)
        return _UsableBackend()

    monkeypatch.setattr(keyring.core, "load_keyring", load)
    assert keymod.use_backend_hint("keyring.backends.SecretService.Keyring")
    assert loaded == ["keyring.backends.SecretService.Keyring"]
    assert isinstance(keymod.secure_backend(), _UsableBackend)


@pytest.mark.parametrize("hint", [
    None, "", "tests.profiles.test_profiles._UsableBackend",  # not one of keyring's own
    "keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",  # insecure
    "keyring.backends.NoSuchModule.Keyring",  # does not load
])
def test_a_hint_that_is_not_a_usable_keyring_backend_is_ignored(unconfigured_keyring, hint):
    import keyring.core

    assert not keymod.use_backend_hint(hint)
    assert keyring.core._keyring_backend is None  # keyring's discovery decides, as always


def test_keyrings_own_configuration_wins_over_the_hint(unconfigured_keyring, monkeypatch):
    import keyring.core

    monkeypatch.setattr(keyring.core, "load_keyring", lambda name: _UsableBackend())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert not keymod.use_backend_hint("keyring.backends.SecretService.Keyring")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    (unconfigured_keyring / "keyringrc.cfg").write_text("[backend]\ndefault-keyring=keyring.backends.fail.Keyring\n")
    assert not keymod.use_backend_hint("keyring.backends.SecretService.Keyring")
    assert keyring.core._keyring_backend is None


def test_the_keychain_the_key_is_in_is_kept_in_profile_json(data_dir, memory_keyring):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr")
    opened.close()
    name = keymod.backend_name(memory_keyring)
    assert json.loads((opened.profile.folder / "profile.json").read_text())["keychain_backend"] == name
    # a profile from before the field: the first opening notes it
    data = json.loads((opened.profile.folder / "profile.json").read_text())
    del data["keychain_backend"]
    (opened.profile.folder / "profile.json").write_text(json.dumps(data))
    profile = manager.get(opened.profile.id)
    assert profile.keychain_backend is None
    manager.unlock(profile).close()
    assert manager.get(opened.profile.id).keychain_backend == name
    # keys read by the start's helper: the backend it read them from
    key = bytes.fromhex(memory_keyring.get_password(KEYRING_SERVICE, account_for(profile.id)))
    manager.unlock(manager.get(profile.id), keychain_keys=(key, None),
                   keychain_backend="keyring.backends.SecretService.Keyring").close()
    assert manager.get(profile.id).keychain_backend == "keyring.backends.SecretService.Keyring"


def test_a_passphrase_profile_has_no_keychain_backend(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr", passphrase="en lång lösenfras")
    opened.close()
    manager.unlock(manager.get(opened.profile.id), "en lång lösenfras").close()
    assert manager.get(opened.profile.id).keychain_backend is None


@pytest.mark.realkeyring
def test_the_real_secret_service_is_found_from_the_hint_alone(data_dir, unconfigured_keyring):
    """Runs where a real Secret Service is up (.ci/run starts gnome-keyring under dbus)."""
    if os.environ.get("ANHORIGDESK_REAL_KEYRING") != "1":
        pytest.skip("no real Secret Service in this environment (set by .ci/run)")
    assert keymod.use_backend_hint("keyring.backends.SecretService.Keyring")
    backend = keymod.secure_backend()
    assert keymod.backend_name(backend) == "keyring.backends.SecretService.Keyring"


def test_a_hint_never_replaces_the_backend_keyring_uses_already(unconfigured_keyring, monkeypatch):
    import keyring.core

    chosen = _UsableBackend()
    keyring.core.set_keyring(chosen)
    monkeypatch.setattr(keyring.core, "load_keyring", lambda name: _UsableBackend())
    assert not keymod.use_backend_hint("keyring.backends.SecretService.Keyring")
    assert keyring.core.get_keyring() is chosen


def test_opening_reads_the_key_from_the_keychain_it_is_in_without_discovery(
        data_dir, unconfigured_keyring, monkeypatch):
    """The picker's Open of a keychain profile, in an app that has not used keyring yet."""
    import keyring.core
    from tests.conftest import MemoryKeyring

    memory = MemoryKeyring()
    keyring.core.set_keyring(memory)
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr")
    opened.close()
    profile = manager.get(opened.profile.id)
    profile.keychain_backend = "keyring.backends.SecretService.Keyring"
    manager.save(profile)
    keyring.core._keyring_backend = None  # a fresh process: keyring has chosen nothing yet
    loaded = []
    monkeypatch.setattr(keyring.core, "load_keyring", lambda name: loaded.append(name) or memory)
    manager.unlock(manager.get(profile.id)).close()  # discovery would fail the test
    assert loaded == ["keyring.backends.SecretService.Keyring"]
