"""Regression test for finding 6 of issue 19, kept free of the new API so it runs (and
fails) on the code before the fix: there the lock screen of a keychain profile had only an
Unlock button, and the keychain (which answers anyone at the signed-in computer) opened it."""

from __future__ import annotations

from anhorigdesk.profiles import ProfileManager


def test_one_click_no_longer_unlocks_a_keychain_profile(bare_controller, qtbot, data_dir):
    controller = bare_controller
    """Fails on the code before: there the lock screen's Unlock opened it with the keychain."""
    opened = ProfileManager(data_dir).create("Testa Nyckelsson", "Hemtjänst Exempelby")
    assert opened.profile.key_storage == "keychain"
    window = controller.open_session(opened)
    window.lock()
    screen = window.lock_screen
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: controller.ctx.runner.running == 0, timeout=5000)
    assert window.locked
    assert screen.passphrase.isVisible()  # something to type is asked for
    assert screen.error.text() == "Skriv PIN-koden först."
