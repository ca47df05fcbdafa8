"""Typed, frozen objects of a parsed form definition.

A `FormDefinition` is built by `loader.py` from a form file (or from stored canonical JSON) and
never changes afterwards. Texts in several languages are `LocalText`; everything else is
plain Python values, so the same objects can drive the screen, validation, flags and printing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .messages import DEFAULT_LANGUAGE, translate


class QuestionKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    YES_NO_UNSURE = "yes_no_unsure"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    SCALE = "scale"
    NUMBER = "number"
    DATE = "date"
    CHECKLIST_ITEM = "checklist_item"
    REPEATING_GROUP = "repeating_group"


#: The answer values of a yes_no_unsure question, in display order.
YES_NO_UNSURE_VALUES: tuple[str, ...] = ("yes", "no", "unsure")
#: The statuses of a checklist_item answer, in display order.
CHECKLIST_STATUSES: tuple[str, ...] = ("done", "partly", "not_done", "not_relevant")

#: Kinds whose answer is one of a fixed set of options (conditions compare with is/in/not …).
OPTION_KINDS = frozenset({QuestionKind.YES_NO_UNSURE, QuestionKind.SINGLE_CHOICE,
                          QuestionKind.MULTI_CHOICE, QuestionKind.CHECKLIST_ITEM})
#: Kinds whose answer is a number (conditions compare with at_least / at_most too).
NUMERIC_KINDS = frozenset({QuestionKind.SCALE, QuestionKind.NUMBER})
#: Kinds a flag rule may be based on.
FLAG_KINDS = OPTION_KINDS | NUMERIC_KINDS


@dataclass(frozen=True)
class LocalText:
    """A text in several languages; Swedish is always present."""

    texts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> LocalText:
        if DEFAULT_LANGUAGE not in mapping:
            raise ValueError("a LocalText needs a Swedish (sv) text")
        return cls(tuple(sorted(mapping.items())))

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang`, or the Swedish text when that language is missing."""
        as_dict = dict(self.texts)
        return as_dict.get(lang) or as_dict[DEFAULT_LANGUAGE]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.texts)

    def to_data(self) -> dict[str, str]:
        return dict(self.texts)

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Choice:
    value: str
    label: LocalText
    help: LocalText | None = None


@dataclass(frozen=True)
class Clause:
    """One test on one earlier question's answer.

    `op` is one of `is`, `not`, `in`, `not_in`, `at_least`, `at_most`, `answered`; `value` is
    a scalar, a tuple (for `in`/`not_in`) or a bool (for `answered`).
    """

    question: str
    op: str
    value: Any


CLAUSE_OPS: tuple[str, ...] = ("is", "not", "in", "not_in", "at_least", "at_most", "answered")


@dataclass(frozen=True)
class Condition:
    """`all` (every clause holds) or `any` (at least one holds) of one or more clauses."""

    clauses: tuple[Clause, ...]
    combine: str = "all"

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.question for c in self.clauses))


@dataclass(frozen=True)
class Routine:
    """How a unit carries out a checklist item: who does it, when, how and where."""

    who: LocalText | None = None
    when: LocalText | None = None
    how: LocalText | None = None
    where: LocalText | None = None

    def parts(self) -> list[tuple[str, LocalText]]:
        """`(part, text)` for the parts that are filled in; part is who/when/how/where."""
        return [(name, text) for name in ("who", "when", "how", "where")
                if (text := getattr(self, name)) is not None]


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    text: LocalText
    help: LocalText | None = None
    required: bool = False
    condition: Condition | None = None
    # short_text / long_text
    max_length: int | None = None
    # single_choice / multi_choice
    choices: tuple[Choice, ...] = ()
    # scale / number
    min: float | None = None
    max: float | None = None
    min_label: LocalText | None = None
    max_label: LocalText | None = None
    integer: bool = True
    unit: LocalText | None = None
    # checklist_item
    routine: Routine | None = None
    # repeating_group
    questions: tuple[Question, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    row_label: LocalText | None = None

    def option_values(self) -> tuple[str, ...]:
        """The values an answer (or a condition) may use, for the option kinds."""
        if self.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            return tuple(c.value for c in self.choices)
        if self.kind == QuestionKind.YES_NO_UNSURE:
            return YES_NO_UNSURE_VALUES
        if self.kind == QuestionKind.CHECKLIST_ITEM:
            return CHECKLIST_STATUSES
        return ()

    def option_label(self, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
        """The label shown for one option value in `lang`."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label.get(lang)
        if self.kind == QuestionKind.YES_NO_UNSURE and value in YES_NO_UNSURE_VALUES:
            return translate(f"option_{value}", lang)
        if self.kind == QuestionKind.CHECKLIST_ITEM and value in CHECKLIST_STATUSES:
            return translate(f"status_{value}", lang)
        return value

    def sub_question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: LocalText
    questions: tuple[Question, ...]
    intro: LocalText | None = None
    condition: Condition | None = None


@dataclass(frozen=True)
class FlagSchedule:
    """What a raised flag asks the scheduling to do."""

    follow_up_within_days: int | None = None
    plan_review: bool = False


@dataclass(frozen=True)
class FlagRule:
    """A flag raised when `when` holds for the answers (e.g. `not_voluntary`)."""

    id: str
    label: LocalText
    when: Condition
    schedule: FlagSchedule = field(default_factory=FlagSchedule)
    help: LocalText | None = None


@dataclass(frozen=True)
class FormSchedule:
    """The default recurrence of a form (e.g. a voluntariness check-in every 6 months)."""

    interval_months: int | None = None


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: int
    title: LocalText
    sections: tuple[Section, ...]
    entry_kind: str | None = None
    description: LocalText | None = None
    schedule: FormSchedule = field(default_factory=FormSchedule)
    flags: tuple[FlagRule, ...] = ()
    #: sha256 (hex) of the canonical JSON of this definition; set by the loader.
    fingerprint: str = field(default="", compare=False)
    #: Where it came from (a file path, or "stored" for a definition from the store).
    source: str = field(default="", compare=False)

    def questions(self) -> Iterator[Question]:
        """The top-level questions in form order (sub-questions of groups are not included)."""
        for section in self.sections:
            yield from section.questions

    def checklist_items(self) -> list[Question]:
        """The checklist items (e.g. a unit's routines), in form order."""
        return [q for q in self.questions() if q.kind == QuestionKind.CHECKLIST_ITEM]

    def question(self, question_id: str) -> Question:
        """A top-level question by id; `KeyError` if there is none."""
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section_of(self, question_id: str) -> Section:
        for section in self.sections:
            if any(q.id == question_id for q in section.questions):
                return section
        raise KeyError(question_id)

    def flag(self, flag_id: str) -> FlagRule:
        for rule in self.flags:
            if rule.id == flag_id:
                return rule
        raise KeyError(flag_id)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the title (Swedish first)."""
        langs = self.title.languages
        return ("sv", *(lang for lang in langs if lang != "sv"))
