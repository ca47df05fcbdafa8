"""The retention rules (gallring), table-tested."""

from __future__ import annotations

from datetime import date

import pytest

from anhorigdesk.domain.personnummer import luhn_check_digit
from anhorigdesk.lifecycle.retention import (
    Outcome,
    RetentionPolicy,
    add_years,
    decide,
    due_within,
    latest_allowed_entry,
    thinning_date,
)

TODAY = date(2026, 12, 7)


def pnr(yymmdd: str, serial: str = "238", century: str = "19") -> str:
    return f"{century}{yymmdd}-{serial}{luhn_check_digit(yymmdd + serial)}"


@pytest.mark.parametrize(
    ("last_entry", "expected"),
    [
        (date(2021, 12, 7), date(2026, 12, 7)),
        (date(2020, 2, 29), date(2025, 2, 28)),  # leap day into a common year
        (date(2019, 2, 28), date(2024, 2, 28)),
    ],
)
def test_the_thinning_date_is_five_years_after_the_last_entry(last_entry: date, expected: date) -> None:
    assert thinning_date(last_entry) == expected
    assert thinning_date(last_entry, RetentionPolicy(years=10)) == add_years(last_entry, 10)


@pytest.mark.parametrize(
    ("last_entry", "number", "policy", "outcome"),
    [
        # activity inside the five years: nothing happens, whatever the number
        (date(2021, 12, 8), pnr("500305"), RetentionPolicy(), Outcome.NOT_DUE),
        (date(2021, 12, 8), pnr("500304"), RetentionPolicy(), Outcome.NOT_DUE),
        (date(2024, 1, 1), None, RetentionPolicy(), Outcome.NOT_DUE),
        # due on the day itself
        (date(2021, 12, 7), pnr("500304"), RetentionPolicy(), Outcome.THIN),
        # research days 5, 15, 25 are kept; their neighbours are thinned
        (date(2019, 1, 1), pnr("500305"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500315"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500325"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500306"), RetentionPolicy(), Outcome.THIN),
        (date(2019, 1, 1), pnr("500326"), RetentionPolicy(), Outcome.THIN),
        # coordination numbers: the day is 60 higher (65, 75, 85 kept; 66 thinned)
        (date(2019, 1, 1), pnr("500365"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500375"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500385"), RetentionPolicy(), Outcome.KEEP_RESEARCH),
        (date(2019, 1, 1), pnr("500366"), RetentionPolicy(), Outcome.THIN),
        # a ten-digit number, with the separator
        (date(2019, 1, 1), pnr("500315")[2:], RetentionPolicy(), Outcome.KEEP_RESEARCH),
        # no number, or one that does not validate: kept by default, thinned when configured
        (date(2019, 1, 1), None, RetentionPolicy(), Outcome.KEEP_NO_PERSONNUMMER),
        (date(2019, 1, 1), "  ", RetentionPolicy(), Outcome.KEEP_NO_PERSONNUMMER),
        (date(2019, 1, 1), "19500304-2381", RetentionPolicy(), Outcome.KEEP_NO_PERSONNUMMER),
        (date(2019, 1, 1), None, RetentionPolicy(keep_without_personnummer=False), Outcome.THIN),
        # a representative municipality keeps everything that is due
        (date(2019, 1, 1), pnr("500304"), RetentionPolicy(representative=True), Outcome.KEEP_REPRESENTATIVE),
        (date(2019, 1, 1), None, RetentionPolicy(representative=True), Outcome.KEEP_REPRESENTATIVE),
        (date(2024, 1, 1), pnr("500304"), RetentionPolicy(representative=True), Outcome.NOT_DUE),
        # a municipality without research days
        (date(2019, 1, 1), pnr("500305"), RetentionPolicy(research_days=frozenset()), Outcome.THIN),
    ],
)
def test_the_rules_decide_each_record(
    last_entry: date, number: str | None, policy: RetentionPolicy, outcome: Outcome
) -> None:
    decision = decide(last_entry, number, TODAY, policy)
    assert decision.outcome is outcome
    assert decision.due == thinning_date(last_entry, policy)
    assert decision.outcome.leaves_laptops == (outcome is not Outcome.NOT_DUE)
    assert decision.outcome.kept == outcome.value.startswith("keep_")


def test_activity_inside_the_period_is_after_the_latest_allowed_entry() -> None:
    assert latest_allowed_entry(TODAY) == date(2021, 12, 7)
    assert decide(latest_allowed_entry(TODAY), None, TODAY,
                  RetentionPolicy(keep_without_personnummer=False)).outcome is Outcome.THIN


@pytest.mark.parametrize(
    ("last_entry", "days", "expected"),
    [
        (date(2022, 3, 7), 90, True),  # due 2027-03-07: 90 days ahead
        (date(2022, 3, 8), 90, False),
        (date(2019, 1, 1), 90, True),  # overdue counts
    ],
)
def test_due_within_a_window(last_entry: date, days: int, expected: bool) -> None:
    assert due_within(last_entry, TODAY, days) is expected


@pytest.mark.parametrize(
    ("kwargs", "what"),
    [({"years": 0}, "retention years"), ({"research_days": frozenset({0, 32})}, "research days")],
)
def test_a_bad_policy_is_refused_saying_what(kwargs: dict, what: str) -> None:
    with pytest.raises(ValueError, match=what):
        RetentionPolicy(**kwargs)
