"""Which of a unit's carers are due for thinning (gallring) soon, as this laptop sees it
(#13: "a unit manager sees in the app which of the unit's carers are due for thinning in
the next 90 days"; Uppföljning → Gallring, ``ui/followup/thinning_view.py``).

A carer's last activity here is the newest clock (HLC: the time the change was written) of
the carer's record and of every record about the carer (entries, relations, consents,
plans, schedules, tasks, case events). The server's run decides from when the changes
*arrived* (``server/gallring.py``), which is the same or later: a carer listed here may be
thinned a little later than the date shown, never earlier. The rules are
:mod:`anhorigdesk.lifecycle.retention`'s defaults (the municipality's exceptions are set on
the server): what happens is shown per carer (thinned, or kept for research / without a
personnummer). Removed (deleted) carers are not listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from anhorigdesk.lifecycle.retention import (
    Outcome,
    RetentionPolicy,
    decide,
    due_within,
    thinning_date,
)
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import CARER, ENTITIES

DUE_DAYS = 90


@dataclass(frozen=True)
class DueCarer:
    carer_id: str
    name: str
    last_activity: date
    due: date  # the thinning date (gallringsdatum)
    outcome: Outcome  # under the default rules: thinned, or kept (why)


def _day(hlc: str | None) -> date | None:
    """The local date of an HLC ``<ms>-<counter>-<node>`` (None when there is none)."""
    if not hlc:
        return None
    try:
        ms = int(str(hlc).split("-", 1)[0])
    except ValueError:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC).date()


def due_for_thinning(
    conn: Connection, unit_id: str | None, today: date, *, days: int = DUE_DAYS,
    policy: RetentionPolicy | None = None,
) -> list[DueCarer]:
    """The carers of ``unit_id`` (every carer when None) whose thinning date falls within
    ``days`` from ``today`` or has passed, soonest first."""
    if days < 0:
        raise ValueError(f"days: {days} is negative")
    policy = policy or RetentionPolicy()
    latest: dict[str, str] = {}
    for spec in ENTITIES.values():
        if spec is CARER or not spec.carer_field:
            continue
        for carer_id, hlc in conn.execute(
            f"SELECT {spec.carer_field}, MAX(hlc) FROM {spec.table} GROUP BY {spec.carer_field}"
        ):
            if carer_id and hlc and hlc > latest.get(carer_id, ""):
                latest[carer_id] = hlc
    found: list[DueCarer] = []
    for carer_id, name, units, number, hlc in conn.execute(
        "SELECT id, name, unit_ids, personnummer, hlc FROM carers WHERE deleted = 0"
    ):
        if unit_id is not None and unit_id not in (json.loads(units or "[]") or []):
            continue
        newest = max(hlc or "", latest.get(carer_id, ""))
        last = _day(newest)
        if last is None or not due_within(last, today, days, policy):
            continue
        # what the rules say on the thinning date (not yet due today: NOT_DUE otherwise)
        decision = decide(last, number, max(today, thinning_date(last, policy)), policy)
        found.append(DueCarer(carer_id, name or "", last, decision.due, decision.outcome))
    found.sort(key=lambda d: (d.due, d.name.casefold(), d.carer_id))
    return found

