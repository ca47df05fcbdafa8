"""Profiles and keys: keychain, passphrase wrapping, refusal of insecure keyrings, rekey."""

from __future__ import annotations

import json
import os

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
