"""Properties of the loader over generated forms (Hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anhorigdesk.forms import (
    FormDefinitionError,
    canonical_json,
    definition_from_json,
    load_form_text,
    validate_answers,
)

ident = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö ?,:-'\"#", min_size=1, max_size=20).filter(str.strip)
texts = st.fixed_dictionaries({"sv": words}, optional={"en": words})


def question(kind: str, qid: str, text: dict[str, str], required: bool) -> dict[str, Any]:
    q: dict[str, Any] = {"id": qid, "kind": kind, "text": text}
    if required:
        q["required"] = True
    if kind in ("single_choice", "multi_choice"):
        q["choices"] = [{"value": f"c{i}", "label": {"sv": f"Val {i}", "en": f"Choice {i}"}} for i in range(3)]
    elif kind == "scale":
        q["min_label"] = {"sv": "Lite"}
        q["max_label"] = {"sv": "Mycket"}
    elif kind == "number":
        q["min"], q["max"] = 0, 100
    elif kind == "checklist_item":
        q["routine"] = {"who": {"sv": "Personalen"}}
    elif kind == "repeating_group":
        q["questions"] = [{"id": "what", "kind": "short_text", "text": {"sv": "Vad"}, "required": True}]
    return q


KINDS = ["short_text", "long_text", "yes_no_unsure", "single_choice", "multi_choice", "scale",
         "number", "date", "checklist_item", "repeating_group"]


@st.composite
def forms(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(ident, min_size=1, max_size=8, unique=True))
    questions = [question(draw(st.sampled_from(KINDS)), qid, draw(texts), draw(st.booleans())) for qid in ids]
    cut = draw(st.integers(1, len(questions)))
    sections = [{"id": "a", "title": draw(texts), "questions": questions[:cut]}]
    if questions[cut:]:
        sections.append({"id": "b", "title": draw(texts), "questions": questions[cut:]})
    form: dict[str, Any] = {"id": draw(ident), "version": draw(st.integers(1, 50)),
                            "title": draw(texts), "sections": sections}
    # a condition on the second question, pointing back at the first when it has options
    first, *rest = questions
    if rest and first["kind"] == "yes_no_unsure":
        rest[0]["condition"] = {"question": first["id"], "in": ["yes", "unsure"]}
    return form


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=forms())
def test_generated_forms_load_and_round_trip(form: dict[str, Any]) -> None:
    text = yaml.safe_dump(form, allow_unicode=True, sort_keys=False)
    definition = load_form_text(text, source="generated.yaml")
    again = definition_from_json(canonical_json(definition))
    assert again == definition and again.fingerprint == definition.fingerprint
    # an empty draft is always acceptable; required visible questions show up when final
    assert validate_answers(definition, {}, final=False) == []
    required = {q.id for q in definition.questions() if q.required and q.condition is None}
    final = {p.question_id for p in validate_answers(definition, {}, final=True)}
    assert required <= final


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=forms(), data=st.data())
def test_an_unknown_kind_is_reported_at_its_own_line(form: dict[str, Any], data: st.DataObject) -> None:
    sections = form["sections"]
    si = data.draw(st.integers(0, len(sections) - 1))
    qi = data.draw(st.integers(0, len(sections[si]["questions"]) - 1))
    sections[si]["questions"][qi]["kind"] = "free_essay"
    sections[si]["questions"][qi].pop("condition", None)
    for q in (q for s in sections for q in s["questions"]):  # conditions may point at it
        if q.get("condition", {}).get("question") == sections[si]["questions"][qi]["id"]:
            q.pop("condition")
    text = yaml.safe_dump(form, allow_unicode=True, sort_keys=False)
    expected_line = next(i for i, line in enumerate(text.splitlines(), 1) if "free_essay" in line)
    with pytest.raises(FormDefinitionError) as caught:
        load_form_text(text, source="generated.yaml")
    assert caught.value.message.key == "unknown_kind"
    assert caught.value.line == expected_line
    assert caught.value.path == f"sections[{si}].questions[{qi}].kind"
