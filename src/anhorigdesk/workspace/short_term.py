"""The short-term unit's "Här på korttiden…" work: its stays and the term follow-up.

A stay is run with the carer as a response to the unit's ``korttid`` form: the stay's
dates and, for each of the unit's routines (checklist items), whether it was done. A
stay being filled in is a draft; a finished stay is an entry on the carer's timeline (a
later correction supersedes it). The term follow-up counts, per routine, how often it
held during the term's stays, so the unit can adjust its list each term.

Qt-free: the short-term page calls these functions on a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from anhorigdesk.forms import FormDefinition, Question
from anhorigdesk.store.repository import Actor, Repository

FORM_ID = "korttid"
HANDLED = ("done", "not_relevant")


def checklist_items(form: FormDefinition) -> list[Question]:
    """The unit's routines: every checklist item of the form, in order."""
    return form.checklist_items()


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _status(answers: dict[str, Any], item_id: str) -> str | None:
    value = answers.get(item_id)
    if isinstance(value, dict) and value.get("status"):
        return str(value["status"])
    return None


def is_term_follow_up(answers: dict[str, Any]) -> bool:
    return answers.get("is_term_follow_up") == "yes"


@dataclass(frozen=True)
class Stay:
    """One stay as the unit's list shows it."""

    carer_id: str
    carer_name: str
    start: date | None
    end: date | None
    items_total: int
    items_handled: int
    open_items: tuple[str, ...]
    entry_id: str | None = None  # a finished stay (the latest version)
    draft: dict[str, Any] | None = None  # a stay still being filled in (the draft row)
    updated_at: str = ""

    @property
    def is_draft(self) -> bool:
        return self.draft is not None

    def running_on(self, today: date) -> bool:
        return (self.start is None or self.start <= today) and (self.end is None or self.end >= today)


def _stay(carer_id: str, carer_name: str, answers: dict[str, Any], items: list[Question], **extra: Any) -> Stay:
    statuses = {q.id: _status(answers, q.id) for q in items}
    handled = [qid for qid, st in statuses.items() if st in HANDLED]
    return Stay(
        carer_id=carer_id, carer_name=carer_name, start=_date(answers.get("stay_start")),
        end=_date(answers.get("stay_end")), items_total=len(items), items_handled=len(handled),
        open_items=tuple(qid for qid in statuses if qid not in handled), **extra,
    )


def _latest_entries(repo: Repository, unit_id: str | None) -> list[dict[str, Any]]:
    sql = (
        "SELECT e.id, e.carer_id, e.data, e.occurred_at, e.updated_at, c.name AS carer_name"
        " FROM entries e JOIN carers c ON c.id = e.carer_id"
        " WHERE e.kind = ? AND e.deleted = 0 AND c.deleted = 0"
        " AND NOT EXISTS (SELECT 1 FROM entries s WHERE s.supersedes = e.id)"
    )
    params: list[Any] = [FORM_ID]
    if unit_id:
        sql += (" AND (e.unit_id = ? OR EXISTS (SELECT 1 FROM json_each(c.unit_ids) WHERE value = ?))")
        params += [unit_id, unit_id]
    rows = repo.db.reader().execute(sql + " ORDER BY e.occurred_at DESC", params).fetchall()
    names = ("id", "carer_id", "data", "occurred_at", "updated_at", "carer_name")
    return [dict(zip(names, r, strict=True)) for r in rows]


def unit_stays(
    repo: Repository, actor: Actor, form: FormDefinition, *, today: date, unit_id: str | None = None,
    recent_days: int = 90,
) -> list[Stay]:
    """Running stays, stays being filled in (drafts) and stays that ended within
    ``recent_days``; running and draft stays first, then by start date, newest first.
    Every carer listed is recorded in the access log."""
    items = checklist_items(form)
    stays: list[Stay] = []
    for row in _latest_entries(repo, unit_id or actor.unit_id):
        answers = json.loads(row["data"])
        if is_term_follow_up(answers):
            continue
        stay = _stay(row["carer_id"], row["carer_name"], answers, items, entry_id=row["id"],
                     updated_at=row["updated_at"])
        if stay.end is not None and (today - stay.end).days > recent_days:
            continue
        stays.append(stay)
    for draft in repo.drafts(actor):
        if draft["form_id"] != FORM_ID or not draft.get("carer_id") or is_term_follow_up(draft["data"]):
            continue
        stays.append(_stay(draft["carer_id"], draft.get("carer_name") or "", draft["data"], items,
                           draft=draft, updated_at=draft["updated_at"]))

    def order(s: Stay) -> tuple[int, int]:
        first = 0 if (s.is_draft or s.running_on(today)) else 1
        return (first, -(s.start or date.min).toordinal())

    stays.sort(key=order)
    for carer_id in dict.fromkeys(s.carer_id for s in stays):
        repo.log_access(actor, "carer", carer_id, "list:korttid")
    return stays


@dataclass
class RoutineTally:
    question_id: str
    done: int = 0
    partly: int = 0
    not_done: int = 0
    not_relevant: int = 0
    unanswered: int = 0
    comments: int = 0

    @property
    def answered(self) -> int:
        return self.done + self.partly + self.not_done

    @property
    def held_share(self) -> float | None:
        """Share of stays where the routine was done (not-relevant stays left out)."""
        return self.done / self.answered if self.answered else None


@dataclass
class TermSummary:
    start: date
    end: date
    stays: int
    routines: list[RoutineTally]
    follow_ups: list[dict[str, Any]] = field(default_factory=list)  # term follow-up answers

    def weakest(self, n: int = 3) -> list[RoutineTally]:
        scored = [r for r in self.routines if r.held_share is not None]
        return sorted(scored, key=lambda r: (r.held_share, -r.answered))[:n]


def term_summary(
    repo: Repository, actor: Actor, form: FormDefinition, *, start: date, end: date, unit_id: str | None = None,
) -> TermSummary:
    """Per routine, how the stays that began in [start, end] went; no names, counts only."""
    if end < start:
        raise ValueError("the term ends before it starts")
    items = checklist_items(form)
    tallies = {q.id: RoutineTally(q.id) for q in items}
    stays = 0
    follow_ups: list[dict[str, Any]] = []
    for row in _latest_entries(repo, unit_id or actor.unit_id):
        answers = json.loads(row["data"])
        if is_term_follow_up(answers):
            when = _date(row["occurred_at"])
            if when and start <= when <= end:
                follow_ups.append({k: answers.get(k) for k in ("term", "routines_held", "routines_to_adjust")})
            continue
        began = _date(answers.get("stay_start"))
        if began is None or not (start <= began <= end):
            continue
        stays += 1
        for q in items:
            tally = tallies[q.id]
            value = answers.get(q.id) if isinstance(answers.get(q.id), dict) else {}
            status = value.get("status")
            if status in ("done", "partly", "not_done", "not_relevant"):
                setattr(tally, status, getattr(tally, status) + 1)
            else:
                tally.unanswered += 1
            if str(value.get("comment") or "").strip():
                tally.comments += 1
    return TermSummary(start, end, stays, list(tallies.values()), follow_ups)


def term_bounds(today: date) -> tuple[date, date]:
    """The term (spring Jan–Jun, autumn Jul–Dec) that ``today`` falls in."""
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 7, 1), date(today.year, 12, 31)


def term_label(start: date, language: str) -> str:
    spring = start.month <= 6
    if language.startswith("sv"):
        return f"{'Vår' if spring else 'Höst'}terminen {start.year}"
    return f"{'Spring' if spring else 'Autumn'} term {start.year}"


def routine_texts(form: FormDefinition, language: str) -> Iterable[tuple[Question, dict[str, str]]]:
    """Each routine with its who/when/how/where texts in ``language`` (empty when unset)."""
    for q in checklist_items(form):
        routine = q.routine
        texts = {}
        for part in ("who", "when", "how", "where"):
            value = getattr(routine, part, None) if routine else None
            texts[part] = value.get(language) if value is not None else ""
        yield q, texts


@dataclass(frozen=True)
class StayFacts:
    """What the carer's timeline says about a stay: its kind as the form names it (never
    the stored code), its dates and how many of the unit's routines were handled."""

    kind_label: str  # "" when the stay's kind is not answered (or unknown to the form)
    start: date | None
    end: date | None
    items_handled: int
    items_total: int


def stay_facts(answers: dict[str, Any], form: FormDefinition | None, language: str) -> StayFacts:
    """The facts of one stay (``answers`` of a korttid response) in ``language``. Without
    its form nothing is labelled: a code stays out of sight rather than shown raw."""
    kind_label = ""
    kind = answers.get("stay_kind")
    items: list[Question] = []
    if form is not None:
        items = checklist_items(form)
        if isinstance(kind, str) and kind:
            try:
                question = form.question("stay_kind")
            except KeyError:
                question = None
            if question is not None and kind in question.option_values():
                kind_label = question.option_label(kind, language)
    stay = _stay("", "", answers, items)
    return StayFacts(kind_label, stay.start, stay.end, stay.items_handled, stay.items_total)


def timeline_day(entry: dict[str, Any]) -> date | None:
    """The day a stay belongs to on the timeline: the day it began (not the day it was
    saved); None for other entries or a stay without a start."""
    if entry.get("kind") != FORM_ID:
        return None
    answers = entry.get("data") or {}
    if is_term_follow_up(answers):
        return None
    return _date(answers.get("stay_start"))
