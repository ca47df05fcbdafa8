"""Closing and reopening a carer's case (avsluta stödet / återuppta stödet) and ending a
relation to a cared-for person (avsluta en relation).

Closing a case, in this order, each an ordinary synced write through the single writer:

1. an append-only ``case_event`` (kind ``close``: who, when, why — one of
   :data:`CLOSE_REASONS` — and an optional note), so every close and reopen stays readable;
2. the carer record's ``status`` becomes ``ended`` (lists leave the carer out unless asked,
   search, the carer page and the list show "avslutad");
3. the carer's schedule is closed with the existing schedule close
   (:func:`anhorigdesk.scheduling.storage.record_setting`, ``close``): no more check-ins or
   plan reviews, so the due lists no longer show the carer.

Reopening is the same with ``reopen``. The record stays readable and searchable throughout.
Ending a relation sets the relation's ``ended_at`` and ``ended_reason`` (scheduling already
closes the schedule of a carer whose every relation has ended). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from anhorigdesk.i18n import message
from anhorigdesk.store.entities import CASE_CLOSE_REASONS, CASE_EVENT, RELATION
from anhorigdesk.store.ids import uuid7
from anhorigdesk.store.repository import Actor, Change, NotFound, Repository

#: why a case was closed (stored: never rename one)
CLOSE_REASONS = CASE_CLOSE_REASONS
#: why a relation ended (the relation entity's stored codes)
RELATION_END_REASONS = RELATION.choices["ended_reason"]

# the schedule close's own codes (scheduling/texts: ended_because) for each close reason
_ENDED_BECAUSE = {
    "support_ended": "other",
    "carer_moved": "other",
    "carer_died": "other",
    "cared_for_died": "cared_for_died",
    "other": "other",
}


class CaseError(ValueError):
    """A close or reopen that does not fit (says what: ``code`` and the carer id)."""

    def __init__(self, code: str, carer_id: str) -> None:
        self.code, self.carer_id = code, carer_id
        super().__init__(f"{code}: carer {carer_id}")

    def localized(self, language: str) -> str:
        """The user's text (core catalogue; names no one)."""
        return message(self.code, language)


@dataclass(frozen=True)
class CaseEvent:
    """One close or reopen of a carer's case: who, when, why."""

    id: str
    carer_id: str
    kind: str  # "close" / "reopen"
    at: datetime
    by_staff_id: str | None
    reason: str | None
    note: str


def _status(repo: Repository, carer_id: str) -> str:
    row = repo.db.reader().execute(
        "SELECT status FROM carers WHERE id = ? AND deleted = 0", (carer_id,)).fetchone()
    if row is None:
        raise NotFound("carer", carer_id)
    return row[0]


def close_case(repo: Repository, actor: Actor, carer_id: str, reason: str, *, at: datetime,
               note: str = "") -> CaseEvent:
    """Close the carer's case ("Avsluta stödet") for ``reason`` (one of
    :data:`CLOSE_REASONS`); closes the carer's schedule. Refuses a case already closed."""
    from anhorigdesk.scheduling.storage import record_setting

    if reason not in CLOSE_REASONS:
        raise ValueError(f"close reason {reason!r} is not one of {', '.join(CLOSE_REASONS)}")
    if _status(repo, carer_id) == "ended":
        raise CaseError("case.already_closed", carer_id)
    event = CaseEvent(uuid7(), carer_id, "close", at, actor.staff_id, reason, note.strip())
    repo.write(actor, [
        Change(CASE_EVENT.name, {"carer_id": carer_id, "kind": "close", "at": at,
                                 "by_staff_id": actor.staff_id, "reason": reason,
                                 "note": event.note or None}, event.id),
        Change("carer", {"status": "ended"}, carer_id),
    ], action="case_close")
    if actor.staff_id:  # the schedule close needs a staff member; the ended status closes it too
        record_setting(repo, actor, carer_id, "close", at=at, reason=event.note,
                       ended_because=_ENDED_BECAUSE[reason])
    return event


def reopen_case(repo: Repository, actor: Actor, carer_id: str, *, at: datetime,
                note: str = "") -> CaseEvent:
    """Reopen a closed case: the carer is active again and their schedule reopens."""
    from anhorigdesk.scheduling.storage import record_setting

    if _status(repo, carer_id) != "ended":
        raise CaseError("case.not_closed", carer_id)
    event = CaseEvent(uuid7(), carer_id, "reopen", at, actor.staff_id, None, note.strip())
    repo.write(actor, [
        Change(CASE_EVENT.name, {"carer_id": carer_id, "kind": "reopen", "at": at,
                                 "by_staff_id": actor.staff_id, "note": event.note or None}, event.id),
        Change("carer", {"status": "active"}, carer_id),
    ], action="case_reopen")
    if actor.staff_id:
        record_setting(repo, actor, carer_id, "reopen", at=at, reason=event.note)
    return event


def case_events(repo: Repository, carer_id: str) -> list[CaseEvent]:
    """Every close and reopen of the carer's case, oldest first."""
    rows = repo.db.reader().execute(
        "SELECT id, carer_id, kind, at, by_staff_id, reason, note FROM case_events"
        " WHERE carer_id = ? AND deleted = 0 ORDER BY at, id", (carer_id,)).fetchall()
    return [CaseEvent(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5], r[6] or "")
            for r in rows]


def end_relation(repo: Repository, actor: Actor, relation_id: str, reason: str, *,
                 on: date) -> None:
    """End a relation to a cared-for person on ``on`` for ``reason`` (one of
    :data:`RELATION_END_REASONS`). The relation stays on the record, marked ended."""
    if reason not in RELATION_END_REASONS:
        raise ValueError(f"relation end reason {reason!r} is not one of {', '.join(RELATION_END_REASONS)}")
    row = _relation(repo, relation_id)
    if row["ended_at"]:
        raise CaseError("relation.already_ended", row["carer_id"])
    repo.write(actor, [Change("relation", {"ended_at": on, "ended_reason": reason}, relation_id)],
               action="relation_end")


def reopen_relation(repo: Repository, actor: Actor, relation_id: str) -> None:
    """Undo the end of a relation (it was ended by mistake, or the care started again)."""
    row = _relation(repo, relation_id)
    if not row["ended_at"]:
        raise CaseError("relation.not_ended", row["carer_id"])
    repo.write(actor, [Change("relation", {"ended_at": None, "ended_reason": None}, relation_id)],
               action="relation_reopen")


def _relation(repo: Repository, relation_id: str) -> dict[str, Any]:
    row = repo.db.reader().execute(
        "SELECT carer_id, ended_at FROM relations WHERE id = ? AND deleted = 0", (relation_id,)).fetchone()
    if row is None:
        raise NotFound("relation", relation_id)
    return {"carer_id": row[0], "ended_at": row[1]}
