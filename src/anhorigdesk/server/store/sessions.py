"""Devices and sessions (enheter/datorer, inloggningar): login with its rate limit, access
and refresh tokens, refresh-token rotation and reuse, authentication, logout, and the
administrator's lists and revocation of laptops."""

from __future__ import annotations

import math
import uuid
from typing import Any, cast

from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.security import (
    iso,
    new_token,
    open_retry_box,
    parse_iso,
    seal_retry_box,
    token_hash,
)
from anhorigdesk.server.store.access_log import AccessLog
from anhorigdesk.server.store.accounts import Accounts
from anhorigdesk.server.store.base import (
    META_COLUMNS,
    AdminError,
    DeviceRevokedError,
    Meta,
    Principal,
    meta_of,
)


class Sessions(Accounts, AccessLog):
    """Who signs in from which laptop, and what their tokens are worth."""

    def list_sessions(self, username: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT s.id, u.username, s.device_id, d.name, s.created_at, s.last_used_at,"
            " s.access_expires_at, s.refresh_expires_at, s.revoked_at, s.revoked_reason"
            " FROM sessions s JOIN users u ON u.id = s.user_id"
            " JOIN devices d ON d.device_id = s.device_id"
        )
        params: tuple[Any, ...] = ()
        if username:
            sql += " WHERE u.username = ?"
            params = (username,)
        sql += " ORDER BY s.created_at"
        with self.db.transaction() as tx:
            rows = tx.all(sql, params)
        now = self.now()
        keys = (
            "session_id",
            "username",
            "device_id",
            "device_name",
            "created_at",
            "last_used_at",
            "access_expires_at",
            "refresh_expires_at",
            "revoked_at",
            "revoked_reason",
        )
        out = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["active"] = item["revoked_at"] is None and item["refresh_expires_at"] > now
            out.append(item)
        return out

    # -- devices -------------------------------------------------------------
    def list_devices(self, username: str | None = None) -> list[dict[str, Any]]:
        """Every registered laptop (or one user's): its id, owner, name, when it was last
        seen, whether it is revoked and how many live sessions it has."""
        sql = (
            "SELECT d.device_id, u.username, d.name, d.registered_at, d.last_seen_at,"
            " d.revoked_at, (SELECT COUNT(*) FROM sessions s WHERE s.device_id = d.device_id"
            " AND s.revoked_at IS NULL AND s.refresh_expires_at > ?)"
            " FROM devices d JOIN users u ON u.id = d.user_id"
        )
        params: tuple[Any, ...] = (self.now(),)
        with self.db.transaction() as tx:
            if username:
                self._user_id(tx, username)
                sql += " WHERE u.username = ?"
                params += (username,)
            rows = tx.all(sql + " ORDER BY u.username, d.last_seen_at DESC", params)
        keys = ("device_id", "username", "device_name", "registered_at", "last_seen_at",
                "revoked_at", "active_sessions")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def revoke_device(self, device_id: str) -> int:
        """Refuse a lost or stolen laptop from now on: every session of it ends (also ones
        ended before, so that the laptop, if it connects with any token it holds, is told
        ``device_revoked`` and removes its copy of the data), and it cannot sign in again.
        Logged. Returns the sessions that were still live."""
        now = self.now()
        with self.db.transaction(write=True) as tx:
            row = tx.one(
                "SELECT d.user_id, u.username, d.revoked_at FROM devices d"
                " JOIN users u ON u.id = d.user_id WHERE d.device_id = ?",
                (device_id,),
            )
            if row is None:
                raise AdminError(f"no device with id {device_id!r} (see list-devices)")
            if row[2] is None:
                tx.execute("UPDATE devices SET revoked_at = ? WHERE device_id = ?", (now, device_id))
            live = tx.execute(
                "UPDATE sessions SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL",
                (now, device_id),
            )
            tx.execute(
                "UPDATE sessions SET revoked_reason = 'device_revoked' WHERE device_id = ?",
                (device_id,),
            )
            self._log_row(tx, user_id=str(row[0]), username=str(row[1]), device_id=device_id,
                          action="revoke_device", outcome="ok",
                          detail="device revoked by the administrator", client_addr="admin")
        return live

    # -- authentication ------------------------------------------------------
    def _failure_keys(self, username: str, client_addr: str) -> tuple[str, str]:
        return (f"user:{username.strip().lower()}", f"addr:{client_addr}")

    def _check_rate_limit(self, username: str, client_addr: str) -> None:
        now = self.clock()
        since = iso(now - self.policy.login_failure_window)
        with self.db.transaction() as tx:
            by_user, by_address = self._failure_keys(username, client_addr)
            limits = (
                (by_user, self.policy.login_failure_limit),
                (by_address, self.policy.login_failure_limit_per_address),
            )
            for key, limit in limits:
                rows = tx.all(
                    "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at",
                    (key, since),
                )
                if len(rows) >= limit:
                    oldest_relevant = parse_iso(rows[-limit][0])
                    free_at = oldest_relevant + self.policy.login_failure_window
                    retry = max(1, math.ceil((free_at - now).total_seconds()))
                    raise ApiError(
                        429,
                        "login_rate_limited",
                        {"retry_after": retry},
                        headers={"Retry-After": str(retry)},
                    )

    def _record_failure(self, username: str, client_addr: str) -> None:
        now = self.clock()
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "DELETE FROM login_failures WHERE at < ?",
                (iso(now - self.policy.login_failure_window),),
            )
            for key in self._failure_keys(username, client_addr):
                tx.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", (key, iso(now)))

    def login(
        self, username: str, password: str, device_id: str, device_name: str, client_addr: str
    ) -> dict[str, Any]:
        self._check_rate_limit(username, client_addr)
        with self.db.transaction() as tx:
            row = tx.one(
                "SELECT id, password_hash, disabled FROM users WHERE username = ?",
                (username.strip(),),
            )
        ok = self.passwords.verify(row[1] if row else None, password)
        if row is None or not ok or row[2]:
            self._record_failure(username, client_addr)
            # an unknown name may be a mistyped password: it is not written to the log
            known = username.strip() if row is not None else "(unknown)"
            if row is not None and ok:
                # the right password for a disabled account: say so (only someone who
                # knows the password learns it), so the person asks for the account to be
                # enabled instead of retyping the password until the rate limit stops them
                self._log(None, "login", None, None, "denied", "account disabled", client_addr, known)
                raise ApiError(403, "account_disabled")
            self._log(None, "login", None, None, "denied", "login failed", client_addr, known)
            raise ApiError(401, "login_failed")
        user_id = str(row[0])
        now = self.now()
        with self.db.transaction(write=True) as tx:
            # Atomic on both engines: two processes signing the same new laptop in at once
            # both insert-or-keep, then read the one row (PostgreSQL's READ COMMITTED made
            # "look, then insert" fail with a duplicate key in 1-3 of 30 tries).
            tx.execute(
                "INSERT INTO devices (device_id, user_id, name, registered_at, last_seen_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO NOTHING",
                (device_id, user_id, device_name, now, now),
            )
            device = tx.one("SELECT user_id, revoked_at FROM devices WHERE device_id = ?", (device_id,))
            assert device is not None
            refusal: tuple[str, str] | None = None
            if device[0] != user_id:
                refusal = ("device_other_user", "device registered to another user")
            elif device[1] is not None:
                refusal = ("device_revoked", "device revoked")
            if refusal is None:
                tx.execute(
                    "UPDATE devices SET name = ?, last_seen_at = ? WHERE device_id = ?",
                    (device_name, now, device_id),
                )
                tx.execute(
                    "DELETE FROM login_failures WHERE key = ?",
                    (self._failure_keys(username, client_addr)[0],),
                )
                return self._new_session(tx, user_id, device_id)
            # refused: the row is written with this transaction, the answer after it
            self._log(None, "login", None, None, "denied", refusal[1], client_addr,
                      username.strip(), tx=tx, device_id=device_id)
        code = refusal[0]
        raise ApiError(403, code, {"device_id": device_id} if code == "device_revoked" else None)

    def _new_session(self, tx: Transaction, user_id: str, device_id: str) -> dict[str, Any]:
        session_id = uuid.uuid4().hex
        access, refresh = new_token(), new_token()
        now = self.clock()
        access_exp = iso(now + self.policy.access_ttl)
        refresh_exp = iso(now + self.policy.refresh_ttl)
        tx.execute(
            "INSERT INTO sessions (id, user_id, device_id, access_hash, access_expires_at,"
            " refresh_hash, refresh_expires_at, created_at, last_used_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                user_id,
                device_id,
                token_hash(access),
                access_exp,
                token_hash(refresh),
                refresh_exp,
                iso(now),
                iso(now),
            ),
        )
        return self._token_body(tx, user_id, device_id, access, access_exp, refresh, refresh_exp)

    def _token_body(
        self,
        tx: Transaction,
        user_id: str,
        device_id: str,
        access: str,
        access_exp: str,
        refresh: str,
        refresh_exp: str,
    ) -> dict[str, Any]:
        user = tx.one("SELECT username, role FROM users WHERE id = ?", (user_id,))
        assert user is not None
        rows = tx.all(
            "SELECT uu.unit_id, u.name FROM user_units uu JOIN units u ON u.id = uu.unit_id"
            " WHERE uu.user_id = ? ORDER BY uu.unit_id",
            (user_id,),
        )
        units = [r[0] for r in rows]
        return {
            "token_type": "bearer",
            "access_token": access,
            "access_expires_at": access_exp,
            "refresh_token": refresh,
            "refresh_expires_at": refresh_exp,
            "device_id": device_id,
            "user": {
                "id": user_id,
                "username": user[0],
                "role": user[1],
                "unit_ids": units,
                "units": [{"id": r[0], "name": r[1]} for r in rows],
            },
        }

    _REFRESH_COLUMNS = (
        "SELECT s.id, s.user_id, s.device_id, s.refresh_expires_at, s.revoked_at,"
        " s.revoked_reason, u.disabled, u.username, s.refresh_hash, s.prev_refresh_hash,"
        " s.rotated_at, s.retry_box, s.access_expires_at"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
    )

    def refresh(
        self, refresh_token: str, device_id: str | None = None, client_addr: str = "unknown"
    ) -> dict[str, Any]:
        """Rotate both tokens of a live session; the old refresh token stops working.

        The rotation is one conditional UPDATE (``WHERE refresh_hash = <presented>``): of
        two processes handed the same token at once, exactly one rotates it. A token just
        rotated, sent again by the session's device (``device_id``) within
        ``policy.refresh_retry_window``, gets the pair that rotation gave (its answer was
        lost, or it lost the race); any other use of a spent refresh token ends the whole
        session, logged (it was stolen, or the laptop was copied)."""
        now = self.clock()
        presented = token_hash(refresh_token)
        outcome: tuple[str, Any] = ("invalid", None)
        with self.db.transaction(write=True) as tx:
            row = tx.one(self._REFRESH_COLUMNS + " WHERE s.refresh_hash = ?", (presented,))
            if row is not None and self._live(row, now):
                body = self._rotate(tx, row, refresh_token, now)
                if body is not None:
                    return body
                row = None  # another process rotated it meanwhile: now a spent token
            if row is None:
                row = tx.one(
                    self._REFRESH_COLUMNS
                    + " JOIN spent_refresh_tokens t ON t.session_id = s.id WHERE t.token_hash = ?",
                    (presented,),
                )
                if row is not None and row[4] is None:
                    outcome = self._spent(tx, row, refresh_token, presented, device_id, now,
                                          client_addr)
            if row is not None and row[5] == "device_revoked":
                outcome = ("revoked", row)
        if outcome[0] == "retry":
            return cast("dict[str, Any]", outcome[1])
        if outcome[0] == "revoked":
            self._log_revoked_device(outcome[1][1], outcome[1][7], outcome[1][2], "refresh",
                                     client_addr)
            raise ApiError(403, "device_revoked", {"device_id": outcome[1][2]})
        raise ApiError(401, "token_invalid")

    @staticmethod
    def _live(row: tuple[Any, ...], now: Any) -> bool:
        return row[4] is None and not row[6] and row[3] > iso(now)

    def _rotate(
        self, tx: Transaction, row: tuple[Any, ...], old_refresh: str, now: Any
    ) -> dict[str, Any] | None:
        session_id, old_hash = str(row[0]), str(row[8])
        access, refresh = new_token(), new_token()
        access_exp = iso(now + self.policy.access_ttl)
        box = seal_retry_box(old_refresh, session_id, {"access": access, "refresh": refresh})
        changed = tx.execute(
            "UPDATE sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ?,"
            " prev_refresh_hash = ?, rotated_at = ?, retry_box = ?, last_used_at = ?"
            " WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL",
            (token_hash(access), access_exp, token_hash(refresh), old_hash, iso(now), box,
             iso(now), session_id, old_hash),
        )
        if changed != 1:
            return None
        tx.execute(
            "INSERT INTO spent_refresh_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)"
            " ON CONFLICT (token_hash) DO NOTHING",
            (old_hash, session_id, row[3]),
        )
        tx.execute("DELETE FROM spent_refresh_tokens WHERE expires_at < ?", (iso(now),))
        return self._token_body(tx, row[1], row[2], access, access_exp, refresh, row[3])

    def _spent(
        self,
        tx: Transaction,
        row: tuple[Any, ...],
        old_refresh: str,
        presented: str,
        device_id: str | None,
        now: Any,
        client_addr: str,
    ) -> tuple[str, Any]:
        """A spent refresh token of a session not ended: the retry rule, else the end."""
        if not self._live(row, now):
            return ("invalid", None)  # expired (or its user disabled): nothing left to end
        window_start = iso(now - self.policy.refresh_retry_window)
        if (
            row[9] == presented
            and row[10] is not None
            and row[10] >= window_start
            and device_id is not None
            and device_id == row[2]
            and row[11]
        ):
            pair = open_retry_box(old_refresh, str(row[0]), str(row[11]))
            if pair is not None:
                body = self._token_body(tx, row[1], row[2], pair["access"], row[12],
                                        pair["refresh"], row[3])
                return ("retry", body)
        ended = tx.execute(
            "UPDATE sessions SET revoked_at = ?, revoked_reason = 'refresh_reuse'"
            " WHERE id = ? AND revoked_at IS NULL",
            (iso(now), row[0]),
        )
        if ended:
            self._log_row(tx, user_id=row[1], username=row[7], device_id=row[2],
                          action="refresh", outcome="denied",
                          detail="refresh token reused: session ended", client_addr=client_addr)
        return ("invalid", None)

    def authenticate(self, access_token: str, client_addr: str = "unknown") -> Principal:
        try:
            with self.db.transaction() as tx:
                return self._session(tx, access_token, with_meta=False)[0]
        except DeviceRevokedError as exc:
            self._log_revoked_device(exc.user_id, exc.username, exc.device_id, "auth", client_addr)
            raise

    def _session(
        self, tx: Transaction, access_token: str, *, with_meta: bool
    ) -> tuple[Principal, Meta | None]:
        """The session's user and units, read in one query (one row per unit); with
        ``with_meta`` also the epoch and head (``_meta``) in the same round trip."""
        rows = tx.all(
            "SELECT s.id, s.user_id, s.device_id, s.access_expires_at, s.revoked_at,"
            " u.username, u.role, u.disabled, uu.unit_id"
            + (f", {META_COLUMNS}" if with_meta else "")
            + ", s.revoked_reason FROM sessions s JOIN users u ON u.id = s.user_id"
            " LEFT JOIN user_units uu ON uu.user_id = s.user_id WHERE s.access_hash = ?",
            (token_hash(access_token),),
        )
        row = rows[0] if rows else None
        if row is not None and row[-1] == "device_revoked":
            # only a token this server issued to that device hears it (never a guess)
            raise DeviceRevokedError(str(row[1]), str(row[5]), str(row[2]))
        if row is None or row[4] is not None or row[7] or row[3] <= self.now():
            raise ApiError(401, "token_invalid")
        principal = Principal(
            user_id=row[1],
            username=row[5],
            role=row[6],
            unit_ids=frozenset(r[8] for r in rows if r[8] is not None),
            device_id=row[2],
            session_id=row[0],
        )
        return principal, (meta_of(row[9], row[10], row[11]) if with_meta else None)

    def logout(self, principal: Principal) -> None:
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "UPDATE sessions SET revoked_at = ?, revoked_reason = 'logout'"
                " WHERE id = ? AND revoked_at IS NULL",
                (self.now(), principal.session_id),
            )
