"""Scheduling rules read from the form definitions.

The check-in form (``frivillighet``) gives the regular interval, the stödplan form gives the
review interval of a plan without a review date, and every flag a form declares gives what
it schedules (``follow_up_within_days``, ``plan_review``) and its label.
"""

from __future__ import annotations

from collections.abc import Iterable

from anhorigdesk.forms import FormDefinition, FormRegistry

from .rules import CHECKIN_FORM, PLAN_FORM, FlagAction, ScheduleRules


def rules_from_forms(
    forms: Iterable[FormDefinition],
    *,
    checkin_form: str = CHECKIN_FORM,
    plan_form: str = PLAN_FORM,
    **numbers: int,
) -> ScheduleRules:
    """Rules from these definitions; a later definition of the same form id overrides.

    ``numbers`` sets the event delays (``after_plan_days`` …) of :class:`ScheduleRules`.
    """
    actions: dict[tuple[str, str], FlagAction] = {}
    intervals: dict[str, int | None] = {}
    for form in forms:
        intervals[form.id] = form.schedule.interval_months
        for flag in form.flags:
            actions[(form.id, flag.id)] = FlagAction(
                form_id=form.id,
                flag_id=flag.id,
                label=flag.label,
                follow_up_within_days=flag.schedule.follow_up_within_days,
                plan_review=flag.schedule.plan_review,
            )
    checkin_every = intervals.get(checkin_form)
    if checkin_every is not None:
        numbers.setdefault("checkin_every_months", checkin_every)
    plan_every = intervals.get(plan_form)
    if plan_every is not None:
        numbers.setdefault("plan_review_every_months", plan_every)
    return ScheduleRules(flags=actions, **numbers)  # type: ignore[arg-type]


def rules_from_registry(registry: FormRegistry, **numbers: int) -> ScheduleRules:
    """Rules from every version the registry knows, the current one of each form winning.

    Older versions count too, so a flag raised by an old response whose form has since
    dropped that flag keeps its own follow-up time and label.
    """
    definitions: list[FormDefinition] = []
    for current in registry.forms():
        older = [d for d in registry.versions(current.id) if d is not current]
        definitions.extend(older)
        definitions.append(current)
    return rules_from_forms(definitions, **numbers)
