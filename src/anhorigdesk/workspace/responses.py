"""Form responses: finishing a form into a timeline entry, and opening one as it was made.

:func:`submit_response` is the one way a filled-in form becomes an entry. In the core, not in
a widget: the answers are validated for good (``validate_answers(final=True)``), the exact
definition is remembered in the store (so the response opens as it was made after the form
changes), and in ONE transaction the entry is written, every flag its answers raise becomes a
follow-up task (the scheduling package's ``follow_up_task`` records) — unless an open task of
the same flag already follows it up (``scheduling.already_followed_up``, the same rule for every
form) — and the draft it came from is discarded. A flag is therefore never stored without its task, nor a task without
its response.

:func:`open_response` gives back the definition a stored response was made with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from anhorigdesk.forms import (
    AnswerProblem,
    FormDefinition,
    FormRegistry,
    raised_flags,
    strip_hidden,
    validate_answers,
)
from anhorigdesk.i18n import current_language
from anhorigdesk.scheduling import ScheduleRules, tasks_for_flagged_entry
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import carer_follow_ups, follow_up_changes
from anhorigdesk.store import Actor, Repository, entry_change
from anhorigdesk.store.ids import uuid7

CONFIDENTIALITY = ("carer_only", "shareable")


class ResponseInvalid(ValueError):
    """The answers do not pass the form's final check; ``problems`` says where and what."""

    def __init__(self, form_id: str, problems: list[AnswerProblem]) -> None:
        self.form_id = form_id
        self.problems = problems
        super().__init__(self.text(current_language()))

    def text(self, lang: str) -> str:
        lines = [f"{p.path or p.question_id}: {p.text(lang)}" for p in self.problems]
        head = (f"Formuläret {self.form_id} kan inte sparas:" if lang == "sv"
                else f"The form {self.form_id} cannot be saved:")
        return "\n".join([head, *lines])

    def localized(self, lang: str) -> str:
        """The message in ``lang`` (what the screens show)."""
        return self.text(lang)


@dataclass(frozen=True)
class SubmittedResponse:
    """What :func:`submit_response` wrote: the entry and the follow-up tasks of its flags."""

    entry_id: str
    flag_ids: tuple[str, ...]
    task_ids: tuple[str, ...]


def submit_response(
    repo: Repository,
    registry: FormRegistry,
    actor: Actor,
    carer_id: str,
    form: FormDefinition,
    answers: Mapping[str, Any],
    *,
    confidentiality: str = "carer_only",
    draft_id: str | None = None,
    now: datetime,
    rules: ScheduleRules | None = None,
) -> str:
    """Validate and store a finished form on the carer's timeline; return the entry id.

    Raises :class:`ResponseInvalid` (listing every problem) when the answers do not pass.
    """
    return submit_response_details(
        repo, registry, actor, carer_id, form, answers, confidentiality=confidentiality,
        draft_id=draft_id, now=now, rules=rules,
    ).entry_id


def submit_response_details(
    repo: Repository,
    registry: FormRegistry,
    actor: Actor,
    carer_id: str,
    form: FormDefinition,
    answers: Mapping[str, Any],
    *,
    confidentiality: str = "carer_only",
    draft_id: str | None = None,
    now: datetime,
    rules: ScheduleRules | None = None,
) -> SubmittedResponse:
    """:func:`submit_response`, returning also the flags raised and the tasks created."""
    if now.tzinfo is None:
        raise ValueError("submit_response: 'now' must be an aware datetime (UTC)")
    if confidentiality not in CONFIDENTIALITY:
        raise ValueError(
            f"submit_response: confidentiality must be one of {CONFIDENTIALITY}, got {confidentiality!r}"
        )
    if not form.entry_kind:
        raise ValueError(f"submit_response: form {form.id!r} has no entry_kind")
    problems = validate_answers(form, answers, final=True)
    if problems:
        raise ResponseInvalid(form.id, problems)
    kept = strip_hidden(form, answers)
    stored = registry.stored_version(form)
    repo.remember_form_version(stored.fingerprint, stored.form_id, stored.version,
                               stored.canonical_json)
    entry_id = uuid7()
    flags = [f.flag_id for f in raised_flags(form, kept)]
    response = entry_change(
        actor, carer_id, form.entry_kind, dict(kept), occurred_at=now,
        confidentiality=confidentiality, form_id=form.id, form_version=form.version,
        form_fingerprint=form.fingerprint, entry_id=entry_id,
    )
    # One rule for every form: a flag the carer's open follow-up of the same flag already
    # covers (raised by a check-in, a stödplan, …) gets no second task.
    existing = carer_follow_ups(repo, [carer_id])[carer_id] if flags else []
    tasks = tasks_for_flagged_entry(
        carer_id, entry_id, form.id, now, flags, rules or rules_from_registry(registry),
        existing=existing,
    )
    changes = [response, *follow_up_changes(tasks)]
    repo.add_entries(actor, carer_id, changes, draft_id=draft_id)
    return SubmittedResponse(entry_id, tuple(flags), tuple(t.id for t in tasks))


def open_response(repo: Repository, registry: FormRegistry, entry: Mapping[str, Any]) -> FormDefinition:
    """The definition a stored response was made with (by its fingerprint).

    Looks in the registry first, then feeds the store's remembered versions into it.
    Raises ``KeyError`` when the entry is not a form response or its version is unknown.
    """
    form_id = entry.get("form_id")
    if not form_id:
        raise KeyError(("no form", entry.get("kind")))
    version, fingerprint = entry.get("form_version"), entry.get("form_fingerprint")
    try:
        return registry.get(form_id, version, fingerprint)
    except KeyError:
        pass
    for row in repo.form_versions():
        if row["fingerprint"] == fingerprint or (fingerprint is None and row["form_id"] == form_id):
            registry.add_stored(row["definition"], row["fingerprint"])
    return registry.get(form_id, version, fingerprint)


__all__ = [
    "ResponseInvalid",
    "SubmittedResponse",
    "open_response",
    "submit_response",
    "submit_response_details",
]
