"""Follow-up statistics against a fixture computed by hand (issue #14).

Every expected figure below was worked out on paper from the facts in ``FIXTURE`` and the
rules in ``anhorigdesk.followup.statistics`` (the comments say which facts make each count),
not by running the code. Period: spring term 2026 (2026-01-01..2026-06-30, Stockholm time);
"now" 2026-07-15; unit U1 selected.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from anhorigdesk.followup.statistics import (
    CarerFact,
    EntryFact,
    FollowUpFact,
    Period,
    SettingFact,
    Statistics,
    compute_statistics,
    shown,
)

ALL_DONE = {i: {"status": "done", "comment": ""} for i in (
    "welcome_talk", "ask_your_knowledge", "named_contact", "keep_informed",
    "ask_how_you_are", "information_given", "going_home_talk")}


def t(text: str) -> datetime:
    """A UTC instant: '2026-03-01' (noon) or a full 'YYYY-MM-DDTHH:MM'."""
    if "T" not in text:
        text += "T12:00"
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


CARERS = [
    # c1: active, 76 on 2026-06-30 (65-79), partner
    CarerFact("c1", ("U1",), t("2025-11-10"), date(1950, 3, 1), relation_kinds=("partner",)),
    # c2: new, 16 (0-17), child carer, parent
    CarerFact("c2", ("U1",), t("2026-02-15"), date(2010, 5, 5), is_child=True, relation_kinds=("parent",)),
    # c3: new, in U1 and U2, no birth date (unknown), partner and child
    CarerFact("c3", ("U1", "U2"), t("2026-03-01"), None, relation_kinds=("partner", "child")),
    # c4: ended: not active, not new; its entries in the period still count
    CarerFact("c4", ("U1",), t("2024-01-01"), date(1960, 1, 1), status="ended", relation_kinds=("partner",)),
    # c5: only U2: not selected at all
    CarerFact("c5", ("U2",), t("2026-01-05"), date(1970, 1, 1), relation_kinds=("friend",)),
    # c6: registered after the period: neither new nor active
    CarerFact("c6", ("U1",), t("2026-07-02"), date(1970, 1, 1)),
    # c7: 46 (45-64), no relation, interval 12 months
    CarerFact("c7", ("U1",), t("2025-06-01"), date(1980, 1, 1), interval_months=12),
    # c8: 35 (18-44), sibling, paused past the period
    CarerFact("c8", ("U1",), t("2025-01-10"), date(1990, 7, 1), relation_kinds=("sibling",)),
    # c9: turns 86 on 2026-06-30 (80+), child
    CarerFact("c9", ("U1",), t("2025-09-01"), date(1940, 6, 30), relation_kinds=("child",)),
]


def korttid(done: dict, **extra: object) -> dict:
    return {"stay_start": "2026-01-01", **done, **extra}


ENTRIES = [
    # conversations (samtal)
    EntryFact("s1", "c1", "samtal", t("2026-01-10")),  # in
    EntryFact("s2", "c1", "samtal", t("2025-12-20")),  # before
    EntryFact("s3", "c4", "samtal", t("2026-01-20")),  # in (ended carer, still U1)
    EntryFact("s4", "c5", "samtal", t("2026-02-01")),  # U2 only
    EntryFact("s5", "c2", "samtal", t("2026-03-03")),  # superseded by s6
    EntryFact("s6", "c2", "samtal", t("2026-03-04"), supersedes="s5"),  # in
    EntryFact("s7", "c7", "samtal", t("2026-06-30T22:30")),  # 2026-07-01 00:30 local: after
    EntryFact("s8", "c9", "samtal", t("2025-12-31T23:30")),  # 2026-01-01 00:30 local: in
    # support plans (stodplan)
    EntryFact("p1", "c1", "stodplan", t("2025-11-15")),  # c1's first, before
    EntryFact("p2", "c1", "stodplan", t("2026-05-01")),  # reviewed
    EntryFact("p3", "c2", "stodplan", t("2026-02-20")),  # made
    EntryFact("p4", "c2", "stodplan", t("2026-06-20")),  # reviewed
    EntryFact("p5", "c3", "stodplan", t("2026-03-02")),  # superseded by p6
    EntryFact("p6", "c3", "stodplan", t("2026-03-03"), supersedes="p5"),  # made
    # check-ins (frivillighet)
    EntryFact("f1", "c1", "frivillighet", t("2025-12-01")),  # due 2026-06-01
    EntryFact("f2", "c1", "frivillighet", t("2026-06-10")),  # done
    EntryFact("f3", "c7", "frivillighet", t("2025-08-01")),  # 12 months: due 2026-08-01
    EntryFact("f4", "c8", "frivillighet", t("2025-10-15")),  # due 2026-04-15 but paused
    EntryFact("f5", "c9", "frivillighet", t("2025-09-05")),  # due 2026-03-05: overdue
    # short-term stays (korttid)
    EntryFact("k1", "c1", "korttid", t("2026-03-10"), korttid(ALL_DONE)),  # checklist done
    EntryFact("k2", "c2", "korttid", t("2026-04-10"),
              korttid({**ALL_DONE, "keep_informed": {"status": "not_relevant"}})),  # done
    EntryFact("k3", "c9", "korttid", t("2026-05-10"),
              korttid({**ALL_DONE, "named_contact": {"status": "partly"}})),  # not done
    EntryFact("k4", "c1", "korttid", t("2026-06-01"), {"is_term_follow_up": "yes"}),  # not a stay
    EntryFact("k5", "c2", "korttid", t("2025-12-01"), korttid(ALL_DONE)),  # before
    EntryFact("k6", "c3", "korttid", t("2026-05-20"),
              korttid({k: v for k, v in ALL_DONE.items() if k != "going_home_talk"})),  # not done
    # handouts
    EntryFact("h1", "c1", "handout", t("2026-02-01"), {"kind": "information_handout", "language": "sv"}),
    EntryFact("h2", "c2", "handout", t("2026-03-01"), {"kind": "information_handout", "language": "ar"}),
    EntryFact("h3", "c9", "handout", t("2026-04-01"), {"kind": "information_handout", "language": "sv"}),
    EntryFact("h4", "c1", "handout", t("2026-05-01"), {"kind": "support_plan", "language": "sv"}),
    EntryFact("h5", "c5", "handout", t("2026-05-01"), {"kind": "information_handout", "language": "fi"}),
    EntryFact("h6", "c7", "handout", t("2025-11-01"), {"kind": "information_handout", "language": "en"}),
]

FOLLOW_UPS = [
    FollowUpFact("t1", "c1", "not_voluntary", t("2026-06-10"), date(2026, 6, 24), t("2026-06-20")),  # in time
    FollowUpFact("t2", "c2", "burden_high", t("2026-02-20"), date(2026, 3, 6), t("2026-03-10")),  # late
    FollowUpFact("t3", "c2", "wants_to_reduce_or_stop", t("2026-02-20"), date(2026, 3, 22)),  # open
    # resolved 23:30 local on its due day: in time
    FollowUpFact("t4", "c9", "voluntariness_unsure", t("2026-04-01"), date(2026, 4, 15), t("2026-04-15T21:30")),
    FollowUpFact("t5", "c1", "not_voluntary", t("2025-12-01"), date(2025, 12, 15)),  # before
    FollowUpFact("t6", "c5", "burden_high", t("2026-03-01"), date(2026, 3, 15)),  # U2 only
]

SETTINGS = [
    SettingFact("x1", "c3", "decline", t("2026-03-05")),
    SettingFact("x2", "c8", "pause", t("2026-04-01"), until=date(2026, 8, 1)),
]

EXPECTED = [
    ("carers", "new", 2),  # c2, c3
    ("carers", "active", 6),  # c1 c2 c3 c7 c8 c9
    ("carers", "child", 1),  # c2
    ("age_band", "0-17", 1),  # c2
    ("age_band", "18-44", 1),  # c8
    ("age_band", "45-64", 1),  # c7
    ("age_band", "65-79", 1),  # c1
    ("age_band", "80+", 1),  # c9
    ("age_band", "unknown", 1),  # c3
    ("relation", "child", 2),  # c3 c9
    ("relation", "none", 1),  # c7
    ("relation", "parent", 1),  # c2
    ("relation", "partner", 2),  # c1 c3
    ("relation", "sibling", 1),  # c8
    ("conversations", "held", 4),  # s1 s3 s6 s8
    ("support_plans", "made", 2),  # p3 p6
    ("support_plans", "reviewed", 2),  # p2 p4
    ("checkins", "due", 3),  # c1 c2 (at registration) c9
    ("checkins", "done", 1),  # c1
    ("checkins", "overdue", 2),  # c2 c9
    ("flags", "not_voluntary", 1),  # t1
    ("flags", "burden_high", 1),  # t2
    ("flags", "wants_to_reduce_or_stop", 1),  # t3
    ("flags", "other", 1),  # t4
    ("follow_ups", "in_time", 2),  # t1 t4
    ("follow_ups", "late", 1),  # t2
    ("follow_ups", "open", 1),  # t3
    ("short_term", "stays", 4),  # k1 k2 k3 k6
    ("short_term", "checklist_done", 2),  # k1 k2
    ("handouts", "ar", 1),  # h2
    ("handouts", "sv", 2),  # h1 h3
]

NOW = t("2026-07-15T10:00")
SPRING_2026 = Period.term(2026, autumn=False)


def fixture_statistics(scope: str = "unit") -> Statistics:
    return compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, ["U1"], SPRING_2026, NOW, scope=scope)


def test_every_count_matches_the_hand_computed_fixture() -> None:
    stats = fixture_statistics()
    assert list(stats.rows) == EXPECTED
    assert stats.unit_ids == ("U1",)
    assert stats.scope == "unit"


def test_both_units_count_each_carer_once() -> None:
    stats = compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, ["U1", "U2"], SPRING_2026, NOW)
    # c5 (U2, registered 2026-01-05) joins: new 3, active 7; c3 (in both) still counts once
    assert stats.count("carers", "new") == 3
    assert stats.count("carers", "active") == 7
    assert stats.count("relation", "friend") == 1
    assert stats.count("conversations", "held") == 5  # + s4
    assert stats.count("flags", "burden_high") == 2  # + t6
    assert stats.count("handouts", "fi") == 1  # h5


def test_a_month_and_a_year() -> None:
    march = compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, ["U1"], Period.month(2026, 3), NOW)
    # March 2026: c3 registered; s6; p6 made; k1; h2; t4 raised 2026-04-01 is not in March
    assert march.count("carers", "new") == 1
    assert march.count("conversations", "held") == 1
    assert march.count("support_plans", "made") == 1
    assert march.count("short_term", "stays") == 1
    assert march.count("handouts", "ar") == 1
    assert march.count("flags", "other") == 0
    year = compute_statistics(CARERS, ENTRIES, FOLLOW_UPS, SETTINGS, ["U1"], Period.year(2025), NOW)
    # 2025: c7 c8 c9 c1 registered; p1 made; s2; f3 f4 f5 f1 done
    assert year.count("carers", "new") == 4
    assert year.count("support_plans", "made") == 1
    assert year.count("conversations", "held") == 1
    assert year.count("handouts", "en") == 1


def test_periods_parse_and_refuse_bad_input() -> None:
    assert Period.parse("term", "2026-HT") == Period("term", date(2026, 7, 1), date(2026, 12, 31))
    assert Period.parse("month", "2026-02").end == date(2026, 2, 28)
    assert Period.parse("year", "2026").key() == "2026"
    with pytest.raises(ValueError, match="2026-VT/2026-HT"):
        Period.parse("term", "2026-XX")
    with pytest.raises(ValueError, match="kind must be one of"):
        Period("week", date(2026, 1, 1), date(2026, 1, 7))


def test_json_round_trip_keeps_every_count() -> None:
    stats = fixture_statistics()
    assert Statistics.from_json(stats.to_json()) == stats


def test_small_counts_are_shown_as_under_five() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
