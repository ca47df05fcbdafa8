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
from anhorigdesk.server.store.base import Principal, rows_in

_CHUNK = 400  # ids per IN (...) list
_INSERT_COLUMNS = (
    "log_id", "client_id", "log_seq", "at", "received_at", "action", "person", "unit_id",
    "staff_id", "detail", "prev", "hash", "flag", "pushed_by", "outside",
)
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
        """The chain is checked row by row in ``log_seq`` order; the pseudonyms and the
        ``outside`` marks of the new rows are then looked up a chunk at a time (a few
        statements per push, not several per row) and the rows written in one go."""
        if not rows:
            return 0
        device = principal.device_id
        chain = tx.one(
            "SELECT last_seq, last_hash FROM device_log_chains WHERE client_id = ?", (device,)
        )
        last_seq: int | None = int(chain[0]) if chain else None
        last_hash: str | None = chain[1] if chain else None
        known: dict[str, str] = dict(rows_in(
            tx, "SELECT log_id, hash FROM device_access_log WHERE log_id {IN}",
            [r["log_id"] for r in rows]))
        received = self.now()
        new: list[tuple[dict[str, Any], str | None]] = []
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
            new.append((row, flag))
            known[row["log_id"]] = row["hash"]
            if flag != "replaced":
                last_seq, last_hash = int(row["log_seq"]), row["hash"]
        if new:
            pseudonyms = self._pseudonyms(tx, [row.get("carer_id") for row, _ in new])
            outside = _outside_marks(tx, [
                (row.get("staff_id"), row.get("carer_id"), row.get("detail")) for row, _ in new
            ])
            tx.insert_rows("device_access_log", _INSERT_COLUMNS, [
                (row["log_id"], device, int(row["log_seq"]), row["at"], received, row["action"],
                 pseudonyms.get(row.get("carer_id") or ""), row.get("unit_id"),
                 row.get("staff_id"), row.get("detail"), row["prev"], row["hash"], flag,
                 principal.user_id,
                 outside.get((row.get("staff_id"), row.get("carer_id"), row.get("detail"))))
                for row, flag in new
            ])
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
        if new:
            self._log(principal, "log_push", None, None, "ok", f"{len(new)} rows",
                      client_addr, tx=tx)
        return through

    def _pseudonyms(self, tx: Transaction, person_ids: Sequence[str | None]) -> dict[str, str]:
        """The pseudonym of each person (a key made for a person never seen before, as
        :meth:`_pseudonym` with ``create=True``); a forgotten person has none."""
        wanted = sorted({p for p in person_ids if p})
        keys: dict[str, str | None] = {}

        def read(ids: list[str]) -> None:
            keys.update(rows_in(tx, "SELECT person_id, log_key FROM person_log_keys WHERE person_id {IN}", ids))

        read(wanted)
        missing = [p for p in wanted if p not in keys]
        if missing:
            now = self.now()
            tx.executemany(
                "INSERT INTO person_log_keys (person_id, log_key, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (person_id) DO NOTHING",
                [(p, secrets.token_hex(32), now) for p in missing],
            )
            read(missing)  # another writer's key, if one came first, is the one kept
        return {p: pseudonym_of(k, p) for p, k in keys.items() if k}

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
    held: dict[str, str | None] = dict(rows_in(
        tx, "SELECT person_id, log_key FROM person_log_keys WHERE person_id {IN}", ids))
    tx.executemany(
        "INSERT INTO person_log_keys (person_id, log_key, created_at, forgotten_at)"
        " VALUES (?, NULL, ?, ?) ON CONFLICT (person_id) DO NOTHING",
        [(i, at, at) for i in ids if i not in held])
    destroyed = [i for i in ids if held.get(i) is not None]
    tx.executemany("UPDATE person_log_keys SET log_key = NULL, forgotten_at = ? WHERE person_id = ?",
                   [(at, i) for i in destroyed])
    return len(destroyed)


def _outside_marks(
    tx: Transaction, accesses: Sequence[tuple[str | None, str | None, str | None]],
) -> dict[tuple[str | None, str | None, str | None], int]:
    """For each ``(staff_id, carer_id, detail)``: 1 when the carer is outside the staff
    member's units and support-contact assignments, 0 inside; absent (unknown) when there
    is no staff member or carer, the person is a cared-for person (``detail`` other than
    ``carer``), or the server does not know the carer. A chunk of carers per statement."""
    pairs = {(s, c) for s, c, d in accesses if s and c and d in (None, "carer")}
    if not pairs:
        return {}
    carers = sorted({c for _, c in pairs})
    staff = sorted({s for s, _ in pairs})
    contact: dict[str, str | None] = {}
    shared: set[tuple[str, str]] = set()
    for start in range(0, len(carers), _CHUNK):
        chunk = carers[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        contact.update((k, s) for k, s in tx.all(
            f"SELECT scope_key, support_contact_id FROM scopes WHERE scope_key IN ({marks})",
            chunk,
        ))
        for first in range(0, len(staff), _CHUNK):
            people = staff[first : first + _CHUNK]
            shared.update((s, k) for k, s in tx.all(
                "SELECT DISTINCT su.scope_key, uu.user_id FROM scope_units su"
                " JOIN user_units uu ON uu.unit_id = su.unit_id"
                f" WHERE su.scope_key IN ({marks})"
                f" AND uu.user_id IN ({', '.join('?' * len(people))})", (*chunk, *people),
            ))
    marks_of: dict[tuple[str, str], int] = {}
    for pair in pairs:
        staff_id, carer_id = pair
        if carer_id not in contact:
            continue
        marks_of[pair] = 0 if contact[carer_id] == staff_id or pair in shared else 1
    return {(s, c, d): marks_of[(s, c)] for s, c, d in accesses if (s, c) in marks_of
            and d in (None, "carer")}
