"""Moving the app's clock in a test, relative to when the store registered a carer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def days_from_now(days: int) -> datetime:
    """Carers are registered "now" by the store; tests move the app's clock from there."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)
