"""The laptop's side of sync, as steps that run inside one writer transaction each.

* **Staging**: every new outbox row (a local write) is copied into ``sync_log`` in its
  wire form and folded into the record's merge state, so local and remote changes
  converge the same way on every replica.
* **Push bookkeeping**: ``sync_log`` keeps every local mutation, also after the server
  acknowledged it, so a server restored from an older backup can be given back what it
  lacks. Each mutation gets its per-client ``seq`` (``wire_seq``) when it is first pushed.
* **Pull**: remote mutations are merged (``replication/merge.py``) into ``sync_entity_state``,
  the merged view is written into the record's table with an audit row (``sync_apply``)
  and no outbox row, and the cursor moves in the same transaction.
* **Quarantine** (docs/PROTOCOL-3.md A.5): a pulled change that fails the checks the
  server makes (``sync/validation.py``), declares another scope than the one its record was
  merged in, or that the merge cannot take, is set aside in ``sync_quarantine`` (payload kept
  in the encrypted store) and still recorded in ``sync_seen``: the cursor and the digest move
  on, one bad change never stops a sync, and the record keeps its copy.
* **Re-stamping** (A.2): when the server says this laptop's clock is too far ahead, the clock
  is rebased on the server's time and every pending own mutation gets a new clock
  (``restamp_pending``): nothing is lost, no other replica has seen them.
* **A new device after a restore**: a store restored from a profile backup
  (``profiles/backup.py``) takes a new client id (``new_device``): the seqs its former id
  gave out after the backup may be on the server already (409 ``seq_reused``). Its former
  id's mutations are never pushed from here again; those the server had not acknowledged
  are re-issued under the new id after the next complete pull, unless they came back in it
  (``reissue_former``), as new writes that have seen the old ones.
* **Integrity**: per-scope count and checksum of what was pulled in this server epoch,
  and their combined digest (sum of counts, XOR of checksums of the scopes the server
  lists for this user), kept in the same transaction as each pulled page, so a sync with
  nothing to do compares one pair of figures instead of recounting every scope.

Nothing here talks to the network; :mod:`anhorigdesk.sync.engine` drives it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, combine, mutation_digest
from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    EntityState,
    MergeError,
    apply_mutation,
    covers,
    default_is_free_text,
    join,
    knowledge_from_list,
    knowledge_to_list,
    node_of,
)
from anhorigdesk.replication.visibility import record_scope
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import ENTITIES, LONGTEXT
from anhorigdesk.store.ids import MAX_CLOCK_AHEAD_MS, HLCValue, uuid7
from anhorigdesk.store.repository import Repository
from anhorigdesk.sync.audience import apply_audience_purge, is_audience_purge
from anhorigdesk.sync.purge import apply_purges, is_purge, purged_among
from anhorigdesk.sync.validation import MutationInvalid, check_mutation

# states of a sync_log row
PENDING, ACKED, REJECTED = "pending", "acked", "rejected"
# ... written under the store's former client id, before it was restored from a backup
# (``Replica.new_device``): never pushed from here again. FORMER_PENDING / FORMER_REJECTED:
# not acknowledged then, re-issued under the new id after the next complete pull unless
# they came back in it (``Replica.reissue_former``); FORMER: acknowledged, came back, or
# re-issued.
FORMER, FORMER_PENDING, FORMER_REJECTED = "former", "former_pending", "former_rejected"

# keys in the sync_state table
CURSOR, EPOCH, PROBE, STATUS = "cursor", "epoch", "probe", "status"
CONFIRMED = "confirmed_seq"  # own acknowledged mutations up to this seq were pulled back
DIGEST = "digest"  # "count:checksum" combined over the listed rows of sync_scopes
MARK_FIRST = "protected_first"  # a staged protected-identity mark waits to be sent first
CLOCK_OFFSET = "clock_offset_ms"  # in ``meta``: the clock's rebase on the server's time (ms)

# A pulled change's clocks may be up to MAX_CLOCK_AHEAD_MS ahead of the server's time when
# it was pushed (the server refuses more); this laptop knows the server's time from the
# sync's hello, so a minute more covers the round trips.
PULL_CLOCK_SLACK_MS = 60_000

# Stubs whose mutation's own field versions leave the merge state (docs/PROTOCOL-3.md C).
REMOVING_STUBS = ("retired", "purged")

# Errors of a merge that cannot take a change (a value the store cannot bind, a state that
# does not fit): the change is quarantined. Disk and database failures are not among them.
_MERGE_ERRORS = (MergeError, ValueError, TypeError, KeyError, sqlite3.InterfaceError,
                 sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.DataError)

OnError = Callable[[Mapping[str, Any], str, str], None]


def is_free_text(entity: str, field_name: str, value: Any) -> bool:
    """Free text (concurrent edits kept as a conflict): the fields declared LONGTEXT.

    Other fields of a known entity take the last writer's value; fields no entity here
    declares (a newer program's) fall back to the merge module's default.
    """
    spec = ENTITIES.get(entity)
    if spec is not None and field_name in spec.fields:
        return spec.fields[field_name] == LONGTEXT
    return default_is_free_text(entity, field_name, value)


def wire_form(payload: Mapping[str, Any]) -> dict[str, Any]:
    """An outbox payload as it is pushed (without ``seq``): base clocks never seen are left out."""
    out = dict(payload)
    out.pop("seq", None)
    out["base"] = {k: v for k, v in (payload.get("base") or {}).items() if isinstance(v, str) and v}
    return out


class HistoryLost(RuntimeError):
    """The server holds seqs of this laptop that the laptop no longer has (its store was restored)."""

    code = "client_history_lost"


@dataclass
class PageResult:
    changes: int = 0  # changes in the page
    new: int = 0  # remote mutations this replica had not merged before
    records: int = 0  # records whose stored row changed
    quarantined: int = 0  # changes set aside in sync_quarantine instead of merged
    purges: int = 0  # purges applied (docs/PROTOCOL-3.md part D, sync/purge.py)
    purged: int = 0  # records they removed from this laptop
    purge_dropped: int = 0  # unsent local edits of purged records dropped



# One record's merge state, written or replaced (the scope a record was first merged in stays).
_UPSERT_STATE = (
    "INSERT INTO sync_entity_state(entity, entity_id, state, conflicts, flags, scope_key)"
    " VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(entity, entity_id) DO UPDATE SET state = excluded.state,"
    " conflicts = excluded.conflicts, flags = excluded.flags,"
    " scope_key = coalesce(sync_entity_state.scope_key, excluded.scope_key)"
)


# json.dumps(value, ensure_ascii=False, sort_keys=True), without making an encoder per call
_sorted_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

def _merge_items(
    stored: str | None,
    items: Sequence[Mapping[str, Any]],
    failed: list[tuple[Mapping[str, Any], str, str]] | None,
) -> tuple[EntityState, list[Mapping[str, Any]]] | None:
    """A record's stored state (JSON, or None) with the page's changes merged in, and the
    changes taken; None when nothing was taken. A change that cannot be merged goes to
    ``failed`` (or raises, when ``failed`` is None)."""
    state = EntityState.from_json(json.loads(stored)) if stored else None
    taken: list[Mapping[str, Any]] = []
    for m in items:
        try:
            state = apply_mutation(state, m)
        except _MERGE_ERRORS:
            if failed is None:
                raise
            failed.append((m, "merge_failed", ""))
            continue
        taken.append(m)
    if state is None or not taken:
        return None
    return state, taken


def _state_row(
    entity: str, entity_id: str, state: EntityState, view: Mapping[str, Any],
    taken: Sequence[Mapping[str, Any]],
) -> tuple[Any, ...]:
    """The parameters of :data:`_UPSERT_STATE` for one merged record."""
    conflicts, flags = view["conflicts"], view["flags"]
    return (
        entity,
        entity_id,
        _sorted_json(state.to_json()),
        _sorted_json(conflicts) if conflicts else "{}",
        json.dumps(flags) if flags else "[]",
        _scope_of(taken[0]),
    )


def _actor_of(taken: Sequence[Mapping[str, Any]]) -> str | None:
    """The staff member of the last change taken (the record's writer as the laptop shows it)."""
    actor = taken[-1].get("actor") or {}
    return actor.get("staff_id")


class Replica:
    """Local sync state of one store. Methods taking ``conn`` run inside a writer job."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db
        # the server's time minus this machine's (ms), measured at the sync's hello; None
        # until then (the clock's own offset is used)
        self.server_offset_ms: int | None = None

    # ------------------------------------------------------------------ state keys
    @staticmethod
    def get(conn: Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def put(conn: Connection, key: str, value: str | None) -> None:
        if value is None:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def read(self, key: str) -> str | None:
        return self.get(self.db.reader(), key)

    # ------------------------------------------------------------------ staging
    def stage(self, conn: Connection) -> int:
        """Copy new outbox rows into sync_log and fold them into the merge state."""
        last = conn.execute("SELECT coalesce(max(outbox_seq), 0) FROM sync_log").fetchone()[0]
        rows = conn.execute(
            "SELECT seq, mutation_id, entity, entity_id, payload FROM outbox WHERE seq > ? ORDER BY seq",
            (last,),
        ).fetchall()
        mutations = []
        log_rows = []
        marked = False
        for seq, mutation_id, entity, entity_id, payload in rows:
            wire = wire_form(json.loads(payload))
            marked = marked or (entity in ("carer", "cared_for")
                                and (wire.get("fields") or {}).get("protected_identity") in (True, 1))
            log_rows.append((mutation_id, seq, entity, entity_id,
                             _sorted_json(wire), PENDING))
            mutations.append(wire)
        conn.executemany(
            "INSERT OR IGNORE INTO sync_log(mutation_id, outbox_seq, entity, entity_id, payload, state)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            log_rows,
        )
        self.merge(conn, mutations)
        if marked:
            self.put(conn, MARK_FIRST, "1")  # next_batch sends it ahead (_marks_first)
        return len(mutations)

    def unstaged(self) -> bool:
        """Whether the outbox has rows not yet staged (read without the writer)."""
        conn = self.db.reader()
        return bool(conn.execute(
            "SELECT EXISTS (SELECT 1 FROM outbox"
            " WHERE seq > (SELECT coalesce(max(outbox_seq), 0) FROM sync_log))"
        ).fetchone()[0])

    # ------------------------------------------------------------------ merging
    def merge(
        self,
        conn: Connection,
        mutations: Sequence[Mapping[str, Any]],
        on_error: OnError | None = None,
    ) -> int:
        """Merge mutations into the records' merge state and rewrite the changed records.

        With ``on_error`` (pulled changes), a mutation the merge cannot take is handed to it
        (mutation, reason, field) and left out, and its record keeps what it had; without it
        (own staged writes) the error is raised. The page is merged under one savepoint; only
        when a record cannot be written is it merged again record by record (a savepoint
        each costs about as much as the write itself)."""
        grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for m in mutations:
            grouped.setdefault((m["entity"], m["entity_id"]), []).append(m)
        stored = self._states(conn, list(grouped))
        if on_error is None:
            return self._merge_records(conn, grouped, stored, None, per_record=False)
        failed: list[tuple[Mapping[str, Any], str, str]] = []
        conn.execute("SAVEPOINT merge_page")
        try:
            changed = self._merge_records(conn, grouped, stored, failed, per_record=False)
        except _MERGE_ERRORS:
            conn.execute("ROLLBACK TO merge_page")
            conn.execute("RELEASE merge_page")
            failed = []
            changed = self._merge_records(conn, grouped, stored, failed, per_record=True)
        else:
            conn.execute("RELEASE merge_page")
        for m, reason, field in failed:
            on_error(m, reason, field)
        return changed

    def _merge_records(
        self,
        conn: Connection,
        grouped: Mapping[tuple[str, str], list[Mapping[str, Any]]],
        stored: Mapping[tuple[str, str], str],
        failed: list[tuple[Mapping[str, Any], str, str]] | None,
        *,
        per_record: bool,
    ) -> int:
        if not per_record:
            return self._merge_batch(conn, grouped, stored, failed)
        assert failed is not None  # record by record: a failing record is set aside, never raised
        changed = 0
        for (entity, entity_id), items in grouped.items():
            merged = _merge_items(stored.get((entity, entity_id)), items, failed)
            if merged is None:
                continue
            state, taken = merged
            conn.execute("SAVEPOINT merge_record")
            try:
                view = state.view(is_free_text)
                conn.execute(_UPSERT_STATE, _state_row(entity, entity_id, state, view, taken))
                wrote = self.repo.write_merged(
                    conn, entity, entity_id, view, actor_id=_actor_of(taken)
                )
            except _MERGE_ERRORS:
                conn.execute("ROLLBACK TO merge_record")
                conn.execute("RELEASE merge_record")
                failed.extend((m, "merge_failed", "") for m in taken)
                continue
            conn.execute("RELEASE merge_record")
            if wrote:
                changed += 1
        return changed

    def _merge_batch(
        self,
        conn: Connection,
        grouped: Mapping[tuple[str, str], list[Mapping[str, Any]]],
        stored: Mapping[tuple[str, str], str],
        failed: list[tuple[Mapping[str, Any], str, str]] | None,
    ) -> int:
        """``_merge_records`` of a whole page at once: the states merged one record at a
        time as there, then written with one statement per kind of row (merge states,
        records, their old versions, the search index). A failing write raises, and the
        caller merges the page again record by record."""
        states: list[tuple[Any, ...]] = []
        writes: list[tuple[str, str, dict[str, Any], str | None]] = []
        for (entity, entity_id), items in grouped.items():
            merged = _merge_items(stored.get((entity, entity_id)), items, failed)
            if merged is None:
                continue
            state, taken = merged
            view = state.view(is_free_text)
            states.append(_state_row(entity, entity_id, state, view, taken))
            writes.append((entity, entity_id, view, _actor_of(taken)))
        if not states:
            return 0
        conn.executemany(_UPSERT_STATE, states)
        return len(self.repo.write_merged_many(conn, writes))

    @staticmethod
    def _lookup(conn: Connection, select: str, ids: Sequence[str], *params: Any) -> dict[str, Any]:
        """``select`` (two columns: an id and its value; its WHERE ends in ``IN``, after
        ``params``) for these ids, 400 a query."""
        found: dict[str, Any] = {}
        for start in range(0, len(ids), 400):
            chunk = list(ids[start : start + 400])
            marks = ", ".join("?" * len(chunk))
            found.update(conn.execute(f"{select} ({marks})", (*params, *chunk)).fetchall())
        return found

    @staticmethod
    def _per_record(
        conn: Connection, column: str, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Any]:
        """One column of ``sync_entity_state`` (``state`` or ``scope_key``) for each
        (entity, id) that has a row, read 400 ids a query per entity."""
        by_entity: dict[str, list[str]] = {}
        for entity, entity_id in set(keys):
            by_entity.setdefault(entity, []).append(entity_id)
        return {
            (entity, entity_id): value
            for entity, ids in by_entity.items()
            for entity_id, value in Replica._lookup(
                conn, f"SELECT entity_id, {column} FROM sync_entity_state WHERE entity = ? AND entity_id IN",
                ids, entity,
            ).items()
        }

    @staticmethod
    def _states(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The stored merge state (JSON) of each (entity, id) that has one."""
        return Replica._per_record(conn, "state", keys)

    def view(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        """The merged view of one record (what every replica converges to)."""
        row = (
            self.db.reader()
            .execute(
                "SELECT state FROM sync_entity_state WHERE entity = ? AND entity_id = ?",
                (entity, entity_id),
            )
            .fetchone()
        )
        return EntityState.from_json(json.loads(row[0])).view(is_free_text) if row else None

    def views(self) -> dict[tuple[str, str], dict[str, Any]]:
        rows = (
            self.db.reader()
            .execute("SELECT entity, entity_id, state FROM sync_entity_state")
            .fetchall()
        )
        return {(e, i): EntityState.from_json(json.loads(s)).view(is_free_text) for e, i, s in rows}

    def flagged(self) -> list[dict[str, Any]]:
        """Records with a conflict or an edit that survived a delete: entity, id, flags, conflicts."""
        rows = (
            self.db.reader()
            .execute(
                "SELECT entity, entity_id, flags, conflicts FROM sync_entity_state WHERE flags != '[]'"
                " ORDER BY entity, entity_id"
            )
            .fetchall()
        )
        return [
            {"entity": e, "id": i, "flags": json.loads(f), "conflicts": json.loads(c)}
            for e, i, f, c in rows
        ]

    # ------------------------------------------------------------------ push
    def next_batch(self, conn: Connection, limit: int, *, after: int | None = None) -> list[dict[str, Any]]:
        """The next pending mutations in seq order, giving a seq to those without one.

        ``after``: the batch that follows one still on its way to the server whose last seq
        is ``after`` (the push prepares it meanwhile): pending mutations with a seq above it
        first, then new ones."""
        # Those given a seq already (resent), by seq; then new ones in outbox order. Two
        # queries, each along an index (0007), instead of sorting every pending row per batch.
        # 'pending' is written out as in the partial index: a bound value would not match it.
        rows = conn.execute(
            "SELECT mutation_id, wire_seq, payload FROM sync_log WHERE state = 'pending'"
            " AND wire_seq > ? ORDER BY wire_seq LIMIT ?",
            (-1 if after is None else after, limit),
        ).fetchall()
        if len(rows) < limit and self.get(conn, MARK_FIRST):
            rows += self._marks_first(conn, limit - len(rows))
        if len(rows) < limit:
            taken = {r[0] for r in rows}
            rows += [r for r in conn.execute(
                "SELECT mutation_id, wire_seq, payload FROM sync_log INDEXED BY sync_log_unsequenced"
                " WHERE state = 'pending' AND wire_seq IS NULL ORDER BY outbox_seq LIMIT ?",
                (limit - len(rows) + len(taken),),
            ).fetchall() if r[0] not in taken][: limit - len(rows)]
        top = conn.execute("SELECT coalesce(max(wire_seq), 0) FROM sync_log").fetchone()[0]
        batch = []
        given: list[tuple[int, str]] = []
        for mutation_id, wire_seq, payload in rows:
            if wire_seq is None:
                top += 1
                wire_seq = top
                given.append((wire_seq, mutation_id))
            mutation = json.loads(payload)
            mutation["seq"] = wire_seq
            batch.append(mutation)
        conn.executemany("UPDATE sync_log SET wire_seq = ? WHERE mutation_id = ?", given)
        return batch

    def _marks_first(self, conn: Connection, limit: int) -> list[tuple[Any, ...]]:
        """Skyddade personuppgifter: the mark syncs first. Unsent mutations that mark a carer
        or cared-for person protected, each after the unsent mutations of the same record
        before it (a record is never sent out of its own order), go ahead of every other
        unsent change, so the server has the mark (and ends the record's sharing) before
        the rest of a long queue reaches it. Only looked for while a staged mark waits."""
        marks = conn.execute(
            "SELECT entity, entity_id, outbox_seq FROM sync_log INDEXED BY sync_log_unsequenced"
            " WHERE state = 'pending' AND wire_seq IS NULL AND entity IN ('carer', 'cared_for')"
            " AND json_extract(payload, '$.fields.protected_identity') = 1 ORDER BY outbox_seq",
        ).fetchall()
        if not marks:
            self.put(conn, MARK_FIRST, None)
            return []
        rows: list[tuple[Any, ...]] = []
        taken: set[str] = set()
        for entity, entity_id, outbox_seq in marks:
            for row in conn.execute(
                "SELECT mutation_id, wire_seq, payload FROM sync_log WHERE state = 'pending'"
                " AND wire_seq IS NULL AND entity = ? AND entity_id = ? AND outbox_seq <= ?"
                " ORDER BY outbox_seq", (entity, entity_id, outbox_seq),
            ):
                if row[0] not in taken and len(rows) < limit:
                    taken.add(row[0])
                    rows.append(row)
        return rows

    def last_acked(self, conn: Connection) -> list[dict[str, Any]]:
        """The acknowledged mutation with the highest seq (a probe after a server restore)."""
        row = conn.execute(
            "SELECT wire_seq, payload FROM sync_log WHERE state = ? ORDER BY wire_seq DESC LIMIT 1",
            (ACKED,),
        ).fetchone()
        if row is None:
            return []
        mutation = json.loads(row[1])
        mutation["seq"] = row[0]
        return [mutation]

    @staticmethod
    def mark_acked(conn: Connection, mutation_ids: Sequence[str]) -> int:
        """The server committed these: mark them acknowledged and drop their outbox rows."""
        ids = sorted(set(mutation_ids))
        n = 0
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            n += conn.execute(
                f"UPDATE sync_log SET state = ?, error = NULL WHERE mutation_id IN ({marks})"
                " AND state != ?",
                [ACKED, *chunk, ACKED],
            ).rowcount
            conn.execute(f"DELETE FROM outbox WHERE mutation_id IN ({marks})", chunk)
        return n

    @staticmethod
    def resend_from(conn: Connection, expected_seq: int) -> int:
        """The server lacks our seqs from ``expected_seq`` on: push them again."""
        top = conn.execute("SELECT coalesce(max(wire_seq), 0) FROM sync_log").fetchone()[0]
        if expected_seq > top + 1:
            raise HistoryLost(
                f"the server expects seq {expected_seq}, this laptop has given out {top}"
            )
        return conn.execute(
            "UPDATE sync_log SET state = ? WHERE state = ? AND wire_seq >= ?",
            (PENDING, ACKED, expected_seq),
        ).rowcount

    @staticmethod
    def reject(conn: Connection, mutation_id: str, code: str) -> bool:
        """Set aside a mutation the server refuses, so the rest can go; it stays in sync_log.

        The server refused it, so it holds no seq at or after it: later pending
        mutations get new seqs.
        """
        row = conn.execute(
            "SELECT wire_seq FROM sync_log WHERE mutation_id = ? AND state = ?",
            (mutation_id, PENDING),
        ).fetchone()
        if row is None:
            return False
        conn.execute(
            "UPDATE sync_log SET state = ?, error = ?, wire_seq = NULL WHERE mutation_id = ?",
            (REJECTED, code or "rejected", mutation_id),
        )
        if row[0] is not None:
            conn.execute(
                "UPDATE sync_log SET wire_seq = NULL WHERE state = ? AND wire_seq > ?",
                (PENDING, row[0]),
            )
        conn.execute("DELETE FROM outbox WHERE mutation_id = ?", (mutation_id,))
        return True

    @staticmethod
    def retry_rejected(conn: Connection) -> int:
        return conn.execute(
            "UPDATE sync_log SET state = ?, error = NULL WHERE state = ?", (PENDING, REJECTED)
        ).rowcount

    # ------------------------------------------------------------------ pull
    def apply_page(
        self, conn: Connection, changes: Sequence[Mapping[str, Any]], next_cursor: int
    ) -> PageResult:
        """Merge one pulled page and store the new cursor (call inside one writer job)."""
        self.stage(conn)  # local writes made since the last staging must not be overwritten
        result = PageResult(changes=len(changes))
        purges = [c for c in changes if is_purge(c)]
        if purges:
            changes = [c for c in changes if not is_purge(c)]
        gone = purged_among(conn, [(c["entity"], c["entity_id"]) for c in changes])
        remote: list[dict[str, Any]] = []
        counted: dict[str, list[str]] = {}
        page_ids = [change["mutation_id"] for change in changes]
        pulled_before = self._lookup(conn, "SELECT mutation_id, pulled FROM sync_seen WHERE mutation_id IN", page_ids)
        own_ids = set(self._lookup(conn, "SELECT mutation_id, 1 FROM sync_log WHERE mutation_id IN", page_ids))
        scopes = self._scopes(conn, [(c["entity"], c["entity_id"]) for c in changes])
        limit = self.clock_limit()
        removing: list[dict[str, Any]] = []
        seqs = {change["mutation_id"]: change.get("server_seq", 0) for change in changes}
        seen_new: list[tuple[Any, ...]] = []
        seen_again: list[tuple[Any, ...]] = []
        audited: list[dict[str, Any]] = []

        def quarantine(mutation: Mapping[str, Any], reason: str, field: str) -> None:
            self._quarantine(conn, mutation, seqs.get(mutation["mutation_id"], 0), reason, field)
            result.quarantined += 1

        for change in changes:
            mutation = {k: v for k, v in change.items() if k != "server_seq"}
            mutation_id = mutation["mutation_id"]
            key = _scope_of(mutation, scopes.get((mutation["entity"], mutation["entity_id"])))
            seen = (pulled_before[mutation_id],) if mutation_id in pulled_before else None
            pulled_before[mutation_id] = 1
            if seen is None:
                seen_new.append((mutation_id, key, change.get("server_seq", 0)))
            elif not seen[0]:
                seen_again.append((key, change.get("server_seq", 0), mutation_id))
            if seen is None or not seen[0]:
                counted.setdefault(key, []).append(mutation_id)
            if gone and (mutation["entity"], mutation["entity_id"]) in gone:
                continue  # a record a purge removed here: counted, never merged again
            if mutation.get("set_aside") == "purged":
                # the purge that set it aside comes later in the log (a purged stub is never
                # merged: re-merging a record without its purged versions wrote it half empty)
                continue
            if mutation.get("set_aside") in REMOVING_STUBS:
                # its content is no longer served: drop its versions, then merge the stub as
                # a no-op (an upsert of no field: only its clock counts) when its clock is valid
                removing.append(mutation)
                stub = {**mutation, "op": "upsert", "fields": {}, "base": {}}
                stub.pop("ctx", None)
                if self._refusal(stub, key, {}, limit) is None:
                    remote.append(stub)
                continue
            if mutation_id in own_ids:
                continue  # folded in when it was staged
            refused = self._refusal(mutation, key, scopes, limit)
            if refused is not None:
                quarantine(mutation, *refused)
                continue
            self.db.clock.observe(mutation["hlc"])
            remote.append(mutation)
            if seen is None:
                result.new += 1
                audited.append(mutation)
        # one statement each for the page's sync_seen rows and audit rows
        conn.executemany(
            "INSERT INTO sync_seen(mutation_id, scope_key, server_seq, pulled) VALUES (?, ?, ?, 1)", seen_new)
        conn.executemany(
            "UPDATE sync_seen SET pulled = 1, scope_key = ?, server_seq = ? WHERE mutation_id = ?", seen_again)
        if audited:
            self.repo.audit_remote_many(conn, audited)
        result.records = self._remove_versions(conn, removing)
        result.records += self.merge(conn, remote, on_error=quarantine)
        if purges:
            self._apply_purges(conn, purges, counted, result)
        self._count(conn, counted)
        self.put(conn, CURSOR, str(int(next_cursor)))
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (self.db.clock.now(),),
        )
        return result

    def _apply_purges(
        self, conn: Connection, purges: Sequence[Mapping[str, Any]],
        counted: dict[str, list[str]], result: PageResult,
    ) -> None:
        """Apply the page's purges after its mutations (sync/purge.py); each counts in its
        scope's integrity figures once, like a mutation (its ``purge_id`` is the term)."""
        seen = self._lookup(conn, "SELECT mutation_id, pulled FROM sync_seen WHERE mutation_id IN",
                            [str(p["purge_id"]) for p in purges])
        for purge in purges:
            purge_id, key = str(purge["purge_id"]), str(purge["scope"])
            if purge_id not in seen:
                conn.execute(
                    "INSERT INTO sync_seen(mutation_id, scope_key, server_seq, pulled) VALUES (?, ?, ?, 1)",
                    (purge_id, key, purge.get("server_seq", 0)),
                )
            elif not seen[purge_id]:
                conn.execute("UPDATE sync_seen SET pulled = 1 WHERE mutation_id = ?", (purge_id,))
            if not seen.get(purge_id):
                counted.setdefault(key, []).append(purge_id)
                seen[purge_id] = 1
        now = self.db.clock.now()
        # a unit that lost sight of a shared scope (sync/audience.py), one by one; the
        # thinning purges together (#13 speed: a gallring brings 2,000 in one sync)
        done = [apply_audience_purge(conn, purge, counted, at=now)
                for purge in purges if is_audience_purge(purge)]
        done += apply_purges(conn, [p for p in purges if not is_audience_purge(p)], at=now)
        for applied in done:
            result.purges += 1
            result.purged += applied.records
            result.purge_dropped += applied.dropped

    # ------------------------------------------------------------------ quarantine
    def clock_limit(self) -> int:
        """The latest wall time (ms) a pulled change's clocks may have: the server's time as
        this laptop knows it, plus the server's bound and a minute for the round trips."""
        clock = self.db.clock
        machine = clock.wall() - clock.offset_ms
        offset = self.server_offset_ms if self.server_offset_ms is not None else clock.offset_ms
        return machine + offset + MAX_CLOCK_AHEAD_MS + PULL_CLOCK_SLACK_MS

    @staticmethod
    def _refusal(
        mutation: Mapping[str, Any], key: str, scopes: dict[tuple[str, str], str | None], limit: int
    ) -> tuple[str, str] | None:
        """Why a pulled change must not be merged, as (reason, field), or None: the server's
        checks (A.2, A.3), then the scope its record was merged in (A.4)."""
        try:
            check_mutation(mutation, limit_ms=limit)
        except MutationInvalid as exc:
            return exc.code, exc.field
        record = (mutation["entity"], mutation["entity_id"])
        held = scopes.get(record)
        if held is None:
            scopes[record] = key
        elif held != key:
            return "forbidden_scope_change", "scope"
        return None

    @staticmethod
    def _scopes(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        """The scope each record was first merged in (None: not known yet)."""
        return Replica._per_record(conn, "scope_key", keys)

    @staticmethod
    def _quarantine(
        conn: Connection, mutation: Mapping[str, Any], server_seq: int, reason: str, field: str
    ) -> None:
        conn.execute(
            "INSERT INTO sync_quarantine(mutation_id, server_seq, entity, entity_id, reason, field,"
            " payload, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(mutation_id) DO UPDATE SET server_seq = excluded.server_seq",
            (
                str(mutation["mutation_id"]),
                int(server_seq or 0),
                str(mutation.get("entity", ""))[:64],
                str(mutation.get("entity_id", ""))[:64],
                reason,
                field[:80],
                json.dumps(mutation, ensure_ascii=False, sort_keys=True, default=str),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )

    def quarantined(self) -> list[dict[str, Any]]:
        """The changes set aside here: ids, entity, reason and field (no values)."""
        rows = self.db.reader().execute(
            "SELECT mutation_id, server_seq, entity, entity_id, reason, field, at"
            " FROM sync_quarantine ORDER BY server_seq"
        ).fetchall()
        keys = ("mutation_id", "server_seq", "entity", "entity_id", "reason", "field", "at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _remove_versions(self, conn: Connection, stubs: Sequence[Mapping[str, Any]]) -> int:
        """Stubs of retired (or purged) mutations: their own field versions leave the merge
        state; a field left with no version is emptied on the record. Returns records changed."""
        changed = 0
        for stub in stubs:
            entity, entity_id = stub["entity"], stub["entity_id"]
            row = conn.execute(
                "SELECT state FROM sync_entity_state WHERE entity = ? AND entity_id = ?",
                (entity, entity_id),
            ).fetchone()
            if row is None:
                continue
            data = json.loads(row[0])
            emptied = []
            heads = data.get("heads") or {}
            hit = False
            for name in list(heads):
                kept = [v for v in heads[name] if v.get("mutation_id") != stub["mutation_id"]]
                if len(kept) != len(heads[name]):
                    hit = True
                    if kept:
                        heads[name] = kept
                    else:
                        del heads[name]
                        emptied.append(name)
            if not hit:
                continue
            state = EntityState.from_json(data)
            view = state.view(is_free_text)
            for name in emptied:
                view["fields"][name] = None
            conn.execute(
                "UPDATE sync_entity_state SET state = ?, conflicts = ?, flags = ?"
                " WHERE entity = ? AND entity_id = ?",
                (json.dumps(state.to_json(), ensure_ascii=False, sort_keys=True),
                 json.dumps(view["conflicts"], ensure_ascii=False, sort_keys=True),
                 json.dumps(view["flags"]), entity, entity_id),
            )
            if self.repo.write_merged(conn, entity, entity_id, view):
                changed += 1
        return changed

    # ------------------------------------------------------------------ re-stamping
    def restamp_pending(self, conn: Connection, server_ms: int) -> int:
        """The server refused a clock as too far ahead (409 ``clock_ahead``): rebase this
        laptop's clock on the server's time (the offset is kept in ``meta``) and give every
        pending own mutation (not yet acknowledged) a new clock, in the order they were
        written, in ``sync_log``, the merge state and the record. Their base clocks that name
        another pending mutation follow it. Returns how many were re-stamped."""
        self.stage(conn)
        clock = self.db.clock
        rows = conn.execute(
            "SELECT mutation_id, payload FROM sync_log WHERE state = ? ORDER BY outbox_seq",
            (PENDING,),
        ).fetchall()
        pending = [(mutation_id, json.loads(payload)) for mutation_id, payload in rows]
        old = {m["hlc"] for _id, m in pending}
        offset = server_ms - (clock.wall() - clock.offset_ms)
        bound = server_ms + MAX_CLOCK_AHEAD_MS
        floor = conn.execute(
            "SELECT max(json_extract(payload, '$.hlc')) FROM sync_log WHERE state = ?", (ACKED,)
        ).fetchone()[0]
        floor = floor if isinstance(floor, str) and _wall_of(floor) <= bound else None
        for _id, m in pending:  # stay above the versions the pending ones had seen
            for value in _clock_values(m):
                if value not in old and _wall_of(value) <= bound and (floor is None or value > floor):
                    floor = value
        clock.rebase(offset, floor)
        mapping: dict[str, str] = {}
        for _id, m in pending:
            mapping[m["hlc"]] = clock.now()
        for mutation_id, m in pending:
            new = _remap(m, mapping)
            # a clock it had seen that is itself beyond the bound (merged before the server
            # bounded clocks) would be refused again: it counts as seen up to its own clock
            own = new["hlc"]
            new["base"] = {k: (own if isinstance(v, str) and _wall_of(v) > bound else v)
                           for k, v in (new.get("base") or {}).items()}
            if isinstance(new.get("ctx"), dict):
                new["ctx"] = {k: [own if isinstance(v, str) and _wall_of(v) > bound else v for v in vs]
                              for k, vs in new["ctx"].items()}
            conn.execute(
                "UPDATE sync_log SET payload = ? WHERE mutation_id = ?",
                (json.dumps(new, ensure_ascii=False, sort_keys=True), mutation_id),
            )
        records = sorted({(m["entity"], m["entity_id"]) for _id, m in pending})
        for (entity, entity_id), state_json in self._states(conn, records).items():
            state = EntityState.from_json(_remap(json.loads(state_json), mapping))
            view = state.view(is_free_text)
            conn.execute(
                "UPDATE sync_entity_state SET state = ?, conflicts = ?, flags = ?"
                " WHERE entity = ? AND entity_id = ?",
                (json.dumps(state.to_json(), ensure_ascii=False, sort_keys=True),
                 json.dumps(view["conflicts"], ensure_ascii=False, sort_keys=True),
                 json.dumps(view["flags"]), entity, entity_id),
            )
            self.repo.write_merged(conn, entity, entity_id, view)
        for key, value in ((CLOCK_OFFSET, str(offset)), ("last_hlc", clock.now())):
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        return len(pending)

    @staticmethod
    def load_clock_offset(repo: Repository) -> int:
        """Apply the clock's kept rebase (``meta``) to the store's clock; returns it."""
        row = repo.db.reader().execute(
            "SELECT value FROM meta WHERE key = ?", (CLOCK_OFFSET,)
        ).fetchone()
        offset = int(row[0]) if row else 0
        repo.db.clock.offset_ms = offset
        return offset

    @staticmethod
    def forget_clock_offset(conn: Connection, clock: Any) -> None:
        """The machine's clock agrees with the server's again: go by it."""
        clock.offset_ms = 0
        conn.execute("DELETE FROM meta WHERE key = ?", (CLOCK_OFFSET,))

    def _count(self, conn: Connection, counted: Mapping[str, Sequence[str]]) -> None:
        """Fold newly pulled mutation ids (per scope) into their scopes' figures and into
        the combined digest. A scope pulled from again is visible: it is listed again."""
        if not counted:
            return
        total, combined = self.digest(conn)
        value = int(combined, 16)
        keys = list(counted)
        held: dict[str, tuple[int, str, int]] = {}
        for start in range(0, len(keys), 400):  # every scope's figures, 400 a query
            chunk = keys[start : start + 400]
            for key, *figures in conn.execute(
                "SELECT scope_key, count, checksum, listed FROM sync_scopes"
                f" WHERE scope_key IN ({', '.join('?' * len(chunk))})", chunk,
            ):
                held[key] = tuple(figures)  # type: ignore[assignment]
        rows: list[tuple[str, int, str]] = []
        for key, mutation_ids in counted.items():
            count, checksum, listed = held.get(key, (0, EMPTY_CHECKSUM, 1))
            delta = 0
            for mutation_id in mutation_ids:
                delta ^= mutation_digest(mutation_id)
            new_count = count + len(mutation_ids)
            new_value = int(checksum, 16) ^ delta
            if listed:
                total, value = total + len(mutation_ids), value ^ delta
            else:
                total, value = total + new_count, value ^ new_value
            rows.append((key, new_count, _hex(new_value)))
        conn.executemany(
            "INSERT INTO sync_scopes(scope_key, count, checksum, listed) VALUES (?, ?, ?, 1)"
            " ON CONFLICT(scope_key) DO UPDATE SET count = excluded.count,"
            " checksum = excluded.checksum, listed = 1",
            rows,
        )
        self.put(conn, DIGEST, f"{total}:{_hex(value)}")

    def digest(self, conn: Connection | None = None) -> tuple[int, str]:
        """The combined digest (count, checksum) of the scopes the server lists for us."""
        saved = self.get(conn if conn is not None else self.db.reader(), DIGEST)
        if not saved:
            return 0, EMPTY_CHECKSUM
        count, checksum = saved.split(":")
        return int(count), checksum

    def cursor(self) -> int:
        return int(self.read(CURSOR) or 0)

    def restart_pull(self, conn: Connection, epoch: str | None = None) -> None:
        """Pull everything again from cursor 0 (after a server restore, or to repair).

        Local data stays; re-merging is idempotent. The next push first probes whether
        the server still holds everything this laptop had sent.
        """
        self.put(conn, CURSOR, "0")
        if epoch is not None:
            self.put(conn, EPOCH, epoch)
        self.put(conn, PROBE, "1")
        self.put(conn, CONFIRMED, None)
        conn.execute("UPDATE sync_seen SET pulled = 0")
        conn.execute("DELETE FROM sync_scopes")
        self.put(conn, DIGEST, None)

    def unconfirmed_own(self, conn: Connection) -> int | None:
        """After a complete pull: the lowest seq of an own acknowledged mutation that did
        not come back (the server lost it, e.g. restored without a new epoch), else None.
        Marks everything acknowledged so far as confirmed when all came back.

        After a restore (``new_device``) it first re-issues the former id's unsent
        mutations that did not come back (``reissue_former``); when it re-issued any and
        nothing was lost, it returns the next seq this id gives out, so that the caller's
        push (``resend_from`` that seq marks nothing) sends them in the same sync."""
        reissued = self.reissue_former(conn)
        confirmed = int(self.get(conn, CONFIRMED) or 0)
        row = conn.execute(
            "SELECT min(wire_seq) FROM sync_log l WHERE state = ? AND wire_seq > ? AND NOT EXISTS"
            " (SELECT 1 FROM sync_seen s WHERE s.mutation_id = l.mutation_id AND s.pulled = 1)",
            (ACKED, confirmed),
        ).fetchone()
        if row[0] is not None:
            return int(row[0])
        if reissued:
            return int(conn.execute("SELECT coalesce(max(wire_seq), 0) FROM sync_log").fetchone()[0]) + 1
        self.confirm(conn)
        return None

    # ------------------------------------------------------------------ a new device
    def new_device(self, conn: Connection) -> tuple[str, int]:
        """This store was restored from a backup: it becomes a new device (a new client id,
        so a new clock node and seqs from 1 again). The backup's own mutations stay in
        ``sync_log`` under their former id and are never pushed from here again: those
        acknowledged become ``former``, the unacknowledged ``former_pending`` (or
        ``former_rejected``), for :meth:`reissue_former`. Unstaged outbox rows are staged
        first; the outbox is emptied (``sync_log`` holds every one of them). The sync
        session's tokens kept in the store, the pull's confirmed seq and a pending probe are
        forgotten: the person signs in again, as the new device. Takes effect when the store
        is next opened (``Database`` reads the client id). Returns (new client id, number of
        mutations waiting to be re-issued)."""
        self.stage(conn)
        conn.execute(
            "UPDATE sync_log SET wire_seq = NULL, state = CASE state WHEN ? THEN ? WHEN ? THEN ?"
            " ELSE ? END WHERE state IN (?, ?, ?)",
            (PENDING, FORMER_PENDING, REJECTED, FORMER_REJECTED, FORMER, PENDING, ACKED, REJECTED),
        )
        conn.execute("DELETE FROM outbox")
        client_id = uuid7().replace("-", "")
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('client_id', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (client_id,)
        )
        # sync/account.py's TOKENS_KEY: the former device's session (its refresh token may
        # have been rotated since the backup; sent again it would end that session)
        conn.execute("DELETE FROM sync_state WHERE key = 'tokens'")
        for key in (CONFIRMED, PROBE):
            self.put(conn, key, None)
        waiting = conn.execute(
            "SELECT count(*) FROM sync_log WHERE state IN (?, ?)", (FORMER_PENDING, FORMER_REJECTED)
        ).fetchone()[0]
        return client_id, int(waiting)

    def reissue_former(self, conn: Connection) -> int:
        """After a complete pull under the new id: each unacknowledged mutation of the
        former id either came back (the server has it: the original laptop sent it after
        the backup) and becomes ``former``, or is re-issued under this store's id as a new
        write of the same values that has seen it (its ``ctx`` per field: what it had seen
        and its own clock), so nothing is lost and nothing counts twice: a replica holding
        the old one too keeps one head. Only what is still live is re-issued: a field whose
        old version some version (e.g. a later edit here) or a delete has seen since is left
        out, and a delete that an edit has answered. A re-issued rejected one stays set
        aside (``retry_rejected`` puts it back in line). Returns how many were re-issued."""
        rows = conn.execute(
            "SELECT l.mutation_id, l.outbox_seq, l.payload, l.state, l.error,"
            " EXISTS (SELECT 1 FROM sync_seen s WHERE s.mutation_id = l.mutation_id AND s.pulled = 1)"
            " FROM sync_log l WHERE l.state IN (?, ?) ORDER BY l.outbox_seq",
            (FORMER_PENDING, FORMER_REJECTED),
        ).fetchall()
        if not rows:
            return 0
        node = self.db.client_id
        states = {
            key: EntityState.from_json(json.loads(value))
            for key, value in self._states(
                conn, [(json.loads(r[2])["entity"], json.loads(r[2])["entity_id"]) for r in rows]
            ).items()
        }
        done: list[str] = []
        reissued = 0
        for mutation_id, outbox_seq, payload, state, error, came_back in rows:
            done.append(mutation_id)
            old = json.loads(payload)
            new = None if came_back else _reissue(old, states.get((old["entity"], old["entity_id"])), node)
            if new is None:
                continue
            new["mutation_id"], new["hlc"] = uuid7(), self.db.clock.now()
            conn.execute(
                "INSERT INTO sync_log(mutation_id, outbox_seq, entity, entity_id, payload, state, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (new["mutation_id"], outbox_seq, new["entity"], new["entity_id"],
                 json.dumps(new, ensure_ascii=False, sort_keys=True),
                 PENDING if state == FORMER_PENDING else REJECTED,
                 None if state == FORMER_PENDING else (error or "rejected")),
            )
            self.merge(conn, [new])
            key = (new["entity"], new["entity_id"])
            states[key] = apply_mutation(states.get(key), new)
            reissued += 1
        for start in range(0, len(done), 400):
            chunk = done[start : start + 400]
            conn.execute(
                f"UPDATE sync_log SET state = ? WHERE mutation_id IN ({', '.join('?' * len(chunk))})",
                (FORMER, *chunk),
            )
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (self.db.clock.now(),),
        )
        return reissued

    def confirm(self, conn: Connection) -> None:
        top = conn.execute(
            "SELECT coalesce(max(wire_seq), 0) FROM sync_log WHERE state = ?", (ACKED,)
        ).fetchone()
        if self.get(conn, CONFIRMED) != str(top[0]):  # unchanged: no write (a no-op sync)
            self.put(conn, CONFIRMED, str(top[0]))

    def digest_matches(self, integrity: Mapping[str, Any]) -> bool:
        """Whether the server's combined digest (last page of a pull) equals ours."""
        return self.digest() == (int(integrity["count"]), str(integrity["checksum"]))

    def reconcile(self, conn: Connection, scopes: Mapping[str, Mapping[str, Any]]) -> list[str]:
        """Compare with the server's per-scope figures; returns the scopes that differ.

        Scopes the server does not list (the user no longer sees them) stay here but
        leave the combined digest; scopes it lists again come back into it.
        """
        local = {
            k: (c, s, listed)
            for k, c, s, listed in conn.execute(
                "SELECT scope_key, count, checksum, listed FROM sync_scopes"
            ).fetchall()
        }
        differ = sorted(
            k
            for k, v in scopes.items()
            if local.get(k, (0, EMPTY_CHECKSUM))[:2] != (int(v["count"]), str(v["checksum"]))
        )
        for key, (_count, _checksum, listed) in local.items():
            wanted = 1 if key in scopes else 0
            if listed != wanted:
                conn.execute(
                    "UPDATE sync_scopes SET listed = ? WHERE scope_key = ?", (wanted, key)
                )
        count, checksum = combine(
            conn.execute("SELECT count, checksum FROM sync_scopes WHERE listed = 1").fetchall()
        )
        self.put(conn, DIGEST, f"{count}:{checksum}")
        return differ

    # ------------------------------------------------------------------ counts
    def pending(self) -> int:
        """Local mutations not yet acknowledged by the server (staged or not)."""
        # Outbox rows not yet staged: all of them less those at or below the last staged
        # seq. Counted this way SQLite reads the small mutation_id index and the few
        # staged rows instead of every payload (230,000 waiting rows: 1.4 s -> 0.04 s).
        conn = self.db.reader()
        return int(
            conn.execute(
                "SELECT (SELECT count(*) FROM sync_log WHERE state IN (?, ?))"
                " + (SELECT count(*) FROM outbox) - (SELECT count(*) FROM outbox"
                " WHERE seq <= (SELECT coalesce(max(outbox_seq), 0) FROM sync_log))",
                (PENDING, FORMER_PENDING),
            ).fetchone()[0]
        )

    def counts(self) -> dict[str, int]:
        conn = self.db.reader()
        one = lambda sql, *p: conn.execute(sql, p).fetchone()[0]  # noqa: E731
        return {
            "pending": self.pending(),
            "rejected": one("SELECT count(*) FROM sync_log WHERE state = ?", REJECTED),
            "conflicts": one("SELECT count(*) FROM sync_entity_state WHERE conflicts != '{}'"),
            "flagged": one("SELECT count(*) FROM sync_entity_state WHERE flags != '[]'"),
            "acknowledged": one("SELECT count(*) FROM sync_log WHERE state = ?", ACKED),
            "quarantined": one("SELECT count(*) FROM sync_quarantine"),
        }


def _reissue(old: Mapping[str, Any], state: EntityState | None, node: str) -> dict[str, Any] | None:
    """The former device's unsent mutation ``old`` as a write of this device (``node``)
    that has seen it, or None when nothing of it is live in ``state`` any more. Mutation
    id and clock are the caller's."""
    if state is None:
        return None
    old_ctx = old.get("ctx") if isinstance(old.get("ctx"), dict) else {}
    old_base = old.get("base") or {}
    own = {node_of(old["hlc"]): old["hlc"]}

    def seen(name: str) -> list[str]:
        knowledge = knowledge_from_list(old_ctx.get(name))
        if not old_ctx and isinstance(old_base.get(name), str) and old_base[name]:
            knowledge[""] = old_base[name]  # a legacy write: what its base said
        if name != DELETED_BASE_KEY:  # the deletes it had answered are only those it names
            join(knowledge, own)
        knowledge.pop(node, None)
        return knowledge_to_list(knowledge)

    if old["op"] == "delete":
        if covers(state.undelete, old["hlc"]):
            return None  # answered by an edit that kept the record
        names = set(old_ctx) | set(old_base)
        fields: dict[str, Any] = {}
    else:
        live = {
            name for name, value in (old.get("fields") or {}).items()
            if any(v.mutation_id == old["mutation_id"] and not state.delete_saw(name, v)
                   for v in state.heads.get(name, ()))
        }
        if not live:
            return None
        fields = {name: old["fields"][name] for name in sorted(live)}
        names = set(live)
        if DELETED_BASE_KEY in old_ctx or DELETED_BASE_KEY in old_base:
            names.add(DELETED_BASE_KEY)  # the deletes it had answered, answered still
    ctx = {name: clocks for name in sorted(names) if (clocks := seen(name))}
    base = {name: old["hlc"] for name in sorted(names) if name != DELETED_BASE_KEY}
    if isinstance(old_base.get(DELETED_BASE_KEY), str) and DELETED_BASE_KEY in names:
        base[DELETED_BASE_KEY] = old_base[DELETED_BASE_KEY]
    return {**{k: v for k, v in old.items() if k not in ("seq", "set_aside")},
            "client_id": node, "fields": fields, "base": base, "ctx": ctx}


def _scope_of(mutation: Mapping[str, Any], held: str | None = None) -> str:
    """The scope a mutation declares (the server keeps each one's scope the same way: a
    ``shareable`` entry in ``<carer_id>:shared``, ``replication/visibility.py``); ``held`` is
    the scope its record was first merged in here."""
    try:
        return record_scope(mutation, held)
    except (ValueError, TypeError):
        return ""


def _wall_of(value: str) -> int:
    try:
        return HLCValue.parse(value).wall_ms
    except ValueError:
        return 0


def _clock_values(mutation: Mapping[str, Any]) -> list[str]:
    out = [v for v in (mutation.get("base") or {}).values() if isinstance(v, str)]
    for values in (mutation.get("ctx") or {}).values():
        out.extend(v for v in values if isinstance(v, str))
    return out


def _remap(value: Any, mapping: Mapping[str, str]) -> Any:
    """``value`` (a mutation or a merge state, as JSON) with every clock in ``mapping``
    replaced; field values (keys ``value`` and ``fields``) are left as they are."""
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_remap(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("value", "fields") else _remap(v, mapping)) for k, v in value.items()}
    return value


def _hex(value: int) -> str:
    return f"{value:0{len(EMPTY_CHECKSUM)}x}"
