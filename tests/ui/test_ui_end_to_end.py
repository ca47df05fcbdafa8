"""The real application as a process: create data, quit, start again, find the data.

The app is driven by a scripted run (``ANHORIGDESK_UI_SCRIPT``, see ``ui/script.py``)
that types into the same widgets a user would; nothing reaches into the store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PASSPHRASE = "hemlig fras for test"


def _run_app(tmp_path, data_dir, name, steps):
    script = tmp_path / f"{name}.json"
    script.write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "ANHORIGDESK_UI_SCRIPT": str(script),
        # never the user's keychain: the process gets the "no keychain" backend
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    })
    proc = subprocess.run(
        [sys.executable, "-m", "anhorigdesk", "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    out = json.loads((tmp_path / f"{name}.json.out.json").read_text(encoding="utf-8"))
    assert proc.returncode == 0, (proc.returncode, out, proc.stderr[-2000:])
    return {step["do"]: step for step in out["steps"]}, proc


def test_data_written_in_one_run_is_found_in_the_next(tmp_path, data_dir):
    first, proc = _run_app(tmp_path, data_dir, "first", [
        {"do": "create_profile", "name": "Testa Testsson", "unit": "Anhörigstöd Exempelby",
         "passphrase": PASSPHRASE},
        {"do": "new_carer", "name": "Fiktiva Exempelsson", "personnummer": "19121212-1212"},
        {"do": "write_conversation", "participants": "den anhörige, undersköterska",
         "note": "Vi pratade om avlösning på helgerna.", "parts": ["own_support"]},
        {"do": "lock"},
        {"do": "unlock", "passphrase": PASSPHRASE},
        {"do": "quit"},
    ])
    assert first["new_carer"]["carer_name"] == "Fiktiva Exempelsson"
    assert first["lock"]["title"] == "Låst — AnhörigDesk"
    # nothing personal on stderr (no log line carries a name)
    assert "Exempelsson" not in proc.stderr and "19121212" not in proc.stderr

    second, _ = _run_app(tmp_path, data_dir, "second", [
        {"do": "open_profile", "passphrase": PASSPHRASE},
        {"do": "search", "text": "avlosning"},
        {"do": "open_result", "row": 0},
        {"do": "read_carer"},
        {"do": "quit"},
    ])
    assert second["search"]["names"] == ["Fiktiva Exempelsson"]
    assert second["read_carer"]["name"] == "Fiktiva Exempelsson"
    assert second["read_carer"]["timeline"] == ["Vi pratade om avlösning på helgerna."]
    # the database on disk is encrypted: the name is not in the file
    databases = list(data_dir.glob("profiles/*/store.db"))
    assert databases and b"Exempelsson" not in databases[0].read_bytes()
