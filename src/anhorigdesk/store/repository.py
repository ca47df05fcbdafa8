"""The store's domain API: every write with its audit and outbox rows, every read of a
person with its access-log row.

All writes go through the database's single writer. A write is a list of
:class:`Change` objects applied in one transaction; for each change the same
transaction writes the record (keeping the old version), one audit row and one
outbox row (the mutation the sync client will push). If anything fails, none of them
is written.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from anhorigdesk.i18n import message
from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    EntityState,
    join,
    knowledge_to_list,
)
from anhorigdesk.store import access_chain, bulk, snippets
from anhorigdesk.store.database import Database
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import (
    CARER,
    ENTITIES,
    ENTRY,
    JSON,
    EntitySpec,
    ImportRecordError,
    InvalidRecord,
    decode,
)
from anhorigdesk.store.ids import uuid7, uuid7_batch
from anhorigdesk.store.migrations import ENTRY_CARER_SHIFT, LEGACY_OUTBOX_KEY

T = TypeVar("T")


# json.dumps(value, ensure_ascii=False, sort_keys=True) and json.dumps(value, sort_keys=True),
# without making an encoder per call (a pulled page writes several values per record)
_sorted_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_sorted_ascii = json.JSONEncoder(sort_keys=True).encode


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Actor:
    """Who does something: the signed-in staff member and the unit they act for."""

    staff_id: str | None
    unit_id: str | None = None
    name: str = ""


SYSTEM = Actor(staff_id=None, unit_id=None, name="system")


class NotFound(LookupError):
    def __init__(self, what: str, record_id: str) -> None:
        self.what, self.record_id = what, record_id
        super().__init__(message("store.not_found", what=what, id=record_id))


@dataclass
class Change:
    """One change to one record: create/update (``upsert``) or soft ``delete``."""

    entity: str
    fields: dict[str, Any] = field(default_factory=dict)
    entity_id: str | None = None
    op: str = "upsert"
    # Clocks the writer has seen beyond the changed fields' own (sync: ``{"_deleted": hlc}``
    # on an edit that has seen a delete and keeps the record).
    extra_base: dict[str, str] = field(default_factory=dict)
    # What the writer has seen, per field (node -> clock, ``replication/merge.py``), instead of
    # what the merge state holds: a resolution has seen exactly the versions shown, an
    # edit that keeps a deleted record names the deletes (``"_deleted"``).
    extra_ctx: dict[str, dict[str, str]] = field(default_factory=dict)


_TOKEN = re.compile(r"\w+", re.UNICODE)

# What the search index holds, computed in SQL so single writes and bulk imports agree.
CARER_INDEX_SQL = (
    "INSERT INTO carer_search(rowid, body) SELECT rowid,"
    " concat_ws(' ', name, personnummer, phone, email, address, notes) FROM carers"
)
# An entry's index rowid carries its carer's rowid in the high bits (migration 0006), 0 while
# the carer is not on this laptop yet.
ENTRY_INDEX_SQL = (
    "INSERT INTO entry_search(rowid, body) SELECT"
    f" (coalesce((SELECT c.rowid FROM carers c WHERE c.id = e.carer_id), 0) << {ENTRY_CARER_SHIFT}) | e.rowid,"
    " (SELECT group_concat(value, ' ') FROM json_tree(e.data) WHERE type = 'text') FROM entries e"
)


log = logging.getLogger("anhorigdesk.store.repository")


def _report_failed_log(future: Future[Any]) -> None:
    """An access-log row that was queued without waiting could not be written."""
    exc = future.exception() if not future.cancelled() else None
    if exc is not None:
        log.error("an access-log row could not be written (%s)", type(exc).__name__)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every word of ``text`` as a quoted prefix term."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens[:12])


class Repository:
    """Domain-level reads and writes on one profile's database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------ writes
    def write(
        self, actor: Actor, changes: Sequence[Change], *, action: str | None = None,
        then: Callable[[Connection], Any] | None = None,
    ) -> list[str]:
        """Apply ``changes`` in one transaction with audit and outbox rows; return ids.

        ``then`` runs in the same transaction after the changes (sync stages them there)."""
        prepared = [self._prepare(c) for c in changes]

        def job(conn: Connection) -> list[str]:
            ids = self._apply_local(conn, actor, prepared, action)
            if then is not None:
                then(conn)
            return ids

        return self.db.writer.run(job)

    def _prepare(self, change: Change) -> tuple[EntitySpec, Change]:
        spec = ENTITIES.get(change.entity)
        if spec is None:
            raise InvalidRecord("validation.unknown_field", field=change.entity, entity="store")
        if spec.server_written:  # the carer's card: the server's alone (PROTOCOL-3 F)
            raise InvalidRecord("validation.server_written", entity=spec.name)
        if change.op not in ("upsert", "delete"):
            raise ValueError(f"unknown operation {change.op!r}")
        return spec, change

    def _apply_local(
        self, conn: Connection, actor: Actor, prepared: list[tuple[EntitySpec, Change]], action: str | None
    ) -> list[str]:
        ids: list[str] = []
        now = utcnow()
        for spec, change in prepared:
            entity_id = change.entity_id or uuid7()
            current = _fetch_row(conn, spec, entity_id)
            if change.op == "delete":
                if current is None:
                    raise NotFound(spec.name, entity_id)
                if spec.append_only:
                    raise InvalidRecord("validation.unknown_field", field="delete", entity=spec.name)
                values: dict[str, Any] = {}
            else:
                if current is not None and spec.append_only:
                    raise InvalidRecord("validation.unknown_field", field="id", entity=spec.name)
                values = spec.check(change.fields, creating=current is None)
            hlc = self.db.clock.now()
            field_hlc = json.loads(current["field_hlc"]) if current else {}
            # What the writer had seen: the changed fields' clocks; a delete has seen them all.
            base = dict(field_hlc) if change.op == "delete" else {name: field_hlc.get(name) for name in values}
            base.update(change.extra_base)
            for name in values:
                field_hlc[name] = hlc
            if current is None:
                row = {
                    **values,
                    "id": entity_id,
                    "hlc": hlc,
                    "field_hlc": json.dumps(field_hlc, sort_keys=True),
                    "deleted": 0,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": actor.staff_id,
                    "updated_by": actor.staff_id,
                }
                cols = ", ".join(row)
                conn.execute(
                    f"INSERT INTO {spec.table} ({cols}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()),
                )
                op_name = "create"
            else:
                conn.execute(
                    "INSERT INTO record_versions(entity, entity_id, version, data, replaced_at, replaced_by)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (spec.name, entity_id, current["version"], json.dumps(current, ensure_ascii=False),
                     now, actor.staff_id),
                )
                updates = {
                    **values,
                    "hlc": hlc,
                    "field_hlc": json.dumps(field_hlc, sort_keys=True),
                    "version": current["version"] + 1,
                    "updated_at": now,
                    "updated_by": actor.staff_id,
                }
                if change.op == "delete":
                    updates["deleted"] = 1
                sets = ", ".join(f"{k} = ?" for k in updates)
                conn.execute(
                    f"UPDATE {spec.table} SET {sets} WHERE id = ?", [*updates.values(), entity_id]
                )
                op_name = "delete" if change.op == "delete" else "update"
            self._index(conn, spec, entity_id)
            carer_id = entity_id if spec is CARER else (
                (values.get(spec.carer_field) or (current or {}).get(spec.carer_field))
                if spec.carer_field else None
            )
            mutation_id = uuid7()
            conn.execute(
                "INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields, mutation_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, actor.staff_id, actor.unit_id, action or op_name, spec.name, entity_id,
                 json.dumps(sorted(values)), mutation_id),
            )
            if spec.synced:
                payload = {
                    "mutation_id": mutation_id,
                    "client_id": self.db.client_id,
                    "entity": spec.name,
                    "entity_id": entity_id,
                    "op": change.op,
                    "fields": {k: _wire(spec, k, v) for k, v in values.items()},
                    "base": base,
                    "ctx": self._causal_ctx(conn, spec, entity_id, change, values),
                    "hlc": hlc,
                    "carer_id": carer_id,
                    "unit_ids": _unit_ids(conn, carer_id) if carer_id else _record_units(
                        spec, values, current, actor),
                    "actor": {"staff_id": actor.staff_id, "unit_id": actor.unit_id},
                }
                conn.execute(
                    "INSERT INTO outbox(mutation_id, entity, entity_id, payload, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (mutation_id, spec.name, entity_id, json.dumps(payload, ensure_ascii=False), now),
                )
            ids.append(entity_id)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (self.db.clock.now(),),
        )
        return ids

    def _causal_ctx(
        self, conn: Connection, spec: EntitySpec, entity_id: str, change: Change, values: dict[str, Any]
    ) -> dict[str, list[str]]:
        """What this write has seen, per field (docs/PROTOCOL-3.md, part B): the pointwise
        maximum over the field's heads in this laptop's merge state of each head's clock
        and ctx, without this laptop's own node (its own writes form a chain). A delete
        covers every field the merge state holds. Empty lists are left out."""
        row = conn.execute(
            "SELECT state FROM sync_entity_state WHERE entity = ? AND entity_id = ?", (spec.name, entity_id)
        ).fetchone()
        state = EntityState.from_json(json.loads(row[0])) if row else None
        names = (set(state.heads) if state else set()) if change.op == "delete" else set(values)
        node = self.db.client_id
        seen = {name: state.local_ctx(name, node) for name in names} if state else {}
        for name, base in self._legacy_pending(conn, spec.name, entity_id).items():
            if name in names:
                join(seen.setdefault(name, {}), {"": base})
        seen.update(change.extra_ctx)
        return {name: clocks for name, k in sorted(seen.items()) if (clocks := knowledge_to_list(k))}

    def _legacy_pending(self, conn: Connection, entity: str, entity_id: str) -> dict[str, str]:
        """Base clocks of this record's own writes made before migration 0009 and not yet
        folded into the merge state (legacy: merged by the clock rule). A later write of
        this laptop has seen them (its own chain) and so all they had seen: it carries
        their bases as its legacy horizon, so that "seen" stays transitive."""
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (LEGACY_OUTBOX_KEY,)).fetchone()
        if row is None:
            return {}
        through = int(row[0])
        staged = conn.execute("SELECT coalesce(max(outbox_seq), 0) FROM sync_log").fetchone()[0]
        if staged >= through:
            conn.execute("DELETE FROM meta WHERE key = ?", (LEGACY_OUTBOX_KEY,))
            return {}
        out: dict[str, str] = {}
        for (payload,) in conn.execute(
            "SELECT payload FROM outbox WHERE seq > ? AND seq <= ? AND entity = ? AND entity_id = ?",
            (staged, through, entity, entity_id),
        ):
            for name, clock in (json.loads(payload).get("base") or {}).items():
                if isinstance(clock, str) and clock > out.get(name, "") and name != DELETED_BASE_KEY:
                    out[name] = clock
        return out

    def _index(self, conn: Connection, spec: EntitySpec, entity_id: str) -> None:
        if spec is CARER:
            rowid = conn.execute("SELECT rowid FROM carers WHERE id = ?", (entity_id,)).fetchone()[0]
            conn.execute("DELETE FROM carer_search WHERE rowid = ?", (rowid,))
            conn.execute(CARER_INDEX_SQL + " WHERE rowid = ? AND deleted = 0", (rowid,))
            # Entries that arrived before their carer were indexed under carer part 0.
            if conn.execute(f"SELECT 1 FROM entry_search WHERE rowid < {1 << ENTRY_CARER_SHIFT} LIMIT 1").fetchone():
                waiting = [r[0] for r in conn.execute(
                    f"SELECT rowid FROM entry_search WHERE rowid < {1 << ENTRY_CARER_SHIFT}"
                    " AND rowid IN (SELECT rowid FROM entries WHERE carer_id = ?)", (entity_id,))]
                if waiting:
                    marks = ", ".join("?" * len(waiting))
                    conn.execute(f"DELETE FROM entry_search WHERE rowid IN ({marks})", waiting)
                    conn.execute(ENTRY_INDEX_SQL + f" WHERE e.rowid IN ({marks})", waiting)
        elif spec is ENTRY:
            conn.execute(ENTRY_INDEX_SQL + " WHERE e.id = ?", (entity_id,))

    # convenience writers ------------------------------------------------------
    def create(self, actor: Actor, entity: str, **fields: Any) -> str:
        return self.write(actor, [Change(entity, fields)])[0]

    def update(self, actor: Actor, entity: str, entity_id: str, **fields: Any) -> None:
        if not self._exists(entity, entity_id):
            raise NotFound(entity, entity_id)
        self.write(actor, [Change(entity, fields, entity_id)])

    def delete(self, actor: Actor, entity: str, entity_id: str) -> None:
        self.write(actor, [Change(entity, {}, entity_id, op="delete")])

    def _exists(self, entity: str, entity_id: str) -> bool:
        spec = ENTITIES[entity]
        return self.db.reader().execute(
            f"SELECT 1 FROM {spec.table} WHERE id = ?", (entity_id,)
        ).fetchone() is not None

    def create_carer(self, actor: Actor, **fields: Any) -> str:
        return self.create(actor, "carer", **fields)

    def update_carer(self, actor: Actor, carer_id: str, **fields: Any) -> None:
        self.update(actor, "carer", carer_id, **fields)

    def link_cared_for(
        self, actor: Actor, carer_id: str, *, name: str, kind: str, birth_year: int | None = None,
        cared_for_id: str | None = None,
    ) -> tuple[str, str]:
        """Link a cared-for person (new, or existing by id) to a carer; returns both ids."""
        changes = []
        if cared_for_id is None:
            cared_for_id = uuid7()
            changes.append(Change("cared_for", {"name": name, "birth_year": birth_year}, cared_for_id))
        relation_id = uuid7()
        changes.append(Change("relation", {"carer_id": carer_id, "cared_for_id": cared_for_id,
                                           "kind": kind}, relation_id))
        self.write(actor, changes)
        return cared_for_id, relation_id

    def add_entry(
        self, actor: Actor, carer_id: str, kind: str, data: dict[str, Any], *,
        occurred_at: datetime | None = None, confidentiality: str = "carer_only",
        form_id: str | None = None, form_version: int | None = None,
        form_fingerprint: str | None = None, supersedes: str | None = None,
        draft_id: str | None = None,
    ) -> str:
        """Append an entry to a carer's timeline (and discard the draft it came from)."""
        change = entry_change(
            actor, carer_id, kind, data, occurred_at=occurred_at, confidentiality=confidentiality,
            form_id=form_id, form_version=form_version, form_fingerprint=form_fingerprint,
            supersedes=supersedes,
        )
        return self.add_entries(actor, carer_id, [change], draft_id=draft_id)[0]

    def add_entries(
        self, actor: Actor, carer_id: str, changes: Sequence[Change], *, draft_id: str | None = None,
    ) -> list[str]:
        """Append entries of one carer in ONE transaction, with other new records of that
        carer (e.g. a form response and the follow-up tasks its flags raised), and discard
        the draft they came from. Build each entry with :func:`entry_change`."""
        for change in changes:
            spec = ENTITIES.get(change.entity)
            if spec is None or spec.carer_field is None or change.fields.get(spec.carer_field) != carer_id:
                raise ValueError("add_entries: every change must be a record of the same carer")
        prepared = [self._prepare(c) for c in changes]

        def job(conn: Connection) -> list[str]:
            if conn.execute("SELECT 1 FROM carers WHERE id = ?", (carer_id,)).fetchone() is None:
                raise NotFound("carer", carer_id)
            ids = self._apply_local(conn, actor, prepared, None)
            if draft_id:
                self._delete_draft(conn, actor, draft_id)
            return ids

        return self.db.writer.run(job)

    # drafts are local to this laptop: audited, never synced ----------------------
    def save_draft(
        self, actor: Actor, *, form_id: str, data: dict[str, Any], draft_id: str | None = None,
        carer_id: str | None = None, form_version: int | None = None,
        form_fingerprint: str | None = None,
    ) -> str:
        draft_id = draft_id or uuid7()
        payload = json.dumps(data, ensure_ascii=False)

        def job(conn: Connection) -> str:
            now = utcnow()
            conn.execute(
                "INSERT INTO drafts(id, carer_id, form_id, form_version, form_fingerprint, data, author_id,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,"
                " form_version = excluded.form_version, form_fingerprint = excluded.form_fingerprint",
                (draft_id, carer_id, form_id, form_version, form_fingerprint, payload, actor.staff_id, now, now),
            )
            conn.execute(
                "INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields)"
                " VALUES (?, ?, ?, 'draft_save', 'draft', ?, '[]')",
                (now, actor.staff_id, actor.unit_id, draft_id),
            )
            return draft_id

        return self.db.writer.run(job)

    def drafts(self, actor: Actor) -> list[dict[str, Any]]:
        rows = _dicts(self.db.reader().execute(
            "SELECT d.*, c.name AS carer_name FROM drafts d LEFT JOIN carers c ON c.id = d.carer_id"
            " WHERE d.author_id IS ? ORDER BY d.updated_at DESC", (actor.staff_id,)
        ))
        for r in rows:
            r["data"] = json.loads(r["data"])
        return rows

    def delete_draft(self, actor: Actor, draft_id: str) -> None:
        self.db.writer.run(lambda conn: self._delete_draft(conn, actor, draft_id))

    @staticmethod
    def _delete_draft(conn: Connection, actor: Actor, draft_id: str) -> None:
        conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        conn.execute(
            "INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields)"
            " VALUES (?, ?, ?, 'draft_discard', 'draft', ?, '[]')",
            (utcnow(), actor.staff_id, actor.unit_id, draft_id),
        )

    # form versions seen (so old responses open as they were made) -------------
    def remember_form_version(self, fingerprint: str, form_id: str, version: int, definition: str) -> None:
        self.db.writer.run(lambda conn: conn.execute(
            "INSERT OR IGNORE INTO form_versions(fingerprint, form_id, version, definition, first_seen)"
            " VALUES (?, ?, ?, ?, ?)", (fingerprint, form_id, version, definition, utcnow())
        ))

    def form_versions(self) -> list[dict[str, Any]]:
        return _dicts(self.db.reader().execute(
            "SELECT fingerprint, form_id, version, definition FROM form_versions ORDER BY form_id, version"
        ))

    # ------------------------------------------------------------------ reads
    def log_access(self, actor: Actor, person_kind: str, person_id: str | None, action: str,
                   *, wait: bool = True) -> None:
        """Append one access-log row (who, which person, what, unit, UTC time).

        ``wait=False`` queues the row on the writer and returns at once (the writer commits
        it in order with every other write, and before the store closes); a failure is
        logged by its type. For reads that must answer at typing speed (search as you type)."""
        job = self.access_row(actor, person_kind, person_id, action)
        if wait:
            self.db.writer.run(job)
            return
        self.db.writer.submit(job).add_done_callback(_report_failed_log)

    def access_row(self, actor: Actor, person_kind: str, person_id: str | None,
                   action: str) -> Callable[[Connection], None]:
        """The writer job that appends :meth:`log_access`'s row, for a caller that writes it
        inside a transaction of its own (one commit instead of two)."""
        row = (utcnow(), actor.staff_id, actor.unit_id, person_kind, person_id, action)
        client_id = self.db.client_id

        def job(conn: Connection) -> None:
            # chained per device (store/access_chain.py, docs/PROTOCOL-3.md part E)
            access_chain.append(conn, client_id, *row)

        return job

    def get(self, actor: Actor, entity: str, entity_id: str, *, action: str = "read") -> dict[str, Any]:
        spec = ENTITIES[entity]
        row = _fetch_row(self.db.reader(), spec, entity_id)
        if row is None:
            raise NotFound(entity, entity_id)
        person_kind = spec.person_kind or ("carer" if spec.carer_field else None)
        if person_kind:
            person_id = entity_id if spec.person_kind else row[spec.carer_field]  # type: ignore[index]
            self.log_access(actor, person_kind, person_id, f"{action}:{entity}")
        return decode(spec, row)

    def get_carer(self, actor: Actor, carer_id: str) -> dict[str, Any]:
        """A carer's record with relations and consents; logged as an access."""
        carer = self.get(actor, "carer", carer_id)
        conn = self.db.reader()
        carer["relations"] = _dicts(conn.execute(
            "SELECT r.id, r.kind, r.started_at, r.ended_at, r.ended_reason, r.cared_for_id,"
            " p.name AS cared_for_name, p.birth_year FROM relations r JOIN cared_for p ON p.id = r.cared_for_id"
            " WHERE r.carer_id = ? AND r.deleted = 0 ORDER BY r.created_at", (carer_id,)
        ))
        carer["consents"] = _dicts(conn.execute(
            "SELECT id, scope, given_at, given_how, withdrawn_at, note FROM consents"
            " WHERE carer_id = ? AND deleted = 0 ORDER BY given_at", (carer_id,)
        ))
        return carer

    def timeline(self, actor: Actor, carer_id: str, *, kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """All entries of a carer, newest first; logged as an access."""
        sql = "SELECT * FROM entries WHERE carer_id = ? AND deleted = 0"
        params: list[Any] = [carer_id]
        if kinds:
            sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
            params += list(kinds)
        rows = _dicts(self.db.reader().execute(sql + " ORDER BY occurred_at DESC, id DESC", params))
        self.log_access(actor, "carer", carer_id, "read:timeline")
        return [decode(ENTRY, r) for r in rows]

    def history(self, actor: Actor, entity: str, entity_id: str) -> list[dict[str, Any]]:
        """Earlier versions of a record, oldest first (corrections keep the old)."""
        spec = ENTITIES[entity]
        rows = self.db.reader().execute(
            "SELECT data FROM record_versions WHERE entity = ? AND entity_id = ? ORDER BY version",
            (entity, entity_id),
        ).fetchall()
        if spec.person_kind or spec.carer_field:
            self.log_access(actor, spec.person_kind or "carer", entity_id, f"read:history:{entity}")
        return [decode(spec, json.loads(r[0])) for r in rows]

    def list_carers(
        self, actor: Actor, *, unit_id: str | None = None, support_contact_id: str | None = None,
        child_only: bool = False, include_ended: bool = False, offset: int = 0, limit: int = 200,
        carer_ids: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """A page of the carer list (names and list columns only).

        ``carer_ids`` keeps only those carers, in that order (e.g. the due list's carers,
        most overdue first); the other filters still apply."""
        params: list[Any] = []
        if carer_ids is None:
            sql = ("SELECT c.id, c.name, c.is_child, c.unit_ids, c.support_contact_id, c.status,"
                   " c.updated_at FROM carers c WHERE c.deleted = 0")
            order = " ORDER BY c.name COLLATE NOCASE, c.id"
        else:
            # one parameter however many ids: a JSON array, its index is the order
            sql = ("SELECT c.id, c.name, c.is_child, c.unit_ids, c.support_contact_id, c.status,"
                   " c.updated_at FROM json_each(?) w JOIN carers c ON c.id = w.value WHERE c.deleted = 0")
            params.append(json.dumps(list(carer_ids)))
            order = " ORDER BY w.key"
        if not include_ended:
            sql += " AND c.status = 'active'"
        if unit_id:
            sql += " AND EXISTS (SELECT 1 FROM json_each(c.unit_ids) WHERE value = ?)"
            params.append(unit_id)
        if support_contact_id:
            sql += " AND c.support_contact_id = ?"
            params.append(support_contact_id)
        if child_only:
            sql += " AND c.is_child = 1"
        sql += order + " LIMIT ? OFFSET ?"
        params += [limit, offset]
        rows = _dicts(self.db.reader().execute(sql, params))
        for r in rows:
            r["is_child"] = bool(r["is_child"])
            r["unit_ids"] = json.loads(r["unit_ids"])
        return rows

    def count_carers(self, *, include_ended: bool = False) -> int:
        sql = "SELECT count(*) FROM carers WHERE deleted = 0"
        if not include_ended:
            sql += " AND status = 'active'"
        return self.db.reader().execute(sql).fetchone()[0]

    def search(self, actor: Actor, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Carers whose record or entries match every word of ``text`` (diacritics ignored)."""
        query = fts_query(text)
        if query is None:
            return []
        conn = self.db.reader()
        matcher = snippets.Matcher.of(text)
        rows = _dicts(conn.execute(
            "SELECT c.rowid AS carer_rowid, c.id, c.name, c.is_child, c.unit_ids, c.support_contact_id, c.status,"
            " 'carer' AS matched, c.protected_identity FROM carer_search s JOIN carers c ON c.rowid = s.rowid"
            " WHERE carer_search MATCH ? ORDER BY s.rank LIMIT ?", (query, limit)
        ))
        # Why each matched, where the name alone does not say: the rest of its record's text.
        beyond = {r["carer_rowid"]: rest for r in rows if (rest := matcher.beyond(r["name"] or "")) is not None}
        bodies = dict(conn.execute(
            f"SELECT rowid, body FROM carer_search WHERE rowid IN ({','.join('?' * len(beyond))})",
            list(beyond)).fetchall()) if beyond else {}
        # Skyddade personuppgifter: a protected carer is found, and explained, by what is not
        # an address or contact detail only (its name, personnummer, notes): a search on an
        # address never tells whose it is, and no snippet shows one.
        protected = {r["carer_rowid"] for r in rows if r["protected_identity"] and r["carer_rowid"] in beyond}
        if protected:
            bodies.update(conn.execute(
                "SELECT rowid, trim(coalesce(personnummer, '') || ' ' || coalesce(notes, '')) FROM carers"
                f" WHERE rowid IN ({','.join('?' * len(protected))})", list(protected)).fetchall())
            rows = [r for r in rows if r["carer_rowid"] not in protected
                    or beyond[r["carer_rowid"]].beyond(bodies.get(r["carer_rowid"]) or "") is None]
        for r in rows:
            rest = beyond.get(rowid := r.pop("carer_rowid"))
            body = bodies.get(rowid) if r.pop("protected_identity") else snippets.without_name(
                r["name"] or "", bodies.get(rowid))
            r["snippet"] = rest.snippet(body) if rest else ""
        seen = {r["id"] for r in rows}
        if len(rows) < limit:
            # The carers of matching entries from the index's doclist alone (no stored row read
            # per entry), with the first matching entry of each: its text says why they matched.
            first: dict[int, int] = {}
            found = conn.execute("SELECT rowid FROM entry_search WHERE entry_search MATCH ?", (query,))
            for (rowid,) in found:
                carer_rowid = rowid >> ENTRY_CARER_SHIFT
                if carer_rowid and carer_rowid not in first:  # 0: the carer is not on this laptop yet
                    first[carer_rowid] = rowid
                    if len(first) >= limit * 4:
                        break
            found.close()
            shown = []
            for r in _dicts(conn.execute(  # at most limit * 4 ids, far below SQLite's variable limit
                "SELECT c.rowid AS carer_rowid, c.id, c.name, c.is_child, c.unit_ids, c.support_contact_id,"
                " c.status, 'entry' AS matched FROM carers c WHERE c.deleted = 0 AND c.rowid IN"
                f" ({','.join('?' * len(first))}) ORDER BY c.rowid", list(first))) if first else []:
                if r["id"] not in seen and len(rows) < limit:
                    seen.add(r["id"])
                    rows.append(r)
                    shown.append(r)
            texts = dict(conn.execute(
                f"SELECT rowid, body FROM entry_search WHERE rowid IN ({','.join('?' * len(shown))})",
                [first[r["carer_rowid"]] for r in shown]).fetchall()) if shown else {}
            for r in shown:
                r["snippet"] = matcher.snippet(texts.get(first[r.pop("carer_rowid")]))
        for r in rows:
            r["is_child"] = bool(r["is_child"])
            r["unit_ids"] = json.loads(r["unit_ids"])
        # The row is queued, not awaited: each keystroke's search would otherwise wait for a
        # commit (an fsync) before its answer.
        self.log_access(actor, "carer", None, "search", wait=False)
        return rows

    def cared_for_people(self, actor: Actor) -> list[dict[str, Any]]:
        """Registered cared-for persons (to link one to another carer); logged as one list read."""
        rows = _dicts(self.db.reader().execute(
            "SELECT id, name, birth_year FROM cared_for WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id"))
        self.log_access(actor, "cared_for", None, "list:cared_for")
        return rows

    # --- telling carers apart (issue 20): what distinguishes two carers of the same name
    def carer_hints(self, carer_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Per carer id: birth year, address and the names of the persons they care for,
        for lists where a carer is picked (read with the list, which is the access). A carer
        with a protected identity (skyddade personuppgifter) is listed without address."""
        if not carer_ids:
            return {}
        rows = self.db.reader().execute(
            "SELECT c.id, c.birth_date, c.personnummer,"
            " CASE WHEN c.protected_identity THEN NULL ELSE c.address END,"
            " (SELECT group_concat(p.name, char(31)) FROM relations r JOIN cared_for p ON p.id = r.cared_for_id"
            "  WHERE r.carer_id = c.id AND r.deleted = 0 AND p.deleted = 0)"
            " FROM json_each(?) w JOIN carers c ON c.id = w.value",
            (json.dumps(list(carer_ids)),),
        ).fetchall()
        return {carer_id: {"birth_year": _birth_year(birth_date, pnr), "address": address or "",
                           "cared_for": sorted(cared_for.split("\x1f")) if cared_for else []}
                for carer_id, birth_date, pnr, address, cared_for in rows}

    def similar_carers(self, actor: Actor, name: str, *, birth_date: str | None = None,
                       phone: str | None = None, exclude_id: str | None = None) -> list[dict[str, Any]]:
        """Carers who may be the one about to be registered: the same name (case and
        spacing ignored) and the same birth date or phone number (digits compared). Each
        one found is logged as read (the screen shows them). A carer with a protected
        identity is listed without phone and address."""
        wanted, digits = _same_name(name), _phone_digits(phone)
        if not wanted or not (birth_date or digits):
            return []
        conn = self.db.reader()
        namesakes = [carer_id for carer_id, other in conn.execute("SELECT id, name FROM carers WHERE deleted = 0")
                     if carer_id != exclude_id and _same_name(other) == wanted]
        found = []
        for row in _dicts(conn.execute(
                "SELECT c.id, c.name, c.birth_date, c.personnummer, c.phone, c.address, c.status,"
                " c.protected_identity FROM json_each(?) w JOIN carers c ON c.id = w.value",
                (json.dumps(namesakes),))):
            born = row["birth_date"] or _birth_date_of(row["personnummer"])
            if (birth_date and born == birth_date) or (digits and _phone_digits(row["phone"]) == digits):
                if row.pop("protected_identity"):  # skyddade personuppgifter: listed without them
                    row["phone"] = row["address"] = None
                found.append(row)
        for row in found:
            self.log_access(actor, "carer", row["id"], "read:similar_carer", wait=False)
        return found

    def co_carers(self, carer_id: str) -> list[dict[str, Any]]:
        """Other carers of the persons this carer cares for (a parent cared for by two of
        their children): cared_for_id, carer id and name, for the carer page's list."""
        return _dicts(self.db.reader().execute(
            "SELECT DISTINCT mine.cared_for_id, c.id, c.name FROM relations mine"
            " JOIN relations other ON other.cared_for_id = mine.cared_for_id AND other.carer_id != mine.carer_id"
            " JOIN carers c ON c.id = other.carer_id"
            " WHERE mine.carer_id = ? AND mine.deleted = 0 AND other.deleted = 0 AND c.deleted = 0"
            " ORDER BY c.name COLLATE NOCASE, c.id", (carer_id,)))

    def units(self) -> list[dict[str, Any]]:
        return _dicts(self.db.reader().execute(
            "SELECT id, name, kind FROM units WHERE deleted = 0 ORDER BY name"))

    def staff(self) -> list[dict[str, Any]]:
        return _dicts(self.db.reader().execute(
            "SELECT id, name, unit_id, role, phone FROM staff WHERE deleted = 0 ORDER BY name"))

    def access_log(self, *, person_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        sql = "SELECT * FROM access_log"
        params: list[Any] = []
        if person_id:
            sql += " WHERE person_id = ?"
            params.append(person_id)
        return _dicts(self.db.reader().execute(sql + " ORDER BY seq DESC LIMIT ?", [*params, limit]))

    def audit_log(self, *, entity_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        sql = "SELECT * FROM audit_log"
        params: list[Any] = []
        if entity_id:
            sql += " WHERE entity_id = ?"
            params.append(entity_id)
        return _dicts(self.db.reader().execute(sql + " ORDER BY seq DESC LIMIT ?", [*params, limit]))

    # ------------------------------------------------------------------ outbox
    def pending_count(self) -> int:
        return self.db.reader().execute("SELECT count(*) FROM outbox").fetchone()[0]

    # ------------------------------------------------------------------ bulk
    def import_records(self, actor: Actor, changes: Sequence[Change], *, batch: int = 5000) -> int:
        """Write many records in ONE transaction, each with its audit row (action ``import``),
        its outbox row and its search-index row, as ``write`` would; return how many.

        New records take a fast path (see :mod:`anhorigdesk.store.bulk`); changes to records
        that already exist, deletes and a second change to one record take the normal path.
        A record that does not fit raises :class:`ImportRecordError` naming it and the field,
        and nothing of the import is written. Records without an id get one (set on the
        change). ``batch`` bounds how many records one SQL statement builds log rows for.
        """
        prepared = [self._prepare(c) for c in changes]
        if not prepared:
            return 0

        def job(conn: Connection) -> int:
            cache = conn.execute("PRAGMA cache_size").fetchone()[0]
            # room for the pages the import writes, so that building its log rows from them
            # reads them from memory instead of spilling them to the log and decrypting them again
            conn.execute(f"PRAGMA cache_size = {bulk.IMPORT_CACHE_SIZE}")
            try:
                return self._import(conn, actor, prepared, max(1, batch))
            finally:
                conn.execute(f"PRAGMA cache_size = {int(cache)}")

        return self.db.writer.run(job)

    def _import(self, conn: Connection, actor: Actor, prepared: list[tuple[EntitySpec, Change]],
                batch: int) -> int:
        given: dict[str, list[str]] = {}
        for spec, change in prepared:
            if change.entity_id is not None:
                given.setdefault(spec.table, []).append(change.entity_id)
        missing_ids = [c for _spec, c in prepared if c.entity_id is None and c.op == "upsert"]
        for change, new_id in zip(missing_ids, uuid7_batch(len(missing_ids)), strict=True):
            change.entity_id = new_id
        existing: set[tuple[str, str]] = set()
        for table, ids in given.items():
            existing.update((table, r[0]) for r in conn.execute(
                f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)))
        # new records by shape (entity and fields set); the rest, in order, by the normal path
        shapes: dict[tuple[str, tuple[str, ...]], tuple[bulk.Shape, list[tuple[Any, ...]], list[Change]]] = {}
        slow: list[tuple[int, EntitySpec, Change]] = []
        fresh: set[tuple[str, str]] = set()
        for index, (spec, change) in enumerate(prepared, start=1):
            key = (spec.table, change.entity_id)
            if change.op != "upsert" or key in existing or key in fresh:
                if change.op == "upsert":
                    _checked(index, spec, change, creating=False)
                slow.append((index, spec, change))
                continue
            fresh.add(key)  # type: ignore[arg-type]
            names = tuple(change.fields)
            entry = shapes.get((spec.name, names))
            if entry is None:
                if not spec.fields.keys() >= set(names):
                    _checked(index, spec, change, creating=True)  # names the unknown field
                entry = shapes[(spec.name, names)] = (bulk.shape_of(spec, names), [], [])
            shape, values, shape_changes = entry
            checked = shape.check(change.fields)
            values.append(checked if checked is not None else
                          tuple(_checked(index, spec, change, creating=True).values()))
            shape_changes.append(change)
        ordered = [bulk.Group(shape, values, [c.entity_id for c in cs])  # type: ignore[misc]
                   for shape, values, cs in shapes.values()]
        count = sum(len(g.ids) for g in ordered)
        before = {t: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
                  for t in ("carers", "entries")}
        writing = bulk.Writing(utcnow(), actor.staff_id, actor.unit_id, self.db.client_id)
        bulk.write_groups(conn, ordered, self.db.clock.now_batch(count), uuid7_batch(count), writing, chunk=batch)
        conn.execute(CARER_INDEX_SQL + " WHERE rowid > ? AND deleted = 0", (before["carers"],))
        conn.execute(ENTRY_INDEX_SQL + " WHERE e.rowid > ?", (before["entries"],))
        for index, spec, change in slow:
            try:
                self._apply_local(conn, actor, [(spec, change)], "import")
            except InvalidRecord as exc:
                raise ImportRecordError(index, spec.name, change.entity_id, exc) from exc
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_hlc', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (self.db.clock.now(),))
        return count + len(slow)

    # ------------------------------------------------------------------ sync (remote side)
    # Used by the sync client (src/anhorigdesk/sync/). Remote changes are written here
    # with an audit row (action ``sync_apply``) and never an outbox row.
    def apply_remote(self, job: Callable[[Connection], T]) -> T:
        """Run a sync job on the writer in one transaction; it must write no outbox row."""

        return self.db.writer.run(_no_outbox_rows(job))

    def submit_remote(self, job: Callable[[Connection], T]) -> Future[T]:
        """``apply_remote`` without waiting: the job's Future (jobs run in the order given)."""
        return self.db.writer.submit(_no_outbox_rows(job))

    def write_merged(
        self, conn: Connection, entity: str, entity_id: str, view: dict[str, Any], *,
        actor_id: str | None = None,
    ) -> bool:
        """Make the record ``entity_id`` show a merged view (``EntityState.view()``).

        Inserts the record when it is new (once its required fields are known), else
        updates the changed columns, keeping the old version. Carers get the view's
        conflict set in ``conflicts``. Entries are append-only: an existing one is left
        as it is. Returns whether the record changed.
        """
        spec = ENTITIES.get(entity)
        if spec is None:
            return False
        values = {name: _stored(spec, name, value) for name, value in view["fields"].items()
                  if name in spec.fields and name != "conflicts"}
        field_hlc = {name: hlc for name, hlc in view["field_hlc"].items()
                     if name in spec.fields and name != "conflicts"}
        merged: dict[str, Any] = {
            **values,
            "hlc": view["hlc"],
            "field_hlc": json.dumps(field_hlc, sort_keys=True),
            "deleted": int(bool(view["deleted"])),
        }
        if spec is CARER:
            merged["conflicts"] = json.dumps(view.get("conflicts") or {}, ensure_ascii=False, sort_keys=True)
        current = _fetch_row(conn, spec, entity_id)
        now = utcnow()
        if current is None:
            if any(values.get(name) in (None, "") for name in spec.required):
                return False  # the record's creation has not arrived yet
            row = {**merged, "id": entity_id, "version": 1, "created_at": now, "updated_at": now,
                   "created_by": actor_id, "updated_by": actor_id}
            conn.execute(f"INSERT INTO {spec.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                         list(row.values()))
        else:
            if spec.append_only:
                return False
            changed = {k: v for k, v in merged.items() if current.get(k) != v}
            if not changed:
                return False
            conn.execute(
                "INSERT INTO record_versions(entity, entity_id, version, data, replaced_at, replaced_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (spec.name, entity_id, current["version"], json.dumps(current, ensure_ascii=False), now, actor_id),
            )
            changed.update(version=current["version"] + 1, updated_at=now, updated_by=actor_id)
            conn.execute(f"UPDATE {spec.table} SET {', '.join(f'{k} = ?' for k in changed)} WHERE id = ?",
                         [*changed.values(), entity_id])
        self._index(conn, spec, entity_id)
        return True

    def write_merged_many(
        self, conn: Connection, items: Sequence[tuple[str, str, dict[str, Any], str | None]],
    ) -> set[tuple[str, str]]:
        """``write_merged`` for many records at once (a pulled page, a staging): each item is
        (entity, id, view, actor id), each record at most once. The rows end up as
        ``write_merged`` called item by item leaves them (new rows, changed columns, old
        versions in ``record_versions``, search index), with a handful of statements per
        page instead of several per record. Returns the records that changed."""
        by_spec: dict[str, list[tuple[str, dict[str, Any], str | None, dict[str, Any]]]] = {}
        for entity, entity_id, view, actor_id in items:
            spec = ENTITIES.get(entity)
            if spec is None:
                continue
            values = {name: _stored(spec, name, value) for name, value in view["fields"].items()
                      if name in spec.fields and name != "conflicts"}
            field_hlc = {name: hlc for name, hlc in view["field_hlc"].items()
                         if name in spec.fields and name != "conflicts"}
            merged: dict[str, Any] = {
                **values,
                "hlc": view["hlc"],
                "field_hlc": _sorted_ascii(field_hlc),
                "deleted": int(bool(view["deleted"])),
            }
            if spec is CARER:
                conflicts = view.get("conflicts")
                merged["conflicts"] = _sorted_json(conflicts) if conflicts else "{}"
            by_spec.setdefault(spec.name, []).append((entity_id, merged, actor_id, values))
        now = utcnow()
        changed: dict[str, list[str]] = {}
        for name, records in by_spec.items():
            spec = ENTITIES[name]
            ids = [entity_id for entity_id, _m, _a, _v in records]
            if len(set(ids)) != len(ids):
                raise ValueError(f"write_merged_many: a {name} record is named twice")
            current = _fetch_rows(conn, spec, ids)
            inserts: dict[tuple[str, ...], list[list[Any]]] = {}
            versions: list[tuple[Any, ...]] = []
            updates: dict[tuple[str, ...], list[list[Any]]] = {}
            done = changed.setdefault(name, [])
            for entity_id, merged, actor_id, values in records:
                row_now = current.get(entity_id)
                if row_now is None:
                    if any(values.get(field) in (None, "") for field in spec.required):
                        continue  # the record's creation has not arrived yet
                    row = {**merged, "id": entity_id, "version": 1, "created_at": now, "updated_at": now,
                           "created_by": actor_id, "updated_by": actor_id}
                    inserts.setdefault(tuple(row), []).append(list(row.values()))
                else:
                    if spec.append_only:
                        continue
                    diff = {k: v for k, v in merged.items() if row_now.get(k) != v}
                    if not diff:
                        continue
                    versions.append((spec.name, entity_id, row_now["version"],
                                     json.dumps(row_now, ensure_ascii=False), now, actor_id))
                    diff.update(version=row_now["version"] + 1, updated_at=now, updated_by=actor_id)
                    updates.setdefault(tuple(diff), []).append([*diff.values(), entity_id])
                done.append(entity_id)
            for columns, rows in inserts.items():
                conn.executemany(f"INSERT INTO {spec.table} ({', '.join(columns)})"
                                 f" VALUES ({', '.join('?' * len(columns))})", rows)
            if versions:
                conn.executemany(
                    "INSERT INTO record_versions(entity, entity_id, version, data, replaced_at, replaced_by)"
                    " VALUES (?, ?, ?, ?, ?, ?)", versions)
            for columns, rows in updates.items():
                conn.executemany(f"UPDATE {spec.table} SET {', '.join(f'{k} = ?' for k in columns)} WHERE id = ?",
                                 rows)
        # the search index after every row is written: an entry whose carer came in the same
        # batch is indexed under its carer at once
        if changed.get(CARER.name):
            self._index_carers(conn, changed[CARER.name])
        if changed.get(ENTRY.name):
            for chunk in _chunks(changed[ENTRY.name]):
                conn.execute(ENTRY_INDEX_SQL + f" WHERE e.id IN ({', '.join('?' * len(chunk))})", chunk)
        return {(name, entity_id) for name, ids in changed.items() for entity_id in ids}

    @staticmethod
    def _index_carers(conn: Connection, carer_ids: Sequence[str]) -> None:
        """``_index`` of many carers: their search rows anew, and the entries that arrived
        before them (indexed under carer part 0) moved under them."""
        rowids: list[int] = []
        for chunk in _chunks(carer_ids):
            rowids += [r[0] for r in conn.execute(
                f"SELECT rowid FROM carers WHERE id IN ({', '.join('?' * len(chunk))})", chunk)]
        for chunk in _chunks(rowids):
            marks = ", ".join("?" * len(chunk))
            conn.execute(f"DELETE FROM carer_search WHERE rowid IN ({marks})", chunk)
            conn.execute(CARER_INDEX_SQL + f" WHERE rowid IN ({marks}) AND deleted = 0", chunk)
        if not conn.execute(f"SELECT 1 FROM entry_search WHERE rowid < {1 << ENTRY_CARER_SHIFT} LIMIT 1").fetchone():
            return
        for chunk in _chunks(carer_ids):
            waiting = [r[0] for r in conn.execute(
                f"SELECT rowid FROM entry_search WHERE rowid < {1 << ENTRY_CARER_SHIFT}"
                f" AND rowid IN (SELECT rowid FROM entries WHERE carer_id IN ({', '.join('?' * len(chunk))}))",
                chunk)]
            for part in _chunks(waiting):
                marks = ", ".join("?" * len(part))
                conn.execute(f"DELETE FROM entry_search WHERE rowid IN ({marks})", part)
                conn.execute(ENTRY_INDEX_SQL + f" WHERE e.rowid IN ({marks})", part)

    @staticmethod
    def audit_remote_many(conn: Connection, mutations: Sequence[dict[str, Any]]) -> None:
        """``audit_remote`` for many changes, in their order, with one statement."""
        at = utcnow()
        conn.executemany(
            "INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields, mutation_id)"
            " VALUES (?, ?, ?, 'sync_apply', ?, ?, ?, ?)",
            [(at, (m.get("actor") or {}).get("staff_id"), (m.get("actor") or {}).get("unit_id"),
              m["entity"], m["entity_id"],
              json.dumps(sorted(m.get("fields") or {}) if m["op"] == "upsert" else ["deleted"]),
              m["mutation_id"]) for m in mutations],
        )

    @staticmethod
    def audit_remote(conn: Connection, mutation: dict[str, Any]) -> None:
        """One audit row for a change that came from another laptop through the server."""
        actor = mutation.get("actor") or {}
        conn.execute(
            "INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields, mutation_id)"
            " VALUES (?, ?, ?, 'sync_apply', ?, ?, ?, ?)",
            (utcnow(), actor.get("staff_id"), actor.get("unit_id"), mutation["entity"], mutation["entity_id"],
             json.dumps(sorted(mutation.get("fields") or {}) if mutation["op"] == "upsert" else ["deleted"]),
             mutation["mutation_id"]),
        )


def entry_change(
    actor: Actor, carer_id: str, kind: str, data: dict[str, Any], *,
    occurred_at: datetime | None = None, confidentiality: str = "carer_only",
    form_id: str | None = None, form_version: int | None = None,
    form_fingerprint: str | None = None, supersedes: str | None = None,
    entry_id: str | None = None,
) -> Change:
    """The change that appends one entry to a carer's timeline, written by ``actor``."""
    fields = {
        "carer_id": carer_id, "kind": kind, "data": data,
        "occurred_at": occurred_at or datetime.now(UTC),
        "confidentiality": confidentiality, "form_id": form_id, "form_version": form_version,
        "form_fingerprint": form_fingerprint, "supersedes": supersedes,
        "author_id": actor.staff_id, "author_name": actor.name or None, "unit_id": actor.unit_id,
    }
    return Change("entry", fields, entry_id)


def _checked(index: int, spec: EntitySpec, change: Change, *, creating: bool) -> dict[str, Any]:
    """``spec.check`` of the import's record number ``index``, naming that record if it fails."""
    try:
        return spec.check(change.fields, creating=creating)
    except InvalidRecord as exc:
        raise ImportRecordError(index, spec.name, change.entity_id, exc) from exc


def _birth_date_of(personnummer: str | None) -> str | None:
    """YYYY-MM-DD from a stored personnummer (YYYYMMDD-NNNN), or None."""
    digits = "".join(ch for ch in personnummer or "" if ch.isdigit())
    if len(digits) < 8:
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _birth_year(birth_date: str | None, personnummer: str | None) -> int | None:
    born = birth_date or _birth_date_of(personnummer)
    return int(born[:4]) if born and born[:4].isdigit() else None


def _same_name(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _phone_digits(phone: str | None) -> str:
    """A phone number's digits, +46 and 0046 written as the leading 0."""
    text = (phone or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.startswith("+46"):
        digits = "0" + digits[2:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    return digits


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description] if cursor.description else []
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _fetch_row(conn: Connection, spec: EntitySpec, entity_id: str) -> dict[str, Any] | None:
    rows = _dicts(conn.execute(f"SELECT * FROM {spec.table} WHERE id = ?", (entity_id,)))
    return rows[0] if rows else None


def _no_outbox_rows(job: Callable[[Connection], T]) -> Callable[[Connection], T]:
    """``job``, failing (and so rolled back) if it wrote an outbox row: remote changes never
    go back out."""
    last_seq = "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'outbox'"

    def guarded(conn: Connection) -> T:
        before = conn.execute(last_seq).fetchone()[0]
        result = job(conn)
        if conn.execute(last_seq).fetchone()[0] != before:
            raise RuntimeError("a sync job must not write outbox rows")
        return result

    return guarded


def _chunks(values: Sequence[Any], size: int = 400) -> list[Sequence[Any]]:
    """``values`` in slices of at most ``size`` (bound parameters per statement)."""
    return [values[i : i + size] for i in range(0, len(values), size)]


def _fetch_rows(conn: Connection, spec: EntitySpec, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``_fetch_row`` of many records: id -> row, for those that exist."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        for row in _dicts(conn.execute(
                f"SELECT * FROM {spec.table} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)):
            out[row["id"]] = row
    return out


def _unit_ids(conn: Connection, carer_id: str) -> list[str]:
    row = conn.execute("SELECT unit_ids FROM carers WHERE id = ?", (carer_id,)).fetchone()
    return json.loads(row[0]) if row else []


def _record_units(spec: EntitySpec, values: dict[str, Any], current: dict[str, Any] | None,
                  actor: Actor) -> list[str]:
    """The scope of a record that belongs to no carer: its own units, else the writer's unit
    (the server needs a carer or at least one unit to decide who may see it)."""
    if "unit_ids" in spec.fields:
        own = values.get("unit_ids") or (current or {}).get("unit_ids")
        units = json.loads(own) if isinstance(own, str) else own
        if units:
            return list(units)
    return [actor.unit_id] if actor.unit_id else []


def _wire(spec: EntitySpec, name: str, value: Any) -> Any:
    """A stored value as it travels in a mutation (JSON fields as JSON, not text)."""
    if value is not None and spec.fields.get(name) == JSON:
        return json.loads(value)
    return value


def _stored(spec: EntitySpec, name: str, value: Any) -> Any:
    """A value as it travels in a mutation, made ready for its column (inverse of ``_wire``)."""
    if value is None:
        return None
    if spec.fields.get(name) == JSON:
        return _sorted_json(value)
    if isinstance(value, bool):
        return int(value)
    return value
