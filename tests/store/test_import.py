"""The bulk import: the same rows as one-by-one writes, one transaction, named errors."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.store.outbox import outbox

from anhorigdesk import demo
from anhorigdesk.store import Actor, Change, Database, Repository
from anhorigdesk.store.bulk import compile_check, shape_of
from anhorigdesk.store.entities import CARER, ENTITIES, ENTRY, ImportRecordError, InvalidRecord
from anhorigdesk.store.ids import uuid7

TABLES = ("carers", "cared_for", "relations", "consents", "entries", "units", "staff", "carer_schedules",
          "audit_log", "outbox", "carer_search", "entry_search", "record_versions")
CLOCKS = ("hlc", "created_at", "updated_at")


def counts(repo: Repository) -> dict[str, int]:
    conn = repo.db.reader()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def mixed_changes(existing_carer: str) -> list[Change]:
    """New records of every kind of scope, values of every kind, and awkward text."""
    carer, person, unit = uuid7(), uuid7(), uuid7()
    return [
        Change("carer", {"name": "  Åsa Påhittberg ", "phone": "070-174 06 42", "is_child": False,
                         "hours_per_week": 12.5, "birth_date": date(1961, 5, 4),
                         "care_given": ["tillsyn", "läkemedel"], "unit_ids": ["unit-1", "unit-2"],
                         "life_situation": {"work": "deltid", "ö": [1, 2.5, None, True]},
                         "notes": "Rad ett\nrad två\t\"citat\" \\ \u0001 😀", "preferred_language": "sv"}, carer),
        Change("carer", {"name": "Ebba Utan Enhet", "hours_per_week": 3}, uuid7()),
        Change("cared_for", {"name": "Märta Påhittberg", "birth_year": 1932}, person),
        Change("cared_for", {"name": "Nils Egna Enheter", "unit_ids": ["unit-9"]}, uuid7()),
        Change("relation", {"carer_id": carer, "cared_for_id": person, "kind": "child",
                            "started_at": "2024-02-01"}, uuid7()),
        Change("relation", {"carer_id": existing_carer, "cared_for_id": person, "kind": "sibling"}, uuid7()),
        Change("relation", {"carer_id": "no-such-carer", "cared_for_id": person, "kind": "other"}, uuid7()),
        Change("consent", {"carer_id": carer, "scope": "record", "given_at": "2025-01-02", "given_how": "verbal",
                           "note": None}, uuid7()),
        Change("entry", {"carer_id": carer, "kind": "samtal", "occurred_at": datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
                         "data": {"note": "Vi talade om växelvård", "nested": {"list": ["natt", "dag"], "n": 3}},
                         "form_version": 2, "confidentiality": "shareable"}, uuid7()),
        Change("entry", {"carer_id": existing_carer, "kind": "samtal",
                         "occurred_at": "2025-03-02T10:00:00+01:00", "data": {"note": "Kort"}}, uuid7()),
        Change("unit", {"name": "Korttiden Exempelby", "kind": "short_term"}, unit),
        Change("staff", {"name": "Bo Exempelsson", "unit_id": unit, "role": "care_worker"}, uuid7()),
        Change("carer_schedule", {"carer_id": carer, "interval_months": 6}, uuid7()),
    ]


def _rows(repo: Repository, table: str, key: str = "id") -> dict[str, dict[str, Any]]:
    cur = repo.db.reader().execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    return {row[names.index(key)]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def _index(repo: Repository) -> dict[str, Any]:
    conn = repo.db.reader()
    return {
        "carers": sorted(conn.execute(
            "SELECT c.id, s.body FROM carer_search s JOIN carers c ON c.rowid = s.rowid").fetchall()),
        "entries": sorted(conn.execute(
            "SELECT e.id, c.id, s.body FROM entry_search s JOIN entries e ON e.rowid = s.rowid & 0xFFFFFFFF"
            " LEFT JOIN carers c ON c.rowid = s.rowid >> 32").fetchall()),
    }


def _store(tmp_path, name: str) -> Repository:
    return Repository(Database(tmp_path / f"{name}.db", os.urandom(32), create=True))


@pytest.mark.parametrize("unit_id", ["unit-1", None])
def test_import_writes_the_rows_one_by_one_writes_write(tmp_path, unit_id):
    actor = Actor("staff-1", unit_id, "Testa Exempelsson")
    one, bulk = _store(tmp_path, "one"), _store(tmp_path, "bulk")
    try:
        existing = uuid7()
        for repo in (one, bulk):
            repo.write(actor, [Change("carer", {"name": "Lars Befintlig", "unit_ids": ["unit-3"]}, existing)])
        changes = mixed_changes(existing)
        one.write(actor, [Change(c.entity, dict(c.fields), c.entity_id) for c in changes], action="import")
        assert bulk.import_records(actor, changes) == len(changes)
        assert counts(one) == counts(bulk)
        for spec in (ENTITIES[name] for name in sorted({c.entity for c in changes})):
            a, b = _rows(one, spec.table), _rows(bulk, spec.table)
            assert a.keys() == b.keys()
            for entity_id in a:
                for row, db in ((a[entity_id], one.db), (b[entity_id], bulk.db)):
                    field_hlc = json.loads(row["field_hlc"])
                    assert set(field_hlc.values()) == {row["hlc"]} or entity_id == existing
                    assert row["field_hlc"] == json.dumps(field_hlc, sort_keys=True)
                    assert row["hlc"].endswith(db.client_id)
                    for name in (*CLOCKS, "field_hlc"):
                        row.pop(name)
                assert a[entity_id] == b[entity_id]
        audits = []
        for repo in (one, bulk):
            rows = {r["entity_id"]: r for r in _rows(repo, "audit_log", "seq").values()
                    if r["entity_id"] != existing}
            outbox = {r["mutation_id"]: r for r in _rows(repo, "outbox", "seq").values()}
            payloads = {}
            for entity_id, audit in rows.items():
                out = outbox[audit["mutation_id"]]  # the audit row names its outbox row
                payload = json.loads(out["payload"])
                assert (out["entity"], out["entity_id"]) == (audit["entity"], entity_id)
                assert payload["mutation_id"] == audit["mutation_id"]
                assert payload["client_id"] == repo.db.client_id
                assert payload["hlc"] == _rows(repo, ENTITIES[audit["entity"]].table)[entity_id]["hlc"]
                uuid.UUID(payload["mutation_id"])
                for name in ("mutation_id", "client_id", "hlc"):
                    payload.pop(name)
                payloads[entity_id] = payload
            audits.append(({k: (v["action"], v["actor_id"], v["unit_id"], v["entity"], v["fields"])
                            for k, v in rows.items()}, payloads))
        assert audits[0] == audits[1]
        assert len(audits[0][1]) == len(changes)
        assert _index(one) == _index(bulk)
    finally:
        one.db.close()
        bulk.db.close()


def test_import_scopes_follow_the_carer(repo, actor):
    carer, person = uuid7(), uuid7()
    repo.import_records(actor, [
        Change("carer", {"name": "Aino Fiktivlund", "unit_ids": ["u-7"]}, carer),
        Change("cared_for", {"name": "Omar Fiktivlund"}, person),
        Change("relation", {"carer_id": carer, "cared_for_id": person, "kind": "partner"}),
    ])
    by_entity = {m["entity"]: m for m in outbox(repo)}
    assert by_entity["carer"]["carer_id"] == carer and by_entity["carer"]["unit_ids"] == ["u-7"]
    assert by_entity["relation"]["carer_id"] == carer and by_entity["relation"]["unit_ids"] == ["u-7"]
    assert by_entity["cared_for"]["carer_id"] is None and by_entity["cared_for"]["unit_ids"] == [actor.unit_id]
    assert by_entity["carer"]["base"] == {"name": None, "unit_ids": None}
    assert by_entity["carer"]["actor"] == {"staff_id": actor.staff_id, "unit_id": actor.unit_id}


def test_imported_ids_and_clocks(repo, actor):
    before = repo.db.clock.now()
    changes = demo.demo_changes(3, actor=actor, entries_per_carer=4, seed=5)
    for c in changes:
        c.entity_id = None
    repo.import_records(actor, changes)
    ids = [c.entity_id for c in changes]
    assert all(uuid.UUID(i).version == 7 for i in ids) and ids == sorted(ids) and len(set(ids)) == len(ids)
    conn = repo.db.reader()
    hlcs = [r[0] for r in conn.execute(
        "SELECT hlc FROM carers UNION ALL SELECT hlc FROM cared_for UNION ALL SELECT hlc FROM relations"
        " UNION ALL SELECT hlc FROM entries").fetchall()]
    assert len(set(hlcs)) == len(changes) and min(hlcs) > before
    assert conn.execute("SELECT value FROM meta WHERE key = 'last_hlc'").fetchone()[0] > max(hlcs)
    assert repo.db.clock.now() > max(hlcs)
    mutation_ids = [m["mutation_id"] for m in outbox(repo)]
    assert mutation_ids == sorted(mutation_ids) and all(uuid.UUID(m).version == 7 for m in mutation_ids)


def test_imported_records_are_found_without_diacritics(repo, actor):
    carer = uuid7()
    repo.import_records(actor, [
        Change("carer", {"name": "Åsa Övningsberg", "address": "Påhittade gatan 3"}, carer),
        Change("entry", {"carer_id": carer, "kind": "samtal", "occurred_at": datetime.now(UTC),
                         "data": {"note": "Växelvården fungerar", "list": ["nattsömn"]}}),
    ])
    for words in ("asa", "ovningsberg", "pahittade", "vaxelvarden", "nattsomn", "Åsa övn"):
        assert [r["id"] for r in repo.search(actor, words)] == [carer], words


def test_a_bad_record_is_named_and_nothing_is_written(repo, actor):
    changes = demo.demo_changes(3, actor=actor, entries_per_carer=10, seed=2)
    bad = changes[20]
    assert bad.entity == "entry"
    bad.fields["confidentiality"] = "hemlig"
    before = counts(repo)
    with pytest.raises(ImportRecordError) as info:
        repo.import_records(actor, changes, batch=7)
    error = info.value
    assert (error.index, error.entity, error.record_id, error.field) == (21, "entry", bad.entity_id,
                                                                         "confidentiality")
    assert isinstance(error, InvalidRecord)
    assert error.localized("en").startswith(f"Record 21 of the import (entry, id {bad.entity_id}): confidentiality")
    assert "Nothing of the import was saved" in error.localized("en")
    assert error.localized("sv").startswith(f"Post 21 i importen (entry, id {bad.entity_id}): confidentiality")
    assert counts(repo) == before


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": "", "phone": "1"}, "name"),
    ({"phone": "070"}, "name"),
    ({"name": "X", "is_child": "yes"}, "is_child"),
    ({"name": "X", "hours_per_week": 10_001}, "hours_per_week"),
    ({"name": "X", "birth_date": "2024-13-01"}, "birth_date"),
    ({"name": "X", "care_given": "tillsyn"}, "care_given"),
    ({"name": "X", "favourite_colour": "blå"}, "favourite_colour"),
])
def test_each_kind_of_bad_value_names_its_field(repo, actor, fields, field):
    with pytest.raises(ImportRecordError) as info:
        repo.import_records(actor, [Change("carer", {"name": "Ok"}), Change("carer", fields)])
    assert (info.value.index, info.value.field) == (2, field)
    assert counts(repo)["carers"] == 0


def test_a_failure_after_the_fast_rows_leaves_none_of_them(repo, actor):
    before = counts(repo)
    changes = demo.demo_changes(2, actor=actor, entries_per_carer=3, seed=3)
    changes.append(Change("carer", {}, uuid7(), op="delete"))  # no such carer: fails last
    with pytest.raises(LookupError):
        repo.import_records(actor, changes)
    assert counts(repo) == before


def test_existing_records_deletes_and_repeats_take_the_normal_path(repo, actor):
    old = repo.create_carer(actor, name="Per Provsson", phone="070-174 06 10")
    gone = repo.create_carer(actor, name="Karl Utkastsson")
    new = uuid7()
    n = repo.import_records(actor, [
        Change("carer", {"phone": "070-174 06 11"}, old),  # an update: the name need not come again
        Change("carer", {"name": "Elsa Skisslund"}, new),
        Change("carer", {"notes": "Andra ändringen i samma import"}, new),
        Change("carer", {}, gone, op="delete"),
    ])
    assert n == 4
    conn = repo.db.reader()
    assert conn.execute("SELECT phone, version FROM carers WHERE id = ?", (old,)).fetchone() == ("070-174 06 11", 2)
    assert conn.execute("SELECT name, notes, version FROM carers WHERE id = ?", (new,)).fetchone() == (
        "Elsa Skisslund", "Andra ändringen i samma import", 2)
    assert conn.execute("SELECT deleted FROM carers WHERE id = ?", (gone,)).fetchone() == (1,)
    imported = conn.execute("SELECT entity_id, action FROM audit_log WHERE action = 'import'").fetchall()
    assert sorted(imported) == sorted([(old, "import"), (new, "import"), (new, "import"), (gone, "import")])
    assert [m["op"] for m in outbox(repo)][-4:] == ["upsert", "upsert", "upsert", "delete"]
    assert [r["id"] for r in repo.search(actor, "andra andringen")] == [new]
    assert repo.search(actor, "utkastsson") == []
    with pytest.raises(ImportRecordError) as info:
        repo.import_records(actor, [Change("carer", {"name": ""}, old)])
    assert (info.value.index, info.value.field) == (1, "name")


def test_the_demo_command_path_imports_everything(repo, actor):
    assert demo.fill(repo, actor, 12, entries_per_carer=5) == 12 * 8
    c = counts(repo)
    assert c["carers"] == 12 and c["entries"] == 60
    assert c["audit_log"] == c["outbox"] == 12 * 8
    assert c["carer_search"] == 12 and c["entry_search"] == 60


# ---------------------------------------------------------------- compiled checks
def test_demo_records_pass_the_compiled_check():
    actor = Actor("s", "u", "Demo")
    for change in demo.demo_changes(5, actor=actor, entries_per_carer=10, seed=9):
        spec = ENTITIES[change.entity]
        values = shape_of(spec, tuple(change.fields)).check(change.fields)
        assert values is not None, change.entity
        assert values == tuple(spec.check(change.fields, creating=True).values())


_any_value = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 20_000), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["", " sv ", "sv", "2024-02-29", "2023-02-29", "20240101",
                                           "2025-03-01T10:00:00+01:00", "2025-03-01T10:00:00", "shareable",
                                           "carer_only", "samtal"]),
    st.dates(), st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=2))])),
    st.lists(st.text(max_size=4), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([CARER, ENTRY]), st.data())
def test_compiled_check_agrees_with_the_declaration(spec, data):
    names = data.draw(st.lists(st.sampled_from(sorted(spec.fields)), unique=True, max_size=6)
                      .map(lambda xs: tuple(xs) + tuple(sorted(spec.required - set(xs)))))
    fields = {name: data.draw(_any_value, label=name) for name in names}
    fast = compile_check(spec, names)(fields)
    try:
        expected = tuple(spec.check(fields, creating=True).values())
    except (InvalidRecord, TypeError, ValueError):
        assert fast is None
        return
    if fast is not None:
        assert fast == expected
        assert [type(v) for v in fast] == [type(v) for v in expected]
