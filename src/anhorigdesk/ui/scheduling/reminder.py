"""The start-of-day reminder of overdue items: counts only, never names.

Screens are seen in other people's homes, so the notice says how many items are overdue,
never for whom or what.
"""

from __future__ import annotations

from anhorigdesk.ui.qt import QCoreApplication


def reminder_text(mine: int, unit: int) -> str:
    """"3 overdue items of yours, 2 more in your unit." (a count, never a name)."""
    parts = []
    if mine:
        parts.append(QCoreApplication.translate("Reminder", "%n overdue item(s) of yours", "", mine))
    if unit:
        parts.append(QCoreApplication.translate("Reminder", "%n more in your unit", "", unit))
    if not parts:
        return ""
    return QCoreApplication.translate("Reminder", "Reminder: %1. See the home screen.").replace(
        "%1", ", ".join(parts))
