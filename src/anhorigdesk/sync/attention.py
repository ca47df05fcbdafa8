"""Records that need a person's decision after sync, and the decisions (no Qt).

Two things the merge (``replication/merge.py``) keeps instead of deciding:

* **Conflicting texts**: the same free-text field (declared ``LONGTEXT``) was changed on
  two computers before they synced. Every version is kept in the record's conflict set.
  Fields of this kind exist on carers (``notes``), consents (``note``) and follow-up
  tasks (``resolution_text``); append-only records (entries, schedule decisions) are
  never changed after they are made, so they cannot conflict. A person picks a version
  or writes a merged text: :func:`resolve_field`.
* **Deleted while it was being changed**: a colleague deleted the record while someone
  (here or elsewhere) changed it; the change was kept, so the record is still there, and
  it is flagged ``edit_after_delete``. A person either keeps it (:func:`keep_edited`: an
  edit whose ``ctx["_deleted"]`` names the deletes) or deletes it after all
  (:func:`delete_after_all`: a delete that has seen every field's version).

Every decision is a normal local write (audit and outbox rows) whose ``ctx`` records
exactly the versions it settles (docs/PROTOCOL-3.md, part B), so once synced the conflict or the flag is gone on every computer,
whatever order the changes arrive in. The write is staged into the merge state in the
same transaction, so the list here is right at once, before the next sync.

:func:`issues` lists what is open; reading a person's record through it is logged as an
access (``Repository.get``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    FLAG_EDIT_AFTER_DELETE,
    EntityState,
    FieldVersion,
    join,
)
from anhorigdesk.store.entities import ENTITIES, decode
from anhorigdesk.store.repository import Actor, Change, Repository
from anhorigdesk.sync.replica import Replica, is_free_text


@dataclass(frozen=True)
class DeletedWhileEdited:
    """A colleague's delete that an edit survived."""

    deleted_hlc: str  # the newest delete's clock (when it was made)
    deleted_by: str | None  # staff id of who deleted (None: not known here)
    deleted_by_name: str  # their name as this computer knows it ("" if unknown)
    edited_here: bool  # the edit that was kept was made on this computer
    by_you: bool = False  # the person asking (the actor) deleted it


@dataclass
class SyncIssue:
    """One record that needs a decision: its open conflicts and/or a delete it survived."""

    entity: str
    entity_id: str
    carer_id: str | None  # the carer the record belongs to (None: a unit, a staff member…)
    carer_name: str
    record: dict[str, Any]  # the record as stored here (decoded)
    subject: str = ""  # what names the record beside its kind: a person's name, a consent's scope…
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deleted: DeletedWhileEdited | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.entity, self.entity_id)


def _open_conflicts(
    conflicts: dict[str, list[dict[str, Any]]], row_field_hlc: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Conflicts not yet settled by a local edit made after they were merged (such an edit's
    ctx names every version the merge state held, so it has seen them all; it is folded
    into the merge state at the next staging)."""
    out = {}
    for name, versions in conflicts.items():
        newest = max((str(v.get("hlc", "")) for v in versions), default="")
        if str(row_field_hlc.get(name) or "") <= newest:
            out[name] = versions
    return out


def _owner(conn: Any, entity: str, entity_id: str, record: dict[str, Any]) -> str | None:
    spec = ENTITIES[entity]
    if entity == "carer":
        return entity_id
    if spec.carer_field:
        return record.get(spec.carer_field)
    if entity == "cared_for":
        row = conn.execute(
            "SELECT r.carer_id FROM relations r JOIN carers c ON c.id = r.carer_id"
            " WHERE r.cared_for_id = ? AND r.deleted = 0 AND c.deleted = 0 ORDER BY r.created_at LIMIT 1",
            (entity_id,),
        ).fetchone()
        return row[0] if row else None
    return None


def _deleted_info(repo: Repository, conn: Any, state: EntityState, actor: Actor | None) -> DeletedWhileEdited:
    """Who deleted (the audit row of the remote delete, if it came through sync) and whether
    the edit that survived was made here."""
    row = conn.execute(
        "SELECT actor_id, action FROM audit_log WHERE entity = ? AND entity_id = ?"
        " AND ((action = 'sync_apply' AND fields = '[\"deleted\"]') OR action = 'delete')"
        " ORDER BY seq DESC LIMIT 1",
        (state.entity, state.entity_id),
    ).fetchone()
    deleted_by = row[0] if row else None
    name = ""
    if deleted_by:
        found = conn.execute("SELECT name FROM staff WHERE id = ?", (deleted_by,)).fetchone()
        name = found[0] if found and found[0] else ""
    client = repo.db.client_id
    edited_here = any(
        state.winner(f).client_id == client and not state.delete_saw(f, state.winner(f))
        for f in state.heads
    )
    by_you = actor is not None and deleted_by is not None and deleted_by == actor.staff_id
    return DeletedWhileEdited(state.delete_hlc, deleted_by, name, edited_here, by_you)


def issues(repo: Repository, actor: Actor | None, *, carer_id: str | None = None) -> list[SyncIssue]:
    """Every record here with an open conflict or a delete it survived; with ``carer_id``
    only that carer's (the carer, their records and the persons they care for).
    Sorted by carer name, then kind of record. With an ``actor`` every person's record
    read is logged as an access; without one (counting) nothing personal leaves here."""
    conn = repo.db.reader()
    rows = conn.execute(
        "SELECT entity, entity_id, state FROM sync_entity_state WHERE flags != '[]'"
        " ORDER BY entity, entity_id"
    ).fetchall()
    out: list[SyncIssue] = []
    for entity, entity_id, raw in rows:
        spec = ENTITIES.get(entity)
        if spec is None or spec.append_only:
            continue
        state = EntityState.from_json(json.loads(raw))
        flags = state.flags(is_free_text)
        if not flags:
            continue
        cursor = conn.execute(f"SELECT * FROM {spec.table} WHERE id = ?", (entity_id,))
        stored = cursor.fetchone()
        if stored is None:
            continue  # not written here yet (its creation has not arrived)
        plain = dict(zip([d[0] for d in cursor.description], stored, strict=True))
        if plain.get("deleted"):
            continue
        owner = _owner(conn, entity, entity_id, plain)
        if carer_id is not None and owner != carer_id:
            continue
        field_hlc = json.loads(plain.get("field_hlc") or "{}")
        conflicts = _open_conflicts(state.conflicts(is_free_text), field_hlc)
        deleted = (
            _deleted_info(repo, conn, state, actor)
            if FLAG_EDIT_AFTER_DELETE in flags and state.live_delete and state.live_edit
            else None
        )
        if not conflicts and deleted is None:
            continue
        if actor is not None and (spec.person_kind or owner):
            person_kind = spec.person_kind or "carer"
            repo.log_access(actor, person_kind, entity_id if spec.person_kind else owner,
                            f"sync_issue:{entity}")
        carer_name = ""
        if owner:
            found = conn.execute("SELECT name FROM carers WHERE id = ?", (owner,)).fetchone()
            carer_name = found[0] if found and found[0] else ""
        record = decode(spec, plain)
        out.append(SyncIssue(entity, entity_id, owner, carer_name, record, _subject(conn, entity, record),
                             conflicts, deleted))
    order = {name: i for i, name in enumerate(("carer", "cared_for", "relation", "consent"))}
    return sorted(out, key=lambda i: (i.carer_name.lower(), i.carer_id or "", order.get(i.entity, 9),
                                      i.entity, i.entity_id))


def _subject(conn: Any, entity: str, record: dict[str, Any]) -> str:
    if entity == "relation":
        row = conn.execute("SELECT name FROM cared_for WHERE id = ?", (record.get("cared_for_id"),)).fetchone()
        return row[0] if row and row[0] else ""
    if entity == "consent":
        return str(record.get("scope") or "")
    if entity == "follow_up_task":
        return str(record.get("due_on") or "")
    return str(record.get("name") or "") if entity != "carer" else ""


def counts(repo: Repository) -> tuple[int, int]:
    """(records with conflicting texts, records kept after a colleague deleted them)."""
    found = issues(repo, None)
    return sum(1 for i in found if i.conflicts), sum(1 for i in found if i.deleted is not None)


def _state(repo: Repository, entity: str, entity_id: str) -> EntityState | None:
    row = repo.db.reader().execute(
        "SELECT state FROM sync_entity_state WHERE entity = ? AND entity_id = ?", (entity, entity_id)
    ).fetchone()
    return EntityState.from_json(json.loads(row[0])) if row else None


def _spec(entity: str) -> Any:
    spec = ENTITIES.get(entity)
    if spec is None or spec.append_only:
        raise ValueError(f"{entity!r} records cannot be changed (unknown or append-only)")
    return spec


def shown_ctx(versions: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """What a person who was shown these versions (``SyncIssue.conflicts[field]``) has
    seen: each version and all it had seen (``replication/merge.py``)."""
    seen: dict[str, str] = {}
    for version in versions:
        join(seen, FieldVersion.from_json(version).knowledge())
    return seen


def resolve_field(
    repo: Repository, actor: Actor, entity: str, entity_id: str, field_name: str, value: Any,
    *, shown: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Settle a conflicting field with the picked or merged ``value``.

    A normal local write whose ctx is exactly the versions shown to the person
    (``shown``: the field's versions as :func:`issues` listed them; by default the
    versions this laptop holds now). Once synced the conflict is gone on every computer;
    a version that arrived after it was shown stays in conflict with the resolution.
    """
    spec = _spec(entity)
    if field_name not in spec.fields:
        raise ValueError(f"{entity} has no field {field_name!r}")
    if shown is None:
        state = _state(repo, entity, entity_id)
        shown = [v.to_json() for v in state.heads.get(field_name, ())] if state else []
    node = repo.db.client_id
    seen = {k: v for k, v in shown_ctx(shown).items() if k != node}
    change = Change(entity, {field_name: value}, entity_id, extra_ctx={field_name: seen})
    repo.write(actor, [change], action="resolve_conflict", then=Replica(repo).stage)


def keep_edited(repo: Repository, actor: Actor, entity: str, entity_id: str) -> bool:
    """Keep a record a colleague deleted while it was being changed: an edit that has seen
    the delete (no field changes), which clears the flag everywhere once synced.
    Returns False when there is no live delete to answer (already settled)."""
    _spec(entity)
    state = _state(repo, entity, entity_id)
    if state is None or not state.live_delete:
        return False
    change = Change(entity, {}, entity_id, extra_base={DELETED_BASE_KEY: state.delete_hlc},
                    extra_ctx={DELETED_BASE_KEY: state.seen_deletes()})
    repo.write(actor, [change], action="keep_after_delete", then=Replica(repo).stage)
    return True


def delete_after_all(repo: Repository, actor: Actor, entity: str, entity_id: str) -> None:
    """Delete the record after all: a delete that has seen every field's version, so no
    edit survives it on any computer."""
    _spec(entity)
    repo.write(actor, [Change(entity, {}, entity_id, op="delete")], action="delete_after_delete",
               then=Replica(repo).stage)
