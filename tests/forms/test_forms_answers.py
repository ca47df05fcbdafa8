"""Answers: validation, conditions, repeating groups and flags, as the definition declares."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from anhorigdesk.forms import (
    FormDefinition,
    FormRegistry,
    is_answered,
    raised_flags,
    strip_hidden,
    validate_answers,
    visible_questions,
    visible_sub_questions,
)


def problems_by_path(definition: FormDefinition, answers: dict[str, Any], *, final: bool) -> dict[str, str]:
    return {p.path: p.message.key for p in validate_answers(definition, answers, final=final)}


def test_valid_answers_have_no_problems(all_kinds: FormDefinition,
                                       valid_answers: dict[str, Any]) -> None:
    assert validate_answers(all_kinds, valid_answers, final=True) == []


def test_required_only_when_final_and_visible(all_kinds: FormDefinition) -> None:
    # a draft may be empty
    assert validate_answers(all_kinds, {}, final=False) == []
    found = problems_by_path(all_kinds, {}, final=True)
    # "helps" unanswered → how_often and the numbers section stay hidden, so only these
    assert found == {"name": "answer_required", "helps": "answer_required",
                     "plan": "answer_too_few_rows"}
    found = problems_by_path(all_kinds, {"name": "x", "helps": "yes", "plan": [{"action": "a"}]},
                             final=True)
    assert found == {"how_often": "answer_required", "heavy": "answer_required"}
    # "no" hides the whole numbers section, so its required questions are not required
    found = problems_by_path(all_kinds, {"name": "x", "helps": "no", "plan": [{"action": "a"}]},
                             final=True)
    assert found == {}


def test_kinds_ranges_and_options_are_checked(all_kinds: FormDefinition,
                                              valid_answers: dict[str, Any]) -> None:
    answers = valid_answers
    answers.update({
        "name": "x" * 41,
        "story": 12,
        "how_often": "hourly",
        "what": ["meals", "meals"],
        "heavy": 6,
        "hours": 2.5,
        "share": 1.5,
        "since": "2023-02-29",
        "informed": {"status": "maybe"},
        "unknown_question": "?",
    })
    found = problems_by_path(all_kinds, answers, final=False)
    assert found == {
        "unknown_question": "answer_unknown_question",
        "name": "answer_text_too_long",
        "story": "answer_not_text",
        "how_often": "answer_not_option",
        "what": "answer_duplicate_option",
        "heavy": "answer_above_max",
        "hours": "answer_not_integer",
        "share": "answer_above_max",
        "since": "answer_not_date",
        "informed": "answer_not_checklist",
    }


def test_problem_messages_in_both_languages(all_kinds: FormDefinition) -> None:
    [problem] = validate_answers(all_kinds, {"hours": -1}, final=False)
    assert problem.question_id == "hours"
    assert problem.text("sv") == "Värdet får inte vara mindre än 0."
    assert problem.text("en") == "The value must not be less than 0."


def test_dates_must_be_iso(all_kinds: FormDefinition) -> None:
    for bad in ["1/5/2024", "2024-5-1", "20240501", "2024-13-01", 20240501]:
        assert problems_by_path(all_kinds, {"since": bad}, final=False) == {"since": "answer_not_date"}
    assert problems_by_path(all_kinds, {"since": "2024-05-01"}, final=False) == {}


def test_conditions_apply_in_order(all_kinds: FormDefinition) -> None:
    def shown(answers: dict[str, Any]) -> list[str]:
        return [q.id for q in visible_questions(all_kinds, answers)]

    assert shown({}) == ["name", "story", "helps", "informed", "plan"]
    assert shown({"helps": "unsure"}) == ["name", "story", "helps", "what", "heavy", "hours",
                                          "share", "since", "informed", "plan"]
    assert "how_often" in shown({"helps": "yes"})
    assert "heavy_why" not in shown({"helps": "yes", "heavy": 3})
    assert "heavy_why" in shown({"helps": "yes", "heavy": 4})
    # a question depending on a hidden one stays hidden, even with an old answer kept
    assert "heavy_why" not in shown({"helps": "no", "heavy": 5})


def test_repeating_group_rows(all_kinds: FormDefinition) -> None:
    group = all_kinds.question("plan")
    assert [s.id for s in visible_sub_questions(group, {"has_date": "yes"})] == ["action", "has_date", "due"]
    assert [s.id for s in visible_sub_questions(group, {"has_date": "no"})] == ["action", "has_date"]
    base = {"name": "x", "helps": "no"}
    found = problems_by_path(all_kinds, {**base, "plan": [{"has_date": "yes"}, {"action": "b"}]}, final=True)
    assert found == {"plan[0].action": "answer_required", "plan[0].due": "answer_required"}
    found = problems_by_path(all_kinds, {**base, "plan": [{"action": "a", "due": "1 maj"}]}, final=False)
    assert found == {"plan[0].due": "answer_not_date"}
    rows = [{"action": str(i)} for i in range(4)]
    assert problems_by_path(all_kinds, {**base, "plan": rows}, final=False) == {"plan": "answer_too_many_rows"}
    assert problems_by_path(all_kinds, {**base, "plan": "text"}, final=False) == {"plan": "answer_not_rows"}
    found = problems_by_path(all_kinds, {**base, "plan": [{"action": "a", "colour": "red"}]}, final=False)
    assert found == {"plan[0].colour": "answer_unknown_question"}


def test_strip_hidden_drops_answers_of_hidden_questions(all_kinds: FormDefinition) -> None:
    answers = {"name": "x", "helps": "no", "how_often": "daily", "heavy": 5,
               "plan": [{"action": "a", "has_date": "no", "due": "2026-01-01"}]}
    assert strip_hidden(all_kinds, answers) == {
        "name": "x", "helps": "no", "plan": [{"action": "a", "has_date": "no"}]}


def test_flags_raised_as_declared(all_kinds: FormDefinition,
                                  valid_answers: dict[str, Any]) -> None:
    def flags(answers: dict[str, Any]) -> list[str]:
        return [f.flag_id for f in raised_flags(all_kinds, answers)]

    assert flags({}) == []
    assert flags(valid_answers) == ["burden_high", "daily_and_heavy", "not_informed"]
    assert flags({"helps": "yes", "heavy": 3}) == []
    assert flags({"helps": "yes", "how_often": "daily", "heavy": 3}) == ["daily_and_heavy"]
    assert flags({"informed": {"status": "not_done", "comment": ""}}) == ["not_informed"]
    assert flags({"informed": {"status": "done"}}) == []
    # an answer on a hidden question raises nothing
    assert flags({"helps": "no", "heavy": 5}) == []
    [burden] = raised_flags(all_kinds, {"helps": "yes", "heavy": 5})
    assert burden.schedule.follow_up_within_days == 14 and burden.schedule.plan_review
    assert burden.label.get("en") == "Too heavy"
    assert burden.form_id == "all_kinds"
    assert burden.question_ids == ("heavy",)


def test_voluntariness_form_flags(registry: FormRegistry) -> None:
    friv = registry.current("frivillighet")
    answers = {"check_in_date": "2026-11-27", "still_own_choice": "no", "burden_now": 4,
               "wants_to_reduce": "yes"}
    assert [f.flag_id for f in raised_flags(friv, answers)] == [
        "not_voluntary", "burden_high", "wants_to_reduce_or_stop"]
    assert [f.flag_id for f in raised_flags(friv, {**answers, "still_own_choice": "yes",
                                                   "burden_now": 3, "wants_to_reduce": "no"})] == []
    assert validate_answers(friv, answers, final=True) == []


def test_stodplan_plan_rows_are_required_when_final(registry: FormRegistry) -> None:
    plan = registry.current("stodplan")
    answers = {"interview_date": "2026-11-27", "relationship": "partner", "own_choice": "yes",
               "heaviness": 2, "next_review": "2027-05-27"}
    found = problems_by_path(plan, answers, final=True)
    assert found == {"actions": "answer_too_few_rows"}
    answers["actions"] = [{"what": "Avlösning två kvällar i veckan", "who": "Anhörigkonsulenten",
                           "by_when": "2026-12-15", "follow_up": "2027-01-15"}]
    assert validate_answers(plan, answers, final=True) == []


# ---------------------------------------------------------------- properties (Hypothesis)

option_answer = st.one_of(st.none(), st.sampled_from(["yes", "no", "unsure", "", "maybe"]))


@settings(max_examples=150, deadline=None)
@given(helps=option_answer, heavy=st.one_of(st.none(), st.integers(0, 7)),
       how_often=st.one_of(st.none(), st.sampled_from(["daily", "weekly"])))
def test_flags_and_visibility_agree(all_kinds: FormDefinition, helps: Any, heavy: Any,
                                    how_often: Any) -> None:
    answers = {k: v for k, v in {"helps": helps, "heavy": heavy, "how_often": how_often}.items()
               if v is not None}
    shown = {q.id for q in visible_questions(all_kinds, answers)}
    flags = {f.flag_id for f in raised_flags(all_kinds, answers)}
    # the numbers section is visible exactly when "helps" is answered and not "no"
    assert ("heavy" in shown) == (is_answered(helps) and helps != "no")
    # burden_high holds exactly when "heavy" is visible and at least 4
    assert ("burden_high" in flags) == ("heavy" in shown and heavy is not None and heavy >= 4)
    # flags never depend on answers to hidden questions
    assert raised_flags(all_kinds, strip_hidden(all_kinds, answers)) == raised_flags(all_kinds, answers)


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(st.integers(-10, 10), st.floats(allow_nan=True, allow_infinity=True),
                       st.text(max_size=3), st.booleans()))
def test_scale_accepts_exactly_the_integers_in_range(all_kinds: FormDefinition, value: Any) -> None:
    found = problems_by_path(all_kinds, {"helps": "yes", "heavy": value}, final=False)
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    text_empty = isinstance(value, str) and not value.strip()
    assert (found == {}) == (ok or text_empty)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries(
    {"action": st.text(min_size=1, max_size=10).filter(str.strip)},
    optional={"has_date": st.sampled_from(["yes", "no", "unsure"]),
              "due": st.dates().map(lambda d: d.isoformat())}), max_size=5))
def test_repeating_group_row_count_and_required_due_date(all_kinds: FormDefinition,
                                                         rows: list[dict[str, Any]]) -> None:
    found = problems_by_path(all_kinds, {"name": "x", "helps": "no", "plan": rows}, final=True)
    expected: dict[str, str] = {}
    if not rows:
        expected["plan"] = "answer_too_few_rows"
    elif len(rows) > 3:
        expected["plan"] = "answer_too_many_rows"
    for i, row in enumerate(rows):
        if row.get("has_date") == "yes" and "due" not in row:
            expected[f"plan[{i}].due"] = "answer_required"
    assert found == expected
