"""Laptops' access-log rows on the server (enheternas åtkomstlogg från datorerna),
docs/PROTOCOL-3.md part E.

A laptop pushes its chained log rows (``access_log`` beside ``mutations`` in
``POST /v1/push``). They are stored in ``device_access_log`` (server migration
``0008_device_access_log``), append-only (triggers refuse UPDATE and DELETE), exactly once
by ``log_id``, with the laptop's time (``at``) and the server's (``received_at``). The
chain is checked row by row (:func:`anhorigdesk.replication.log_chain.chain_flag`): a
broken chain is **flagged, never refused** (refusing would only keep the laptop's other
rows from arriving). What a change on a laptop produces:

* a row changed before it was pushed: its ``hash`` no longer matches: ``flag = 'altered'``;
* a row deleted before it was pushed: the next row skips a ``log_seq``: ``flag = 'gap'``;
* a row whose ``prev`` is not the previous row's hash: ``flag = 'broken'``;
* a rewritten log (new rows at seqs the server already holds): ``flag = 'replaced'``;
* a row changed after it was pushed and sent again (a restored server asks for every row):
  the stored row stands, and the server's own ``access_log`` gets a row
  (action ``log_push``, outcome ``flagged``, detail ``altered_after_push log_seq=N``).

Every flagged row is also written to the server's ``access_log`` (``log_push``/``flagged``)
so that an administrator sees it.

The person accessed is stored only as a pseudonym: HMAC-SHA256 of the person's id under a
key of that person's own (``person_log_keys``). :meth:`DeviceLog.forget_person_key` is for
gallring (the purge): it destroys the key, after which the person's rows can no longer be
tied to anyone; a row about the person pushed later gets no pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from typing import Any

from anhorigdesk.replication.log_chain import chain_flag, row_hash
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.access_log import AccessLog
from anhorigdesk.server.store.base import Principal

LOG_ROW_COLUMNS = (
    "id", "log_id", "client_id", "log_seq", "at", "received_at", "action", "person",
    "unit_id", "staff_id", "detail", "prev", "hash", "flag", "pushed_by",
)


def pseudonym_of(key_hex: str, person_id: str) -> str:
    return hmac.new(bytes.fromhex(key_hex), person_id.encode("utf-8"), hashlib.sha256).hexdigest()


class DeviceLog(AccessLog):
    """Storing the laptops' log rows, and the per-person pseudonym keys."""

    # ------------------------------------------------------------------ pseudonyms
    def _person_key(self, tx: Transaction, person_id: str, *, create: bool) -> str | None:
        row = tx.one("SELECT log_key FROM person_log_keys WHERE person_id = ?", (person_id,))
        if row is not None:
            return row[0]  # None once forgotten
        if not create:
            return None
        tx.execute(
            "INSERT INTO person_log_keys (person_id, log_key, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (person_id) DO NOTHING",
            (person_id, secrets.token_hex(32), self.now()),
        )
        row = tx.one("SELECT log_key FROM person_log_keys WHERE person_id = ?", (person_id,))
        return row[0] if row else None

    def _pseudonym(self, tx: Transaction, person_id: str | None, *, create: bool) -> str | None:
        if not person_id:
            return None
        key = self._person_key(tx, person_id, create=create)
        return pseudonym_of(key, person_id) if key else None

    def person_pseudonym(self, person_id: str) -> str | None:
        """The pseudonym the log rows about ``person_id`` carry (None: never logged, or
        forgotten)."""
        with self.db.transaction() as tx:
            return self._pseudonym(tx, person_id, create=False)

    def forget_person_key(self, carer_id: str) -> bool:
        """Gallring: destroy the pseudonym key of ``carer_id`` (or of a cared-for person's
        id). The person's log rows stay (append-only) but can no longer be found by, or
        tied to, the person; rows about the person pushed afterwards get no pseudonym.
        Returns whether a key was destroyed. Idempotent; in a transaction of the caller's
        own (the gallring run) use :func:`forget_key`."""
        with self.db.transaction(write=True) as tx:
            return forget_key(tx, carer_id, self.now())

    # ------------------------------------------------------------------ push
    def push_access_log(
        self,
        principal: Principal,
        rows: Sequence[dict[str, Any]],
        epoch: str | None,
        client_addr: str,
    ) -> dict[str, Any]:
        """Store a push's ``access_log`` rows; answer ``log_acked_through`` (the highest
        ``log_seq`` of the rows now held), the epoch and the device's ``acked_through_seq``."""
        for row in rows:
            if row["client_id"] != principal.device_id:
                self._log(principal, "log_push", None, None, "denied", "forbidden_client",
                          client_addr)
                raise ApiError(403, "forbidden_client", {"mutation_id": row["log_id"]})
        ordered = sorted(rows, key=lambda r: int(r["log_seq"]))
        with self.db.transaction(write=True) as tx:
            tx.lock_log()
            current = tx.one("SELECT value FROM server_meta WHERE key = 'epoch'")
            current_epoch = str(current[0]) if current else ""
            if epoch is not None and epoch != current_epoch:
                raise ApiError(
                    409, "epoch_changed", {"reason": "epoch_changed", "epoch": current_epoch}
                )
            through = self._store_log_rows(tx, principal, ordered, client_addr)
            seq_row = tx.one(
                "SELECT last_seq FROM clients WHERE client_id = ?", (principal.device_id,)
            )
        return {
            "acked": [],
            "acked_through_seq": int(seq_row[0]) if seq_row else 0,
            "applied": 0,
            "epoch": current_epoch,
            "log_acked_through": through,
        }

    def _store_log_rows(
        self, tx: Transaction, principal: Principal, rows: Sequence[dict[str, Any]],
        client_addr: str,
    ) -> int:
        if not rows:
            return 0
        device = principal.device_id
        chain = tx.one(
            "SELECT last_seq, last_hash FROM device_log_chains WHERE client_id = ?", (device,)
        )
        last_seq: int | None = int(chain[0]) if chain else None
        last_hash: str | None = chain[1] if chain else None
        known: dict[str, str] = {}
        ids = [r["log_id"] for r in rows]
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            for log_id, hash_ in tx.all(
                f"SELECT log_id, hash FROM device_access_log WHERE log_id IN ({marks})", chunk
            ):
                known[log_id] = hash_
        received = self.now()
        outside: dict[tuple[str, str], int | None] = {}
        inserts: list[tuple[Any, ...]] = []
        flagged: list[str] = []
        through = 0
        for row in rows:
            through = max(through, int(row["log_seq"]))
            stored = known.get(row["log_id"])
            if stored is not None:
                if stored != row["hash"] or row_hash(row) != row["hash"]:
                    flagged.append(f"altered_after_push log_seq={int(row['log_seq'])}")
                continue
            flag = chain_flag(row, last_seq, last_hash)
            if flag is not None:
                flagged.append(f"{flag} log_seq={int(row['log_seq'])}")
            inserts.append((
                row["log_id"], device, int(row["log_seq"]), row["at"], received, row["action"],
                self._pseudonym(tx, row.get("carer_id"), create=True), row.get("unit_id"),
                row.get("staff_id"), row.get("detail"), row["prev"], row["hash"], flag,
                principal.user_id,
                self._outside(tx, outside, row.get("staff_id"), row.get("carer_id"), row.get("detail")),
            ))
            known[row["log_id"]] = row["hash"]
            if flag != "replaced":
                last_seq, last_hash = int(row["log_seq"]), row["hash"]
        if inserts:
            tx.executemany(
                "INSERT INTO device_access_log (log_id, client_id, log_seq, at, received_at,"
                " action, person, unit_id, staff_id, detail, prev, hash, flag, pushed_by,"
                " outside) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            if chain is None:
                tx.execute(
                    "INSERT INTO device_log_chains (client_id, last_seq, last_hash)"
                    " VALUES (?, ?, ?)", (device, last_seq, last_hash),
                )
            else:
                tx.execute(
                    "UPDATE device_log_chains SET last_seq = ?, last_hash = ? WHERE client_id = ?",
                    (last_seq, last_hash, device),
                )
        for detail in flagged:
            self._log(principal, "log_push", None, None, "flagged", detail, client_addr, tx=tx)
        if inserts:
            self._log(principal, "log_push", None, None, "ok", f"{len(inserts)} rows",
                      client_addr, tx=tx)
        return through

    @staticmethod
    def _outside(
        tx: Transaction, cache: dict[tuple[str, str], int | None], staff_id: str | None,
        carer_id: str | None, detail: str | None,
    ) -> int | None:
        """1 when the carer is outside the staff member's units and support-contact
        assignments, 0 inside, None unknown (no carer, a cared-for person, a carer the
        server does not know)."""
        if not staff_id or not carer_id or detail not in (None, "carer"):
            return None
        key = (staff_id, carer_id)
        if key not in cache:
            scope = tx.one(
                "SELECT support_contact_id FROM scopes WHERE scope_key = ?", (carer_id,)
            )
            if scope is None:
                cache[key] = None
            elif scope[0] == staff_id:
                cache[key] = 0
            else:
                shared = tx.one(
                    "SELECT 1 FROM scope_units su JOIN user_units uu ON uu.unit_id = su.unit_id"
                    " WHERE su.scope_key = ? AND uu.user_id = ?", (carer_id, staff_id),
                )
                cache[key] = 0 if shared else 1
        return cache[key]

    def device_log_rows(self, client_id: str | None = None) -> list[dict[str, Any]]:
        """Every stored laptop log row (or one device's), in arrival order: for tests and
        the admin's own tools."""
        sql = f"SELECT {', '.join(LOG_ROW_COLUMNS)} FROM device_access_log"
        params: tuple[Any, ...] = ()
        if client_id:
            sql += " WHERE client_id = ?"
            params = (client_id,)
        with self.db.transaction() as tx:
            rows = tx.all(sql + " ORDER BY id", params)
        return [dict(zip(LOG_ROW_COLUMNS, r, strict=True)) for r in rows]


def forget_key(tx: Transaction, person_id: str, at: str) -> bool:
    """:meth:`DeviceLog.forget_person_key` inside the caller's transaction (``at``: the
    time recorded). A person never logged gets a forgotten key now, so that no later row
    about them is given a pseudonym either."""
    row = tx.one("SELECT log_key FROM person_log_keys WHERE person_id = ?", (person_id,))
    if row is None:
        tx.execute(
            "INSERT INTO person_log_keys (person_id, log_key, created_at, forgotten_at)"
            " VALUES (?, NULL, ?, ?) ON CONFLICT (person_id) DO NOTHING",
            (person_id, at, at),
        )
        return False
    if row[0] is None:
        return False
    tx.execute(
        "UPDATE person_log_keys SET log_key = NULL, forgotten_at = ? WHERE person_id = ?",
        (at, person_id),
    )
    return True


def forget_keys(tx: Transaction, person_ids: Sequence[str], at: str) -> int:
    """:func:`forget_key` for many persons with a statement or three whatever their number
    (a gallring chunk); how many keys were destroyed."""
    ids = sorted(set(person_ids))
    held: dict[str, str | None] = {}
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        marks = ", ".join("?" * len(chunk))
        held.update((r[0], r[1]) for r in tx.all(
            f"SELECT person_id, log_key FROM person_log_keys WHERE person_id IN ({marks})", chunk))
    tx.executemany(
        "INSERT INTO person_log_keys (person_id, log_key, created_at, forgotten_at)"
        " VALUES (?, NULL, ?, ?) ON CONFLICT (person_id) DO NOTHING",
        [(i, at, at) for i in ids if i not in held])
    destroyed = [i for i in ids if held.get(i) is not None]
    tx.executemany("UPDATE person_log_keys SET log_key = NULL, forgotten_at = ? WHERE person_id = ?",
                   [(at, i) for i in destroyed])
    return len(destroyed)
