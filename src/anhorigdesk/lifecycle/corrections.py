"""Corrections that keep the original readable (rättelse).

An entry is never changed: "Rätta anteckningen" appends a new entry of the same kind, form
version, time and marking whose ``supersedes`` points at the old one. The old text stays in
the store and on the timeline, marked as corrected, with who corrected it and when (the
correcting entry's author and creation time). A correction can itself be corrected: the
versions of an entry are the chain of ``supersedes`` links.

A carer's details are corrected by an ordinary update of the record: every earlier version
is kept in ``record_versions`` (who replaced it, when); :func:`record_changes` turns those
versions into the record's history — each changed field with its old and new value, who and
when. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import message
from anhorigdesk.store.entities import ENTITIES
from anhorigdesk.store.repository import Actor, NotFound, Repository

if TYPE_CHECKING:
    from anhorigdesk.forms import FormDefinition

# bookkeeping columns of a stored row: not the record's content
_META = frozenset({"id", "hlc", "field_hlc", "deleted", "version", "created_at", "updated_at",
                   "created_by", "updated_by", "conflicts"})


@dataclass(frozen=True)
class Correction:
    """``old_id`` was corrected by ``new_id``: by ``by_name`` (``by_id``) at ``at`` (ISO)."""

    old_id: str
    new_id: str
    by_id: str | None
    by_name: str | None
    at: str


@dataclass(frozen=True)
class FieldChange:
    """One field of a record changed from ``old`` to ``new`` by ``by_id`` at ``at`` (ISO)."""

    field: str
    old: Any
    new: Any
    by_id: str | None
    at: str
    version: int  # the version that has ``new``


class AlreadyCorrected(ValueError):
    """The entry was already corrected: correct its newest version instead."""

    def __init__(self, entry_id: str, newest_id: str) -> None:
        self.entry_id, self.newest_id = entry_id, newest_id
        super().__init__(f"entry {entry_id} is already corrected by {newest_id}")

    def localized(self, language: str) -> str:
        """The user's text (core catalogue)."""
        return message("entry.already_corrected", language)


def correct_entry(repo: Repository, actor: Actor, entry_id: str, data: Mapping[str, Any], *,
                  form: FormDefinition | None = None, confidentiality: str | None = None,
                  draft_id: str | None = None) -> str:
    """Correct an entry: a new entry with ``data`` pointing at the old (``supersedes``); the
    rest (kind, form version, time) is the old entry's, the marking too unless
    ``confidentiality`` is given (checked against the carer's consent). A form response's
    answers are checked against ``form`` (the version it was made with) as a new response
    is: ``ResponseInvalid`` lists every problem. Returns the new entry's id."""
    from anhorigdesk.forms.answers import strip_hidden, validate_answers
    from anhorigdesk.workspace.marking import check_marking
    from anhorigdesk.workspace.responses import ResponseInvalid

    old = repo.get(actor, "entry", entry_id, action="correct")
    newer = corrections_of(_carer_entries(repo, old["carer_id"])).get(entry_id)
    if newer is not None:
        raise AlreadyCorrected(entry_id, newer.new_id)
    marking = confidentiality or old.get("confidentiality") or "carer_only"
    if marking != old.get("confidentiality"):
        check_marking(repo, old["carer_id"], marking)
    content: dict[str, Any] = dict(data)
    if form is not None:
        if form.id != old.get("form_id"):
            raise ValueError(f"correct_entry: entry {entry_id} was not made with form {form.id!r}")
        problems = validate_answers(form, content, final=True)
        if problems:
            raise ResponseInvalid(form.id, problems)
        content = dict(strip_hidden(form, content))
    return repo.add_entry(
        actor, old["carer_id"], old["kind"], content, occurred_at=_when(old["occurred_at"]),
        confidentiality=marking, form_id=old.get("form_id"),
        form_version=old.get("form_version"), form_fingerprint=old.get("form_fingerprint"),
        supersedes=entry_id, draft_id=draft_id,
    )


def _when(value: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(value)


def _carer_entries(repo: Repository, carer_id: str) -> list[dict[str, Any]]:
    rows = repo.db.reader().execute(
        "SELECT id, supersedes, author_id, author_name, created_at, created_by FROM entries"
        " WHERE carer_id = ? AND deleted = 0", (carer_id,)).fetchall()
    return [{"id": r[0], "supersedes": r[1], "author_id": r[2], "author_name": r[3],
             "created_at": r[4], "created_by": r[5]} for r in rows]


def corrections_of(entries: Iterable[Mapping[str, Any]]) -> dict[str, Correction]:
    """For each corrected entry id among ``entries`` (a carer's timeline), the correction
    that replaced it (the earliest, should two laptops have corrected it at once)."""
    found: dict[str, Correction] = {}
    for entry in sorted(entries, key=lambda e: (e.get("created_at") or "", e.get("id") or "")):
        old = entry.get("supersedes")
        if old and old not in found:
            found[old] = Correction(old, entry["id"], entry.get("author_id") or entry.get("created_by"),
                                    entry.get("author_name"), entry.get("created_at") or "")
    return found


def current_entries(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The entries no correction has replaced (what the carer's record says now)."""
    corrected = corrections_of(entries)
    return [e for e in entries if e.get("id") not in corrected]


def entry_versions(entries: Sequence[Mapping[str, Any]], entry_id: str) -> list[Mapping[str, Any]]:
    """Every version of an entry, the first first: the chain of ``supersedes`` through
    ``entry_id`` in both directions."""
    by_id = {e["id"]: e for e in entries}
    if entry_id not in by_id:
        raise NotFound("entry", entry_id)
    corrected = corrections_of(entries)
    first = by_id[entry_id]
    seen = {entry_id}
    while first.get("supersedes") in by_id and first["supersedes"] not in seen:
        first = by_id[first["supersedes"]]
        seen.add(first["id"])
    chain = [first]
    while (c := corrected.get(chain[-1]["id"])) is not None and c.new_id in by_id and c.new_id not in {
            e["id"] for e in chain}:
        chain.append(by_id[c.new_id])
    return chain


def record_changes(versions: Sequence[Mapping[str, Any]]) -> list[FieldChange]:
    """The history of a record from its versions, oldest first (``Repository.history`` plus
    the current row): each changed field with old and new value, who changed it and when."""
    changes: list[FieldChange] = []
    for before, after in pairwise(versions):
        for name in sorted((set(before) | set(after)) - _META):
            if name in ("relations", "consents", "co_carers"):
                continue
            if before.get(name) != after.get(name):
                changes.append(FieldChange(name, before.get(name), after.get(name), after.get("updated_by"),
                                           after.get("updated_at") or "", int(after.get("version") or 0)))
    return changes


def carer_changes(repo: Repository, actor: Actor, carer_id: str) -> list[FieldChange]:
    """A carer record's history (every correction of their details), oldest first; logged
    as a read of the record's history."""
    return entity_changes(repo, actor, "carer", carer_id)


def entity_changes(repo: Repository, actor: Actor, entity: str, entity_id: str) -> list[FieldChange]:
    if entity not in ENTITIES:
        raise KeyError(entity)
    versions = repo.history(actor, entity, entity_id)
    current = repo.get(actor, entity, entity_id, action="read_history")
    return record_changes([*versions, current])
