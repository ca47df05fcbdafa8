"""First start (the wizard) and the profile picker, through their widgets."""

from __future__ import annotations

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.ui.qt import QWizard


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
    assert ctrl.ctx.workspace.profile_name == "Bertil Påhittberg"
    assert not picker.isVisible()


def test_first_start_can_fill_a_demo_profile(bare_controller, qtbot, data_dir, monkeypatch, save_screenshot):
    """“Demo data available”: the wizard fills the new profile with fictional carers."""
    import anhorigdesk.ui.start as start

    monkeypatch.setattr(start, "DEMO_CARERS", 12)
    ctrl = bare_controller
    monkeypatch.setattr("anhorigdesk.ui.app.can_use_keychain", lambda: False)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.wizard is not None and ctrl.wizard.isVisible())
    wizard = ctrl.wizard
    wizard.identity.name.setText("Demo Demosson")
    wizard.identity.unit.setText("Anhörigstöd Exempelby")
    assert wizard.identity.demo.text() == "&Fyll profilen med fiktiva demodata"
    wizard.identity.demo.setChecked(True)
    save_screenshot(wizard, "wizard_identity_demo")
    wizard.next()
    wizard.key_page.passphrase.setText("en lang testfras")
    wizard.key_page.repeat.setText("en lang testfras")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=20_000)
    assert ctrl.ctx.workspace.repository.count_carers() == 12


def test_picker_says_when_an_update_rebuilds_the_profile_data(bare_controller, qtbot, data_dir, monkeypatch):
    """An update's migration can take a while on a large profile: the picker says what it
    is doing instead of a bare “Opening…”."""
    from anhorigdesk.store import Actor, Repository
    from anhorigdesk.ui.start import ProfilePicker

    manager = ProfileManager(data_dir)
    opened = manager.create("Anna Exempelsson", "Hemtjänst Norr", passphrase="forsta frasen")
    carer = Repository(opened.db).create_carer(Actor("s", "u", "Anna"), name="Åsa Provsdotter")
    Repository(opened.db).add_entry(Actor("s", "u", "Anna"), carer, "samtal", {"text": "Vill ha avlösning"})

    def as_before_0006(conn):  # the entry index as the previous version left it
        conn.execute("DROP TABLE entry_search")
        conn.execute("CREATE VIRTUAL TABLE entry_search USING fts5(carer_id UNINDEXED, body,"
                     " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')")
        conn.execute("INSERT INTO entry_search(rowid, carer_id, body) SELECT rowid, carer_id,"
                     " json_extract(data, '$.text') FROM entries")
        conn.execute("DELETE FROM migrations WHERE name = '0006_entry_search_by_carer'")

    opened.db.writer.run(as_before_0006)
    opened.close()
    seen: list[tuple[int, int, str]] = []
    original = ProfilePicker._migrating

    def spy(self, done, total):
        original(self, done, total)
        seen.append((done, total, self.error.text()))

    monkeypatch.setattr(ProfilePicker, "_migrating", spy)
    ctrl = bare_controller
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.picker is not None and ctrl.picker.isVisible())
    ctrl.picker.passphrase.setText("forsta frasen")
    ctrl.picker.open_button.click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=10_000)
    assert [(d, t) for d, t, _ in seen] == [(0, 1), (1, 1)]
    assert seen[0][2].startswith("Uppdaterar profilens data för den här versionen av programmet (1 av 1).")
    assert [r["id"] for r in ctrl.ctx.workspace.repository.search(Actor("s", "u", "Anna"), "avlosning")] == [carer]
