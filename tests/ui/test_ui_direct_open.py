"""The only profile on the computer, its key in the keychain, opens without the picker.

Unless the preferences say to always choose the profile; on any keychain error the picker
shows with the error, as after pressing Open. ``EarlyOpen`` begins the same work before Qt
loads (``python -m anhorigdesk``), with a helper process that reads the keychain.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from pathlib import Path

import keyring
import pytest

from anhorigdesk.profiles import ProfileManager, account_for
from anhorigdesk.profiles.keys import KEYRING_SERVICE

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def controller(bare_controller):
    return bare_controller


def _keychain_profile(data_dir, name="Nina Nyckelsson"):
    opened = ProfileManager(data_dir).create(name, "Hemtjänst Exempelby")
    assert opened.profile.key_storage == "keychain"
    opened.close()
    return opened.profile


def test_the_only_keychain_profile_opens_without_the_picker(controller, qtbot, data_dir):
    profile = _keychain_profile(data_dir)
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert controller.picker is None
    assert controller.ctx.workspace.profile_name == "Nina Nyckelsson"
    assert controller.ctx.prefs.last_profile == profile.id


def test_always_choosing_the_profile_shows_the_picker(controller, qtbot, data_dir, memory_keyring):
    _keychain_profile(data_dir)
    controller.set_preferences(dataclasses.replace(controller.ctx.prefs, always_pick_profile=True))
    reads = []
    get = memory_keyring.get_password
    memory_keyring.get_password = lambda service, user: reads.append(user) or get(service, user)
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    qtbot.wait(100)
    assert controller.window is None
    assert reads == []  # the keychain is not read before the user chooses
    controller.picker.open_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)


def test_the_preference_is_kept_and_shown_in_the_settings(controller, qtbot):
    from anhorigdesk.ui.settings import AppSettings

    dialog = controller.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.start_label.text() == "Profil vid &start:"
    assert dialog.always_pick.text() == "Låt mig alltid välja profil"
    assert not dialog.always_pick.isChecked()
    dialog.always_pick.setChecked(True)
    dialog.accept()
    assert controller.ctx.prefs.always_pick_profile
    assert AppSettings().load().always_pick_profile
    controller.set_preferences(dataclasses.replace(controller.ctx.prefs, language="en"))
    dialog = controller.open_settings()
    assert dialog.always_pick.isChecked() and dialog.always_pick.text() == "Always let me choose the profile"
    dialog.reject()


def test_a_keychain_error_shows_the_picker_with_the_error(controller, qtbot, data_dir, memory_keyring):
    profile = _keychain_profile(data_dir)
    saved = memory_keyring.secrets.pop((KEYRING_SERVICE, account_for(profile.id)))
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    picker = controller.picker
    assert controller.window is None
    assert picker.error.text().startswith("Profilens nyckel finns inte i datorns nyckelring.")
    assert picker.open_button.isEnabled()
    memory_keyring.secrets[(KEYRING_SERVICE, account_for(profile.id))] = saved
    picker.open_button.click()  # Open tries again
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert not picker.isVisible()


@pytest.mark.parametrize("second", ["keychain", "passphrase"])
def test_with_more_than_one_profile_the_picker_shows(controller, qtbot, data_dir, second):
    _keychain_profile(data_dir)
    ProfileManager(data_dir).create("Pia Påhittsson", "Korttiden Exempelby",
                                    passphrase=None if second == "keychain" else "en lang testfras").close()
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    assert controller.picker.list.count() == 2
    assert controller.window is None


def test_the_only_passphrase_profile_shows_the_picker(controller, qtbot, data_dir):
    ProfileManager(data_dir).create("Pia Påhittsson", "Korttiden Exempelby", passphrase="en lang testfras").close()
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    assert controller.picker.passphrase.isVisible()


def test_a_slow_keychain_shows_the_picker_busy_until_it_answers(controller, qtbot, data_dir, memory_keyring,
                                                                 monkeypatch):
    """A keychain that waits for the user (to unlock it): the picker shows meanwhile, busy
    with that profile; the main window follows the answer."""
    monkeypatch.setattr("anhorigdesk.ui.app.DIRECT_OPEN_PATIENCE_MS", 50)
    _keychain_profile(data_dir)
    answer = threading.Event()
    get = memory_keyring.get_password

    def slow_get(service, user):
        answer.wait(10)
        return get(service, user)

    memory_keyring.get_password = slow_get
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    picker = controller.picker
    assert picker.error.text() == "Öppnar…" and not picker.open_button.isEnabled()
    answer.set()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert not picker.isVisible()


def test_early_open_without_a_helper_opens_the_profile(data_dir):
    from anhorigdesk.ui.early_open import EarlyOpen

    profile = _keychain_profile(data_dir)
    early = EarlyOpen(data_dir, helper=False).start()
    assert [p.id for p in early.wait_profiles(10)] == [profile.id]
    assert early.candidate is not None and early.candidate.id == profile.id
    early.proceed(True)
    opened = early.wait_opened(10)
    try:
        assert opened.repo.count_carers() == 0
    finally:
        opened.close()


def test_early_open_told_to_stop_does_not_read_the_keychain(data_dir, memory_keyring):
    from anhorigdesk.ui.early_open import EarlyOpen

    _keychain_profile(data_dir)
    reads = []
    memory_keyring.get_password = lambda service, user: reads.append(user)
    early = EarlyOpen(data_dir, helper=False).start()
    early.wait_profiles(10)
    early.proceed(False)
    assert early._finished.wait(10)
    assert reads == []
    with pytest.raises(RuntimeError):
        early.wait_opened(1)


def test_early_open_leaves_a_passphrase_profile_to_the_picker(data_dir):
    """Where the picker will show, the early thread only looks at profile.json: no helper
    is started and the listing is the controller's (on its worker thread)."""
    from anhorigdesk.ui.early_open import EarlyOpen

    ProfileManager(data_dir).create("Pia Påhittsson", "Korttiden Exempelby", passphrase="en lang testfras").close()
    early = EarlyOpen(data_dir).start()
    assert [p.name for p in early.wait_profiles(10)] == ["Pia Påhittsson"]
    assert early.candidate is None and early._reader is None


# ------------------------------------------------------------ the helper process
@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """A keyring both this process and a helper process see: ``FileKeyring`` (tests only)."""
    from tests.ui.helpers.file_keyring import FileKeyring

    path = tmp_path / "keyring.json"
    monkeypatch.setenv("ANHORIGDESK_TEST_KEYRING", str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.ui.helpers.file_keyring.FileKeyring")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), *sys.path]))
    previous = keyring.get_keyring()
    backend = FileKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_the_helper_reads_the_key_only_when_told_to(data_dir, file_keyring):
    from anhorigdesk.ui.keychain_reader import KeychainReader

    profile = _keychain_profile(data_dir)
    stored = file_keyring._load()[f"{KEYRING_SERVICE}\n{account_for(profile.id)}"]
    reader = KeychainReader.start(profile.id)
    reader.ready()
    assert file_keyring.reads() == []  # ready: the backend is found, nothing is read
    key, pending = reader.read()
    assert key is not None and key.hex() == stored and pending is None
    assert account_for(profile.id) in file_keyring.reads()

    reader = KeychainReader.start(profile.id)
    reader.ready()
    reader.stop()
    assert file_keyring.reads().count(account_for(profile.id)) == 1  # not read again


def test_the_helper_reports_the_keychains_own_error(data_dir, file_keyring, monkeypatch):
    from anhorigdesk.profiles.keys import InsecureKeyringError, KeyError_
    from anhorigdesk.ui.keychain_reader import KeychainReader

    profile = _keychain_profile(data_dir)
    monkeypatch.setenv("ANHORIGDESK_TEST_KEYRING_PRIORITY", "0")  # not a usable keychain
    reader = KeychainReader.start(profile.id)
    with pytest.raises(KeyError_) as raised:
        reader.ready()
    assert raised.value.code == InsecureKeyringError("keys.insecure_backend", backend="x").code


def test_early_open_with_the_helper_opens_the_profile(data_dir, file_keyring):
    from anhorigdesk.ui.early_open import EarlyOpen

    _keychain_profile(data_dir)
    early = EarlyOpen(data_dir).start()
    early.wait_profiles(10)
    early.proceed(True)
    opened = early.wait_opened(20)
    try:
        assert opened.profile.name == "Nina Nyckelsson"
        assert early._reader is not None and early._reader.process.wait(10) == 0
        # the keychain the helper read from is kept for the next start's helper
        assert early._reader.backend == "tests.ui.helpers.file_keyring.FileKeyring"
        assert ProfileManager(data_dir).get(opened.profile.id).keychain_backend == early._reader.backend
    finally:
        opened.close()


@pytest.mark.realkeyring
def test_early_open_with_the_real_secret_service(data_dir):
    """Runs where a real Secret Service is up (.ci/run starts gnome-keyring under dbus)."""
    if os.environ.get("ANHORIGDESK_REAL_KEYRING") != "1":
        pytest.skip("no real Secret Service in this environment (set by .ci/run)")
    from anhorigdesk.profiles import keys
    from anhorigdesk.ui.early_open import EarlyOpen

    profile = _keychain_profile(data_dir, "Riktig Nyckelsson")
    try:
        for _start in range(2):  # the second start's helper loads the Secret Service from the hint
            early = EarlyOpen(data_dir).start()
            early.wait_profiles(10)
            early.proceed(True)
            opened = early.wait_opened(30)
            opened.close()
            assert early._reader is not None and early._reader.process.wait(10) == 0  # the helper read it
            assert early._reader.backend == "keyring.backends.SecretService.Keyring"
            assert ProfileManager(data_dir).get(profile.id).keychain_backend == early._reader.backend
    finally:
        keys.delete_from_keychain(profile.id)


def _as_before_0006(data_dir, profile_id):
    """Turn the profile's entry index back into the layout before migration 0006."""
    manager = ProfileManager(data_dir)
    profile = next(p for p in manager.profiles() if p.id == profile_id)
    opened = manager.unlock(profile)

    def job(conn):
        conn.execute("DROP TABLE entry_search")
        conn.execute("CREATE VIRTUAL TABLE entry_search USING fts5(carer_id UNINDEXED, body,"
                     " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')")
        conn.execute("DELETE FROM migrations WHERE name = '0006_entry_search_by_carer'")

    opened.db.writer.run(job)
    opened.close()


def test_an_update_that_migrates_the_only_profile_says_so(controller, qtbot, data_dir, monkeypatch):
    """Opening at once, an update's migration shows the picker, busy, saying what it does."""
    from anhorigdesk.ui.start import ProfilePicker

    profile = _keychain_profile(data_dir)
    _as_before_0006(data_dir, profile.id)
    said = []
    original = ProfilePicker._migrating

    def spy(self, done, total):
        original(self, done, total)
        said.append(self.error.text())

    monkeypatch.setattr(ProfilePicker, "_migrating", spy)
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert said and said[0].startswith("Uppdaterar profilens data för den här versionen av programmet (1 av 1).")
    assert not controller.picker.isVisible()


def test_early_open_tells_of_migrations(data_dir):
    from anhorigdesk.ui.early_open import EarlyOpen

    profile = _keychain_profile(data_dir)
    _as_before_0006(data_dir, profile.id)
    early = EarlyOpen(data_dir, helper=False).start()
    early.wait_profiles(10)
    early.proceed(True)
    opened = early.wait_opened(10)
    try:
        assert early.migration == (1, 1)
    finally:
        opened.close()


@pytest.mark.parametrize("always_pick", [False, True])
def test_the_start_tells_the_early_thread_the_preference_before_the_widgets_load(
        data_dir, monkeypatch, always_pick):
    """``python -m anhorigdesk``: the early thread may read the keychain as soon as its helper
    is ready, unless the user always chooses the profile (then it never reads it)."""
    from anhorigdesk import __main__ as entry
    from anhorigdesk.ui import app as app_module
    from anhorigdesk.ui import early_open
    from anhorigdesk.ui.settings import AppSettings, Preferences, set_application_names

    set_application_names()
    AppSettings().save(Preferences(always_pick_profile=always_pick))
    told: list[object] = []

    class Early:
        def __init__(self, folder):
            assert Path(folder) == Path(data_dir)

        def start(self):
            return self

        def proceed(self, go):
            told.append(go)

    def run_app(argv, *, data_dir, language, early):
        told.append("run_app")
        return 0

    monkeypatch.setattr(early_open, "EarlyOpen", Early)
    monkeypatch.setattr(app_module, "run_app", run_app)
    assert entry.main(["--data-dir", str(data_dir)]) == 0
    assert told == [not always_pick, "run_app"]


def test_started_as_the_app_sync_starts_once_the_first_screen_has_its_content(controller, qtbot, data_dir):
    """``run_app``: the sync controller (its modules, its first status read) is not part of
    the start, nor of the first search typed: it starts once the home screen shows its
    content and the screens have had no store work for a moment."""
    from anhorigdesk.ui.app_sync import SYNC_START_QUIET_S

    profile = _keychain_profile(data_dir)
    controller.sync_after_first_screen = True
    opened = ProfileManager(data_dir).unlock(profile)
    window = controller.open_session(opened)
    assert window.isVisible() and controller.sync is None
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.loaded_once, timeout=10_000)
    busy = threading.Event()  # the screens' store work: someone typing a search
    controller.ctx.runner.submit(lambda _ctx: busy.wait(10), name="typing")
    qtbot.wait(int(SYNC_START_QUIET_S * 1000) + 500)
    assert controller.sync is None
    busy.set()
    qtbot.waitUntil(lambda: controller.sync is not None, timeout=10_000)
    assert controller.ctx.sync is controller.sync
    sync_page = window.pages["sync"]  # built now: hooked to the controller started later
    assert sync_page.controller is controller.sync
