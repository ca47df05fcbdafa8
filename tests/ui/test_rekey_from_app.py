"""Arkiv → Byt databasnyckel…: the database key changes from the app, off the GUI thread."""

from __future__ import annotations

import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.store import Database
from anhorigdesk.store.engine import WrongKeyError
from anhorigdesk.ui.rekey_dialog import STEPS
from tests.ui.helpers.app import PASSPHRASE


def _menu_texts(window) -> list[str]:
    return [a.text() for a in window.menus["file"].actions()]


@pytest.mark.parametrize("keychain", [False, True], ids=["passphrase", "keychain"])
def test_rekey_from_the_file_menu(app_run, qtbot, wait_idle, save_screenshot, keychain):
    opened = app_run.create_profile(keychain=keychain)
    carer = opened.repo.create_carer(opened.actor, name="Alva Exempelsson", unit_ids=[opened.actor.unit_id])
    passphrase = None if keychain else PASSPHRASE
    old_key, _ = ProfileManager(app_run.data_dir)._keys(opened.profile, passphrase)
    ctrl, window = app_run.open(opened)
    wait_idle(ctrl)
    assert "Byt database&nyckel…" in _menu_texts(window)
    action = window.actions_by_name["rekey"]
    assert action.isEnabled()
    action.trigger()
    dialog = window.rekey_dialog
    qtbot.waitExposed(dialog)
    assert dialog.isModal()
    assert dialog.passphrase.isVisible() is (not keychain)
    assert "ny slumpad nyckel" in dialog.explain.text()
    save_screenshot(dialog, f"rekey_confirm_{'keychain' if keychain else 'passphrase'}")

    if not keychain:
        assert not dialog.start_button.isEnabled()  # the passphrase is needed to keep the new key
        qtbot.keyClicks(dialog.passphrase, "inte min fras")
        dialog.start_button.click()
        qtbot.waitUntil(lambda: not dialog.busy and dialog.error.text() != "")
        assert dialog.stack.currentWidget() is dialog.confirm_page  # nothing changed: try again
        assert "lösenfras" in dialog.error.text().lower()
        assert opened.repo.get_carer(opened.actor, carer)["name"] == "Alva Exempelsson"
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)

    dialog.start_button.click()
    assert dialog.busy and window.in_maintenance
    assert ctrl.sync._paused  # no sync while the database is closed
    save_screenshot(dialog, "rekey_progress")
    dialog.reject()  # Esc does not close it meanwhile, nor does closing the window
    window.close()
    assert dialog.isVisible() and window.isVisible()

    qtbot.waitUntil(lambda: dialog.succeeded is True, timeout=20_000)
    assert dialog.bar.value() == dialog.bar.maximum() == len(STEPS)
    assert dialog.stack.currentWidget() is dialog.result_page
    assert "ny nyckel" in dialog.result_text.text()
    assert not window.in_maintenance and not ctrl.sync._paused
    save_screenshot(dialog, "rekey_done")
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Databasnyckeln är bytt."

    # the app goes on with the reopened store; the old key no longer opens it
    window.navigate("carers")
    model = window.pages["carers"].model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    with pytest.raises(WrongKeyError):
        Database(opened.profile.db_path, old_key)
    again = ProfileManager(app_run.data_dir).unlock(ProfileManager(app_run.data_dir).get(opened.profile.id),
                                                    passphrase)
    assert again.repo.get_carer(again.actor, carer)["name"] == "Alva Exempelsson"
    again.close()


def test_a_failed_rekey_says_so_and_the_app_goes_on(app_run, qtbot, wait_idle, save_screenshot, monkeypatch):
    from anhorigdesk.store import engine

    opened = app_run.create_profile()
    carer = opened.repo.create_carer(opened.actor, name="Bo Påhittberg", unit_ids=[opened.actor.unit_id])
    ctrl, window = app_run.open(opened)
    wait_idle(ctrl)

    def broken(_conn, _new):
        raise OSError("disk full")

    monkeypatch.setattr(engine, "rekey", broken)
    dialog = window.rekey_database()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.succeeded is False, timeout=20_000)
    assert dialog.result_title.text() == "Databasnyckeln kunde inte bytas"
    assert "Inget har gått förlorat" in dialog.result_text.text()
    save_screenshot(dialog, "rekey_failed")
    assert not window.in_maintenance
    # the store was opened again with the old key
    assert ctrl.ctx.workspace.repository.get_carer(opened.actor, carer)["name"] == "Bo Påhittberg"
    dialog.close_button.click()
