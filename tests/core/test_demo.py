"""Demo data: fictional, realistic proportions, and every entry a valid form response."""

from __future__ import annotations

import os
import re

from anhorigdesk import demo
from anhorigdesk.__main__ import main
from anhorigdesk.forms import FormRegistry, validate_answers
from anhorigdesk.profiles import ProfileManager
from anhorigdesk.store import Actor, Database, Repository


def test_demo_records_are_valid_and_fictional(tmp_path):
    db = Database(tmp_path / "d.db", os.urandom(32), create=True)
    repo = Repository(db)
    actor = Actor("s", "u", "Demo")
    demo.fill(repo, actor, 30, entries_per_carer=8)
    registry = FormRegistry.load()
    conn = db.reader()
    assert conn.execute("SELECT count(*) FROM carers").fetchone()[0] == 30
    entries = repo.timeline(actor, conn.execute("SELECT id FROM carers LIMIT 1").fetchone()[0])
    assert len(entries) == 8
    for e in entries:
        form = registry.get(e["form_id"], fingerprint=e["form_fingerprint"])
        assert validate_answers(form, e["data"], final=True) == []
    for (name,) in conn.execute("SELECT name FROM carers").fetchall():
        assert name.split()[-1] in demo.SURNAMES
    for (phone,) in conn.execute("SELECT phone FROM carers").fetchall():
        assert re.fullmatch(r"070-174 06 (0[5-9]|[1-9]\d)", phone)
    assert len(repo.form_versions()) == 2
    db.close()


def test_demo_command_with_passphrase(data_dir, monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("demo-lösenfras-123\n"))
    assert main(["--data-dir", str(data_dir), "demo", "--carers", "5", "--entries-per-carer", "3",
                 "--passphrase-stdin"]) == 0
    assert "5 fiktiva anhöriga" in capsys.readouterr().out
    [profile] = ProfileManager(data_dir).profiles()
    opened = ProfileManager(data_dir).unlock(profile, "demo-lösenfras-123")
    assert opened.repo.count_carers() == 5
    opened.close()
