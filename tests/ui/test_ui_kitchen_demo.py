"""A demo profile never passes for a real one (issue 20, item 7): "Demo – fiktiva
uppgifter" in the picker, the window title and the status bar, and no "Logga in" to a sync
server anywhere (before, the sync screen offered it and refused only after the form was
filled in)."""

from __future__ import annotations

import json

import shiboken6

from anhorigdesk import demo
from anhorigdesk.profiles import ProfileManager
from anhorigdesk.ui.qt import QPushButton, QTimer, QWizard

MARK_SV = "Demo – fiktiva uppgifter"
MARK_EN = "Demo – fictitious data"


def test_profile_json_follows_the_databases_demo_mark(data_dir):
    """The picker reads only profile.json: the mark is written there when a profile is
    filled, and a profile filled before (the mark only in its database) gets it at its
    next open."""
    manager = ProfileManager(data_dir)
    opened = manager.create("Demo Demosson", "Anhörigstöd Exempelby", passphrase="en lang testfras")
    assert manager.note_demo_data(opened) is False and not manager.get(opened.profile.id).demo
    demo.mark_demo_data(opened.repo)  # as a fill before profile.json knew of it
    opened.close()
    assert manager.get(opened.profile.id).demo is False
    again = manager.unlock(manager.get(opened.profile.id), "en lang testfras")
    again.close()
    assert manager.get(opened.profile.id).demo is True
    saved = json.loads((opened.profile.folder / "profile.json").read_text("utf-8"))
    assert saved["demo"] is True

    real = manager.create("Rita Riktig", "Hemtjänst Norr", passphrase="en lang testfras")
    real.close()
    reopened = manager.unlock(manager.get(real.profile.id), "en lang testfras")
    reopened.close()
    assert manager.get(real.profile.id).demo is False


def test_a_demo_profile_is_marked_everywhere_and_offers_no_sign_in(bare_controller, qtbot, data_dir, monkeypatch,
                                                                    save_screenshot):
    import anhorigdesk.ui.start as start
    from anhorigdesk.ui.start import ProfilePicker

    monkeypatch.setattr(start, "DEMO_CARERS", 12)
    ctrl = bare_controller
    monkeypatch.setattr("anhorigdesk.ui.app.can_use_keychain", lambda: False)
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.wizard is not None and ctrl.wizard.isVisible())
    wizard = ctrl.wizard
    wizard.identity.name.setText("Demo Demosson")
    wizard.identity.unit.setText("Anhörigstöd Exempelby")
    wizard.identity.demo.setChecked(True)
    wizard.next()
    wizard.key_page.passphrase.setText("en lang testfras")
    wizard.key_page.repeat.setText("en lang testfras")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: ctrl.window is not None and ctrl.window.isVisible(), timeout=20_000)
    window = ctrl.window
    window.resize(1366, 800)

    # the title and the status bar
    # the mark before the application's name, so that Qt does not append the name twice
    assert f"({MARK_SV}) — AnhörigDesk" in window.windowTitle(), window.windowTitle()
    assert window.windowTitle().endswith(" — AnhörigDesk")
    assert window.demo_badge.isVisible() and window.demo_badge.text() == MARK_SV
    assert window.sync_label.text() == "Synk: av (demodata)"
    assert window.pending_label.text() == ""  # nothing of it waits to be sent: it is never sent
    window.lock()
    assert f"({MARK_SV})" in window.windowTitle()
    window.unlock()

    # no sign-in: no sync controller, "Synka nu" off, the sync screen says why
    before = ctrl.findChildren(QTimer)
    ctrl._start_sync_when_quiet(window)
    (quiet,) = [t for t in ctrl.findChildren(QTimer) if all(t is not b for b in before)]
    # its check runs once the screens have been quiet a moment, then the timer stops
    qtbot.waitUntil(lambda: not shiboken6.isValid(quiet) or not quiet.isActive(), timeout=15_000)
    assert ctrl.start_sync(window) is None and ctrl.sync is None and ctrl.ctx.sync is None
    assert not window.actions_by_name["sync_now"].isEnabled()
    window.navigate("sync")
    page = window.pages["sync"]
    assert page.panel is None and page.controller is None
    texts = [b.text().replace("&", "") for b in page.findChildren(QPushButton)]
    assert not any("Logga in" in t for t in texts), texts
    assert page.state_value.text() == f"Av: {MARK_SV}"
    assert "synkas aldrig" in page.explanation.text()
    with qtbot.waitSignal(page.status_message) as said:
        page.sync_now()
    assert "synkas aldrig" in said.args[0]
    save_screenshot(window, "kitchen_demo_sync_page")

    # English
    ctrl.set_language("en")
    qtbot.waitUntil(lambda: f"({MARK_EN})" in window.windowTitle())  # LanguageChange is posted
    assert window.demo_badge.text() == MARK_EN
    assert page.state_value.text() == f"Off: {MARK_EN}"
    assert window.sync_label.text() == "Sync: off (demo data)"
    ctrl.set_language("sv")
    qtbot.waitUntil(lambda: f"({MARK_SV})" in window.windowTitle())

    # the picker, before the profile is opened again
    profiles = ProfileManager(data_dir).profiles()
    picker = ProfilePicker(ctrl.ctx.runner, data_dir, profiles)
    assert picker.list.item(0).text() == f"{MARK_SV}: Demo Demosson · Anhörigstöd Exempelby"
    assert "synkas aldrig" in picker.list.item(0).toolTip()
    picker.close()
    picker.deleteLater()


def test_a_real_profile_is_not_marked(app_window):
    ctrl, window = app_window
    assert "Demo" not in window.windowTitle()
    assert getattr(window, "demo_badge", None) is None
    assert window.actions_by_name["sync_now"].isEnabled()
    assert ctrl.sync is not None  # the real profile's sync controller (sign-in offered)
