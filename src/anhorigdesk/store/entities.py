"""The synced entities of the store: their tables, fields and value kinds.

One declaration per entity drives validation of writes, the sync mutations and the
search index. Every synced entity is declared here, the scheduling ones too (their tables
are the store's migration ``0003_scheduling``; ``anhorigdesk.scheduling.storage`` writes
and reads them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from anhorigdesk.i18n import message

# value kinds
TEXT = "text"  # short text
LONGTEXT = "longtext"  # free text (concurrent edits are kept as a conflict)
INT = "int"
REAL = "real"
BOOL = "bool"
DATE = "date"  # ISO yyyy-mm-dd
DATETIME = "datetime"  # ISO 8601 with offset
JSON = "json"  # list or dict
REF = "ref"  # id of another record


class InvalidRecord(ValueError):
    """A write that does not fit the entity's declaration (says which field and why)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)


class ImportRecordError(InvalidRecord):
    """A record of a bulk import that does not fit: which one (its place in the import,
    counted from 1, its entity and id) and what is wrong with it (``problem``, which names
    the field). Raised before anything of the import is written."""

    def __init__(self, index: int, entity: str, record_id: str | None, problem: InvalidRecord) -> None:
        self.index, self.entity, self.record_id, self.problem = index, entity, record_id, problem
        self.field = problem.params.get("field")
        super().__init__("import.bad_record", index=index, entity=entity, id=record_id or "–",
                         problem=str(problem))

    def localized(self, language: str) -> str:
        return message(self.code, language, **{**self.params, "problem": self.problem.localized(language)})


@dataclass(frozen=True)
class EntitySpec:
    name: str
    table: str
    fields: dict[str, str]
    required: frozenset[str] = frozenset()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    append_only: bool = False  # entries: never changed, corrections are new rows
    carer_field: str | None = None  # field holding the carer this record belongs to
    search_fields: tuple[str, ...] = ()
    person_kind: str | None = None  # "carer" / "cared_for" when the record is a person
    synced: bool = True
    server_written: bool = False  # written by the server alone (carer_card): never locally

    def check(self, values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
        """Validate and normalise field values for storage (SQL-ready)."""
        out: dict[str, Any] = {}
        for name, value in values.items():
            kind = self.fields.get(name)
            if kind is None:
                raise InvalidRecord("validation.unknown_field", field=name, entity=self.name)
            out[name] = _normalise(self.name, name, kind, value)
            allowed = self.choices.get(name)
            if allowed is not None and out[name] is not None and out[name] not in allowed:
                raise InvalidRecord(
                    "validation.invalid_choice", field=name, value=out[name], choices=", ".join(allowed)
                )
        if creating:
            for name in self.required:
                if out.get(name) in (None, ""):
                    raise InvalidRecord("validation.required", field=name)
        else:
            for name in self.required & out.keys():
                if out[name] in (None, ""):
                    raise InvalidRecord("validation.required", field=name)
        return out


def _normalise(entity: str, name: str, kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind in (TEXT, LONGTEXT, REF):
        if not isinstance(value, str):
            raise InvalidRecord("validation.wrong_type", field=name, expected="text")
        return value.strip() if kind != LONGTEXT else value
    if kind == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidRecord("validation.wrong_type", field=name, expected="integer")
        return value
    if kind == REAL:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidRecord("validation.wrong_type", field=name, expected="number")
        if value < 0 or value > 10_000:
            raise InvalidRecord("validation.out_of_range", field=name, low=0, high=10000)
        return float(value)
    if kind == BOOL:
        if not isinstance(value, bool):
            raise InvalidRecord("validation.wrong_type", field=name, expected="yes/no")
        return int(value)
    if kind == DATE:
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InvalidRecord("validation.not_a_date", field=name, value=str(value)[:20]) from None
    if kind == DATETIME:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise InvalidRecord("validation.wrong_type", field=name, expected="time with zone")
            return value.isoformat()
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            raise InvalidRecord("validation.not_a_date", field=name, value=str(value)[:25]) from None
        if parsed.tzinfo is None:
            raise InvalidRecord("validation.wrong_type", field=name, expected="time with zone")
        return parsed.isoformat()
    if kind == JSON:
        if not isinstance(value, (list, dict)):
            raise InvalidRecord("validation.wrong_type", field=name, expected="list or mapping")
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    raise AssertionError(f"unknown value kind {kind} for {entity}.{name}")


def decode(spec: EntitySpec, row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as plain Python values (JSON parsed, booleans as bool)."""
    out = dict(row)
    for name, kind in spec.fields.items():
        if name not in out or out[name] is None:
            continue
        if kind == JSON:
            out[name] = json.loads(out[name])
        elif kind == BOOL:
            out[name] = bool(out[name])
    for meta in ("field_hlc",):
        if isinstance(out.get(meta), str):
            out[meta] = json.loads(out[meta])
    if "deleted" in out:
        out["deleted"] = bool(out["deleted"])
    return out


RELATION_KINDS = ("partner", "child", "parent", "sibling", "friend", "neighbour", "other")
CONFIDENTIALITY = ("carer_only", "shareable")
# share_with_unit: "Dela med enhet…", the carer's record shared with one unit (``unit_id``)
CONSENT_SCOPES = ("record", "share_with_care", "contact", "print_plan", "share_with_unit")
CONSENT_HOW = ("verbal", "written", "digital", "guardian")
LANGUAGES = ("sv", "en", "sv-lattlast", "fi", "ar", "so", "fa", "bs", "pl", "ti", "other")
ROLES = ("care_worker", "support_consultant", "unit_manager", "administrator", "needs_assessor")
UNIT_KINDS = ("home_care", "short_term", "carer_support", "needs_assessment", "other")
# Scheduling (anhorigdesk.scheduling): what a schedule decision says (``SettingKind``, in
# its order) and why a closed schedule's caring ended (the codes of scheduling/texts.yaml,
# sorted); tests/store/test_entities.py holds them equal to scheduling's own.
SETTING_KINDS = ("pause", "decline", "close", "reopen")
# The life cycle of a case (anhorigdesk.lifecycle.case): why a carer's case was closed
# ("Avsluta stödet"), and what a case event says.
CASE_CLOSE_REASONS = ("support_ended", "carer_moved", "carer_died", "cared_for_died", "other")
CASE_EVENT_KINDS = ("close", "reopen")
ENDED_BECAUSE = ("cared_for_died", "cared_for_moved", "other", "relationship_ended")

# Every synced entity is declared here, beside the tables of the store's migrations: the
# store, the sync replica and the sign-out wipe all see the same set, whoever opened the
# profile. The parts of the core above the store (scheduling) import their declarations
# from here; the store imports nothing above it.
ENTITIES: dict[str, EntitySpec] = {}


def _register(spec: EntitySpec) -> EntitySpec:
    if spec.name in ENTITIES:
        raise ValueError(f"entity {spec.name} registered twice")
    ENTITIES[spec.name] = spec
    return spec


UNIT = _register(
    EntitySpec(
        name="unit",
        table="units",
        fields={"name": TEXT, "kind": TEXT},
        required=frozenset({"name"}),
        choices={"kind": UNIT_KINDS},
    )
)
STAFF = _register(
    EntitySpec(
        name="staff",
        table="staff",
        fields={"name": TEXT, "unit_id": REF, "role": TEXT, "phone": TEXT, "server_username": TEXT},
        required=frozenset({"name"}),
        choices={"role": ROLES},
    )
)
CARER = _register(
    EntitySpec(
        name="carer",
        table="carers",
        fields={
            "name": TEXT,
            "personnummer": TEXT,
            "birth_date": DATE,
            "phone": TEXT,
            "email": TEXT,
            "address": TEXT,
            "preferred_language": TEXT,
            "is_child": BOOL,
            "life_situation": JSON,
            "care_given": JSON,
            "hours_per_week": REAL,
            "unit_ids": JSON,
            "support_contact_id": REF,
            "status": TEXT,
            "notes": LONGTEXT,
            "conflicts": JSON,
            # skyddade personuppgifter (protected identity, #15): address and contact
            # details never listed, printed or exported; only the carer's own units see it
            "protected_identity": BOOL,
        },
        required=frozenset({"name"}),
        choices={"preferred_language": LANGUAGES, "status": ("active", "ended")},
        search_fields=("name", "personnummer", "phone", "email", "address", "notes"),
        person_kind="carer",
    )
)
# The carer's card (docs/PROTOCOL-3.md part F; laptop migration ``0017_carer_cards``): the
# carer record's shared fields, written only by the server into the carer's shared scope
# ``<carer_id>:shared`` (id = the carer's id) for a unit granted that scope by a consent; no
# laptop writes or pushes one (the server refuses it). Never an address, phone, e-mail or
# personnummer: the consents to share say nothing of contact details.
CARER_CARD = _register(
    EntitySpec(
        name="carer_card",
        table="carer_cards",
        fields={"name": TEXT, "birth_year": INT, "preferred_language": TEXT},
        required=frozenset({"name"}),
        choices={"preferred_language": LANGUAGES},
        server_written=True,
    )
)
CARED_FOR = _register(
    EntitySpec(
        name="cared_for",
        table="cared_for",
        fields={"name": TEXT, "birth_year": INT, "unit_ids": JSON, "protected_identity": BOOL},
        required=frozenset({"name"}),
        person_kind="cared_for",
    )
)
RELATION = _register(
    EntitySpec(
        name="relation",
        table="relations",
        fields={
            "carer_id": REF,
            "cared_for_id": REF,
            "kind": TEXT,
            "started_at": DATE,
            "ended_at": DATE,
            "ended_reason": TEXT,
        },
        required=frozenset({"carer_id", "cared_for_id", "kind"}),
        choices={"kind": RELATION_KINDS, "ended_reason": ("died", "moved", "relationship_ended", "other")},
        carer_field="carer_id",
    )
)
CONSENT = _register(
    EntitySpec(
        name="consent",
        table="consents",
        fields={
            "carer_id": REF,
            "scope": TEXT,
            "given_at": DATE,
            "given_how": TEXT,
            "recorded_by": REF,
            "withdrawn_at": DATE,
            "note": LONGTEXT,
            "unit_id": REF,
        },
        required=frozenset({"carer_id", "scope", "given_at", "given_how"}),
        choices={"scope": CONSENT_SCOPES, "given_how": CONSENT_HOW},
        carer_field="carer_id",
    )
)
ENTRY = _register(
    EntitySpec(
        name="entry",
        table="entries",
        fields={
            "carer_id": REF,
            "kind": TEXT,
            "form_id": TEXT,
            "form_version": INT,
            "form_fingerprint": TEXT,
            "data": JSON,
            "author_id": REF,
            "author_name": TEXT,
            "unit_id": REF,
            "occurred_at": DATETIME,
            "confidentiality": TEXT,
            "supersedes": REF,
        },
        required=frozenset({"carer_id", "kind", "occurred_at"}),
        choices={"confidentiality": CONFIDENTIALITY},
        append_only=True,
        carer_field="carer_id",
    )
)
# Scheduling (anhorigdesk.scheduling.storage): a decision about a carer's check-ins (pause,
# decline, close, reopen; append-only: a later one takes over), the carer's own check-in
# interval (its id is the carer's id), and the follow-up task of a raised flag (its id is
# derived from entry id + flag id).
SCHEDULE_SETTING = _register(
    EntitySpec(
        name="schedule_setting",
        table="schedule_settings",
        fields={
            "carer_id": REF,
            "kind": TEXT,
            "at": DATETIME,
            "by_staff_id": REF,
            "reason": LONGTEXT,
            "until": DATE,
            "ended_because": TEXT,
        },
        required=frozenset({"carer_id", "kind", "at", "by_staff_id"}),
        choices={"kind": SETTING_KINDS, "ended_because": ENDED_BECAUSE},
        append_only=True,
        carer_field="carer_id",
    )
)
CARER_SCHEDULE = _register(
    EntitySpec(
        name="carer_schedule",
        table="carer_schedules",
        fields={"carer_id": REF, "interval_months": INT},
        required=frozenset({"carer_id"}),
        carer_field="carer_id",
    )
)
FOLLOW_UP_TASK = _register(
    EntitySpec(
        name="follow_up_task",
        table="follow_up_tasks",
        fields={
            "carer_id": REF,
            "entry_id": REF,
            "form_id": TEXT,
            "flag_id": TEXT,
            "raised_at": DATETIME,
            "due_on": DATE,
            "plan_review": BOOL,
            "resolution_text": LONGTEXT,
            "resolved_by": REF,
            "resolved_at": DATETIME,
        },
        required=frozenset({"carer_id", "entry_id", "form_id", "flag_id", "raised_at", "due_on"}),
        carer_field="carer_id",
    )
)
# The life cycle of a case (anhorigdesk.lifecycle.case; table of the store's migration
# ``0012_case_events``): closing a carer's case (avsluta stödet) and reopening it, append-only
# like the schedule decisions: who, when and why stay readable. The carer's ``status`` says
# what holds now; a separate entity (not new carer fields) so that a laptop one version
# behind quarantines only these rows and still takes the carer record's change.
CASE_EVENT = _register(
    EntitySpec(
        name="case_event",
        table="case_events",
        fields={
            "carer_id": REF,
            "kind": TEXT,
            "at": DATETIME,
            "by_staff_id": REF,
            "reason": TEXT,
            "note": LONGTEXT,
        },
        required=frozenset({"carer_id", "kind", "at"}),
        choices={"kind": CASE_EVENT_KINDS, "reason": CASE_CLOSE_REASONS},
        append_only=True,
        carer_field="carer_id",
    )
)
