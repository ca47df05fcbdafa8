"""The server's storage logic: accounts, sessions, the mutation log, scopes, access log.

Framework-free: the ASGI app (``app.py``) and the admin command (``admin.py``) call
it. All state lives in the database; nothing held in memory matters for correctness,
so several processes may serve one PostgreSQL database.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.models import DIGEST_PROTOCOL, PROTOCOL_MAX
from anhorigdesk.server.security import (
    Clock,
    Passwords,
    SecurityPolicy,
    iso,
    new_token,
    open_retry_box,
    parse_iso,
    seal_retry_box,
    token_hash,
    utc_now,
)
from anhorigdesk.server.validation import check_envelope, check_pushed
from anhorigdesk.sync.integrity import EMPTY_CHECKSUM, add_to_checksum, combine, scope_key
from anhorigdesk.sync.merge import EntityState, apply_mutation

ROLES = ("care_worker", "support_consultant", "unit_manager", "administrator")
CARER_ENTITY = "carer"
SUPPORT_CONTACT_FIELD = "support_contact_id"

# Scopes a user may see: carers of the user's units, and carers the user is
# support contact for. Two parameters: user id, user id.
VISIBLE_SCOPES = """(
    SELECT su.scope_key FROM scope_units su
      JOIN user_units uu ON uu.unit_id = su.unit_id WHERE uu.user_id = ?
    UNION
    SELECT s.scope_key FROM scopes s WHERE s.support_contact_id = ?)"""

# A pull page: the log after the cursor, in the scopes the user sees. Each row's scope is
# looked up (two index probes) instead of listing every visible scope first: with
# thousands of carers in a unit, that list was built again for every page.
PAGE_QUERY = (
    "SELECT m.server_seq, m.payload, m.scope_key FROM mutations m WHERE m.server_seq > ?"
    " AND (EXISTS (SELECT 1 FROM scope_units su JOIN user_units uu ON uu.unit_id = su.unit_id"
    " WHERE su.scope_key = m.scope_key AND uu.user_id = ?)"
    " OR EXISTS (SELECT 1 FROM scopes s WHERE s.scope_key = m.scope_key AND s.support_contact_id = ?))"
    " ORDER BY m.server_seq LIMIT ?"
)


# The epoch and the head of the log (last server_seq), as columns of any query.
_META_COLUMNS = (
    "(SELECT value FROM server_meta WHERE key = 'epoch'), (SELECT MAX(server_seq) FROM mutations)"
)


def _meta_of(epoch: Any, head: Any) -> tuple[str, int]:
    if epoch is None:
        raise RuntimeError("the server database has no epoch: run the migrations")
    return str(epoch), int(head) if head is not None else 0


class AdminError(ValueError):
    """An admin command cannot be carried out (the message says why)."""


class DeviceRevokedError(ApiError):
    """403 ``device_revoked`` to a token of a revoked device (logged by the caller, after
    the transaction that found it)."""

    def __init__(self, user_id: str, username: str, device_id: str) -> None:
        super().__init__(403, "device_revoked", {"device_id": device_id})
        self.user_id, self.username, self.device_id = user_id, username, device_id


@dataclass(frozen=True)
class Principal:
    """The user behind a request's access token."""

    user_id: str
    username: str
    role: str
    unit_ids: frozenset[str]
    device_id: str
    session_id: str


@dataclass
class Scope:
    """Who may see a scope's mutations, and its running count and checksum."""

    key: str
    carer_id: str | None
    units: set[str]
    support_contact_id: str | None
    units_hlc: str
    count: int = 0
    checksum: str = EMPTY_CHECKSUM
    last_seq: int = 0

    def allows(self, principal: Principal) -> bool:
        return bool(self.units & principal.unit_ids) or (
            self.support_contact_id is not None and self.support_contact_id == principal.user_id
        )

    def via_unit(self, principal: Principal) -> str | None:
        common = sorted(self.units & principal.unit_ids)
        return common[0] if common else None


@dataclass
class _PulledPage:
    """What a pull read inside its snapshot; the answer is built after the commit."""

    rows: list[tuple[Any, ...]]  # (server_seq, payload, scope_key)
    next_cursor: int
    has_more: bool
    epoch: str
    integrity: dict[str, Any] | None
    scopes: dict[str, Scope | None]  # the scopes of the rows, for the access log


@dataclass
class _PushContext:
    """What one push batch has read and changed; written back once at the end."""

    principal: Principal
    known_units: dict[str, bool] = field(default_factory=dict)
    scopes: dict[str, Scope | None] = field(default_factory=dict)
    stored_units: dict[str, set[str] | None] = field(default_factory=dict)
    entities: dict[tuple[str, str], tuple[EntityState | None, bool, str, int]] = field(
        default_factory=dict
    )
    applied_per_scope: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _detail(count: int, unit: str | None) -> str:
    """Access-log detail: how many changes, and the ground of access when not a unit."""
    return f"{count} changes" if unit else f"{count} changes as support contact"


def _canonical(mutation: Mapping[str, Any]) -> str:
    return json.dumps(mutation, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _set_aside_resend(tx: Transaction, known: tuple[Any, ...], payload: str) -> bool:
    """A mutation sent again whose stored payload was set aside (compacted, retired: the
    ``set_aside`` table, docs/PROTOCOL-3.md part C): the same mutation when its payload has
    the recorded original's sha256; acknowledged again."""
    row = tx.one("SELECT payload_sha256 FROM set_aside WHERE mutation_id = ?", (known[0],))
    return row is not None and row[0] == hashlib.sha256(payload.encode("utf-8")).hexdigest()


# Push refusals that are part of the protocol's normal recovery, not refused content: not
# written to the access log.
_UNLOGGED_REFUSALS = frozenset({"epoch_changed", "seq_gap"})


class ServerStore:
    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        passwords: Passwords | None = None,
        policy: SecurityPolicy | None = None,
        server_time: Clock | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        # the time a pushed mutation's clock is bounded by (A.2); the session clock unless given
        self.server_time = server_time or clock
        self.passwords = passwords or Passwords()
        self.policy = policy or SecurityPolicy()

    def now(self) -> str:
        return iso(self.clock())

    def clock_time(self) -> str:
        """The server's time that pushed clocks are bounded by (``hello``'s ``server_time``)."""
        return iso(self.server_time())

    # -- server identity -----------------------------------------------------
    def epoch(self) -> str:
        with self.db.transaction() as tx:
            return self._epoch(tx)

    @staticmethod
    def _epoch(tx: Transaction) -> str:
        row = tx.one("SELECT value FROM server_meta WHERE key = 'epoch'")
        if row is None:
            raise RuntimeError("the server database has no epoch: run the migrations")
        return str(row[0])

    def restore_marker(self) -> str:
        """Give the database a new epoch (after a restore): clients then re-sync."""
        new_epoch = uuid.uuid4().hex
        with self.db.transaction(write=True) as tx:
            tx.lock_log()
            tx.execute("UPDATE server_meta SET value = ? WHERE key = 'epoch'", (new_epoch,))
        return new_epoch

    # -- administration ------------------------------------------------------
    def create_unit(self, name: str) -> str:
        name = name.strip()
        if not name or len(name) > 200:
            raise AdminError("a unit name must have 1 to 200 characters")
        unit_id = uuid.uuid4().hex
        with self.db.transaction(write=True) as tx:
            if tx.one("SELECT 1 FROM units WHERE name = ?", (name,)):
                raise AdminError(f"a unit named {name!r} already exists")
            tx.execute(
                "INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)",
                (unit_id, name, self.now()),
            )
        return unit_id

    def list_units(self) -> list[dict[str, str]]:
        with self.db.transaction() as tx:
            rows = tx.all("SELECT id, name, created_at FROM units ORDER BY name")
        return [{"id": r[0], "name": r[1], "created_at": r[2]} for r in rows]

    def create_user(self, username: str, password: str, unit_ids: Iterable[str], role: str) -> str:
        username = username.strip()
        units = sorted(set(unit_ids))
        if not username or len(username) > 64:
            raise AdminError("a username must have 1 to 64 characters")
        if role not in ROLES:
            raise AdminError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
        if not units:
            raise AdminError("a user must belong to at least one unit (--unit ID)")
        try:
            password_hash = self.passwords.hash(password)
        except ValueError as exc:
            raise AdminError(str(exc)) from None
        user_id = uuid.uuid4().hex
        now = self.now()
        with self.db.transaction(write=True) as tx:
            if tx.one("SELECT 1 FROM users WHERE username = ?", (username,)):
                raise AdminError(f"a user named {username!r} already exists")
            for unit_id in units:
                if not tx.one("SELECT 1 FROM units WHERE id = ?", (unit_id,)):
                    raise AdminError(f"no unit with id {unit_id!r} (see list-units)")
            tx.execute(
                "INSERT INTO users (id, username, password_hash, role, disabled, created_at,"
                " password_changed_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                (user_id, username, password_hash, role, now, now),
            )
            for unit_id in units:
                tx.execute(
                    "INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)", (user_id, unit_id)
                )
        return user_id

    def set_user_units(self, username: str, unit_ids: Iterable[str]) -> None:
        """Replace the user's units; access follows at the user's next request."""
        units = sorted(set(unit_ids))
        if not units:
            raise AdminError("a user must belong to at least one unit (--unit ID)")
        with self.db.transaction(write=True) as tx:
            user_id = self._user_id(tx, username)
            for unit_id in units:
                if not tx.one("SELECT 1 FROM units WHERE id = ?", (unit_id,)):
                    raise AdminError(f"no unit with id {unit_id!r}")
            tx.execute("DELETE FROM user_units WHERE user_id = ?", (user_id,))
            for unit_id in units:
                tx.execute(
                    "INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)", (user_id, unit_id)
                )

    @staticmethod
    def _user_id(tx: Transaction, username: str) -> str:
        row = tx.one("SELECT id FROM users WHERE username = ?", (username,))
        if row is None:
            raise AdminError(f"no user named {username!r}")
        return str(row[0])

    def reset_password(self, username: str, password: str) -> int:
        """Set a new password and end the user's sessions; returns sessions ended."""
        try:
            password_hash = self.passwords.hash(password)
        except ValueError as exc:
            raise AdminError(str(exc)) from None
        with self.db.transaction(write=True) as tx:
            user_id = self._user_id(tx, username)
            tx.execute(
                "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                (password_hash, self.now(), user_id),
            )
            return self._revoke_all(tx, user_id, "password_reset")

    def disable_user(self, username: str) -> int:
        """Disable the account and end all its sessions at once; returns sessions ended."""
        with self.db.transaction(write=True) as tx:
            user_id = self._user_id(tx, username)
            tx.execute("UPDATE users SET disabled = 1 WHERE id = ?", (user_id,))
            return self._revoke_all(tx, user_id, "disabled")

    def enable_user(self, username: str) -> bool:
        """Enable a disabled account again (the person signs in anew on each laptop);
        returns whether it was disabled."""
        with self.db.transaction(write=True) as tx:
            user_id = self._user_id(tx, username)
            return bool(tx.execute("UPDATE users SET disabled = 0 WHERE id = ? AND disabled <> 0", (user_id,)))

    def list_users(self) -> list[dict[str, Any]]:
        """Every account with its role, units and whether it is disabled (no password data)."""
        with self.db.transaction() as tx:
            users = tx.all("SELECT id, username, role, disabled, created_at FROM users ORDER BY username")
            units = tx.all(
                "SELECT uu.user_id, u.name FROM user_units uu JOIN units u ON u.id = uu.unit_id ORDER BY u.name"
            )
        names: dict[str, list[str]] = {}
        for user_id, unit_name in units:
            names.setdefault(str(user_id), []).append(str(unit_name))
        return [
            {"id": r[0], "username": r[1], "role": r[2], "disabled": bool(r[3]), "created_at": r[4],
             "units": names.get(str(r[0]), [])}
            for r in users
        ]

    def _revoke_all(self, tx: Transaction, user_id: str, reason: str) -> int:
        return tx.execute(
            "UPDATE sessions SET revoked_at = ?, revoked_reason = ?"
            " WHERE user_id = ? AND revoked_at IS NULL",
            (self.now(), reason, user_id),
        )

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
                return self._authenticate(tx, access_token)
        except DeviceRevokedError as exc:
            self._log_revoked_device(exc.user_id, exc.username, exc.device_id, "auth", client_addr)
            raise

    def _authenticate(self, tx: Transaction, access_token: str) -> Principal:
        return self._session(tx, access_token, with_meta=False)[0]

    def _session(
        self, tx: Transaction, access_token: str, *, with_meta: bool
    ) -> tuple[Principal, tuple[str, int] | None]:
        """The session's user and units, read in one query (one row per unit); with
        ``with_meta`` also the epoch and head (``_meta``) in the same round trip."""
        rows = tx.all(
            "SELECT s.id, s.user_id, s.device_id, s.access_expires_at, s.revoked_at,"
            " u.username, u.role, u.disabled, uu.unit_id"
            + (f", {_META_COLUMNS}" if with_meta else "")
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
        return principal, (_meta_of(row[9], row[10]) if with_meta else None)

    def logout(self, principal: Principal) -> None:
        with self.db.transaction(write=True) as tx:
            tx.execute(
                "UPDATE sessions SET revoked_at = ?, revoked_reason = 'logout'"
                " WHERE id = ? AND revoked_at IS NULL",
                (self.now(), principal.session_id),
            )

    # -- access log ----------------------------------------------------------
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
        carer_id = scope if scope and not scope.startswith("units:") else None
        params = (
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
        sql = (
            "INSERT INTO access_log (at, user_id, username, device_id, action, carer_id,"
            " scope_key, unit_id, outcome, detail, client_addr)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        if tx is not None:
            tx.execute(sql, params)
            return
        with self.db.transaction(write=True) as own:
            own.execute(sql, params)

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

    # -- scopes --------------------------------------------------------------
    @staticmethod
    def _load_scope(tx: Transaction, key: str) -> Scope | None:
        return ServerStore._load_scopes(tx, [key])[key]

    @staticmethod
    def _load_scopes(tx: Transaction, keys: list[str]) -> dict[str, Scope | None]:
        """The stored scope of each key (None where there is none yet), two queries per 400
        keys: a pull page of 1,000 changes can touch 1,000 scopes."""
        found: dict[str, Scope | None] = dict.fromkeys(keys)
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            units: dict[str, set[str]] = {}
            for key, unit_id in tx.all(
                f"SELECT scope_key, unit_id FROM scope_units WHERE scope_key IN ({marks})", chunk
            ):
                units.setdefault(key, set()).add(unit_id)
            for key, *row in tx.all(
                "SELECT scope_key, carer_id, support_contact_id, units_hlc, mutation_count, checksum,"
                f" last_seq FROM scopes WHERE scope_key IN ({marks})",
                chunk,
            ):
                found[key] = Scope(key, row[0], units.get(key, set()), row[1], row[2], int(row[3]),
                                   row[4], int(row[5]))
        return found

    @staticmethod
    def _save_scope(tx: Transaction, scope: Scope, stored_units: set[str] | None) -> None:
        values = (
            scope.support_contact_id,
            scope.units_hlc,
            scope.count,
            scope.checksum,
            scope.last_seq,
        )
        if stored_units is None:
            tx.execute(
                "INSERT INTO scopes (carer_id, support_contact_id, units_hlc, mutation_count,"
                " checksum, last_seq, scope_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scope.carer_id, *values, scope.key),
            )
        else:
            tx.execute(
                "UPDATE scopes SET support_contact_id = ?, units_hlc = ?, mutation_count = ?,"
                " checksum = ?, last_seq = ? WHERE scope_key = ?",
                (*values, scope.key),
            )
        if stored_units != scope.units:
            if stored_units:
                tx.execute("DELETE FROM scope_units WHERE scope_key = ?", (scope.key,))
            for unit_id in sorted(scope.units):
                tx.execute(
                    "INSERT INTO scope_units (scope_key, unit_id) VALUES (?, ?)",
                    (scope.key, unit_id),
                )

    # -- push ----------------------------------------------------------------
    def push(
        self,
        principal: Principal,
        mutations: list[dict[str, Any]],
        epoch: str | None,
        client_addr: str,
        *,
        protocol: int = PROTOCOL_MAX,
    ) -> dict[str, Any]:
        """Apply a batch exactly once, in seq order, in one transaction.

        Resent mutations are acknowledged again and not applied; a gap in seq, a
        reused id, a foreign scope, a mutation that fails validation
        (``server/validation.py``): the whole batch is rolled back with an error, and a
        refusal is written to the access log (its code and field, never the values).
        """
        ordered = sorted(mutations, key=lambda m: m["seq"])
        ctx = _PushContext(principal)
        server_time = self.server_time()
        try:
            with self.db.transaction(write=True) as tx:
                tx.lock_log()
                current_epoch = self._epoch(tx)
                if epoch is not None and epoch != current_epoch:
                    raise ApiError(
                        409, "epoch_changed", {"reason": "epoch_changed", "epoch": current_epoch}
                    )
                for m in ordered:
                    check_envelope(principal, m)
                row = tx.one(
                    "SELECT last_seq FROM clients WHERE client_id = ?", (principal.device_id,)
                )
                known_client = row is not None
                last_seq = int(row[0]) if row else 0
                head_row = tx.one("SELECT MAX(server_seq) FROM mutations")
                head = int(head_row[0]) if head_row and head_row[0] is not None else 0
                acked: list[str] = []
                applied = 0
                ids = sorted({m["mutation_id"] for m in ordered})
                existing: dict[str, tuple[Any, ...]] = {}
                for start in range(0, len(ids), 400):
                    chunk = ids[start : start + 400]
                    marks = ", ".join("?" * len(chunk))
                    for r in tx.all(
                        "SELECT mutation_id, client_id, seq, payload FROM mutations"
                        f" WHERE mutation_id IN ({marks})",
                        chunk,
                    ):
                        existing[r[0]] = r
                self._prefetch_entities(
                    tx, ctx, [m for m in ordered if m["mutation_id"] not in existing]
                )
                for m in ordered:
                    payload = _canonical(m)
                    known = existing.get(m["mutation_id"])
                    if known is not None:
                        if known[3] != payload and not _set_aside_resend(tx, known, payload):
                            # whose the stored one is (device, seq) is not said: it may be
                            # another user's
                            raise ApiError(409, "mutation_reused", {"mutation_id": m["mutation_id"]})
                        acked.append(m["mutation_id"])
                        continue
                    if m["seq"] <= last_seq:
                        raise ApiError(
                            409, "seq_reused", {"client_id": m["client_id"], "seq": m["seq"]}
                        )
                    if m["seq"] != last_seq + 1:
                        raise ApiError(
                            409,
                            "seq_gap",
                            {
                                "reason": "seq_gap",
                                "expected_seq": last_seq + 1,
                                "got_seq": m["seq"],
                            },
                        )
                    check_pushed(m, server_time=server_time, protocol=protocol)
                    head += 1
                    self._apply(tx, ctx, m, payload, head)
                    existing[m["mutation_id"]] = (
                        m["mutation_id"],
                        m["client_id"],
                        m["seq"],
                        payload,
                    )
                    last_seq = m["seq"]
                    acked.append(m["mutation_id"])
                    applied += 1
                self._flush(tx, ctx)
                if known_client:
                    tx.execute(
                        "UPDATE clients SET last_seq = ? WHERE client_id = ?",
                        (last_seq, principal.device_id),
                    )
                else:
                    tx.execute(
                        "INSERT INTO clients (client_id, last_seq) VALUES (?, ?)",
                        (principal.device_id, last_seq),
                    )
                if applied:
                    tx.execute(
                        "UPDATE devices SET last_seen_at = ? WHERE device_id = ?",
                        (self.now(), principal.device_id),
                    )
                for key, count in sorted(ctx.applied_per_scope.items()):
                    scope = ctx.scopes.get(key)
                    unit = scope.via_unit(principal) if scope else None
                    self._log(
                        principal, "push", key, unit, "ok", _detail(count, unit), client_addr, tx=tx
                    )
                return {
                    "acked": acked,
                    "acked_through_seq": last_seq,
                    "applied": applied,
                    "epoch": current_epoch,
                }
        except ApiError as exc:
            if exc.code not in _UNLOGGED_REFUSALS:
                field_name = exc.params.get("field")
                self._log(
                    principal,
                    "push",
                    getattr(exc, "log_scope", None) or exc.params.get("scope"),
                    None,
                    "denied",
                    f"{exc.code} {field_name}" if field_name else exc.code,
                    client_addr,
                )
            raise

    def _apply(
        self, tx: Transaction, ctx: _PushContext, m: dict[str, Any], payload: str, server_seq: int
    ) -> None:
        principal = ctx.principal
        mutation_id = m["mutation_id"]
        is_carer = m["entity"] == CARER_ENTITY
        for unit_id in m["unit_ids"]:
            if unit_id not in ctx.known_units:
                ctx.known_units[unit_id] = bool(
                    tx.one("SELECT 1 FROM units WHERE id = ?", (unit_id,))
                )
            if not ctx.known_units[unit_id]:
                raise ApiError(
                    422, "unknown_unit", {"mutation_id": mutation_id, "unit_id": unit_id}
                )
        try:
            key = scope_key(m.get("carer_id"), m["unit_ids"])
        except ValueError as exc:
            raise ApiError(
                422,
                "invalid_mutation",
                {"mutation_id": mutation_id, "field": "unit_ids", "detail": str(exc)},
            ) from None
        denied = {"mutation_id": mutation_id, "scope": key}
        if key not in ctx.scopes:
            loaded = self._load_scope(tx, key)
            ctx.scopes[key] = loaded
            ctx.stored_units[key] = set(loaded.units) if loaded else None
        before = ctx.scopes[key]
        if before is not None and not before.allows(principal):
            raise ApiError(403, "forbidden_scope", denied)

        # merged entity state (read once per batch, written back in _flush)
        entity_key = (m["entity"], m["entity_id"])
        if entity_key not in ctx.entities:
            ctx.entities[entity_key] = (None, False, key, 0)
        state, stored, entity_scope, _seq = ctx.entities[entity_key]
        self._check_record_scope(entity_scope, key, denied)
        merged = apply_mutation(state, m)

        after = (
            replace(before, units=set(before.units))
            if before
            else Scope(key, m.get("carer_id"), set(m["unit_ids"]), None, "")
        )
        if is_carer:
            if m["hlc"] > after.units_hlc:
                after.units = set(m["unit_ids"])
                after.units_hlc = m["hlc"]
            contact = merged.fields.get(SUPPORT_CONTACT_FIELD)
            after.support_contact_id = contact if isinstance(contact, str) and contact else None
        if not after.allows(principal):
            raise ApiError(403, "forbidden_scope", denied)
        after.count += 1
        after.checksum = add_to_checksum(after.checksum, mutation_id)
        after.last_seq = server_seq
        ctx.scopes[key] = after
        ctx.entities[entity_key] = (merged, stored, entity_scope, server_seq)

        ctx.rows.append(
            (
                server_seq,
                mutation_id,
                m["client_id"],
                m["seq"],
                m["entity"],
                m["entity_id"],
                m["op"],
                key,
                m.get("carer_id"),
                payload,
                principal.user_id,
                self.now(),
                after.count,
                after.checksum,
            )
        )
        ctx.applied_per_scope[key] = ctx.applied_per_scope.get(key, 0) + 1

    @staticmethod
    def _check_record_scope(record_scope: str, key: str, denied: dict[str, Any]) -> None:
        """A.4: an existing record keeps the scope it was stored with; a mutation declaring
        another is refused (the log row names the record's scope, the answer does not)."""
        if record_scope != key:
            refused = ApiError(403, "forbidden_scope_change", denied)
            refused.log_scope = record_scope  # type: ignore[attr-defined]
            raise refused

    def _flush(self, tx: Transaction, ctx: _PushContext) -> None:
        """Append the batch to the log; write back the scopes and entity states it changed."""
        tx.executemany(
            "INSERT INTO mutations (server_seq, mutation_id, client_id, seq, entity, entity_id,"
            " op, scope_key, carer_id, payload, pushed_by, received_at, scope_count,"
            " scope_checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ctx.rows,
        )
        for key in sorted(ctx.applied_per_scope):
            scope = ctx.scopes[key]
            assert scope is not None
            self._save_scope(tx, scope, ctx.stored_units[key])
        updates, inserts = [], []
        for (entity, entity_id), (state, stored, entity_scope, seq) in sorted(ctx.entities.items()):
            if state is None or not seq:
                continue
            state_json = json.dumps(state.to_json(), sort_keys=True, ensure_ascii=False)
            if stored:
                updates.append((state_json, seq, entity, entity_id))
            else:
                inserts.append((entity, entity_id, entity_scope, state_json, seq))
        tx.executemany(
            "UPDATE entities SET state = ?, updated_seq = ? WHERE entity = ? AND entity_id = ?",
            updates,
        )
        tx.executemany(
            "INSERT INTO entities (entity, entity_id, scope_key, state, updated_seq)"
            " VALUES (?, ?, ?, ?, ?)",
            inserts,
        )

    @staticmethod
    def _prefetch_entities(tx: Transaction, ctx: _PushContext, batch: list[dict[str, Any]]) -> None:
        """Read the stored state of every entity a batch touches, in few queries."""
        wanted = {(m["entity"], m["entity_id"]) for m in batch}
        ids = sorted({entity_id for _entity, entity_id in wanted})
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            for entity, entity_id, state, entity_scope in tx.all(
                "SELECT entity, entity_id, state, scope_key FROM entities"
                f" WHERE entity_id IN ({marks})",
                chunk,
            ):
                if (entity, entity_id) in wanted:
                    ctx.entities[(entity, entity_id)] = (
                        EntityState.from_json(json.loads(state)),
                        True,
                        entity_scope,
                        0,
                    )

    # -- pull ----------------------------------------------------------------
    def pull(
        self,
        principal: Principal,
        cursor: int,
        limit: int,
        epoch: str | None,
        client_addr: str,
        *,
        protocol: int = DIGEST_PROTOCOL,
    ) -> dict[str, Any]:
        """A page of the changes after ``cursor`` that ``principal`` may see.

        The last page carries integrity data: protocol 2 the combined digest of every
        visible scope, protocol 1 the per-scope figures.
        """
        with self.db.transaction(snapshot=True) as tx:
            page = self._pull_page(tx, principal, cursor, limit, epoch, protocol)
        return self._finish_pull(principal, page, client_addr)

    def pull_with_token(
        self,
        access_token: str,
        cursor: int,
        limit: int,
        epoch: str | None,
        client_addr: str,
        *,
        protocol: int = DIGEST_PROTOCOL,
    ) -> dict[str, Any]:
        """``authenticate`` and ``pull`` in one database transaction (the hot path: a
        laptop with nothing to fetch costs a few queries, on one pooled connection)."""
        try:
            with self.db.transaction(snapshot=True) as tx:
                principal, meta = self._session(tx, access_token, with_meta=True)
                page = self._pull_page(tx, principal, cursor, limit, epoch, protocol, meta=meta)
        except DeviceRevokedError as exc:
            self._log_revoked_device(exc.user_id, exc.username, exc.device_id, "pull", client_addr)
            raise
        return self._finish_pull(principal, page, client_addr)

    @staticmethod
    def _meta(tx: Transaction) -> tuple[str, int]:
        """The epoch and the last ``server_seq`` (0 for an empty log), in one query."""
        row = tx.one(f"SELECT {_META_COLUMNS}")
        assert row is not None
        return _meta_of(row[0], row[1])

    def _check_position(
        self,
        tx: Transaction,
        cursor: int,
        epoch: str | None,
        meta: tuple[str, int] | None = None,
    ) -> tuple[str, int]:
        """The epoch and head; 409 when the client's epoch is old or its cursor ahead."""
        current_epoch, head = meta if meta is not None else self._meta(tx)
        if epoch is not None and epoch != current_epoch:
            raise ApiError(409, "epoch_changed", {"reason": "epoch_changed", "epoch": current_epoch})
        if cursor > head:
            raise ApiError(
                409,
                "cursor_ahead",
                {"reason": "cursor_ahead", "cursor": cursor, "head": head, "epoch": current_epoch},
            )
        return current_epoch, head

    def _pull_page(
        self,
        tx: Transaction,
        principal: Principal,
        cursor: int,
        limit: int,
        epoch: str | None,
        protocol: int,
        *,
        meta: tuple[str, int] | None = None,
    ) -> _PulledPage:
        current_epoch, head = self._check_position(tx, cursor, epoch, meta)
        who = (principal.user_id, principal.user_id)
        rows: list[tuple[Any, ...]] = []
        if cursor < head:
            rows = tx.all(PAGE_QUERY, (cursor, *who, limit + 1))
        has_more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = int(rows[-1][0]) if has_more else head
        integrity: dict[str, Any] | None = None
        if not has_more:
            # next_cursor is the head here, so each scope's running figures are the
            # figures up to the cursor (all in this transaction's snapshot)
            if protocol >= DIGEST_PROTOCOL:
                count, checksum = self._visible_digest(tx, principal)
                integrity = {"through": next_cursor, "count": count, "checksum": checksum}
            else:
                integrity = {
                    "through": next_cursor,
                    "scopes": self._visible_scopes_now(tx, principal),
                }
        scopes_seen = sorted({r[2] for r in rows})
        scopes = self._load_scopes(tx, scopes_seen)
        return _PulledPage(rows, next_cursor, has_more, current_epoch, integrity, scopes)

    def _finish_pull(
        self, principal: Principal, page: _PulledPage, client_addr: str
    ) -> dict[str, Any]:
        """The answer of a pull; the access log gets one row per scope that sent data."""
        changes = []
        for server_seq, payload, _key in page.rows:
            change = json.loads(payload)
            change["server_seq"] = int(server_seq)
            changes.append(change)
        if page.scopes:
            per_scope: dict[str, int] = {}
            for row in page.rows:
                per_scope[row[2]] = per_scope.get(row[2], 0) + 1
            with self.db.transaction(write=True) as tx:
                for key, scope in page.scopes.items():
                    unit = scope.via_unit(principal) if scope else None
                    detail = _detail(per_scope[key], unit)
                    self._log(principal, "pull", key, unit, "ok", detail, client_addr, tx=tx)
        return {
            "changes": changes,
            "next_cursor": page.next_cursor,
            "has_more": page.has_more,
            "epoch": page.epoch,
            "integrity": page.integrity,
        }

    @staticmethod
    def _visible_digest(tx: Transaction, principal: Principal) -> tuple[int, str]:
        """The combined digest (count, checksum) of every scope the user may see now."""
        return combine(
            tx.all(
                "SELECT mutation_count, checksum FROM scopes"
                f" WHERE scope_key IN {VISIBLE_SCOPES} AND mutation_count > 0",
                (principal.user_id, principal.user_id),
            )
        )

    @staticmethod
    def _visible_scopes_now(tx: Transaction, principal: Principal) -> dict[str, dict[str, Any]]:
        rows = tx.all(
            "SELECT scope_key, mutation_count, checksum FROM scopes"
            f" WHERE scope_key IN {VISIBLE_SCOPES} AND mutation_count > 0 ORDER BY scope_key",
            (principal.user_id, principal.user_id),
        )
        return {r[0]: {"count": int(r[1]), "checksum": r[2]} for r in rows}

    # -- integrity detail (protocol 2) -----------------------------------------
    def integrity(
        self, principal: Principal, through: int, epoch: str | None
    ) -> dict[str, Any]:
        """Per-scope count and checksum of every scope the user may see, counting the
        mutations up to ``through`` (the cursor the replica pulled to): what a replica
        compares after its combined digest differed from the server's."""
        with self.db.transaction(snapshot=True) as tx:
            current_epoch, head = self._check_position(tx, through, epoch)
            if through == head:
                scopes = self._visible_scopes_now(tx, principal)
            else:
                # each mutation row holds its scope's running figures: take, per visible
                # scope, the row of its last mutation at or before ``through``
                rows = tx.all(
                    "SELECT v.scope_key, m.scope_count, m.scope_checksum"
                    f" FROM {VISIBLE_SCOPES} v JOIN mutations m ON m.server_seq ="
                    " (SELECT MAX(x.server_seq) FROM mutations x"
                    "  WHERE x.scope_key = v.scope_key AND x.server_seq <= ?)"
                    " ORDER BY v.scope_key",
                    (principal.user_id, principal.user_id, through),
                )
                scopes = {r[0]: {"count": int(r[1]), "checksum": r[2]} for r in rows}
        return {"through": through, "epoch": current_epoch, "scopes": scopes}

    # -- merged state (repair) ------------------------------------------------
    def state(self, principal: Principal, key: str, client_addr: str) -> dict[str, Any]:
        with self.db.transaction() as tx:
            current_epoch = self._epoch(tx)
            scope = self._load_scope(tx, key)
            if scope is None or not scope.allows(principal):
                denied = True
            else:
                denied = False
                rows = tx.all(
                    "SELECT state FROM entities WHERE scope_key = ? ORDER BY entity, entity_id",
                    (key,),
                )
        if denied:
            self._log(principal, "state", key, None, "denied", "forbidden_read_scope", client_addr)
            raise ApiError(403, "forbidden_read_scope", {"scope": key})
        assert scope is not None
        self._log(
            principal,
            "state",
            key,
            scope.via_unit(principal),
            "ok",
            f"{len(rows)} entities",
            client_addr,
        )
        entities = [EntityState.from_json(json.loads(r[0])).view() for r in rows]
        return {"scope": key, "entities": entities, "epoch": current_epoch}
