"""The start-of-day reminder of overdue items: counts only, never names.

Screens are seen in other people's homes, so the notice says how many items are overdue,
never for whom or what.
"""

from __future__ import annotations

from anhorigdesk.ui.qt import QCoreApplication


def reminder_text(mine: int, unit: int, *, point_home: bool = True) -> str:
    """"3 overdue items of yours, 2 more in your unit." (a count, never a name);
    ``point_home`` adds where to look (the status bar; not on the home screen itself)."""
    parts = []
    if mine:
        parts.append(QCoreApplication.translate("Reminder", "%n overdue item(s) of yours", "", mine))
    if unit:
        parts.append(QCoreApplication.translate("Reminder", "%n more in your unit", "", unit))
    if not parts:
        return ""
    counts = ", ".join(parts)
    if point_home:
        return QCoreApplication.translate("Reminder", "Reminder: %1. See the home screen.").replace("%1", counts)
    return QCoreApplication.translate("Reminder", "Overdue: %1.").replace("%1", counts)
