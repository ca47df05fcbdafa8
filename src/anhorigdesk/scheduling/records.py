"""What scheduling reads: a carer's scheduling state and the history of their events.

Plain frozen dataclasses, checked on creation. Times are aware datetimes (UTC in storage);
ids are strings (UUIDv7 in the store). Free-text fields (reasons, resolutions) may hold
personal data and are therefore never quoted in an error message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .clock import require_aware
from .rules import CHECKIN_FORM, PLAN_FORM, check_interval_months
from .texts import ended_because_codes


class SettingKind(StrEnum):
    """What a schedule record says about the check-ins from its time on."""

    PAUSE = "pause"  # no check-ins until a date
    DECLINE = "decline"  # the carer declines check-ins, until reopened
    CLOSE = "close"  # caring has ended: the schedule is closed, until reopened
    REOPEN = "reopen"  # ends a pause, a decline or a closure


@dataclass(frozen=True, slots=True)
class StaffAssignment:
    """The carer's support contact (stödkontakt) and the unit they work in (if known)."""

    staff_id: str
    unit_id: str | None = None

    def __post_init__(self) -> None:
        if not self.staff_id:
            raise ValueError("StaffAssignment: staff_id is empty")


@dataclass(frozen=True, slots=True)
class ScheduleSetting:
    """A decision about a carer's check-ins, recorded with who, when and why."""

    id: str
    kind: SettingKind
    at: datetime
    by_staff_id: str
    reason: str = ""
    until: date | None = None  # pause only: the first day check-ins may be due again
    ended_because: str | None = None  # close only: a code of texts.ended_because_codes()

    def __post_init__(self) -> None:
        where = f"schedule record {self.id!r}"
        if not self.id:
            raise ValueError("schedule record: id is empty")
        object.__setattr__(self, "kind", SettingKind(self.kind))
        require_aware(self.at, f"{where}.at")
        if not self.by_staff_id:
            raise ValueError(f"{where}: by_staff_id is empty (who recorded it?)")
        if self.kind is SettingKind.PAUSE:
            if not isinstance(self.until, date) or isinstance(self.until, datetime):
                raise ValueError(f"{where}: a pause needs an 'until' date")
        elif self.until is not None:
            raise ValueError(f"{where}: only a pause has an 'until' date, not a {self.kind.value}")
        if self.kind is SettingKind.CLOSE:
            if self.ended_because not in ended_because_codes():
                raise ValueError(
                    f"{where}: closing needs ended_because, one of {sorted(ended_because_codes())}; "
                    f"got {self.ended_because!r}"
                )
        elif self.ended_because is not None:
            raise ValueError(f"{where}: only closing has ended_because, not a {self.kind.value}")
        if self.kind in (SettingKind.PAUSE, SettingKind.DECLINE) and not self.reason.strip():
            raise ValueError(f"{where}: a {self.kind.value} needs a reason")


@dataclass(frozen=True, slots=True)
class CarerSchedulingState:
    """Who owns a carer's due items and what has been decided about their check-ins."""

    carer_id: str
    registered_at: datetime  # when the carer became known: the first check-in is due then
    unit_ids: tuple[str, ...]
    support_contact: StaffAssignment | None = None
    interval_months: int | None = None  # per-carer override of the form's interval
    settings: tuple[ScheduleSetting, ...] = ()

    def __post_init__(self) -> None:
        where = f"carer {self.carer_id!r}"
        if not self.carer_id:
            raise ValueError("carer scheduling state: carer_id is empty")
        require_aware(self.registered_at, f"{where}.registered_at")
        object.__setattr__(self, "unit_ids", tuple(self.unit_ids))
        if self.interval_months is not None:
            check_interval_months(self.interval_months, f"{where}.interval_months")
        object.__setattr__(self, "settings", tuple(self.settings))

    @property
    def owner_staff_id(self) -> str | None:
        return self.support_contact.staff_id if self.support_contact else None

    @property
    def owner_unit_id(self) -> str | None:
        """The support contact's unit, else the carer's first unit (None if they have none)."""
        if self.support_contact is not None and self.support_contact.unit_id:
            return self.support_contact.unit_id
        return self.unit_ids[0] if self.unit_ids else None

    def current_setting(self) -> ScheduleSetting | None:
        """The latest schedule record (by time, then id), which decides the current status."""
        if not self.settings:
            return None
        return max(self.settings, key=lambda s: (s.at, s.id))


# --- history events -------------------------------------------------------------------------


def _check_event(kind: str, event_id: str, at: datetime) -> None:
    if not event_id:
        raise ValueError(f"{kind}: id is empty")
    require_aware(at, f"{kind} {event_id!r}.at")


def _check_flags(kind: str, event_id: str, flags: tuple[str, ...]) -> tuple[str, ...]:
    flags = tuple(flags)
    for flag in flags:
        if not isinstance(flag, str) or not flag:
            raise ValueError(f"{kind} {event_id!r}: flag ids must be non-empty strings")
    return flags


@dataclass(frozen=True, slots=True)
class CheckinDone:
    """A voluntariness check-in held (a form response), with the flags its answers raised."""

    id: str
    at: datetime
    flags: tuple[str, ...] = ()
    form_id: str = CHECKIN_FORM

    def __post_init__(self) -> None:
        _check_event("check-in", self.id, self.at)
        object.__setattr__(self, "flags", _check_flags("check-in", self.id, self.flags))


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """A new or revised stödplan, its review date and the flags its answers raised."""

    id: str
    at: datetime
    review_date: date | None = None
    flags: tuple[str, ...] = ()
    form_id: str = PLAN_FORM

    def __post_init__(self) -> None:
        _check_event("stödplan version", self.id, self.at)
        if self.review_date is not None and (
            not isinstance(self.review_date, date) or isinstance(self.review_date, datetime)
        ):
            raise ValueError(f"stödplan version {self.id!r}: review_date must be a date")
        object.__setattr__(self, "flags", _check_flags("stödplan version", self.id, self.flags))


@dataclass(frozen=True, slots=True)
class SituationChange:
    """A change recorded in the carer's situation (health, work, living, the caring itself)."""

    id: str
    at: datetime

    def __post_init__(self) -> None:
        _check_event("situation change", self.id, self.at)


@dataclass(frozen=True, slots=True)
class ShortTermStayEnded:
    """The end of a short-term stay (korttid) of the person the carer cares for."""

    id: str
    at: datetime

    def __post_init__(self) -> None:
        _check_event("korttid stay", self.id, self.at)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a person did about a follow-up task."""

    text: str
    by_staff_id: str
    at: datetime

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("resolution: say what was done (the text is empty)")
        object.__setattr__(self, "text", self.text.strip())
        if not self.by_staff_id:
            raise ValueError("resolution: by_staff_id is empty (who resolved it?)")
        require_aware(self.at, "resolution.at")


@dataclass(frozen=True, slots=True)
class FollowUpTask:
    """A raised flag acted on: a follow-up that stays on the carer until it is resolved.

    One task per (entry id, flag id); its id is derived from that pair so that creating it twice,
    on one laptop or on two, gives the same task.
    """

    id: str
    carer_id: str
    entry_id: str
    form_id: str
    flag_id: str
    raised_at: datetime
    due_on: date
    plan_review: bool = False
    resolution: Resolution | None = None

    def __post_init__(self) -> None:
        where = f"follow-up task {self.id!r}"
        if not (self.id and self.carer_id and self.entry_id and self.form_id and self.flag_id):
            raise ValueError(
                f"{where}: id, carer_id, entry_id, form_id and flag_id must all be given"
            )
        require_aware(self.raised_at, f"{where}.raised_at")
        if not isinstance(self.due_on, date) or isinstance(self.due_on, datetime):
            raise ValueError(f"{where}: due_on must be a date")

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry_id, self.flag_id)

    @property
    def is_open(self) -> bool:
        return self.resolution is None


@dataclass(frozen=True, slots=True)
class CarerHistory:
    """Everything that happened to one carer that scheduling reacts to."""

    checkins: tuple[CheckinDone, ...] = ()
    plan_versions: tuple[PlanVersion, ...] = ()
    situation_changes: tuple[SituationChange, ...] = ()
    short_term_stays_ended: tuple[ShortTermStayEnded, ...] = ()
    follow_up_tasks: tuple[FollowUpTask, ...] = ()

    def __post_init__(self) -> None:
        for name in (
            "checkins",
            "plan_versions",
            "situation_changes",
            "short_term_stays_ended",
            "follow_up_tasks",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))
