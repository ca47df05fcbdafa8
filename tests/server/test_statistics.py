"""The follow-up statistics endpoint (issue #14): whole units, counts only, managers only.

The figures are worked out by hand from the records pushed below (the carers are registered
at the harness's clocks, 2026-02-25); the period is spring term 2026.
"""

from __future__ import annotations

import pytest

from anhorigdesk.server.store.purge import write_purge
from anhorigdesk.sync.protocol import Forbidden, RequestRejected

from .conftest import Harness, MutationFactory


@pytest.fixture
def world(harness: Harness):
    north = harness.unit("Anhörigstöd Norr")
    south = harness.unit("Anhörigstöd Söder")
    anna = harness.logged_in(harness.user("anna", [north]))
    bo = harness.logged_in(harness.user("bo", [south]))
    make = MutationFactory(harness, anna)
    c1 = make.make(fields={"name": "Alva Prov", "birth_date": "1950-03-01", "is_child": False,
                           "unit_ids": [north]})
    c2 = make.make(fields={"name": "Bo Prov", "birth_date": "2010-05-05", "is_child": True,
                           "unit_ids": [north]})
    c1_id, c2_id = c1["entity_id"], c2["entity_id"]

    def entry(carer: str, kind: str, at: str, data: dict | None = None, **extra):
        return make.make(entity="entry", carer_id=carer, fields={
            "carer_id": carer, "kind": kind, "occurred_at": at, "data": data or {}, **extra})

    first = entry(c1_id, "samtal", "2026-03-01T10:00:00+00:00")
    batch = [
        c1, c2,
        make.make(entity="relation", carer_id=c1_id, fields={
            "carer_id": c1_id, "cared_for_id": "p1", "kind": "partner"}),
        first,
        entry(c1_id, "samtal", "2026-03-02T10:00:00+00:00", supersedes=first["entity_id"]),
        entry(c2_id, "samtal", "2026-04-02T10:00:00+00:00"),
        entry(c2_id, "samtal", "2025-12-02T10:00:00+00:00"),  # before the term
        entry(c1_id, "stodplan", "2026-03-05T10:00:00+00:00"),
        entry(c1_id, "frivillighet", "2026-03-06T10:00:00+00:00"),
        entry(c2_id, "handout", "2026-03-07T10:00:00+00:00",
              {"kind": "information_handout", "language": "ti"}),
        make.make(entity="follow_up_task", carer_id=c2_id, fields={
            "carer_id": c2_id, "entry_id": "e", "form_id": "frivillighet", "flag_id": "not_voluntary",
            "raised_at": "2026-03-10T10:00:00+00:00", "due_on": "2026-03-24", "plan_review": True}),
    ]
    anna.push(batch)
    make_b = MutationFactory(harness, bo)
    c3 = make_b.make(fields={"name": "Cilla Prov", "unit_ids": [south]})
    bo.push([c3, make_b.make(entity="entry", carer_id=c3["entity_id"], fields={
        "carer_id": c3["entity_id"], "kind": "samtal", "occurred_at": "2026-03-01T10:00:00+00:00",
        "data": {}})])
    return north, south, anna, bo


def test_a_unit_manager_gets_the_whole_units_counts(harness: Harness, world) -> None:
    north, _south, _anna, _bo = world
    manager = harness.logged_in(harness.user("maja", [north], role="unit_manager"))
    body = manager.statistics([north], "term", "2026-VT")
    counts = {(c, k): n for c, k, n in body["counts"]}
    assert body["scope"] == "unit" and body["unit_ids"] == [north]
    assert body["period"] == {"kind": "term", "start": "2026-01-01", "end": "2026-06-30"}
    assert counts[("carers", "new")] == 2 and counts[("carers", "active")] == 2
    assert counts[("carers", "child")] == 1
    assert counts[("age_band", "0-17")] == 1 and counts[("age_band", "65-79")] == 1
    assert counts[("relation", "partner")] == 1 and counts[("relation", "none")] == 1
    assert counts[("conversations", "held")] == 2  # the corrected one once, and c2's April one
    assert counts[("support_plans", "made")] == 1
    # c1: registered 2026-02-25 (due then), checked in 2026-03-06; c2: due 2026-02-25, overdue
    assert (counts[("checkins", "due")], counts[("checkins", "done")], counts[("checkins", "overdue")]) == (2, 1, 1)
    assert counts[("flags", "not_voluntary")] == 1 and counts[("follow_ups", "open")] == 1
    assert counts[("handouts", "ti")] == 1
    # counts only: no person's id, name or date in the answer
    text = str(body)
    assert "Prov" not in text and "1950" not in text


def test_an_administrator_sees_both_units(harness: Harness, world) -> None:
    north, south, _anna, _bo = world
    admin = harness.logged_in(harness.user("ada", [south], role="administrator"))  # not of north
    body = admin.statistics([north, south], "year", "2026")
    counts = {(c, k): n for c, k, n in body["counts"]}
    assert counts[("carers", "new")] == 3 and counts[("conversations", "held")] == 3


def test_everyone_else_is_refused_and_the_refusal_logged(harness: Harness, world) -> None:
    north, south, anna, _bo = world
    other_manager = harness.logged_in(harness.user("olle", [south], role="unit_manager"))
    for client, units in ((anna, [north]), (other_manager, [north]), (other_manager, [north, south])):
        with pytest.raises(Forbidden) as info:
            client.statistics(units, "month", "2026-03")
        assert info.value.status == 403 and info.value.code == "forbidden_statistics"
    denied = [(r["username"], r["action"]) for r in harness.store.access_log() if r["outcome"] == "denied"]
    assert denied == [("anna", "statistics"), ("olle", "statistics"), ("olle", "statistics")]


def test_a_bad_period_says_what_is_wrong(harness: Harness, world) -> None:
    north, _south, _anna, _bo = world
    manager = harness.logged_in(harness.user("maja", [north], role="unit_manager"))
    with pytest.raises(RequestRejected) as info:
        manager.statistics([north], "term", "2026-QQ")
    assert info.value.code == "bad_statistics_period"
    assert "2026-VT" in info.value.message


def test_a_deleted_carer_is_merged_in_full_and_left_out(harness: Harness, world) -> None:
    north, _south, anna, _bo = world
    manager = harness.logged_in(harness.user("maja", [north], role="unit_manager"))
    before = {(c, k): n for c, k, n in manager.statistics([north], "year", "2026")["counts"]}
    make = MutationFactory(harness, anna)
    make.seq = 11  # after the world's batch
    gone = make.make(fields={"name": "Greta Prov", "unit_ids": [north]})
    anna.push([gone])
    seen = {"name": gone["hlc"], "unit_ids": gone["hlc"]}  # the delete saw both fields
    anna.push([make.make(entity_id=gone["entity_id"], op="delete", fields={}, base=seen)])
    after = {(c, k): n for c, k, n in manager.statistics([north], "year", "2026")["counts"]}
    assert before[("carers", "new")] == 2 and after[("carers", "new")] == 2
    with harness.store.db.transaction() as tx:  # the state holds a delete: the full merge ran
        (state,) = tx.one("SELECT state FROM entities WHERE entity_id = ?", (gone["entity_id"],))
    assert "delete" in state


def test_closed_cases_and_thinned_records_are_counted(harness: Harness, world) -> None:
    """By hand: c1's case closed 2026-03-20 (still closed at the term's end); c2's closed
    2026-02-01 and reopened 2026-04-01; c3 (south) closed too, not counted for north. A
    gallring purge on 2026-05-05 thins c2's four entries (the carer itself stays)."""
    north, _south, anna, bo = world
    manager = harness.logged_in(harness.user("maja", [north], role="unit_manager"))
    before = {(c, k): n for c, k, n in manager.statistics([north], "term", "2026-VT")["counts"]}
    assert before[("cases", "closed")] == 0 and before[("thinning", "records")] == 0
    with harness.store.db.transaction() as tx:
        c1, c2 = (r[0] for r in tx.all(
            "SELECT entity_id FROM stat_facts WHERE entity = 'carer' AND day IS NOT NULL ORDER BY day"))
        c2_entries = [r[0] for r in tx.all(
            "SELECT entity_id FROM stat_facts WHERE entity = 'entry' AND carer_id = ?", (c2,))]
        (c3,) = (r[0] for r in tx.all("SELECT entity_id FROM stat_facts WHERE entity = 'carer' AND day IS NULL"))
    make = MutationFactory(harness, anna)
    make.seq = 11  # after the world's batch

    def event(maker: MutationFactory, carer: str, kind: str, at: str) -> dict:
        return maker.make(entity="case_event", carer_id=carer, fields={
            "carer_id": carer, "kind": kind, "at": at, "by_staff_id": maker.staff_id})

    anna.push([event(make, c1, "close", "2026-03-20T10:00:00+00:00"),
               event(make, c2, "close", "2026-02-01T10:00:00+00:00"),
               event(make, c2, "reopen", "2026-04-01T10:00:00+00:00")])
    make_b = MutationFactory(harness, bo)
    make_b.seq = 2
    bo.push([event(make_b, c3, "close", "2026-03-01T10:00:00+00:00")])
    write_purge(harness.store, c2, [("entry", e) for e in c2_entries], "gallring", None,
                at="2026-05-05T10:00:00.000000Z", active_after="2099-01-01T00:00:00.000000Z")
    after = {(c, k): n for c, k, n in manager.statistics([north], "term", "2026-VT")["counts"]}
    assert (after[("cases", "closed")], after[("cases", "reopened")]) == (1, 1)
    assert (after[("thinning", "carers")], after[("thinning", "records")]) == (1, len(c2_entries)) == (1, 3)
    # the thinned entries no longer count: c2's April samtal was one of them
    assert after[("conversations", "held")] == before[("conversations", "held")] - 1
    autumn = {(c, k): n for c, k, n in manager.statistics([north], "term", "2026-HT")["counts"]}
    assert autumn[("cases", "closed")] == 0 and autumn[("thinning", "records")] == 0
