"""Sync in the app: does a large sync leave the window responsive?

A real server process on loopback holds N carers pushed by another laptop. The app
(offscreen, a passphrase profile) signs in and syncs them through its SyncController;
meanwhile a 10 ms QTimer on the GUI thread records how late each tick arrives. The same
is measured for one second with nothing running, as the baseline.

Figures: the sync's wall time, the GUI's largest and 99th-percentile tick delay during the
sync and at rest (a blocked GUI would show delays as long as the sync). N from env
BENCH_SYNCUI_N (default 3000).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.store.repository import Change
from anhorigdesk.sync.engine import SyncEngine
from anhorigdesk.sync.protocol import SyncClient

N = int(os.environ.get("BENCH_SYNCUI_N", "3000"))
PASSWORD = "ett-långt-lösenord-för-mätning"
TICK_MS = 10


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TickRecorder:
    """Delays of a repeating GUI timer beyond its interval (ms)."""

    def __init__(self) -> None:
        from anhorigdesk.ui.qt import QTimer

        self.delays: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.delays = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.delays.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now


def _p99(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def run() -> dict:
    from anhorigdesk.ui.app import AppController, create_application
    from anhorigdesk.ui.qt import QEventLoop, QTimer
    from anhorigdesk.ui.sync.controller import SyncSchedule

    app = create_application([])
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        server_db = ServerDatabase(f"sqlite:///{tmp / 'server.db'}")
        migrate(server_db)
        store = ServerStore(server_db)
        unit = store.create_unit("Mätenheten")
        ids = {u: store.create_user(u, PASSWORD, [unit], "care_worker") for u in ("anna", "bo")}
        server_db.close()
        port = _port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "anhorigdesk.server", "serve", "--port", str(port), "--database-url",
             f"sqlite:///{tmp / 'server.db'}", "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    httpx.get(f"{url}/v1/hello", timeout=0.5)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            # laptop A (no UI) pushes N carers
            db = Database(tmp / "a.db", os.urandom(32), create=True)
            client = SyncClient(url, language="en")
            client.login("anna", PASSWORD, device_id=db.client_id, device_name="A")
            repo = Repository(db)
            actor = Actor(staff_id=ids["anna"], unit_id=unit)
            repo.import_records(actor, [Change("carer", {
                "name": f"Mätperson {i} Provsson", "unit_ids": [unit], "phone": f"070-{i:07d}",
                "notes": "Påhittad anteckning för mätning. " * 12}) for i in range(N)])
            assert SyncEngine(repo, client, push_batch=500).sync_once().ok
            client.close()
            db.close()

            # the app on laptop B
            data_dir = tmp / "desk"
            opened = ProfileManager(data_dir).create("Bo Mätperson", "Mätenheten", passphrase="en lang mätfras")
            ctrl = AppController(app, data_dir)
            ctrl.sync_schedule = SyncSchedule(enabled=False)
            window = ctrl.open_session(opened)
            loop = QEventLoop()
            recorder = TickRecorder()

            def wait(signal, timeout_ms: int = 600_000) -> None:
                signal.connect(loop.quit)
                QTimer.singleShot(timeout_ms, loop.quit)
                loop.exec()
                signal.disconnect(loop.quit)

            QTimer.singleShot(1000, loop.quit)  # start-up work settles
            loop.exec()
            recorder.start()
            QTimer.singleShot(1000, loop.quit)
            loop.exec()
            recorder.stop()
            idle = list(recorder.delays)

            ctrl.sync.sign_in(url, "bo", PASSWORD, None)
            wait(ctrl.sync.signed_in)
            recorder.start()
            started = time.perf_counter()
            ctrl.sync.sync_now()
            wait(ctrl.sync.sync_finished)
            sync_s = time.perf_counter() - started
            recorder.stop()
            busy = list(recorder.delays)
            view = ctrl.sync.view
            assert view.error is None and view.status.pending == 0, view
            window.close()
            ctrl.shutdown()
            ctrl.ctx.languages.uninstall()
            opened.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    figures = {
        "n": N,
        "ui_sync_s": round(sync_s, 2),
        "gui_ticks_during_sync": len(busy),
        "gui_max_delay_ms": round(max(busy, default=0.0), 1),
        "gui_p99_delay_ms": round(_p99(busy), 1),
        "idle_max_delay_ms": round(max(idle, default=0.0), 1),
        "idle_p99_delay_ms": round(_p99(idle), 1),
        "max_delay_vs_sync": round(max(busy, default=0.0) / 1000 / sync_s, 4),
    }
    print(f"{'figure':<24}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<24}{value:>12}")
    return figures


if __name__ == "__main__":
    run()
