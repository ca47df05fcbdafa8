"""Forms as data: the structured conversations of carer support, defined in YAML files.

Qt-free core. The same definition drives the screen (`anhorigdesk.ui.forms`), the stored
answers, the follow-up flags (consumed by scheduling) and the printout.

Loading
    `load_form_file(path)` / `load_form_text(text, source=...)` → `FormDefinition`, or
    `FormDefinitionError` whose `.problem` has `file`, `line` (1-based), `path`
    (e.g. `sections[1].questions[3].kind`) and a `Message`; `err.text("sv"|"en")`.
    `builtin_forms_dir()`, `schema_file()` locate `forms/` in the source tree or the wheel.

Registry and versions
    `FormRegistry.load(builtin_dir=None, municipality_dir=None)` (a folder of form files, for
    checks and tests); the app's one registry is `Workspace.form_registry()`, built by
    `anhorigdesk.municipality.material.build_registry` with `.add_forms(defs, origin=...)`:
    built-in, the published bundle's forms, the unit's own; `.origin(id)`,
    `.material_version`, `.is_example` (no bundle yet: the example municipality's forms);
    `.problems` lists bad files of a folder; `.current(id)`, `.forms()`,
    `.by_entry_kind(kind)`, `.get(id, version=None, fingerprint=None)`, `.versions(id)`,
    `.remember(definition) -> canonical JSON`, `.stored_version(definition) -> StoredVersion`,
    `.add_stored(canonical_json, fingerprint=None)` / `.add_stored_many(rows)` to feed back
    the versions the store keeps (rows as `Repository.form_versions()` returns them);
    `form_files(folder)` lists `*.yaml`/`*.yml` form files.
    `canonical_json(d)`, `definition_to_data(d)`, `definition_from_json(text)`,
    `fingerprint_of(d)` (sha256 of the canonical JSON; also `d.fingerprint`).

Answers (a JSON-able dict `{question_id: value}`; see `answers.py` for each kind's value)
    `validate_answers(d, answers, final=bool) -> list[AnswerProblem]` (question_id, path,
    message; `.text(lang)`), `visible_questions(d, answers)`, `visible_sub_questions(group,
    row, outer)`, `strip_hidden(d, answers)`, `raised_flags(d, answers) -> list[RaisedFlag]`
    (form_id, flag_id, label, schedule: `FlagSchedule(follow_up_within_days, plan_review)`),
    `is_answered(value)`, `check_value(question, value)`.

Typed definition (frozen dataclasses)
    `FormDefinition(id, version, title, sections, entry_kind, description, schedule:
    FormSchedule(interval_months), flags, fingerprint, source)`, `Section`, `Question`,
    `QuestionKind`, `Choice`, `Condition`, `Clause`, `Routine`, `FlagRule`, `FlagSchedule`,
    `LocalText` (`.get(lang)` falls back to Swedish).

Command line
    `python -m anhorigdesk.forms [--lang sv|en] FILE_OR_FOLDER...` checks form files.

Messages
    `Message(key, params).text(lang)`, `translate(key, lang, **params)`: the core's catalog,
    Swedish first, English second.
"""

from __future__ import annotations

from anhorigdesk.paths import builtin_forms_dir, schema_file

from .answers import (
    AnswerProblem,
    Answers,
    RaisedFlag,
    check_value,
    condition_holds,
    is_answered,
    raised_flags,
    strip_hidden,
    validate_answers,
    visible_ids,
    visible_questions,
    visible_sub_questions,
)
from .errors import FormDefinitionError, FormProblem
from .loader import (
    canonical_json,
    definition_from_json,
    definition_to_data,
    fingerprint_of,
    form_schema,
    load_form_file,
    load_form_text,
    parse_form_data,
)
from .messages import DEFAULT_LANGUAGE, Message, translate
from .model import (
    CHECKLIST_STATUSES,
    YES_NO_UNSURE_VALUES,
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
from .registry import FormRegistry, StoredVersion, form_files

__all__ = [
    "CHECKLIST_STATUSES",
    "DEFAULT_LANGUAGE",
    "YES_NO_UNSURE_VALUES",
    "AnswerProblem",
    "Answers",
    "Choice",
    "Clause",
    "Condition",
    "FlagRule",
    "FlagSchedule",
    "FormDefinition",
    "FormDefinitionError",
    "FormProblem",
    "FormRegistry",
    "FormSchedule",
    "LocalText",
    "Message",
    "Question",
    "QuestionKind",
    "RaisedFlag",
    "Routine",
    "Section",
    "StoredVersion",
    "builtin_forms_dir",
    "canonical_json",
    "check_value",
    "condition_holds",
    "definition_from_json",
    "definition_to_data",
    "fingerprint_of",
    "form_files",
    "form_schema",
    "is_answered",
    "load_form_file",
    "load_form_text",
    "parse_form_data",
    "raised_flags",
    "schema_file",
    "strip_hidden",
    "translate",
    "validate_answers",
    "visible_ids",
    "visible_questions",
    "visible_sub_questions",
]
