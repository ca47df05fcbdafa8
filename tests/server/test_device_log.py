"""The server's side of laptops' access-log rows (docs/PROTOCOL-3.md part E), on SQLite
and PostgreSQL: stored once by log_id, append-only, the chain checked (flagged, never
refused), the person as a pseudonym whose key gallring can destroy."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.sync.protocol import Forbidden, RequestRejected

from .conftest import PASSWORD, Harness, MutationFactory


def _rows(client_id: str, count: int, *, start: int = 1, prev: str = GENESIS,
          carer_id: str = "carer-1", staff_id: str = "staff") -> list[dict[str, Any]]:
    rows = []
    for seq in range(start, start + count):
        row = {"log_id": uuid.uuid4().hex, "client_id": client_id, "log_seq": seq,
               "at": f"2026-11-02T10:{seq % 60:02d}:00+00:00", "action": "read:carer",
               "carer_id": carer_id, "unit_id": "u", "staff_id": staff_id, "detail": "carer",
               "prev": prev}
        row["hash"] = row_hash(row)
        prev = row["hash"]
        rows.append(row)
    return rows


def _device(client: Any) -> str:
    return client.token_store.load().device_id


def test_rows_are_stored_once_and_acknowledged(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    rows = _rows(_device(client), 5)
    answer = client.push([], access_log=rows)
    assert answer["log_acked_through"] == 5 and answer["acked"] == []
    again = client.push([], access_log=rows[2:])  # resent: acknowledged, not stored again
    assert again["log_acked_through"] == 5
    stored = harness.store.device_log_rows()
    assert [r["log_seq"] for r in stored] == [1, 2, 3, 4, 5]
    assert all(r["flag"] is None for r in stored)
    assert {r["person"] for r in stored} == {harness.store.person_pseudonym("carer-1")}
    assert "carer-1" not in {r["person"] for r in stored}


def test_rows_go_with_mutations_in_one_push(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    mutation = MutationFactory(harness, client).make()
    answer = client.push([mutation], access_log=_rows(_device(client), 2))
    assert answer["acked"] == [mutation["mutation_id"]]
    assert answer["acked_through_seq"] == 1 and answer["log_acked_through"] == 2


def test_the_stored_rows_cannot_be_changed_or_deleted(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    client.push([], access_log=_rows(_device(client), 2))
    for sql in ("UPDATE device_access_log SET action = 'x'", "DELETE FROM device_access_log"):
        with (
            pytest.raises(Exception, match="append-only"),
            harness.store.db.transaction(write=True) as tx,
        ):
            tx.execute(sql)
    assert len(harness.store.device_log_rows()) == 2


def test_a_broken_chain_is_flagged_and_every_row_kept(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    rows = _rows(_device(client), 6)
    rows[1]["action"] = "read:nothing"  # changed after it was written
    del rows[3]  # deleted
    client.push([], access_log=rows)
    flags = {r["log_seq"]: r["flag"] for r in harness.store.device_log_rows()}
    assert flags == {1: None, 2: "altered", 3: None, 5: "gap", 6: None}
    rewritten = _rows(_device(client), 1, start=6, prev=rows[-1]["hash"])  # a second seq 6
    client.push([], access_log=rewritten)
    assert harness.store.device_log_rows()[-1]["flag"] == "replaced"
    logged = [r["detail"] for r in harness.store.access_log() if r["outcome"] == "flagged"]
    assert logged == ["altered log_seq=2", "gap log_seq=5", "replaced log_seq=6"]


def test_rows_of_another_device_are_refused_and_logged(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    with pytest.raises(Forbidden):
        client.push([], access_log=_rows("someone-elses-laptop", 1))
    assert harness.store.device_log_rows() == []
    assert [r["detail"] for r in harness.store.access_log() if r["outcome"] == "denied"] == [
        "forbidden_client"
    ]


def test_a_protocol_2_push_cannot_carry_rows_and_an_empty_push_is_refused(
    harness: Harness,
) -> None:
    unit = harness.unit("Norr")
    account = harness.user("anna", [unit])
    client = harness.logged_in(account)
    with pytest.raises(RequestRejected):
        client.push([])
    old = harness.client(protocol_version=2)
    old.login(account.username, PASSWORD, device_id="old-laptop", device_name="Gammal")
    with pytest.raises(RequestRejected):
        old.push([], access_log=_rows("old-laptop", 1))
    assert harness.store.device_log_rows() == []


def test_forgetting_a_persons_key_unlinks_the_rows(harness: Harness) -> None:
    unit = harness.unit("Norr")
    client = harness.logged_in(harness.user("anna", [unit]))
    rows = _rows(_device(client), 3)
    client.push([], access_log=rows[:2])
    pseudonym = harness.store.person_pseudonym("carer-1")
    assert pseudonym is not None
    assert harness.store.forget_person_key("carer-1") is True
    assert harness.store.forget_person_key("carer-1") is False
    assert harness.store.person_pseudonym("carer-1") is None
    client.push([], access_log=rows[2:])  # pushed after gallring: no pseudonym
    persons = [r["person"] for r in harness.store.device_log_rows()]
    assert persons == [pseudonym, pseudonym, None]


def test_one_push_gives_each_row_its_own_pseudonym_and_outside_mark(harness: Harness) -> None:
    """The pseudonyms and outside marks of a push are looked up together (a chunk of rows
    at a time): each row still gets its own person's and its own staff member's."""
    north, south = harness.unit("Norr"), harness.unit("Söder")
    anna, sune = harness.user("anna", [north]), harness.user("sune", [south])
    client = harness.logged_in(anna)
    carer = uuid.uuid4().hex
    client.push([MutationFactory(harness, client).make(entity_id=carer)])  # a north carer
    harness.store.forget_person_key("forgotten")
    device, prev, rows = _device(client), GENESIS, []
    for seq, (person, staff, detail) in enumerate([
        (carer, anna.user_id, "carer"),          # inside anna's unit
        (carer, sune.user_id, "carer"),          # the same carer, read by a south user
        ("unknown-carer", anna.user_id, "carer"),  # not on the server: unknown
        (carer, anna.user_id, "cared_for"),      # a cared-for person: not marked
        ("forgotten", anna.user_id, "carer"),    # its key destroyed: no pseudonym
        ("new-person", anna.user_id, "carer"),   # first seen: a key made now
        (None, anna.user_id, None),              # no person
    ], start=1):
        row = {"log_id": uuid.uuid4().hex, "client_id": device, "log_seq": seq,
               "at": f"2026-11-02T10:{seq:02d}:00+00:00", "action": "read:carer",
               "carer_id": person, "unit_id": north, "staff_id": staff, "detail": detail,
               "prev": prev}
        row["hash"] = prev = row_hash(row)
        rows.append(row)
    assert client.push([], access_log=rows)["log_acked_through"] == 7
    with harness.store.db.transaction() as tx:
        stored = tx.all("SELECT person, outside FROM device_access_log ORDER BY log_seq")
    pseudonym = harness.store.person_pseudonym
    assert stored == [
        (pseudonym(carer), 0), (pseudonym(carer), 1), (pseudonym("unknown-carer"), None),
        (pseudonym(carer), None), (None, None), (pseudonym("new-person"), None), (None, None),
    ]
    assert None not in (pseudonym(carer), pseudonym("unknown-carer"), pseudonym("new-person"))
    assert len({pseudonym(carer), pseudonym("unknown-carer"), pseudonym("new-person")}) == 3
