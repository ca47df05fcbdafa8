"""Migration 0005: the search tables get FTS5 prefix indexes for one and two letters.

Typing "avlösning h" asks for every word starting with "h"; without a prefix index FTS5
merges the doclists of all of them. The migration rebuilds the tables from their own
stored text, so an existing profile finds exactly what it found before.
"""

from __future__ import annotations

from anhorigdesk.store.migrations import SEARCH_TABLES, _search_prefix_index

QUERIES = ["a", "as", "asa", "h", "he", "helg", "v", "vaxel", "avlosning h", "ovningsberg a", "x"]


def _fill(repo, actor) -> None:
    asa = repo.create_carer(actor, name="Åsa Övningsberg")
    hanna = repo.create_carer(actor, name="Hanna Exempelgren")
    repo.create_carer(actor, name="Anders Påhittsson")
    repo.add_entry(actor, asa, "samtal", {"text": "Avlösning en helg i månaden"})
    repo.add_entry(actor, hanna, "samtal", {"text": "Önskar växelvård, hemtjänst varje vecka"})
    repo.add_entry(actor, hanna, "samtal", {"text": "Hälsan har blivit sämre"})


def _answers(repo, actor) -> dict[str, list[str]]:
    return {q: sorted(r["id"] for r in repo.search(actor, q)) for q in QUERIES}


def test_new_databases_have_prefix_indexes(repo):
    conn = repo.db.reader()
    for table in SEARCH_TABLES:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        assert "prefix = '1 2'" in sql and "remove_diacritics 2" in sql
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names[-1] == "0005_search_prefix_index"


def test_rebuilding_keeps_every_answer(repo, actor):
    _fill(repo, actor)
    before = _answers(repo, actor)
    assert before["h"] and before["avlosning h"] and before["as"]  # the probe finds things
    repo.db.writer.run(_search_prefix_index)  # as an existing profile is migrated
    assert _answers(repo, actor) == before
    conn = repo.db.reader()
    assert conn.execute("SELECT count(*) FROM entry_search").fetchone()[0] == 3
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_rebuilt%'").fetchall()


def test_short_prefixes_find_words_anywhere_after_the_first(repo, actor):
    _fill(repo, actor)
    by_name = {r["name"]: r["id"] for r in repo.list_carers(actor)}
    assert {r["id"] for r in repo.search(actor, "avlosning h")} == {by_name["Åsa Övningsberg"]}
    assert {r["id"] for r in repo.search(actor, "ha")} == {r["id"] for r in repo.search(actor, "hanna")}
