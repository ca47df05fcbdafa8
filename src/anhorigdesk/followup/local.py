"""The laptop's own figures (egen ärendelista): statistics from the encrypted store.

Offline the app cannot see the whole unit; it counts the records this laptop holds for the
selected units and says so (``scope = "caseload"``). Read on a worker thread through the
store's reader connection; only the columns the counts need are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from anhorigdesk.followup.facts import DATA_KINDS, ENTRY_KINDS, FactBuilder
from anhorigdesk.followup.statistics import Period, Statistics, compute_statistics
from anhorigdesk.store.engine import Connection


def caseload_facts(conn: Connection, unit_ids: Iterable[str]) -> FactBuilder:
    """The facts of the carers in ``unit_ids`` this store holds."""
    units = sorted(set(unit_ids))
    facts = FactBuilder()
    if not units:
        return facts
    marks = ",".join("?" for _ in units)
    chosen = (f"SELECT c.id FROM carers c, json_each(c.unit_ids) u"
              f" WHERE c.deleted = 0 AND u.value IN ({marks})")
    for cid, unit_json, created, born, child, status in conn.execute(
        f"SELECT id, unit_ids, created_at, birth_date, is_child, status FROM carers"
        f" WHERE id IN ({chosen})", units,
    ).fetchall():
        facts.carer(cid, {"unit_ids": unit_json, "birth_date": born, "is_child": child,
                          "status": status}, created)
    for carer_id, kind in conn.execute(
        f"SELECT carer_id, kind FROM relations WHERE deleted = 0 AND carer_id IN ({chosen})", units,
    ).fetchall():
        facts.relation({"carer_id": carer_id, "kind": kind})
    for carer_id, months in conn.execute(
        f"SELECT carer_id, interval_months FROM carer_schedules WHERE deleted = 0 AND carer_id IN ({chosen})",
        units,
    ).fetchall():
        facts.carer_schedule({"carer_id": carer_id, "interval_months": months})
    kinds = ",".join("?" for _ in ENTRY_KINDS)
    data_kinds = ",".join("?" for _ in DATA_KINDS)
    for entry_id, carer_id, kind, occurred, supersedes, data in conn.execute(
        f"SELECT id, carer_id, kind, occurred_at, supersedes,"
        f" CASE WHEN kind IN ({data_kinds}) THEN data END FROM entries"
        f" WHERE deleted = 0 AND kind IN ({kinds}) AND carer_id IN ({chosen})",
        [*DATA_KINDS, *ENTRY_KINDS, *units],
    ).fetchall():
        facts.entry(entry_id, {"carer_id": carer_id, "kind": kind, "occurred_at": occurred,
                               "supersedes": supersedes, "data": data})
    for task_id, carer_id, flag, raised, due, resolved in conn.execute(
        f"SELECT id, carer_id, flag_id, raised_at, due_on, resolved_at FROM follow_up_tasks"
        f" WHERE deleted = 0 AND carer_id IN ({chosen})", units,
    ).fetchall():
        facts.follow_up(task_id, {"carer_id": carer_id, "flag_id": flag, "raised_at": raised,
                                  "due_on": due, "resolved_at": resolved})
    for setting_id, carer_id, kind, at, until in conn.execute(
        f"SELECT id, carer_id, kind, at, until FROM schedule_settings"
        f" WHERE deleted = 0 AND carer_id IN ({chosen})", units,
    ).fetchall():
        facts.setting(setting_id, {"carer_id": carer_id, "kind": kind, "at": at, "until": until})
    return facts


def caseload_statistics(conn: Connection, unit_ids: Iterable[str], period: Period,
                        now: datetime) -> Statistics:
    """The statistics of this laptop's own records (``scope = "caseload"``)."""
    units = list(unit_ids)
    facts = caseload_facts(conn, units)
    return compute_statistics(facts.carers(), facts.entries, facts.follow_ups, facts.settings,
                              units, period, now, scope="caseload")
