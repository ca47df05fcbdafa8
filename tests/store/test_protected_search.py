"""Protected identity (skyddade personuppgifter, issue #15 §1) in search: a protected carer's
address and contact details never show in a search snippet, and a search on them does not
find the carer (it would tell whose address it is); the name, personnummer and notes still
find the carer, and an unprotected carer is found by address as before."""

from __future__ import annotations


def test_a_protected_carers_address_and_contact_details_stay_out_of_search(repo, actor):
    hidden = repo.create_carer(actor, name="Fiktiva Skyddsdal", address="Lönngatan 7, Exempelby",
                               phone="070-1234567", email="skydd@example.org",
                               notes="Ringer helst på förmiddagen", protected_identity=True)
    open_ = repo.create_carer(actor, name="Fiktiva Öppendal", address="Lönngatan 9, Exempelby")
    found = {r["id"]: r for r in repo.search(actor, "Lönngatan")}
    assert set(found) == {open_} and "Lönngatan 9" in found[open_]["snippet"]
    for query in ("0701234567", "070-1234567", "skydd@example.org", "Fiktiva Lönngatan", "Exempelby"):
        assert hidden not in {r["id"] for r in repo.search(actor, query)}, query
    (row,) = [r for r in repo.search(actor, "Skyddsdal förmiddag") if r["id"] == hidden]
    assert row["snippet"] == "…på förmiddagen"
    assert [r["snippet"] for r in repo.search(actor, "Skyddsdal")] == [""]
    # every field of every hit but its id (a random UUID, which may itself contain "070")
    everything = " ".join(str({k: v for k, v in r.items() if k != "id"})
                          for q in ("Fiktiva", "förmiddag", "Skyddsdal") for r in repo.search(actor, q))
    assert "Lönngatan 7" not in everything and "070" not in everything


def test_a_protected_namesake_is_listed_without_phone_and_address(repo, actor):
    """The "already registered?" list when a carer is registered: a protected namesake is
    still found (no double record), without its phone and address."""
    hidden = repo.create_carer(actor, name="Fiktiva Skyddsdal", address="Lönngatan 7",
                               phone="070-1234567", birth_date="1960-05-01", protected_identity=True)
    shown = repo.create_carer(actor, name="Fiktiva Skyddsdal", address="Storgatan 1",
                              phone="070-7654321", birth_date="1960-05-01")
    found = {r["id"]: r for r in repo.similar_carers(actor, "fiktiva  skyddsdal", birth_date="1960-05-01")}
    assert set(found) == {hidden, shown}
    assert (found[hidden]["phone"], found[hidden]["address"]) == (None, None)
    assert (found[shown]["phone"], found[shown]["address"]) == ("070-7654321", "Storgatan 1")
    (by_phone,) = repo.similar_carers(actor, "Fiktiva Skyddsdal", phone="0701234567")
    assert by_phone["id"] == hidden and by_phone["phone"] is None
