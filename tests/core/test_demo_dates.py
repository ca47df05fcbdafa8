"""A fresh demo looks like a caseload that is looked after: nothing years overdue, a few
items a little late, and carers of the same name told apart by their birth year (issue 20)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from anhorigdesk import demo
from anhorigdesk.forms import FormRegistry
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.workspace.agenda import load_agenda


def test_a_fresh_demo_has_nothing_long_overdue(tmp_path):
    db = Database(tmp_path / "d.db", os.urandom(32), create=True)
    repo = Repository(db)
    actor = Actor("s", "u", "Demo")
    demo.fill(repo, actor, 120, entries_per_carer=20)
    agenda = load_agenda(repo, FormRegistry.load(), actor, datetime.now(UTC))
    items = [a.item for a in agenda.mine + agenda.unit]
    overdue = [i.days_overdue for i in items if i.overdue]
    assert overdue, "a demo with nothing overdue shows nothing of the due lists"
    assert max(overdue) <= 60, f"up to {max(overdue)} days overdue in a fresh demo"
    late_carers = {i.carer_id for i in items if i.overdue}
    assert len(late_carers) < 120 * 0.4  # most carers are up to date

    ids = [r[0] for r in db.reader().execute("SELECT id FROM carers").fetchall()]
    hints = repo.carer_hints(ids)
    assert all(h["birth_year"] and h["address"] and h["cared_for"] for h in hints.values())
    ages = [datetime.now(UTC).year - h["birth_year"] for h in hints.values()]
    assert min(ages) >= 10 and max(ages) <= 90
    db.close()
