"""The mutation log and sync (synkning): push applies a laptop's batch exactly once, pull
serves the changes a user may see with integrity figures, ``integrity`` gives per-scope
figures at a cursor, ``state`` the merged records of one scope (repair), and the epoch
says which database the log belongs to (a restore gives a new one)."""

from __future__ import annotations

import json
import uuid
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from anhorigdesk.replication.integrity import add_to_checksum, combine, scope_key
from anhorigdesk.replication.merge import EntityState, apply_mutation
from anhorigdesk.replication.visibility import (
    CARD_ENTITY,
    carer_of,
    is_shared,
    record_scope,
    shared_key,
)
from anhorigdesk.server.compaction import canonical, payload_digest, stub_of
from anhorigdesk.server.db import Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.models import DIGEST_PROTOCOL, PROTOCOL_MAX, PURGE_PROTOCOL
from anhorigdesk.server.store.audience import RETAINED
from anhorigdesk.server.store.audience import retained as audience_retained
from anhorigdesk.server.store.base import (
    META_COLUMNS,
    DeviceRevokedError,
    Meta,
    Principal,
    meta_of,
    rows_in,
)
from anhorigdesk.server.store.card import refresh_card, withheld
from anhorigdesk.server.store.purge import purged as purged_records
from anhorigdesk.server.store.scopes import (
    PAGE_QUERY,
    VISIBLE_SCOPE_KEYS,
    VISIBLE_SCOPES,
    Scope,
    load_scope,
    load_scopes,
    refresh_grants,
    viewer,
    visible_figures,
)
from anhorigdesk.server.store.sessions import Sessions
from anhorigdesk.server.store.statistics import record_facts
from anhorigdesk.server.validation import check_envelope, check_pushed

CARER_ENTITY = "carer"
SUPPORT_CONTACT_FIELD = "support_contact_id"
# the records whose change can change who is granted a carer's shared scope (part F)
GRANTING_ENTITIES = frozenset({"consent", "relation", "cared_for", "carer"})


@dataclass
class _PulledPage:
    """What a pull read inside its snapshot; the answer is built after the commit."""

    rows: list[tuple[Any, ...]]  # (server_seq, payload, scope_key)
    next_cursor: int
    has_more: bool
    epoch: str
    integrity: dict[str, Any] | None
    scopes: dict[str, Scope | None]  # the scopes of the rows, for the access log
    retained: frozenset[int] = frozenset()  # audience purges the user need not apply


@dataclass(frozen=True)
class _KeptPages:
    """The server_seq values a far-behind pull read ahead for a user (``_page_by_scope``)."""

    stamp: tuple[str, int, int]  # epoch, head, digest clock when read
    cursor: int  # the values are the visible ones after this cursor...
    seqs: array[int]  # ...in order: all of them, or the first READ_AHEAD_PAGES pages' worth
    complete: bool


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
    # the scopes this batch has copied (its own to change; the stored ones stay as read)
    owned: set[str] = field(default_factory=set)
    received_at: str = ""  # the batch's one receive time (one transaction, one time)
    purged: list[str] = field(default_factory=list)  # stored as purged stubs (part D)
    touched: set[str] = field(default_factory=set)  # scopes changed without a mutation
    grant_carers: set[str] = field(default_factory=set)  # part F: grants to recompute
    grant_cared_for: set[str] = field(default_factory=set)


_MUTATION_COLUMNS = (
    "server_seq", "mutation_id", "client_id", "seq", "entity", "entity_id", "op", "scope_key",
    "carer_id", "payload", "pushed_by", "received_at", "scope_count", "scope_checksum",
)



def _save_scopes(tx: Transaction, changed: list[tuple[Scope, set[str] | None]]) -> None:
    """Write back the scopes a push batch changed (what ``scopes.save_scope`` does for one),
    in few statements: on PostgreSQL one ``UPDATE ... FROM unnest(<one array a column>)``
    and one ``COPY`` per kind of write (a round trip each, and the digest clock's statement
    trigger fires once, migration 0011); on SQLite ``executemany``."""
    updates = [s for s, stored in changed if stored is not None]
    inserts = [s for s, stored in changed if stored is None]
    if tx.dialect.is_pg:
        if updates:  # one statement, one array a column
            tx.execute(
                "UPDATE scopes AS s SET support_contact_id = v.c, units_hlc = v.h,"
                " mutation_count = v.n, checksum = v.x, last_seq = v.l FROM unnest(?::text[],"
                " ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[]) AS v (k, c, h, n, x, l)"
                " WHERE s.scope_key = v.k",
                [[s.key for s in updates], [s.support_contact_id for s in updates],
                 [s.units_hlc for s in updates], [s.count for s in updates],
                 [s.checksum for s in updates], [s.last_seq for s in updates]],
            )
    else:
        tx.executemany(
            "UPDATE scopes SET support_contact_id = ?, units_hlc = ?, mutation_count = ?,"
            " checksum = ?, last_seq = ? WHERE scope_key = ?",
            [(s.support_contact_id, s.units_hlc, s.count, s.checksum, s.last_seq, s.key)
             for s in updates],
        )
    tx.insert_rows(
        "scopes",
        ("scope_key", "carer_id", "support_contact_id", "units_hlc", "mutation_count", "checksum",
         "last_seq"),
        [(s.key, s.carer_id, s.support_contact_id, s.units_hlc, s.count, s.checksum, s.last_seq)
         for s in inserts],
    )
    # the units of a scope, where they changed (as save_scope: delete, then insert)
    moved = [(s, stored) for s, stored in changed if stored != s.units]
    tx.executemany(
        "DELETE FROM scope_units WHERE scope_key = ?", [(s.key,) for s, stored in moved if stored]
    )
    unit_rows = [(s.key, unit_id) for s, _stored in moved for unit_id in sorted(s.units)]
    tx.insert_rows("scope_units", ("scope_key", "unit_id"), unit_rows)

def _detail(count: int, unit: str | None) -> str:
    """Access-log detail: how many changes, and the ground of access when not a unit."""
    return f"{count} changes" if unit else f"{count} changes as support contact"


def _set_aside_resend(tx: Transaction, known: tuple[Any, ...], payload: str) -> bool:
    """A mutation sent again whose stored payload was set aside (compacted, retired: the
    ``set_aside`` table, docs/PROTOCOL-3.md part C): the same mutation when its payload has
    the recorded original's sha256 (or, for a purged one, is its stub); acknowledged again."""
    row = tx.one("SELECT payload_sha256, reason FROM set_aside WHERE mutation_id = ?", (known[0],))
    if row is None:
        # an audience purge (server/store/audience.py) made the laptop forget a record the
        # server keeps: a sent-but-unacknowledged mutation of it comes again as its stub
        # (no field, no base; the envelope the same): the same mutation, nothing lost
        sent = json.loads(payload)
        return (not sent.get("fields") and not sent.get("base")
                and canonical(stub_of(sent)) == canonical(stub_of(json.loads(known[3]))))
    if row[0] == payload_digest(payload):
        return True
    # part D: a laptop that applied a purge resends its sent-but-unacknowledged mutation of
    # the purged record as that mutation's stub (sync/purge.py): the same mutation
    return row[1] == "purged" and canonical(stub_of(json.loads(payload), "purged")) == known[3]


def _refuse_purges(rows: list[tuple[Any, ...]]) -> None:
    """A client older than protocol 3 never receives a purge (docs/PROTOCOL-3.md part D):
    a pull page that would carry one is answered 426 ``update_required``. A purge's stored
    payload is canonical JSON whose first key is ``audience`` (a mutation's is ``actor``)."""
    for row in rows:
        payload = row[1]
        if payload.startswith('{"audience":') and json.loads(payload).get("kind") == "purge":
            raise ApiError(426, "update_required", {"min": PURGE_PROTOCOL})


# A pull page far behind the head is read scope by scope (PAGE_BY_SCOPE_QUERY): the
# user's visible scopes, each scope's mutations after the cursor from the index on
# (scope_key, server_seq), sorted; its cost follows what the user sees, not the size of the
# log. Within SCAN_ROWS_PER_PAGE x limit of the head, the log is read in order and each
# row's scope checked (PAGE_QUERY): a laptop that synced a while ago reads only the few
# rows since, instead of listing every scope it sees. Both give the same rows.
SCAN_ROWS_PER_PAGE = 10
# The page's server_seq values are picked from the index alone (scope_key, server_seq: it
# covers them), then only those rows are read: the rows of every visible scope after the
# cursor are sorted as numbers, and the payloads of the page alone are fetched (before,
# every such row's payload was read and sorted to keep a page of them). The cursor bounds
# each scope's range in the index; "+ 0" in the ORDER BY keeps the planner (SQLite,
# PostgreSQL) from walking the log in server_seq order and testing each row: at 1,000,000
# mutations of 100 units, one unit's fresh download read the whole log that way.
PAGE_KEYS_QUERY = (
    "SELECT k.server_seq FROM mutations k"
    f" WHERE k.scope_key IN {VISIBLE_SCOPE_KEYS} AND k.server_seq > ?"
    " ORDER BY k.server_seq + 0 LIMIT ?"
)
PAGE_BY_SCOPE_QUERY = (
    "SELECT m.server_seq, m.payload, m.scope_key FROM mutations m WHERE m.server_seq IN"
    f" ({PAGE_KEYS_QUERY}) ORDER BY m.server_seq"
)
# Picking a far-behind page's server_seq values costs an index probe per visible scope,
# whatever the page size (10,000 probes a page for a unit of 10,000 carers): a far-behind
# pull reads the values of READ_AHEAD_PAGES pages at once and keeps them for the user (an
# array of integers, for at most KEPT_PAGE_USERS users) while the log stands still: the
# same epoch, head and digest clock. The clock changes with any write to what visibility
# is computed from (migration 0011), the head with any mutation appended (the log is
# append-only); the next pages of a download then read their rows by server_seq alone.
READ_AHEAD_PAGES = 20
KEPT_PAGE_USERS = 64

# Users whose combined digest a server process keeps (a few hundred bytes each); past
# that the kept digests are dropped and computed again as users pull.
DIGEST_CACHE_USERS = 20_000

# Push refusals that are part of the protocol's normal recovery, not refused content: not
# written to the access log.
_UNLOGGED_REFUSALS = frozenset({"epoch_changed", "seq_gap"})


class SyncLog(Sessions):
    """Push, pull, integrity and repair reads over the mutation log (authentication and the
    access log from :class:`Sessions`)."""

    # -- server identity -----------------------------------------------------
    def epoch(self) -> str:
        with self.db.single_statement() as one:  # hello: one read, no BEGIN/COMMIT
            return self._epoch(one)

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
                    if m["entity"] == CARD_ENTITY:
                        # the carer's card is written by the server alone (store/card.py)
                        raise ApiError(403, "forbidden_entity",
                                       {"mutation_id": m["mutation_id"], "field": "entity"})
                row = tx.one(
                    "SELECT last_seq FROM clients WHERE client_id = ?", (principal.device_id,)
                )
                known_client = row is not None
                last_seq = int(row[0]) if row else 0
                head_row = tx.one("SELECT MAX(server_seq) FROM mutations")
                head = int(head_row[0]) if head_row and head_row[0] is not None else 0
                acked: list[str] = []
                applied = 0
                existing: dict[str, tuple[Any, ...]] = {
                    r[0]: r for r in rows_in(
                        tx, "SELECT mutation_id, client_id, seq, payload FROM mutations"
                        " WHERE mutation_id {IN}", sorted({m["mutation_id"] for m in ordered}))
                }
                fresh = [m for m in ordered if m["mutation_id"] not in existing]
                self._prefetch_entities(tx, ctx, fresh)
                self._prefetch_scopes(tx, ctx, fresh)
                ctx.received_at = self.now()
                gone = purged_records(tx, [(m["entity"], m["entity_id"]) for m in fresh],
                                      {(m["entity"], m["entity_id"]): m.get("carer_id") for m in fresh})
                for m in ordered:
                    payload = canonical(m)
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
                    if (m["entity"], m["entity_id"]) in gone:
                        self._apply_purged(tx, ctx, m, payload, head)
                    else:
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
                logged = []
                for key, count in sorted(ctx.applied_per_scope.items()):
                    scope = ctx.scopes.get(key)
                    unit = scope.via_unit(principal) if scope else None
                    logged.append((key, unit, _detail(count, unit)))
                self._log_many(tx, principal, "push", logged, client_addr)
                return {
                    "acked": acked,
                    "acked_through_seq": last_seq,
                    "applied": applied,
                    "epoch": current_epoch,
                    "purged": ctx.purged,
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
        # merged entity state (read once per batch, written back in _flush)
        entity_key = (m["entity"], m["entity_id"])
        held = ctx.entities[entity_key][2] if entity_key in ctx.entities else None
        try:
            key = record_scope(m, held)
        except ValueError as exc:
            raise ApiError(
                422,
                "invalid_mutation",
                {"mutation_id": mutation_id, "field": "unit_ids", "detail": str(exc)},
            ) from None
        denied = {"mutation_id": mutation_id, "scope": key}
        before = self._scope_in(tx, ctx, key)
        if before is not None and not before.allows(principal):
            raise ApiError(403, "forbidden_scope", denied)

        if entity_key not in ctx.entities:
            ctx.entities[entity_key] = (None, False, key, 0)
        state, stored, entity_scope, _seq = ctx.entities[entity_key]
        self._check_record_scope(entity_scope, key, denied)
        merged = apply_mutation(state, m)

        if key in ctx.owned:  # this batch's copy: changed in place
            after = before
        else:
            after = (
                replace(before, units=set(before.units))
                if before
                else self._new_scope(tx, ctx, key, m)
            )
            ctx.owned.add(key)
        assert after is not None
        if is_carer:
            if m["hlc"] > after.units_hlc:
                after.units = set(m["unit_ids"])
                after.units_hlc = m["hlc"]
            # the one field's winner (EntityState.fields would build every field's)
            contact = (merged.winner(SUPPORT_CONTACT_FIELD).value
                       if SUPPORT_CONTACT_FIELD in merged.heads else None)
            after.support_contact_id = contact if isinstance(contact, str) and contact else None
        if not after.allows(principal):
            raise ApiError(403, "forbidden_scope", denied)
        if is_carer:
            self._mirror_shared(tx, ctx, after)
        if m["entity"] in GRANTING_ENTITIES:
            ctx.grant_carers.add(m.get("carer_id") or "")
            if m["entity"] == "cared_for":
                ctx.grant_cared_for.add(m["entity_id"])
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
                ctx.received_at,
                after.count,
                after.checksum,
            )
        )
        ctx.applied_per_scope[key] = ctx.applied_per_scope.get(key, 0) + 1

    def _apply_purged(
        self, tx: Transaction, ctx: _PushContext, m: dict[str, Any], payload: str, server_seq: int
    ) -> None:
        """A mutation of a record a purge removed (docs/PROTOCOL-3.md part D): acknowledged
        and stored as its ``purged`` stub (the original's sha256 in ``set_aside``, so a
        resend is a duplicate), never merged: the record does not come back."""
        entity_key = (m["entity"], m["entity_id"])
        self._apply(tx, ctx, stub_of(m, "purged"), canonical(stub_of(m, "purged")), server_seq)
        ctx.entities[entity_key] = (None, False, ctx.entities[entity_key][2], 0)
        ctx.purged.append(m["mutation_id"])
        tx.execute(
            "INSERT INTO set_aside (mutation_id, reason, payload_sha256, payload_bytes, at, by, note)"
            " VALUES (?, 'purged', ?, ?, ?, 'push', NULL)",
            (m["mutation_id"], payload_digest(payload), len(payload.encode("utf-8")), self.now()),
        )

    @staticmethod
    def _scope_in(tx: Transaction, ctx: _PushContext, key: str) -> Scope | None:
        """The scope as this batch has it (read once per batch)."""
        if key not in ctx.scopes:
            loaded = load_scope(tx, key)
            ctx.scopes[key] = loaded
            ctx.stored_units[key] = set(loaded.units) if loaded else None
        return ctx.scopes[key]

    def _new_scope(
        self, tx: Transaction, ctx: _PushContext, key: str, m: dict[str, Any]
    ) -> Scope:
        """A scope's first mutation: a shared scope (part F) starts with its carer's units,
        support contact and grants; any other with the units the mutation declares."""
        if is_shared(key):
            carer = self._scope_in(tx, ctx, carer_of(key))
            if carer is not None:
                granted = {r[0] for r in tx.all(
                    "SELECT unit_id FROM scope_grants WHERE scope_key = ?", (key,))}
                return Scope(key, m.get("carer_id"), set(carer.units), carer.support_contact_id,
                             carer.units_hlc, granted_units=granted)
        return Scope(key, m.get("carer_id"), set(m["unit_ids"]), None, "")

    def _mirror_shared(self, tx: Transaction, ctx: _PushContext, carer: Scope) -> None:
        """A carer's shared scope follows the carer's units and support contact."""
        key = shared_key(carer.key)
        shared = self._scope_in(tx, ctx, key)
        if shared is None:
            return
        if (shared.units, shared.support_contact_id) == (carer.units, carer.support_contact_id):
            return
        mirrored = replace(shared, units=set(carer.units), units_hlc=carer.units_hlc,
                           support_contact_id=carer.support_contact_id)
        ctx.scopes[key] = mirrored
        ctx.touched.add(key)

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
        tx.insert_rows("mutations", _MUTATION_COLUMNS, ctx.rows)
        changed = []
        for key in sorted(set(ctx.applied_per_scope) | ctx.touched):
            scope = ctx.scopes[key]
            assert scope is not None
            changed.append((scope, ctx.stored_units[key]))
        _save_scopes(tx, changed)
        updates, inserts = [], []
        for (entity, entity_id), (state, stored, entity_scope, seq) in sorted(ctx.entities.items()):
            if state is None or not seq:
                continue
            state_json = json.dumps(state.to_json(), sort_keys=True, ensure_ascii=False)
            if stored:
                updates.append((state_json, seq, entity, entity_id))
            else:
                inserts.append((entity, entity_id, entity_scope, state_json, seq))
        if tx.dialect.is_pg:
            if updates:  # one statement, one array a column
                tx.execute(
                    "UPDATE entities AS e SET state = v.s, updated_seq = v.q FROM"
                    " unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) AS v (s, q, t, i)"
                    " WHERE e.entity = v.t AND e.entity_id = v.i",
                    [list(column) for column in zip(*updates, strict=True)],
                )
        else:
            tx.executemany(
                "UPDATE entities SET state = ?, updated_seq = ? WHERE entity = ? AND entity_id = ?",
                updates,
            )
        tx.insert_rows("entities", ("entity", "entity_id", "scope_key", "state", "updated_seq"),
                       inserts)
        record_facts(tx, ((e, i, s) for (e, i), (s, _st, _sc, seq) in ctx.entities.items() if seq))
        self._refresh_grants(tx, ctx)

    @staticmethod
    def _refresh_grants(tx: Transaction, ctx: _PushContext) -> None:
        """Part F: a batch that changed a consent, a relation, a cared-for person or the
        carer recomputes the grants of the carers concerned (after the states are written),
        then their cards (the carer's shared fields for the granted units)."""
        carers = {c for c in ctx.grant_carers if c}
        for cared_for_id in sorted(ctx.grant_cared_for):
            needle = f'%"{cared_for_id}"%'
            carers.update(
                r[0] for r in tx.all(
                    "SELECT scope_key FROM entities WHERE entity = 'relation' AND state LIKE ?",
                    (needle,),
                )
            )
        # Only a carer whose scope holds a consent or a relation can be granted anything
        # (scopes.wanted_grants), and only one whose shared scope has a grant can lose one or
        # have a card (card.refresh_card): for any other carer both do nothing. Found for
        # the whole batch in two queries instead of four or five statements a carer.
        ordered = sorted(carers)
        concerned = {r[0] for r in rows_in(
            tx, "SELECT DISTINCT scope_key FROM entities WHERE entity IN ('consent', 'relation')"
            " AND scope_key {IN}", ordered)}
        granted = {r[0] for r in rows_in(
            tx, "SELECT DISTINCT scope_key FROM scope_grants WHERE scope_key {IN}",
            [shared_key(c) for c in ordered])}
        for carer_id in ordered:
            if carer_id not in concerned and shared_key(carer_id) not in granted:
                continue
            refresh_grants(tx, carer_id)
            # the carer's card follows its shared fields and the grants (store/card.py)
            refresh_card(tx, carer_id, at=ctx.received_at)

    @staticmethod
    def _prefetch_scopes(tx: Transaction, ctx: _PushContext, batch: list[dict[str, Any]]) -> None:
        """Read the stored scope of every scope key a batch declares, in few queries (a key
        that cannot be formed is left to ``_apply``, which refuses its mutation); with a
        carer's scope also the carer's shared scope (part F: a ``shareable`` entry's scope,
        and the one a carer mutation's units are mirrored to)."""
        keys: set[str] = set()
        for m in batch:
            try:
                key = scope_key(m.get("carer_id"), m["unit_ids"])
            except (ValueError, TypeError):
                continue
            keys.add(key)
            if m.get("carer_id") and key == m["carer_id"]:
                keys.add(shared_key(key))
        keys.difference_update(ctx.scopes)
        # the keys with a stored scope first (one short query): a batch of new carers has
        # none, and load_scopes reads three tables per 400 keys
        stored = {r[0] for r in rows_in(
            tx, "SELECT scope_key FROM scopes WHERE scope_key {IN}", sorted(keys))}
        for key in keys - stored:
            ctx.scopes[key] = None
            ctx.stored_units[key] = None
        if stored:
            for key, loaded in load_scopes(tx, sorted(stored)).items():
                ctx.scopes[key] = loaded
                ctx.stored_units[key] = set(loaded.units) if loaded else None

    @staticmethod
    def _prefetch_entities(tx: Transaction, ctx: _PushContext, batch: list[dict[str, Any]]) -> None:
        """Read the stored state of every entity a batch touches, in few queries."""
        wanted = {(m["entity"], m["entity_id"]) for m in batch}
        for entity, entity_id, state, entity_scope in rows_in(
            tx, "SELECT entity, entity_id, state, scope_key FROM entities WHERE entity_id {IN}",
            sorted({entity_id for _entity, entity_id in wanted}),
        ):
            if (entity, entity_id) in wanted:
                ctx.entities[(entity, entity_id)] = (
                    EntityState.from_json(json.loads(state)),
                    True,
                    entity_scope,
                    0,
                )

    # -- pull ----------------------------------------------------------------
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
        """A page of the changes after ``cursor`` that the token's user may see, the token
        checked in the same database transaction (the hot path: a laptop with nothing to
        fetch costs a few queries, on one pooled connection).

        The last page carries integrity data: protocol 2 and later the combined digest of
        every visible scope, protocol 1 the per-scope figures."""
        try:
            # a laptop with nothing to fetch: one statement (the session, epoch, head and
            # digest clock) answers it when the user's digest is kept for that clock
            with self.db.single_statement() as one:
                principal, meta = self._session(one, access_token, with_meta=True)
                assert meta is not None
                page = self._kept_noop_page(one, principal, cursor, epoch, protocol, meta)
            if page is None:
                with self.db.transaction(snapshot=True) as tx:
                    principal, meta = self._session(tx, access_token, with_meta=True)
                    page = self._pull_page(tx, principal, cursor, limit, epoch, protocol,
                                           meta=meta)
        except DeviceRevokedError as exc:
            self._log_revoked_device(exc.user_id, exc.username, exc.device_id, "pull", client_addr)
            raise
        return self._finish_pull(principal, page, client_addr)

    def _kept_noop_page(
        self,
        tx: Transaction,
        principal: Principal,
        cursor: int,
        epoch: str | None,
        protocol: int,
        meta: Meta,
    ) -> _PulledPage | None:
        """The answer of a pull at the head whose combined digest this process keeps for the
        digest clock read with the session (what :meth:`_pull_page` answers then, without
        another query); None when it takes the full pull. The epoch and cursor are checked
        first (409, as any pull)."""
        meta = self._check_position(tx, cursor, epoch, meta)
        if cursor != meta.head or protocol < DIGEST_PROTOCOL or meta.digest_gen is None:
            return None
        known = self.digest_cache.get(principal.user_id)
        if known is None or known[0] != meta.epoch or known[1] != meta.digest_gen:
            return None
        integrity = {"through": meta.head, "count": known[2], "checksum": known[3]}
        return _PulledPage([], meta.head, False, meta.epoch, integrity, {})

    @staticmethod
    def _meta(tx: Transaction) -> Meta:
        """The epoch, the last ``server_seq`` (0 for an empty log) and the digest clock, in
        one query."""
        row = tx.one(f"SELECT {META_COLUMNS}")
        assert row is not None
        return meta_of(*row)

    def _check_position(
        self,
        tx: Transaction,
        cursor: int,
        epoch: str | None,
        meta: Meta | None = None,
    ) -> Meta:
        """Epoch, head and digest clock; 409 when the client's epoch is old or its cursor
        ahead."""
        if meta is None:
            meta = self._meta(tx)
        current_epoch, head = meta.epoch, meta.head
        if epoch is not None and epoch != current_epoch:
            raise ApiError(409, "epoch_changed", {"reason": "epoch_changed", "epoch": current_epoch})
        if cursor > head:
            raise ApiError(
                409,
                "cursor_ahead",
                {"reason": "cursor_ahead", "cursor": cursor, "head": head, "epoch": current_epoch},
            )
        return meta

    def _pull_page(
        self,
        tx: Transaction,
        principal: Principal,
        cursor: int,
        limit: int,
        epoch: str | None,
        protocol: int,
        *,
        meta: Meta | None = None,
    ) -> _PulledPage:
        meta = self._check_position(tx, cursor, epoch, meta)
        current_epoch, head = meta.epoch, meta.head
        rows: list[tuple[Any, ...]] = []
        if cursor < head:
            if head - cursor <= SCAN_ROWS_PER_PAGE * limit:
                rows = tx.all(PAGE_QUERY, (cursor, *viewer(principal), limit + 1))
            else:
                rows = self._page_by_scope(tx, principal, cursor, limit, meta)
        has_more = len(rows) > limit
        rows = rows[:limit]
        if protocol < PURGE_PROTOCOL:
            _refuse_purges(rows)
            # the carer's card is unknown to such a laptop: served as its content-less stub
            rows = [(r[0], withheld(r[1]), *r[2:]) for r in rows]
        next_cursor = int(rows[-1][0]) if has_more else head
        integrity: dict[str, Any] | None = None
        if not has_more:
            # next_cursor is the head here, so each scope's running figures are the
            # figures up to the cursor (all in this transaction's snapshot)
            if protocol >= DIGEST_PROTOCOL:
                count, checksum = self._visible_digest_at(tx, principal, meta)
                integrity = {"through": next_cursor, "count": count, "checksum": checksum}
            else:
                integrity = {
                    "through": next_cursor,
                    "scopes": self._visible_scopes_now(tx, principal),
                }
        scopes_seen = sorted({r[2] for r in rows})
        scopes = load_scopes(tx, scopes_seen)
        kept = audience_retained(tx, principal, rows)
        return _PulledPage(rows, next_cursor, has_more, current_epoch, integrity, scopes, kept)

    def _page_by_scope(
        self, tx: Transaction, principal: Principal, cursor: int, limit: int, meta: Meta
    ) -> list[tuple[Any, ...]]:
        """The rows of a far-behind page (up to ``limit + 1``, as PAGE_BY_SCOPE_QUERY gives
        them): from the server_seq values kept for the user when the log still stands where
        they were read (see READ_AHEAD_PAGES), else read ahead from the cursor and kept."""
        if meta.digest_gen is None:
            return tx.all(PAGE_BY_SCOPE_QUERY, (*viewer(principal), cursor, limit + 1))
        stamp = (meta.epoch, meta.head, meta.digest_gen)
        kept = self.kept_pages.get(principal.user_id)
        if kept is not None and kept.stamp == stamp and kept.cursor <= cursor:
            # kept.seqs: every visible server_seq after kept.cursor, in order (complete), or
            # the first of them (then the last one bounds what they tell)
            start = bisect_right(kept.seqs, cursor)
            chosen = kept.seqs[start : start + limit + 1]
            if len(chosen) == limit + 1 or kept.complete:
                return self._rows_at(tx, chosen)
        ahead = READ_AHEAD_PAGES * limit + 1
        seqs = array("q", (int(r[0]) for r in tx.all(
            PAGE_KEYS_QUERY, (*viewer(principal), cursor, ahead))))
        if len(self.kept_pages) >= KEPT_PAGE_USERS:
            self.kept_pages.clear()  # as the kept digests: dropped, read again as users pull
        self.kept_pages[principal.user_id] = _KeptPages(stamp, cursor, seqs, len(seqs) < ahead)
        return self._rows_at(tx, seqs[: limit + 1])

    @staticmethod
    def _rows_at(tx: Transaction, seqs: Sequence[int]) -> list[tuple[Any, ...]]:
        """The log rows (server_seq, payload, scope_key) of these server_seq values, in order."""
        if not seqs:
            return []
        marks = ", ".join("?" * len(seqs))
        return tx.all(
            "SELECT server_seq, payload, scope_key FROM mutations"
            f" WHERE server_seq IN ({marks}) ORDER BY server_seq",
            list(seqs),
        )

    def _finish_pull(
        self, principal: Principal, page: _PulledPage, client_addr: str
    ) -> dict[str, Any]:
        """The answer of a pull; the access log gets one row per scope that sent data."""
        changes = []
        for server_seq, payload, _key in page.rows:
            change = json.loads(payload)
            change["server_seq"] = int(server_seq)
            if page.retained and int(server_seq) in page.retained:
                change[RETAINED] = True
            changes.append(change)
        if page.scopes:
            # one row per person: a carer's shared scope is logged with the carer (part F)
            per_carer: dict[str, int] = {}
            for row in page.rows:
                per_carer[carer_of(row[2])] = per_carer.get(carer_of(row[2]), 0) + 1
            via: dict[str, Scope | None] = {}
            for key, scope in sorted(page.scopes.items()):
                if via.get(carer_of(key)) is None:
                    via[carer_of(key)] = scope
            logged = []
            for key, count in sorted(per_carer.items()):
                scope = via.get(key)
                unit = scope.via_unit(principal) if scope else None
                logged.append((key, unit, _detail(count, unit)))
            with self.db.transaction(write=True) as tx:
                self._log_many(tx, principal, "pull", logged, client_addr)
        return {
            "changes": changes,
            "next_cursor": page.next_cursor,
            "has_more": page.has_more,
            "epoch": page.epoch,
            "integrity": page.integrity,
        }

    def _visible_digest_at(
        self, tx: Transaction, principal: Principal, meta: Meta
    ) -> tuple[int, str]:
        """The user's combined digest now: the one this process computed before when the
        digest clock (migration 0011) still reads the same in this snapshot, else computed
        (and kept). The clock changes, by trigger, in the same transaction as every write to
        what the digest is computed from; a no-op pull then costs no visibility work."""
        if meta.digest_gen is None:
            return self._visible_digest(tx, principal)
        cache = self.digest_cache
        known = cache.get(principal.user_id)
        if known is not None and known[0] == meta.epoch and known[1] == meta.digest_gen:
            return known[2], known[3]
        count, checksum = self._visible_digest(tx, principal)
        if len(cache) >= DIGEST_CACHE_USERS:
            cache.clear()
        cache[principal.user_id] = (meta.epoch, meta.digest_gen, count, checksum)
        return count, checksum

    @staticmethod
    def _visible_digest(tx: Transaction, principal: Principal) -> tuple[int, str]:
        """The combined digest (count, checksum) of every scope the user may see now."""
        return combine((r[1], r[2]) for r in tx.all(visible_figures(tx), viewer(principal)))

    @staticmethod
    def _visible_scopes_now(tx: Transaction, principal: Principal) -> dict[str, dict[str, Any]]:
        rows = tx.all(visible_figures(tx) + " ORDER BY 1", viewer(principal))
        return {r[0]: {"count": int(r[1]), "checksum": r[2]} for r in rows}

    # -- integrity detail (protocol 2) -----------------------------------------
    def integrity(
        self, principal: Principal, through: int, epoch: str | None
    ) -> dict[str, Any]:
        """Per-scope count and checksum of every scope the user may see, counting the
        mutations up to ``through`` (the cursor the replica pulled to): what a replica
        compares after its combined digest differed from the server's."""
        with self.db.transaction(snapshot=True) as tx:
            meta = self._check_position(tx, through, epoch)
            current_epoch = meta.epoch
            if through == meta.head:
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
                    (*viewer(principal), through),
                )
                scopes = {r[0]: {"count": int(r[1]), "checksum": r[2]} for r in rows}
        return {"through": through, "epoch": current_epoch, "scopes": scopes}

    # -- merged state (repair) ------------------------------------------------
    def state(self, principal: Principal, key: str, client_addr: str) -> dict[str, Any]:
        with self.db.transaction() as tx:
            current_epoch = self._epoch(tx)
            scope = load_scope(tx, key)
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
