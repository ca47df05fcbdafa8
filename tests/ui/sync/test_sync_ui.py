"""Sync as a person meets it, against the real server app (in process): sign in through
the dialog, Sync now, the other laptop finds the carer, conflicts are shown and
resolved, a server that is down, the background schedule, cancel, sign out."""

from __future__ import annotations

import json

import keyring

from anhorigdesk.profiles import KEYRING_SERVICE, ProfileManager
from anhorigdesk.sync.account import ACCOUNT_KEY, TOKENS_KEY, keyring_account
from anhorigdesk.ui.sync.controller import SyncSchedule
from anhorigdesk.ui.sync.messages import error_text
from anhorigdesk.ui.sync.status_panel import progress_state, short_state

from .helpers import Desks, new_carer, sign_in, sync_now


def _state(desk, key: str) -> str | None:
    row = desk.session.repository.db.reader().execute(
        "SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def test_sign_in_sync_and_find_the_carer_on_another_laptop(desks: Desks, qtbot, save_screenshot) -> None:
    anna_id = desks.user("anna")
    desks.user("bo")
    a = desks.open("a")
    written_offline = new_carer(a, name="Greta Provsson", notes="Vill ha samtal på tisdagar")
    assert a.window.actions_by_name["sync_now"].isEnabled() is not False  # F5 is there before signing in
    assert a.sync.view.linked is False
    assert a.page.panel.values["account"].text() != ""
    a.window.navigate("sync")
    save_screenshot(a.window, "sync_page_not_signed_in")

    dialog = a.page.open_sign_in()
    dialog.server.setText("http://127.0.0.1")
    dialog.username.setText("anna")
    save_screenshot(dialog, "sync_sign_in")
    dialog.reject()

    wrong = sign_in(qtbot, a, "anna", password="fel lösenord", expect_ok=False)
    assert wrong.error.text() == error_text("login_failed") and wrong.password.text() == ""
    save_screenshot(wrong, "sync_sign_in_error")
    wrong.reject()
    sign_in(qtbot, a, "anna")
    # the profile is the server's user now, also in profile.json and in what was written before
    profile = ProfileManager(a.ctrl.data_dir).get(a.opened.profile.id)
    assert profile.staff_id == anna_id == a.session.actor.staff_id and profile.unit_id == desks.unit
    # the refresh token is in the (test) keychain, never in a file or the database
    saved = keyring.get_keyring().get_password(KEYRING_SERVICE, keyring_account(profile.id))
    assert json.loads(saved)["refresh_token"]
    assert _state(a, TOKENS_KEY) is None and "refresh_token" not in _state(a, ACCOUNT_KEY)
    assert all(b"refresh_token" not in p.read_bytes() for p in a.ctrl.data_dir.rglob("*") if p.is_file()
               and p.suffix in (".json", ".ini", ".log"))

    report = sync_now(qtbot, a)
    assert report.ok and report.pushed >= 3 and report.rejected == []  # unit + staff + carer
    assert a.sync.view.status.pending == 0 and a.page.panel.values["pending"].text() == a.page.panel.tr(
        "%n change(s)", "", 0)
    assert a.window.sync_label.text() == short_state(a.sync.view)
    assert a.sync.view.status.last_success_at is not None
    a.window.navigate("sync")
    save_screenshot(a.window, "sync_page_status")

    b = desks.open("b")
    sign_in(qtbot, b, "bo")  # signing in starts no sync by itself here (schedule off)
    b.window.navigate("carers")
    carers = b.window.pages["carers"]
    qtbot.waitUntil(lambda: b.ctrl.ctx.runner.running == 0)
    assert carers.model.rowCount() == 0
    labels = []
    b.sync.progress.connect(lambda _d, _t: labels.append(b.window.sync_label.text()))
    assert sync_now(qtbot, b).ok
    assert labels and all(text.startswith(progress_state(0, 0)[:6]) for text in labels)  # "Synkar…"
    qtbot.waitUntil(lambda: carers.model.rowCount() == 1)  # the list on screen follows the pull
    qtbot.keyClicks(carers.search, "provsson")
    qtbot.waitUntil(lambda: carers.model.rowCount() == 1 and carers.model.rows[0]["id"] == written_offline)
    assert carers.model.rows[0]["name"] == "Greta Provsson"
    assert b.sync.view.status.pending == 0


def test_conflict_is_shown_and_resolving_clears_it_on_both(desks: Desks, qtbot, save_screenshot) -> None:
    desks.user("anna")
    desks.user("bo")
    a, b = desks.open("a"), desks.open("b")
    sign_in(qtbot, a, "anna")
    sign_in(qtbot, b, "bo")
    carer_id = new_carer(a, name="Ruth Exempel", notes="Första anteckningen")
    sync_now(qtbot, a), sync_now(qtbot, b)
    a.session.repository.update_carer(a.session.actor, carer_id, notes="Behöver avlösning på torsdagar")
    b.session.repository.update_carer(b.session.actor, carer_id, notes="Vill prata om sömnen")
    for desk in (a, b, a):
        sync_now(qtbot, desk)
    assert a.sync.view.conflicts == 1 and b.sync.view.conflicts == 1

    b.window.navigate("sync")
    view = b.page.conflicts
    qtbot.waitUntil(lambda: view.carers.count() == 1 and "notes" in view.boxes)
    assert view.carers.item(0).text() == "Ruth Exempel"
    box = view.boxes["notes"]
    assert sorted(t.toPlainText() for t in box.texts) == ["Behöver avlösning på torsdagar", "Vill prata om sömnen"]
    assert box.merge_text.toPlainText().count("\n\n") == 1  # both texts, ready to edit
    b.window.resize(1100, 760)
    save_screenshot(b.window, "sync_conflicts")

    b.window.lock()  # names and texts leave the screen; they come back after unlocking
    assert view.carers.count() == 0 and not view.boxes
    b.window.unlock()
    qtbot.waitUntil(lambda: view.carers.count() == 1 and "notes" in view.boxes)
    box = view.boxes["notes"]
    merged = "Behöver avlösning på torsdagar. Vill prata om sömnen."
    box.merge_text.setPlainText(merged)
    box.save_button.click()
    qtbot.waitUntil(lambda: view.carers.count() == 0 and view.empty.isVisible())
    qtbot.waitUntil(lambda: b.sync.view.conflicts == 0)
    assert "conflict" not in b.window.sync_label.text()
    sync_now(qtbot, b), sync_now(qtbot, a)
    for desk in (a, b):
        carer = desk.session.repository.get_carer(desk.session.actor, carer_id)
        assert carer["notes"] == merged and carer["conflicts"] == {}
        assert desk.sync.view.conflicts == 0 and desk.sync.view.status.conflicts == 0
    a.window.navigate("sync")
    qtbot.waitUntil(lambda: a.page.conflicts.carers.count() == 0 and a.page.conflicts.empty.isVisible())


def test_picking_one_version_resolves_it(desks: Desks, qtbot) -> None:
    desks.user("anna")
    desks.user("bo")
    a, b = desks.open("a"), desks.open("b")
    sign_in(qtbot, a, "anna"), sign_in(qtbot, b, "bo")
    carer_id = new_carer(a, name="Sven Exempel", notes="Start")
    sync_now(qtbot, a), sync_now(qtbot, b)
    a.session.repository.update_carer(a.session.actor, carer_id, notes="Text från A")
    b.session.repository.update_carer(b.session.actor, carer_id, notes="Text från B")
    for desk in (a, b, a):
        sync_now(qtbot, desk)
    a.window.navigate("sync")
    view = a.page.conflicts
    qtbot.waitUntil(lambda: "notes" in view.boxes)
    box = view.boxes["notes"]
    pick = next(i for i, t in enumerate(box.texts) if t.toPlainText() == "Text från B")
    box.radios[pick].setChecked(True)
    box.save_button.click()
    qtbot.waitUntil(lambda: view.carers.count() == 0)
    sync_now(qtbot, a), sync_now(qtbot, b)
    for desk in (a, b):
        assert desk.session.repository.get_carer(desk.session.actor, carer_id)["notes"] == "Text från B"
        assert desk.sync.view.conflicts == 0


def test_server_down_keeps_the_app_working_and_later_syncs(desks: Desks, qtbot, save_screenshot) -> None:
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    assert sync_now(qtbot, a).ok
    a.transport.down = True
    carer_id = new_carer(a, name="Offline Provsson")
    report = sync_now(qtbot, a)
    assert report.error == "server_unavailable"
    view = a.sync.view
    assert view.error == "server_unavailable" and view.status.pending == 1
    panel = a.page.panel
    assert panel.problem.text() == error_text("server_unavailable")
    assert a.window.sync_label.text() == short_state(view)
    a.window.navigate("sync")
    save_screenshot(a.window, "sync_page_offline")
    # still working offline: read and write
    assert a.session.repository.get_carer(a.session.actor, carer_id)["name"] == "Offline Provsson"
    new_carer(a, name="Andra Provsson")
    a.sync.refresh_status()
    qtbot.waitUntil(lambda: a.sync.view.status.pending == 2)

    a.transport.down = False
    report = sync_now(qtbot, a)
    assert report.ok and report.pushed == 2
    assert a.sync.view.error is None and a.sync.view.status.pending == 0
    assert not panel.problem.isVisible()


def test_background_schedule_retries_with_backoff_until_the_server_is_back(desks: Desks, qtbot) -> None:
    desks.user("anna")
    schedule = SyncSchedule(first_ms=50, soon_ms=50, interval_ms=60_000, backoff_base_ms=300,
                            backoff_max_ms=2_000, random=lambda: 0.5)
    a = desks.open("a", schedule=schedule)
    assert schedule.backoff_ms(1) == 225 and schedule.backoff_ms(2) == 450 and schedule.backoff_ms(9) == 1500
    sign_in(qtbot, a, "anna")  # signing in syncs at once
    qtbot.waitUntil(lambda: a.sync.view.status.last_success_at is not None and not a.sync.running, timeout=10_000)
    a.transport.down = True
    reports, states = [], []
    a.sync.sync_finished.connect(reports.append)
    a.sync.status_changed.connect(lambda view: states.append(a.page.panel._state_text(view)))
    new_carer(a, name="Schema Provsson")  # a local write asks for a sync soon
    qtbot.waitUntil(lambda: len(reports) >= 2, timeout=15_000)  # retried with nothing new written
    assert all(r.error == "server_unavailable" for r in reports) and a.sync.failures >= 2
    next_try = a.page.panel.tr("Offline: your work is saved on this computer. Next try at %1").split("%1")[0]
    assert any(state.startswith(next_try) for state in states)  # the person sees when it tries again
    assert a.sync.timer.isActive()
    a.transport.down = False
    qtbot.waitUntil(lambda: reports[-1].ok, timeout=15_000)
    assert a.sync.failures == 0 and a.sync.view.status.pending == 0
    assert 50_000 < a.sync.timer.remainingTime() <= 63_000  # the normal interval (coarse timer)


def test_cancel_stops_a_sync_and_nothing_is_lost(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    new_carer(a, name="Avbryt Provsson")
    a.window.navigate("sync")
    a.transport.down = True  # the engine waits between retries: cancel ends the wait
    with qtbot.waitSignal(a.sync.sync_finished, timeout=10_000) as blocker:
        a.page.sync_now()
        assert a.sync.running and a.page.panel.cancel_button.isVisible()
        a.page.panel.cancel_button.click()
    report = blocker.args[0]
    assert report.cancelled
    qtbot.waitUntil(lambda: not a.sync.view.running)
    assert a.sync.view.error == "cancelled" and a.sync.view.status.pending >= 1
    panel = a.page.panel  # said plainly, not as a problem in red: the person asked for it
    assert panel.note.text() == error_text("cancelled") and not panel.problem.isVisible()
    assert panel.note.isVisibleTo(panel)
    a.transport.down = False
    assert sync_now(qtbot, a).ok and a.sync.view.status.pending == 0
    assert not panel.note.isVisibleTo(panel)


def test_sign_out_forgets_the_tokens_and_signing_in_again_works(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    assert sync_now(qtbot, a).ok
    a.window.navigate("sync")
    account = keyring_account(a.opened.profile.id)
    assert keyring.get_keyring().get_password(KEYRING_SERVICE, account)
    with qtbot.waitSignal(a.sync.signed_out):
        a.page.panel.sign_out_button.click()
    assert keyring.get_keyring().get_password(KEYRING_SERVICE, account) is None
    assert not a.sync.view.linked and a.page.panel.sign_in_button.isVisible()
    assert a.window.sync_label.text() == short_state(a.sync.view)
    # F5 while signed out opens the sign-in dialog
    a.window.actions_by_name["sync_now"].trigger()
    qtbot.waitUntil(lambda: a.page.dialog is not None and a.page.dialog.isVisible())
    a.page.dialog.reject()
    sign_in(qtbot, a, "anna")
    assert sync_now(qtbot, a).ok


def test_passphrase_profile_without_a_secure_keychain_keeps_tokens_in_the_database(
        desks: Desks, qtbot, monkeypatch) -> None:
    from anhorigdesk.profiles import keys

    desks.user("anna")
    a = desks.open("a")
    monkeypatch.setattr(keys, "keychain_available", lambda: False)
    sign_in(qtbot, a, "anna")
    assert json.loads(_state(a, TOKENS_KEY))["refresh_token"]
    assert keyring.get_keyring().get_password(KEYRING_SERVICE, keyring_account(a.opened.profile.id)) is None
    assert sync_now(qtbot, a).ok


def test_a_profile_synced_as_one_user_refuses_another(desks: Desks, qtbot) -> None:
    desks.user("anna")
    desks.user("bo")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    assert sync_now(qtbot, a).ok
    with qtbot.waitSignal(a.sync.signed_out):
        a.sync.sign_out()
    dialog = sign_in(qtbot, a, "bo", expect_ok=False)
    assert dialog.error.text() == error_text("device_other_user")  # the server refuses first
    dialog.reject()
    assert not a.sync.view.linked


def test_bad_addresses_are_explained(desks: Desks, qtbot, tmp_path) -> None:
    desks.user("anna")
    a = desks.open("a")
    dialog = sign_in(qtbot, a, "anna", server_url="http://sync.example.org", expect_ok=False)
    assert dialog.error.text() == error_text("insecure_address")
    dialog.reject()
    dialog = sign_in(qtbot, a, "anna", server_url="https://sync.example.org",
                     ca_bundle=str(tmp_path / "saknas.pem"), expect_ok=False)
    assert dialog.error.text() == error_text("ca_bundle_missing")
    dialog.reject()


def test_the_session_is_refreshed_and_an_ended_one_asks_to_sign_in_again(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a", schedule=SyncSchedule(first_ms=60_000, interval_ms=60_000))
    sign_in(qtbot, a, "anna")
    qtbot.waitUntil(lambda: a.sync.view.status.last_success_at is not None and not a.sync.running, timeout=10_000)
    account = keyring_account(a.opened.profile.id)
    first = json.loads(keyring.get_keyring().get_password(KEYRING_SERVICE, account))
    desks.server.clock.advance(minutes=20)  # the access token has expired: refreshed on the way
    assert sync_now(qtbot, a).ok
    second = json.loads(keyring.get_keyring().get_password(KEYRING_SERVICE, account))
    assert second["refresh_token"] != first["refresh_token"]

    desks.server.clock.advance(days=31)  # the refresh token too: the server ended the session
    report = sync_now(qtbot, a)
    assert report.error in ("token_invalid", "auth_required")
    view = a.sync.view
    assert view.linked and not view.signed_in and not a.sync.timer.isActive()  # no retries without a session
    assert a.window.sync_label.text() == short_state(view)
    assert keyring.get_keyring().get_password(KEYRING_SERVICE, account) is None
    a.window.navigate("sync")
    assert a.page.panel.sign_in_button.isVisible() and not a.page.panel.sync_button.isEnabled()
    dialog = a.page.open_sign_in()  # the address and the user name are filled in
    assert (dialog.server.text(), dialog.username.text()) == ("http://127.0.0.1", "anna")
    dialog.reject()
    sign_in(qtbot, a, "anna")
    qtbot.waitUntil(lambda: a.sync.view.signed_in and a.sync.view.error is None and not a.sync.running,
                    timeout=10_000)


def test_changes_the_server_refuses_are_counted_kept_and_can_be_sent_again(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    a.window.navigate("sync")
    refused = new_carer(a, name="Okänd Provsson", unit_ids=["enhet-som-saknas"])  # a unit the server lacks
    report = sync_now(qtbot, a)
    assert report.ok and len(report.rejected) == 1
    panel = a.page.panel
    assert a.sync.view.status.rejected == 1 and panel.values["rejected"].isVisible()
    assert panel.values["rejected"].text() == panel.tr("%n change(s), kept on this computer", "", 1)
    assert panel.retry_button.isVisible()
    with qtbot.waitSignal(a.sync.sync_finished, timeout=10_000) as blocker:
        panel.retry_button.click()
    assert blocker.args[0].rejected  # sent again and refused again: still kept here
    assert a.session.repository.get_carer(a.session.actor, refused)["name"] == "Okänd Provsson"


def test_changes_set_aside_from_the_server_are_counted_and_the_rest_syncs(
    desks: Desks, qtbot, monkeypatch
) -> None:
    """A stored change that fails the checks (written before the server checked pushes) is
    set aside on the laptop and said on the sync screen; the sync itself succeeds."""
    from tests.sync.test_boundary_sync import Intruder, old_server

    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    carer_id = new_carer(a, name="Greta Provsson")
    assert sync_now(qtbot, a).ok
    mallory = Intruder(desks, "mallory", desks.unit)  # type: ignore[arg-type]
    with old_server(monkeypatch):
        mallory.push(mallory.mutation("carer", carer_id, {"name": {"förnamn": "Objekt"}},
                                      carer_id=carer_id))
    mallory.close()
    a.window.navigate("sync")
    report = sync_now(qtbot, a)
    assert report.ok and report.quarantined == 1
    panel = a.page.panel
    qtbot.waitUntil(lambda: panel.values["quarantined"].isVisible(), timeout=5_000)
    assert panel.values["quarantined"].text() == panel.tr(
        "%n change(s) from the server failed the checks and were set aside; everything else "
        "was synced. Tell your IT support (they can see them on the server).", "", 1)
    assert not panel.problem.isVisible()
    assert a.session.repository.get_carer(a.session.actor, carer_id)["name"] == "Greta Provsson"
