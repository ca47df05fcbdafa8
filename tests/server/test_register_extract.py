"""The server's part of a carer's register extract (issue #13, server/store/register_extract.py)
on SQLite and PostgreSQL: the carer's records and the access rows about the carer (the
server's own and the laptops' pushed ones), only for staff of the carer's unit, every ask
logged."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from anhorigdesk.replication.log_chain import GENESIS, row_hash
from anhorigdesk.sync.protocol import Forbidden

from .conftest import Harness, MutationFactory


def _log_rows(client: Any, carer_id: str, unit_id: str, staff_id: str, count: int) -> list[dict[str, Any]]:
    rows, prev = [], GENESIS
    for seq in range(1, count + 1):
        row = {"log_id": uuid.uuid4().hex, "client_id": client.token_store.load().device_id,
               "log_seq": seq, "at": f"2026-11-02T10:{seq:02d}:00+00:00",
               "action": "print:register_extract" if seq == count else "read:carer",
               "carer_id": carer_id, "unit_id": unit_id, "staff_id": staff_id, "detail": "carer",
               "prev": prev}
        row["hash"] = row_hash(row)
        prev = row["hash"]
        rows.append(row)
    return rows


@pytest.fixture
def world(harness: Harness):
    north, south = harness.unit("Anhörigstöd Norr"), harness.unit("Anhörigstöd Söder")
    anna_account = harness.user("anna", [north])
    anna = harness.logged_in(anna_account)
    make = MutationFactory(harness, anna)
    carer = make.make(fields={"name": "Alva Prov", "unit_ids": [north]})
    carer_id = carer["entity_id"]
    entry = make.make(entity="entry", carer_id=carer_id, fields={
        "carer_id": carer_id, "kind": "samtal", "occurred_at": "2026-03-01T10:00:00+00:00",
        "data": {"note": "Samtal om avlösning"}})
    other = make.make(fields={"name": "Bo Annan", "unit_ids": [north]})
    anna.push([carer, entry, other], access_log=_log_rows(anna, carer_id, north, anna_account.user_id, 3))
    anna.state(carer_id)  # a server access-log row about the carer
    return north, south, anna, carer_id, entry["entity_id"], other["entity_id"]


def test_staff_of_the_carers_unit_get_its_records_and_every_access_row(harness: Harness, world) -> None:
    north, _south, anna, carer_id, entry_id, other_id = world
    body = anna.register_extract(carer_id)
    assert body["carer_id"] == carer_id and body["produced_at"]
    records = {(e["entity"], e["id"]): e for e in body["entities"]}
    assert set(records) == {("carer", carer_id), ("entry", entry_id)}  # not the other carer's
    assert records[("carer", carer_id)]["fields"]["name"] == "Alva Prov"
    assert records[("entry", entry_id)]["fields"]["data"] == {"note": "Samtal om avlösning"}
    laptop = [a for a in body["access"] if a["source"] == "this_laptop"]  # anna's own pushed rows
    server = [a for a in body["access"] if a["source"] == "server"]
    assert [a["action"] for a in laptop] == ["read:carer", "read:carer", "print:register_extract"]
    assert all(a["unit"] == "Anhörigstöd Norr" and a["role"] == "care_worker" for a in laptop)
    assert [a["action"] for a in server] == ["push:ok", "state:ok"]
    assert all(a["unit"] == "Anhörigstöd Norr" and a["role"] == "care_worker" for a in server)
    assert "anna" not in str(body["access"])  # units and roles, never who by name
    # the ask is itself logged, with counts only
    [logged] = [r for r in harness.store.access_log(carer_id) if r["action"] == "register_extract"]
    assert logged["outcome"] == "ok" and logged["unit_id"] == north
    assert logged["detail"] == "2 records, 5 log rows" and "Alva" not in logged["detail"]
    # a second ask sees the first one in the server's rows
    again = anna.register_extract(carer_id)
    assert [a["action"] for a in again["access"] if a["source"] == "server"] == [
        "push:ok", "state:ok", "register_extract:ok"]
    assert other_id not in str(again)


def test_another_laptops_rows_say_laptop(harness: Harness, world) -> None:
    north, _south, _anna, carer_id, _entry_id, _other_id = world
    colleague = harness.user("cecilia", [north])
    other_laptop = harness.logged_in(colleague)
    other_laptop.push([], access_log=_log_rows(other_laptop, carer_id, north, colleague.user_id, 1))
    sources = [a["source"] for a in other_laptop.register_extract(carer_id)["access"]]
    assert sources.count("laptop") == 3 and sources.count("this_laptop") == 1


@pytest.mark.parametrize("role", ["care_worker", "unit_manager", "administrator"])
def test_anyone_outside_the_carers_unit_is_refused_and_logged(harness: Harness, world, role: str) -> None:
    _north, south, _anna, carer_id, _entry_id, _other_id = world
    outsider = harness.logged_in(harness.user(f"bo-{role}", [south], role=role))
    with pytest.raises(Forbidden) as info:
        outsider.register_extract(carer_id)
    assert info.value.code == "forbidden_register_extract"
    rows = [r for r in harness.store.access_log(carer_id) if r["action"] == "register_extract"]
    assert [(r["outcome"], r["detail"], r["username"]) for r in rows] == [
        ("denied", "forbidden_register_extract", f"bo-{role}")]


def test_an_unknown_carer_is_refused_like_another_units(harness: Harness, world) -> None:
    _north, _south, anna, _carer_id, _entry_id, _other_id = world
    with pytest.raises(Forbidden) as info:
        anna.register_extract("no-such-carer")
    assert info.value.code == "forbidden_register_extract"


def test_after_gallring_forgot_the_pseudonym_the_laptop_rows_are_no_longer_found(
        harness: Harness, world) -> None:
    _north, _south, anna, carer_id, _entry_id, _other_id = world
    assert harness.store.forget_person_key(carer_id) is True
    body = anna.register_extract(carer_id)
    assert [a for a in body["access"] if a["source"] != "server"] == []
