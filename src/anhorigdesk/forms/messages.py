"""The forms core's message catalog: every text the core shows, Swedish first, then English.

A `Message` is a key plus plain parameters (ids, paths, numbers); it becomes text only when a
language is chosen, so the same problem can be shown in Swedish on screen and in English in a
developer's log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_LANGUAGE = "sv"

CATALOG: dict[str, dict[str, str]] = {
    # --- problems in a form file -------------------------------------------------------
    "location": {
        "sv": "{file}, rad {line}, {path}: {problem}",
        "en": "{file}, line {line}, {path}: {problem}",
    },
    "location_no_path": {
        "sv": "{file}, rad {line}: {problem}",
        "en": "{file}, line {line}: {problem}",
    },
    "form_root": {"sv": "(formulärets början)", "en": "(top of the form)"},
    "invalid_yaml": {
        "sv": "filen är inte giltig YAML ({detail})",
        "en": "the file is not valid YAML ({detail})",
    },
    "not_readable": {
        "sv": "filen kan inte läsas ({detail})",
        "en": "the file cannot be read ({detail})",
    },
    "invalid_json": {
        "sv": "den sparade definitionen är inte giltig JSON ({detail})",
        "en": "the stored definition is not valid JSON ({detail})",
    },
    "duplicate_yaml_key": {
        "sv": "nyckeln '{key}' står två gånger",
        "en": "the key '{key}' appears twice",
    },
    "not_a_mapping": {
        "sv": "ett formulär måste vara en samling nycklar (id, version, title, sections …)",
        "en": "a form must be a mapping of keys (id, version, title, sections …)",
    },
    "unknown_kind": {
        "sv": "okänd frågetyp '{value}' (tillåtna: {allowed})",
        "en": "unknown question kind '{value}' (allowed: {allowed})",
    },
    "missing_swedish": {
        "sv": "svensk text (sv) saknas",
        "en": "the Swedish text (sv) is missing",
    },
    "missing_field": {
        "sv": "obligatoriskt fält '{field}' saknas",
        "en": "required field '{field}' is missing",
    },
    "unknown_field": {
        "sv": "okänt fält '{field}'",
        "en": "unknown field '{field}'",
    },
    "wrong_type": {
        "sv": "fel typ: '{value}' ska vara {expected}",
        "en": "wrong type: '{value}' should be {expected}",
    },
    "type_string": {"sv": "en text", "en": "a text"},
    "type_integer": {"sv": "ett heltal", "en": "a whole number"},
    "type_number": {"sv": "ett tal", "en": "a number"},
    "type_boolean": {"sv": "true eller false", "en": "true or false"},
    "type_object": {"sv": "en samling nycklar", "en": "a mapping of keys"},
    "type_array": {"sv": "en lista", "en": "a list"},
    "type_null": {"sv": "tomt", "en": "empty"},
    "type_or": {"sv": "{a} eller {b}", "en": "{a} or {b}"},
    "recursive_yaml": {
        "sv": "ett YAML-ankare hänvisar till sig självt",
        "en": "a YAML anchor refers to itself",
    },
    "not_allowed_value": {
        "sv": "värdet '{value}' är inte tillåtet (tillåtna: {allowed})",
        "en": "the value '{value}' is not allowed (allowed: {allowed})",
    },
    "bad_pattern": {
        "sv": "'{value}' har fel form: endast små bokstäver a–z, siffror och _ och med en bokstav först",
        "en": "'{value}' has the wrong form: only lower-case a–z, digits and _, starting with a letter",
    },
    "too_small": {
        "sv": "värdet {value} är mindre än {limit}",
        "en": "the value {value} is less than {limit}",
    },
    "too_large": {
        "sv": "värdet {value} är större än {limit}",
        "en": "the value {value} is greater than {limit}",
    },
    "too_few_items": {
        "sv": "listan måste ha minst {limit} element",
        "en": "the list needs at least {limit} items",
    },
    "too_many_items": {
        "sv": "listan får ha högst {limit} element",
        "en": "the list may have at most {limit} items",
    },
    "empty_text": {
        "sv": "texten får inte vara tom",
        "en": "the text must not be empty",
    },
    "condition_shape": {
        "sv": "ett villkor ska ha 'question' och exakt ett av: {allowed}, eller 'all'/'any' med en lista av villkor",
        "en": "a condition needs 'question' and exactly one of: {allowed}, or 'all'/'any' with a list of conditions",
    },
    "kind_needs_field": {
        "sv": "frågetypen '{kind}' kräver fältet '{field}'",
        "en": "the question kind '{kind}' needs the field '{field}'",
    },
    "field_not_for_kind": {
        "sv": "fältet '{field}' hör inte till frågetypen '{kind}'",
        "en": "the field '{field}' does not belong to the question kind '{kind}'",
    },
    "schema_other": {
        "sv": "följer inte formulärschemat ({detail})",
        "en": "does not follow the form schema ({detail})",
    },
    "duplicate_id": {
        "sv": "id '{id}' används redan ({first})",
        "en": "the id '{id}' is already used ({first})",
    },
    "duplicate_choice": {
        "sv": "svarsalternativet '{value}' står två gånger",
        "en": "the choice '{value}' appears twice",
    },
    "condition_unknown_question": {
        "sv": "villkoret pekar på frågan '{question}' som inte finns",
        "en": "the condition points at the question '{question}', which does not exist",
    },
    "condition_later_question": {
        "sv": "villkoret pekar på frågan '{question}' som kommer senare i formuläret (eller är frågan själv)",
        "en": "the condition points at the question '{question}', which comes later in the form (or is the question itself)",
    },
    "condition_wrong_kind": {
        "sv": "villkoret '{op}' går inte att använda på frågan '{question}' av typen '{kind}'",
        "en": "the condition '{op}' cannot be used on the question '{question}' of kind '{kind}'",
    },
    "condition_unknown_value": {
        "sv": "villkoret jämför med '{value}' som inte är ett svarsalternativ till '{question}' (tillåtna: {allowed})",
        "en": "the condition compares with '{value}', which is not an answer option of '{question}' (allowed: {allowed})",
    },
    "condition_needs_number": {
        "sv": "villkoret '{op}' kräver ett tal",
        "en": "the condition '{op}' needs a number",
    },
    "flag_unknown_question": {
        "sv": "flaggregeln pekar på frågan '{question}' som inte finns",
        "en": "the flag rule points at the question '{question}', which does not exist",
    },
    "flag_wrong_kind": {
        "sv": "en flaggregel kan inte bygga på frågan '{question}' av typen '{kind}' (tillåtna typer: {allowed})",
        "en": "a flag rule cannot be based on the question '{question}' of kind '{kind}' (allowed kinds: {allowed})",
    },
    "flag_in_group": {
        "sv": "en flaggregel kan inte bygga på frågan '{question}' inne i en upprepad grupp",
        "en": "a flag rule cannot be based on the question '{question}' inside a repeating group",
    },
    "flag_mixed_questions": {
        "sv": "alla delar av en flaggregel med 'all'/'any' måste vara giltiga villkor",
        "en": "every part of a flag rule with 'all'/'any' must be a valid condition",
    },
    "range_inverted": {
        "sv": "min ({min}) måste vara mindre än max ({max})",
        "en": "min ({min}) must be less than max ({max})",
    },
    "nested_group": {
        "sv": "en upprepad grupp kan inte innehålla en annan upprepad grupp",
        "en": "a repeating group cannot contain another repeating group",
    },
    "rows_inverted": {
        "sv": "min_rows ({min}) får inte vara större än max_rows ({max})",
        "en": "min_rows ({min}) must not be greater than max_rows ({max})",
    },
    "file_id_mismatch": {
        "sv": "formulärets id '{id}' skiljer sig från filnamnet '{stem}'",
        "en": "the form id '{id}' differs from the file name '{stem}'",
    },
    "duplicate_form": {
        "sv": "formuläret '{id}' finns redan i {first}",
        "en": "the form '{id}' already exists in {first}",
    },
    "municipality_folder_missing": {
        "sv": "kommunens formulärmapp finns inte",
        "en": "the municipality's form folder does not exist",
    },
    "builtin_used_instead": {
        "sv": "det inbyggda formuläret '{id}' används i stället",
        "en": "the built-in form '{id}' is used instead",
    },
    # --- the command-line check -----------------------------------------------------------
    "cli_ok": {"sv": "OK {file}: {id}, version {version}", "en": "OK {file}: {id}, version {version}"},
    "cli_none": {"sv": "Inga formulärfiler hittades.", "en": "No form files were found."},
    # --- problems in answers -------------------------------------------------------------
    "answer_required": {"sv": "Frågan måste besvaras.", "en": "This question must be answered."},
    "answer_unknown_question": {
        "sv": "Svaret hör inte till någon fråga i formuläret.",
        "en": "The answer does not belong to any question in the form.",
    },
    "answer_not_text": {"sv": "Svaret ska vara en text.", "en": "The answer should be a text."},
    "answer_text_too_long": {
        "sv": "Texten är för lång (högst {limit} tecken).",
        "en": "The text is too long (at most {limit} characters).",
    },
    "answer_not_option": {
        "sv": "'{value}' är inte ett av svarsalternativen.",
        "en": "'{value}' is not one of the answer options.",
    },
    "answer_not_list": {
        "sv": "Svaret ska vara en lista av alternativ.",
        "en": "The answer should be a list of options.",
    },
    "answer_duplicate_option": {
        "sv": "'{value}' är valt två gånger.",
        "en": "'{value}' is chosen twice.",
    },
    "answer_not_integer": {"sv": "Svaret ska vara ett heltal.", "en": "The answer should be a whole number."},
    "answer_not_number": {"sv": "Svaret ska vara ett tal.", "en": "The answer should be a number."},
    "answer_below_min": {
        "sv": "Värdet får inte vara mindre än {limit}.",
        "en": "The value must not be less than {limit}.",
    },
    "answer_above_max": {
        "sv": "Värdet får inte vara större än {limit}.",
        "en": "The value must not be greater than {limit}.",
    },
    "answer_not_date": {
        "sv": "Datumet ska skrivas ÅÅÅÅ-MM-DD och finnas i kalendern.",
        "en": "The date should be written YYYY-MM-DD and exist in the calendar.",
    },
    "answer_not_checklist": {
        "sv": "Svaret ska ange status (gjort, delvis, inte gjort, ej aktuellt) och kan ha en kommentar.",
        "en": "The answer should give a status (done, partly, not done, not relevant) and may have a comment.",
    },
    "answer_not_rows": {
        "sv": "Svaret ska vara en lista av rader.",
        "en": "The answer should be a list of rows.",
    },
    "answer_too_few_rows": {
        "sv": "Minst {limit} rader behövs.",
        "en": "At least {limit} rows are needed.",
    },
    "answer_too_many_rows": {
        "sv": "Högst {limit} rader får finnas.",
        "en": "At most {limit} rows are allowed.",
    },
    # --- fixed answer options of the built-in kinds --------------------------------------
    "option_yes": {"sv": "Ja", "en": "Yes"},
    "option_no": {"sv": "Nej", "en": "No"},
    "option_unsure": {"sv": "Vet inte", "en": "Not sure"},
    "status_done": {"sv": "Gjort", "en": "Done"},
    "status_partly": {"sv": "Delvis", "en": "Partly"},
    "status_not_done": {"sv": "Inte gjort", "en": "Not done"},
    "status_not_relevant": {"sv": "Ej aktuellt", "en": "Not relevant"},
    "routine_who": {"sv": "Vem gör", "en": "Who does it"},
    "routine_when": {"sv": "När", "en": "When"},
    "routine_how": {"sv": "Hur", "en": "How"},
    "routine_where": {"sv": "Var", "en": "Where"},
    "comment": {"sv": "Kommentar", "en": "Comment"},
    "row": {"sv": "Rad {number}", "en": "Row {number}"},
}


@dataclass(frozen=True)
class Message:
    """A translatable message: a catalog key and plain parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in CATALOG:
            raise KeyError(f"no message '{self.key}' in the forms catalog")

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The catalog text for `key` in `lang` (falls back to Swedish), formatted with params.

    A parameter that is itself a `Message` is translated into the same language first.
    """
    entry = CATALOG[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    resolved = {k: (v.text(lang) if isinstance(v, Message) else v) for k, v in params.items()}
    return template.format(**resolved)


def languages() -> tuple[str, ...]:
    """The languages every catalog entry has."""
    return ("sv", "en")
