"""The server's access log (åtkomstlogg): one row per request that read or wrote a carer's
data or was refused, and a unit manager's follow-up (uppföljning) of it."""

from __future__ import annotations

from typing import Any

from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.base import Principal, StoreBase

_LOG_COLUMNS = ("at", "user_id", "username", "device_id", "action", "carer_id", "scope_key",
                "unit_id", "outcome", "detail", "client_addr")
_LOG_INSERT = (
    f"INSERT INTO access_log ({', '.join(_LOG_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_LOG_COLUMNS))})"
)


class AccessLog(StoreBase):
    """Writing and reading ``access_log``."""

    def _log(
        self,
        principal: Principal | None,
        action: str,
        scope: str | None,
        unit_id: str | None,
        outcome: str,
        detail: str,
        client_addr: str,
        username: str | None = None,
        tx: Transaction | None = None,
        device_id: str | None = None,
    ) -> None:
        params = self._log_params(
            principal, action, scope, unit_id, outcome, detail, client_addr, username, device_id
        )
        if tx is not None:
            tx.execute(_LOG_INSERT, params)
            return
        with self.db.transaction(write=True) as own:
            own.execute(_LOG_INSERT, params)

    def _log_many(
        self,
        tx: Transaction,
        principal: Principal,
        action: str,
        rows: list[tuple[str, str | None, str]],
        client_addr: str,
    ) -> None:
        """Rows ``(scope, unit_id, detail)`` with outcome ``ok``, in one go (a push or pull of
        many carers: one round trip, not one per carer)."""
        tx.insert_rows(
            "access_log",
            _LOG_COLUMNS,
            [
                self._log_params(principal, action, scope, unit_id, "ok", detail, client_addr)
                for scope, unit_id, detail in rows
            ],
        )

    def _log_params(
        self,
        principal: Principal | None,
        action: str,
        scope: str | None,
        unit_id: str | None,
        outcome: str,
        detail: str,
        client_addr: str,
        username: str | None = None,
        device_id: str | None = None,
    ) -> tuple[Any, ...]:
        carer_id = scope if scope and not scope.startswith("units:") else None
        return (
            self.now(),
            principal.user_id if principal else None,
            principal.username if principal else (username or "")[:64],
            principal.device_id if principal else device_id,
            action,
            carer_id,
            scope,
            unit_id,
            outcome,
            detail,
            client_addr,
        )

    def _log_row(
        self, tx: Transaction | None, *, user_id: str, username: str, device_id: str,
        action: str, outcome: str, detail: str, client_addr: str,
    ) -> None:
        """A log row about a known user and device without an authenticated principal."""
        principal = Principal(user_id, username, "", frozenset(), device_id, "")
        self._log(principal, action, None, None, outcome, detail, client_addr, tx=tx)

    def _log_revoked_device(
        self, user_id: str, username: str, device_id: str, action: str, client_addr: str
    ) -> None:
        self._log_row(None, user_id=user_id, username=username, device_id=device_id,
                      action=action, outcome="denied", detail="device revoked",
                      client_addr=client_addr)

    _LOG_KEYS = (
        "id",
        "at",
        "user_id",
        "username",
        "device_id",
        "action",
        "carer_id",
        "scope_key",
        "unit_id",
        "outcome",
        "detail",
        "client_addr",
    )

    def access_log(self, carer_id: str | None = None) -> list[dict[str, Any]]:
        """All rows (or one carer's), oldest first: for tests and the admin's own tools."""
        sql = f"SELECT {', '.join(self._LOG_KEYS)} FROM access_log"
        params: tuple[Any, ...] = ()
        if carer_id:
            sql += " WHERE carer_id = ?"
            params = (carer_id,)
        with self.db.transaction() as tx:
            rows = tx.all(sql + " ORDER BY id", params)
        return [dict(zip(self._LOG_KEYS, r, strict=True)) for r in rows]

    def review_access_log(
        self, principal: Principal, after_id: int, limit: int, client_addr: str
    ) -> dict[str, Any]:
        """A unit manager's follow-up of the log: rows about the manager's units and the
        carers of those units, after ``after_id``. Other roles get 403 (logged)."""
        if principal.role != "unit_manager":
            self._log(
                principal, "log_review", None, None, "denied", "forbidden_log_review", client_addr
            )
            raise ApiError(403, "forbidden_log_review")
        units = sorted(principal.unit_ids)
        marks = ", ".join("?" * len(units))
        with self.db.transaction() as tx:
            rows = tx.all(
                f"SELECT {', '.join(self._LOG_KEYS)} FROM access_log WHERE id > ?"
                " AND action <> 'log_review' AND"
                f" (unit_id IN ({marks}) OR scope_key IN"
                f" (SELECT scope_key FROM scope_units WHERE unit_id IN ({marks})))"
                " ORDER BY id LIMIT ?",
                (after_id, *units, *units, limit + 1),
            )
        has_more = len(rows) > limit
        entries = [dict(zip(self._LOG_KEYS, r, strict=True)) for r in rows[:limit]]
        self._log(
            principal,
            "log_review",
            None,
            units[0] if units else None,
            "ok",
            f"{len(entries)} rows",
            client_addr,
        )
        return {
            "entries": entries,
            "next_after": entries[-1]["id"] if entries else after_id,
            "has_more": has_more,
        }
