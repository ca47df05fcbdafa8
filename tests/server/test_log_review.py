"""A unit manager's review of the laptops' access log (issue #14, loggkontroll), on SQLite
and PostgreSQL: who may read it (403 and logged otherwise), the filters, the highlights,
the monthly sample with its marks, a manager's own accesses, and the admin command."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.sync.protocol import Forbidden, SyncClient

from .conftest import Harness, MutationFactory
from .test_real_process import run_cli


class Device:
    """A laptop's log as the server sees it: chained rows pushed with its client."""

    def __init__(self, client: SyncClient, unit_id: str) -> None:
        tokens = client.token_store.load()
        assert tokens is not None
        self.client, self.unit_id = client, unit_id
        self.device_id, self.staff_id = tokens.device_id, tokens.user["id"]
        self.seq, self.prev = 0, GENESIS

    def row(self, at: str, person: str | None, action: str = "read:carer") -> dict[str, Any]:
        self.seq += 1
        row = {"log_id": uuid.uuid4().hex, "client_id": self.device_id, "log_seq": self.seq,
               "at": at, "action": action, "carer_id": person, "unit_id": self.unit_id,
               "staff_id": self.staff_id, "detail": "carer", "prev": self.prev}
        row["hash"] = self.prev = row_hash(row)
        return row

    def push(self, *rows: dict[str, Any]) -> None:
        self.client.push([], access_log=list(rows))


@pytest.fixture
def site(harness: Harness) -> dict[str, Any]:
    north, south = harness.unit("Norr"), harness.unit("Söder")
    worker = harness.user("wera", [north])
    other = harness.user("olle", [north])
    boss = harness.user("berit", [north], "unit_manager")
    boss2 = harness.user("bosse", [north], "unit_manager")
    south_boss = harness.user("sune", [south], "unit_manager")
    admin = harness.user("adam", [south], "administrator")
    clients = {a.username: harness.logged_in(a) for a in (worker, other, boss, boss2,
                                                          south_boss, admin)}
    # a carer of the north unit on the server (its scope), written by wera
    carer = uuid.uuid4().hex
    clients["wera"].push([MutationFactory(harness, clients["wera"]).make(entity_id=carer)])
    return {"north": north, "south": south, "clients": clients, "carer": carer,
            "ids": {a.username: a.user_id for a in (worker, other, boss, boss2, south_boss,
                                                   admin)}}


def test_only_a_manager_of_the_unit_or_an_administrator_reads_its_log(
    harness: Harness, site: dict[str, Any]
) -> None:
    c, north = site["clients"], site["north"]
    wera = Device(c["wera"], north)
    wera.push(wera.row("2026-11-02T09:00:00+01:00", site["carer"]))
    assert len(c["berit"].review_rows(north)["entries"]) == 1
    assert len(c["adam"].review_rows(north)["entries"]) == 1
    for name in ("wera", "sune"):
        with pytest.raises(Forbidden) as refused:
            c[name].review_rows(north)
        assert refused.value.code == "forbidden_log_review"
        with pytest.raises(Forbidden):
            c[name].review_sample(north, "2026-11")
    denied = [r for r in harness.store.access_log()
              if r["action"] == "log_review" and r["outcome"] == "denied"]
    assert sorted(r["username"] for r in denied) == ["sune", "sune", "wera", "wera"]
    assert all(r["unit_id"] == north for r in denied)


def test_filters_by_person_staff_period_and_action(harness: Harness, site: dict[str, Any]) -> None:
    c, north, carer = site["clients"], site["north"], site["carer"]
    wera, olle = Device(c["wera"], north), Device(c["olle"], north)
    other_person = uuid.uuid4().hex
    wera.push(wera.row("2026-11-02T09:00:00+01:00", carer),
              wera.row("2026-11-03T09:00:00+01:00", other_person),
              wera.row("2026-12-01T09:00:00+01:00", carer, "print:carer_summary"))
    olle.push(olle.row("2026-11-02T10:00:00+01:00", carer))
    berit = c["berit"]

    def seqs(**filters: Any) -> list[tuple[str, int]]:
        rows = berit.review_rows(north, **filters)["entries"]
        return sorted(("olle" if r["staff_id"] == site["ids"]["olle"] else "wera", r["log_seq"])
                      for r in rows)

    assert seqs(person=carer) == [("olle", 1), ("wera", 1), ("wera", 3)]
    assert seqs(person="never-logged") == []
    assert seqs(staff=site["ids"]["wera"], since="2026-11-01", until="2026-12-01") == [
        ("wera", 1), ("wera", 2)]
    assert seqs(action="print") == [("wera", 3)]
    # the filters' values are not written to the log, only which were used
    review = [r for r in harness.store.access_log() if r["action"] == "log_review"]
    assert all(carer not in (r["detail"] or "") for r in review)
    assert "by person" in review[0]["detail"]


def test_highlights(harness: Harness, site: dict[str, Any]) -> None:
    c, north, south = site["clients"], site["north"], site["south"]
    harness.store.set_review_policy(burst_people=3, burst_minutes=30)
    # sune (south) reads a north carer: outside his units
    sune = Device(c["sune"], south)
    sune.push(sune.row("2026-11-04T10:00:00+01:00", site["carer"]))
    wera = Device(c["wera"], north)
    wera.push(
        wera.row("2026-11-04T10:00:00+01:00", site["carer"]),            # nothing to see
        wera.row("2026-11-07T11:00:00+01:00", site["carer"]),            # a Saturday
        wera.row("2026-11-05T22:30:00+01:00", site["carer"]),            # late evening
        wera.row("2026-11-06T10:00:00+01:00", site["carer"], "export:csv"),
        *[wera.row(f"2026-11-10T14:0{i}:00+01:00", uuid.uuid4().hex) for i in range(3)],
    )
    by_seq = {r["log_seq"]: r["highlights"]
              for r in c["berit"].review_rows(north)["entries"]}
    assert by_seq[1] == []
    assert by_seq[2] == ["after_hours"] and by_seq[3] == ["after_hours"]
    assert by_seq[4] == ["print_export"]
    assert by_seq[5] == by_seq[6] == by_seq[7] == ["many_people"]
    south_rows = c["sune"].review_rows(south)["entries"]
    assert [r["highlights"] for r in south_rows] == [["outside"]]


def test_the_monthly_sample_is_drawn_once_and_reviewed_by_someone_else(
    harness: Harness, site: dict[str, Any]
) -> None:
    c, north = site["clients"], site["north"]
    harness.store.set_review_policy(sample_size=4)
    wera, berit = Device(c["wera"], north), Device(c["berit"], north)
    wera.push(*[wera.row(f"2026-11-{d:02d}T10:00:00+01:00", site["carer"]) for d in range(2, 12)])
    wera.push(wera.row("2026-12-02T10:00:00+01:00", site["carer"]))  # another month
    berit.push(*[berit.row(f"2026-11-{d:02d}T11:00:00+01:00", site["carer"]) for d in range(2, 30)])
    sample = c["berit"].review_sample(north, "2026-11")
    assert sample["size"] == 4 and sample["reviewed"] == 0
    assert all(e["at"].startswith("2026-11") for e in sample["entries"])
    again = c["bosse"].review_sample(north, "2026-11")
    assert [e["id"] for e in again["entries"]] == [e["id"] for e in sample["entries"]]

    for entry in sample["entries"]:
        if entry["own"]:  # berit's own access: refused to her, marked by bosse
            with pytest.raises(Forbidden) as refused:
                c["berit"].review_mark(entry["id"], "ok", "2026-11")
            assert refused.value.code == "own_access_review"
            c["bosse"].review_mark(entry["id"], "granskad av Bosse", "2026-11")
        else:
            c["berit"].review_mark(entry["id"], "ok, besök planerat", "2026-11")
    with pytest.raises(Forbidden):
        c["wera"].review_mark(sample["entries"][0]["id"], "jag själv")
    done = c["berit"].review_sample(north, "2026-11")
    assert done["reviewed"] == 4
    for entry in done["entries"]:
        reviewer = entry["marks"][-1]["reviewer_id"]
        assert reviewer != entry["staff_id"]
        assert reviewer == (site["ids"]["bosse"] if entry["own"] else site["ids"]["berit"])
    with (
        pytest.raises(Exception, match="append-only"),
        harness.store.db.transaction(write=True) as tx,
    ):
        tx.execute("DELETE FROM log_review_marks")


def test_the_administrator_reads_the_log_from_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    db = Database(f"sqlite:///{data_dir / 'server.db'}")
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True))
    unit = store.create_unit("Enheten")
    store.create_user("stina", "ett-långt-lösenord", [unit], "care_worker")
    token = store.login("stina", "ett-långt-lösenord", "devstina", "S", "127.0.0.1")
    principal = store.authenticate(token["access_token"])
    carer = uuid.uuid4().hex
    prev = GENESIS
    rows = []
    for seq, at in enumerate(["2026-11-02T09:00:00+01:00", "2026-11-03T23:00:00+01:00"], 1):
        row = {"log_id": uuid.uuid4().hex, "client_id": "devstina", "log_seq": seq, "at": at,
               "action": "read:carer", "carer_id": carer, "unit_id": unit,
               "staff_id": principal.user_id, "detail": "carer", "prev": prev}
        row["hash"] = prev = row_hash(row)
        rows.append(row)
    store.push_access_log(principal, rows, None, "127.0.0.1")
    db.close()

    out = run_cli(data_dir, "access-log", "rows", "--unit", unit, "--person", carer)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["log_seq"] for r in lines] == [2, 1]
    assert lines[0]["highlights"] == ["after_hours"]
    assert carer not in out
    policy = json.loads(run_cli(data_dir, "access-log", "policy", "--set", "sample_size=1"))
    assert policy["sample_size"] == 1
    sample = run_cli(data_dir, "access-log", "sample", "--unit", unit, "--month", "2026-11")
    assert len(sample.splitlines()) == 1
    db = Database(f"sqlite:///{data_dir / 'server.db'}")
    try:
        logged = ServerStore(db).access_log()
    finally:
        db.close()
    assert [(r["username"], r["outcome"]) for r in logged if r["action"] == "log_review"] == [
        ("console", "ok"), ("console", "ok")]
