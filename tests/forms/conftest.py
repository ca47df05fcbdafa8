"""Shared fixtures for the forms core tests."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from anhorigdesk.forms import FormDefinition, FormRegistry, load_form_text

#: A small form with every question kind, conditions and flags, used across the tests.
ALL_KINDS_YAML = """\
id: all_kinds
version: 1
entry_kind: samtal
title: {sv: Alla frågetyper, en: All question kinds}
sections:
  - id: basics
    title: {sv: Grunder, en: Basics}
    questions:
      - id: name
        kind: short_text
        required: true
        max_length: 40
        text: {sv: Namn på samtalet, en: Name of the conversation}
      - id: story
        kind: long_text
        text: {sv: Berättelse, en: Story}
      - id: helps
        kind: yes_no_unsure
        required: true
        text: {sv: Hjälper du någon, en: Do you help someone}
      - id: how_often
        kind: single_choice
        required: true
        condition: {question: helps, is: "yes"}
        text: {sv: Hur ofta, en: How often}
        choices:
          - {value: daily, label: {sv: Varje dag, en: Every day}}
          - {value: weekly, label: {sv: Varje vecka, en: Every week}}
      - id: what
        kind: multi_choice
        condition: {question: helps, in: ["yes", unsure]}
        text: {sv: Med vad, en: With what}
        choices:
          - {value: meals, label: {sv: Mat, en: Meals}}
          - {value: errands, label: {sv: Ärenden, en: Errands}}
          - {value: company, label: {sv: Sällskap, en: Company}}
  - id: numbers
    title: {sv: Tal, en: Numbers}
    condition: {question: helps, not: "no"}
    questions:
      - id: heavy
        kind: scale
        required: true
        text: {sv: Hur tungt, en: How heavy}
        min_label: {sv: Lätt, en: Light}
        max_label: {sv: Tungt, en: Heavy}
      - id: hours
        kind: number
        min: 0
        max: 168
        text: {sv: Timmar i veckan, en: Hours a week}
      - id: share
        kind: number
        integer: false
        min: 0
        max: 1
        text: {sv: Andel, en: Share}
      - id: since
        kind: date
        text: {sv: Sedan, en: Since}
      - id: heavy_why
        kind: long_text
        required: true
        condition: {question: heavy, at_least: 4}
        text: {sv: Varför tungt, en: Why heavy}
  - id: checklist
    title: {sv: Lista, en: List}
    questions:
      - id: informed
        kind: checklist_item
        text: {sv: Informerad om stöd, en: Informed about support}
        routine:
          who: {sv: Kontaktpersonen, en: The contact person}
      - id: plan
        kind: repeating_group
        min_rows: 1
        max_rows: 3
        text: {sv: Plan, en: Plan}
        questions:
          - id: action
            kind: short_text
            required: true
            text: {sv: Insats, en: Action}
          - id: has_date
            kind: yes_no_unsure
            text: {sv: Datum bestämt, en: Date set}
          - id: due
            kind: date
            required: true
            condition: {question: has_date, is: "yes"}
            text: {sv: Datum, en: Date}
flags:
  - id: burden_high
    label: {sv: För tungt, en: Too heavy}
    when: {question: heavy, at_least: 4}
    schedule: {follow_up_within_days: 14, plan_review: true}
  - id: daily_and_heavy
    label: {sv: Varje dag och tungt, en: Daily and heavy}
    when:
      all:
        - {question: how_often, is: daily}
        - {question: heavy, at_least: 3}
  - id: not_informed
    label: {sv: Inte informerad, en: Not informed}
    when: {question: informed, in: [not_done, partly]}
    schedule: {follow_up_within_days: 7}
"""


@pytest.fixture(scope="session")
def all_kinds() -> FormDefinition:
    return load_form_text(ALL_KINDS_YAML, source="all_kinds.yaml")


@pytest.fixture(scope="session")
def registry() -> FormRegistry:
    return FormRegistry.load()


_VALID_ALL_KINDS_ANSWERS = {
    "name": "Hembesök i maj",
    "story": "Testperson Anka berättade om veckan.",
    "helps": "yes",
    "how_often": "daily",
    "what": ["meals", "company"],
    "heavy": 4,
    "hours": 20,
    "share": 0.5,
    "since": "2024-02-29",
    "heavy_why": "Nätterna är korta.",
    "informed": {"status": "partly", "comment": "Broschyr lämnad"},
    "plan": [
        {"action": "Prova avlösning", "has_date": "yes", "due": "2026-12-01"},
        {"action": "Samtalsgrupp", "has_date": "no"},
    ],
}


@pytest.fixture
def valid_answers() -> dict[str, Any]:
    """Answers to `all_kinds` that pass final validation (a fresh copy per test)."""
    return copy.deepcopy(_VALID_ALL_KINDS_ANSWERS)
