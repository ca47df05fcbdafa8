"""Every UI string has a Swedish translation, and the shipped catalogues are compiled."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from anhorigdesk.paths import translations_dir
from anhorigdesk.ui.qt import QTranslator

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_swedish_string_is_translated():
    assert _script().missing_swedish() == []


def test_catalogues_are_compiled_and_load(qapp):
    for language in ("sv", "en"):
        qm = translations_dir() / f"anhorigdesk_{language}.qm"
        assert qm.exists()
        assert QTranslator().load(str(qm))
    translator = QTranslator()
    translator.load(str(translations_dir() / "anhorigdesk_sv.qm"))
    assert translator.translate("MainWindow", "&File") == "&Arkiv"


def test_every_source_string_is_in_the_catalogue():
    """A string added to the code but not extracted would stay English in Swedish mode."""
    import subprocess
    import sys
    import tempfile

    script = _script()
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "check.ts"
        lupdate = Path(sys.executable).parent / "pyside6-lupdate"
        files = [str(p) for p in script.source_files()]
        subprocess.run([str(lupdate), *files, "-locations", "none", "-ts", str(ts)], check=True,
                       capture_output=True)
        import xml.etree.ElementTree as ET

        def messages(path):
            tree = ET.parse(path)
            return {
                (c.findtext("name"), m.findtext("source"))
                for c in tree.iter("context") for m in c.iter("message")
                if (m.find("translation") is None or m.find("translation").get("type") not in ("obsolete", "vanished"))
            }

        in_code = messages(ts)
        in_catalogue = messages(script.ts_path("sv"))
    assert in_code - in_catalogue == set()
