"""Arkiv → Säkerhetskopiera profil… / Återställ profil…: the dialogs, through their widgets."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from anhorigdesk.profiles import ProfileManager, backup
from anhorigdesk.ui.profile_backup import BackupDialog, RestoreDialog
from anhorigdesk.ui.qt import QApplication, QMessageBox, QTimer
from anhorigdesk.ui.tasks import TaskRunner

BACKUP_PASS = "backup passphrase 1"  # ASCII: typed with keyClicks where needed


@pytest.fixture
def runner(qapp):
    from anhorigdesk.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    switcher.set_language("sv")  # as the app starts: Swedish first
    r = TaskRunner()
    yield r
    assert r.shutdown()
    switcher.uninstall()


def _backup_dialog(qtbot, runner, opened, folder: Path) -> BackupDialog:
    session = SimpleNamespace(profile=opened.profile, repository=opened.repo)
    dialog = BackupDialog(runner, session, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_backup_dialog_writes_an_encrypted_file(qtbot, runner, opened_profile, tmp_path):
    opened_profile.repo.create_carer(opened_profile.actor, name="Anna Påhittberg")
    dialog = _backup_dialog(qtbot, runner, opened_profile, tmp_path)
    assert dialog.windowTitle() == "Säkerhetskopiera profil"
    suggested = Path(dialog.file.text())
    assert suggested.parent == tmp_path and suggested.name.endswith(".anhorigdesk-backup")
    assert not dialog.start_button.isEnabled()  # no passphrase yet
    dialog.passphrase.setText(BACKUP_PASS)
    dialog.repeat.setText(BACKUP_PASS + "x")
    dialog.start_button.click()
    assert dialog.error.text() == "Lösenfraserna är olika. Skriv samma två gånger."
    dialog.passphrase.setText("kort")
    dialog.repeat.setText("kort")
    dialog.start_button.click()
    assert "minst 10 tecken" in dialog.error.text()
    dialog.passphrase.setText(BACKUP_PASS)
    dialog.repeat.setText(BACKUP_PASS)
    with qtbot.waitSignal(dialog.done, timeout=60_000) as written:
        dialog.start_button.click()
        assert dialog.busy and not dialog.cancel_button.isEnabled()
        dialog.reject()  # cannot be closed while it writes
        assert dialog.isVisible()
    assert written.args == [str(suggested)]
    assert dialog.close_button.isVisible() and not dialog.start_button.isVisible()
    assert "Säkerhetskopian är skriven" in dialog.status.text()
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""
    assert b"Anna P" not in suggested.read_bytes()
    assert backup.unlock(suggested, BACKUP_PASS)[2]["name"] == opened_profile.profile.name


def test_backup_dialog_says_when_the_file_exists(qtbot, runner, opened_profile, tmp_path):
    dialog = _backup_dialog(qtbot, runner, opened_profile, tmp_path)
    Path(dialog.file.text()).write_bytes(b"taken")
    dialog.passphrase.setText(BACKUP_PASS)
    dialog.repeat.setText(BACKUP_PASS)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.error.text()), timeout=30_000)
    assert "finns redan. Välj ett annat namn." in dialog.error.text()
    assert dialog.start_button.isVisible() and dialog.passphrase.isEnabled()


@pytest.fixture
def backup_file(tmp_path, data_dir):
    opened = ProfileManager(tmp_path / "first-computer").create(
        "Rita Provsson", "Anhörigstödet", passphrase="profile passphrase 1")
    opened.repo.create_carer(opened.actor, name="Berit Påhittsson")
    target = tmp_path / "rita.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()
    return target


def _restore_dialog(qtbot, runner, data_dir, path: Path) -> RestoreDialog:
    dialog = RestoreDialog(runner, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file.setText(str(path))
    return dialog


def test_restore_dialog_wrong_passphrase_then_restores(qtbot, runner, data_dir, backup_file):
    dialog = _restore_dialog(qtbot, runner, data_dir, backup_file)
    assert dialog.windowTitle() == "Återställ profil"
    dialog.passphrase.setText("not the right one")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.error.text()), timeout=30_000)
    assert dialog.error.text().startswith("Fel lösenfras för säkerhetskopian.")
    assert not (data_dir / "profiles").exists()
    dialog.passphrase.setText(BACKUP_PASS)
    with qtbot.waitSignal(dialog.restored, timeout=60_000) as restored:
        dialog.start_button.click()
    profile = restored.args[0]
    assert profile.name == "Rita Provsson"
    assert "Profilen \"Rita Provsson\" är återställd." in dialog.status.text()
    assert dialog.error.text() == ""
    [listed] = ProfileManager(data_dir).profiles()
    opened = ProfileManager(data_dir).unlock(listed, BACKUP_PASS)
    assert [c["name"] for c in opened.repo.list_carers(opened.actor)] == ["Berit Påhittsson"]
    opened.close()


def test_restore_dialog_refuses_a_damaged_file(qtbot, runner, data_dir, backup_file, tmp_path):
    raw = bytearray(backup_file.read_bytes())
    raw[len(raw) // 3] ^= 0x40
    damaged = tmp_path / "damaged.anhorigdesk-backup"
    damaged.write_bytes(bytes(raw))
    dialog = _restore_dialog(qtbot, runner, data_dir, damaged)
    dialog.passphrase.setText(BACKUP_PASS)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.error.text()), timeout=60_000)
    assert "är skadad eller har ändrats" in dialog.error.text()
    assert not (data_dir / "profiles").exists() or not list((data_dir / "profiles").iterdir())
    cut = tmp_path / "cut.anhorigdesk-backup"
    cut.write_bytes(backup_file.read_bytes()[:5000])
    dialog.file.setText(str(cut))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "avkortad" in dialog.error.text(), timeout=30_000)


def _answer_question(qtbot, dialog: RestoreDialog, button: QMessageBox.StandardButton) -> list[str]:
    """Click ``button`` in the replace question once it shows; returns its text."""
    seen: list[str] = []

    def answer() -> None:
        box = dialog.question
        if box is None or not box.isVisible():
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)
    return seen


def test_restore_dialog_asks_before_replacing(qtbot, runner, data_dir, backup_file, tmp_path):
    # the profile is on this computer already, with a carer written after the backup
    restored = backup.restore_backup(ProfileManager(data_dir), backup_file, BACKUP_PASS)
    opened = ProfileManager(data_dir).unlock(restored, BACKUP_PASS)
    opened.repo.create_carer(opened.actor, name="Efter Backupsson")
    opened.close()

    dialog = _restore_dialog(qtbot, runner, data_dir, backup_file)
    dialog.passphrase.setText(BACKUP_PASS)
    seen = _answer_question(qtbot, dialog, QMessageBox.StandardButton.No)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(seen) and not dialog.busy, timeout=60_000)
    assert "Profilen \"Rita Provsson\" finns redan på den här datorn." in seen[0]
    assert "Inget återställdes" in dialog.status.text()
    check = ProfileManager(data_dir).unlock(ProfileManager(data_dir).get(restored.id), BACKUP_PASS)
    assert {c["name"] for c in check.repo.list_carers(check.actor)} == {
        "Berit Påhittsson", "Efter Backupsson"}
    check.close()

    seen = _answer_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        dialog.start_button.click()
    check = ProfileManager(data_dir).unlock(ProfileManager(data_dir).get(restored.id), BACKUP_PASS)
    assert [c["name"] for c in check.repo.list_carers(check.actor)] == ["Berit Påhittsson"]
    check.close()


def test_restore_refuses_the_open_profile(qtbot, runner, data_dir, opened_profile, tmp_path):
    target = tmp_path / "open.anhorigdesk-backup"
    backup.write_backup(opened_profile.db, opened_profile.profile, target, BACKUP_PASS)
    dialog = RestoreDialog(runner, data_dir, open_profile_id=opened_profile.profile.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file.setText(str(target))
    dialog.passphrase.setText(BACKUP_PASS)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.error.text()), timeout=30_000)
    assert "profilen som är öppen nu" in dialog.error.text()
    assert dialog.question is None


def test_menu_items_open_the_dialogs(qtbot, app_window, tmp_path):
    _ctrl, window = app_window
    backup_action = window.actions_by_name["backup_profile"]
    restore_action = window.actions_by_name["restore_profile"]
    assert backup_action.text().replace("&", "") == "Säkerhetskopiera profil…"
    assert restore_action.text().replace("&", "") == "Återställ profil…"
    assert backup_action in window.menus["file"].actions()
    assert backup_action.isEnabled() and restore_action.isEnabled()
    backup_action.trigger()
    qtbot.waitUntil(lambda: window.backup_dialog.isVisible())
    window.backup_dialog.reject()
    restore_action.trigger()
    qtbot.waitUntil(lambda: window.restore_dialog.isVisible())
    window.restore_dialog.reject()


def test_picker_restore_button_lists_the_restored_profile(qtbot, bare_controller, data_dir,
                                                          opened_profile, backup_file):
    ctrl = bare_controller
    picker = ctrl.show_picker(ProfileManager(data_dir).profiles())
    assert picker.restore_button.text().replace("&", "") == "Återställ profil…"
    picker.restore_button.click()
    dialog = ctrl.restore_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.file.setText(str(backup_file))
    dialog.passphrase.setText(BACKUP_PASS)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        dialog.start_button.click()
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert any(name.startswith("Rita Provsson") for name in names) and len(names) == 2
    dialog.accept()
    QApplication.processEvents()


def test_first_start_wizard_restores_instead_of_creating(qtbot, bare_controller, data_dir,
                                                         backup_file, monkeypatch):
    from anhorigdesk.ui.qt import QWizard

    ctrl = bare_controller
    quits: list[bool] = []
    monkeypatch.setattr(ctrl.app, "quit", lambda: quits.append(True))
    wizard = ctrl.show_wizard()  # a new computer: no profile yet
    button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert button.text().replace("&", "") == "Återställ profil…" and button.isVisible()
    button.click()
    dialog = ctrl.restore_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.file.setText(str(backup_file))
    dialog.passphrase.setText(BACKUP_PASS)
    with qtbot.waitSignal(dialog.restored, timeout=60_000):
        dialog.start_button.click()
    # the picker, with the restored profile, takes the wizard's place (the app goes on)
    qtbot.waitUntil(lambda: ctrl.picker is not None and ctrl.picker.isVisible())
    assert not wizard.isVisible()
    assert [p.name for p in ctrl.picker.profiles] == ["Rita Provsson"]
    assert quits == []  # closing the wizard did not end the program
    dialog.accept()
