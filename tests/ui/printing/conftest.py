"""The printing-from-the-app tests' own fixtures: a real encrypted store with a fictional
unit and staff member, a carer in it, and the main window on that store (with printing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anhorigdesk.store import Actor, Change, Database, Repository
from tests.ui.helpers.app import close_app, start_app

from .helpers import CARER_NAME, STAFF_NAME, STAFF_PHONE


@pytest.fixture
def store(tmp_path: Path):
    db = Database(tmp_path / "store.db", os.urandom(32), create=True)
    repo = Repository(db)
    actor = Actor(staff_id="staff-print-1", unit_id="unit-print-1", name=STAFF_NAME)
    repo.write(actor, [
        Change("unit", {"name": "Anhörigstödet Exempelby", "kind": "carer_support"}, actor.unit_id),
        Change("staff", {"name": STAFF_NAME, "unit_id": actor.unit_id, "role": "support_consultant",
                         "phone": STAFF_PHONE}, actor.staff_id),
    ])
    yield repo, actor
    db.close()


@pytest.fixture
def carer_id(store) -> str:
    repo, actor = store
    return repo.create_carer(actor, name=CARER_NAME, preferred_language="en", unit_ids=[actor.unit_id])


@pytest.fixture
def app_window(qapp, tmp_path: Path, qtbot, store, monkeypatch):
    """The real main window on the real store (no profile: this store), with printing."""
    from anhorigdesk.ui.lock import Unlocker
    from anhorigdesk.workspace import Workspace

    monkeypatch.setattr("anhorigdesk.ui.app.FORMS_LOAD_DELAY_MS", 0)
    ctrl = start_app(tmp_path / "data")
    repo, actor = store
    # no close: the store fixture closes the database after the app's workers stopped
    ctrl.ctx.workspace = Workspace(profile_name="Test", repository=repo, actor=actor,
                                 unlocker=Unlocker("passphrase", lambda typed: typed == "x"))
    window = ctrl.show_main_window()
    entry_page = window.pages["entry"]
    # the app loads the forms a moment after the window is up (another runner): let it finish
    qtbot.waitUntil(lambda: entry_page.registry is not None, timeout=15_000)
    yield ctrl, window
    dialog = getattr(window, "print_dialog", None)
    if dialog is not None:
        dialog.close()
    # every background result delivered before the window goes (e.g. the forms loaded at start)
    qtbot.waitUntil(lambda: ctrl.ctx.runner.running == 0 and ctrl.background.running == 0,
                    timeout=15_000)
    close_app(ctrl, window)
