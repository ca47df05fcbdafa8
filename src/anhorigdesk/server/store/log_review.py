"""A unit manager's review of the laptops' access log (loggkontroll), issue #14.

Who may read a unit's log: a ``unit_manager`` of that unit, or an ``administrator``
(and the server's console, ``anhorigdesk-server admin access-log``). Every other attempt
is refused with 403 ``forbidden_log_review`` and itself written to the server's
``access_log`` (action ``log_review``, outcome ``denied``); every review read is logged
too (outcome ``ok``; the filters used are named, never their values).

A unit's log is the rows pushed with that unit as the acting unit (``unit_id``). Filters:
person (the person's id, looked up through its pseudonym, or the pseudonym a row
shows), staff member, period (laptop
time, ``since`` inclusive, ``until`` exclusive), action (a prefix: ``print`` matches
``print:carer_summary``).

Each row comes with its ``highlights``:

* ``outside``: the carer was outside the staff member's units and support-contact
  assignments when the row was pushed (``device_log.py`` ``_outside_marks``);
* ``after_hours``: the laptop time, in the policy's time zone, is outside working hours;
* ``many_people``: the staff member accessed at least ``burst_people`` different people
  within ``burst_minutes`` around this row;
* ``print_export``: a print or an export;
* ``chain_<flag>``: the row's chain is broken (``altered``, ``gap``, ``broken``,
  ``replaced``).

The monthly sample (stickprov): the first time a unit's month is asked for, the server
draws ``sample_size`` rows of that month at random and keeps the draw
(``log_review_samples``); later asks get the same rows. A review mark (reviewed, with a
note) is a new row of ``log_review_marks`` (append-only). A manager's own accesses are
reviewed by someone else: marking a row whose staff member is the reviewer is refused
(403 ``own_access_review``), and an administrator or another manager of the unit marks it.

The policy (sample size, working hours, burst) is the municipality's, kept in
``server_meta`` (``log_review_policy``) and set with
``anhorigdesk-server admin access-log policy --set KEY=VALUE``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.base import AdminError, Principal
from anhorigdesk.server.store.device_log import LOG_ROW_COLUMNS, DeviceLog

POLICY_KEY = "log_review_policy"
MAX_REVIEW_LIMIT = 1000
MAX_NOTE = 2000
_BURST_CHUNK = 250  # rows' windows per statement (4 parameters each)
REVIEW_COLUMNS = (
    "id", "log_id", "client_id", "log_seq", "at", "received_at", "action", "person",
    "unit_id", "staff_id", "detail", "flag", "outside",
)


@dataclass(frozen=True)
class ReviewPolicy:
    """The municipality's settings for the review (kommunens inställningar)."""

    sample_size: int = 20
    work_start_hour: int = 7
    work_end_hour: int = 18
    weekdays_only: bool = True
    burst_people: int = 15
    burst_minutes: int = 60
    timezone: str = "Europe/Stockholm"

    def check(self) -> ReviewPolicy:
        if not 1 <= self.sample_size <= 10_000:
            raise AdminError("sample_size must be 1..10000")
        if not 0 <= self.work_start_hour < self.work_end_hour <= 24:
            raise AdminError("working hours: 0 <= work_start_hour < work_end_hour <= 24")
        if self.burst_people < 2 or not 1 <= self.burst_minutes <= 24 * 60:
            raise AdminError("burst_people >= 2 and burst_minutes 1..1440")
        try:
            ZoneInfo(self.timezone)
        except Exception as exc:
            raise AdminError(f"unknown time zone {self.timezone!r}") from exc
        return self

    def after_hours(self, at: str) -> bool:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            return False
        if moment.tzinfo is None:
            return False
        local = moment.astimezone(ZoneInfo(self.timezone))
        if self.weekdays_only and local.weekday() >= 5:
            return True
        return not self.work_start_hour <= local.hour < self.work_end_hour


def _parse_at(at: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def month_bounds(month: str) -> tuple[str, str]:
    """``YYYY-MM`` as [first day, first day of the next month) in UTC ISO text."""
    try:
        start = datetime.strptime(month, "%Y-%m")
    except ValueError as exc:
        raise ApiError(422, "invalid_request", {"field": "month"}) from exc
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(
        month=start.month + 1
    )
    return start.strftime("%Y-%m-%dT00:00:00"), end.strftime("%Y-%m-%dT00:00:00")


class LogReview(DeviceLog):
    """Reading, sampling and marking a unit's laptop log rows."""

    # ------------------------------------------------------------------ policy
    def review_policy(self) -> ReviewPolicy:
        with self.db.transaction() as tx:
            return self._policy(tx)

    @staticmethod
    def _policy(tx: Transaction) -> ReviewPolicy:
        row = tx.one("SELECT value FROM server_meta WHERE key = ?", (POLICY_KEY,))
        if row is None:
            return ReviewPolicy()
        known = {f.name for f in fields(ReviewPolicy)}
        return ReviewPolicy(**{k: v for k, v in json.loads(row[0]).items() if k in known})

    def set_review_policy(self, **changes: Any) -> ReviewPolicy:
        known = {f.name: f for f in fields(ReviewPolicy)}
        unknown = set(changes) - set(known)
        if unknown:
            raise AdminError(f"unknown setting(s) {', '.join(sorted(unknown))}; "
                             f"choose from {', '.join(known)}")
        policy = replace(self.review_policy(), **changes).check()
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO server_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (POLICY_KEY, json.dumps(asdict(policy))),
            )
        return policy

    # ------------------------------------------------------------------ who may
    def _may_review(
        self, principal: Principal | None, unit_id: str, client_addr: str, what: str
    ) -> None:
        """None is the server's console (an administrator at the machine)."""
        if principal is None or principal.role == "administrator":
            return
        if principal.role == "unit_manager" and unit_id in principal.unit_ids:
            return
        self._log(principal, "log_review", None, unit_id, "denied",
                  f"forbidden_log_review {what}", client_addr)
        raise ApiError(403, "forbidden_log_review")

    # ------------------------------------------------------------------ read
    def review_rows(
        self,
        principal: Principal | None,
        unit_id: str,
        *,
        person_id: str | None = None,
        pseudonym: str | None = None,
        staff_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        action: str | None = None,
        limit: int = 200,
        offset: int = 0,
        client_addr: str = "console",
    ) -> dict[str, Any]:
        """The unit's rows matching the filters, newest first, with highlights and marks."""
        self._may_review(principal, unit_id, client_addr, "rows")
        limit = max(1, min(int(limit), MAX_REVIEW_LIMIT))
        where = ["unit_id = ?"]
        params: list[Any] = [unit_id]
        with self.db.transaction() as tx:
            if tx.dialect.is_pg:
                # the best way to a page depends on the values: a staff member's month is a
                # short range of the staff index, but a generic plan (psycopg prepares a
                # statement run five times) walks the unit's index in page order and reads
                # every row of the unit's month to filter out other staff (seconds at 10M rows)
                tx.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            if person_id is not None:
                pseudonym = self._pseudonym(tx, person_id, create=False)
                where.append("person = ?")
                params.append(pseudonym or "-")  # never logged or forgotten: no rows
            if pseudonym is not None:  # "open the person" of a row the reviewer sees
                where.append("person = ?")
                params.append(pseudonym)
            if staff_id is not None:
                where.append("staff_id = ?")
                params.append(staff_id)
            if since is not None:
                where.append("at >= ?")
                params.append(since)
            if until is not None:
                where.append("at < ?")
                params.append(until)
            if action:
                where.append("(action = ? OR action LIKE ?)")
                params.extend([action, action.replace("%", "").replace("_", "\\_") + ":%"])
            rows = tx.all(
                f"SELECT {', '.join(REVIEW_COLUMNS)} FROM device_access_log"
                f" WHERE {' AND '.join(where)} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                (*params, limit + 1, max(0, int(offset))),
            )
            entries = self._describe(tx, [dict(zip(REVIEW_COLUMNS, r, strict=True))
                                          for r in rows[:limit]], principal)
        named = [n for n, v in (("person", person_id or pseudonym), ("staff", staff_id), ("since", since),
                                ("until", until), ("action", action)) if v is not None]
        self._log(principal, "log_review", None, unit_id, "ok",
                  f"{len(entries)} rows" + (f" by {','.join(named)}" if named else ""),
                  client_addr, username=None if principal else "console")
        return {"entries": entries, "has_more": len(rows) > limit, "unit_id": unit_id}

    def _describe(
        self, tx: Transaction, rows: list[dict[str, Any]], principal: Principal | None
    ) -> list[dict[str, Any]]:
        """Highlights, marks and ``own`` for each row."""
        if not rows:
            return rows
        policy = self._policy(tx)
        bursts = self._bursts(tx, rows, policy)
        marks: dict[int, list[dict[str, Any]]] = defaultdict(list)
        ids = [r["id"] for r in rows]
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            for row_id, reviewer, note, at, month in tx.all(
                "SELECT row_id, reviewer_id, note, at, sample_month FROM log_review_marks"
                f" WHERE row_id IN ({', '.join('?' * len(chunk))}) ORDER BY id", chunk,
            ):
                marks[int(row_id)].append(
                    {"reviewer_id": reviewer, "note": note, "at": at, "month": month}
                )
        for row in rows:
            highlights = []
            if row["outside"] == 1:
                highlights.append("outside")
            if policy.after_hours(row["at"]):
                highlights.append("after_hours")
            if row["id"] in bursts:
                highlights.append("many_people")
            if row["action"].startswith(("print", "export")):
                highlights.append("print_export")
            if row["flag"]:
                highlights.append(f"chain_{row['flag']}")
            row["highlights"] = highlights
            row["marks"] = marks.get(int(row["id"]), [])
            row["own"] = principal is not None and row["staff_id"] == principal.user_id
        return rows

    def _bursts(
        self, tx: Transaction, rows: list[dict[str, Any]], policy: ReviewPolicy
    ) -> set[int]:
        """Ids of ``rows`` within ``burst_minutes`` of which their staff member accessed
        ``burst_people`` or more different people. One statement per chunk of rows (each
        row's window an index range of ``device_access_log_staff_person``, read from the
        index alone), rows of one staff member at one time asked once."""
        window = timedelta(minutes=policy.burst_minutes)
        windows: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in rows:
            moment = _parse_at(row["at"])
            if not row["staff_id"] or moment is None:
                continue
            windows[(row["staff_id"], moment.isoformat())].append(int(row["id"]))
        asked = [
            (n, staff_id, (moment - window).isoformat(), (moment + window).isoformat())
            for n, (staff_id, moment) in enumerate(
                (staff_id, datetime.fromisoformat(at)) for staff_id, at in windows
            )
        ]
        keys = list(windows)
        found: set[int] = set()
        for start in range(0, len(asked), _BURST_CHUNK):
            chunk = asked[start : start + _BURST_CHUNK]
            values = ", ".join("(?, ?, ?, ?)" for _ in chunk)
            for (n,) in tx.all(
                f"WITH w (n, staff_id, lo, hi) AS (VALUES {values})"
                " SELECT w.n FROM w WHERE (SELECT count(DISTINCT d.person)"
                " FROM device_access_log d WHERE d.staff_id = w.staff_id"
                " AND d.at >= w.lo AND d.at <= w.hi) >= ?",
                (*(v for item in chunk for v in item), policy.burst_people),
            ):
                found.update(windows[keys[int(n)]])
        return found

    # ------------------------------------------------------------------ sample
    def review_sample(
        self, principal: Principal | None, unit_id: str, month: str,
        client_addr: str = "console",
    ) -> dict[str, Any]:
        """The unit's monthly sample (drawn once, then kept), with highlights and marks."""
        self._may_review(principal, unit_id, client_addr, "sample")
        start, end = month_bounds(month)
        size = self.review_policy().sample_size
        with self.db.transaction(write=True) as tx:
            tx.lock_log()
            drawn = tx.all(
                "SELECT row_id FROM log_review_samples WHERE unit_id = ? AND month = ?",
                (unit_id, month),
            )
            if not drawn:
                drawn = tx.all(
                    "SELECT id FROM device_access_log WHERE unit_id = ? AND at >= ? AND at < ?"
                    " ORDER BY random() LIMIT ?", (unit_id, start, end, size),
                )
                now = self.now()
                if drawn:
                    tx.executemany(
                        "INSERT INTO log_review_samples (unit_id, month, row_id, drawn_at)"
                        " VALUES (?, ?, ?, ?)", [(unit_id, month, r[0], now) for r in drawn],
                    )
            ids = sorted(int(r[0]) for r in drawn)
            rows = []
            for first in range(0, len(ids), 400):
                chunk = ids[first : first + 400]
                rows.extend(tx.all(
                    f"SELECT {', '.join(REVIEW_COLUMNS)} FROM device_access_log"
                    f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk,
                ))
            entries = self._describe(
                tx, sorted((dict(zip(REVIEW_COLUMNS, r, strict=True)) for r in rows),
                           key=lambda r: (r["at"], r["id"])), principal,
            )
            self._log(principal, "log_review", None, unit_id, "ok",
                      f"sample {month} {len(entries)} rows", client_addr, tx=tx,
                      username=None if principal else "console")
        reviewed = sum(1 for e in entries if e["marks"])
        return {"unit_id": unit_id, "month": month, "entries": entries,
                "reviewed": reviewed, "size": len(entries)}

    # ------------------------------------------------------------------ mark
    def mark_reviewed(
        self, principal: Principal, row_id: int, note: str, month: str | None = None,
        client_addr: str = "console",
    ) -> dict[str, Any]:
        """Mark one row reviewed with a note (a new mark; earlier ones stay)."""
        if len(note) > MAX_NOTE:
            raise ApiError(422, "invalid_request", {"field": "note"})
        with self.db.transaction() as tx:
            row = tx.one("SELECT unit_id, staff_id FROM device_access_log WHERE id = ?",
                         (int(row_id),))
        if row is None:
            raise ApiError(404, "not_found")
        unit_id, staff_id = row
        self._may_review(principal, unit_id, client_addr, "mark")
        if staff_id == principal.user_id:
            self._log(principal, "log_review", None, unit_id, "denied", "own_access_review",
                      client_addr)
            raise ApiError(403, "own_access_review")
        at = self.now()
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "INSERT INTO log_review_marks (row_id, sample_month, reviewer_id, note, at)"
                " VALUES (?, ?, ?, ?, ?)", (int(row_id), month, principal.user_id, note, at),
            )
            self._log(principal, "log_review", None, unit_id, "ok", f"mark row {int(row_id)}",
                      client_addr, tx=tx)
        return {"row_id": int(row_id), "reviewer_id": principal.user_id, "note": note,
                "at": at, "month": month}


__all__ = ["LOG_ROW_COLUMNS", "LogReview", "ReviewPolicy", "month_bounds"]
