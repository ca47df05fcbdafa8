"""``anhorigdesk-server admin quarantine list|show|retire`` as the administrator runs it:
a separate process over the server's SQLite database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, utc_now
from anhorigdesk.server.store import ServerStore
from anhorigdesk.server.store import sync as server_sync

from .test_real_process import run_cli

PASSWORD = "ett-långt-lösenord"


def _cli_fails(data_dir: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "anhorigdesk.server", "admin", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
    )
    assert result.returncode != 0
    return result.stderr


def test_the_administrator_finds_and_retires_a_bad_stored_mutation(tmp_path: Path, monkeypatch) -> None:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    db = Database(f"sqlite:///{data_dir / 'server.db'}")
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True), server_time=utc_now)
    unit = store.create_unit("Enheten")
    user = store.create_user("stina", PASSWORD, [unit], "care_worker")
    token = store.login("stina", PASSWORD, "devstina", "S", "127.0.0.1")["access_token"]
    principal = store.authenticate(token)
    carer = uuid.uuid4().hex

    def mutation(seq: int, fields: dict) -> dict:
        return {"mutation_id": uuid.uuid4().hex, "client_id": "devstina", "seq": seq, "entity": "carer",
                "entity_id": carer, "op": "upsert", "fields": fields, "base": {},
                "hlc": f"{1_772_000_000_000 + seq:016d}-00000-devstina", "carer_id": carer,
                "unit_ids": [unit], "actor": {"staff_id": user, "unit_id": unit}}

    good, bad = mutation(1, {"name": "Bra"}), mutation(2, {"name": {"hemligt": "värde"}})
    store.push(principal, [good], None, "127.0.0.1")
    monkeypatch.setattr(server_sync, "check_pushed", lambda m, **kw: None)  # as before protocol 3
    store.push(principal, [bad], None, "127.0.0.1")
    monkeypatch.undo()
    db.close()

    listed = [json.loads(line) for line in run_cli(data_dir, "quarantine", "list").splitlines()]
    assert [(o["mutation_id"], o["entity"], o["field"]) for o in listed] == [(bad["mutation_id"], "carer", "name")]
    assert "värde" not in json.dumps(listed) and "hemligt" not in json.dumps(listed)
    shown = json.loads(run_cli(data_dir, "quarantine", "show", bad["mutation_id"]))
    assert shown["fields"] == {"name": "dict"} and "värde" not in json.dumps(shown)
    with_values = json.loads(run_cli(data_dir, "quarantine", "show", bad["mutation_id"], "--values"))
    assert with_values["values"] == {"name": {"hemligt": "värde"}}
    done = json.loads(run_cli(data_dir, "quarantine", "retire", bad["mutation_id"], "--note", "felaktigt namn"))
    assert done == {"mutation_id": bad["mutation_id"], "set_aside": "retired", "versions_removed": 1}
    assert run_cli(data_dir, "quarantine", "list") == ""
    (aside,) = [json.loads(line) for line in run_cli(data_dir, "quarantine", "list", "--all").splitlines()]
    assert aside["set_aside"] == "retired"
    assert "already set aside" in _cli_fails(data_dir, "quarantine", "retire", bad["mutation_id"])
    assert "no stored mutation" in _cli_fails(data_dir, "quarantine", "show", "finns-inte")
