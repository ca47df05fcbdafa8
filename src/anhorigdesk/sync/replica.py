"""The laptop's side of sync, as steps that run inside one writer transaction each.

* **Staging**: every new outbox row (a local write) is copied into ``sync_log`` in its
  wire form and folded into the record's merge state, so local and remote changes
  converge the same way on every replica.
* **Push bookkeeping**: ``sync_log`` keeps every local mutation, also after the server
  acknowledged it, so a server restored from an older backup can be given back what it
  lacks. Each mutation gets its per-client ``seq`` (``wire_seq``) when it is first pushed.
* **Pull**: remote mutations are merged (``sync/merge.py``) into ``sync_entity_state``,
  the merged view is written into the record's table with an audit row (``sync_apply``)
  and no outbox row, and the cursor moves in the same transaction.
* **Integrity**: per-scope count and checksum of what was pulled in this server epoch,
  and their combined digest (sum of counts, XOR of checksums of the scopes the server
  lists for this user), kept in the same transaction as each pulled page, so a sync with
  nothing to do compares one pair of figures instead of recounting every scope.

Nothing here talks to the network; :mod:`anhorigdesk.sync.engine` drives it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import ENTITIES, LONGTEXT
from anhorigdesk.store.repository import Repository
from anhorigdesk.sync.integrity import EMPTY_CHECKSUM, combine, mutation_digest, scope_key
from anhorigdesk.sync.merge import EntityState, apply_mutation, default_is_free_text

# states of a sync_log row
PENDING, ACKED, REJECTED = "pending", "acked", "rejected"

# keys in the sync_state table
CURSOR, EPOCH, PROBE, STATUS = "cursor", "epoch", "probe", "status"
CONFIRMED = "confirmed_seq"  # own acknowledged mutations up to this seq were pulled back
DIGEST = "digest"  # "count:checksum" combined over the listed rows of sync_scopes


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


class Replica:
    """Local sync state of one store. Methods taking ``conn`` run inside a writer job."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db

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
        for seq, mutation_id, entity, entity_id, payload in rows:
            wire = wire_form(json.loads(payload))
            log_rows.append((mutation_id, seq, entity, entity_id,
                             json.dumps(wire, ensure_ascii=False, sort_keys=True), PENDING))
            mutations.append(wire)
        conn.executemany(
            "INSERT OR IGNORE INTO sync_log(mutation_id, outbox_seq, entity, entity_id, payload, state)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            log_rows,
        )
        self.merge(conn, mutations)
        return len(mutations)

    # ------------------------------------------------------------------ merging
    def merge(self, conn: Connection, mutations: Sequence[Mapping[str, Any]]) -> int:
        """Merge mutations into the records' merge state and rewrite the changed records."""
        grouped: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for m in mutations:
            grouped.setdefault((m["entity"], m["entity_id"]), []).append(m)
        changed = 0
        stored = self._states(conn, list(grouped))
        for (entity, entity_id), items in grouped.items():
            row = stored.get((entity, entity_id))
            state = EntityState.from_json(json.loads(row)) if row else None
            for m in items:
                state = apply_mutation(state, m)
            assert state is not None
            view = state.view(is_free_text)
            conn.execute(
                "INSERT INTO sync_entity_state(entity, entity_id, state, conflicts, flags) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(entity, entity_id) DO UPDATE SET state = excluded.state,"
                " conflicts = excluded.conflicts, flags = excluded.flags",
                (
                    entity,
                    entity_id,
                    json.dumps(state.to_json(), ensure_ascii=False, sort_keys=True),
                    json.dumps(view["conflicts"], ensure_ascii=False, sort_keys=True),
                    json.dumps(view["flags"]),
                ),
            )
            actor = items[-1].get("actor") or {}
            if self.repo.write_merged(
                conn, entity, entity_id, view, actor_id=actor.get("staff_id")
            ):
                changed += 1
        return changed

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
    def _states(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The stored merge state (JSON) of each (entity, id) that has one."""
        by_entity: dict[str, list[str]] = {}
        for entity, entity_id in keys:
            by_entity.setdefault(entity, []).append(entity_id)
        return {
            (entity, entity_id): state
            for entity, ids in by_entity.items()
            for entity_id, state in Replica._lookup(
                conn, "SELECT entity_id, state FROM sync_entity_state WHERE entity = ? AND entity_id IN",
                ids, entity,
            ).items()
        }

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
    def next_batch(self, conn: Connection, limit: int) -> list[dict[str, Any]]:
        """The next pending mutations in seq order, giving a seq to those without one."""
        # Those given a seq already (resent), by seq; then new ones in outbox order. Two
        # queries, each along an index (0007), instead of sorting every pending row per batch.
        # 'pending' is written out as in the partial index: a bound value would not match it.
        rows = conn.execute(
            "SELECT mutation_id, wire_seq, payload FROM sync_log WHERE state = 'pending'"
            " AND wire_seq IS NOT NULL ORDER BY wire_seq LIMIT ?",
            (limit,),
        ).fetchall()
        if len(rows) < limit:
            rows += conn.execute(
                "SELECT mutation_id, wire_seq, payload FROM sync_log INDEXED BY sync_log_unsequenced"
                " WHERE state = 'pending' AND wire_seq IS NULL ORDER BY outbox_seq LIMIT ?",
                (limit - len(rows),),
            ).fetchall()
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
        remote: list[dict[str, Any]] = []
        counted: dict[str, list[str]] = {}
        page_ids = [change["mutation_id"] for change in changes]
        pulled_before = self._lookup(conn, "SELECT mutation_id, pulled FROM sync_seen WHERE mutation_id IN", page_ids)
        own_ids = set(self._lookup(conn, "SELECT mutation_id, 1 FROM sync_log WHERE mutation_id IN", page_ids))
        for change in changes:
            mutation = {k: v for k, v in change.items() if k != "server_seq"}
            mutation_id = mutation["mutation_id"]
            self.db.clock.observe(mutation["hlc"])
            key = scope_key(mutation.get("carer_id"), mutation.get("unit_ids") or [])
            seen = (pulled_before[mutation_id],) if mutation_id in pulled_before else None
            pulled_before[mutation_id] = 1
            if seen is None:
                conn.execute(
                    "INSERT INTO sync_seen(mutation_id, scope_key, server_seq, pulled) VALUES (?, ?, ?, 1)",
                    (mutation_id, key, change.get("server_seq", 0)),
                )
            elif not seen[0]:
                conn.execute(
                    "UPDATE sync_seen SET pulled = 1, scope_key = ?, server_seq = ? WHERE mutation_id = ?",
                    (key, change.get("server_seq", 0), mutation_id),
                )
            if seen is None or not seen[0]:
                counted.setdefault(key, []).append(mutation_id)
            if mutation_id in own_ids:
                continue  # folded in when it was staged
            remote.append(mutation)
            if seen is None:
                result.new += 1
                self.repo.audit_remote(conn, mutation)
        result.records = self.merge(conn, remote)
        self._count(conn, counted)
        self.put(conn, CURSOR, str(int(next_cursor)))
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (self.db.clock.now(),),
        )
        return result

    def _count(self, conn: Connection, counted: Mapping[str, Sequence[str]]) -> None:
        """Fold newly pulled mutation ids (per scope) into their scopes' figures and into
        the combined digest. A scope pulled from again is visible: it is listed again."""
        if not counted:
            return
        total, combined = self.digest(conn)
        value = int(combined, 16)
        for key, mutation_ids in counted.items():
            row = conn.execute(
                "SELECT count, checksum, listed FROM sync_scopes WHERE scope_key = ?", (key,)
            ).fetchone()
            count, checksum, listed = row if row else (0, EMPTY_CHECKSUM, 1)
            delta = 0
            for mutation_id in mutation_ids:
                delta ^= mutation_digest(mutation_id)
            new_count = count + len(mutation_ids)
            new_value = int(checksum, 16) ^ delta
            if listed:
                total, value = total + len(mutation_ids), value ^ delta
            else:
                total, value = total + new_count, value ^ new_value
            conn.execute(
                "INSERT INTO sync_scopes(scope_key, count, checksum, listed) VALUES (?, ?, ?, 1)"
                " ON CONFLICT(scope_key) DO UPDATE SET count = excluded.count,"
                " checksum = excluded.checksum, listed = 1",
                (key, new_count, _hex(new_value)),
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
        Marks everything acknowledged so far as confirmed when all came back."""
        confirmed = int(self.get(conn, CONFIRMED) or 0)
        row = conn.execute(
            "SELECT min(wire_seq) FROM sync_log l WHERE state = ? AND wire_seq > ? AND NOT EXISTS"
            " (SELECT 1 FROM sync_seen s WHERE s.mutation_id = l.mutation_id AND s.pulled = 1)",
            (ACKED, confirmed),
        ).fetchone()
        if row[0] is not None:
            return int(row[0])
        self.confirm(conn)
        return None

    def confirm(self, conn: Connection) -> None:
        top = conn.execute(
            "SELECT coalesce(max(wire_seq), 0) FROM sync_log WHERE state = ?", (ACKED,)
        ).fetchone()
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
                "SELECT (SELECT count(*) FROM sync_log WHERE state = ?)"
                " + (SELECT count(*) FROM outbox) - (SELECT count(*) FROM outbox"
                " WHERE seq <= (SELECT coalesce(max(outbox_seq), 0) FROM sync_log))",
                (PENDING,),
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
        }


def _hex(value: int) -> str:
    return f"{value:0{len(EMPTY_CHECKSUM)}x}"
