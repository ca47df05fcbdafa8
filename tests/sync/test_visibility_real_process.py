"""Per-entry visibility through a real ``anhorigdesk-server`` process (issue #15 §1,
docs/PROTOCOL-3.md part F): laptops of a carer-support unit, the cared-for person's care
unit, a short-term unit and an unrelated unit each hold exactly what they may; a consent
moves exactly the ``shareable`` entries; a forged read across the line is denied and logged."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from anhorigdesk.store.entities import InvalidRecord
from anhorigdesk.store.repository import Actor
from anhorigdesk.sync.engine import RetryPolicy
from anhorigdesk.sync.protocol import PROTOCOL_HEADER, Forbidden
from tests.server.test_real_process import ServerProcess

from .conftest import PASSWORD, Laptop, Server, World


@pytest.fixture
def town(tmp_path: Path) -> Iterator[dict[str, Any]]:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir()
    server = Server(data_dir / "server.db")
    support, care, short, other = (
        server.store.create_unit(n) for n in ("Anhörigstöd", "Hemtjänst Norr", "Korttiden", "Hemtjänst Söder"))
    world = World(server=server, unit=support, tmp=tmp_path)
    process = ServerProcess(data_dir)
    retry = RetryPolicy(attempts=2, sleep=lambda s: None)

    def laptop(name: str, unit: str, user: str | None = None) -> Laptop:
        user = user or name
        if user not in world._users:
            world._users[user] = server.store.create_user(user, PASSWORD, [unit], "care_worker")
        made = world.laptop(name, user=user, transport=httpx.HTTPTransport(), base_url=process.url,
                            retry=retry)
        made.actor = Actor(staff_id=world._users[user], unit_id=unit, name=user)
        return made

    yield {"world": world, "laptop": laptop, "units": (support, care, short, other), "process": process}
    process.stop()
    world.close()


def _entries(laptop: Laptop) -> set[str]:
    return {r[0] for r in laptop.db.reader().execute("SELECT id FROM entries")}


def test_each_laptop_holds_exactly_what_it_may(town: dict[str, Any]) -> None:
    support, care, short, other = town["units"]
    laptop = town["laptop"]
    sara = laptop("sara", support)
    repo, actor = sara.repo, sara.actor
    carer_id = repo.create_carer(actor, name="Hedda Prov", unit_ids=[support])
    cared_for_id = repo.create(actor, "cared_for", name="Harald Prov", unit_ids=[support, care])
    repo.link_cared_for(actor, carer_id, name="Harald Prov", kind="partner", cared_for_id=cared_for_id)
    private = repo.add_entry(actor, carer_id, "samtal", {"text": "Hedda orkar inte"})
    shared = repo.add_entry(actor, carer_id, "samtal", {"text": "Harald sover dåligt"},
                            confidentiality="shareable")
    sara.sync()
    assert _entries(sara) == {private, shared}

    cecilia, kurt, olle = laptop("cecilia", care), laptop("kurt", short), laptop("olle", other)
    for other_laptop in (cecilia, kurt, olle):
        other_laptop.sync()
        assert _entries(other_laptop) == set(), other_laptop.name

    consent = repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                          given_at="2026-03-01", given_how="written")
    sharing = repo.create(actor, "consent", carer_id=carer_id, scope="share_with_unit",
                          given_at="2026-03-01", given_how="written", unit_id=short)
    sara.sync()
    for other_laptop in (cecilia, kurt, olle):
        other_laptop.sync()
    assert _entries(cecilia) == {shared} and _entries(kurt) == {shared} and _entries(olle) == set()
    # the carer record and its consents stay in the carer-only scope
    assert cecilia.db.reader().execute("SELECT count(*) FROM carers").fetchone()[0] == 0
    assert cecilia.db.reader().execute("SELECT count(*) FROM consents").fetchone()[0] == 0

    # a forged read of the carer-only scope across the line: denied and logged
    with pytest.raises(Forbidden):
        cecilia.client.state(carer_id)
    denied = [r for r in town["world"].server.store.access_log() if r["outcome"] == "denied"]
    assert [(r["username"], r["action"], r["detail"]) for r in denied] == [
        ("cecilia", "state", "forbidden_read_scope")]
    assert "Hedda" not in str(denied)

    # withdrawing the care consent: the care unit is no longer served the shared scope,
    # the short-term unit still is; a fresh laptop of the care unit gets nothing
    repo.update(actor, "consent", consent, withdrawn_at="2026-04-01")
    sara.sync()
    fresh = laptop("cecilia-2", care, "cecilia")
    fresh.sync()
    assert _entries(fresh) == set()
    kurt.sync()
    assert _entries(kurt) == {shared}
    cecilia.sync()  # keeps syncing, and forgets what it held (the audience purge of part D)
    assert _entries(cecilia) == set()
    repo.update(actor, "consent", sharing, withdrawn_at="2026-04-02")
    sara.sync()
    fresh_kurt = laptop("kurt-2", short, "kurt")
    fresh_kurt.sync()
    assert _entries(fresh_kurt) == set()
    sara.sync()
    assert _entries(sara) == {private, shared}


SHARED_TEXT = "Harald sover dåligt om nätterna"


def _card(laptop: Laptop, carer_id: str) -> tuple[Any, ...] | None:
    """The carer's card (part F) as a laptop holds it: name, birth year, language."""
    row = laptop.db.reader().execute(
        "SELECT name, birth_year, preferred_language FROM carer_cards WHERE id = ?", (carer_id,)).fetchone()
    return None if row is None else tuple(row)


def _quarantined(laptop: Laptop) -> int:
    return int(laptop.db.reader().execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])


def _traces(laptop: Laptop, entry_id: str) -> dict[str, int]:
    """Where an entry can linger on a laptop: its row, its merge state, the search index
    (any row matching a word of its text), the shared scope's integrity figures."""
    conn = laptop.db.reader()
    return {
        "entries": conn.execute("SELECT count(*) FROM entries WHERE id = ?", (entry_id,)).fetchone()[0],
        "state": conn.execute(
            "SELECT count(*) FROM sync_entity_state WHERE entity_id = ?", (entry_id,)).fetchone()[0],
        "search": conn.execute(
            "SELECT count(*) FROM entry_search WHERE entry_search MATCH 'nätterna'").fetchone()[0],
        "figures": conn.execute(
            "SELECT count(*) FROM sync_scopes WHERE scope_key LIKE '%:shared'").fetchone()[0],
    }


def test_withdrawing_consent_removes_the_shared_entries_from_that_units_laptops(
    town: dict[str, Any]
) -> None:
    """Issue #15 §1 through a real server process: withdrawing the care consent removes the
    shared entries from the care unit's laptop at its next sync (row, versions, merge state,
    search index, text on disk) and from no one else's; the digest agrees afterwards; a
    consent given again brings them back; ending the sharing with the short-term unit
    removes them there; a user of both the support unit and the care unit keeps them; a
    protocol-2 laptop of the care unit is told to update."""
    from tests.sync.test_purge_sync import found_in_pages

    from .conftest import PASSWORD as _PASSWORD

    support, care, short, _other = town["units"]
    laptop, world = town["laptop"], town["world"]
    world._users["dora"] = world.server.store.create_user("dora", _PASSWORD, [support, care], "care_worker")
    sara = laptop("sara", support)
    repo, actor = sara.repo, sara.actor
    carer_id = repo.create_carer(actor, name="Hedda Prov", unit_ids=[support])
    cared_for_id = repo.create(actor, "cared_for", name="Harald Prov", unit_ids=[support, care])
    repo.link_cared_for(actor, carer_id, name="Harald Prov", kind="partner", cared_for_id=cared_for_id)
    private = repo.add_entry(actor, carer_id, "samtal", {"text": "Hedda orkar inte"})
    shared = repo.add_entry(actor, carer_id, "samtal", {"text": SHARED_TEXT}, confidentiality="shareable")
    consent = repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                          given_at="2026-03-01", given_how="written")
    sharing = repo.create(actor, "consent", carer_id=carer_id, scope="share_with_unit",
                          given_at="2026-03-01", given_how="written", unit_id=short)
    sara.sync()
    cecilia, kurt, dora = laptop("cecilia", care), laptop("kurt", short), laptop("dora", support)
    old = laptop("cecilia-old", care, "cecilia")
    old.client.protocol_version = 2  # the program before protocol 3: no purges
    old.client._http.headers[PROTOCOL_HEADER] = "2"
    for each in (cecilia, kurt, dora, old):
        each.sync()
    assert _entries(cecilia) == _entries(kurt) == _entries(old) == {shared}
    assert _entries(dora) == {private, shared}
    assert found_in_pages(cecilia, (SHARED_TEXT,)) == {SHARED_TEXT}  # positive control
    assert _traces(cecilia, shared) == {"entries": 1, "state": 1, "search": 1, "figures": 1}
    # the carer's card (part F): the granted units hold it; the protocol-2 laptop holds no card
    assert _card(cecilia, carer_id) == _card(kurt, carer_id) == ("Hedda Prov", None, None)
    assert _card(old, carer_id) is None
    for each in (cecilia, kurt, dora, old, sara):
        assert _quarantined(each) == 0, each.name

    repo.update(actor, "consent", consent, withdrawn_at="2026-04-01")
    sara.sync()
    report = cecilia.sync()
    assert report.purged == 2  # the shared entry and the carer's card
    assert _card(cecilia, carer_id) is None
    assert _entries(cecilia) == set()
    assert _traces(cecilia, shared) == {"entries": 0, "state": 0, "search": 0, "figures": 0}
    assert found_in_pages(cecilia, (SHARED_TEXT,)) == set()
    assert cecilia.sync().repaired is False  # the digest agrees: nothing to repair
    for each in (kurt, dora, sara):
        assert each.sync().purged == 0, each.name
    assert _entries(kurt) == {shared} and _entries(dora) == {private, shared}
    assert _entries(sara) == {private, shared}
    # the care unit's protocol-2 laptop cannot be told to forget: it is told to update
    stopped = old.engine.sync_once()
    assert stopped.error == "update_required"
    assert _entries(old) == {shared}  # keeps its data until it is updated

    # the consent given again: the care unit sees the shared story again
    repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                given_at="2026-05-01", given_how="written")
    sara.sync()
    cecilia.sync()
    assert _entries(cecilia) == {shared}
    assert _card(cecilia, carer_id) == ("Hedda Prov", None, None)
    assert cecilia.sync().repaired is False

    # ending the sharing with the short-term unit removes it from kurt's laptop only
    repo.update(actor, "consent", sharing, withdrawn_at="2026-05-02")
    sara.sync()
    assert kurt.sync().purged == 2  # the shared entry and the carer's card
    assert _entries(kurt) == set() and _entries(cecilia) == {shared}
    assert _card(kurt, carer_id) is None and _card(cecilia, carer_id) is not None
    assert kurt.sync().repaired is False
    assert cecilia.sync().purged == 0


def test_the_carers_card_follows_the_carer_and_cannot_be_forged(town: dict[str, Any]) -> None:
    """The carer's card (part F) through a real server process: the granted unit's laptop
    holds the card and it follows a change of the carer's name; a change of the phone alone
    writes none; a card a laptop makes up is refused by the server (and logged) and reaches
    no one; the carer's own unit quarantines nothing."""
    support, care, _short, _other = town["units"]
    laptop, world = town["laptop"], town["world"]
    sara = laptop("sara", support)
    repo, actor = sara.repo, sara.actor
    carer_id = repo.create_carer(actor, name="Hedda Prov", unit_ids=[support], birth_date="1951-04-02",
                                 phone="070-1234567", address="Lönngatan 3")
    cared_for_id = repo.create(actor, "cared_for", name="Harald Prov", unit_ids=[support, care])
    repo.link_cared_for(actor, carer_id, name="Harald Prov", kind="partner", cared_for_id=cared_for_id)
    shared = repo.add_entry(actor, carer_id, "samtal", {"text": SHARED_TEXT}, confidentiality="shareable")
    repo.create(actor, "consent", carer_id=carer_id, scope="share_with_care",
                given_at="2026-03-01", given_how="written")
    sara.sync()
    cecilia = laptop("cecilia", care)
    cecilia.sync()
    assert _entries(cecilia) == {shared}
    assert _card(cecilia, carer_id) == ("Hedda Prov", 1951, None)
    assert cecilia.db.reader().execute("SELECT count(*) FROM carers").fetchone()[0] == 0

    repo.update(actor, "carer", carer_id, name="Hedda Provsdotter")
    sara.sync()
    cecilia.sync()
    assert _card(cecilia, carer_id) == ("Hedda Provsdotter", 1951, None)
    repo.update(actor, "carer", carer_id, phone="070-7654321")
    sara.sync()
    with world.server.store.db.transaction() as tx:
        cards = tx.one("SELECT count(*) FROM mutations WHERE entity = 'carer_card'")[0]
    assert cards == 2  # the first card and the renamed one; the phone wrote none

    # a card made up on the granted laptop: its store refuses to write one; pushed by hand,
    # the server refuses it, logs it, and nobody gets it
    with pytest.raises(InvalidRecord):
        cecilia.repo.create(cecilia.actor, "carer_card", name="Förfalskat Namn")
    tokens = cecilia.client.token_store.load()
    assert tokens is not None
    forged = {"mutation_id": uuid.uuid4().hex, "client_id": tokens.device_id, "seq": 999,
              "entity": "carer_card", "entity_id": carer_id, "op": "upsert",
              "fields": {"name": "Förfalskat Namn"}, "base": {},
              "hlc": f"{int(time.time() * 1000):016d}-00000-{tokens.device_id}",
              "carer_id": carer_id, "unit_ids": [care],
              "actor": {"staff_id": tokens.user["id"], "unit_id": care}}
    with pytest.raises(Forbidden) as refused:
        cecilia.client.push([forged])
    assert refused.value.code == "forbidden_entity"
    denied = [r for r in world.server.store.access_log() if r["outcome"] == "denied"]
    assert [(r["username"], r["action"], r["detail"]) for r in denied] == [
        ("cecilia", "push", "forbidden_entity entity")]
    sara.sync()
    dora_like = laptop("sara-2", support, "sara")
    dora_like.sync()
    for each in (sara, dora_like):
        names = {r[0] for r in each.db.reader().execute("SELECT name FROM carer_cards")}
        assert names == {"Hedda Provsdotter"} and _quarantined(each) == 0, each.name
    # the carer's card stays the server's
    assert _card(cecilia, carer_id) == _card(dora_like, carer_id) == ("Hedda Provsdotter", 1951, None)
