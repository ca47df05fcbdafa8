"""The numbers that decide when something is due.

The check-in interval and what each flag schedules come from the form definitions; the
delays after events are the municipality's routine. Until the forms package provides them,
:class:`FlagRule` is the minimal description scheduling needs of a flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .texts import LocalText

MAX_INTERVAL_MONTHS = 60


@dataclass(frozen=True, slots=True)
class FlagRule:
    """What a raised flag schedules: a follow-up conversation within some days, a plan review."""

    flag_id: str
    label: LocalText
    follow_up_within_days: int
    plan_review: bool = False

    def __post_init__(self) -> None:
        if not self.flag_id:
            raise ValueError("FlagRule: flag_id is empty")
        if not isinstance(self.follow_up_within_days, int) or self.follow_up_within_days < 0:
            raise ValueError(
                f"FlagRule {self.flag_id!r}: follow_up_within_days must be a whole number >= 0, "
                f"got {self.follow_up_within_days!r}"
            )


def _check_days(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(
            f"ScheduleRules.{name}: expected a whole number of days >= 0, got {value!r}"
        )


def check_interval_months(value: int, where: str) -> None:
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 1 <= value <= MAX_INTERVAL_MONTHS
    ):
        raise ValueError(
            f"{where}: the check-in interval must be 1..{MAX_INTERVAL_MONTHS} months, got {value!r}"
        )


@dataclass(frozen=True)
class ScheduleRules:
    """When check-ins, plan reviews and follow-ups fall due.

    ``checkin_every_months``: the regular interval (per carer it may be overridden).
    ``after_*_days``: how soon after an event a check-in is brought forward to.
    ``default_follow_up_days``: the follow-up time of a raised flag that no form declares any
    more (a flag is never dropped because its rule is gone).
    """

    checkin_every_months: int = 6
    after_plan_days: int = 30
    after_situation_change_days: int = 14
    after_korttid_days: int = 14
    default_follow_up_days: int = 14
    flags: Mapping[str, FlagRule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_interval_months(self.checkin_every_months, "ScheduleRules.checkin_every_months")
        for name in (
            "after_plan_days",
            "after_situation_change_days",
            "after_korttid_days",
            "default_follow_up_days",
        ):
            _check_days(name, getattr(self, name))
        for key, rule in self.flags.items():
            if key != rule.flag_id:
                raise ValueError(
                    f"ScheduleRules.flags: key {key!r} holds the rule of {rule.flag_id!r}"
                )
        object.__setattr__(self, "flags", MappingProxyType(dict(self.flags)))

    @classmethod
    def with_flags(cls, flags: Iterable[FlagRule], **numbers: int) -> ScheduleRules:
        rules: dict[str, FlagRule] = {}
        for rule in flags:
            if rule.flag_id in rules:
                raise ValueError(f"ScheduleRules: flag {rule.flag_id!r} is declared twice")
            rules[rule.flag_id] = rule
        return cls(flags=rules, **numbers)

    def flag_rule(self, flag_id: str) -> FlagRule:
        """The rule of ``flag_id``; an undeclared flag still gets a follow-up (default days)."""
        rule = self.flags.get(flag_id)
        if rule is not None:
            return rule
        return FlagRule(
            flag_id=flag_id,
            label=LocalText(flag_id, flag_id),
            follow_up_within_days=self.default_follow_up_days,
            plan_review=False,
        )
