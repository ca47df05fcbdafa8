"""Nothing left on the server's disk after gallring (#13, docs/GALLRING.md "Nothing left on
disk"): the SQLite server database (``server.db``) and its WAL are read byte by byte after a
run, with the server's connections still open (a live server neither closes nor
checkpoints on its own), and none of a thinned carer's strings is in any page or WAL frame
— not in a mutation payload, a merged state, an older version of either left in a page's
free space, a statistics fact or a freelist page. A carer not yet due is the positive
control (its strings are found by the same scan)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from anhorigdesk.server import gallring
from anhorigdesk.server.app import build_asgi
from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords, SecurityPolicy
from anhorigdesk.server.store import ServerStore

from .conftest import FakeClock, Harness, MutationFactory, pull_all

FUTURE = date(2033, 6, 1)  # more than five years after the fake clock's first pushes (2026)
LONG = "Gallrassons långa anteckning. " + "Ett långt samtal om veckan. " * 300  # overflow pages
THINNED = ("Gallras Gallrasson", "Gallrad Gallradsdotter", "19500304-2388",
           "Samtal om Gallrassons oro", "Andra versionen av Gallrassons anteckning",
           "Gallrassons borttagna anteckning", "Gallrassons långa anteckning")
KEPT = ("Aktiv Aktivsson", "Samtal om Aktivssons vecka")


@pytest.fixture
def sqlite_harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    monkeypatch.setenv("ANHORIGDESK_GALLRING_ALLOW_FUTURE", "1")
    db = Database(f"sqlite:///{tmp_path / 'server.db'}")
    migrate(db)
    clock = FakeClock()
    store = ServerStore(db, clock=clock, passwords=Passwords(fast=True), policy=SecurityPolicy())
    harness = Harness(store=store, clock=clock, app=build_asgi(store))
    yield harness
    harness.close()
    db.close()


def _on_disk(path: Path, texts: tuple[str, ...]) -> set[str]:
    """The texts found in any byte of the database file or its WAL (UTF-8)."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return {t for t in texts if t.encode("utf-8") in data}


def _entry(make: MutationFactory, carer: str, text: str, entry_id: str | None = None,
           op: str = "upsert") -> dict:
    return make.make(entity="entry", entity_id=entry_id, carer_id=carer, op=op, fields={
        "carer_id": carer, "kind": "conversation", "occurred_at": "2026-03-01T10:00:00Z",
        "data": {"text": text}} if op == "upsert" else {})


def test_no_thinned_string_is_left_in_any_page_of_the_server_database_or_its_wal(
    sqlite_harness: Harness,
) -> None:
    harness = sqlite_harness
    unit = harness.unit("Enhet A")
    anna = harness.user("anna", [unit])
    client = harness.logged_in(anna)
    make = MutationFactory(harness, client)
    thin = make.make(fields={"name": "Gallras Gallrasson", "personnummer": "19500304-2388"})
    note = _entry(make, thin["entity_id"], "Samtal om Gallrassons oro")
    gone = _entry(make, thin["entity_id"], "Gallrassons borttagna anteckning")
    long = _entry(make, thin["entity_id"], LONG)
    client.push([thin, note, gone, long])
    # edits: each rewrites the merged state (the old one's cell is freed) and adds a payload
    client.push([make.make(entity_id=thin["entity_id"], fields={"name": "Gallrad Gallradsdotter"}),
                 _entry(make, thin["entity_id"], "Andra versionen av Gallrassons anteckning",
                        note["entity_id"]),
                 _entry(make, thin["entity_id"], "", gone["entity_id"], op="delete"),
                 _entry(make, thin["entity_id"], "Kortare nu", long["entity_id"])])
    pull_all(client)  # the access log gets its rows
    harness.clock.advance(days=3 * 365)
    client = harness.logged_in(anna)  # the old session has expired
    make = MutationFactory(harness, client)
    kept = make.make(fields={"name": "Aktiv Aktivsson"})
    client.push([kept, _entry(make, kept["entity_id"], "Samtal om Aktivssons vecka")])
    path = harness.store.db.sqlite_path
    assert _on_disk(path, THINNED + KEPT) == set(THINNED + KEPT)  # the scan finds what is there

    report = gallring.run(harness.store.db, today=FUTURE)

    assert report.carers_thinned == 1 and report.entries_thinned == 3
    assert report.wal_truncated is True
    assert _on_disk(path, THINNED + KEPT) == set(KEPT)
    # and the server keeps working on the same files after it
    client.push([make.make(entity_id=kept["entity_id"], fields={"name": "Aktiv Aktivsson"})])
    assert _on_disk(path, THINNED) == set()


def test_every_server_connection_zeroes_what_it_deletes(sqlite_harness: Harness) -> None:
    """secure_delete is set by the server, not left to the SQLite build's default (some
    builds have it off): an edit's old merged state would otherwise stay in its page's free
    space until the page is reused, and gallring cannot find it there."""
    db = sqlite_harness.store.db
    with db.transaction() as a, db.transaction(write=True) as b:  # two pooled connections
        assert a.one("PRAGMA secure_delete") == (1,) and b.one("PRAGMA secure_delete") == (1,)


def test_a_reader_on_an_old_snapshot_keeps_the_wal_from_being_cut_and_the_run_says_so(
    sqlite_harness: Harness,
) -> None:
    db = sqlite_harness.store.db
    unit = sqlite_harness.unit("Enhet A")
    reader = sqlite3.connect(db.sqlite_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM units").fetchone()  # holds its snapshot
        sqlite_harness.unit("Enhet B")  # a write after it: the WAL cannot be cut yet
        assert gallring.truncate_wal(db, tries=2) is False
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert gallring.truncate_wal(db, tries=2) is True
    wal = db.sqlite_path.with_name(db.sqlite_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with db.transaction() as tx:  # the data is all in the database file
        assert {r[0] for r in tx.all("SELECT id FROM units")} >= {unit}
