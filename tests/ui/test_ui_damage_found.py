"""A profile whose file is damaged mid-file still opens (opening reads only the schema); the
check after opening finds the damage and says so clearly, and a screen whose work meets a
damaged page gets the translated message too — never a bare DatabaseError."""

from __future__ import annotations

from anhorigdesk.i18n import message
from anhorigdesk.profiles import ProfileManager
from anhorigdesk.store import Change

PASSPHRASE = "en lang testfras"
PAGE = 4096


def _damaged_profile(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Testa Testsson", "Anhörigstöd Exempelby", passphrase=PASSPHRASE)
    for i in range(300):
        opened.repo.write(opened.actor, [Change("unit", {"name": f"Enhet {i} " + "x" * 400, "kind": "other"})],
                          action="t")
    opened.close()
    path = opened.profile.db_path
    raw = bytearray(path.read_bytes())
    pages = len(raw) // PAGE
    for page in range(pages // 2, pages - 1):  # the later pages; the schema (page 1) intact
        at = (page - 1) * PAGE + PAGE // 2
        raw[at:at + 64] = bytes(64)
    path.write_bytes(bytes(raw))
    return manager.unlock(manager.get(opened.profile.id), PASSPHRASE)  # opens despite the damage


def test_the_check_after_opening_tells_of_damage(bare_controller, qtbot, data_dir, save_screenshot):
    ctrl = bare_controller
    opened = _damaged_profile(data_dir)
    window = ctrl.open_session(opened)
    qtbot.waitUntil(lambda: ctrl.damage_box is not None and ctrl.damage_box.isVisible(), timeout=15_000)
    assert ctrl.damage_box.text() in (message("store.integrity_failed", "sv"), message("store.damage_found", "sv"))
    assert "IT-supporten" in ctrl.damage_box.text()
    save_screenshot(window, "damage_found")
    ctrl.damage_box.accept()


def test_a_screen_meeting_a_damaged_page_gets_the_translated_message(bare_controller, qtbot, data_dir):
    ctrl = bare_controller
    opened = _damaged_profile(data_dir)
    ctrl.open_session(opened)
    repo = ctrl.ctx.workspace.repository
    task = ctrl.ctx.runner.submit(lambda _ctx: repo.units(), name="units")
    qtbot.waitUntil(lambda: task.is_done, timeout=10_000)
    from anhorigdesk.ui.start import user_message

    assert task.error is not None
    assert user_message(task.error) == message("store.damage_found", "sv")
    qtbot.waitUntil(lambda: ctrl.damage_box is not None and ctrl.damage_box.isVisible(), timeout=10_000)
    ctrl.damage_box.accept()
