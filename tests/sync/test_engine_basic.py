"""Two laptops and a real in-process server: writes travel, conflicts are kept alike."""

from __future__ import annotations

from .conftest import World


def test_write_on_a_is_seen_on_b(world: World) -> None:
    a, b = world.laptop("a"), world.laptop("b")
    carer_id = world.new_carer(a, name="Greta Provsson", notes="Vill ha samtal på tisdagar")
    report = a.sync()
    assert report.pushed == 1 and a.repo.pending_count() == 0
    b.sync()
    carer = b.record("carer", carer_id)
    assert carer["name"] == "Greta Provsson"
    assert carer["notes"] == "Vill ha samtal på tisdagar"
    assert a.views() == b.views()
