"""Helpers of the scheduling tests: fictional staff, units, carers and flag rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from anhorigdesk.scheduling import (
    STOCKHOLM,
    CarerSchedulingState,
    FlagAction,
    LocalText,
    StaffAssignment,
)

# Fictional staff and units of the tests.
STAFF_A = "staff-alva"
STAFF_B = "staff-bruno"
UNIT_NORTH = "unit-north"
UNIT_SOUTH = "unit-south"


def local(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware UTC instant at a local Stockholm wall-clock time."""
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM).astimezone(UTC)


def carer_state(
    carer_id: str = "carer-1",
    registered: date = date(2026, 1, 10),
    staff: str | None = STAFF_A,
    unit: str = UNIT_NORTH,
    **kwargs: object,
) -> CarerSchedulingState:
    contact = StaffAssignment(staff, unit) if staff is not None else None
    return CarerSchedulingState(
        carer_id=carer_id,
        registered_at=local(registered),
        unit_ids=(unit,),
        support_contact=contact,
        **kwargs,  # type: ignore[arg-type]
    )


FLAG_RULES = (
    FlagAction(
        "frivillighet",
        "not_voluntary",
        LocalText.of(
            {"sv": "Omsorgen känns inte frivillig", "en": "The caring does not feel voluntary"}
        ),
        follow_up_within_days=14,
        plan_review=True,
    ),
    FlagAction(
        "frivillighet",
        "burden_high",
        LocalText.of({"sv": "Omsorgen är mycket tung", "en": "The caring is very heavy"}),
        follow_up_within_days=14,
        plan_review=True,
    ),
    FlagAction(
        "frivillighet",
        "wants_to_reduce_or_stop",
        LocalText.of({"sv": "Vill minska eller sluta", "en": "Wants to reduce or stop"}),
        follow_up_within_days=7,
        plan_review=False,
    ),
)
