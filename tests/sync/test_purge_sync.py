"""Thinning reaches every copy (docs/PROTOCOL-3.md part D, #13): laptops apply purges in one
writer transaction, drop unsent edits with a count, keep integrity, and leave none of the
thinned text in any decrypted page of the database file or its WAL."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from anhorigdesk.server.store.purge import write_purge
from anhorigdesk.store.repository import NotFound
from anhorigdesk.sync import purge as purge_module
from anhorigdesk.sync.messages import purge_note
from anhorigdesk.sync.purge import reapply_after_restore, reapply_purges

from .conftest import Laptop, World

NAME = "Gallrad Hemligsson"
NOTES = "Berättade om oron för sonens missbruk"
ENTRY_TEXT = "Samtal om växelvård och nattsömn hos Hemligsson, kodord Qzxwvkod"
INDEX_TOKEN = "qzxwvkod"  # as the search index stores it (lower case): only the index holds it
DRAFT_TEXT = "Utkast om Hemligssons ekonomi"
LATE_EDIT = "Sen ändring om skulderna"
KEPT = "Kvarstående Karlsson"
SECRETS = (NAME, NOTES, ENTRY_TEXT, DRAFT_TEXT, LATE_EDIT)
LATER = "9999-12-31T00:00:00.000000Z"

PAGE = 4096
RESERVE = 48  # SQLCipher 4 with HMAC-SHA256: IV 16 + HMAC 32


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    body_start = 16 if first else 0  # page 1 begins with the salt
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[body_start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(path: Path, key: bytes) -> list[bytes]:
    """Every page of the encrypted database file and every frame of its WAL, decrypted."""
    pages = []
    data = path.read_bytes()
    for n in range(len(data) // PAGE):
        pages.append(_decrypt(data[n * PAGE : (n + 1) * PAGE], key, n == 0))
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        frames = wal.read_bytes()[32:]
        for start in range(0, len(frames) - 24 - PAGE + 1, 24 + PAGE):
            number = int.from_bytes(frames[start : start + 4], "big")
            pages.append(_decrypt(frames[start + 24 : start + 24 + PAGE], key, number == 1))
    return pages


def found_in_pages(laptop: Laptop, texts: tuple[str, ...]) -> set[str]:
    pages = decrypted_pages(laptop.db.path, laptop.db._key)
    return {t for t in texts for p in pages if t.encode("utf-8") in p}


def _gone(laptop: Laptop, entity: str, entity_id: str) -> bool:
    try:
        laptop.record(entity, entity_id)
    except NotFound:
        return True
    return False


@pytest.mark.parametrize("bulk", [False, True], ids=["row_by_row", "bulk_unindex"])
def test_thinning_reaches_every_laptop_and_leaves_no_text_on_disk(
    world: World, bulk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bulk``: the search index is cleared as for a large purge (secure-delete off, then
    each index merged into one segment) — it leaves no token behind either."""
    if bulk:
        monkeypatch.setattr(purge_module, "BULK_UNINDEX", 1)
    a, b = world.laptop("a"), world.laptop("b")
    carer = world.new_carer(a, name=NAME, notes=NOTES)
    entry = a.repo.add_entry(a.actor, carer, "conversation", {"text": ENTRY_TEXT})
    kept = world.new_carer(a, name=KEPT, notes="Fortsatt stöd")
    a.sync(), b.sync()
    a.repo.update_carer(a.actor, carer, notes=NOTES + " igen")  # sent before the purge
    a.sync()
    b.sync()
    a.repo.save_draft(a.actor, form_id="conversation", data={"text": DRAFT_TEXT}, carer_id=carer)
    b.repo.update_carer(b.actor, carer, notes=LATE_EDIT)  # B: an edit not yet sent
    # positive control: the decryption sees the text before the thinning
    assert found_in_pages(a, (NAME, ENTRY_TEXT, INDEX_TOKEN)) == {NAME, ENTRY_TEXT, INDEX_TOKEN}

    result = write_purge(world.server.store, carer, None, "gallring", None, active_after=LATER)
    assert result.records == 2

    report_a = a.sync()
    assert report_a.integrity_ok and report_a.purged == 2 and report_a.purge_dropped == 0
    report_b = b.sync()
    assert report_b.integrity_ok and report_b.purged == 2 and report_b.purge_dropped == 1
    assert purge_note(report_b.purge_dropped, "sv") == (
        "1 ändringar kunde inte skickas: posten är gallrad. Ändringarna har tagits bort från datorn."
    )
    assert b.engine.status().pending == 0
    c = world.laptop("c")  # a new laptop pulls the stubs and the purge from 0
    assert c.sync().integrity_ok

    for laptop in (a, b, c):
        assert _gone(laptop, "carer", carer) and _gone(laptop, "entry", entry)
        assert laptop.record("carer", kept)["name"] == KEPT
        assert laptop.repo.search(laptop.actor, "Hemligsson") == []
        assert [r["id"] for r in laptop.repo.search(laptop.actor, "Karlsson")] == [kept]
        conn = laptop.db.reader()
        for table in ("record_versions", "sync_entity_state", "outbox", "sync_quarantine"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE entity_id IN (?, ?)",
                                (carer, entry)).fetchone()[0] == 0, table
        assert conn.execute("SELECT count(*) FROM drafts WHERE carer_id = ?", (carer,)).fetchone()[0] == 0
        log_text = " ".join(r[0] for r in conn.execute("SELECT payload FROM sync_log"))
        assert not any(s in log_text for s in SECRETS)
        assert conn.execute("SELECT count(*) FROM sync_purges").fetchone()[0] == 1
        # nothing of the thinned record in any decrypted page, WAL included
        assert found_in_pages(laptop, (*SECRETS, INDEX_TOKEN)) == set(), laptop.name
    # B's late edit reached the server only as a stub: no text of it is stored there
    with world.server.db.transaction() as tx:
        stored = " ".join(r[0] for r in tx.all("SELECT payload FROM mutations"))
        stored += " ".join(r[0] for r in tx.all("SELECT state FROM entities"))
    assert not any(s in stored for s in SECRETS) and KEPT in stored
    # another sync is quiet and stays consistent
    assert a.sync().integrity_ok and b.sync().integrity_ok


def test_recorded_purges_are_applied_again_after_a_restore(world: World, tmp_path: Path) -> None:
    a = world.laptop("a")
    carer = world.new_carer(a, name=NAME, notes=NOTES)
    a.sync()
    write_purge(world.server.store, carer, None, "sharing_ended", None)
    assert a.sync().purged == 1
    # a profile backup from before the thinning brings the record back into the tables:
    # simulated by writing the row again the way a restored file would hold it
    a.db.writer.run(lambda conn: conn.execute(
        "INSERT INTO carers (id, name, notes, hlc, created_at, updated_at) SELECT ?, ?, ?, ?, ?, ?"
        " WHERE NOT EXISTS (SELECT 1 FROM carers WHERE id = ?)",
        (carer, NAME, NOTES, "0" * 16, "2026-01-01", "2026-01-01", carer)))
    assert not _gone(a, "carer", carer)
    assert reapply_after_restore(a.db) == 1  # the hook profiles/backup.py calls
    assert a.db.writer.run(lambda conn: reapply_purges(conn, at="test")) == 1  # idempotent
    assert _gone(a, "carer", carer)
    assert a.sync().integrity_ok


@pytest.mark.parametrize("reason", ["gallring"])
def test_a_purge_refused_for_recent_activity_changes_no_laptop(world: World, reason: str) -> None:
    from anhorigdesk.server.store.purge import PurgeRefused

    a = world.laptop("a")
    carer = world.new_carer(a, name=NAME)
    a.sync()
    with pytest.raises(PurgeRefused):
        write_purge(world.server.store, carer, None, reason, None, active_after="2000-01-01T00:00:00Z")
    report = a.sync()
    assert report.purged == 0 and a.record("carer", carer)["name"] == NAME
