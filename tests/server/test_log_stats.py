"""The sync log grows with every edit, also of one record; ``admin log-stats`` measures it
and what a compaction could remove (on SQLite and, when configured, PostgreSQL). Dropping
exactly the mutations it calls superseded leaves every merged record as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anhorigdesk.replication.merge import merge
from anhorigdesk.server import config
from anhorigdesk.server.__main__ import main
from anhorigdesk.server.log_stats import log_stats

from .conftest import Harness, MutationFactory


def _log(harness: Harness) -> list[dict]:
    with harness.store.db.transaction() as tx:
        return [json.loads(r[0]) for r in tx.all("SELECT payload FROM mutations ORDER BY server_seq")]


def test_repeated_edits_grow_the_log_and_are_counted_as_superseded(harness: Harness) -> None:
    unit = harness.unit("Anhörigstödet Väst")
    anna, bo = harness.user("anna", [unit]), harness.user("bo", [unit])
    a, b = harness.logged_in(anna), harness.logged_in(bo)
    make_a, make_b = MutationFactory(harness, a), MutationFactory(harness, b)

    created = make_a.make(fields={"name": "Testa Provsson", "notes": "v0"})
    carer = created["entity_id"]
    edits, seen = [], created["hlc"]
    for i in range(1, 41):  # one person edits the notes 40 times, each edit having seen the last
        edit = make_a.make(entity_id=carer, fields={"notes": f"v{i}"}, base={"notes": seen})
        edits.append(edit)
        seen = edit["hlc"]
    a.push([created, *edits[:20]])
    a.push(edits[20:])
    # another record: two concurrent edits (both kept), a delete, an edit that answers the delete
    other = make_a.make(fields={"name": "Rut Exempel", "notes": "start"})
    a.push([other])
    concurrent = [make_a.make(entity_id=other["entity_id"], fields={"notes": "A"},
                              base={"notes": other["hlc"]}),
                  make_b.make(entity_id=other["entity_id"], fields={"notes": "B"},
                              base={"notes": other["hlc"]})]
    a.push(concurrent[:1]), b.push(concurrent[1:])
    deleted = make_a.make(entity_id=other["entity_id"], op="delete", fields={},
                          base={"notes": concurrent[1]["hlc"], "name": other["hlc"]})
    a.push([deleted])
    kept = make_b.make(entity_id=other["entity_id"], fields={"phone": "070"},
                       base={"_deleted": deleted["hlc"]})
    overwritten = make_b.make(entity_id=other["entity_id"], fields={"phone": "071"},
                              base={"phone": kept["hlc"]})
    b.push([kept, overwritten])

    stats = log_stats(harness.store.db)
    assert stats.mutations == 1 + 40 + 1 + 2 + 1 + 2 == len(_log(harness))  # nothing is ever removed
    assert stats.records == 2 and stats.most_mutations_per_record == 41
    # the 39 notes the later ones saw; not the creation (its name is still current), the last edit,
    # the concurrent pair, the delete, nor the edit that answered the delete
    assert stats.superseded == 39
    assert stats.by_entity == {"carer": {"mutations": 47, "superseded": 39}}
    assert 0 < stats.superseded_bytes < stats.payload_bytes
    assert stats.first_received_at <= stats.last_received_at

    # dropping exactly those leaves every merged record as it was
    superseded = {e["mutation_id"] for e in edits[:-1]}
    everything = _log(harness)
    kept_only = [m for m in everything if m["mutation_id"] not in superseded]
    full, compacted = merge(everything), merge(kept_only)
    assert {k: s.view() for k, s in full.items()} == {k: s.view() for k, s in compacted.items()}


def test_log_stats_command_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    assert main(["admin", "log-stats", "--data-dir", str(tmp_path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["mutations"] == 0 and printed["superseded"] == 0 and printed["by_entity"] == {}
