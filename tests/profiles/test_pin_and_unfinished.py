"""A keychain profile's PIN (what only the staff member knows) and profiles whose creation
stopped part way (finished or removed, never stuck in *creating*)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from tests.store.small_disk import small_disk

from anhorigdesk.i18n import message
from anhorigdesk.profiles import KEYRING_SERVICE, ProfileManager, account_for
from anhorigdesk.profiles import pin as pins
from anhorigdesk.profiles.profiles import ProfileCreateError, ProfileError
from anhorigdesk.store.engine import DiskFullError, DiskFullOpenError

PIN = "246810"


def test_the_pin_is_kept_only_as_a_verifier(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara Exempelsson", "Hemtjänst Norr", pin=PIN)
    opened.close()
    assert opened.owner_confirmed
    text = (opened.profile.folder / "profile.json").read_text("utf-8")
    assert PIN not in text
    stored = json.loads(text)["pin"]
    assert stored["kdf"] == "scrypt" and stored["n"] >= 2**14 and len(stored["salt"]) > 16
    assert not manager.get(opened.profile.id).needs_pin


@pytest.mark.parametrize("bad", ["12345", "1234567890123", "12a456", "", "１２３４５６"])
def test_a_pin_is_six_to_twelve_digits(data_dir, bad):
    with pytest.raises(pins.PinFormatError) as caught:
        ProfileManager(data_dir).create("Sara", "Norr", pin=bad)
    assert str(caught.value) == "PIN-koden ska vara 6–12 siffror."
    assert not (data_dir / "profiles").exists() or not any((data_dir / "profiles").iterdir())


def test_wrong_pins_are_counted_on_disk_and_the_fifth_closes(data_dir):
    manager = ProfileManager(data_dir)
    manager.create("Sara", "Norr", pin=PIN).close()
    [profile] = manager.profiles()
    for left in (4, 3, 2, 1):
        with pytest.raises(pins.WrongPinError) as caught:
            manager.check_pin(profile, "000000")
        assert caught.value.remaining == left and not caught.value.close_profile
        assert str(caught.value) == f"Fel PIN-kod. {left} försök kvar innan profilen stängs."
        # counted in profile.json: a new manager (a restart) sees the same count
        assert ProfileManager(data_dir).get(profile.id).pin_failures == 5 - left
    with pytest.raises(pins.TooManyPinAttemptsError) as caught:
        manager.check_pin(profile, "000000")
    assert caught.value.close_profile and caught.value.seconds == pins.FIRST_WAIT_S
    # now even the right PIN waits (it is not checked at all)
    with pytest.raises(pins.PinWaitError) as caught:
        manager.check_pin(manager.get(profile.id), PIN)
    assert 0 < caught.value.seconds <= pins.FIRST_WAIT_S
    # after the wait, the right PIN opens and the count starts again
    data = json.loads((profile.folder / "profile.json").read_text("utf-8"))
    data["pin_last_failure"] = (datetime.now(UTC) - timedelta(seconds=pins.FIRST_WAIT_S + 1)).isoformat()
    (profile.folder / "profile.json").write_text(json.dumps(data), "utf-8")
    opened = manager.unlock(manager.get(profile.id), pin_code=PIN)
    assert opened.owner_confirmed
    opened.close()
    assert manager.get(profile.id).pin_failures == 0


def test_the_wait_doubles_and_has_a_ceiling():
    assert [pins.wait_seconds(n) for n in (4, 5, 6, 7)] == [0, 30, 60, 120]
    assert pins.wait_seconds(40) == pins.LONGEST_WAIT_S


def test_opening_with_the_keychain_alone_is_not_owner_confirmed(data_dir):
    manager = ProfileManager(data_dir)
    manager.create("Sara", "Norr", pin=PIN).close()
    opened = manager.unlock(manager.profiles()[0])
    assert not opened.owner_confirmed  # the app shows it locked, asking for the PIN
    opened.close()


def test_set_and_change_the_pin(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara", "Norr")  # as the command line and older versions made them
    opened.close()
    profile = manager.get(opened.profile.id)
    assert profile.needs_pin
    manager.set_pin(profile, PIN)
    assert not manager.get(profile.id).needs_pin
    with pytest.raises(pins.WrongPinError):
        manager.set_pin(profile, "135791")  # a PIN exists: the old one is needed
    with pytest.raises(pins.WrongPinError):
        manager.set_pin(profile, "135791", old_pin="999999")
    manager.set_pin(profile, "135791", old_pin=PIN)
    manager.check_pin(manager.get(profile.id), "135791")
    with pytest.raises(pins.WrongPinError):
        manager.check_pin(manager.get(profile.id), PIN)


def test_a_passphrase_profile_has_no_pin(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Sara", "Norr", passphrase="en lång lösenfras")
    opened.close()
    assert not opened.profile.needs_pin
    with pytest.raises(ProfileError):
        manager.set_pin(opened.profile, PIN)


# -- creating on a nearly full disk --------------------------------------------------------
@pytest.mark.parametrize("key_storage", ["keychain", "passphrase"])
def test_creating_on_a_nearly_full_disk_says_so_and_can_be_finished(tmp_path, memory_keyring, key_storage):
    kwargs = {"pin": PIN} if key_storage == "keychain" else {"passphrase": "en lång lösenfras"}
    with small_disk(tmp_path / "disk", "2m") as disk:
        manager = ProfileManager(disk.root / "data")
        disk.fill(64 * 1024)
        with pytest.raises(ProfileCreateError) as caught:
            manager.create("Sara Exempelsson", "Hemtjänst Norr", **kwargs).close()
        exc = caught.value
        assert isinstance(exc.cause, DiskFullError | DiskFullOpenError)
        text = str(exc)
        assert "cannot rollback" not in text and "no transaction" not in text
        assert "disk är full" in text and "ofärdig" in text
        assert "disk is full" in exc.localized("en") and "unfinished" in exc.localized("en")
        [profile] = manager.profiles()
        assert profile.state == "creating"
        # once there is room: finished with the same key; the unit and staff rows exist
        disk.empty()
        secret = {"pin_code": PIN} if key_storage == "keychain" else {"passphrase": kwargs["passphrase"]}
        opened = manager.finish_creating(profile, **secret)
        assert opened.profile.state == "ready" and opened.owner_confirmed
        assert {u["name"] for u in opened.repo.units()} == {"Hemtjänst Norr"}
        opened.close()
        assert manager.get(profile.id).state == "ready"
        with pytest.raises(ProfileError):
            manager.remove_unfinished(manager.get(profile.id))  # a ready profile is not removed here


def test_an_unfinished_profile_can_be_removed_with_its_key(tmp_path, memory_keyring):
    with small_disk(tmp_path / "disk", "2m") as disk:
        manager = ProfileManager(disk.root / "data")
        disk.fill(64 * 1024)
        with pytest.raises(ProfileCreateError):
            manager.create("Sara Exempelsson", "Hemtjänst Norr", pin=PIN)
        [profile] = manager.profiles()
        assert memory_keyring.get_password(KEYRING_SERVICE, account_for(profile.id))
        manager.remove_unfinished(profile)  # works on the full disk: it only frees space
        assert manager.profiles() == []
        assert memory_keyring.get_password(KEYRING_SERVICE, account_for(profile.id)) is None


def test_no_room_even_for_profile_json_leaves_nothing_behind(tmp_path):
    with small_disk(tmp_path / "disk", "1m") as disk:
        manager = ProfileManager(disk.root / "data")
        (disk.root / "data" / "profiles").mkdir(parents=True)
        disk.fill(0)
        with pytest.raises(ProfileError) as caught:
            manager.create("Sara", "Norr", passphrase="en lång lösenfras")
        assert str(caught.value) == message("store.disk_full", "sv")
        assert manager.profiles() == []
