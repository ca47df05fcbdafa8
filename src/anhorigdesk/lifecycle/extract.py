"""The register extract (registerutdrag, GDPR art. 15): everything stored about a carer on
this laptop, as a draft a staff member reviews, then a PDF for the carer and a
machine-readable JSON file.

:func:`produce_extract` reads the carer's record, its history (every earlier version, with
who and when), the case's closes and reopens, relations, consents, every entry with its
versions and corrections, the plans and check-ins among them, the schedule decisions and
follow-ups, the printouts given, and who accessed the record (the units and roles of this
laptop's access log, with times), plus what art. 15(1) requires besides the data (purposes,
recipients, how long it is kept, the right to complain to IMY) in the carer's language
where texts exist, else Swedish. It logs ``extract:draft`` in the access log and returns an
:class:`ExtractDraft`.

Review: :meth:`ExtractDraft.withhold` takes out information about other people (the
cared-for person's name in a relation, an entry) when it may be covered by secrecy, with
the reason noted; what was withheld and why is in the extract. :func:`release_extract`
builds the final JSON (valid against ``resources/schemas/register_extract.schema.json``)
and the PDF (``printing/register_extract.py``; large print optional) and logs
``extract:release``.

Offline the extract is of this laptop only (``scope: "this_laptop"``; the PDF, the JSON and
the dialog say so). Online, :func:`add_server_part` adds what the server holds
(``GET /v1/register-extract``, ``server/store/register_extract.py``): every record of the
carer as the server has it (``server.records``, each marked whether this laptop holds it),
and the server's access rows (its own, and other laptops' pushed rows) after this laptop's
(``access[].source``); the scope becomes ``laptop_and_server``. Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from anhorigdesk.lifecycle.corrections import corrections_of, record_changes
from anhorigdesk.paths import resources_dir
from anhorigdesk.store.entities import CARER, ENTITIES, decode
from anhorigdesk.store.repository import Actor, NotFound, Repository

SCHEMA_ID = "https://anhorigdesk.example/schemas/register_extract/1"
FORMAT = "anhorigdesk.register_extract/1"
SCOPE_LAPTOP = "this_laptop"
SCOPE_SERVER = "laptop_and_server"
PLAN_KIND, CHECKIN_KIND, HANDOUT_KIND = "stodplan", "frivillighet", "handout"
# bookkeeping columns of a row that say nothing about the person
_INTERNAL = ("hlc", "field_hlc", "deleted", "version", "conflicts")


def schema_path() -> Path:
    """The shipped JSON Schema the extract's JSON validates against."""
    return resources_dir() / "schemas" / "register_extract.schema.json"


class ServerPart(Protocol):
    """Where the server's part comes from: ``SyncClient.register_extract``."""

    def register_extract(self, carer_id: str) -> dict[str, Any]: ...


class WithholdError(ValueError):
    """A withholding that does not fit: an unknown part of the extract, or no reason."""


@dataclass(frozen=True)
class AnswerLabels:
    """How one entry's answers read: question id -> question text; (question id, value) ->
    option label."""

    questions: dict[str, str]
    options: dict[tuple[str, str], str]


def answer_labels(definition: Any, language: str) -> AnswerLabels:
    """The question texts and option labels of a form version in ``language``."""
    questions: dict[str, str] = {}
    options: dict[tuple[str, str], str] = {}
    for question in definition.questions():
        questions[question.id] = question.text.get(language)
        for value in question.option_values():
            options[(question.id, value)] = question.option_label(value, language)
    return AnswerLabels(questions, options)


@dataclass
class ExtractDraft:
    """A register extract before release: ``document`` is the full content (the JSON
    before withholding), ``withheld`` maps a part (``relation:<id>``, ``entry:<id>``) to the
    reason it is held back. Reviewed on screen, then :func:`release_extract`."""

    carer_id: str
    language: str
    document: dict[str, Any]
    withheld: dict[str, str] = field(default_factory=dict)
    #: for the PDF: per entry id, each answer's words (question text, option label) in the
    #: extract's language, from the form version the entry was made with (the JSON keeps ids)
    labels: dict[str, AnswerLabels] = field(default_factory=dict)
    #: online but the server's part could not be had: why (an error code, no personal data)
    server_unavailable: str = ""

    def parts_about_others(self) -> list[tuple[str, str]]:
        """The parts that may hold information about other people, with a short label:
        each relation (the cared-for person) and each entry."""
        parts = [(f"relation:{r['id']}", r.get("cared_for", {}).get("name") or "")
                 for r in self.document["relations"]]
        parts += [(f"entry:{e['id']}", f"{e['occurred_at'][:10]} {e['kind']}") for e in self.document["entries"]]
        return parts

    def withhold(self, part: str, reason: str) -> None:
        if part not in {p for p, _ in self.parts_about_others()}:
            raise WithholdError(f"the extract has no part {part!r} to withhold")
        if not reason.strip():
            raise WithholdError(f"withholding {part!r} needs a reason (e.g. secrecy for the cared-for person)")
        self.withheld[part] = reason.strip()

    def release_withholding(self, part: str) -> None:
        self.withheld.pop(part, None)


@dataclass(frozen=True)
class ReleasedExtract:
    """The released extract: the JSON document (a dict), its bytes, and the PDF."""

    document: dict[str, Any]
    json_bytes: bytes
    pdf: bytes


def _rows(repo: Repository, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = repo.db.reader().execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _public(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _INTERNAL}


def _entity_rows(repo: Repository, entity: str, carer_id: str) -> list[dict[str, Any]]:
    spec = ENTITIES[entity]
    rows = _rows(repo, f"SELECT * FROM {spec.table} WHERE {spec.carer_field} = ? AND deleted = 0"
                       " ORDER BY created_at, id", (carer_id,))
    return [_public(decode(spec, r)) for r in rows]


def produce_extract(repo: Repository, actor: Actor, carer_id: str, *, now: datetime,
                    gdpr: Mapping[str, Any], language: str) -> ExtractDraft:
    """Collect everything stored about the carer into a draft (logged ``extract:draft``).

    ``gdpr``: the art. 15(1) information in ``language`` (purposes, recipients, retention,
    complaint, source, rights; :func:`anhorigdesk.printing.register_extract.gdpr_texts`)."""
    carer_rows = _rows(repo, "SELECT * FROM carers WHERE id = ? AND deleted = 0", (carer_id,))
    if not carer_rows:
        raise NotFound("carer", carer_id)
    current = decode(CARER, carer_rows[0])
    versions = [decode(CARER, json.loads(r["data"])) for r in _rows(
        repo, "SELECT data FROM record_versions WHERE entity = 'carer' AND entity_id = ? ORDER BY version",
        (carer_id,))]
    staff = {s["id"]: s for s in _rows(repo, "SELECT id, name, unit_id, role FROM staff", ())}
    units = {u["id"]: u["name"] for u in _rows(repo, "SELECT id, name FROM units", ())}

    history = [{"field": c.field, "old": c.old, "new": c.new, "changed_at": c.at,
                "changed_by": _who(staff, c.by_id)} for c in record_changes([*versions, current])]
    relations = [{
        "id": r["id"], "kind": r["kind"], "started_at": r["started_at"], "ended_at": r["ended_at"],
        "ended_reason": r["ended_reason"],
        "cared_for": {"name": r["cared_for_name"], "birth_year": r["birth_year"]},
    } for r in _rows(repo, "SELECT r.id, r.kind, r.started_at, r.ended_at, r.ended_reason,"
                           " p.name AS cared_for_name, p.birth_year FROM relations r"
                           " JOIN cared_for p ON p.id = r.cared_for_id"
                           " WHERE r.carer_id = ? AND r.deleted = 0 ORDER BY r.created_at, r.id", (carer_id,))]
    consents = [{k: c.get(k) for k in ("id", "scope", "given_at", "given_how", "withdrawn_at", "note")}
                for c in _entity_rows(repo, "consent", carer_id)]

    entry_rows = [decode(ENTITIES["entry"], r) for r in _rows(
        repo, "SELECT * FROM entries WHERE carer_id = ? AND deleted = 0 ORDER BY occurred_at, id", (carer_id,))]
    corrected = corrections_of(entry_rows)
    entries = [{
        "id": e["id"], "kind": e["kind"], "form_id": e.get("form_id"), "form_version": e.get("form_version"),
        "occurred_at": e["occurred_at"], "written_at": e["created_at"],
        "author": e.get("author_name"), "unit": units.get(e.get("unit_id") or "", e.get("unit_id")),
        "marking": e.get("confidentiality") or "carer_only", "content": e.get("data") or {},
        "corrects": e.get("supersedes"),
        "corrected_by": ({"entry": c.new_id, "at": c.at, "by": c.by_name}
                         if (c := corrected.get(e["id"])) is not None else None),
    } for e in entry_rows]

    settings = [{k: s.get(k) for k in ("kind", "at", "reason", "until", "ended_because")}
                | {"by": _who(staff, s.get("by_staff_id"))}
                for s in _entity_rows(repo, "schedule_setting", carer_id)]
    tasks = [{k: t.get(k) for k in ("entry_id", "flag_id", "raised_at", "due_on", "resolution_text",
                                    "resolved_at")}
             for t in _entity_rows(repo, "follow_up_task", carer_id)]
    case = [{"kind": c["kind"], "at": c["at"], "reason": c.get("reason"), "note": c.get("note"),
             "by": _who(staff, c.get("by_staff_id"))} for c in _entity_rows(repo, "case_event", carer_id)]
    access = [{"at": a["at"], "unit": units.get(a["unit_id"] or "", a["unit_id"]),
               "role": (staff.get(a["user_id"] or "") or {}).get("role"), "action": a["action"]}
              for a in _rows(repo, "SELECT at, user_id, unit_id, action FROM access_log"
                                   " WHERE person_id = ? ORDER BY seq", (carer_id,))]
    printouts = [{"at": e["written_at"], "what": (e["content"] or {}).get("kind") or e["kind"],
                  "entry": e["id"]} for e in entries if e["kind"] == HANDOUT_KIND]
    printouts += [{"at": a["at"], "what": a["action"].partition(":")[2], "entry": None}
                  for a in access if a["action"].startswith("print:")]

    subject = {k: v for k, v in _public(current).items() if k not in ("unit_ids", "support_contact_id")}
    subject["support_contact"] = _who(staff, current.get("support_contact_id"))
    for key in ("created_by", "updated_by"):
        subject[key] = _who(staff, subject.get(key))
    subject["units"] = [units.get(u, u) for u in current.get("unit_ids") or []]
    document: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "format": FORMAT,
        "produced_at": now.isoformat(),
        "produced_by": {"name": actor.name, "unit": units.get(actor.unit_id or "", actor.unit_id),
                        "role": (staff.get(actor.staff_id or "") or {}).get("role")},
        "scope": SCOPE_LAPTOP,
        "language": language,
        "subject": subject,
        "record_history": history,
        "case_events": case,
        "relations": relations,
        "consents": consents,
        "entries": entries,
        "plans": [e["id"] for e in entries if e["kind"] == PLAN_KIND],
        "checkins": [e["id"] for e in entries if e["kind"] == CHECKIN_KIND],
        "schedule_decisions": settings,
        "follow_ups": tasks,
        "printouts": sorted(printouts, key=lambda p: p["at"]),
        "access": access,
        "withheld": [],
        "gdpr": dict(gdpr),
    }
    repo.log_access(actor, "carer", carer_id, "extract:draft")
    return ExtractDraft(carer_id, language, document)


def add_server_part(repo: Repository, draft: ExtractDraft, server: Mapping[str, Any]) -> None:
    """Add what the server holds (the answer of ``SyncClient.register_extract``) to the
    draft: its records of the carer (deleted ones left out), each marked whether this laptop
    holds it, and its access rows after this laptop's own (the server's copy of this
    laptop's pushed rows is left out: the laptop's log holds them, and the unsent ones)."""
    doc = draft.document
    conn = repo.db.reader()
    records = []
    for view in server.get("entities") or []:
        if view.get("deleted"):
            continue
        entity, record_id = str(view["entity"]), str(view["id"])
        spec = ENTITIES.get(entity)
        here = spec is not None and conn.execute(
            f"SELECT 1 FROM {spec.table} WHERE id = ? AND deleted = 0", (record_id,)).fetchone() is not None
        records.append({"entity": entity, "id": record_id, "fields": dict(view.get("fields") or {}),
                        "on_this_laptop": here})
    doc["server"] = {"produced_at": str(server["produced_at"]), "records": records}
    doc["access"] = [{**a, "source": "this_laptop"} for a in doc["access"]] + [
        {"at": str(a["at"]), "unit": a.get("unit"), "role": a.get("role"), "action": str(a["action"]),
         "source": str(a["source"])}
        for a in server.get("access") or [] if a.get("source") in ("server", "laptop")]
    doc["scope"] = SCOPE_SERVER


def _who(staff: Mapping[str, Mapping[str, Any]], staff_id: str | None) -> str | None:
    if not staff_id:
        return None
    found = staff.get(staff_id)
    return (found or {}).get("name") or staff_id


def final_document(draft: ExtractDraft) -> dict[str, Any]:
    """The extract as released: the draft with what was withheld taken out (and noted)."""
    doc = json.loads(json.dumps(draft.document, ensure_ascii=False))
    withheld = []
    for part, reason in sorted(draft.withheld.items()):
        kind, _, part_id = part.partition(":")
        if kind == "relation":
            for relation in doc["relations"]:
                if relation["id"] == part_id:
                    relation["cared_for"] = None
        elif kind == "entry":
            for entry in doc["entries"]:
                if entry["id"] == part_id:
                    entry["content"] = None
        withheld.append({"part": kind, "id": part_id, "reason": reason})
    doc["withheld"] = withheld
    return doc


def release_extract(repo: Repository, actor: Actor, draft: ExtractDraft, *, municipality: Any,
                    large_print: bool = False) -> ReleasedExtract:
    """The reviewed draft as JSON and PDF for the carer (logged ``extract:release``)."""
    from anhorigdesk.printing.register_extract import render_register_extract

    document = final_document(draft)
    pdf = render_register_extract(document, municipality, draft.language, large_print=large_print,
                                  labels=draft.labels)
    json_bytes = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
    repo.log_access(actor, "carer", draft.carer_id, "extract:release")
    return ReleasedExtract(document, json_bytes, pdf)
