"""Alt+letter does what it says (issue 20, item 11): no letter is the mnemonic of two
things on one page of the first-start wizard or of the profile picker, in Swedish or in
English. Before, Alt+N on the wizard's first page went to "Ditt &namn" instead of
pressing "&Nästa", and on its second page "P&IN" and "Upprepa P&IN" shared I."""

from __future__ import annotations

import re

import pytest

from anhorigdesk.profiles.profiles import Profile
from anhorigdesk.ui.qt import QAbstractButton, QApplication, QLabel, QWidget, QWizard

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonics(root: QWidget, extra: list[QWidget] = ()) -> dict[str, list[str]]:
    """Letter → the texts that use it, of every visible label and button under ``root``."""
    QApplication.processEvents()
    found: dict[str, list[str]] = {}
    for widget in [*root.findChildren(QAbstractButton), *root.findChildren(QLabel), *extra]:
        if not widget.isVisibleTo(root.window()):
            continue
        text = widget.text().replace("&&", "")
        for letter in MNEMONIC.findall(text):
            found.setdefault(letter.casefold(), []).append(text)
    return found


def clashes(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_of_the_wizard_has_each_mnemonic_once(bare_controller, qtbot, language):
    from anhorigdesk.ui.start import ProfileWizard

    ctrl = bare_controller
    ctrl.set_language(language)
    wizard = ProfileWizard(ctrl.ctx.runner, ctrl.data_dir, True)
    wizard.show()
    qtbot.waitExposed(wizard)
    buttons = [wizard.button(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                          QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)]
    seen = []
    for keychain in (True, False):
        wizard.restart()
        wizard.identity.name.setText("Testa Testsson")
        wizard.identity.unit.setText("Anhörigstöd Exempelby")
        while True:
            page = wizard.currentPage()
            found = mnemonics(page, buttons)
            assert not clashes(found), f"{language}, page {wizard.currentId()}: {clashes(found)}"
            seen.append(found)
            if wizard.nextId() == -1:
                break
            wizard.next()
            (wizard.key_page.use_keychain if keychain else wizard.key_page.use_passphrase).setChecked(True)
    assert len(seen) == 4 and all(seen)  # two pages, walked with either way to keep the key
    assert "n" in seen[0] and any("Nästa" in t or "Next" in t for t in seen[0]["n"])
    wizard.close()
    wizard.deleteLater()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_profile_picker_has_each_mnemonic_once(bare_controller, qtbot, language):
    from anhorigdesk.ui.start import ProfilePicker

    ctrl = bare_controller
    ctrl.set_language(language)
    folder = ctrl.data_dir / "profiles"
    profiles = [
        Profile(id="a", name="Anna", unit_name="Norr", staff_id="s", unit_id="u", key_storage="passphrase",
                folder=folder / "a"),
        Profile(id="b", name="Bo", unit_name="Norr", staff_id="s", unit_id="u", key_storage="keychain",
                folder=folder / "b", pin={"kind": "scrypt"}),
        Profile(id="c", name="Cilla", unit_name="Norr", staff_id="s", unit_id="u", key_storage="keychain",
                folder=folder / "c", state="creating"),
    ]
    picker = ProfilePicker(ctrl.ctx.runner, ctrl.data_dir, profiles)
    picker.show()
    qtbot.waitExposed(picker)
    for row in range(3):
        picker.list.setCurrentRow(row)
        found = mnemonics(picker)
        assert found and not clashes(found), f"{language}, {profiles[row].name}: {clashes(found)}"
    picker.close()
    picker.deleteLater()
