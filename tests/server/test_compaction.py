"""Compaction of the sync log (server/compaction.py) on SQLite and, when configured,
PostgreSQL: superseded mutations are shortened to stubs; rows, ids, seqs and the integrity
figures stay; what a laptop pulls from 0 merges to the same records; a resent compacted
mutation is acknowledged again; the log stays append-only otherwise."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from anhorigdesk.replication.merge import merge
from anhorigdesk.server import config
from anhorigdesk.server.__main__ import main
from anhorigdesk.server.compaction import CompactionError, compact_log, parse_before
from anhorigdesk.server.log_stats import log_stats
from anhorigdesk.sync.protocol import RequestRejected

from .conftest import Harness, MutationFactory, pull_all

LATER = "9999-12-31T00:00:00.000000Z"  # a horizon after everything the tests push


def _history(harness: Harness):
    unit = harness.unit("Anhörigstödet Syd")
    anna, bo = harness.user("anna", [unit]), harness.user("bo", [unit])
    a, b = harness.logged_in(anna), harness.logged_in(bo)
    make_a, make_b = MutationFactory(harness, a), MutationFactory(harness, b)
    created = make_a.make(fields={"name": "Testa Provsson", "notes": "v0"})
    carer, seen, edits = created["entity_id"], created["hlc"], []
    for i in range(1, 26):
        edit = make_a.make(entity_id=carer, fields={"notes": f"anteckning {i}"}, base={"notes": seen})
        edits.append(edit)
        seen = edit["hlc"]
    a.push([created, *edits])
    last = make_b.make(entity_id=carer, fields={"notes": "Bos text"}, base={"notes": seen})
    b.push([last])  # B has seen all of A's edits: every one of them is superseded
    return a, b, created, edits, last


def _views(changes: list[dict]) -> dict:
    clean = [{k: v for k, v in c.items() if k != "server_seq"} for c in changes]
    return {key: state.view() for key, state in merge(clean).items()}


def test_compaction_shortens_superseded_mutations_and_changes_no_record(harness: Harness) -> None:
    a, b, _created, edits, _last = _history(harness)
    before_changes, before_cursor, before_integrity = pull_all(a)
    before = log_stats(harness.store.db)
    assert before.superseded == 25 and before.compacted == 0

    dry = compact_log(harness.store.db, before=LATER, dry_run=True)
    assert dry.compacted == 25 and log_stats(harness.store.db).compacted == 0  # nothing written
    result = compact_log(harness.store.db, before=LATER, chunk=7)  # several transactions
    assert (result.examined, result.compacted) == (27, 25)
    assert result.bytes_after < result.bytes_before
    after = log_stats(harness.store.db)
    assert (after.mutations, after.superseded, after.compacted) == (27, 0, 25)
    assert after.payload_bytes == before.payload_bytes - result.bytes_before + result.bytes_after
    assert compact_log(harness.store.db, before=LATER).compacted == 0  # done once

    changes, cursor, integrity = pull_all(b)  # a laptop pulling everything from 0
    assert cursor == before_cursor and integrity == before_integrity  # same ids, same figures
    assert [c["mutation_id"] for c in changes] == [c["mutation_id"] for c in before_changes]
    stubbed = [c for c in changes if c["mutation_id"] in {e["mutation_id"] for e in edits}]
    assert all(c["fields"] == {} and c["base"] == {} for c in stubbed)
    assert _views(changes) == _views(before_changes)  # every record merges the same
    # and a laptop whose cursor was in the middle of the history gets the same records
    middle = before_changes[:10] + changes[10:]
    assert _views(middle) == _views(before_changes)


def test_a_resent_compacted_mutation_is_acknowledged_and_a_reused_id_still_refused(
        harness: Harness) -> None:
    a, _b, _created, edits, _last = _history(harness)
    compact_log(harness.store.db, before=LATER)
    answer = a.push([edits[3]])  # the laptop sends it again, content and all (e.g. after a restore)
    assert answer["acked"] == [edits[3]["mutation_id"]] and answer["applied"] == 0
    forged = {**edits[4], "fields": {"notes": "något annat"}}
    with pytest.raises(RequestRejected) as refused:
        a.push([forged])
    assert refused.value.code == "mutation_reused"


def test_the_log_stays_append_only_outside_a_recorded_compaction(harness: Harness) -> None:
    _a, _b, _created, edits, _last = _history(harness)
    compact_log(harness.store.db, before=LATER)
    db = harness.store.db
    compacted_id, head_id = edits[0]["mutation_id"], _last["mutation_id"]
    for sql, params in (
        ("UPDATE mutations SET payload = '{}' WHERE mutation_id = ?", (head_id,)),  # not recorded
        ("UPDATE mutations SET op = 'delete' WHERE mutation_id = ?", (compacted_id,)),  # not payload
        ("DELETE FROM mutations WHERE mutation_id = ?", (compacted_id,)),
        ("DELETE FROM set_aside WHERE mutation_id = ?", (compacted_id,)),
        ("UPDATE set_aside SET reason = 'retired' WHERE mutation_id = ?", (compacted_id,)),
    ):
        with pytest.raises(Exception, match="append-only"), db.transaction(write=True) as tx:
            tx.execute(sql, params)


def test_only_mutations_received_before_the_horizon_are_compacted(harness: Harness) -> None:
    _history(harness)
    with harness.store.db.transaction() as tx:
        received = [r[0] for r in tx.all("SELECT received_at FROM mutations ORDER BY server_seq")]
    assert compact_log(harness.store.db, before=received[0]).examined == 0
    assert compact_log(harness.store.db, before=received[-1]).compacted <= 25


def test_before_is_checked() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert parse_before("2026-10-01", now) == "2026-10-01T00:00:00.000000Z"
    assert parse_before("2026-10-01T10:00:00+02:00", now) == "2026-10-01T08:00:00.000000Z"
    for bad, why in (("igår", "not a date"), ("2026-10-01T10:00:00", "needs a zone"),
                     ("2027-01-01", "in the future")):
        with pytest.raises(CompactionError, match=why):
            parse_before(bad, now)


def test_compact_log_command(tmp_path: Path, capsys: pytest.CaptureFixture,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    assert main(["admin", "compact-log", "--before", "2026-01-01", "--data-dir", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["compacted"] == 0
    assert main(["admin", "compact-log", "--before", "snart", "--data-dir", str(tmp_path)]) == 2
    assert "not a date" in capsys.readouterr().err
