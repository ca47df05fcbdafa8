"""Why each carer matched a search (issue 20, item 11): a hit in a note or in the record
beyond the name comes with the words around the match; a hit on the name needs none."""

from __future__ import annotations

from anhorigdesk.store.snippets import Matcher


def snippet(body, text):
    return Matcher.of(text).snippet(body)


def _fill(repo, actor):
    asa = repo.create_carer(actor, name="Åsa Övningsberg", address="Påhittade gatan 12, Exempelby")
    hanna = repo.create_carer(actor, name="Hanna Exempelgren", notes="Ringer helst på förmiddagen")
    bo = repo.create_carer(actor, name="Bo Avlöv")
    repo.add_entry(actor, asa, "samtal", {"note": "Vi pratade om nätterna och om behovet av avlösning några "
                                                  "timmar i veckan, helst på tisdagar när dottern jobbar."})
    repo.add_entry(actor, hanna, "samtal", {"note": "Önskar växelvård varje månad"})
    return asa, hanna, bo


def test_a_word_from_a_note_shows_where_it_was_found(repo, actor):
    asa, _hanna, _bo = _fill(repo, actor)
    found = {r["id"]: r for r in repo.search(actor, "avlösning")}
    assert set(found) == {asa}
    assert found[asa]["matched"] == "entry"
    assert found[asa]["snippet"] == "…av avlösning några timmar i…"
    # diacritics and case ignored, as the index ignores them; several words
    assert repo.search(actor, "VAXELV")[0]["snippet"] == "Önskar växelvård varje månad"
    assert repo.search(actor, "avl tisdag")[0]["snippet"].startswith("…av avlösning")


def test_a_name_needs_no_snippet_the_rest_of_the_record_has_one(repo, actor):
    asa, _hanna, bo = _fill(repo, actor)
    by_name = {r["id"]: r for r in repo.search(actor, "avl")}  # Bo Avlöv by name, Åsa by her note
    assert by_name[bo]["snippet"] == "" and by_name[bo]["matched"] == "carer"
    assert "avlösning" in by_name[asa]["snippet"]
    (row,) = repo.search(actor, "Hanna förmiddag")
    assert row["snippet"] == "…på förmiddagen"  # the name's own word is not repeated
    (row,) = repo.search(actor, "Exempelby")
    assert row["id"] == asa and row["snippet"] == "…12, Exempelby"


def test_snippet_words(repo, actor):
    words = "asa"
    assert snippet("Hos Åsa", words) == "Hos Åsa"
    assert snippet("ett två tre fyra fem sex sju åtta nio tio elva tolv Åsa", words) == "…tolv Åsa"
    assert snippet("inget här", words) == "" and snippet(None, words) == "" and snippet("Åsa", "") == ""
    carer_id = repo.create(actor, "carer", name="Åsa Öberg", phone="070-1740000")
    (row,) = repo.search(actor, words)  # the name explains the word: no snippet
    assert row["id"] == carer_id and row["snippet"] == ""
