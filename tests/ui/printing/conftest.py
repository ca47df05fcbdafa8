"""Fixtures for printing from the app: offscreen Qt, a real encrypted store, a carer page."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from anhorigdesk.forms import FormDefinition, builtin_forms_dir, canonical_json, load_form_text
from anhorigdesk.store import Actor, Change, Database, Repository
from anhorigdesk.ui.qt import QSettings

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CARER_NAME = "Testa Anhörigsson"      # fictional
STAFF_NAME = "Exempla Handläggare"    # fictional
STAFF_PHONE = "0000-11 22 33"         # not a real number
PLAN_WHAT = "Avlösning i hemmet tisdagar"


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot resize native windows to their size hints and warns
    # whenever a top-level window is shown; that is the test platform's limit.
    for item in items:
        if "tests/ui_printing" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    """QSettings in a temporary folder, so a test never reads or writes the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


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


def plan_answers(how_it_feels: str = "Det går upp och ner.") -> dict[str, Any]:
    return {
        "interview_date": "2026-11-20",
        "relationship": "partner",
        "how_it_feels": how_it_feels,
        "actions": [{"what": PLAN_WHAT, "who": "Anhörigkonsulenten", "by_when": "2026-12-15"}],
        "next_review": "2027-03-15",
    }


def add_response(repo: Repository, actor: Actor, carer: str, definition: FormDefinition,
                 answers: dict[str, Any], *, confidentiality: str = "carer_only") -> str:
    repo.remember_form_version(definition.fingerprint, definition.id, definition.version,
                               canonical_json(definition))
    return repo.add_entry(actor, carer, definition.entry_kind or definition.id, answers,
                          occurred_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
                          confidentiality=confidentiality, form_id=definition.id,
                          form_version=definition.version, form_fingerprint=definition.fingerprint)


def stodplan_variant(version: int, how_it_feels_en: str) -> str:
    """The built-in stödplan YAML as another version, with one question worded differently."""
    text = (builtin_forms_dir() / "stodplan.yaml").read_text("utf-8")
    old = "en: In your own words, how is it to be a carer right now?"
    assert old in text
    text = text.replace(old, f"en: {how_it_feels_en}").replace("\nversion: 1\n", f"\nversion: {version}\n")
    return text


def stodplan_definition(version: int, how_it_feels_en: str) -> FormDefinition:
    return load_form_text(stodplan_variant(version, how_it_feels_en), source=f"stodplan-v{version}")


@pytest.fixture
def app_window(qapp, tmp_path: Path, qtbot, store, monkeypatch):
    """The real main window on the real store, with printing installed."""
    from anhorigdesk.ui.app import AppController, create_application
    from anhorigdesk.ui.context import Session
    from anhorigdesk.ui.lock import Unlocker

    monkeypatch.setattr("anhorigdesk.ui.app.FORMS_LOAD_DELAY_MS", 0)
    app = create_application([])
    ctrl = AppController(app, tmp_path / "data")
    repo, actor = store
    ctrl.ctx.session = Session(profile_name="Test", repository=repo, actor=actor,
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
    ctrl.ctx.languages.uninstall()  # while the pages still have their session
    window.close()
    window.deleteLater()
    qtbot.wait(10)
    ctrl.ctx.session = None
    ctrl.shutdown()
    app.aboutToQuit.disconnect(ctrl.shutdown)


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True, encoding="utf-8").stdout
    return " ".join(raw.split())


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo"))


@pytest.fixture
def save_screenshot():
    def save(widget, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save
