"""The search tables' migrations.

0005: FTS5 prefix indexes for one and two letters. Typing "avlösning h" asks for every word
starting with "h"; without a prefix index FTS5 merges the doclists of all of them.

0006: an entry's index rowid carries its carer's rowid, so a search finds the carers of
matching entries from the doclist alone, without reading a stored row per entry.

Both rebuild the tables from their own stored text, so an existing profile finds exactly
what it found before. The tests take a profile written by this version, turn its search
tables back into the older layout, forget the migrations and open it again.
"""

from __future__ import annotations

from anhorigdesk.store import Database, Repository
from anhorigdesk.store.migrations import ENTRY_CARER_SHIFT

QUERIES = ["a", "as", "asa", "h", "he", "helg", "v", "vaxel", "avlosning h", "ovningsberg a", "x", "manaden"]
BODY = "(SELECT group_concat(value, ' ') FROM json_tree(e.data) WHERE type = 'text')"


def _fill(repo, actor) -> None:
    asa = repo.create_carer(actor, name="Åsa Övningsberg")
    hanna = repo.create_carer(actor, name="Hanna Exempelgren")
    repo.create_carer(actor, name="Anders Påhittsson")
    repo.add_entry(actor, asa, "samtal", {"text": "Avlösning en helg i månaden"})
    repo.add_entry(actor, hanna, "samtal", {"text": "Önskar växelvård, hemtjänst varje vecka"})
    repo.add_entry(actor, hanna, "samtal", {"text": "Hälsan har blivit sämre"})


def _answers(repo, actor) -> dict[str, list[str]]:
    return {q: sorted(r["id"] for r in repo.search(actor, q)) for q in QUERIES}


def _as_of(db: Database, layout: str) -> None:
    """Put the search tables back as migration 0004 (``layout='0004'``) or 0005 left them."""
    prefix = "" if layout == "0004" else ", prefix = '1 2'"
    forget = ("0005_search_prefix_index", "0006_entry_search_by_carer") if layout == "0004" \
        else ("0006_entry_search_by_carer",)

    def job(conn):
        conn.execute("DROP TABLE entry_search")
        conn.execute("CREATE VIRTUAL TABLE entry_search USING fts5(carer_id UNINDEXED, body,"
                     f" tokenize = 'unicode61 remove_diacritics 2'{prefix})")
        conn.execute(f"INSERT INTO entry_search(rowid, carer_id, body) SELECT e.rowid, e.carer_id, {BODY}"
                     " FROM entries e")
        if layout == "0004":
            conn.execute("CREATE VIRTUAL TABLE carer_old USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
            conn.execute("INSERT INTO carer_old(rowid, body) SELECT rowid, body FROM carer_search")
            conn.execute("DROP TABLE carer_search")
            conn.execute("ALTER TABLE carer_old RENAME TO carer_search")
        conn.execute(f"DELETE FROM migrations WHERE name IN ({', '.join('?' * len(forget))})", forget)

    db.writer.run(job)


def _reopen(repo: Repository, key: bytes) -> Repository:
    path = repo.db.path
    repo.db.close()
    return Repository(Database(path, key))


def _index_sql(repo, table: str) -> str:
    return repo.db.reader().execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def test_new_databases_have_the_current_layout(repo):
    for table in ("carer_search", "entry_search"):
        sql = _index_sql(repo, table)
        assert "prefix = '1 2'" in sql and "remove_diacritics 2" in sql
    assert "carer_id" not in _index_sql(repo, "entry_search")
    names = [r[0] for r in repo.db.reader().execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names.index("0006_entry_search_by_carer") == names.index("0005_search_prefix_index") + 1


def test_both_migrations_keep_every_answer(repo, actor, key):
    _fill(repo, actor)
    before = _answers(repo, actor)
    assert before["h"] and before["avlosning h"] and before["as"] and before["manaden"]  # the probe finds things
    _as_of(repo.db, "0004")
    repo = _reopen(repo, key)
    assert _answers(repo, actor) == before
    assert "prefix = '1 2'" in _index_sql(repo, "carer_search")
    assert "carer_id" not in _index_sql(repo, "entry_search")
    conn = repo.db.reader()
    assert conn.execute("SELECT count(*) FROM entry_search").fetchone()[0] == 3
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_rebuilt%'").fetchall()
    repo.db.close()


def test_0006_puts_each_entry_under_its_carer(repo, actor, key):
    _fill(repo, actor)
    before = _answers(repo, actor)
    _as_of(repo.db, "0005")
    assert "carer_id" in _index_sql(repo, "entry_search")
    repo = _reopen(repo, key)
    assert _answers(repo, actor) == before
    pairs = repo.db.reader().execute(
        "SELECT c.id, e.carer_id FROM entry_search s JOIN entries e ON e.rowid = s.rowid & 0xFFFFFFFF"
        " JOIN carers c ON c.rowid = s.rowid >> ?", (ENTRY_CARER_SHIFT,)).fetchall()
    assert len(pairs) == 3 and all(a == b for a, b in pairs)
    repo.db.close()


def test_short_prefixes_find_words_anywhere_after_the_first(repo, actor):
    _fill(repo, actor)
    by_name = {r["name"]: r["id"] for r in repo.list_carers(actor)}
    assert {r["id"] for r in repo.search(actor, "avlosning h")} == {by_name["Åsa Övningsberg"]}
    assert {r["id"] for r in repo.search(actor, "ha")} == {r["id"] for r in repo.search(actor, "hanna")}


def _merged(fields: dict, hlc: str) -> dict:
    return {"fields": fields, "field_hlc": dict.fromkeys(fields, hlc), "hlc": hlc, "deleted": False}


def test_an_entry_that_arrives_before_its_carer_is_found_once_the_carer_is_here(repo, actor):
    """Sync can bring a colleague's entry before the carer it belongs to."""
    carer_id, entry_id = "0190a0a0-0000-7000-8000-00000000c0de", "0190a0a0-0000-7000-8000-00000000e0e0"
    entry = _merged({"carer_id": carer_id, "kind": "samtal", "occurred_at": "2026-11-30T10:00:00+00:00",
                     "data": {"text": "Behöver avlösning på torsdagar"}}, "0000001900000000-0000-aa")
    assert repo.apply_remote(lambda conn: repo.write_merged(conn, "entry", entry_id, entry))
    assert repo.search(actor, "torsdagar") == []  # no carer to show yet
    repo.create_carer(actor, name="Någon Annan")  # another carer arriving changes nothing
    assert repo.search(actor, "torsdagar") == []
    carer = _merged({"name": "Vera Påhittad", "unit_ids": ["unit-1"]}, "0000001900000001-0000-aa")
    assert repo.apply_remote(lambda conn: repo.write_merged(conn, "carer", carer_id, carer))
    assert [r["id"] for r in repo.search(actor, "torsdagar")] == [carer_id]
    assert repo.db.reader().execute(
        "SELECT count(*) FROM entry_search WHERE rowid < ?", (1 << ENTRY_CARER_SHIFT,)).fetchone()[0] == 0


def test_migrate_reports_progress_only_when_it_has_work(repo, actor, key):
    from anhorigdesk.store import Database

    calls: list[tuple[int, int]] = []
    path = repo.db.path
    repo.db.close()
    Database(path, key, on_migration=lambda d, t: calls.append((d, t))).close()
    assert calls == []  # nothing to apply: nothing said
    db = Database(path, key)
    _as_of(db, "0004")
    db.close()
    Database(path, key, on_migration=lambda d, t: calls.append((d, t))).close()
    assert calls == [(0, 2), (1, 2), (2, 2)]
