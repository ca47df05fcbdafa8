"""Återställ profil… tells the person what a restore means for syncing (issue #16): a
profile that had signed in to a sync server is a new device there and must sign in again;
its changes that had not reached the server are sent at the first sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from anhorigdesk.profiles import ProfileManager, backup
from anhorigdesk.sync.account import ACCOUNT_KEY, SyncAccount
from anhorigdesk.sync.replica import Replica
from anhorigdesk.ui.profile_backup import RestoreDialog
from anhorigdesk.ui.tasks import TaskRunner

BACKUP_PASS = "backup passphrase 1"


@pytest.fixture
def runner(qapp):
    from anhorigdesk.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    switcher.set_language("sv")
    r = TaskRunner()
    yield r
    assert r.shutdown()
    switcher.uninstall()


def _backup(tmp_path: Path, *, linked: bool, unsent: int) -> Path:
    opened = ProfileManager(tmp_path / "first-computer").create(
        "Rita Provsson", "Anhörigstödet", passphrase="profile passphrase 1")
    try:
        if linked:  # as sign_in and a sync leave it (tokens are dropped on restore anyway)
            account = SyncAccount(server_url="https://synk.example.se", username="rita",
                                  user_id=opened.actor.staff_id, unit_ids=[opened.actor.unit_id])
            replica = Replica(opened.repo)
            opened.repo.apply_remote(
                lambda conn: Replica.put(conn, ACCOUNT_KEY, account.to_json()))
            opened.repo.apply_remote(replica.stage)
            sent = opened.repo.apply_remote(lambda conn: replica.next_batch(conn, 500))
            opened.repo.apply_remote(
                lambda conn: Replica.mark_acked(conn, [m["mutation_id"] for m in sent]))
        for n in range(unsent):
            opened.repo.create_carer(opened.actor, name=f"Berit Påhittsson {n}")
        target = tmp_path / "rita.anhorigdesk-backup"
        backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    finally:
        opened.close()
    return target


def _restore(qtbot, runner, data_dir: Path, target: Path) -> RestoreDialog:
    dialog = RestoreDialog(runner, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "blir den en ny enhet där: logga in igen" in dialog.note.text()
    dialog.file.setText(str(target))
    dialog.passphrase.setText(BACKUP_PASS)
    with qtbot.waitSignal(dialog.restored, timeout=60_000) as restored:
        dialog.start_button.click()
    assert restored.args[0].name == "Rita Provsson"
    return dialog


@pytest.mark.parametrize(("unsent", "said"), [
    (1, "En ändring i säkerhetskopian hade inte nått servern"),
    (3, "3 ändringar i säkerhetskopian hade inte nått servern"),
])
def test_restore_of_a_linked_profile_says_sign_in_again(qtbot, runner, data_dir, tmp_path,
                                                        unsent, said):
    dialog = _restore(qtbot, runner, data_dir, _backup(tmp_path, linked=True, unsent=unsent))
    text = dialog.status.text()
    assert "Profilen \"Rita Provsson\" är återställd." in text
    assert "Synkservern ser den här datorn som en ny enhet: logga in igen" in text
    assert said in text


def test_restore_of_a_linked_profile_with_everything_sent(qtbot, runner, data_dir, tmp_path):
    dialog = _restore(qtbot, runner, data_dir, _backup(tmp_path, linked=True, unsent=0))
    assert "logga in igen" in dialog.status.text()
    assert "hade inte nått servern" not in dialog.status.text()


def test_restore_of_a_profile_that_never_synced_says_nothing_of_servers(
        qtbot, runner, data_dir, tmp_path):
    dialog = _restore(qtbot, runner, data_dir, _backup(tmp_path, linked=False, unsent=2))
    assert "är återställd" in dialog.status.text()
    assert "Synkservern" not in dialog.status.text()
