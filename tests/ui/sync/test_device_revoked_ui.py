"""A laptop the administrator revoked: the app says why (Swedish or English), hides the
records, removes the profile's data, and closes once the person has read it."""

from __future__ import annotations

import keyring
import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.ui.qt import QApplication

from .helpers import Desks, sign_in

TEXTS = {
    "sv": ("Datorn är spärrad", "Administratören har spärrat den här datorn",
           "Profilen och dess uppgifter har tagits bort från den här datorn"),
    "en": ("This computer is blocked", "Your administrator has blocked this computer",
           "The profile and its data have been removed from this computer"),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_revoked_laptop_is_told_why_then_its_profile_is_removed(
    desks: Desks, qtbot, monkeypatch, language: str
) -> None:
    desks.user("kim")
    desk = desks.open("kim")
    desk.ctrl.set_language(language)
    desk.ctrl.ctx.workspace.closer = desk.opened.close  # the store closes before its files go
    sign_in(qtbot, desk, "kim")
    profile = desk.session.profile
    device_id = desk.session.repository.db.client_id
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))

    desks.server.store.revoke_device(device_id)
    with qtbot.waitSignal(desk.sync.device_revoked, timeout=15_000):
        desk.window.actions_by_name["sync_now"].trigger()

    notice = desk.ctrl.revoked_notice
    title, why, done = TEXTS[language]
    assert notice.isVisible() and notice.windowTitle() == title
    assert notice.text().startswith(why)
    assert not desk.window.isVisible()  # no record stays on screen
    qtbot.waitUntil(lambda: notice.removed is not None, timeout=10_000)
    assert notice.removed is True
    assert notice.informativeText().startswith(done)
    assert not profile.folder.exists()
    assert ProfileManager(desk.ctrl.ctx.data_dir).profiles() == []
    held = keyring.get_keyring().secrets  # type: ignore[attr-defined]
    assert not any(profile.id in account for _service, account in held)
    assert desk.ctrl.ctx.workspace is None and desk.ctrl.sync is None
    assert quits == []  # closes only once the person has read it
    notice.ok_button.click()
    qtbot.waitUntil(lambda: quits == [True])
