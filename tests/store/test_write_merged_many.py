"""``Repository.write_merged_many`` (a pulled page written in batches) leaves the store as
``write_merged`` called record by record does: the same rows, old versions, search index
and the same records reported as changed, also for an entry that arrives before its carer,
a record whose creation has not arrived, an unchanged rewrite and an append-only entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anhorigdesk.store import Actor, Database, Repository

CARER_A = "0190a0a0-0000-7000-8000-00000000000a"
CARER_B = "0190a0a0-0000-7000-8000-00000000000b"
CARER_C = "0190a0a0-0000-7000-8000-00000000000c"
ENTRY_1 = "0190a0a0-0000-7000-8000-0000000000e1"
ENTRY_2 = "0190a0a0-0000-7000-8000-0000000000e2"
# timestamps the store sets itself (utcnow): not compared
VOLATILE = {"created_at", "updated_at", "replaced_at"}


def _view(fields: dict, hlc: str, deleted: bool = False) -> dict:
    return {"fields": fields, "field_hlc": dict.fromkeys(fields, hlc), "hlc": hlc, "deleted": deleted,
            "conflicts": {}}


def _entry(carer_id: str, text: str, hlc: str) -> dict:
    return _view({"carer_id": carer_id, "kind": "samtal", "occurred_at": "2026-11-30T10:00:00+00:00",
                  "data": {"text": text}}, hlc)


PAGES = [
    [  # an entry before its carer, a new carer, a carer whose name has not arrived
        ("entry", ENTRY_1, _entry(CARER_B, "Behöver avlösning på torsdagar", "0000001900000000-0000-aa"), "s1"),
        ("carer", CARER_A, _view({"name": "Vera Påhittad", "unit_ids": ["unit-1"],
                                  "notes": "Första anteckningen"}, "0000001900000001-0000-aa"), "s1"),
        ("carer", CARER_C, _view({"phone": "070-1234567"}, "0000001900000002-0000-aa"), "s2"),
    ],
    [  # the carer of the waiting entry with another entry of it, an edit, an unchanged
       # rewrite of nothing new, the same entry again (append-only), a deleted carer
        ("entry", ENTRY_2, _entry(CARER_B, "Önskar växelvård", "0000001900000003-0000-aa"), "s2"),
        ("carer", CARER_B, _view({"name": "Bo Exempelgren", "unit_ids": ["unit-1"]},
                                 "0000001900000004-0000-aa"), "s2"),
        ("carer", CARER_A, _view({"name": "Vera Påhittad-Ny", "unit_ids": ["unit-1"],
                                  "notes": "Andra anteckningen"}, "0000001900000005-0000-aa"), "s3"),
        ("entry", ENTRY_1, _entry(CARER_B, "Ändrad text kommer inte in", "0000001900000006-0000-aa"), "s3"),
        ("carer", CARER_C, _view({"name": "Cissi Prov", "unit_ids": ["unit-1"], "phone": "070-1234567"},
                                 "0000001900000007-0000-aa", deleted=True), "s2"),
    ],
    [  # the same views again: nothing changes
        ("carer", CARER_B, _view({"name": "Bo Exempelgren", "unit_ids": ["unit-1"]},
                                 "0000001900000004-0000-aa"), "s2"),
        ("carer", CARER_A, _view({"name": "Vera Påhittad-Ny", "unit_ids": ["unit-1"],
                                  "notes": "Andra anteckningen"}, "0000001900000005-0000-aa"), "s3"),
    ],
]


def _snapshot(repo: Repository) -> dict:
    reader = repo.db.reader()

    def rows(sql: str) -> list[dict]:
        cursor = reader.execute(sql)
        names = [d[0] for d in cursor.description]
        return [{k: v for k, v in zip(names, row, strict=True) if k not in VOLATILE} for row in cursor.fetchall()]

    return {
        "carers": rows("SELECT * FROM carers ORDER BY id"),
        "entries": rows("SELECT * FROM entries ORDER BY id"),
        "versions": rows("SELECT entity, entity_id, version, replaced_by FROM record_versions"
                         " ORDER BY entity, entity_id, version"),
        "carer_search": rows("SELECT c.id, s.body FROM carer_search s JOIN carers c ON c.rowid = s.rowid"
                             " ORDER BY c.id"),
        "entry_search": rows("SELECT s.rowid >> 32 AS part, s.body FROM entry_search s ORDER BY s.body"),
    }


@pytest.fixture
def two_stores(tmp_path: Path):
    stores = [Database(tmp_path / f"{name}.db", os.urandom(32), create=True) for name in ("one", "many")]
    yield [Repository(db) for db in stores]
    for db in stores:
        db.close()


def test_a_page_written_at_once_leaves_what_record_by_record_leaves(two_stores):
    one, many = two_stores
    actor = Actor(staff_id="s1", unit_id="unit-1")
    for page in PAGES:
        by_one = one.apply_remote(lambda conn, page=page: {
            (entity, entity_id) for entity, entity_id, view, actor_id in page
            if one.write_merged(conn, entity, entity_id, view, actor_id=actor_id)})
        by_many = many.apply_remote(lambda conn, page=page: many.write_merged_many(conn, page))
        assert by_many == by_one
        assert _snapshot(many) == _snapshot(one)
    final = _snapshot(many)
    assert {c["id"] for c in final["carers"]} == {CARER_A, CARER_B, CARER_C}
    assert [v["entity_id"] for v in final["versions"]] == [CARER_A]  # C was first written deleted
    assert {c["id"]: c["deleted"] for c in final["carers"]}[CARER_C] == 1
    # the waiting entry moved under its carer; both entries are found through it
    assert all(e["part"] != 0 for e in final["entry_search"]) and len(final["entry_search"]) == 2
    assert [r["id"] for r in many.search(actor, "torsdagar")] == [CARER_B]
    assert many.search(actor, "Cissi") == []  # deleted: not in the index


def test_a_record_named_twice_in_one_batch_is_refused(two_stores):
    _one, many = two_stores
    view = PAGES[0][1][2]
    with pytest.raises(ValueError, match="named twice"):
        many.apply_remote(lambda conn: many.write_merged_many(
            conn, [("carer", CARER_A, view, None), ("carer", CARER_A, view, None)]))
