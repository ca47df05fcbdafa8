"""Follow-up statistics (uppföljningsstatistik) of whole units: counts, never persons.

Only an administrator or a ``unit_manager`` of every unit asked for may read them; any
other attempt is refused (403) and logged. The figures are counted from the merged entity
states of the units' scopes by :func:`anhorigdesk.followup.statistics.compute_statistics`
(the same rules as the laptop's own figures). Only the fields the counts need are read,
by the database's own JSON functions; a record whose state holds concurrent versions or a
delete is merged in full (:class:`~anhorigdesk.replication.merge.EntityState`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from anhorigdesk.followup.facts import DATA_KINDS, ENTRY_KINDS, FactBuilder
from anhorigdesk.followup.statistics import Period, Statistics, compute_statistics
from anhorigdesk.replication.merge import EntityState
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.access_log import AccessLog
from anhorigdesk.server.store.base import Principal

# The fields read per entity (besides the id).
_FIELDS: dict[str, tuple[str, ...]] = {
    "carer": ("unit_ids", "birth_date", "is_child", "status"),
    "relation": ("carer_id", "kind"),
    "carer_schedule": ("carer_id", "interval_months"),
    "entry": ("carer_id", "kind", "occurred_at", "supersedes"),
    "follow_up_task": ("carer_id", "flag_id", "raised_at", "due_on", "resolved_at"),
    "schedule_setting": ("carer_id", "kind", "at", "until"),
}
# A carer's registration time is the wall time of the oldest field version still in the
# merged state (these fields are set when a carer is registered and seldom edited; a carer
# whose every one of them was edited since counts from the oldest edit).
_CREATED_FROM = ("name", "unit_ids", "birth_date", "personnummer", "is_child", "preferred_language")


def _wall(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(hlc.split("-", 1)[0]) / 1000, UTC)
    except (ValueError, OverflowError):
        return None


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
            facts = self._statistics_facts(tx, units)
        stats = compute_statistics(facts.carers(), facts.entries, facts.follow_ups, facts.settings,
                                   units, period, self.clock(), scope="unit")
        self._log(principal, "statistics", None, units[0], "ok",
                  f"{period.kind} {period.key()} units {len(units)}", client_addr)
        return stats

    def _statistics_facts(self, tx: Transaction, units: list[str]) -> FactBuilder:
        facts = FactBuilder()
        pg = tx.dialect.is_pg
        marks = ", ".join("?" * len(units))
        in_units = f"e.scope_key IN (SELECT DISTINCT scope_key FROM scope_units WHERE unit_id IN ({marks}))"

        def path(field: str, *rest: str) -> str:
            if pg:
                return "j.j #>> '{" + ",".join(("heads", field, *rest)) + "}'"
            return f"json_extract(e.state, '$.heads.{field}" + "".join(
                f"[{r}]" if r.isdigit() else f".{r}" for r in rest) + "')"

        def count(field: str) -> str:
            if pg:
                return f"jsonb_array_length(COALESCE(j.j -> 'heads' -> '{field}', '[]'::jsonb))"
            return f"COALESCE(json_array_length(e.state, '$.heads.{field}'), 0)"

        source = "FROM entities e" + (", LATERAL (SELECT e.state::jsonb AS j) j" if pg else "")
        deleted = ("(j.j -> 'deletes' IS NOT NULL OR COALESCE(j.j ->> 'delete_legacy', '') <> ''"
                   " OR COALESCE(j.j ->> 'delete_hlc', '') <> '')") if pg else (
                   "(json_type(e.state, '$.deletes') IS NOT NULL"
                   " OR COALESCE(json_extract(e.state, '$.delete_legacy'), '') <> ''"
                   " OR COALESCE(json_extract(e.state, '$.delete_hlc'), '') <> '')")
        for entity, fields in _FIELDS.items():
            wanted = list(fields) + (["data"] if entity == "entry" else [])
            if not pg:
                self._sqlite_facts(tx, facts, entity, wanted, units, in_units)
                continue
            cols = [path(f, "0", "value") for f in wanted]
            if entity == "entry":  # the answers only of the kinds whose answers are counted
                kinds = ", ".join(f"'{k}'" for k in DATA_KINDS)
                cols[-1] = f"CASE WHEN {path('kind', '0', 'value')} IN ({kinds}) THEN {cols[-1]} END"
            many = " OR ".join(f"{count(f)} > 1" for f in wanted)
            extra = ""
            if entity == "carer":  # when the carer was registered: the oldest field version
                cols += [path(f, "0", "hlc") for f in _CREATED_FROM]
            if entity == "entry":
                kinds = ", ".join(f"'{k}'" for k in ENTRY_KINDS)
                extra = f" AND {path('kind', '0', 'value')} IN ({kinds})"
            sql = (f"SELECT e.entity_id, CASE WHEN {many} OR {deleted} THEN e.state END, {', '.join(cols)}"
                   f" {source} WHERE e.entity = ? AND {in_units}{extra}")
            for row in tx.all(sql, (entity, *units)):
                entity_id, full = row[0], row[1]
                if full is not None:
                    values, created = self._merged(full, wanted)
                    if values is None:
                        continue
                else:
                    values = dict(zip(wanted, row[2:2 + len(wanted)], strict=True))
                    created = min((h for h in row[2 + len(wanted):] if h), default=None)
                    for name in ("is_child", "interval_months"):
                        if isinstance(values.get(name), str):  # SQLite json_extract gives ints
                            values[name] = json.loads(values[name])
                self._add_fact(facts, entity, entity_id, values, created)
        return facts

    def _sqlite_facts(self, tx: Transaction, facts: FactBuilder, entity: str, wanted: list[str],
                      units: list[str], in_units: str) -> None:
        """SQLite (3.40 parses a JSON text again for every function call): every field a
        count needs, whether a second version or a delete is present, in ONE
        ``json_extract`` per record, which gives them as one JSON array."""
        created = list(_CREATED_FROM) if entity == "carer" else []
        paths = ([f"$.heads.{f}[0].value" for f in wanted] + [f"$.heads.{f}[1].hlc" for f in wanted]
                 + ["$.deletes", "$.delete_legacy", "$.delete_hlc"]
                 + [f"$.heads.{f}[0].hlc" for f in created])
        args = ", ".join(f"'{p}'" for p in paths)
        n = len(wanted)
        for entity_id, extracted in tx.all(
            f"SELECT e.entity_id, json_extract(e.state, {args}) FROM entities e"
            f" WHERE e.entity = ? AND {in_units}", (entity, *units),
        ):
            row = json.loads(extracted)
            if any(row[n:2 * n]) or any(row[2 * n:2 * n + 3]):
                one = tx.one("SELECT state FROM entities WHERE entity = ? AND entity_id = ?",
                             (entity, entity_id))
                if one is None:
                    continue
                merged, first = self._merged(one[0], wanted)
                if merged is None:
                    continue
                values = merged
            else:
                values = dict(zip(wanted, row[:n], strict=True))
                first = min((h for h in row[2 * n + 3:] if h), default=None)
            self._add_fact(facts, entity, entity_id, values, first)

    @staticmethod
    def _add_fact(facts: FactBuilder, entity: str, entity_id: str, values: dict[str, Any],
                  created: str | None) -> None:
        if entity == "carer":
            wall = _wall(created) if created else None
            facts.carer(entity_id, values, wall.isoformat() if wall else None)
        elif entity == "relation":
            facts.relation(values)
        elif entity == "carer_schedule":
            facts.carer_schedule(values)
        elif entity == "entry":
            facts.entry(entity_id, values)
        elif entity == "follow_up_task":
            facts.follow_up(entity_id, values)
        else:
            facts.setting(entity_id, values)

    @staticmethod
    def _merged(state_json: str, wanted: list[str]) -> tuple[dict[str, Any] | None, str | None]:
        state = EntityState.from_json(json.loads(state_json))
        if state.deleted:
            return None, None
        fields = state.fields
        first = min((v.hlc for vs in state.heads.values() for v in vs), default=None)
        return {name: fields.get(name) for name in wanted}, first
