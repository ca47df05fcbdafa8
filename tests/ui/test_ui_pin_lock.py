"""The idle lock of a keychain profile asks for the staff member's PIN (finding 6 of issue 19).

Before, the lock screen of a keychain profile had one button: the keychain answered and
anyone at the signed-in computer was back in every record with one click. Now it asks for
the PIN (a verifier in profile.json), counts wrong ones, and after too many the profile is
closed (the store, with its key) and the picker shows; the picker asks for the PIN too. A
keychain profile made before PINs is asked to choose one at its next open.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.profiles import pin as pins
from anhorigdesk.ui.lock import NEW_PIN, PIN
from anhorigdesk.ui.qt import QWizard

GOOD = "482915"


@pytest.fixture
def controller(bare_controller):
    return bare_controller


def _type_and_unlock(qtbot, screen, text):
    screen.passphrase.setText(text)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: not screen._busy, timeout=10_000)


def test_lock_asks_for_the_pin_refuses_a_wrong_one_and_opens_with_the_right_one(controller, qtbot, data_dir,
                                                                               save_screenshot):
    opened = ProfileManager(data_dir).create("Testa Nyckelsson", "Hemtjänst Exempelby", pin=GOOD)
    window = controller.open_session(opened)
    assert not window.locked  # just created: the owner is at the keyboard
    window.lock()
    screen = window.lock_screen
    assert screen.kind == PIN
    assert screen.passphrase.isVisible() and not screen.repeat.isVisible()
    assert screen.info.text() == "Skriv din PIN-kod för att fortsätta."
    save_screenshot(window, "locked_pin")
    _type_and_unlock(qtbot, screen, "111111")
    assert window.locked
    assert screen.error.text() == "Fel PIN-kod. 4 försök kvar innan profilen stängs."
    _type_and_unlock(qtbot, screen, GOOD)
    assert not window.locked and window.workspace.isVisible()
    assert ProfileManager(data_dir).get(opened.profile.id).pin_failures == 0


def test_too_many_wrong_pins_close_the_store_and_show_the_picker(controller, qtbot, data_dir, save_screenshot):
    manager = ProfileManager(data_dir)
    opened = manager.create("Testa Nyckelsson", "Hemtjänst Exempelby", pin=GOOD)
    window = controller.open_session(opened)
    window.lock()
    screen = window.lock_screen
    for left in (4, 3, 2, 1):
        _type_and_unlock(qtbot, screen, "000000")
        assert screen.error.text() == f"Fel PIN-kod. {left} försök kvar innan profilen stängs."
    with qtbot.waitSignal(screen.gave_up, timeout=10_000):
        _type_and_unlock(qtbot, screen, "000000")
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    # the store is closed (its key gone from memory), the window and the session with it
    assert opened.db.closed
    assert controller.window is None and controller.ctx.workspace is None
    picker = controller.picker
    assert "Fel PIN-kod för många gånger" in picker.error.text()
    assert "stängts" in picker.error.text()
    save_screenshot(picker, "picker_after_too_many_pins")
    # the picker asks for the PIN, and after too many it makes you wait (even the right PIN)
    assert picker.passphrase.isVisible() and picker.passphrase_label.text() == "P&IN-kod:"
    picker.passphrase.setText(GOOD)
    picker.open_button.click()
    qtbot.waitUntil(lambda: picker.open_button.isEnabled(), timeout=10_000)
    assert "Vänta" in picker.error.text() and controller.window is None
    # once the wait is over (moved back here instead of waiting 30 s) the right PIN opens it
    path = opened.profile.folder / "profile.json"
    data = json.loads(path.read_text("utf-8"))
    data["pin_last_failure"] = (datetime.now(UTC) - timedelta(seconds=pins.FIRST_WAIT_S + 1)).isoformat()
    path.write_text(json.dumps(data), "utf-8")
    picker.passphrase.setText(GOOD)
    picker.open_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert not controller.window.locked  # the PIN was typed: it opens unlocked


def test_the_only_keychain_profile_opens_at_start_locked_behind_its_pin(controller, qtbot, data_dir):
    ProfileManager(data_dir).create("Nina Nyckelsson", "Hemtjänst Exempelby", pin=GOOD).close()
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    window = controller.window
    assert window.locked and window.central.currentWidget() is window.lock_screen
    assert window.lock_screen.kind == PIN
    _type_and_unlock(qtbot, window.lock_screen, GOOD)
    assert not window.locked


def test_a_keychain_profile_without_a_pin_chooses_one_at_its_next_open(controller, qtbot, data_dir,
                                                                      save_screenshot):
    """Profiles made before PINs (or by the command line) are never left one-click."""
    opened = ProfileManager(data_dir).create("Nina Nyckelsson", "Hemtjänst Exempelby")
    opened.close()
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    window = controller.window
    screen = window.lock_screen
    assert window.locked and screen.kind == NEW_PIN
    assert screen.repeat.isVisible()
    assert screen.unlock_button.text() == "&Spara PIN-kod och fortsätt"
    save_screenshot(window, "locked_choose_pin")
    screen.passphrase.setText("1234")
    screen.repeat.setText("1234")
    screen.unlock_button.click()
    assert screen.error.text() == "PIN-koden ska vara 6–12 siffror." and window.locked
    screen.passphrase.setText(GOOD)
    screen.repeat.setText("482916")
    screen.unlock_button.click()
    assert screen.error.text() == "De två PIN-koderna är olika." and window.locked
    screen.repeat.setText(GOOD)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    stored = ProfileManager(data_dir).get(opened.profile.id)
    assert stored.pin and GOOD not in (stored.folder / "profile.json").read_text("utf-8")
    # from now on the lock asks for it
    window.lock()
    assert screen.kind == PIN and not screen.repeat.isVisible()
    _type_and_unlock(qtbot, screen, GOOD)
    assert not window.locked


def test_the_picker_asks_for_the_pin_of_a_keychain_profile(controller, qtbot, data_dir):
    ProfileManager(data_dir).create("Nina Nyckelsson", "Hemtjänst Exempelby", pin=GOOD).close()
    controller.set_preferences(dataclasses.replace(controller.ctx.prefs, always_pick_profile=True))
    controller.start()
    qtbot.waitUntil(lambda: controller.picker is not None and controller.picker.isVisible(), timeout=10_000)
    picker = controller.picker
    assert picker.passphrase.isVisible() and picker.passphrase.accessibleName() == "PIN-kod"
    picker.open_button.click()
    assert picker.error.text() == "Skriv PIN-koden först."
    picker.passphrase.setText("999999")
    picker.open_button.click()
    qtbot.waitUntil(lambda: picker.open_button.isEnabled(), timeout=10_000)
    assert picker.error.text() == "Fel PIN-kod. 4 försök kvar innan profilen stängs."
    assert controller.window is None
    picker.passphrase.setText(GOOD)
    picker.open_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    assert not controller.window.locked


def test_the_wizard_sets_the_pin_of_a_keychain_profile(controller, qtbot, data_dir):
    controller.start()
    qtbot.waitUntil(lambda: controller.wizard is not None and controller.wizard.isVisible(), timeout=10_000)
    wizard = controller.wizard
    wizard.identity.name.setText("Testa Testsson")
    wizard.identity.unit.setText("Anhörigstöd Exempelby")
    wizard.next()
    page = wizard.key_page
    assert page.use_keychain.isChecked()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # a keychain profile needs its PIN
    page.pin.setText("12345")
    assert page.error.text() == "PIN-koden ska vara 6–12 siffror." and not finish.isEnabled()
    page.pin.setText(GOOD)
    page.pin_repeat.setText("000000")
    assert page.error.text() == "De två PIN-koderna är olika." and not finish.isEnabled()
    page.pin_repeat.setText(GOOD)
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    [profile] = ProfileManager(data_dir).profiles()
    assert profile.key_storage == "keychain" and profile.pin
    assert not controller.window.locked
    controller.window.lock()
    _type_and_unlock(qtbot, controller.window.lock_screen, GOOD)
    assert not controller.window.locked


def test_change_the_pin_in_the_settings(controller, qtbot, data_dir):
    opened = ProfileManager(data_dir).create("Testa Nyckelsson", "Hemtjänst Exempelby", pin=GOOD)
    window = controller.open_session(opened)
    settings = controller.open_settings()
    qtbot.waitExposed(settings)
    assert settings.change_pin.isVisible() and settings.change_pin.text() == "Byt PIN-kod…"
    dialog = settings.open_change_pin()
    qtbot.waitExposed(dialog)
    dialog.old.setText("000000")
    dialog.new.setText("135791")
    dialog.repeat.setText("135791")
    task = dialog.accept()
    qtbot.waitUntil(lambda: task.is_done, timeout=10_000)
    assert dialog.isVisible()
    assert dialog.error.text() == "Fel PIN-kod. 4 försök kvar innan profilen stängs."
    dialog.old.setText(GOOD)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    settings.reject()
    window.lock()
    _type_and_unlock(qtbot, window.lock_screen, GOOD)
    assert window.locked  # the old PIN no longer opens it
    _type_and_unlock(qtbot, window.lock_screen, "135791")
    assert not window.locked


def test_a_passphrase_profile_has_no_pin_setting_and_keeps_its_passphrase(app_window, qtbot):
    ctrl, window = app_window
    settings = ctrl.open_settings()
    qtbot.waitExposed(settings)
    assert not settings.change_pin.isVisible()
    settings.reject()
    window.lock()
    assert window.lock_screen.kind == "passphrase"
    assert window.lock_screen.info.text() == "Skriv din lösenfras för att fortsätta."
