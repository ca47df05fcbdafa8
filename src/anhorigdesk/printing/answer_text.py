"""Stored answers as printable text, for every question kind of `anhorigdesk.forms`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from anhorigdesk.forms import Question, QuestionKind, is_answered

from .texts import Catalog


def parse_date(value: Any) -> dt.date | None:
    """An ISO date answer (`"2026-11-27"`) or a date object; None when unanswered or unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def answer_lines(question: Question, value: Any, lang: str, cat: Catalog) -> list[str]:
    """The answer as one or more lines of text; `[]` when unanswered.

    Repeating groups are not handled here (they print as tables, see `response.py`).
    """
    if not is_answered(value):
        return []
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return [str(value)]
    if kind in (QuestionKind.YES_NO_UNSURE, QuestionKind.SINGLE_CHOICE):
        return [question.option_label(str(value), lang)]
    if kind == QuestionKind.MULTI_CHOICE:
        values = value if isinstance(value, list | tuple) else [value]
        return [question.option_label(str(v), lang) for v in values]
    if kind == QuestionKind.SCALE:
        text = f"{_number(value)}"
        if question.min is not None and question.max is not None:
            text += f" ({_number(question.min)}–{_number(question.max)}"
            ends = []
            if question.min_label is not None:
                ends.append(f"{_number(question.min)} = {question.min_label.get(lang)}")
            if question.max_label is not None:
                ends.append(f"{_number(question.max)} = {question.max_label.get(lang)}")
            text += (": " + ", ".join(ends) + ")") if ends else ")"
        return [text]
    if kind == QuestionKind.NUMBER:
        unit = f" {question.unit.get(lang)}" if question.unit is not None else ""
        return [f"{_number(value)}{unit}"]
    if kind == QuestionKind.DATE:
        day = parse_date(value)
        return [cat.date(day) if day else str(value)]
    if kind == QuestionKind.CHECKLIST_ITEM:
        if isinstance(value, Mapping):
            status = value.get("status")
            lines = [question.option_label(str(status), lang)] if status else []
            comment = value.get("comment")
            if comment:
                lines.append(str(comment))
            return lines
        return [question.option_label(str(value), lang)]
    if kind == QuestionKind.REPEATING_GROUP:
        raise ValueError("repeating groups print as tables")
    return [str(value)]


def answer_text(question: Question, value: Any, lang: str, cat: Catalog) -> str:
    """The answer on one line (several values joined with `, `), or "Inget svar"."""
    lines = answer_lines(question, value, lang, cat)
    if not lines:
        return cat.text("common.not_answered")
    if question.kind == QuestionKind.CHECKLIST_ITEM and len(lines) > 1:
        return f"{lines[0]}: {' '.join(lines[1:])}"
    return ", ".join(lines) if question.kind == QuestionKind.MULTI_CHOICE else "\n".join(lines)
