"""``admin gallring`` (#13): the rules applied to the server's records, a dry run that changes
nothing, a report that names no one, the archive delivery, and a run killed with -9 that the
next run resumes and finishes (a real process). SQLite and PostgreSQL in process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from anhorigdesk.domain.personnummer import luhn_check_digit
from anhorigdesk.server import gallring
from anhorigdesk.server.__main__ import main
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.store import ServerStore

from .conftest import Harness, MutationFactory, pull_all

FUTURE = date(2033, 6, 1)  # the fake clock's pushes (2026) are more than five years before it


def pnr(day: int) -> str:
    yymmdd = f"5003{day:02d}"
    return f"19{yymmdd}-238{luhn_check_digit(yymmdd + '238')}"


@pytest.fixture(autouse=True)
def _future_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANHORIGDESK_GALLRING_ALLOW_FUTURE", "1")


def _dump(db: Database) -> dict[str, list]:
    with db.transaction() as tx:
        return {t: sorted(map(tuple, tx.all(f"SELECT * FROM {t}"))) for t in (
            "mutations", "entities", "scopes", "set_aside", "purges", "purged_records",
            "gallring_runs", "archive_holds")}


def _world(harness: Harness) -> dict[str, str]:
    unit = harness.unit("Enhet A")
    client = harness.logged_in(harness.user("anna", [unit]))
    make = MutationFactory(harness, client)
    carers = {
        "thin": make.make(fields={"name": "Tunnas Tunnasson", "personnummer": pnr(4)}),
        "research": make.make(fields={"name": "Forskas Forskarsson", "personnummer": pnr(15)}),
        "nopnr": make.make(fields={"name": "Utan Nummersson"}),
    }
    batch = list(carers.values())
    batch.append(make.make(entity="entry", carer_id=carers["thin"]["entity_id"], fields={
        "carer_id": carers["thin"]["entity_id"], "kind": "conversation",
        "occurred_at": "2026-03-01T10:00:00Z", "data": {"text": "Samtal hos Tunnasson"}}))
    client.push(batch)
    harness.clock.advance(days=3 * 365)
    client = harness.logged_in(harness.user("berit", [unit]))
    recent = MutationFactory(harness, client).make(fields={"name": "Aktiv Aktivsson", "personnummer": pnr(4)})
    client.push([recent])
    ids = {k: v["entity_id"] for k, v in carers.items()}
    ids["recent"] = recent["entity_id"]
    ids["client"] = client  # type: ignore[assignment]
    return ids


def test_a_dry_run_reports_and_changes_nothing(harness: Harness) -> None:
    _world(harness)
    before = _dump(harness.store.db)
    report = gallring.run(harness.store.db, today=FUTURE, dry_run=True)
    assert _dump(harness.store.db) == before
    assert (report.carers_thinned, report.entries_thinned, report.log_rows_thinned) == (1, 1, 2)
    assert report.versions_thinned == 2 + 4  # name + personnummer, four entry fields
    assert report.kept == {"research": 1, "representative": 0, "no_personnummer": 1}


def test_a_run_thins_what_is_due_keeps_the_rest_and_names_no_one(harness: Harness, tmp_path: Path) -> None:
    ids = _world(harness)
    report = gallring.run(harness.store.db, today=FUTURE)
    text = json.dumps(report.to_json(), ensure_ascii=False)
    assert (report.carers_thinned, report.entries_thinned, report.log_rows_thinned) == (1, 1, 2)
    assert report.kept == {"research": 1, "representative": 0, "no_personnummer": 1}
    for key in ("thin", "research", "nopnr", "recent"):
        assert ids[key] not in text
    assert not any(n in text for n in ("Tunnas", "Forskas", "Utan", "Aktiv", "19500"))
    stored = json.dumps(_dump(harness.store.db), ensure_ascii=False)
    assert "Tunnasson" not in stored  # thinned
    assert "Forskarsson" in stored and "Nummersson" in stored  # held for the archive
    assert "Aktivsson" in stored  # activity inside the five years
    # every laptop is told to forget the three due carers, kept ones too
    purged = {c["scope"] for c in pull_all(ids["client"])[0] if c.get("kind") == "purge"}  # type: ignore[arg-type]
    assert purged == {ids["thin"], ids["research"], ids["nopnr"]}
    # a second run finds nothing more
    again = gallring.run(harness.store.db, today=FUTURE)
    assert again.carers_thinned == 0 and sum(again.kept.values()) == 0

    delivered = gallring.deliver(harness.store.db, tmp_path / "arkiv")
    assert delivered == {"delivered": 2}
    exported = json.loads((tmp_path / "arkiv" / f"{ids['research']}.json").read_text("utf-8"))
    assert exported["records"][0]["fields"]["name"] == "Forskas Forskarsson"
    assert (tmp_path / "arkiv" / f"{ids['nopnr']}.pdf").read_bytes().startswith(b"%PDF")
    stored = json.dumps(_dump(harness.store.db), ensure_ascii=False)
    assert "Forskarsson" not in stored and "Nummersson" not in stored and "Aktivsson" in stored
    assert gallring.deliver(harness.store.db, tmp_path / "arkiv") == {"delivered": 0}


def test_a_representative_municipality_keeps_everything(harness: Harness) -> None:
    from anhorigdesk.lifecycle.retention import RetentionPolicy

    _world(harness)
    report = gallring.run(harness.store.db, today=FUTURE, policy=RetentionPolicy(representative=True))
    assert report.carers_thinned == 0 and report.kept["representative"] == 3


def test_the_command_refuses_bad_input_saying_what(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert main(["admin", "gallring", "--dry-run", "--today", "2033-13-01", "--database-url", url]) == 2
    assert "--today '2033-13-01': not a date" in capsys.readouterr().err
    assert main(["admin", "gallring", "--dry-run", "--research-days", "0,40", "--database-url", url]) == 2
    assert "research days" in capsys.readouterr().err
    assert main(["admin", "gallring", "--dry-run", "--today", "2033-01-01", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["carers_thinned"] == 0


def _many_carers(path: Path, count: int) -> None:
    """A server database with ``count`` carers pushed in 2026 (a fake clock)."""
    from anhorigdesk.server.security import SecurityPolicy

    from .conftest import _FAST_PASSWORDS, FakeClock

    db = Database(f"sqlite:///{path}")
    migrate(db)
    store = ServerStore(db, clock=FakeClock(), passwords=_FAST_PASSWORDS, policy=SecurityPolicy())
    unit = store.create_unit("Enhet")
    user = store.create_user("anna", "ett-långt-lösenord", [unit], "care_worker")
    from anhorigdesk.server.store.base import Principal

    principal = Principal(user, "anna", "care_worker", frozenset({unit}), "dev-1", "s")
    with db.transaction(write=True) as tx:
        tx.execute("INSERT INTO devices (device_id, user_id, name, registered_at, last_seen_at)"
                   " VALUES ('dev-1', ?, 'x', '2026', '2026')", (user,))
    seq = 0
    for start in range(0, count, 500):
        batch = []
        for i in range(start, min(count, start + 500)):
            seq += 1
            cid = f"0190{i:028x}"
            batch.append({
                "mutation_id": f"m{seq:030d}", "client_id": "dev-1", "seq": seq, "entity": "carer",
                "entity_id": cid, "op": "upsert", "fields": {"name": f"Person {i}", "personnummer": pnr(4)},
                "base": {}, "hlc": f"{1_772_000_000_000 + seq:016d}-00000-dev-1", "carer_id": cid,
                "unit_ids": [unit], "actor": {"staff_id": user, "unit_id": unit}})
        store.push(principal, batch, None, "127.0.0.1")
    db.close()


def test_a_run_killed_with_minus_9_resumes_and_finishes(tmp_path: Path) -> None:
    path = tmp_path / "server.db"
    _many_carers(path, 1500)
    url = f"sqlite:///{path}"
    env = {**os.environ, "ANHORIGDESK_GALLRING_ALLOW_FUTURE": "1"}
    command = [sys.executable, "-m", "anhorigdesk.server", "admin", "gallring", "--run",
               "--today", FUTURE.isoformat(), "--database-url", url]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    thinned = 0
    while time.monotonic() < deadline and process.poll() is None:
        with sqlite3.connect(path, timeout=30) as conn:
            row = conn.execute("SELECT counts FROM gallring_runs WHERE done = 0").fetchone()
        thinned = json.loads(row[0])["carers_thinned"] if row else 0
        if thinned > 0:
            break
        time.sleep(0.01)  # polling a file another process writes: no signal to wait on
    assert process.poll() is None, "the run finished before it could be cut off"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close(), process.stderr.close()  # type: ignore[union-attr]
    with sqlite3.connect(path) as conn:
        cut = json.loads(conn.execute("SELECT counts FROM gallring_runs WHERE done = 0").fetchone()[0])
        purged = conn.execute("SELECT COUNT(*) FROM purges").fetchone()[0]
    assert 0 < cut["carers_thinned"] < 1500 and purged == cut["carers_thinned"]

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout)
    assert report["resumed"] is True and report["carers_thinned"] == 1500
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM purges").fetchone()[0] == 1500
        assert conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 0
        assert conn.execute("SELECT done FROM gallring_runs").fetchall() == [(1,)]
        assert not any("Person" in r[0] for r in conn.execute("SELECT payload FROM mutations"))


def _log_rows(client_id: str, carers: list[str]) -> list[dict[str, object]]:
    from anhorigdesk.replication.log_chain import GENESIS, row_hash

    rows, prev = [], GENESIS
    for seq, carer in enumerate(carers, start=1):
        row: dict[str, object] = {
            "log_id": f"log-{client_id}-{seq}", "client_id": client_id, "log_seq": seq,
            "at": f"2029-03-01T10:{seq:02d}:00+00:00", "action": "read:carer", "carer_id": carer,
            "unit_id": "u", "staff_id": "staff", "detail": "carer", "prev": prev}
        row["hash"] = row_hash(row)
        prev = str(row["hash"])
        rows.append(row)
    return rows


def test_thinning_destroys_the_log_pseudonym_key_and_the_log_goes_after_its_period(
    harness: Harness, tmp_path: Path
) -> None:
    """#13: old access-log rows can no longer be tied to a thinned person (the pseudonym's
    key is destroyed; a kept person's when delivered), and the log itself is thinned after
    the municipality's period (default ten years), nothing newer."""
    from anhorigdesk.lifecycle.retention import RetentionPolicy
    from anhorigdesk.server.store.device_log import pseudonym_of

    ids = _world(harness)
    client = ids["client"]
    device = client.token_store.load().device_id  # type: ignore[attr-defined]
    client.push([], access_log=_log_rows(device, [ids["thin"], ids["research"], ids["recent"]]))  # type: ignore[attr-defined]
    store, db = harness.store, harness.store.db
    thin_pseudonym = store.person_pseudonym(ids["thin"])
    assert thin_pseudonym is not None and store.person_pseudonym(ids["recent"]) is not None

    report = gallring.run(db, today=FUTURE)
    assert report.carers_thinned == 1 and report.person_keys_destroyed == 1
    assert report.access_log_rows_thinned == 0  # ten years: nothing is that old yet
    assert store.person_pseudonym(ids["thin"]) is None
    with db.transaction() as tx:
        keys = [r[0] for r in tx.all("SELECT log_key FROM person_log_keys WHERE log_key IS NOT NULL")]
        persons = [r[0] for r in tx.all("SELECT person FROM device_access_log ORDER BY log_seq")]
    assert persons[0] == thin_pseudonym  # the row stays (append-only) ...
    assert all(pseudonym_of(k, ids["thin"]) != thin_pseudonym for k in keys)  # ... tied to no one
    assert store.person_pseudonym(ids["recent"]) is not None  # not due: still linked
    assert store.person_pseudonym(ids["research"]) is not None  # kept: until delivered
    gallring.deliver(db, tmp_path / "arkiv")
    assert store.person_pseudonym(ids["research"]) is None

    with db.transaction() as tx:
        old = sum(int(tx.one(f"SELECT COUNT(*) FROM {t}")[0]) for t in ("access_log", "device_access_log"))  # type: ignore[index]
    assert old > 3
    three_years = RetentionPolicy(log_years=3)  # 2030-06-01: every row so far is older
    dry = gallring.run(db, today=FUTURE, policy=three_years, dry_run=True)
    assert dry.access_log_rows_thinned == old
    report = gallring.run(db, today=FUTURE, policy=three_years)
    assert report.access_log_rows_thinned == old
    with db.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM device_access_log")[0] == 0  # type: ignore[index]
        assert tx.one("SELECT COUNT(*) FROM log_thinning")[0] == 2  # type: ignore[index]
    # rows newer than the recorded boundary stay append-only
    harness.clock.advance(days=2 * 365)
    later = harness.logged_in(harness.user("cilla", [harness.unit("Enhet B")]))
    later_device = later.token_store.load().device_id
    later.push([], access_log=_log_rows(later_device, [ids["recent"]]))
    for sql in ("DELETE FROM device_access_log", "DELETE FROM access_log",
                "UPDATE device_access_log SET person = NULL", "DELETE FROM log_thinning"):
        with pytest.raises(Exception, match="append-only"), db.transaction(write=True) as tx:
            tx.execute(sql)


def test_the_log_period_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert main(["admin", "gallring", "--dry-run", "--log-years", "0", "--database-url", url]) == 2
    assert "--log-years '0': log retention years: 0 is outside 1..100" in capsys.readouterr().err
    assert main(["admin", "gallring", "--dry-run", "--log-years", "ten", "--database-url", url]) == 2
    assert "--log-years 'ten': not a whole number of years" in capsys.readouterr().err


def test_a_thinned_carers_shared_entries_and_later_writes_about_them_go_too(harness: Harness) -> None:
    """A shareable entry lives in the carer's shared scope (part F): it is thinned with the
    carer, and counts as the carer's activity; an entry about the carer written offline and
    pushed after the thinning is stored only as a stub (its text never reaches anyone)."""
    unit = harness.unit("Enhet A")
    client = harness.logged_in(harness.user("anna", [unit]))
    make = MutationFactory(harness, client)
    carer = make.make(fields={"name": "Delad Delsson", "personnummer": pnr(4)})
    cid = carer["entity_id"]

    def entry(text: str) -> dict[str, object]:
        return make.make(entity="entry", carer_id=cid, fields={
            "carer_id": cid, "kind": "conversation", "occurred_at": "2026-03-01T10:00:00Z",
            "confidentiality": "shareable", "data": {"text": text}})

    client.push([carer, entry("Delbar anteckning om Delsson")])
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM entities WHERE scope_key = ?", (cid + ":shared",))[0] == 1  # type: ignore[index]
    dry = gallring.run(harness.store.db, today=FUTURE, dry_run=True)
    assert (dry.carers_thinned, dry.entries_thinned) == (1, 1)
    report = gallring.run(harness.store.db, today=FUTURE)
    assert (report.carers_thinned, report.entries_thinned) == (1, 1)
    assert report.log_rows_thinned == dry.log_rows_thinned == 2
    answer = client.push([entry("Skriven offline efter gallringen")])
    assert answer["purged"] and answer["acked"]
    stored = json.dumps(_dump(harness.store.db), ensure_ascii=False)
    assert "Delsson" not in stored and "offline efter" not in stored
    # activity in the shared scope alone keeps a carer
    other = make.make(fields={"name": "Aktiv Delsson", "personnummer": pnr(4)})
    client.push([other])
    harness.clock.advance(days=6 * 365)
    oid = other["entity_id"]
    client = harness.logged_in(harness.user("berit", [unit]))
    late = MutationFactory(harness, client).make(entity="entry", carer_id=oid, fields={
        "carer_id": oid, "kind": "conversation", "occurred_at": "2032-03-01T10:00:00Z",
        "confidentiality": "shareable", "data": {"text": "Ny delbar"}})
    client.push([late])
    assert gallring.run(harness.store.db, today=date(2034, 1, 1)).carers_thinned == 0


def test_a_cared_for_person_goes_with_the_last_carer_relating_to_them(harness: Harness) -> None:
    """#13, docs/GALLRING.md: a cared-for person is thinned when the last carer relating to
    them is (nothing else refers to them), and not while another carer still relates."""
    unit = harness.unit("Enhet A")
    client = harness.logged_in(harness.user("anna", [unit]))
    make = MutationFactory(harness, client)
    old_a = make.make(fields={"name": "Gammal Anhörigsson", "personnummer": pnr(4)})
    old_c = make.make(fields={"name": "Gammal Carlsson", "personnummer": pnr(4)})
    shared = make.make(entity="cared_for", fields={"name": "Delad Vårdtagarsson"})
    alone = make.make(entity="cared_for", fields={"name": "Ensam Vårdtagarsson"})

    def relation(factory: MutationFactory, carer: dict, cared_for: dict) -> dict:
        cid = carer["entity_id"]
        return factory.make(entity="relation", carer_id=cid, fields={
            "carer_id": cid, "cared_for_id": cared_for["entity_id"], "kind": "parent"})

    client.push([old_a, old_c, shared, alone, relation(make, old_a, shared), relation(make, old_c, alone)])
    harness.clock.advance(days=3 * 365)
    client = harness.logged_in(harness.user("berit", [unit]))
    make = MutationFactory(harness, client)
    recent = make.make(fields={"name": "Aktiv Anhörigsson", "personnummer": pnr(4)})
    client.push([recent, relation(make, recent, shared)])

    dry = gallring.run(harness.store.db, today=FUTURE, dry_run=True)
    assert (dry.carers_thinned, dry.cared_for_thinned) == (2, 1)
    report = gallring.run(harness.store.db, today=FUTURE)
    assert (report.carers_thinned, report.cared_for_thinned) == (2, 1)
    stored = json.dumps(_dump(harness.store.db), ensure_ascii=False)
    assert "Ensam Vårdtagarsson" not in stored  # the last carer relating to them is thinned
    assert "Delad Vårdtagarsson" in stored  # another carer still relates to them
    purges = [c for c in pull_all(client)[0] if c.get("kind") == "purge"]
    assert [["cared_for", alone["entity_id"]]] in [p["entities"] for p in purges]
    assert gallring.run(harness.store.db, today=FUTURE).cared_for_thinned == 0
