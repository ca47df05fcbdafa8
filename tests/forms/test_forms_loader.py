"""Loading form files: the built-in forms, and one broken file per kind of mistake."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from anhorigdesk.forms import (
    FormDefinitionError,
    QuestionKind,
    builtin_forms_dir,
    definition_to_data,
    form_schema,
    load_form_file,
    load_form_text,
    schema_file,
)

BROKEN = Path(__file__).parent / "broken"
BUILTIN_IDS = ["frivillighet", "korttid", "samtal", "stodplan"]


def test_builtin_folder_is_the_repo_forms_folder() -> None:
    folder = builtin_forms_dir()
    assert folder.name == "forms"
    assert (folder / "schema" / "form.schema.json") == schema_file()
    assert sorted(p.stem for p in folder.glob("*.yaml")) == BUILTIN_IDS


def test_shipped_schema_is_a_valid_json_schema() -> None:
    schema = form_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)


@pytest.mark.parametrize("form_id", BUILTIN_IDS)
def test_builtin_form_loads_and_is_bilingual(form_id: str) -> None:
    definition = load_form_file(builtin_forms_dir() / f"{form_id}.yaml", check_file_name=True)
    assert definition.id == form_id
    assert definition.version >= 1
    assert definition.entry_kind == form_id
    assert len(definition.fingerprint) == 64
    # every text the carer or staff sees exists in Swedish and English
    texts = []
    for section in definition.sections:
        texts.append(section.title)
        for q in section.questions:
            texts.append(q.text)
            texts.extend(c.label for c in q.choices)
            texts.extend(sub.text for sub in q.questions)
    texts.extend(f.label for f in definition.flags)
    for text in texts:
        assert text.get("sv") and text.get("en") and "en" in text.languages


@pytest.mark.parametrize("form_id", BUILTIN_IDS)
def test_builtin_form_validates_against_the_shipped_schema_as_data(form_id: str) -> None:
    definition = load_form_file(builtin_forms_dir() / f"{form_id}.yaml")
    jsonschema.validate(definition_to_data(definition), form_schema())


def test_builtin_forms_have_what_the_domain_needs() -> None:
    folder = builtin_forms_dir()
    friv = load_form_file(folder / "frivillighet.yaml")
    assert friv.schedule.interval_months == 6
    assert {f.id for f in friv.flags} == {"not_voluntary", "burden_high", "wants_to_reduce_or_stop",
                                          "voluntariness_unsure"}
    assert friv.question("burden_now").kind == QuestionKind.SCALE

    samtal = load_form_file(folder / "samtal.yaml")
    parts = samtal.question("perspective_parts")
    assert parts.kind == QuestionKind.MULTI_CHOICE
    assert len(parts.choices) == 5  # the five parts of the carer perspective

    stodplan = load_form_file(folder / "stodplan.yaml")
    actions = stodplan.question("actions")
    assert actions.kind == QuestionKind.REPEATING_GROUP
    assert [q.id for q in actions.questions] == ["what", "who", "by_when", "follow_up"]
    assert stodplan.question("next_review").kind == QuestionKind.DATE
    assert "respite" in stodplan.question("support_wishes").option_values()

    korttid = load_form_file(folder / "korttid.yaml")
    items = [q for q in korttid.questions() if q.kind == QuestionKind.CHECKLIST_ITEM]
    assert len(items) >= 5
    for item in items:
        assert item.routine is not None and item.routine.who is not None
    assert korttid.section_of("routines_held").id == "term_follow_up"


# (file, line, path, message key, a piece of the English text)
BROKEN_CASES = [
    ("unknown_kind.yaml", 24, "sections[1].questions[3].kind", "unknown_kind", "unknown question kind 'free_essay'"),
    ("condition_unknown_question.yaml", 15, "sections[0].questions[1].condition.question",
     "condition_unknown_question", "'gets_help', which does not exist"),
    ("condition_later_question.yaml", 12, "sections[0].questions[0].condition.question",
     "condition_later_question", "'has_help', which comes later"),
    ("condition_unknown_value.yaml", 16, "sections[0].questions[1].condition.in[1]",
     "condition_unknown_value", "compares with 'maybe'"),
    ("condition_bad_operator.yaml", 16, "sections[0].questions[1].condition.equals",
     "unknown_field", "unknown field 'equals'"),
    ("duplicate_id.yaml", 17, "sections[1].questions[1].id", "duplicate_id",
     "the id 'visit_date' is already used (sections[0].questions[0])"),
    ("duplicate_yaml_key.yaml", 11, "sections[0].questions[0].kind", "duplicate_yaml_key",
     "the key 'kind' appears twice"),
    ("missing_swedish.yaml", 13, "sections[0].questions[1].text", "missing_swedish",
     "Swedish text (sv) is missing"),
    ("flag_wrong_kind.yaml", 15, "flags[0].when.question", "flag_wrong_kind",
     "question 'feelings' of kind 'long_text'"),
    ("flag_wrong_operator.yaml", 16, "flags[0].when.at_least", "condition_wrong_kind",
     "'at_least' cannot be used on the question 'own_choice'"),
    ("flag_unknown_question.yaml", 15, "flags[0].when.question", "flag_unknown_question",
     "'choice_of_own', which does not exist"),
    ("invalid_yaml.yaml", 10, "", "invalid_yaml", "not valid YAML"),
    ("kind_needs_field.yaml", 8, "sections[0].questions[0]", "kind_needs_field",
     "'single_choice' needs the field 'choices'"),
    ("field_not_for_kind.yaml", 11, "sections[0].questions[0].choices", "field_not_for_kind",
     "'choices' does not belong to the question kind 'date'"),
    ("nested_group.yaml", 16, "sections[0].questions[0].questions[1].kind", "nested_group",
     "cannot contain another repeating group"),
    ("unknown_field.yaml", 11, "sections[0].questions[0].mandatory", "unknown_field",
     "unknown field 'mandatory'"),
    ("range_inverted.yaml", 12, "sections[0].questions[0].max", "range_inverted",
     "min (40) must be less than max (10)"),
    ("wrong_type.yaml", 2, "version", "wrong_type", "'one' should be a whole number"),
]


def test_every_broken_file_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(c[0] for c in BROKEN_CASES)


@pytest.mark.parametrize(("name", "line", "path", "key", "english"), BROKEN_CASES,
                         ids=[c[0] for c in BROKEN_CASES])
def test_broken_form_is_rejected_with_file_line_path_and_problem(
        name: str, line: int, path: str, key: str, english: str) -> None:
    file = BROKEN / name
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(file)
    err = caught.value
    assert err.file == str(file)
    assert err.line == line
    assert err.path == path
    assert err.message.key == key
    text_en = err.text("en")
    assert text_en.startswith(f"{file}, line {line}")
    assert english in text_en
    if path:
        assert f", {path}: " in text_en
    # the same problem in Swedish (the default): names the same place, different words
    text_sv = err.text("sv")
    assert str(err) == text_sv
    assert text_sv.startswith(f"{file}, rad {line}")
    assert text_sv != text_en


def test_swedish_messages_are_swedish() -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(BROKEN / "unknown_kind.yaml")
    assert "okänd frågetyp 'free_essay'" in caught.value.text("sv")
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(BROKEN / "missing_swedish.yaml")
    assert "svensk text (sv) saknas" in caught.value.text("sv")


def test_file_name_must_match_id_when_asked(tmp_path: Path) -> None:
    source = (builtin_forms_dir() / "samtal.yaml").read_text(encoding="utf-8")
    other = tmp_path / "anteckning.yaml"
    other.write_text(source, encoding="utf-8")
    assert load_form_file(other).id == "samtal"
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(other, check_file_name=True)
    assert caught.value.message.key == "file_id_mismatch"
    assert caught.value.path == "id"


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(tmp_path / "missing.yaml")
    assert caught.value.message.key == "not_readable"
    with pytest.raises(FormDefinitionError) as caught:
        load_form_text("", source="empty.yaml")
    assert caught.value.message.key == "not_a_mapping"
    with pytest.raises(FormDefinitionError) as caught:
        load_form_text("- a\n- b\n", source="list.yaml")
    assert caught.value.message.key == "not_a_mapping"


def test_yes_and_no_stay_text_and_dates_stay_text() -> None:
    text = """
id: plain
version: 1
title: {sv: Enkelt, en: Simple}
sections:
  - id: s
    title: {sv: Del, en: Part}
    questions:
      - id: q
        kind: yes_no_unsure
        text: {sv: Fråga, en: Question}
      - id: r
        kind: short_text
        text: {sv: 2024-05-01, en: on}
        condition: {question: q, is: no}
"""
    definition = load_form_text(text, source="plain.yaml")
    r = definition.question("r")
    assert r.condition is not None and r.condition.clauses[0].value == "no"
    assert r.text.get("sv") == "2024-05-01"
    assert r.text.get("en") == "on"


def test_condition_in_repeating_group_may_use_earlier_sibling() -> None:
    text = """
id: grouped
version: 1
title: {sv: Grupp, en: Group}
sections:
  - id: s
    title: {sv: Del, en: Part}
    questions:
      - id: rows
        kind: repeating_group
        text: {sv: Rader, en: Rows}
        questions:
          - id: done
            kind: yes_no_unsure
            text: {sv: "Klart?", en: "Done?"}
          - id: when_done
            kind: date
            text: {sv: När, en: When}
            condition: {question: done, is: "yes"}
"""
    definition = load_form_text(text, source="grouped.yaml")
    sub = definition.question("rows").sub_question("when_done")
    assert sub is not None and sub.condition is not None
    broken = text.replace("condition: {question: done", "condition: {question: later_one")
    with pytest.raises(FormDefinitionError) as caught:
        load_form_text(broken, source="grouped.yaml")
    assert caught.value.message.key == "condition_unknown_question"
    assert caught.value.path == "sections[0].questions[0].questions[1].condition.question"
    assert caught.value.line == 19  # the text starts with an empty line


def test_scale_defaults_to_one_to_five() -> None:
    text = """
id: scaled
version: 1
title: {sv: Skala, en: Scale}
sections:
  - id: s
    title: {sv: Del, en: Part}
    questions:
      - id: q
        kind: scale
        text: {sv: "Hur?", en: "How?"}
        min_label: {sv: Lite, en: Little}
        max_label: {sv: Mycket, en: Much}
"""
    q = load_form_text(text, source="scaled.yaml").question("q")
    assert (q.min, q.max) == (1, 5)


def test_self_referencing_yaml_anchor_is_rejected() -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_form_text("id: x\nsections: &loop\n  - *loop\n", source="loop.yaml")
    assert caught.value.message.key == "recursive_yaml"
    assert caught.value.line == 2


def test_wrong_type_names_the_type_in_each_language() -> None:
    with pytest.raises(FormDefinitionError) as caught:
        load_form_file(BROKEN / "wrong_type.yaml")
    assert caught.value.text("sv").endswith("version: fel typ: 'one' ska vara ett heltal")
