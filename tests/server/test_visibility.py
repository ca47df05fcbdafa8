"""Per-entry visibility (issue #15 §1, docs/PROTOCOL-3.md part F): a ``carer_only`` entry
reaches only the carer's own units and support contact; a ``shareable`` entry lives in
``<carer_id>:shared``, which the cared-for person's care unit sees while a
``share_with_care`` consent holds and a unit shared with ("Dela med enhet…",
``share_with_unit``) sees while that consent holds. The server computes the scope, enforces
it on pull and push, and logs every denial. In process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, add_to_checksum, combine
from anhorigdesk.server.store.scopes import load_scope
from anhorigdesk.sync.protocol import Forbidden, ProtocolVersionError, RequestRejected

from .conftest import PASSWORD, Harness, MutationFactory, pull_all

WHEN = "2026-03-01T10:00:00+01:00"


def _entry(make: MutationFactory, carer_id: str, marking: str, text: str) -> dict[str, Any]:
    return make.make(
        entity="entry", carer_id=carer_id,
        fields={"carer_id": carer_id, "kind": "samtal", "occurred_at": WHEN,
                "data": {"text": text}, "confidentiality": marking},
    )


@pytest.fixture
def town(harness: Harness) -> dict[str, Any]:
    """Anhörigstöd (the carer's support unit), a care unit (the cared-for person's home
    care), a short-term unit, and an unrelated unit; one signed-in user in each."""
    support, care, short, other = (
        harness.unit(n) for n in ("Anhörigstöd", "Hemtjänst Norr", "Korttiden", "Hemtjänst Söder"))
    clients = {
        name: harness.logged_in(harness.user(name, [unit]))
        for name, unit in (("sara", support), ("cecilia", care), ("kurt", short), ("olle", other))
    }
    sara = clients["sara"]
    make = MutationFactory(harness, sara)
    carer = make.make(fields={"name": "Hedda Prov"})
    carer_id = carer["entity_id"]
    cared_for = make.make(entity="cared_for", fields={"name": "Harald Prov", "unit_ids": [support, care]},
                          unit_ids=[support, care])
    relation = make.make(entity="relation", carer_id=carer_id,
                         fields={"carer_id": carer_id, "cared_for_id": cared_for["entity_id"], "kind": "partner"})
    private = _entry(make, carer_id, "carer_only", "Hedda orkar inte längre")
    shared = _entry(make, carer_id, "shareable", "Harald sover dåligt")
    sara.push([carer, cared_for, relation, private, shared])
    return {"units": (support, care, short, other), "make": make, "carer": carer, "private": private,
            "shared": shared, **clients}


def _ids(client: Any) -> set[str]:
    """The ids of what a pull from the start serves: mutations, and purges by their id."""
    changes, _cursor, _integrity = pull_all(client)
    return {c.get("mutation_id") or c["purge_id"] for c in changes}


def _consent(make: MutationFactory, carer_id: str, scope: str, **extra: Any) -> dict[str, Any]:
    return make.make(entity="consent", carer_id=carer_id,
                     fields={"carer_id": carer_id, "scope": scope, "given_at": "2026-03-01",
                             "given_how": "written", **extra})


def _denied(harness: Harness) -> list[dict[str, Any]]:
    return [r for r in harness.store.access_log() if r["outcome"] == "denied"]


def test_the_server_puts_a_shareable_entry_in_the_shared_scope(harness: Harness, town: dict[str, Any]) -> None:
    carer_id = town["carer"]["entity_id"]
    with harness.store.db.transaction() as tx:
        keys = dict(tx.all("SELECT mutation_id, scope_key FROM mutations"))
        shared = load_scope(tx, f"{carer_id}:shared")
    assert keys[town["private"]["mutation_id"]] == carer_id
    assert keys[town["shared"]["mutation_id"]] == f"{carer_id}:shared"
    assert shared is not None and shared.units == {town["units"][0]}
    # the carer's own unit sees both, and its digest covers both scopes
    assert {town["private"]["mutation_id"], town["shared"]["mutation_id"]} <= _ids(town["sara"])


def test_consent_grants_and_withdrawal_moves_exactly_the_shared_entries(
    harness: Harness, town: dict[str, Any]
) -> None:
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    shared_id, private_id = town["shared"]["mutation_id"], town["private"]["mutation_id"]
    for name in ("cecilia", "kurt", "olle"):
        assert shared_id not in _ids(town[name]) and private_id not in _ids(town[name]), name

    consent = _consent(make, carer_id, "share_with_care")
    sara.push([consent])
    assert shared_id in _ids(town["cecilia"]) and private_id not in _ids(town["cecilia"])
    assert not _ids(town["cecilia"]) & {town["carer"]["mutation_id"], consent["mutation_id"]}
    assert shared_id not in _ids(town["kurt"]) and shared_id not in _ids(town["olle"])

    # "Dela med enhet…": the short-term unit, with the carer's consent
    short = town["units"][2]
    sharing = _consent(make, carer_id, "share_with_unit", unit_id=short)
    sara.push([sharing])
    assert shared_id in _ids(town["kurt"]) and private_id not in _ids(town["kurt"])
    assert shared_id not in _ids(town["olle"])

    # withdrawing: the care unit is no longer served the shared scope, kurt still is
    withdrawn = make.make(entity="consent", entity_id=consent["entity_id"], carer_id=carer_id,
                          fields={"withdrawn_at": "2026-04-01"})
    sara.push([withdrawn])
    assert shared_id not in _ids(town["cecilia"])
    assert shared_id in _ids(town["kurt"])
    ended = make.make(entity="consent", entity_id=sharing["entity_id"], carer_id=carer_id,
                      fields={"withdrawn_at": "2026-04-02"})
    sara.push([ended])
    assert shared_id not in _ids(town["kurt"])
    with harness.store.db.transaction() as tx:
        assert tx.all("SELECT * FROM scope_grants") == []


def test_a_forged_push_or_read_across_the_line_is_denied_and_logged(
    harness: Harness, town: dict[str, Any]
) -> None:
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([_consent(make, carer_id, "share_with_care")])
    cecilia = town["cecilia"]
    make_c = MutationFactory(harness, cecilia)
    # a granted care unit may add to the shared story, never to the carer-only one
    cecilia.push([_entry(make_c, carer_id, "shareable", "Harald åt bra idag")])
    forged = _entry(make_c, carer_id, "carer_only", "förfalskat")
    with pytest.raises(Forbidden) as refused:
        cecilia.push([forged])
    assert refused.value.code == "forbidden_scope"
    # the carer-only scope and its repair read are refused to the care unit
    with pytest.raises(Forbidden):
        cecilia.state(carer_id)
    assert cecilia.state(f"{carer_id}:shared")["entities"]
    # olle's unit was never granted: the shared scope is refused too
    make_o = MutationFactory(harness, town["olle"])
    with pytest.raises(Forbidden):
        town["olle"].push([_entry(make_o, carer_id, "shareable", "förfalskat")])
    # re-marking a shared entry carer_only is a scope change: refused
    remark = make.make(entity="entry", entity_id=town["shared"]["entity_id"], carer_id=carer_id,
                       fields={"confidentiality": "carer_only"})
    with pytest.raises((Forbidden, RequestRejected)):
        sara.push([remark])
    denied = _denied(harness)
    assert [(r["username"], r["action"]) for r in denied] == [
        ("cecilia", "push"), ("cecilia", "state"), ("olle", "push"), ("sara", "push")]
    assert all("förfalskat" not in str(r) for r in denied)


def _as_before_0009(harness: Harness, carer_id: str) -> None:
    """Put the log back as a server before migration 0009 kept it: every mutation of the
    carer in the carer's scope, figures in log order, no shared scope, no grants table."""
    from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, add_to_checksum

    with harness.store.db.transaction(write=True) as tx:
        if tx.dialect.is_pg:
            tx.execute("ALTER TABLE mutations DISABLE TRIGGER mutations_set_aside_only")
        else:
            (trigger,) = tx.one("SELECT sql FROM sqlite_master WHERE name = 'mutations_no_update'")
            tx.execute("DROP TRIGGER mutations_no_update")
        count, checksum = 0, EMPTY_CHECKSUM
        for seq, mutation_id in tx.all(
            "SELECT server_seq, mutation_id FROM mutations WHERE scope_key IN (?, ?) ORDER BY server_seq",
            (carer_id, f"{carer_id}:shared"),
        ):
            count, checksum = count + 1, add_to_checksum(checksum, mutation_id)
            tx.execute("UPDATE mutations SET scope_key = ?, scope_count = ?, scope_checksum = ?"
                       " WHERE server_seq = ?", (carer_id, count, checksum, seq))
        tx.execute("UPDATE scopes SET mutation_count = ?, checksum = ? WHERE scope_key = ?",
                   (count, checksum, carer_id))
        tx.execute("UPDATE entities SET scope_key = ? WHERE scope_key = ?", (carer_id, f"{carer_id}:shared"))
        tx.execute("DELETE FROM scope_units WHERE scope_key = ?", (f"{carer_id}:shared",))
        tx.execute("DELETE FROM scopes WHERE scope_key = ?", (f"{carer_id}:shared",))
        tx.execute("DROP TABLE scope_grants")
        tx.execute("DELETE FROM schema_migrations WHERE name = '0009_entry_visibility'")
        if tx.dialect.is_pg:
            tx.execute("ALTER TABLE mutations ENABLE TRIGGER mutations_set_aside_only")
        else:
            tx.execute(trigger)


def test_migration_0009_moves_stored_shareable_entries_with_consistent_figures(
    harness: Harness, town: dict[str, Any]
) -> None:
    from anhorigdesk.server.migrations import migrate

    carer_id = town["carer"]["entity_id"]
    later = _entry(town["make"], carer_id, "carer_only", "senare")
    town["sara"].push([later])

    def figures() -> tuple[list[Any], list[Any], list[Any]]:
        with harness.store.db.transaction() as tx:
            return (
                tx.all("SELECT server_seq, scope_key, scope_count, scope_checksum FROM mutations ORDER BY server_seq"),
                tx.all("SELECT scope_key, mutation_count, checksum, last_seq, support_contact_id FROM scopes"
                       " ORDER BY scope_key"),
                tx.all("SELECT scope_key, unit_id FROM scope_units ORDER BY scope_key, unit_id"),
            )

    as_pushed = figures()
    _, _, digest = pull_all(town["sara"])
    _as_before_0009(harness, carer_id)
    before = figures()
    assert before != as_pushed
    # a move between two scopes keeps the combined digest (sum of counts, XOR of checksums)
    assert combine((r[1], r[2]) for r in before[1]) == (digest["count"], digest["checksum"])
    assert migrate(harness.store.db) == ["0009_entry_visibility"]
    assert figures() == as_pushed  # the same scopes and running figures a push computes
    _, _, again = pull_all(town["sara"])
    assert (again["count"], again["checksum"]) == (digest["count"], digest["checksum"])
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT scope_key FROM entities WHERE entity_id = ?",
                      (town["shared"]["entity_id"],))[0] == f"{carer_id}:shared"



def test_a_protected_identity_keeps_the_record_in_the_carers_own_units(
    harness: Harness, town: dict[str, Any]
) -> None:
    """Skyddade personuppgifter: no unit is granted the shared scope of a protected carer;
    marking a carer protected ends the grants it had."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([_consent(make, carer_id, "share_with_care")])
    assert town["shared"]["mutation_id"] in _ids(town["cecilia"])
    sara.push([make.make(entity_id=carer_id, fields={"protected_identity": True})])
    assert town["shared"]["mutation_id"] not in _ids(town["cecilia"])
    sara.push([_consent(make, carer_id, "share_with_unit", unit_id=town["units"][2])])
    assert town["shared"]["mutation_id"] not in _ids(town["kurt"])
    with harness.store.db.transaction() as tx:
        assert tx.all("SELECT * FROM scope_grants") == []
    assert town["shared"]["mutation_id"] in _ids(sara)


def test_a_protocol_2_laptop_pulls_only_what_it_may_in_the_same_shape(
    harness: Harness, town: dict[str, Any]
) -> None:
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([_consent(make, carer_id, "share_with_care")])
    old = harness.client(protocol_version=2)
    old.login("cecilia", PASSWORD, device_id="gammal-dator", device_name="Gammal")
    changes, _cursor, integrity = pull_all(old)
    # the cared-for person (in the care unit's own scope), the shared entry and the carer's
    # card (part F), the card as a content-less stub: a protocol-2 laptop does not know it
    assert sorted(c["entity"] for c in changes) == ["cared_for", "carer_card", "entry"]
    (entry,) = [c for c in changes if c["entity"] == "entry"]
    assert {k: v for k, v in entry.items() if k != "server_seq"} == town["shared"]
    (card,) = [c for c in changes if c["entity"] == "carer_card"]
    assert card["set_aside"] == "retired" and card["fields"] == {} and card["base"] == {}
    assert "Hedda" not in json.dumps(changes)
    assert integrity["count"] == 3


def _purges(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in changes if c.get("kind") == "purge"]


def _served_digest(changes: list[dict[str, Any]]) -> tuple[int, str]:
    """The combined digest of what was served (every change counts once, a purge by its id)."""
    checksum = EMPTY_CHECKSUM
    for change in changes:
        checksum = add_to_checksum(checksum, change.get("mutation_id") or change["purge_id"])
    return len(changes), checksum


def test_ending_a_grant_sends_an_audience_purge_to_that_unit_only(
    harness: Harness, town: dict[str, Any]
) -> None:
    """Withdrawing the care consent / ending a sharing: exactly the unit that lost the ground
    is served a purge naming the shared scope's records; nothing is removed on the server;
    the carer's own unit, the other granted unit and an unrelated unit get no purge; the
    served digest covers the purge; a grant given again is served the entries with the old
    purge marked ``retained``."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    _support, care, short, _other = town["units"]
    shared_key = f"{carer_id}:shared"
    consent = _consent(make, carer_id, "share_with_care")
    sharing = _consent(make, carer_id, "share_with_unit", unit_id=short)
    sara.push([consent, sharing])
    # cecilia's unit writes to the shared story too
    make_c = MutationFactory(harness, town["cecilia"])
    own = _entry(make_c, carer_id, "shareable", "Harald åt bra idag")
    town["cecilia"].push([own])
    cursors = {name: pull_all(town[name])[1] for name in ("sara", "cecilia", "kurt", "olle")}

    sara.push([make.make(entity="consent", entity_id=consent["entity_id"], carer_id=carer_id,
                         fields={"withdrawn_at": "2026-04-01"})])
    after = {name: pull_all(town[name], cursors[name])[0] for name in ("sara", "cecilia", "kurt", "olle")}
    (purge,) = _purges(after["cecilia"])
    assert {k: v for k, v in purge.items() if k not in ("purge_id", "server_seq")} == {
        "kind": "purge", "scope": f"{carer_id}:ended:{care}", "forget": shared_key,
        # the shared entries and the carer's card (part F): the unit forgets them all
        "entities": sorted([["entry", town["shared"]["entity_id"]], ["entry", own["entity_id"]],
                            ["carer_card", carer_id]]),
        "reason": "consent_withdrawn", "audience": {"unit_ids": [care]},
    }
    assert after["cecilia"] == [purge]
    assert _purges(after["sara"]) == [] and _purges(after["kurt"]) == [] and after["olle"] == []
    # nothing removed on the server: the support unit and kurt's unit keep every entry
    with harness.store.db.transaction() as tx:
        assert tx.all("SELECT * FROM purged_records") == []
        assert tx.all("SELECT * FROM set_aside") == []
        # two entries and the carer's card
        assert tx.one("SELECT count(*) FROM entities WHERE scope_key = ?", (shared_key,))[0] == 3
        assert tx.one("SELECT reason, mutations_set_aside, records_deleted FROM purges") == (
            "consent_withdrawn", 0, 0)
    assert {town["shared"]["mutation_id"], own["mutation_id"]} <= _ids(sara) & _ids(town["kurt"])
    # the digest cecilia is served covers exactly what she is served, the purge included
    changes, _cursor, digest = pull_all(town["cecilia"])
    assert _served_digest(changes) == (digest["count"], digest["checksum"])
    assert [c["entity"] for c in changes if "entity" in c] == ["cared_for"]
    # unreadable now: the shared scope refused to a read and a push, both logged
    with pytest.raises(Forbidden):
        town["cecilia"].state(shared_key)
    with pytest.raises(Forbidden):
        town["cecilia"].push([_entry(make_c, carer_id, "shareable", "förfalskat")])
    assert [(r["username"], r["action"]) for r in _denied(harness)] == [
        ("cecilia", "state"), ("cecilia", "push")]
    # her laptop forgot her own entry: sent again as its stub (its answer was lost), it is
    # acknowledged as the same mutation and the server keeps the original
    stub = {**own, "fields": {}, "base": {}}
    assert town["cecilia"].push([stub])["acked"] == [own["mutation_id"]]
    assert own["mutation_id"] in _ids(sara)
    with harness.store.db.transaction() as tx:
        stored = tx.one("SELECT payload FROM mutations WHERE mutation_id = ?", (own["mutation_id"],))[0]
    assert "Harald åt bra idag" in stored
    # a stub with another envelope is still a reused id
    with pytest.raises(RequestRejected):
        town["cecilia"].push([{**stub, "hlc": harness.hlc(stub["client_id"])}])

    # ending the sharing with the short-term unit: kurt's unit gets its own purge
    sara.push([make.make(entity="consent", entity_id=sharing["entity_id"], carer_id=carer_id,
                         fields={"withdrawn_at": "2026-04-02"})])
    (ended,) = _purges(pull_all(town["kurt"], cursors["kurt"])[0])
    assert (ended["reason"], ended["audience"], ended["scope"]) == (
        "sharing_ended", {"unit_ids": [short]}, f"{carer_id}:ended:{short}")
    assert len(_purges(pull_all(town["cecilia"])[0])) == 1
    assert _purges(pull_all(sara)[0]) == []

    # the care consent given again: cecilia is served the entries, the old purge retained
    sara.push([_consent(make, carer_id, "share_with_care")])
    changes, _cursor, digest = pull_all(town["cecilia"])
    (again,) = _purges(changes)
    assert again["purge_id"] == purge["purge_id"] and again["retained"] is True
    assert {town["shared"]["mutation_id"], own["mutation_id"]} <= {c.get("mutation_id") for c in changes}
    assert _served_digest(changes) == (digest["count"], digest["checksum"])


def test_an_audience_purge_is_retained_for_a_user_who_still_sees_the_scope(
    harness: Harness, town: dict[str, Any]
) -> None:
    """A user of both the carer's support unit and the care unit keeps the shared entries
    when the care consent is withdrawn: the purge reaches her laptop marked retained."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    support, care, _short, _other = town["units"]
    both = harness.logged_in(harness.user("dora", [support, care]))
    consent = _consent(make, carer_id, "share_with_care")
    sara.push([consent])
    sara.push([make.make(entity="consent", entity_id=consent["entity_id"], carer_id=carer_id,
                         fields={"withdrawn_at": "2026-04-01"})])
    changes, _cursor, digest = pull_all(both)
    (purge,) = _purges(changes)
    assert purge["retained"] is True
    assert "retained" not in _purges(pull_all(town["cecilia"])[0])[0]
    assert town["shared"]["mutation_id"] in {c.get("mutation_id") for c in changes}
    assert _served_digest(changes) == (digest["count"], digest["checksum"])


def test_a_protocol_2_laptop_of_the_unit_that_lost_the_ground_is_told_to_update(
    harness: Harness, town: dict[str, Any]
) -> None:
    """A protocol-2 laptop cannot receive a purge: once the care consent is withdrawn, the
    care unit's old laptop is answered 426 update_required (it keeps its data and can be
    updated); old laptops of the carer's own unit and of an unrelated unit go on syncing."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    consent = _consent(make, carer_id, "share_with_care")
    sara.push([consent])
    olds = {}
    for name in ("cecilia", "sara", "olle"):
        old = harness.client(protocol_version=2)
        old.login(name, PASSWORD, device_id=f"gammal-{name}", device_name="Gammal")
        olds[name] = (old, pull_all(old)[1])
    sara.push([make.make(entity="consent", entity_id=consent["entity_id"], carer_id=carer_id,
                         fields={"withdrawn_at": "2026-04-01"})])
    old, cursor = olds["cecilia"]
    with pytest.raises(ProtocolVersionError) as raised:
        old.pull(cursor)
    assert (raised.value.status, raised.value.code) == (426, "update_required")
    for name in ("sara", "olle"):
        old, cursor = olds[name]
        changes, _cursor, _digest = pull_all(old, cursor)
        assert _purges(changes) == [], name


def test_marking_a_person_protected_ends_the_sharing_and_the_unit_forgets_it(
    harness: Harness, town: dict[str, Any]
) -> None:
    """Skyddade personuppgifter: a protected cared-for person grants its care unit nothing
    (the care unit's laptops are sent an audience purge; the unit shared with by "Dela med
    enhet…" keeps its sight); a protected carer ends every grant, each unit is sent one."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    _support, care, short, _other = town["units"]
    sara.push([_consent(make, carer_id, "share_with_care"),
               _consent(make, carer_id, "share_with_unit", unit_id=short)])
    cursors = {name: pull_all(town[name])[1] for name in ("cecilia", "kurt")}
    (cared_for_id,) = [c["entity_id"] for c in pull_all(sara)[0] if c.get("entity") == "cared_for"]
    sara.push([make.make(entity="cared_for", entity_id=cared_for_id, carer_id=None,
                         unit_ids=[town["units"][0], care], fields={"protected_identity": True})])
    purges = _purges(pull_all(town["cecilia"], cursors["cecilia"])[0])
    assert [(p["scope"], p["reason"]) for p in purges] == [(f"{carer_id}:ended:{care}", "consent_withdrawn")]
    assert _purges(pull_all(town["kurt"], cursors["kurt"])[0]) == []
    assert town["shared"]["mutation_id"] in _ids(town["kurt"])
    sara.push([make.make(entity_id=carer_id, fields={"protected_identity": True})])
    (ended,) = _purges(pull_all(town["kurt"], cursors["kurt"])[0])
    assert ended["reason"] == "sharing_ended" and town["shared"]["mutation_id"] not in _ids(town["kurt"])


# -- the carer's card (docs/PROTOCOL-3.md part F; server/store/card.py) ---------------------
def _cards(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in changes if c.get("entity") == "carer_card"]


def test_a_granted_unit_is_served_the_carers_card_and_it_follows_the_carer(
    harness: Harness, town: dict[str, Any]
) -> None:
    """The carer record's shared fields reach a granted unit as the server's ``carer_card``
    in the shared scope: name, birth year and preferred language, never an address, phone,
    e-mail or personnummer; it follows a change of those fields (and only of those); the
    digest covers it; the carer's own unit is served it in the same scope."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([make.make(entity_id=carer_id, fields={
        "birth_date": "1951-04-02", "preferred_language": "fi", "phone": "070-1234567",
        "address": "Lönngatan 3", "email": "hedda@example.se", "personnummer": "195104021234"})])
    # no grant, no card
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT count(*) FROM mutations WHERE entity = 'carer_card'")[0] == 0
    sara.push([_consent(make, carer_id, "share_with_care")])
    changes, cursor, digest = pull_all(town["cecilia"])
    (card,) = _cards(changes)
    assert (card["entity_id"], card["carer_id"], card["client_id"]) == (carer_id, carer_id, "server:card")
    assert card["fields"] == {"name": "Hedda Prov", "birth_year": 1951, "preferred_language": "fi"}
    served = json.dumps(changes, ensure_ascii=False)
    for secret in ("070-1234567", "Lönngatan", "hedda@example.se", "195104021234"):
        assert secret not in served
    assert _served_digest(changes) == (digest["count"], digest["checksum"])
    with harness.store.db.transaction() as tx:
        assert tx.one("SELECT scope_key FROM mutations WHERE mutation_id = ?",
                      (card["mutation_id"],))[0] == f"{carer_id}:shared"
    assert card["mutation_id"] in _ids(sara)  # the own unit: the same scope
    assert card["mutation_id"] not in _ids(town["olle"]) | _ids(town["kurt"])

    # a change of the name: a new card; a change of the phone alone: none
    sara.push([make.make(entity_id=carer_id, fields={"name": "Hedda Provsdotter"})])
    sara.push([make.make(entity_id=carer_id, fields={"phone": "070-7654321"})])
    later, _cursor, digest = pull_all(town["cecilia"], cursor)
    (renamed,) = _cards(later)
    assert renamed["fields"]["name"] == "Hedda Provsdotter" and renamed["hlc"] > card["hlc"]
    assert "070-7654321" not in json.dumps(later)
    changes, _cursor, digest = pull_all(town["cecilia"])
    assert _served_digest(changes) == (digest["count"], digest["checksum"])


def test_a_pushed_carer_card_is_refused_and_logged(harness: Harness, town: dict[str, Any]) -> None:
    """Only the server writes a card: a laptop's push of one (a granted unit's forging the
    name, or the own unit's) is refused with 403 ``forbidden_entity`` and logged."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([_consent(make, carer_id, "share_with_care")])
    before = _cards(pull_all(town["cecilia"])[0])
    for client in (town["cecilia"], sara):
        forged = MutationFactory(harness, client).make(
            entity="carer_card", entity_id=carer_id, carer_id=carer_id,
            fields={"name": "Förfalskat Namn"})
        with pytest.raises(Forbidden) as refused:
            client.push([forged])
        assert refused.value.code == "forbidden_entity"
    assert [(r["username"], r["action"], r["detail"]) for r in _denied(harness)] == [
        ("cecilia", "push", "forbidden_entity entity"), ("sara", "push", "forbidden_entity entity")]
    assert _cards(pull_all(town["cecilia"])[0]) == before
    assert "Förfalskat" not in json.dumps(pull_all(sara)[0], ensure_ascii=False)


def test_a_protected_carer_gets_no_card(harness: Harness, town: dict[str, Any]) -> None:
    """Skyddade personuppgifter: a protected carer grants no unit anything, so no card is
    written and the granted unit forgets the one it had."""
    make, carer_id, sara = town["make"], town["carer"]["entity_id"], town["sara"]
    sara.push([_consent(make, carer_id, "share_with_care")])
    changes, cursor, _digest = pull_all(town["cecilia"])
    assert len(_cards(changes)) == 1
    sara.push([make.make(entity_id=carer_id, fields={"protected_identity": True, "name": "Hedda Ny"})])
    later = pull_all(town["cecilia"], cursor)[0]
    assert _cards(later) == []
    (purge,) = _purges(later)
    assert ["carer_card", carer_id] in purge["entities"]
    with harness.store.db.transaction() as tx:
        assert "Hedda Ny" not in json.dumps(
            tx.all("SELECT payload FROM mutations WHERE entity = 'carer_card'"), ensure_ascii=False)
