"""Answers to a form: conditions, visibility, validation and raised flags.

Answers are a plain JSON-able dict `{question_id: value}`:

| kind | value |
|---|---|
| short_text, long_text | `str` |
| yes_no_unsure | `"yes"`, `"no"` or `"unsure"` |
| single_choice | one choice value (`str`) |
| multi_choice | a list of choice values |
| scale | `int` within the scale |
| number | `int` (or `float` when the question says `integer: false`) |
| date | ISO date text `"YYYY-MM-DD"` |
| checklist_item | `{"status": "done"/"partly"/"not_done"/"not_relevant", "comment": str}` |
| repeating_group | a list of row dicts `{sub_question_id: value}` |

A missing key, `None`, `""`, `[]` and a checklist answer without status count as unanswered.
A condition clause holds only when the question it names is visible and answered and the test
holds; so a question that depends on a hidden or unanswered one stays hidden.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .messages import DEFAULT_LANGUAGE, Message
from .model import (
    CHECKLIST_STATUSES,
    Clause,
    Condition,
    FlagRule,
    FlagSchedule,
    FormDefinition,
    LocalText,
    Question,
    QuestionKind,
)
from .yaml_lines import Path, format_path

Answers = dict[str, Any]

#: Longest text kept in a short_text answer unless the question says otherwise.
SHORT_TEXT_LIMIT = 500
#: Longest text kept in a long_text answer unless the question says otherwise.
LONG_TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class AnswerProblem:
    """One problem in the answers: which question, where (path), what (translatable)."""

    question_id: str
    path: str
    message: Message

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.message.text(lang)


@dataclass(frozen=True)
class RaisedFlag:
    """A flag that the answers raise, with what it asks the scheduling to do."""

    form_id: str
    flag_id: str
    label: LocalText
    schedule: FlagSchedule
    question_ids: tuple[str, ...]


# --------------------------------------------------------------------------- basics


def is_answered(value: Any) -> bool:
    """Whether a stored value counts as an answer."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    if isinstance(value, Mapping):
        return is_answered(value.get("status"))
    return True


def _comparable(question: Question, value: Any) -> list[Any]:
    """The option values an answer holds (for is/in/not tests)."""
    if question.kind == QuestionKind.MULTI_CHOICE:
        return list(value) if isinstance(value, (list, tuple)) else []
    if question.kind == QuestionKind.CHECKLIST_ITEM:
        return [value.get("status")] if isinstance(value, Mapping) else []
    return [value]


def _clause_holds(clause: Clause, question: Question, value: Any) -> bool:
    answered = is_answered(value)
    if clause.op == "answered":
        return answered == bool(clause.value)
    if not answered:
        return False
    if clause.op in ("at_least", "at_most"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return value >= clause.value if clause.op == "at_least" else value <= clause.value
    held = _comparable(question, value)
    if clause.op == "is":
        return clause.value in held
    if clause.op == "not":
        return clause.value not in held
    if clause.op == "in":
        return any(v in clause.value for v in held)
    if clause.op == "not_in":
        return not any(v in clause.value for v in held)
    raise ValueError(f"unknown condition operator {clause.op!r}")


def condition_holds(condition: Condition, lookup: Mapping[str, tuple[Question, Any]]) -> bool:
    """Evaluate a condition; `lookup` maps visible question ids to (question, answer)."""
    results = []
    for clause in condition.clauses:
        if clause.question not in lookup:
            results.append(clause.op == "answered" and not clause.value)
            continue
        question, value = lookup[clause.question]
        results.append(_clause_holds(clause, question, value))
    return all(results) if condition.combine == "all" else any(results)


# --------------------------------------------------------------------------- visibility


def visible_questions(definition: FormDefinition, answers: Mapping[str, Any]) -> list[Question]:
    """The top-level questions shown for these answers, in form order.

    A question is visible when its section's condition and its own condition hold; conditions
    only look at earlier questions, so one pass in form order is enough.
    """
    visible: list[Question] = []
    lookup: dict[str, tuple[Question, Any]] = {}
    for section in definition.sections:
        if section.condition is not None and not condition_holds(section.condition, lookup):
            continue
        for question in section.questions:
            if question.condition is not None and not condition_holds(question.condition, lookup):
                continue
            visible.append(question)
            lookup[question.id] = (question, answers.get(question.id))
    return visible


def visible_ids(definition: FormDefinition, answers: Mapping[str, Any]) -> set[str]:
    return {q.id for q in visible_questions(definition, answers)}


def visible_sub_questions(group: Question, row: Mapping[str, Any],
                          outer: Mapping[str, tuple[Question, Any]] | None = None) -> list[Question]:
    """The sub-questions of a repeating group shown in one row.

    Sub-question conditions may name earlier sub-questions of the same row, or top-level
    questions given in `outer` (visible question id → (question, answer)).
    """
    lookup: dict[str, tuple[Question, Any]] = dict(outer or {})
    visible: list[Question] = []
    for sub in group.questions:
        if sub.condition is not None and not condition_holds(sub.condition, lookup):
            continue
        visible.append(sub)
        lookup[sub.id] = (sub, row.get(sub.id))
    return visible


def _visible_lookup(definition: FormDefinition, answers: Mapping[str, Any]) -> dict[str, tuple[Question, Any]]:
    return {q.id: (q, answers.get(q.id)) for q in visible_questions(definition, answers)}


def strip_hidden(definition: FormDefinition, answers: Mapping[str, Any]) -> Answers:
    """Only the answers of visible questions (and of visible sub-questions in each row)."""
    lookup = _visible_lookup(definition, answers)
    result: Answers = {}
    for qid, (question, value) in lookup.items():
        if qid not in answers:
            continue
        if question.kind == QuestionKind.REPEATING_GROUP and isinstance(value, list):
            rows = []
            for row in value:
                if isinstance(row, Mapping):
                    shown = {s.id for s in visible_sub_questions(question, row, lookup)}
                    rows.append({k: v for k, v in row.items() if k in shown})
                else:
                    rows.append(row)
            result[qid] = rows
        else:
            result[qid] = value
    return result


# --------------------------------------------------------------------------- validation


def validate_answers(definition: FormDefinition, answers: Mapping[str, Any], *,
                     final: bool) -> list[AnswerProblem]:
    """Problems in the answers, in form order.

    Always checked: every answer belongs to a question, has the right shape for its kind,
    uses existing options, lies in range, dates are real ISO dates. With `final=True` also:
    required questions that are visible are answered, and repeating groups have their
    minimum number of rows (a draft may be incomplete).
    """
    problems: list[AnswerProblem] = []
    known = {q.id: q for q in definition.questions()}
    for qid in answers:
        if qid not in known:
            problems.append(AnswerProblem(qid, qid, Message("answer_unknown_question")))
    lookup = _visible_lookup(definition, answers)
    for question in definition.questions():
        value = answers.get(question.id)
        path: Path = (question.id,)
        visible = question.id in lookup
        if not is_answered(value):
            if final and visible and question.required:
                problems.append(AnswerProblem(question.id, question.id, Message("answer_required")))
            elif final and visible and question.kind == QuestionKind.REPEATING_GROUP and question.min_rows:
                problems.append(AnswerProblem(question.id, question.id, Message(
                    "answer_too_few_rows", {"limit": question.min_rows})))
            continue
        if question.kind == QuestionKind.REPEATING_GROUP:
            problems.extend(_check_group(question, value, path, final=final and visible,
                                         outer=lookup))
        else:
            problem = check_value(question, value)
            if problem is not None:
                problems.append(AnswerProblem(question.id, question.id, problem))
    return problems


def _check_group(group: Question, value: Any, path: Path, *, final: bool,
                 outer: Mapping[str, tuple[Question, Any]]) -> list[AnswerProblem]:
    problems: list[AnswerProblem] = []
    if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
        return [AnswerProblem(group.id, format_path(path), Message("answer_not_rows"))]
    if final and len(value) < group.min_rows:
        problems.append(AnswerProblem(group.id, format_path(path),
                                      Message("answer_too_few_rows", {"limit": group.min_rows})))
    if group.max_rows is not None and len(value) > group.max_rows:
        problems.append(AnswerProblem(group.id, format_path(path),
                                      Message("answer_too_many_rows", {"limit": group.max_rows})))
    known = {s.id for s in group.questions}
    for ri, row in enumerate(value):
        for key in row:
            if key not in known:
                problems.append(AnswerProblem(group.id, format_path((*path, ri, key)),
                                              Message("answer_unknown_question")))
        shown = {s.id for s in visible_sub_questions(group, row, outer)}
        for sub in group.questions:
            sub_value = row.get(sub.id)
            sub_path = format_path((*path, ri, sub.id))
            if not is_answered(sub_value):
                if final and sub.required and sub.id in shown:
                    problems.append(AnswerProblem(group.id, sub_path, Message("answer_required")))
                continue
            problem = check_value(sub, sub_value)
            if problem is not None:
                problems.append(AnswerProblem(group.id, sub_path, problem))
    return problems


def _shown(value: Any) -> str:
    """A wrong value as it may appear in a message: short, never a whole text."""
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "…"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_value(question: Question, value: Any) -> Message | None:
    """What is wrong with one answered (non-empty) value of a non-group question, or None."""
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        if not isinstance(value, str):
            return Message("answer_not_text")
        limit = question.max_length or (SHORT_TEXT_LIMIT if kind == QuestionKind.SHORT_TEXT
                                        else LONG_TEXT_LIMIT)
        if len(value) > limit:
            return Message("answer_text_too_long", {"limit": limit})
        return None
    if kind in (QuestionKind.YES_NO_UNSURE, QuestionKind.SINGLE_CHOICE):
        if not isinstance(value, str) or value not in question.option_values():
            return Message("answer_not_option", {"value": _shown(value)})
        return None
    if kind == QuestionKind.MULTI_CHOICE:
        if not isinstance(value, list):
            return Message("answer_not_list")
        seen: set[Any] = set()
        for item in value:
            if not isinstance(item, str) or item not in question.option_values():
                return Message("answer_not_option", {"value": _shown(item)})
            if item in seen:
                return Message("answer_duplicate_option", {"value": _shown(item)})
            seen.add(item)
        return None
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        if not _is_number(value):
            return Message("answer_not_number")
        if (kind == QuestionKind.SCALE or question.integer) and not isinstance(value, int):
            return Message("answer_not_integer")
        if question.min is not None and value < question.min:
            return Message("answer_below_min", {"limit": _num(question.min)})
        if question.max is not None and value > question.max:
            return Message("answer_above_max", {"limit": _num(question.max)})
        return None
    if kind == QuestionKind.DATE:
        if not isinstance(value, str) or len(value) != 10:
            return Message("answer_not_date")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return Message("answer_not_date")
        return None
    if kind == QuestionKind.CHECKLIST_ITEM:
        if (not isinstance(value, Mapping) or set(value) - {"status", "comment"}
                or value.get("status") not in CHECKLIST_STATUSES
                or not isinstance(value.get("comment", ""), (str, type(None)))):
            return Message("answer_not_checklist")
        comment = value.get("comment") or ""
        if len(comment) > LONG_TEXT_LIMIT:
            return Message("answer_text_too_long", {"limit": LONG_TEXT_LIMIT})
        return None
    raise ValueError(f"check_value does not handle {kind}")


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# --------------------------------------------------------------------------- flags


def raised_flags(definition: FormDefinition, answers: Mapping[str, Any]) -> list[RaisedFlag]:
    """The declared flags that these answers raise (only visible questions count)."""
    lookup = _visible_lookup(definition, answers)
    raised: list[RaisedFlag] = []
    for rule in definition.flags:
        if flag_holds(rule, lookup):
            raised.append(RaisedFlag(form_id=definition.id, flag_id=rule.id, label=rule.label,
                                     schedule=rule.schedule, question_ids=rule.when.questions))
    return raised


def flag_holds(rule: FlagRule, lookup: Mapping[str, tuple[Question, Any]]) -> bool:
    return condition_holds(rule.when, lookup)
