"""The synced entities of the store: their tables, fields and value kinds.

One declaration per entity drives validation of writes, the sync mutations and the
search index. Other parts of the core (scheduling) register their own entities here.
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
CONSENT_SCOPES = ("record", "share_with_care", "contact", "print_plan")
CONSENT_HOW = ("verbal", "written", "digital", "guardian")
LANGUAGES = ("sv", "en", "sv-lattlast", "fi", "ar", "so", "fa", "bs", "pl", "ti", "other")
ROLES = ("care_worker", "support_consultant", "unit_manager", "administrator", "needs_assessor")
UNIT_KINDS = ("home_care", "short_term", "carer_support", "needs_assessment", "other")

# Parts of the core that declare entities of their own; imported on first need, so
# opening a profile does not pay for loading them (the scheduling rules pull in the forms).
PLUGIN_MODULES = ("anhorigdesk.scheduling.storage",)


class _Registry(dict[str, EntitySpec]):
    """The entity declarations; a look-up that misses first loads the plugin modules."""

    _plugins_loaded = False

    def _load_plugins(self) -> None:
        if not _Registry._plugins_loaded:
            _Registry._plugins_loaded = True
            import importlib

            for module in PLUGIN_MODULES:
                importlib.import_module(module)

    def __missing__(self, key: str) -> EntitySpec:
        self._load_plugins()
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key: str, default: EntitySpec | None = None) -> EntitySpec | None:  # type: ignore[override]
        if not dict.__contains__(self, key):
            self._load_plugins()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if not dict.__contains__(self, key):
            self._load_plugins()
        return dict.__contains__(self, key)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._load_plugins()
        return dict.__iter__(self)

    def keys(self):  # type: ignore[no-untyped-def]
        self._load_plugins()
        return dict.keys(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._load_plugins()
        return dict.values(self)

    def items(self):  # type: ignore[no-untyped-def]
        self._load_plugins()
        return dict.items(self)


ENTITIES: dict[str, EntitySpec] = _Registry()


def register(spec: EntitySpec) -> EntitySpec:
    if dict.__contains__(ENTITIES, spec.name) and dict.__getitem__(ENTITIES, spec.name) != spec:
        raise ValueError(f"entity {spec.name} registered twice")
    ENTITIES[spec.name] = spec
    return spec


UNIT = register(
    EntitySpec(
        name="unit",
        table="units",
        fields={"name": TEXT, "kind": TEXT},
        required=frozenset({"name"}),
        choices={"kind": UNIT_KINDS},
    )
)
STAFF = register(
    EntitySpec(
        name="staff",
        table="staff",
        fields={"name": TEXT, "unit_id": REF, "role": TEXT, "phone": TEXT, "server_username": TEXT},
        required=frozenset({"name"}),
        choices={"role": ROLES},
    )
)
CARER = register(
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
        },
        required=frozenset({"name"}),
        choices={"preferred_language": LANGUAGES, "status": ("active", "ended")},
        search_fields=("name", "personnummer", "phone", "email", "address", "notes"),
        person_kind="carer",
    )
)
CARED_FOR = register(
    EntitySpec(
        name="cared_for",
        table="cared_for",
        fields={"name": TEXT, "birth_year": INT, "unit_ids": JSON},
        required=frozenset({"name"}),
        person_kind="cared_for",
    )
)
RELATION = register(
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
CONSENT = register(
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
        },
        required=frozenset({"carer_id", "scope", "given_at", "given_how"}),
        choices={"scope": CONSENT_SCOPES, "given_how": CONSENT_HOW},
        carer_field="carer_id",
    )
)
ENTRY = register(
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
