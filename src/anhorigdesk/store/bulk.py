"""The fast path of a bulk import: many new records, each with its audit and outbox row.

A record written one by one (``Repository.write``) costs a few dozen microseconds of
Python for its audit row and its outbox payload. An import writes the same rows with
less Python:

* each shape of record (entity and the fields it sets) gets a check compiled once
  (:func:`compile_check`) that accepts exactly what ``EntitySpec.check`` accepts, with the
  same normalised values; anything it is not sure of goes to ``EntitySpec.check``, which
  gives the same value or raises the usual error;
* ids, mutation ids and clock values come in batches (``uuid7_batch``, ``now_batch``);
* the data rows of a shape go in with one ``executemany``; their audit rows, outbox rows
  and search-index rows are then built by SQL from the rows just written
  (``INSERT … SELECT``), with the same content the one-by-one path writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import (
    BOOL,
    DATE,
    DATETIME,
    INT,
    JSON,
    LONGTEXT,
    REAL,
    REF,
    TEXT,
    EntitySpec,
)

# The writer's page cache during an import (PRAGMA cache_size: negative = KiB).
IMPORT_CACHE_SIZE = -65536

Check = Callable[[Mapping[str, Any]], "tuple[Any, ...] | None"]

_encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _date_text(value: str) -> str:
    return date.fromisoformat(value).isoformat()


def _datetime_text(value: str) -> str:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("no time zone")
    return parsed.isoformat()


def _unsure(_fields: Mapping[str, Any]) -> None:
    return None


# Per value kind: lines that normalise ``v`` like entities._normalise, or ``return None``
# (unsure: let EntitySpec.check decide) for anything else.
_KIND_LINES: dict[str, tuple[str, ...]] = {
    TEXT: ("if v.__class__ is str:", "    v = v.strip()", "elif v is not None:", "    return None"),
    REF: ("if v.__class__ is str:", "    v = v.strip()", "elif v is not None:", "    return None"),
    LONGTEXT: ("if v.__class__ is not str and v is not None:", "    return None"),
    INT: ("if v.__class__ is not int and v is not None:", "    return None"),
    REAL: ("if v.__class__ is float or v.__class__ is int:", "    if not 0 <= v <= 10000:",
           "        return None", "    v = float(v)", "elif v is not None:", "    return None"),
    BOOL: ("if v is True:", "    v = 1", "elif v is False:", "    v = 0", "elif v is not None:",
           "    return None"),
    DATE: ("if v.__class__ is str:", "    v = _date_text(v)", "elif v.__class__ is _date:",
           "    v = v.isoformat()", "elif v is not None:", "    return None"),
    DATETIME: ("if v.__class__ is _datetime:", "    if v.tzinfo is None:", "        return None",
               "    v = v.isoformat()", "elif v.__class__ is str:", "    v = _datetime_text(v)",
               "elif v is not None:", "    return None"),
    JSON: ("if v.__class__ is dict or v.__class__ is list:", "    v = _encode_json(v)",
           "elif v is not None:", "    return None"),
}


def compile_check(spec: EntitySpec, names: tuple[str, ...]) -> Check:
    """A check of new records of ``spec`` that set exactly the fields ``names`` (in that
    order): it returns the normalised values as a tuple, equal to
    ``tuple(spec.check(fields, creating=True).values())``, or None when it cannot vouch for
    the record (then ``spec.check`` gives the value or the error)."""
    if any(spec.fields.get(name) not in _KIND_LINES for name in names) or not spec.required <= set(names):
        return _unsure
    body: list[str] = []
    scope: dict[str, Any] = {"_date_text": _date_text, "_datetime_text": _datetime_text, "_date": date,
                             "_datetime": datetime, "_encode_json": _encode_json}
    for i, name in enumerate(names):
        body.append(f"v = fields[{name!r}]")
        body.extend(_KIND_LINES[spec.fields[name]])
        if name in spec.choices:
            scope[f"_choices_{i}"] = frozenset(spec.choices[name])
            body += [f"if v is not None and v not in _choices_{i}:", "    return None"]
        if name in spec.required:
            body += ["if v is None or v == '':", "    return None"]
        body.append(f"v{i} = v")
    body.append(f"return ({''.join(f'v{i}, ' for i in range(len(names)))})")
    source = "def check(fields):\n    try:\n" + "".join(f"        {line}\n" for line in body) + (
        "    except Exception:\n        return None\n")
    exec(compile(source, f"<import check {spec.name}>", "exec"), scope)  # our own text, from the declaration
    return scope["check"]  # type: ignore[no-any-return]


def _column(name: str) -> str:
    return f'"{name}"'


@dataclass
class Shape:
    """Everything the import needs for new records of one entity setting one set of fields."""

    spec: EntitySpec
    names: tuple[str, ...]
    check: Check
    insert_sql: str
    audit_sql: str
    outbox_sql: str | None
    audit_fields: str  # the audit row's field list (JSON)
    base: str  # the mutation's base clocks: none seen for a new record (JSON)
    field_hlc: str  # the row's field clocks with "%s" where the clock value goes

    @classmethod
    def build(cls, spec: EntitySpec, names: tuple[str, ...]) -> Shape:
        unknown = set(names) - spec.fields.keys()
        if unknown:  # only declared names ever reach SQL text
            raise ValueError(f"{spec.name} has no fields {sorted(unknown)}")
        ordered = sorted(names)
        cols = (*names, "id", "hlc", "field_hlc", "created_at", "updated_at", "created_by", "updated_by")
        insert_sql = (f"INSERT INTO {spec.table} ({', '.join(map(_column, cols))})"
                      f" VALUES ({', '.join('?' * len(cols))})")
        # the rows just written, in the order written, beside their mutation ids
        source = (f" FROM json_each(:mutation_ids) AS j CROSS JOIN {spec.table} AS e"
                  " ON e.rowid = j.key + :first_rowid ORDER BY j.key")
        audit_sql = ("INSERT INTO audit_log(at, actor_id, unit_id, action, entity, entity_id, fields, mutation_id)"
                     " SELECT :now, :staff_id, :unit_id, 'import', :entity, e.id, :audit_fields, j.value" + source)
        outbox_sql = None
        if spec.synced:
            fields = ", ".join(
                f"'{name}', " + (f"json(e.{_column(name)})" if spec.fields[name] == JSON else f"e.{_column(name)}")
                for name in names)
            carer, units = _scope_sql(spec)
            payload = (
                "json_object('mutation_id', j.value, 'client_id', :client_id, 'entity', :entity,"
                f" 'entity_id', e.id, 'op', 'upsert', 'fields', json_object({fields}), 'base', json(:base), 'ctx', json('{{}}'),"
                f" 'hlc', e.hlc, 'carer_id', {carer}, 'unit_ids', {units}, 'actor', json(:actor))"
            )
            outbox_sql = ("INSERT INTO outbox(mutation_id, entity, entity_id, payload, created_at)"
                          f" SELECT j.value, :entity, e.id, {payload}, :now" + source)
        field_hlc = "{" + ", ".join(f'"{n}": "%s"' for n in ordered) + "}"
        return cls(spec, names, compile_check(spec, names), insert_sql, audit_sql, outbox_sql,
                   json.dumps(ordered), json.dumps(dict.fromkeys(names)), field_hlc)


def _scope_sql(spec: EntitySpec) -> tuple[str, str]:
    """SQL for the mutation's ``carer_id`` and ``unit_ids``, as ``Repository._apply_local``
    computes them for a new record: a carer is its own scope; a carer's record takes the
    carer's units; any other record its own units, else the writer's unit (``:actor_units``)."""
    if "unit_ids" in spec.fields:
        own = ("CASE WHEN json_type(e.unit_ids) = 'array' AND json_array_length(e.unit_ids) > 0"
               " THEN json(e.unit_ids)"
               " WHEN json_type(e.unit_ids) = 'object' AND e.unit_ids <> '{}'"
               " THEN (SELECT json_group_array(key) FROM json_each(e.unit_ids))"
               " ELSE json(:actor_units) END")
    else:
        own = "json(:actor_units)"
    if spec.name == "carer":
        return "e.id", "json(e.unit_ids)"
    if spec.carer_field:
        carer = f"nullif(e.{_column(spec.carer_field)}, '')"
        units = (f"CASE WHEN {carer} IS NULL THEN {own} ELSE coalesce((SELECT json(c.unit_ids) FROM carers AS c"
                 f" WHERE c.id = {carer}), json('[]')) END")
        return carer, units
    return "NULL", own


_shapes: dict[tuple[str, tuple[str, ...]], Shape] = {}


def shape_of(spec: EntitySpec, names: tuple[str, ...]) -> Shape:
    """The (cached) shape of new ``spec`` records setting ``names``."""
    shape = _shapes.get((spec.name, names))
    if shape is None or shape.spec is not spec:
        shape = _shapes[(spec.name, names)] = Shape.build(spec, names)
    return shape


@dataclass
class Group:
    """New records of one shape in one import: their normalised values and ids."""

    shape: Shape
    values: list[tuple[Any, ...]]
    ids: list[str]


@dataclass(frozen=True)
class Writing:
    """Who writes and when: the constant parts of every row of one import."""

    now: str
    staff_id: str | None
    unit_id: str | None
    client_id: str


def write_groups(conn: Connection, groups: list[Group], hlcs: list[str], mutation_ids: list[str],
                 writing: Writing, *, chunk: int = 5000) -> None:
    """Insert the groups' rows, then their audit and outbox rows (in the caller's transaction).
    ``hlcs`` and ``mutation_ids`` hold one fresh value per record, in group order."""
    params = {
        "now": writing.now, "staff_id": writing.staff_id, "unit_id": writing.unit_id,
        "client_id": writing.client_id,
        "actor": json.dumps({"staff_id": writing.staff_id, "unit_id": writing.unit_id}),
        "actor_units": json.dumps([writing.unit_id] if writing.unit_id else []),
    }
    firsts: list[int] = []
    at = 0
    for group in groups:
        shape, n = group.shape, len(group.ids)
        table = shape.spec.table
        first = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
        template, now, staff = shape.field_hlc, writing.now, writing.staff_id
        conn.executemany(shape.insert_sql, [
            (*values, entity_id, hlc, template.replace("%s", hlc), now, now, staff, staff)
            for values, entity_id, hlc in zip(group.values, group.ids, hlcs[at:at + n], strict=True)
        ])
        if conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] != first + n:
            raise RuntimeError(f"the rows imported into {table} did not get consecutive row ids")
        firsts.append(first)
        at += n
    # every data row is in: the scopes of records whose carer came in the same import are known
    at = 0
    for group, first in zip(groups, firsts, strict=True):
        shape, n = group.shape, len(group.ids)
        shape_params = {**params, "entity": shape.spec.name, "audit_fields": shape.audit_fields,
                        "base": shape.base}
        for start in range(0, n, chunk):
            ids = json.dumps(mutation_ids[at + start:at + min(n, start + chunk)])
            step = {**shape_params, "mutation_ids": ids, "first_rowid": first + start + 1}
            conn.execute(shape.audit_sql, step)
            if shape.outbox_sql:
                conn.execute(shape.outbox_sql, step)
        at += n
