"""The laptop's own figures (egen ärendelista): statistics from the encrypted store.

Offline the app cannot see the whole unit; it counts the records this laptop holds for the
selected units and says so (``scope = "caseload"``). Read on a worker thread through the
store's reader connection, from the fact tables the store's triggers keep (migration
``0018_statistics_facts``) by :func:`~anhorigdesk.followup.aggregate.aggregate_statistics`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from anhorigdesk.followup.aggregate import aggregate_statistics
from anhorigdesk.followup.statistics import Period, Statistics
from anhorigdesk.store.engine import Connection


def caseload_statistics(conn: Connection, unit_ids: Iterable[str], period: Period,
                        now: datetime) -> Statistics:
    """The statistics of this laptop's own records (``scope = "caseload"``)."""

    def query(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.execute(sql, tuple(params)).fetchall()]

    return aggregate_statistics(query, unit_ids, period, now, scope="caseload", case_events=True)
