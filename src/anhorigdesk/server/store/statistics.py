"""Follow-up statistics (uppföljningsstatistik) of whole units: counts, never persons.

Only an administrator or a ``unit_manager`` of every unit asked for may read them; any
other attempt is refused (403) and logged. The figures are counted by
:func:`anhorigdesk.followup.aggregate.aggregate_statistics` (the rules of
:func:`anhorigdesk.followup.statistics.compute_statistics`) from the fact tables
``stat_facts`` / ``stat_units`` (migration ``0013_statistics_facts``), which hold one
narrow row per counted record and are kept in the same transaction as every write of the
merged states: :func:`record_facts` is called once from a push's ``_flush`` and once from a
retire (``server/validation.py``), :func:`forget_facts` once from a purge's removal
(``server/store/purge.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from anhorigdesk.followup.aggregate import (
    FACT_COLUMNS,
    FACT_ENTITIES,
    INSERT_FACT,
    INSERT_UNIT,
    aggregate_statistics,
    fact_of,
    period_bounds,
)
from anhorigdesk.followup.statistics import Period, Statistics
from anhorigdesk.replication.merge import EntityState
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.access_log import AccessLog
from anhorigdesk.server.store.base import Principal, text_array

# A carer's registration time is the wall time of the oldest version of these fields still
# in the merged state (they are set when a carer is registered and seldom edited; a carer
# whose every one of them was edited since counts from the oldest edit).
_CREATED_FROM = ("name", "unit_ids", "birth_date", "personnummer", "is_child", "preferred_language")


def _wall(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(hlc.split("-", 1)[0]) / 1000, UTC)
    except (ValueError, OverflowError):
        return None


def _registered(state: EntityState) -> str | None:
    hlcs = [v.hlc for f in _CREATED_FROM for v in state.heads.get(f, ())]
    if not hlcs:
        hlcs = [v.hlc for vs in state.heads.values() for v in vs]
    wall = _wall(min(hlcs)) if hlcs else None
    return wall.isoformat() if wall else None


def _delete_keys(tx: Transaction, keys: Sequence[tuple[str, str]]) -> None:
    carers = [i for e, i in keys if e == "carer"]
    if tx.dialect.is_pg:
        # one statement each (an array a column) instead of one pipelined DELETE a record
        tx.execute(
            "DELETE FROM stat_facts AS f USING unnest(?::text[], ?::text[]) AS k (e, i)"
            " WHERE f.entity = k.e AND f.entity_id = k.i",
            (text_array(e for e, _i in keys), text_array(i for _e, i in keys)),
        )
        if carers:
            tx.execute("DELETE FROM stat_units WHERE carer_id = ANY(?::text[])", (text_array(carers),))
        return
    tx.executemany("DELETE FROM stat_facts WHERE entity = ? AND entity_id = ?", keys)
    if carers:
        tx.executemany("DELETE FROM stat_units WHERE carer_id = ?", [(i,) for i in carers])


def record_facts(tx: Transaction, states: Iterable[tuple[str, str, EntityState | None]]) -> None:
    """Bring the fact rows of these records up to date with their merged states (``None``
    or a deleted state: the record's facts go)."""
    keys: list[tuple[str, str]] = []
    facts: list[tuple[Any, ...]] = []
    units: list[tuple[str, str]] = []
    for entity, entity_id, state in states:
        if entity not in FACT_ENTITIES:
            continue
        keys.append((entity, entity_id))
        if state is None or state.deleted:
            continue
        row, unit_rows = fact_of(entity, entity_id, state.fields,
                                 _registered(state) if entity == "carer" else None)
        if row is not None:
            facts.append(row)
            units.extend(unit_rows)
    if not keys:
        return
    _delete_keys(tx, keys)
    if tx.dialect.is_pg:  # COPY: one stream, no statement a row
        tx.insert_rows("stat_facts", FACT_COLUMNS, facts)
        tx.insert_rows("stat_units", ("carer_id", "unit_id"), units)
        return
    tx.executemany(INSERT_FACT, facts)
    tx.executemany(INSERT_UNIT, units)


def forget_facts(tx: Transaction, records: Iterable[tuple[str, str]]) -> None:
    """The records are gone (purged): so are their facts."""
    keys = [(e, i) for e, i in records if e in FACT_ENTITIES]
    if keys:
        _delete_keys(tx, keys)


def fill_facts(tx: Transaction) -> int:
    """Every record's facts from the merged states (migration ``0013_statistics_facts``,
    and after a restore of an older backup); returns the number of fact rows."""
    tx.execute("DELETE FROM stat_facts")
    tx.execute("DELETE FROM stat_units")
    marks = ", ".join("?" * len(FACT_ENTITIES))
    total = 0
    batch: list[tuple[str, str, EntityState | None]] = []
    for entity, entity_id, state in tx.all(
        f"SELECT entity, entity_id, state FROM entities WHERE entity IN ({marks})", FACT_ENTITIES,
    ):
        batch.append((entity, entity_id, EntityState.from_json(json.loads(state))))
        if len(batch) >= 5000:
            record_facts(tx, batch)
            total += len(batch)
            batch = []
    record_facts(tx, batch)
    if tx.dialect.is_pg:  # its planner needs the new tables' statistics (autovacuum keeps them)
        tx.execute("ANALYZE stat_facts")
        tx.execute("ANALYZE stat_units")
    return total + len(batch)


def _thinning(tx: Transaction, units: Sequence[str], period: Period) -> tuple[tuple[str, str, int], ...]:
    """Gallring's figures for the units (gallringsrapport): ``thinning.carers``, the carers
    whose records a gallring purge thinned in the period, and ``thinning.records``, the
    records it deleted. A purged carer's scope keeps its units (``scope_units``)."""
    start, end = period_bounds(period)
    marks = ", ".join("?" * len(units))
    carers, records = tx.all(
        "SELECT COUNT(DISTINCT COALESCE(s.carer_id, p.scope_key)), COALESCE(SUM(p.records_deleted), 0)"
        " FROM purges p LEFT JOIN scopes s ON s.scope_key = p.scope_key"
        f" WHERE p.reason = 'gallring' AND p.at >= ? AND p.at < ? AND p.scope_key IN"
        f" (SELECT scope_key FROM scope_units WHERE unit_id IN ({marks}))",
        (start, end, *units),
    )[0]
    return (("thinning", "carers", int(carers)), ("thinning", "records", int(records)))


class UnitStatistics(AccessLog):
    """Reading the follow-up statistics of units (``GET /v1/statistics``)."""

    def unit_statistics(
        self, principal: Principal, unit_ids: Sequence[str], period: Period, client_addr: str,
    ) -> Statistics:
        units = sorted(set(unit_ids))
        allowed = principal.role == "administrator" or (
            principal.role == "unit_manager" and bool(units) and set(units) <= principal.unit_ids
        )
        if not units or not allowed:
            self._log(principal, "statistics", None, units[0] if units else None, "denied",
                      "forbidden_statistics", client_addr)
            raise ApiError(403, "forbidden_statistics")
        with self.db.transaction() as tx:
            stats = aggregate_statistics(tx.all, units, period, self.clock(), scope="unit",
                                         case_events=True, pg=tx.dialect.is_pg)
            stats = replace(stats, rows=stats.rows + _thinning(tx, units, period))
        self._log(principal, "statistics", None, units[0], "ok",
                  f"{period.kind} {period.key()} units {len(units)}", client_addr)
        return stats
