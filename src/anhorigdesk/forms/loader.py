"""Reading form files: YAML → JSON Schema check → semantic checks → `FormDefinition`.

Also the canonical form of a definition (plain data / JSON), its fingerprint and the way back
from stored canonical JSON to a definition, so a response keeps opening with the exact version
it was made with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from anhorigdesk.paths import schema_file

from .errors import FormDefinitionError, FormProblem
from .messages import Message, has_message
from .model import (
    CLAUSE_OPS,
    FLAG_KINDS,
    NUMERIC_KINDS,
    OPTION_KINDS,
    Choice,
    Clause,
    Condition,
    FlagRule,
    FlagSchedule,
    FormDefinition,
    FormSchedule,
    LocalText,
    Question,
    QuestionKind,
    Routine,
    Section,
)
from .yaml_lines import LineMap, Path, YamlProblem, load_yaml_with_lines

if TYPE_CHECKING:  # jsonschema (~50 ms to import) loads when a form file is first checked
    import jsonschema
    from jsonschema.exceptions import ValidationError

STORED_SOURCE = "stored"


# --------------------------------------------------------------------------- entry points


def load_form_file(path: str | FsPath, *, check_file_name: bool = False) -> FormDefinition:
    """Load and check one form file; raise `FormDefinitionError` naming file, line and path.

    With `check_file_name`, the form id must equal the file name without `.yaml`.
    """
    path = FsPath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormDefinitionError(FormProblem(
            str(path), 1, (), Message("not_readable", {"detail": type(exc).__name__}))) from None
    definition = load_form_text(text, source=str(path))
    if check_file_name and definition.id != path.stem:
        raise FormDefinitionError(FormProblem(
            str(path), 1, ("id",),
            Message("file_id_mismatch", {"id": definition.id, "stem": path.stem})))
    return definition


def load_form_text(text: str, *, source: str) -> FormDefinition:
    """Load a form from YAML text; `source` names it in messages (usually the file path)."""
    try:
        data, lines = load_yaml_with_lines(text)
    except YamlProblem as exc:
        raise FormDefinitionError(FormProblem(source, exc.line, exc.path, exc.message)) from None
    return parse_form_data(data, source=source, lines=lines)


def parse_form_data(data: Any, *, source: str, lines: LineMap | None = None) -> FormDefinition:
    """Check plain data (as read from YAML or JSON) and build the typed definition."""
    lines = lines or LineMap()
    if not isinstance(data, Mapping):
        raise FormDefinitionError(FormProblem(source, 1, (), Message("not_a_mapping")))
    problems = schema_problems(data, source=source, lines=lines)
    if problems:
        raise FormDefinitionError(problems[0])
    builder = _Builder(source, lines)
    definition = builder.build(data)
    canonical = canonical_json(definition)
    return _with(definition, fingerprint=_sha256(canonical), source=source)


def definition_from_json(text: str) -> FormDefinition:
    """Re-create a definition from the canonical JSON that `canonical_json` produced."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormDefinitionError(FormProblem(
            STORED_SOURCE, exc.lineno, (), Message("invalid_json", {"detail": exc.msg}))) from None
    return parse_form_data(data, source=STORED_SOURCE)


# --------------------------------------------------------------------------- canonical form


def definition_to_data(definition: FormDefinition) -> dict[str, Any]:
    """The definition as plain data in the form-file format (defaults left out)."""
    data: dict[str, Any] = {"id": definition.id, "version": definition.version}
    if definition.entry_kind:
        data["entry_kind"] = definition.entry_kind
    data["title"] = definition.title.to_data()
    if definition.description:
        data["description"] = definition.description.to_data()
    if definition.schedule.interval_months is not None:
        data["schedule"] = {"interval_months": definition.schedule.interval_months}
    data["sections"] = [_section_data(s) for s in definition.sections]
    if definition.flags:
        data["flags"] = [_flag_data(f) for f in definition.flags]
    return data


def canonical_json(definition: FormDefinition) -> str:
    """Canonical JSON (sorted keys, no spaces, UTF-8 text) of the parsed definition."""
    return json.dumps(definition_to_data(definition), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


def fingerprint_of(definition: FormDefinition) -> str:
    """sha256 (hex) of the canonical JSON."""
    return _sha256(canonical_json(definition))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(value: LocalText | None) -> dict[str, str] | None:
    return value.to_data() if value is not None else None


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        data[key] = value


def _section_data(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id, "title": section.title.to_data()}
    _put(data, "intro", _text(section.intro))
    if section.condition:
        data["condition"] = _condition_data(section.condition)
    data["questions"] = [_question_data(q) for q in section.questions]
    return data


def _question_data(q: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": q.id, "kind": q.kind.value, "text": q.text.to_data()}
    _put(data, "help", _text(q.help))
    if q.required:
        data["required"] = True
    if q.condition:
        data["condition"] = _condition_data(q.condition)
    _put(data, "max_length", q.max_length)
    if q.choices:
        data["choices"] = [
            {"value": c.value, "label": c.label.to_data(), **({"help": c.help.to_data()} if c.help else {})}
            for c in q.choices
        ]
    _put(data, "min", q.min)
    _put(data, "max", q.max)
    _put(data, "min_label", _text(q.min_label))
    _put(data, "max_label", _text(q.max_label))
    if q.kind == QuestionKind.NUMBER and not q.integer:
        data["integer"] = False
    _put(data, "unit", _text(q.unit))
    if q.routine is not None:
        data["routine"] = {name: text.to_data() for name, text in q.routine.parts()}
    if q.questions:
        data["questions"] = [_question_data(sub) for sub in q.questions]
    if q.min_rows:
        data["min_rows"] = q.min_rows
    _put(data, "max_rows", q.max_rows)
    _put(data, "row_label", _text(q.row_label))
    return data


def _clause_data(clause: Clause) -> dict[str, Any]:
    value = list(clause.value) if isinstance(clause.value, tuple) else clause.value
    return {"question": clause.question, clause.op: value}


def _condition_data(condition: Condition) -> dict[str, Any]:
    if len(condition.clauses) == 1:
        return _clause_data(condition.clauses[0])
    return {condition.combine: [_clause_data(c) for c in condition.clauses]}


def _flag_data(rule: FlagRule) -> dict[str, Any]:
    data: dict[str, Any] = {"id": rule.id, "label": rule.label.to_data()}
    _put(data, "help", _text(rule.help))
    data["when"] = _condition_data(rule.when)
    schedule: dict[str, Any] = {}
    if rule.schedule.follow_up_within_days is not None:
        schedule["follow_up_within_days"] = rule.schedule.follow_up_within_days
    if rule.schedule.plan_review:
        schedule["plan_review"] = True
    if schedule:
        data["schedule"] = schedule
    return data


def _with(definition: FormDefinition, **changes: Any) -> FormDefinition:
    from dataclasses import replace

    return replace(definition, **changes)


# --------------------------------------------------------------------------- JSON Schema


@lru_cache(maxsize=1)
def form_schema() -> dict[str, Any]:
    """The form JSON Schema shipped in `forms/schema/form.schema.json`."""
    schema: dict[str, Any] = json.loads(schema_file().read_text(encoding="utf-8"))
    return schema


#: `$defs` that refer to themselves (directly or through others) stay references.
_RECURSIVE_DEFS = frozenset({"question"})


def _inline_refs(node: Any, defs: Mapping[str, Any]) -> Any:
    """A copy of a schema node with references to non-recursive `$defs` written out.

    Resolving `$ref` is most of jsonschema's work on a form (texts are everywhere); writing
    the small definitions out once makes checking a form several times faster. The meaning
    is unchanged; recursive definitions keep their reference.
    """
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            name = ref.removeprefix("#/$defs/")
            if name not in _RECURSIVE_DEFS:
                return _inline_refs(defs[name], defs)
        return {k: (v if k == "$defs" else _inline_refs(v, defs)) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = form_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    defs = schema["$defs"]
    fast = _inline_refs(schema, defs)
    fast["$defs"] = {name: _inline_refs(d, defs) for name, d in defs.items()}
    return cls(fast)


def schema_problems(data: Any, *, source: str, lines: LineMap) -> list[FormProblem]:
    """All schema violations as problems, earliest line first."""
    problems = {
        _schema_problem(error, data, source, lines) for error in _validator().iter_errors(data)
    }
    return sorted(problems, key=lambda p: (p.line, -len(p.path), p.path_text))


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _describe_type(expected: Any) -> Message:
    """The expected JSON type(s) as a translatable phrase."""
    names = expected if isinstance(expected, list) else [expected]
    phrases = [Message(f"type_{n}") if has_message(f"type_{n}") else Message("type_null") for n in names]
    phrase = phrases[0]
    for other in phrases[1:]:
        phrase = Message("type_or", {"a": phrase, "b": other})
    return phrase


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def _schema_problem(error: ValidationError, data: Any, source: str, lines: LineMap) -> FormProblem:
    error = _innermost(error)
    path: Path = tuple(error.absolute_path)
    validator = error.validator
    instance = error.instance
    message: Message
    if validator == "required":
        missing = [f for f in error.validator_value if f not in instance]
        field_name = missing[0] if missing else "?"
        in_then = "then" in error.relative_schema_path
        if field_name == "sv" and not in_then:
            message = Message("missing_swedish")
        elif in_then and isinstance(instance, Mapping):
            message = Message("kind_needs_field", {"kind": instance.get("kind"), "field": field_name})
        else:
            message = Message("missing_field", {"field": field_name})
    elif validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        pattern_ok = error.schema.get("patternProperties")
        extras = [k for k in instance if k not in allowed]
        if pattern_ok:
            import re

            extras = [k for k in extras if not any(re.search(p, k) for p in pattern_ok)]
        field_name = extras[0] if extras else "?"
        path = (*path, field_name)
        message = Message("unknown_field", {"field": field_name})
    elif validator is None or error.schema is False:
        # a `false` subschema: a field that does not belong to this question kind; jsonschema
        # reports it at the question, so find the field from the kind's forbidden fields
        question = _at(data, path)
        kind = question.get("kind") if isinstance(question, Mapping) else None
        forbidden = [k for k in question if k in _forbidden_fields(kind)] if kind else []
        field_name = forbidden[0] if forbidden else "?"
        if forbidden:
            path = (*path, field_name)
        message = Message("field_not_for_kind", {"field": field_name, "kind": kind})
    elif validator == "enum":
        allowed_values = ", ".join(str(v) for v in error.validator_value)
        if path and path[-1] == "kind":
            message = Message("unknown_kind", {"value": _short(instance), "allowed": allowed_values})
        else:
            message = Message("not_allowed_value", {"value": _short(instance), "allowed": allowed_values})
    elif validator == "const":
        message = Message("not_allowed_value", {"value": _short(instance),
                                                "allowed": str(error.validator_value)})
    elif validator == "type":
        message = Message("wrong_type", {"value": _short(instance),
                                         "expected": _describe_type(error.validator_value)})
    elif validator == "pattern":
        message = Message("bad_pattern", {"value": _short(instance)})
    elif validator in ("minimum", "exclusiveMinimum"):
        message = Message("too_small", {"value": instance, "limit": error.validator_value})
    elif validator in ("maximum", "exclusiveMaximum"):
        message = Message("too_large", {"value": instance, "limit": error.validator_value})
    elif validator == "minItems":
        message = Message("too_few_items", {"limit": error.validator_value})
    elif validator == "maxItems":
        message = Message("too_many_items", {"limit": error.validator_value})
    elif validator == "minLength":
        message = Message("empty_text")
    elif validator in ("oneOf", "minProperties", "maxProperties"):
        message = Message("condition_shape", {"allowed": ", ".join(CLAUSE_OPS)})
    else:
        message = Message("schema_other", {"detail": str(validator)})
    return FormProblem(source, lines.line_of(path), path, message)


def _forbidden_fields(kind: str) -> set[str]:
    """Fields the schema forbids for a question kind (its `then.properties: false`)."""
    question = form_schema()["$defs"]["question"]
    for rule in question.get("allOf", []):
        if rule.get("if", {}).get("properties", {}).get("kind", {}).get("const") == kind:
            return {k for k, v in rule["then"].get("properties", {}).items() if v is False}
    return set()


def _innermost(error: ValidationError) -> ValidationError:
    """For a failed `oneOf` over conditions, descend into the branch the author meant."""
    while error.validator == "oneOf" and error.context and isinstance(error.instance, Mapping):
        if "all" in error.instance:
            branch = 1
        elif "any" in error.instance:
            branch = 2
        elif "question" in error.instance:
            branch = 0
        else:
            return error
        inner = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branch]
        if not inner:
            return error
        error = min(inner, key=lambda e: -len(e.absolute_path))
    return error


# --------------------------------------------------------------------------- typed building


class _Stop(Exception):
    def __init__(self, problem: FormProblem) -> None:
        super().__init__(problem.text("en"))
        self.problem = problem


class _Builder:
    """Builds the typed definition from schema-valid data and checks what the schema cannot."""

    def __init__(self, source: str, lines: LineMap) -> None:
        self.source = source
        self.lines = lines
        # top-level question id → (question, order index, path)
        self.top: dict[str, tuple[Question, int, Path]] = {}

    def fail(self, path: Path, message: Message) -> None:
        raise FormDefinitionError(FormProblem(self.source, self.lines.line_of(path), path, message))

    def build(self, data: Mapping[str, Any]) -> FormDefinition:
        self.all_top_ids = frozenset(q["id"] for s in data["sections"] for q in s["questions"])
        sections: list[Section] = []
        section_ids: dict[str, Path] = {}
        order = 0
        for si, sdata in enumerate(data["sections"]):
            spath: Path = ("sections", si)
            self._unique(section_ids, sdata["id"], (*spath, "id"))
            condition = None
            if "condition" in sdata:
                condition = self._condition(sdata["condition"], (*spath, "condition"),
                                            before=order, group=None)
            questions: list[Question] = []
            for qi, qdata in enumerate(sdata["questions"]):
                qpath: Path = (*spath, "questions", qi)
                question = self._question(qdata, qpath, order=order, group=None)
                if question.id in self.top:
                    first = self.top[question.id][2]
                    self.fail((*qpath, "id"), Message("duplicate_id", {
                        "id": question.id, "first": _path_text(first)}))
                self.top[question.id] = (question, order, qpath)
                questions.append(question)
                order += 1
            sections.append(Section(
                id=sdata["id"], title=LocalText.of(sdata["title"]), questions=tuple(questions),
                intro=_local(sdata.get("intro")), condition=condition))
        flags: list[FlagRule] = []
        flag_ids: dict[str, Path] = {}
        for fi, fdata in enumerate(data.get("flags", [])):
            fpath: Path = ("flags", fi)
            self._unique(flag_ids, fdata["id"], (*fpath, "id"))
            flags.append(self._flag(fdata, fpath))
        schedule_data = data.get("schedule", {})
        return FormDefinition(
            id=data["id"], version=data["version"], title=LocalText.of(data["title"]),
            sections=tuple(sections), entry_kind=data.get("entry_kind"),
            description=_local(data.get("description")),
            schedule=FormSchedule(interval_months=schedule_data.get("interval_months")),
            flags=tuple(flags))

    def _unique(self, seen: dict[str, Path], ident: str, path: Path) -> None:
        if ident in seen:
            self.fail(path, Message("duplicate_id", {"id": ident, "first": _path_text(seen[ident])}))
        seen[ident] = path[:-1]

    def _question(self, q: Mapping[str, Any], path: Path, *, order: int,
                  group: dict[str, Question] | None,
                  group_ids: frozenset[str] = frozenset()) -> Question:
        kind = QuestionKind(q["kind"])
        condition = None
        if "condition" in q:
            condition = self._condition(q["condition"], (*path, "condition"), before=order,
                                        group=group, group_ids=group_ids)
        choices: list[Choice] = []
        seen_values: set[str] = set()
        for ci, cdata in enumerate(q.get("choices", [])):
            if cdata["value"] in seen_values:
                self.fail((*path, "choices", ci, "value"),
                          Message("duplicate_choice", {"value": cdata["value"]}))
            seen_values.add(cdata["value"])
            choices.append(Choice(value=cdata["value"], label=LocalText.of(cdata["label"]),
                                  help=_local(cdata.get("help"))))
        low, high = q.get("min"), q.get("max")
        if kind == QuestionKind.SCALE:
            low = 1 if low is None else low
            high = 5 if high is None else high
            for name, value in (("min", low), ("max", high)):
                if not isinstance(value, int) or isinstance(value, bool):
                    self.fail((*path, name), Message("wrong_type", {"value": value,
                                                                    "expected": Message("type_integer")}))
                if not 0 <= value <= 10:
                    self.fail((*path, name), Message("too_large" if value > 10 else "too_small",
                                                     {"value": value, "limit": 10 if value > 10 else 0}))
        integer = bool(q.get("integer", True))
        if kind == QuestionKind.NUMBER and integer:
            for name, value in (("min", low), ("max", high)):
                if value is not None and value != int(value):
                    self.fail((*path, name), Message("wrong_type", {"value": value,
                                                                    "expected": Message("type_integer")}))
            low = int(low) if low is not None else None
            high = int(high) if high is not None else None
        if low is not None and high is not None and not low < high:
            self.fail((*path, "max"), Message("range_inverted", {"min": low, "max": high}))
        routine = None
        if "routine" in q:
            r = q["routine"]
            routine = Routine(who=_local(r.get("who")), when=_local(r.get("when")),
                              how=_local(r.get("how")), where=_local(r.get("where")))
        subs: list[Question] = []
        if kind == QuestionKind.REPEATING_GROUP:
            if group is not None:
                self.fail((*path, "kind"), Message("nested_group"))
            siblings: dict[str, Question] = {}
            sibling_paths: dict[str, Path] = {}
            sibling_ids = frozenset(sd["id"] for sd in q["questions"])
            for si, sdata in enumerate(q["questions"]):
                spath: Path = (*path, "questions", si)
                if sdata["kind"] == QuestionKind.REPEATING_GROUP:
                    self.fail((*spath, "kind"), Message("nested_group"))
                sub = self._question(sdata, spath, order=order, group=siblings,
                                     group_ids=sibling_ids)
                self._unique(sibling_paths, sub.id, (*spath, "id"))
                siblings[sub.id] = sub
                subs.append(sub)
            min_rows, max_rows = q.get("min_rows", 0), q.get("max_rows")
            if max_rows is not None and min_rows > max_rows:
                self.fail((*path, "min_rows"), Message("rows_inverted", {"min": min_rows, "max": max_rows}))
        return Question(
            id=q["id"], kind=kind, text=LocalText.of(q["text"]), help=_local(q.get("help")),
            required=bool(q.get("required", False)), condition=condition,
            max_length=q.get("max_length"), choices=tuple(choices),
            min=low, max=high,
            min_label=_local(q.get("min_label")), max_label=_local(q.get("max_label")),
            integer=integer if kind == QuestionKind.NUMBER else True,
            unit=_local(q.get("unit")), routine=routine, questions=tuple(subs),
            min_rows=q.get("min_rows", 0), max_rows=q.get("max_rows"),
            row_label=_local(q.get("row_label")))

    # conditions ------------------------------------------------------------------------

    def _clauses(self, data: Mapping[str, Any], path: Path) -> tuple[list[tuple[Mapping[str, Any], Path]], str]:
        for combine in ("all", "any"):
            if combine in data:
                return [(c, (*path, combine, i)) for i, c in enumerate(data[combine])], combine
        return [(data, path)], "all"

    def _condition(self, data: Mapping[str, Any], path: Path, *, before: int,
                   group: dict[str, Question] | None,
                   group_ids: frozenset[str] = frozenset()) -> Condition:
        """A show-only-if condition: each clause must name an earlier question."""
        clauses: list[Clause] = []
        parts, combine = self._clauses(data, path)
        for cdata, cpath in parts:
            ref = cdata["question"]
            target: Question | None = None
            if group is not None and ref in group:
                target = group[ref]
            elif ref in self.top and self.top[ref][1] < before:
                target = self.top[ref][0]
            if target is None:
                later = ref in self.all_top_ids or (group is not None and ref in group_ids)
                self.fail((*cpath, "question"), Message(
                    "condition_later_question" if later else "condition_unknown_question",
                    {"question": ref}))
                raise AssertionError  # unreachable: fail() raises
            clauses.append(self._clause(cdata, cpath, target))
        return Condition(clauses=tuple(clauses), combine=combine)

    def _clause(self, cdata: Mapping[str, Any], cpath: Path, target: Question) -> Clause:
        op = next(k for k in cdata if k != "question")
        value = cdata[op]
        kind = target.kind
        wrong_kind = Message("condition_wrong_kind", {"op": op, "question": target.id,
                                                      "kind": kind.value})
        if op == "answered":
            return Clause(target.id, op, bool(value))
        if op in ("at_least", "at_most"):
            if kind not in NUMERIC_KINDS:
                self.fail((*cpath, op), wrong_kind)
            return Clause(target.id, op, value)
        # is / not / in / not_in
        if kind not in OPTION_KINDS and kind not in NUMERIC_KINDS:
            self.fail((*cpath, op), wrong_kind)
        values = value if op in ("in", "not_in") else [value]
        for i, v in enumerate(values):
            vpath = (*cpath, op, i) if op in ("in", "not_in") else (*cpath, op)
            if kind in OPTION_KINDS:
                allowed = target.option_values()
                if v not in allowed:
                    self.fail(vpath, Message("condition_unknown_value", {
                        "value": _short(v), "question": target.id, "allowed": ", ".join(allowed)}))
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                self.fail(vpath, Message("condition_needs_number", {"op": op}))
        return Clause(target.id, op, tuple(values) if op in ("in", "not_in") else value)

    # flags -------------------------------------------------------------------------------

    def _flag(self, fdata: Mapping[str, Any], fpath: Path) -> FlagRule:
        clauses: list[Clause] = []
        wpath: Path = (*fpath, "when")
        parts, combine = self._clauses(fdata["when"], wpath)
        for cdata, cpath in parts:
            ref = cdata["question"]
            if ref not in self.top:
                in_group = any(q.sub_question(ref) for q, _, _ in self.top.values())
                self.fail((*cpath, "question"), Message(
                    "flag_in_group" if in_group else "flag_unknown_question", {"question": ref}))
            target = self.top[ref][0]
            if target.kind not in FLAG_KINDS:
                self.fail((*cpath, "question"), Message("flag_wrong_kind", {
                    "question": ref, "kind": target.kind.value,
                    "allowed": ", ".join(sorted(k.value for k in FLAG_KINDS))}))
            clauses.append(self._clause(cdata, cpath, target))
        sched = fdata.get("schedule", {})
        return FlagRule(
            id=fdata["id"], label=LocalText.of(fdata["label"]),
            when=Condition(clauses=tuple(clauses), combine=combine),
            schedule=FlagSchedule(follow_up_within_days=sched.get("follow_up_within_days"),
                                  plan_review=bool(sched.get("plan_review", False))),
            help=_local(fdata.get("help")))


def _local(data: Mapping[str, str] | None) -> LocalText | None:
    return LocalText.of(data) if data is not None else None


def _path_text(path: Path) -> str:
    from .yaml_lines import format_path

    return format_path(path)
