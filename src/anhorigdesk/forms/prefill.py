"""What a new form can be filled in with before anything is asked: facts already known.

A form should not ask again what the record holds or what the carer answered minutes ago.
:func:`prefill_answers` proposes answers for a new response from three sources, each value
checked against the question it fills (a value the question cannot take is left out):

* ``today`` — the form's own date (the conversation's, the check-in's, the stödplan talk's)
  is the day it is filled in;
* ``record`` — the carer record: the relationship to the cared-for person (when the record's
  active relations agree on one) and the hours a week spent helping;
* ``checkin`` — the latest voluntariness check-in, when it is recent (``RECENT_DAYS``): own
  choice, how heavy it feels, wanting to do less.

The screen shows every proposed answer as prefilled, with its source, and it stays editable:
nothing here is stored unless the form is saved. Qt-free; the caller reads the record and the
timeline (on a worker thread) and hands them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from .answers import check_value, is_answered
from .model import FormDefinition, Question, QuestionKind

#: Date questions that hold the day the form itself is about (filled in with today).
TODAY_QUESTIONS = ("conversation_date", "check_in_date", "interview_date")
#: The check-in form and how a check-in's answers fill other forms' questions.
CHECKIN_FORM = "frivillighet"
FROM_CHECKIN = {
    "own_choice": "still_own_choice",
    "heaviness": "burden_now",
    "wants_less": "wants_to_reduce",
}
#: A check-in older than this (days) is asked again rather than prefilled.
RECENT_DAYS = 30
#: The record's relation kind is what the cared-for person is to the carer ("child": the
#: carer cares for their child); the stödplan asks the other way round: who the carer is to
#: the person they help.
CARER_IS_TO_CARED_FOR = {
    "partner": "partner",
    "child": "parent",
    "parent": "child",
    "sibling": "sibling",
    "friend": "friend_or_neighbour",
    "neighbour": "friend_or_neighbour",
}
RELATIONSHIP_QUESTION = "relationship"
#: Days are Swedish days (as everywhere in the app).
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOURS_QUESTION = "hours_per_week"


@dataclass(frozen=True)
class Prefilled:
    """A proposed answer and where it comes from (``today``, ``record`` or ``checkin``;
    ``since`` is the check-in's date for ``checkin``)."""

    question_id: str
    value: Any
    source: str
    since: dt.date | None = None


def _entry_day(entry: Mapping[str, Any]) -> dt.date | None:
    value = entry.get("occurred_at")
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when.astimezone(STOCKHOLM).date() if when.tzinfo else when.date()


def _relationship(carer: Mapping[str, Any]) -> str | None:
    kinds = {CARER_IS_TO_CARED_FOR.get(str(r.get("kind") or ""))
             for r in carer.get("relations") or [] if not r.get("ended_at")}
    return kinds.pop() if len(kinds) == 1 else None  # none, "other" or several: ask


def _hours(question: Question, carer: Mapping[str, Any]) -> int | float | None:
    hours = carer.get("hours_per_week")
    if not isinstance(hours, int | float) or isinstance(hours, bool) or hours <= 0:
        return None
    if question.integer:
        return round(hours)
    return int(hours) if float(hours).is_integer() else float(hours)


def latest_checkin(entries: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The newest check-in response among ``entries`` (any order)."""
    found = [e for e in entries if e.get("form_id") == CHECKIN_FORM
             and isinstance(e.get("data"), Mapping) and _entry_day(e) is not None]
    return max(found, key=lambda e: (str(e.get("occurred_at")), str(e.get("id"))), default=None)


def prefill_answers(
    form: FormDefinition,
    *,
    today: dt.date,
    carer: Mapping[str, Any] | None = None,
    entries: Sequence[Mapping[str, Any]] = (),
    recent_days: int = RECENT_DAYS,
) -> dict[str, Prefilled]:
    """Proposed answers for a new response to ``form``, by question id (top-level questions
    only; every value passes ``check_value`` for its question)."""
    found: dict[str, Prefilled] = {}

    def offer(question: Question, value: Any, source: str, since: dt.date | None = None) -> None:
        if is_answered(value) and check_value(question, value) is None:
            found[question.id] = Prefilled(question.id, value, source, since)

    checkin = latest_checkin(entries)
    checkin_day = _entry_day(checkin) if checkin is not None else None
    recent = (checkin is not None and checkin_day is not None
              and 0 <= (today - checkin_day).days <= recent_days and form.id != CHECKIN_FORM)
    for question in form.questions():
        kind, qid = question.kind, question.id
        if kind == QuestionKind.DATE and qid in TODAY_QUESTIONS:
            offer(question, today.isoformat(), "today")
        elif carer is not None and qid == RELATIONSHIP_QUESTION and kind == QuestionKind.SINGLE_CHOICE:
            offer(question, _relationship(carer), "record")
        elif carer is not None and qid == HOURS_QUESTION and kind == QuestionKind.NUMBER:
            offer(question, _hours(question, carer), "record")
        elif recent and qid in FROM_CHECKIN and checkin is not None:
            offer(question, checkin["data"].get(FROM_CHECKIN[qid]), "checkin", checkin_day)
    return found


__all__ = [
    "CARER_IS_TO_CARED_FOR",
    "FROM_CHECKIN",
    "RECENT_DAYS",
    "TODAY_QUESTIONS",
    "Prefilled",
    "latest_checkin",
    "prefill_answers",
]
