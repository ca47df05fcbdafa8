"""A profile whose creation stopped part way (here: a real, nearly full disk) is never stuck
in *creating*: the wizard says so clearly and its next try finishes it; the picker marks it
unfinished and offers to finish or remove it."""

from __future__ import annotations

import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.profiles.profiles import ProfileCreateError
from anhorigdesk.ui.qt import QMessageBox, QWizard
from tests.store.small_disk import small_disk

PASSPHRASE = "en lang testfras"


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as mounted:
        yield mounted


@pytest.fixture
def controller_on(qapp):
    """An app controller on a data dir of the test's choosing (closed after the test)."""
    from anhorigdesk.ui.app import AppController, create_application

    made = []

    def make(data_dir):
        ctrl = AppController(create_application([]), data_dir)
        made.append(ctrl)
        return ctrl

    yield make
    for ctrl in made:
        for widget in (ctrl.window, ctrl.wizard, ctrl.picker):
            if widget is not None:
                widget.close()
        ctrl.shutdown()
        ctrl.ctx.languages.uninstall()
        qapp.aboutToQuit.disconnect(ctrl.shutdown)


def _stuck_profile(disk, data_dir, **kwargs):
    disk.fill(64 * 1024)
    with pytest.raises(ProfileCreateError):
        ProfileManager(data_dir).create("Anna Exempelsson", "Hemtjänst Norr", **kwargs)
    [profile] = ProfileManager(data_dir).profiles()
    assert profile.state == "creating"
    return profile


def test_the_picker_finishes_an_unfinished_profile(disk, controller_on, qtbot, save_screenshot):
    data_dir = disk.root / "data"
    _stuck_profile(disk, data_dir, passphrase=PASSPHRASE)
    ctrl = controller_on(data_dir)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.picker is not None and ctrl.picker.isVisible(), timeout=10_000)
    picker = ctrl.picker
    assert picker.list.item(0).text() == "Anna Exempelsson · Hemtjänst Norr (ofärdig)"
    assert picker.unfinished_note.isVisible() and picker.remove_button.isVisible()
    assert picker.open_button.text() == "&Gör färdig"
    save_screenshot(picker, "picker_unfinished")
    # still full: a clear message, nothing raw
    picker.passphrase.setText(PASSPHRASE)
    picker.open_button.click()
    qtbot.waitUntil(lambda: picker.open_button.isEnabled(), timeout=10_000)
    assert "disk är full" in picker.error.text() and "ofärdig" in picker.error.text()
    assert "rollback" not in picker.error.text() and ctrl.window is None
    # room again: Finish completes it and opens it
    disk.empty()
    picker.passphrase.setText(PASSPHRASE)
    picker.open_button.click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=10_000)
    [profile] = ProfileManager(data_dir).profiles()
    assert profile.state == "ready"


def test_the_picker_removes_an_unfinished_profile(disk, controller_on, qtbot):
    data_dir = disk.root / "data"
    _stuck_profile(disk, data_dir, pin="482915")
    ctrl = controller_on(data_dir)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.picker is not None and ctrl.picker.isVisible(), timeout=10_000)
    picker = ctrl.picker
    box = picker.ask_remove()
    qtbot.waitExposed(box)
    assert "Anna Exempelsson" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: picker.list.count() == 0, timeout=10_000)
    assert picker.error.text() == "Den ofärdiga profilen är borttagen."
    assert ProfileManager(data_dir).profiles() == []
    assert not picker.remove_button.isVisible()


def test_the_wizard_says_the_disk_is_full_and_its_next_try_finishes_the_same_profile(
        disk, controller_on, qtbot, save_screenshot):
    data_dir = disk.root / "data"
    data_dir.mkdir()
    ctrl = controller_on(data_dir)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.wizard is not None and ctrl.wizard.isVisible(), timeout=10_000)
    wizard = ctrl.wizard
    wizard.identity.name.setText("Anna Exempelsson")
    wizard.identity.unit.setText("Hemtjänst Norr")
    wizard.next()
    wizard.key_page.use_passphrase.setChecked(True)
    wizard.key_page.passphrase.setText(PASSPHRASE)
    wizard.key_page.repeat.setText(PASSPHRASE)
    disk.fill(64 * 1024)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    qtbot.waitUntil(lambda: finish.isEnabled(), timeout=10_000)
    text = wizard.key_page.error.text()
    assert "disk är full" in text and "profilväljaren" in text
    assert "cannot rollback" not in text
    save_screenshot(wizard, "wizard_disk_full")
    disk.empty()
    finish.click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=10_000)
    profiles = ProfileManager(data_dir).profiles()
    assert [(p.name, p.state) for p in profiles] == [("Anna Exempelsson", "ready")]  # one, not two
