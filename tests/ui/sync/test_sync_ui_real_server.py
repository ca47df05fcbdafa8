"""Once against the server as a real process on a loopback port (HTTPS with the
municipality's own CA bundle): sign in through the dialog, sync, the server stops
(a clear offline state, the app keeps working), the server comes back, sync again."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from anhorigdesk.ui.sync.messages import error_text
from tests.server import test_real_process as real
from tests.server.test_real_process import PASSWORD, ServerProcess, _tls_material, run_cli

from .helpers import Desks, new_carer, sign_in, sync_now


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path, Path]:
    return _tls_material(tmp_path)


def test_sign_in_and_sync_against_a_real_https_server_that_goes_down_and_comes_back(
        desks: Desks, qtbot, tmp_path: Path, tls: tuple[Path, Path, Path], monkeypatch) -> None:
    ca, cert, key = tls
    data = tmp_path / "server-data"
    unit = run_cli(data, "create-unit", "Anhörigcentrum Prov")
    for name in ("stina", "tore"):
        run_cli(data, "create-user", name, "--unit", unit, "--role", "care_worker", "--password-stdin",
                stdin=PASSWORD + "\n")
    tls_args = ("--certfile", str(cert), "--keyfile", str(key))
    trust = ssl.create_default_context(cafile=str(ca))
    server = ServerProcess(data, *tls_args, scheme="https", verify=trust)
    try:
        a = desks.open("a", transport_factory=lambda: None)
        b = desks.open("b", transport_factory=lambda: None)
        url = f"https://127.0.0.1:{server.port}"
        # without the CA bundle the certificate is not trusted, and the dialog says so
        dialog = sign_in(qtbot, a, "stina", server_url=url, expect_ok=False)
        assert dialog.error.text() == error_text("certificate")
        dialog.reject()
        sign_in(qtbot, a, "stina", server_url=url, ca_bundle=str(ca))
        carer_id = new_carer(a, name="Maja Provsson")
        assert sync_now(qtbot, a).ok and a.sync.view.status.pending == 0
        sign_in(qtbot, b, "tore", server_url=url, ca_bundle=str(ca))
        assert sync_now(qtbot, b).ok
        assert [r["id"] for r in b.session.repository.search(b.session.actor, "maja")] == [carer_id]

        server.proc.kill()  # the server goes away (a crash; no graceful wait for open connections)
        server.stop()
        new_carer(a, name="Under Avbrottet")
        report = sync_now(qtbot, a)
        assert report.error == "server_unavailable"
        assert a.page.panel.problem.text() == error_text("server_unavailable")
        assert a.sync.view.status.pending == 1
        assert a.session.repository.search(a.session.actor, "avbrottet")  # the app keeps working

        port = server.port
        monkeypatch.setattr(real, "free_port", lambda: port)  # back on the same address
        server = ServerProcess(data, *tls_args, scheme="https", verify=trust)
        assert sync_now(qtbot, a).ok and a.sync.view.status.pending == 0
        assert sync_now(qtbot, b).ok
        assert b.session.repository.search(b.session.actor, "avbrottet")
    finally:
        if server.proc.poll() is None:
            server.proc.kill()  # the apps still hold kept-alive connections
        server.stop()
