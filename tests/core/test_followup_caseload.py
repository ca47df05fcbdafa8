"""The laptop's own figures (issue #14): statistics read from a real encrypted store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anhorigdesk.followup.statistics import Period
from anhorigdesk.profiles import ProfileManager
from anhorigdesk.scheduling import FixedClock
from anhorigdesk.workspace import Workspace


@pytest.fixture
def workspace(data_dir):
    opened = ProfileManager(data_dir).create("Testa Testsson", "Anhörigstöd Exempelby", passphrase="en lång lösenfras")
    ws = Workspace.open(opened, clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    yield ws
    ws.close()


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T12:00").replace(tzinfo=UTC)


def test_the_caseload_counts_the_stores_records_of_the_chosen_units(workspace):
    repo, actor = workspace.repository, workspace.actor
    mine = actor.unit_id
    other = repo.create(actor, "unit", name="Annan enhet")
    a = repo.create_carer(actor, name="Alva Exempelsson", unit_ids=[mine], birth_date="1950-03-01")
    b = repo.create_carer(actor, name="Bo Exempelsson", unit_ids=[mine], is_child=True, birth_date="2012-01-01")
    c = repo.create_carer(actor, name="Cilla Annansson", unit_ids=[other])
    cared = repo.create(actor, "cared_for", name="Dagny Exempelsson")
    repo.create(actor, "relation", carer_id=a, cared_for_id=cared, kind="partner")
    repo.create(actor, "relation", carer_id=b, cared_for_id=cared, kind="parent")
    repo.add_entry(actor, a, "samtal", {"note": "x"}, occurred_at=at("2026-03-02"))
    first = repo.add_entry(actor, a, "samtal", {"note": "y"}, occurred_at=at("2026-03-05"))
    repo.add_entry(actor, a, "samtal", {"note": "y2"}, occurred_at=at("2026-03-06"), supersedes=first)
    repo.add_entry(actor, b, "samtal", {"note": "z"}, occurred_at=at("2026-04-01"))  # April
    repo.add_entry(actor, c, "samtal", {"note": "w"}, occurred_at=at("2026-03-03"))  # other unit
    repo.add_entry(actor, a, "stodplan", {"interview_date": "2026-03-10"}, occurred_at=at("2026-03-10"))
    repo.add_entry(actor, b, "handout", {"kind": "information_handout", "language": "so"},
                   occurred_at=at("2026-03-11"))
    repo.add_entry(actor, b, "handout", {"kind": "support_plan", "language": "sv"}, occurred_at=at("2026-03-11"))
    repo.create(actor, "follow_up_task", carer_id=a, entry_id="e1", form_id="frivillighet",
                flag_id="burden_high", raised_at=at("2026-03-12"), due_on="2026-03-26",
                resolved_at=at("2026-03-20"), resolved_by=actor.staff_id, resolution_text="Samtal")
    stats = workspace.caseload_statistics([mine], Period.month(2026, 3))
    assert stats.scope == "caseload"
    counts = stats.as_dict()
    # by hand: a's 2026-03-02 and the corrected 2026-03-05 (once); b's is in April; c is elsewhere
    assert counts["conversations"] == {"held": 2}
    assert counts["support_plans"] == {"made": 1, "reviewed": 0}
    assert counts["handouts"] == {"so": 1}
    assert counts["flags"]["burden_high"] == 1
    assert counts["follow_ups"] == {"in_time": 1, "late": 0, "open": 0}
    # the carers were registered "now" (after March 2026): none active in March
    assert counts["carers"]["active"] == 0
    this_year = Period.year(datetime.now(UTC).year)
    year = workspace.caseload_statistics([mine], this_year).as_dict()
    assert year["carers"] == {"new": 2, "active": 2, "child": 1}
    assert year["relation"] == {"parent": 1, "partner": 1}
    assert year["age_band"]["0-17"] == (1 if this_year.end.year < 2030 else 0)  # born 2012
    assert workspace.caseload_statistics([other], this_year).as_dict()["carers"]["new"] == 1
    names = [name for _, name in workspace.statistics_units()]
    assert "Annan enhet" in names
