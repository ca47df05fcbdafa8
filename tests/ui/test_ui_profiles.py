"""First start (the wizard) and the profile picker, through their widgets."""

from __future__ import annotations

import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.ui.qt import QWizard


@pytest.fixture
def bare_controller(qapp, data_dir):
    from anhorigdesk.ui.app import AppController, create_application

    ctrl = AppController(create_application([]), data_dir)
    yield ctrl
    for widget in (ctrl.window, ctrl.wizard, ctrl.picker):
        if widget is not None:
            widget.close()
    ctrl.shutdown()
    ctrl.ctx.languages.uninstall()
    qapp.aboutToQuit.disconnect(ctrl.shutdown)


def test_first_start_wizard_creates_a_passphrase_profile(bare_controller, qtbot, data_dir, save_screenshot,
                                                         monkeypatch):
    ctrl = bare_controller
    monkeypatch.setattr("anhorigdesk.ui.app.can_use_keychain", lambda: False)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.wizard is not None and ctrl.wizard.isVisible())
    wizard = ctrl.wizard
    assert wizard.windowTitle() == "Ny profil — AnhörigDesk"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # name and unit are required
    wizard.identity.name.setText("Testa Testsson")
    wizard.identity.unit.setText("Anhörigstöd Exempelby")
    assert next_button.isEnabled()
    save_screenshot(wizard, "wizard_identity")
    wizard.next()
    page = wizard.key_page
    assert not page.use_keychain.isEnabled() and page.use_passphrase.isChecked()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    page.passphrase.setText("kort")
    assert page.error.text() == "Lösenfrasen behöver minst 10 tecken."
    assert not finish.isEnabled()
    page.passphrase.setText("en lang testfras")
    page.repeat.setText("en lang testfraz")
    assert page.error.text() == "Lösenfraserna är olika."
    page.repeat.setText("en lang testfras")
    assert finish.isEnabled()
    save_screenshot(wizard, "wizard_key")
    finish.click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=10_000)
    assert not wizard.isVisible()
    profiles = ProfileManager(data_dir).profiles()
    assert [(p.name, p.unit_name, p.key_storage) for p in profiles] == [
        ("Testa Testsson", "Anhörigstöd Exempelby", "passphrase")
    ]
    assert ctrl.ctx.prefs.last_profile == profiles[0].id


def test_picker_opens_the_chosen_profile_with_its_passphrase(bare_controller, qtbot, data_dir, save_screenshot):
    manager = ProfileManager(data_dir)
    manager.create("Anna Exempelsson", "Hemtjänst Norr", passphrase="forsta frasen").close()
    manager.create("Bertil Påhittberg", "Korttiden Exempelby", passphrase="andra frasen!").close()
    ctrl = bare_controller
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.picker is not None and ctrl.picker.isVisible())
    picker = ctrl.picker
    assert picker.list.count() == 2
    picker.list.setCurrentRow(1)
    save_screenshot(picker, "picker")
    picker.passphrase.setText("forsta frasen")  # the other profile's passphrase
    picker.open_button.click()
    qtbot.waitUntil(lambda: picker.open_button.isEnabled(), timeout=10_000)
    assert picker.error.text() == "Fel lösenfras."
    assert ctrl.window is None
    picker.passphrase.setText("andra frasen!")
    picker.open_button.click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=10_000)
    assert ctrl.ctx.session.profile_name == "Bertil Påhittberg"
    assert not picker.isVisible()
