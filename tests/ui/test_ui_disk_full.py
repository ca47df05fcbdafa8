"""Saving on a full disk, through the screens: the carer editor says the disk is full (in
Swedish), that what was saved before is intact and what to do; nothing raw, nothing lost."""

from __future__ import annotations

import pytest

from anhorigdesk.i18n import message
from anhorigdesk.profiles import ProfileManager
from tests.store.small_disk import small_disk

PASSPHRASE = "en lang testfras"


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk", "4m") as mounted:
        yield mounted


def test_saving_a_carer_on_a_full_disk_says_so(disk, qapp, qtbot, save_screenshot):
    from anhorigdesk.ui.app import AppController, create_application

    data_dir = disk.root / "data"
    opened = ProfileManager(data_dir).create("Testa Testsson", "Anhörigstöd Exempelby", passphrase=PASSPHRASE)
    before = opened.repo.create_carer(opened.actor, name="Sparad Före")
    ctrl = AppController(create_application([]), data_dir)
    window = None
    try:
        window = ctrl.open_session(opened)
        qtbot.waitUntil(lambda: ctrl.ctx.runner.running == 0 and ctrl.background.running == 0, timeout=15_000)
        window.actions_by_name["new_carer"].trigger()
        page = window.pages["carer_edit"]
        page.name.setText("Ny Påhittsdotter")
        page.notes.setPlainText("x" * 20_000)
        disk.fill(0)
        page.save_button.click()
        qtbot.waitUntil(lambda: page.error.text() != "", timeout=10_000)
        text = page.error.text()
        assert message("store.disk_full", "sv") in text
        assert "OperationalError" not in text and "rollback" not in text
        assert window.current_page_name == "carer_edit"  # what was typed is still there
        assert page.name.text() == "Ny Påhittsdotter"
        save_screenshot(window, "disk_full_carer")
        # room again: the same Save works, and the carer saved before is intact
        disk.empty()
        page.save_button.click()
        qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer),
                        timeout=10_000)
        repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
        assert repo.get_carer(actor, before)["name"] == "Sparad Före"
        assert window.pages["carer"].carer["name"] == "Ny Påhittsdotter"
    finally:
        if window is not None:
            window.close()  # also when an assertion failed: no window left for the next test
        ctrl.shutdown()
        ctrl.ctx.languages.uninstall()
        qapp.aboutToQuit.disconnect(ctrl.shutdown)
