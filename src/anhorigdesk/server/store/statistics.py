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

from anhorigdesk.followup.facts import FactBuilder
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
        marks = ", ".join("?" * len(units))
        in_units = f"e.scope_key IN (SELECT DISTINCT scope_key FROM scope_units WHERE unit_id IN ({marks}))"
        for entity, fields in _FIELDS.items():
            wanted = list(fields) + (["data"] if entity == "entry" else [])
            self._one_parse_facts(tx, facts, entity, wanted, units, in_units)
        return facts

    def _one_parse_facts(self, tx: Transaction, facts: FactBuilder, entity: str, wanted: list[str],
                         units: list[str], in_units: str) -> None:
        """Every field a count needs, and whether a second version or a delete is present,
        as one JSON array per record, from ONE parse of its state: SQLite 3.40 parses a JSON
        text again for every function call (``json_extract`` with many paths parses once);
        PostgreSQL casts the text to jsonb once in a subquery kept apart (``OFFSET 0``:
        flattened, the cast ran again for every operator)."""
        created = list(_CREATED_FROM) if entity == "carer" else []
        paths = ([f"$.heads.{f}[0].value" for f in wanted] + [f"$.heads.{f}[1].hlc" for f in wanted]
                 + ["$.deletes", "$.delete_legacy", "$.delete_hlc"]
                 + [f"$.heads.{f}[0].hlc" for f in created])
        n = len(wanted)
        if tx.dialect.is_pg:
            args = ", ".join(
                "j #> '{" + ",".join(p[2:].replace("[", ".").replace("]", "").split(".")) + "}'"
                for p in paths)
            sql = (f"SELECT entity_id, jsonb_build_array({args})::text FROM"
                   f" (SELECT e.entity_id, e.state::jsonb AS j FROM entities e"
                   f" WHERE e.entity = ? AND {in_units} OFFSET 0) s")
        else:
            args = ", ".join(f"'{p}'" for p in paths)
            sql = (f"SELECT e.entity_id, json_extract(e.state, {args}) FROM entities e"
                   f" WHERE e.entity = ? AND {in_units}")
        for entity_id, extracted in tx.all(sql, (entity, *units)):
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
