"""Statistics facts from stored records (uppföljning): the laptop's store and the server.

Both keep the same entities (``store/entities.py``): the laptop in its tables, the server as
merged entity states. :class:`FactBuilder` takes their field values (a dict per record, JSON
fields as text or parsed) and builds the plain facts :func:`compute_statistics` counts; only
the fields the counts need are read (an entry's answers only for korttid and handouts).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from anhorigdesk.followup.statistics import (
    CarerFact,
    EntryFact,
    FollowUpFact,
    SettingFact,
    json_value,
    parse_day,
    parse_time,
)

# The entry kinds the statistics count, and those whose answers they read.
ENTRY_KINDS = ("samtal", "stodplan", "frivillighet", "korttid", "handout")
DATA_KINDS = ("korttid", "handout")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FactBuilder:
    """Collects records one at a time; :meth:`carers` etc. give the facts."""

    def __init__(self) -> None:
        self._carers: dict[str, Mapping[str, Any]] = {}
        self._relations: dict[str, set[str]] = {}
        self._intervals: dict[str, int] = {}
        self.entries: list[EntryFact] = []
        self.follow_ups: list[FollowUpFact] = []
        self.settings: list[SettingFact] = []

    def carer(self, carer_id: str, values: Mapping[str, Any], created_at: Any) -> None:
        self._carers[carer_id] = {**values, "_created": created_at}

    def relation(self, values: Mapping[str, Any]) -> None:
        carer_id, kind = values.get("carer_id"), values.get("kind")
        if isinstance(carer_id, str) and isinstance(kind, str):
            self._relations.setdefault(carer_id, set()).add(kind)

    def carer_schedule(self, values: Mapping[str, Any]) -> None:
        carer_id, months = values.get("carer_id"), values.get("interval_months")
        if isinstance(carer_id, str) and isinstance(months, int) and months > 0:
            self._intervals[carer_id] = months

    def entry(self, entry_id: str, values: Mapping[str, Any]) -> None:
        kind, at = values.get("kind"), parse_time(values.get("occurred_at"))
        carer_id = values.get("carer_id")
        if kind not in ENTRY_KINDS or at is None or not isinstance(carer_id, str):
            return
        data = json_value(values.get("data"), {}) if kind in DATA_KINDS else {}
        self.entries.append(EntryFact(entry_id, carer_id, kind, at,
                                      data if isinstance(data, dict) else {},
                                      values.get("supersedes") or None))

    def follow_up(self, task_id: str, values: Mapping[str, Any]) -> None:
        raised, due = parse_time(values.get("raised_at")), parse_day(values.get("due_on"))
        carer_id, flag = values.get("carer_id"), values.get("flag_id")
        if raised is None or due is None or not isinstance(carer_id, str) or not isinstance(flag, str):
            return
        self.follow_ups.append(FollowUpFact(task_id, carer_id, flag, raised, due,
                                            parse_time(values.get("resolved_at"))))

    def setting(self, setting_id: str, values: Mapping[str, Any]) -> None:
        at, carer_id, kind = parse_time(values.get("at")), values.get("carer_id"), values.get("kind")
        if at is None or not isinstance(carer_id, str) or not isinstance(kind, str):
            return
        self.settings.append(SettingFact(setting_id, carer_id, kind, at, parse_day(values.get("until"))))

    def carers(self) -> list[CarerFact]:
        out = []
        for carer_id, v in self._carers.items():
            units = json_value(v.get("unit_ids"), [])
            created = parse_time(v.get("_created")) or _EPOCH
            out.append(CarerFact(
                carer_id,
                tuple(u for u in units if isinstance(u, str)) if isinstance(units, list) else (),
                created,
                parse_day(v.get("birth_date")),
                bool(v.get("is_child")),
                str(v.get("status") or "active"),
                tuple(sorted(self._relations.get(carer_id, ()))),
                self._intervals.get(carer_id),
            ))
        return out
