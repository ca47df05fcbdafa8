"""The numbers that decide when something is due.

The check-in interval, the plan's review interval and what each flag schedules come from
the form definitions (see :func:`.from_forms.rules_from_forms`); the delays after events are
the municipality's routine. :class:`FlagAction` is what scheduling needs to know of a flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from anhorigdesk.forms import LocalText

MAX_INTERVAL_MONTHS = 60
CHECKIN_FORM = "frivillighet"
PLAN_FORM = "stodplan"


def _whole(value: object, low: int, high: int | None = None) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )


@dataclass(frozen=True, slots=True)
class FlagAction:
    """What a raised flag of a form schedules: a follow-up within some days, a plan review.

    ``follow_up_within_days`` None: the form asks for no particular time; the follow-up task is
    still created, due after the rules' default days (a raised flag is never ignored).
    """

    form_id: str
    flag_id: str
    label: LocalText
    follow_up_within_days: int | None = None
    plan_review: bool = False

    def __post_init__(self) -> None:
        if not self.form_id or not self.flag_id:
            raise ValueError("FlagAction: form_id and flag_id must both be given")
        days = self.follow_up_within_days
        if days is not None and not _whole(days, 0):
            raise ValueError(
                f"flag {self.form_id}/{self.flag_id}: follow_up_within_days must be a whole "
                f"number >= 0, got {days!r}"
            )


def check_interval_months(value: object, where: str) -> None:
    if not _whole(value, 1, MAX_INTERVAL_MONTHS):
        raise ValueError(
            f"{where}: the interval must be 1..{MAX_INTERVAL_MONTHS} months, got {value!r}"
        )


@dataclass(frozen=True)
class ScheduleRules:
    """When check-ins, plan reviews and follow-ups fall due.

    ``checkin_every_months``: the regular check-in interval (a carer may have their own).
    ``plan_review_every_months``: when a stödplan version names no review date, it is due this
    long after the version (None: such a plan has no review).
    ``after_*_days``: how soon after an event the check-in is brought forward to.
    ``default_follow_up_days``: the follow-up time of a flag whose form names none, or that no
    form declares any more.
    ``flags``: what each (form id, flag id) schedules.
    """

    checkin_every_months: int = 6
    plan_review_every_months: int | None = None
    after_plan_days: int = 30
    after_situation_change_days: int = 14
    after_korttid_days: int = 14
    default_follow_up_days: int = 14
    flags: Mapping[tuple[str, str], FlagAction] = field(default_factory=dict)
    _by_flag: Mapping[str, FlagAction] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        check_interval_months(self.checkin_every_months, "ScheduleRules.checkin_every_months")
        if self.plan_review_every_months is not None:
            check_interval_months(
                self.plan_review_every_months, "ScheduleRules.plan_review_every_months"
            )
        for name in (
            "after_plan_days",
            "after_situation_change_days",
            "after_korttid_days",
            "default_follow_up_days",
        ):
            value = getattr(self, name)
            if not _whole(value, 0):
                raise ValueError(
                    f"ScheduleRules.{name}: expected a whole number of days >= 0, got {value!r}"
                )
        by_flag: dict[str, FlagAction] = {}
        for key, action in self.flags.items():
            if key != (action.form_id, action.flag_id):
                raise ValueError(f"ScheduleRules.flags: key {key!r} holds another flag's action")
            by_flag.setdefault(action.flag_id, action)
        object.__setattr__(self, "flags", MappingProxyType(dict(self.flags)))
        object.__setattr__(self, "_by_flag", MappingProxyType(by_flag))

    @classmethod
    def with_flags(cls, flags: Iterable[FlagAction], **numbers: int | None) -> ScheduleRules:
        actions: dict[tuple[str, str], FlagAction] = {}
        for action in flags:
            key = (action.form_id, action.flag_id)
            if key in actions:
                raise ValueError(f"ScheduleRules: flag {key[0]}/{key[1]} is declared twice")
            actions[key] = action
        return cls(flags=actions, **numbers)  # type: ignore[arg-type]

    def flag_action(self, form_id: str, flag_id: str) -> FlagAction:
        """What ``flag_id`` raised in form ``form_id`` schedules.

        A flag its form no longer declares takes the same flag of another form, else a
        follow-up after the default days: a raised flag is never dropped for want of a rule.
        """
        action = self.flags.get((form_id, flag_id)) or self._by_flag.get(flag_id)
        if action is not None:
            return action
        return FlagAction(form_id=form_id, flag_id=flag_id, label=LocalText.of({"sv": flag_id}))

    def follow_up_days(self, action: FlagAction) -> int:
        days = action.follow_up_within_days
        return self.default_follow_up_days if days is None else days
