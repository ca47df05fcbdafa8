"""Units and user accounts (enheter, användarkonton), as the administrator manages them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from anhorigdesk.server.db import Transaction
from anhorigdesk.server.store.base import AdminError, StoreBase

ROLES = ("care_worker", "support_consultant", "unit_manager", "administrator")


class Accounts(StoreBase):
    """Units, users, their roles and passwords; ending a user's sessions."""

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
