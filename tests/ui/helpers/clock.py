"""Helpers of the ui_features tests: the clock offset and the test passphrase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PASSPHRASE = "en lang testfras"  # ASCII: QTest.keyClicks cannot type å


def days_from_now(days: int) -> datetime:
    """Carers are registered "now" by the store; tests move the app's clock from there."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)
