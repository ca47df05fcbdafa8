"""What a person tripped over when signing in by hand (the sync trial): a sign-in given up
while the server did not answer, error texts that said nothing or the wrong thing, a
dialog squeezed by a two-line error, a stale problem after signing out, a certificate
file that went missing after signing in."""

from __future__ import annotations

import shutil
import threading

import certifi
import httpx

from anhorigdesk.sync.account import load_account
from anhorigdesk.ui.sync.messages import error_text, sign_in_error_text
from tests.server.conftest import PASSWORD

from .helpers import Desks, SwitchableTransport, sign_in, sync_now


class GatedTransport(httpx.BaseTransport):
    """Holds the first login request until ``release`` is set, as a server that does not
    answer (yet) would; everything else passes at once."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.release = threading.Event()
        self.waiting = threading.Event()
        self.answered = threading.Event()
        self._first = True
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            hold, self._first = self._first and request.url.path == "/v1/auth/login", False
        if hold:
            self.waiting.set()
            assert self.release.wait(20)
        response = self.inner.handle_request(request)
        if hold:
            response.read()
            self.answered.set()
        return response


def _give_up_a_held_sign_in(desks: Desks, password: str):
    """Laptop "a" signs in as anna while the server holds the answer; Cancel is pressed.
    Returns the laptop, the gate, the dialog given up and the sign-in failures heard after."""
    desks.user("anna")
    gate = GatedTransport(desks.server.transport())
    a = desks.open("a", transport_factory=lambda: gate)
    given_up = a.page.open_sign_in()
    given_up.server.setText("http://127.0.0.1")
    given_up.username.setText("anna")
    given_up.password.setText(password)
    given_up.sign_in_button.click()
    assert gate.waiting.wait(5)
    given_up.reject()  # Cancel while the server does not answer
    failures: list[object] = []
    a.sync.sign_in_failed.connect(failures.append)
    return a, gate, given_up, failures


def test_a_sign_in_given_up_neither_holds_up_nor_spoils_the_next(desks: Desks, qtbot) -> None:
    a, gate, _given_up, failures = _give_up_a_held_sign_in(desks, PASSWORD)

    # the next attempt goes through at once, and its dialog closes
    dialog = sign_in(qtbot, a, "anna")
    assert not dialog.isVisible() and a.sync.view.signed_in
    assert sync_now(qtbot, a).ok

    # the server answers the attempt given up: it links nothing, ends its own session,
    # leaves the new one alone and says nothing to anyone
    gate.release.set()
    assert gate.answered.wait(5)
    qtbot.waitUntil(lambda: a.sync.sign_in_runner.running == 0, timeout=10_000)
    sessions = desks.server.store.list_sessions("anna")
    assert len(sessions) == 2
    assert sorted((s["active"], s["revoked_reason"]) for s in sessions) == [(False, "logout"), (True, None)]
    assert failures == [] and not dialog.error.isVisible()
    assert a.sync.view.signed_in and sync_now(qtbot, a).ok
    assert load_account(a.session.repository).username == "anna"


def test_a_sign_in_given_up_that_fails_later_tells_nobody(desks: Desks, qtbot) -> None:
    # a wrong password, and it fails late: nobody is told
    a, gate, dialog, failures = _give_up_a_held_sign_in(desks, "fel-lösenord-123")
    gate.release.set()
    qtbot.waitUntil(lambda: gate.answered.is_set() and a.sync.sign_in_runner.running == 0, timeout=10_000)
    assert failures == [] and not dialog.error.isVisible()
    assert load_account(a.session.repository) is None and not a.sync.view.linked
    assert desks.server.store.list_sessions("anna") == []


def test_sign_in_problems_say_what_to_do(desks: Desks, qtbot, tmp_path) -> None:
    desks.user("anna")
    a = desks.open("a")
    not_a_certificate = tmp_path / "anteckning.pem"
    not_a_certificate.write_text("Det här är ingen certifikatfil.\n", encoding="utf-8")
    dialog = sign_in(qtbot, a, "anna", server_url="https://sync.example.org", ca_bundle=str(not_a_certificate),
                     expect_ok=False)
    assert dialog.error.text() == error_text("ca_bundle_invalid")  # was "an error in the program"
    dialog.reject()

    a.transport.down = True
    dialog = sign_in(qtbot, a, "anna", expect_ok=False)
    text = dialog.error.text()
    assert text == sign_in_error_text("server_unavailable") != error_text("server_unavailable")
    assert "address" in text or "adress" in text  # what to check, not "tries again by itself"
    dialog.reject()
    a.transport.down = False

    desks.server.store.disable_user("anna")
    dialog = sign_in(qtbot, a, "anna", expect_ok=False)
    assert dialog.error.text() == error_text("account_disabled")  # not "the password is wrong"
    dialog.reject()
    desks.server.store.enable_user("anna")
    sign_in(qtbot, a, "anna")


def test_a_server_older_than_the_program_is_named_as_what_to_update(desks: Desks, qtbot) -> None:
    desks.user("anna")

    class OldServer(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            return httpx.Response(426, json={"error": {
                "code": "protocol_unsupported", "message": "Protokollversion 2 stöds inte; servern stöder 1–1.",
                "params": {"version": "2", "min": 1, "max": 1}}})

    a = desks.open("a", transport_factory=OldServer)
    dialog = sign_in(qtbot, a, "anna", expect_ok=False)
    assert dialog.error.text() == error_text("protocol_server_old") != error_text("protocol_unsupported")
    dialog.reject()


def test_a_two_line_error_does_not_squeeze_the_sign_in_dialog(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    a.transport.down = True
    dialog = sign_in(qtbot, a, "anna", expect_ok=False)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    for label in (dialog.intro, dialog.ca_hint, dialog.error):
        assert label.height() >= label.heightForWidth(label.width()), label.objectName() or label.text()
    rows = [dialog.server, dialog.username, dialog.password, dialog.ca_bundle, dialog.ca_hint, dialog.error]
    tops = [w.mapTo(dialog, w.rect().topLeft()).y() for w in rows]
    bottoms = [w.mapTo(dialog, w.rect().bottomLeft()).y() for w in rows]
    assert all(bottoms[i] < tops[i + 1] for i in range(len(rows) - 1))  # nothing drawn over another
    dialog.reject()


def test_signing_out_leaves_no_stale_problem(desks: Desks, qtbot) -> None:
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    assert sync_now(qtbot, a).ok
    desks.server.store.disable_user("anna")
    assert sync_now(qtbot, a).error in ("token_invalid", "auth_required")
    a.window.navigate("sync")
    assert a.page.panel.problem.isVisible()
    with qtbot.waitSignal(a.sync.signed_out):
        a.page.panel.sign_out_button.click()
    assert a.sync.view.error is None and not a.page.panel.problem.isVisible()


def test_a_certificate_file_gone_after_signing_in_asks_to_sign_in_again(desks: Desks, qtbot, tmp_path) -> None:
    desks.user("anna")
    bundle = tmp_path / "kommunens-ca.pem"
    shutil.copy(certifi.where(), bundle)
    switch = SwitchableTransport(desks.server.transport())
    a = desks.open("a", transport_factory=lambda: switch)
    sign_in(qtbot, a, "anna", server_url="https://127.0.0.1", ca_bundle=str(bundle))
    assert sync_now(qtbot, a).ok
    bundle.unlink()  # cleaned out of Downloads
    with qtbot.waitSignal(a.sync.status_changed):
        a.sync.start()  # as when the profile is opened next time
    view = a.sync.view
    assert view.linked and not view.signed_in and view.error == "ca_bundle_missing"
    a.window.navigate("sync")
    assert a.page.panel.problem.text() == error_text("ca_bundle_missing")
    assert a.page.panel.sign_in_button.isVisible()


def test_the_unit_is_named_as_the_server_names_it_not_as_a_laptop_typed_it(desks: Desks, qtbot) -> None:
    """Each profile is made offline with the unit name its owner typed. Signed in, those
    records become the one shared unit, and the last laptop to sync renamed it for all
    (in the trial a demo profile renamed the real unit to 'Anhörigstöd Exempelby')."""
    from anhorigdesk.profiles import ProfileManager

    unit = desks.server.store.create_unit("Hemtjänst Norr (fiktiv)")
    for name in ("anna", "bo"):
        desks.server.store.create_user(name, PASSWORD, [unit], "care_worker")
    a, b = desks.open("a"), desks.open("b")
    b.session.repository.update(b.session.actor, "unit", b.session.actor.unit_id, name="Felstavad entet")
    sign_in(qtbot, a, "anna")
    sign_in(qtbot, b, "bo")
    for desk in (a, b, a):
        assert sync_now(qtbot, desk).ok
    for desk in (a, b):
        names = {u["id"]: u["name"] for u in desk.session.repository.units()}
        assert names[unit] == "Hemtjänst Norr (fiktiv)", names
        assert ProfileManager(desk.ctrl.data_dir).get(desk.opened.profile.id).unit_name == "Hemtjänst Norr (fiktiv)"


def test_the_server_lists_the_laptop_by_its_computer_name(desks: Desks, qtbot, monkeypatch) -> None:
    import platform

    monkeypatch.setattr(platform, "node", lambda: "KOMMUN-LT-0412")
    desks.user("anna")
    a = desks.open("a")
    sign_in(qtbot, a, "anna")
    (session,) = desks.server.store.list_sessions("anna")
    assert session["device_name"] == f"AnhörigDesk ({platform.system()}, KOMMUN-LT-0412)"


def test_a_profile_with_demo_data_is_never_signed_in(desks: Desks, qtbot) -> None:
    """In the trial a demo profile signed in put 200 invented carers into the real unit,
    on every colleague's laptop."""
    from anhorigdesk import demo

    desks.user("anna")
    a = desks.open("a")
    demo.fill(a.session.repository, a.session.actor, 2, entries_per_carer=1)
    requests = a.transport.requests
    dialog = sign_in(qtbot, a, "anna", expect_ok=False)
    assert dialog.error.text() == error_text("demo_profile")
    assert a.transport.requests == requests  # nothing was sent
    assert desks.server.store.list_sessions("anna") == [] and not a.sync.view.linked
    dialog.reject()
