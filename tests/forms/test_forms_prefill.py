"""Prefilling a new form with what is known (issue 20, item 6): the form's own date, the
record's relationship and hours, the latest check-in's answers."""

from __future__ import annotations

import datetime as dt

import pytest

from anhorigdesk.forms import FormRegistry, validate_answers
from anhorigdesk.forms.prefill import prefill_answers

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def registry() -> FormRegistry:
    return FormRegistry.load()


def carer(**over: object) -> dict[str, object]:
    return {"name": "Greta Påhittsson", "hours_per_week": 20.0,
            "relations": [{"kind": "child", "ended_at": None}], **over}


def checkin(days_ago: int, **answers: object) -> dict[str, object]:
    when = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC) - dt.timedelta(days=days_ago)
    return {"id": f"ci-{days_ago}", "kind": "frivillighet", "form_id": "frivillighet",
            "occurred_at": when.isoformat(),
            "data": {"check_in_date": when.date().isoformat(), "still_own_choice": "unsure",
                     "burden_now": 4, "wants_to_reduce": "no", **answers}}


def values(found: dict) -> dict[str, object]:  # type: ignore[type-arg]
    return {qid: p.value for qid, p in found.items()}


def test_every_forms_own_date_is_today(registry: FormRegistry) -> None:
    for form_id, qid in (("samtal", "conversation_date"), ("frivillighet", "check_in_date"),
                         ("stodplan", "interview_date")):
        found = prefill_answers(registry.current(form_id), today=TODAY)
        assert values(found) == {qid: "2026-12-07"}
        assert found[qid].source == "today"
    # a korttid stay's start is not "today" by default
    assert prefill_answers(registry.current("korttid"), today=TODAY) == {}


def test_the_stodplan_takes_the_record_and_a_recent_checkin(registry: FormRegistry) -> None:
    form = registry.current("stodplan")
    found = prefill_answers(form, today=TODAY, carer=carer(), entries=[checkin(40), checkin(0)])
    assert values(found) == {
        "interview_date": "2026-12-07",
        "relationship": "parent",  # the record: the cared-for person is the carer's child
        "hours_per_week": 20,
        "own_choice": "unsure", "heaviness": 4, "wants_less": "no",  # the check-in this morning
    }
    assert {qid: p.source for qid, p in found.items()} == {
        "interview_date": "today", "relationship": "record", "hours_per_week": "record",
        "own_choice": "checkin", "heaviness": "checkin", "wants_less": "checkin"}
    assert found["heaviness"].since == TODAY
    # what is prefilled is valid as a draft of this form
    assert validate_answers(form, values(found), final=False) == []


def test_what_is_not_known_for_sure_is_asked(registry: FormRegistry) -> None:
    form = registry.current("stodplan")
    # an old check-in, two relations of different kinds, no hours, an ended relation ignored
    found = prefill_answers(form, today=TODAY, entries=[checkin(45)], carer=carer(
        hours_per_week=None,
        relations=[{"kind": "child", "ended_at": None}, {"kind": "partner", "ended_at": None},
                   {"kind": "friend", "ended_at": "2026-01-01"}]))
    assert values(found) == {"interview_date": "2026-12-07"}
    # "other" cannot be turned around; an out-of-range scale answer is not copied
    found = prefill_answers(form, today=TODAY, carer=carer(relations=[{"kind": "other"}]),
                            entries=[checkin(1, burden_now=9)])
    assert "relationship" not in found and "heaviness" not in found
    assert values(found)["own_choice"] == "unsure"


def test_a_checkin_is_not_prefilled_from_the_last_one(registry: FormRegistry) -> None:
    found = prefill_answers(registry.current("frivillighet"), today=TODAY, carer=carer(),
                            entries=[checkin(0)])
    assert values(found) == {"check_in_date": "2026-12-07"}
