"""A profile's encrypted backup file: round trip (10,000 carers, another computer), wrong
passphrase, cut-short and altered files, and never replacing a profile unasked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import pytest

from anhorigdesk import demo
from anhorigdesk.profiles import KEYRING_SERVICE, ProfileManager, account_for, backup
from anhorigdesk.store import engine

BACKUP_PASS = "säkerhetskopians lösenfras"
PROFILE_PASS = "profilens egen lösenfras"


def _carers(opened) -> list[tuple[str, str]]:
    rows = opened.db.reader().execute("SELECT id, name FROM carers ORDER BY id").fetchall()
    return [(r[0], r[1]) for r in rows]


def _count(opened, table: str) -> int:
    return opened.db.reader().execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _nothing_restored(data_dir: Path) -> None:
    root = data_dir / "profiles"
    assert not root.exists() or not list(root.iterdir())


@pytest.mark.slow
def test_round_trip_of_10000_carers_onto_another_computer(tmp_path: Path, data_dir: Path) -> None:
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr")  # key in the keychain
    demo.fill(opened.repo, opened.actor, 10_000, entries_per_carer=1, seed=3)
    opened.profile.settings["always_pick_profile"] = True
    manager.save(opened.profile)
    carers, entries, audit = _carers(opened), _count(opened, "entries"), _count(opened, "audit_log")
    client_id, original_key = opened.db.client_id, opened.db._key
    assert len(carers) == 10_000
    target = tmp_path / "usb" / "sara.anhorigdesk-backup"
    target.parent.mkdir()
    header = backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()

    raw = target.read_bytes()
    assert header.db_bytes + len(header.header_bytes) + backup.TRAILER_FIXED == len(raw)
    for secret in (carers[0][1], carers[-1][1], "Sara Exempelsson", "Hemtjänst Norr"):
        assert secret.encode("utf-8") not in raw  # encrypted, the profile's details too
    # the database in the file is not under the profile's (keychain) key
    part = tmp_path / "part.db"
    part.write_bytes(raw[: header.db_bytes])
    with pytest.raises(engine.WrongKeyError):
        engine.open_database(part, original_key, readonly=True)

    # another computer: another data dir and an empty keychain of its own
    other = ProfileManager(tmp_path / "other-computer")
    keyring.set_keyring(type(keyring.get_keyring())())
    restored = backup.restore_backup(other, target, BACKUP_PASS)
    assert (restored.id, restored.name, restored.unit_name, restored.staff_id, restored.unit_id) == (
        header_profile := (opened.profile.id, "Sara Exempelsson", "Hemtjänst Norr",
                           opened.profile.staff_id, opened.profile.unit_id))
    assert header_profile[0] == restored.folder.name
    assert restored.key_storage == "keychain" and restored.settings["always_pick_profile"]
    new_key = bytes.fromhex(keyring.get_password(KEYRING_SERVICE, account_for(restored.id)))
    assert new_key != original_key
    again = other.unlock(restored)
    try:
        assert _carers(again) == carers
        assert _count(again, "entries") == entries and _count(again, "audit_log") == audit
        # never synced: it gave out no seq, so it stays the device it was
        # (a profile that had synced becomes a new one: test_backup_new_device.py)
        assert again.db.client_id == client_id
        assert engine.integrity_problems(again.db.reader()) == []
    finally:
        again.close()
    assert [p.name for p in (tmp_path / "other-computer" / "profiles").iterdir()] == [restored.id]


def test_passphrase_profile_restores_as_a_passphrase_profile(tmp_path: Path, data_dir: Path) -> None:
    manager = ProfileManager(data_dir)
    opened = manager.create("Per Provsson", "Korttiden", passphrase=PROFILE_PASS)
    carer = opened.repo.create_carer(opened.actor, name="Anna Påhittberg")
    target = tmp_path / "per.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()
    other = ProfileManager(tmp_path / "other")
    restored = backup.restore_backup(other, target, BACKUP_PASS)
    assert restored.key_storage == "passphrase"
    again = other.unlock(restored, BACKUP_PASS)  # the backup's passphrase unlocks it
    assert again.repo.get_carer(again.actor, carer)["name"] == "Anna Påhittberg"
    again.close()


@pytest.fixture
def small_backup(tmp_path: Path, data_dir: Path) -> Path:
    opened = ProfileManager(data_dir).create("Lisa Provsson", "Anhörigstödet",
                                             passphrase=PROFILE_PASS)
    demo.fill(opened.repo, opened.actor, 30, entries_per_carer=2, seed=5)
    target = tmp_path / "lisa.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()
    return target


def test_wrong_passphrase_is_said_and_changes_nothing(tmp_path: Path, small_backup: Path) -> None:
    other = tmp_path / "other"
    with pytest.raises(backup.WrongBackupPassphrase) as info:
        backup.restore_backup(ProfileManager(other), small_backup, "inte rätt lösenfras")
    assert "Fel lösenfras för säkerhetskopian" in str(info.value)
    assert "Wrong passphrase" in info.value.localized("en")
    _nothing_restored(other)


@pytest.mark.parametrize("keep", ["nothing", "half_db", "all_but_one_byte", "no_tag"])
def test_cut_short_backup_is_refused(tmp_path: Path, small_backup: Path, keep: str) -> None:
    raw = small_backup.read_bytes()
    size = {"nothing": 0, "half_db": len(raw) // 2, "all_but_one_byte": len(raw) - 1,
            "no_tag": len(raw) - backup.TAG_BYTES}[keep]
    cut = tmp_path / "cut.anhorigdesk-backup"
    cut.write_bytes(raw[:size])
    other = tmp_path / "other"
    with pytest.raises(backup.BackupError) as info:
        backup.restore_backup(ProfileManager(other), cut, BACKUP_PASS)
    assert info.value.code == "backup.truncated"
    assert "avkortad" in str(info.value) and "cut short" in info.value.localized("en")
    _nothing_restored(other)


@pytest.mark.parametrize("where", ["first_page", "middle", "header", "tag"])
def test_altered_backup_is_refused(tmp_path: Path, small_backup: Path, where: str) -> None:
    raw = bytearray(small_backup.read_bytes())
    header = backup.read_header(small_backup)
    at = {"first_page": 100, "middle": header.db_bytes // 2,
          "header": header.db_bytes + 20, "tag": len(raw) - 5}[where]
    raw[at] ^= 0x01
    altered = tmp_path / "altered.anhorigdesk-backup"
    altered.write_bytes(bytes(raw))
    other = tmp_path / "other"
    with pytest.raises(backup.BackupError) as info:
        backup.restore_backup(ProfileManager(other), altered, BACKUP_PASS)
    assert info.value.code == "backup.damaged"  # never taken for a wrong passphrase
    assert "skadad eller har ändrats" in str(info.value)
    _nothing_restored(other)
    with pytest.raises(backup.BackupError):  # the dialog's check says the same
        backup.unlock(altered, BACKUP_PASS)


def test_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    other = tmp_path / "not.anhorigdesk-backup"
    other.write_bytes(json.dumps({"hello": "world"}).encode() * 100)
    with pytest.raises(backup.BackupError) as info:
        backup.read_header(other)
    assert info.value.code == "backup.truncated"


def test_existing_profile_is_replaced_only_when_asked(tmp_path: Path, data_dir: Path) -> None:
    manager = ProfileManager(data_dir)
    opened = manager.create("Eva Provsson", "Enheten")
    kept = opened.repo.create_carer(opened.actor, name="Före Backupen")
    target = tmp_path / "eva.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    later = opened.repo.create_carer(opened.actor, name="Efter Backupen")
    opened.close()

    with pytest.raises(backup.ProfileExists) as info:
        backup.restore_backup(manager, target, BACKUP_PASS)
    assert "Eva Provsson" in str(info.value) and "finns redan" in str(info.value)
    untouched = manager.unlock(manager.get(opened.profile.id))
    assert {c["id"] for c in untouched.repo.list_carers(untouched.actor)} == {kept, later}
    untouched.close()

    restored = backup.restore_backup(manager, target, BACKUP_PASS, replace=True)
    again = manager.unlock(restored)
    assert {c["id"] for c in again.repo.list_carers(again.actor)} == {kept}
    again.close()
    assert [p.name for p in (data_dir / "profiles").iterdir()] == [opened.profile.id]


def test_backup_refuses_an_existing_file_and_a_weak_passphrase(tmp_path: Path, data_dir: Path) -> None:
    opened = ProfileManager(data_dir).create("Ola Provsson", "Enheten")
    taken = tmp_path / "taken.anhorigdesk-backup"
    taken.write_bytes(b"something else")
    try:
        with pytest.raises(backup.BackupError) as info:
            backup.write_backup(opened.db, opened.profile, taken, BACKUP_PASS)
        assert info.value.code == "backup.target_exists"
        assert taken.read_bytes() == b"something else"
        from anhorigdesk.profiles.keys import KeyError_

        with pytest.raises(KeyError_):
            backup.write_backup(opened.db, opened.profile, tmp_path / "x.anhorigdesk-backup", "kort")
        assert not (tmp_path / "x.anhorigdesk-backup").exists()
        unwritable = tmp_path / "no-such-folder" / "x.anhorigdesk-backup"
        with pytest.raises(backup.BackupError) as info:
            backup.write_backup(opened.db, opened.profile, unwritable, BACKUP_PASS)
        assert info.value.code == "backup.write_failed"
    finally:
        opened.close()
    assert sorted(os.listdir(tmp_path)) == sorted(
        p for p in os.listdir(tmp_path) if not p.startswith("."))  # no leftovers


def test_restore_reads_a_file_whose_name_needs_quoting(tmp_path: Path, data_dir: Path) -> None:
    """The backup file is opened in place through a URI: characters that mean something
    there (``#``, ``?``, ``%``, spaces, non-ASCII) are quoted, not taken for URI syntax."""
    opened = ProfileManager(data_dir).create("Åsa Provsson", "Enheten", passphrase=PROFILE_PASS)
    carer = opened.repo.create_carer(opened.actor, name="Anna Påhittberg")
    folder = tmp_path / "Säkerhetskopior #2 (100%?)"
    folder.mkdir()
    target = folder / "Åsa #1 & 50%? 2026.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()
    other = ProfileManager(tmp_path / "other")
    again = other.unlock(backup.restore_backup(other, target, BACKUP_PASS), BACKUP_PASS)
    try:
        assert again.repo.get_carer(again.actor, carer)["name"] == "Anna Påhittberg"
    finally:
        again.close()


def test_format_2_database_is_under_a_sealed_random_key_without_page_hmac(
        tmp_path: Path, small_backup: Path) -> None:
    header, derived, details = backup.unlock(small_backup, BACKUP_PASS)
    assert header.header["format"] == 2 and header.header["cipher"] == "sqlcipher4-no-page-hmac"
    sealed_key = bytes.fromhex(details["database_key"])
    assert sealed_key not in (derived.database, derived.details, derived.tag)
    assert details["database_key"].encode() not in small_backup.read_bytes()  # sealed
    part = tmp_path / "part.db"
    part.write_bytes(small_backup.read_bytes()[: header.db_bytes])
    # neither a key derived from the passphrase alone nor the profile's own opens it
    with pytest.raises(engine.WrongKeyError):
        engine.open_database(part, derived.database, readonly=True)
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(part))
    try:
        backup._key_backup_database(conn, sealed_key, page_hmac=False)
        assert conn.execute("SELECT count(*) FROM carers").fetchone()[0] == 30
    finally:
        conn.close()


def test_a_format_1_backup_still_restores(tmp_path: Path, data_dir: Path) -> None:
    opened = ProfileManager(data_dir).create("Eva Provsson", "Anhörigstödet", passphrase=PROFILE_PASS)
    demo.fill(opened.repo, opened.actor, 20, entries_per_carer=2, seed=7)
    carers, entries = _carers(opened), _count(opened, "entries")
    target = tmp_path / "eva.anhorigdesk-backup"
    backup._write(opened.db, opened.profile, target, BACKUP_PASS, None, 1)
    opened.close()
    header, derived, details = backup.unlock(target, BACKUP_PASS)
    assert header.header["format"] == 1 and "database_key" not in details
    part = tmp_path / "part.db"
    part.write_bytes(target.read_bytes()[: header.db_bytes])
    engine.open_database(part, derived.database, readonly=True).close()  # as format 1 was
    other = ProfileManager(tmp_path / "other")
    restored = backup.restore_backup(other, target, BACKUP_PASS)
    again = other.unlock(restored, BACKUP_PASS)
    try:
        assert _carers(again) == carers and _count(again, "entries") == entries
        assert engine.integrity_problems(again.db.reader()) == []
    finally:
        again.close()


def test_a_newer_format_is_refused_with_its_number(tmp_path: Path, small_backup: Path) -> None:
    raw = small_backup.read_bytes()
    header = backup.read_header(small_backup)
    newer = header.header_bytes.replace(b'"format": 2', b'"format": 3')
    assert newer != header.header_bytes
    import hashlib
    import struct

    trailer = (newer + struct.pack(">I", len(newer)) + hashlib.sha256(newer).digest() + backup.MAGIC)
    future = tmp_path / "future.anhorigdesk-backup"
    future.write_bytes(raw[: header.db_bytes] + trailer + raw[-backup.TAG_BYTES:])
    with pytest.raises(backup.BackupError) as info:
        backup.read_header(future)
    assert info.value.code == "backup.newer_format"
