"""A profile filled with fictional demo data never passes for a real one (issue 20, item 7).

It is marked "Demo – fiktiva uppgifter" in the profile picker, the window title and the
status bar, and sign-in to a sync server is not offered at all: no sync controller is
built for it, the sync screen says why, and "Sync now" is off. (The core refuses to sign a
demo profile in too: ``sync/account.py``.) Whether a profile holds demo data is kept in its
database (``meta``) and, for the picker, in its profile.json (``Profile.demo``).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.qt import QCoreApplication, QLabel, QWidget


def is_demo(session_or_profile: Any) -> bool:
    """A Session (its profile) or a Profile that holds demo data."""
    profile = getattr(session_or_profile, "profile", session_or_profile)
    return bool(getattr(profile, "demo", False))


def demo_text() -> str:
    return QCoreApplication.translate("DemoMark", "Demo – fictitious data")


def never_synced_text() -> str:
    return QCoreApplication.translate(
        "DemoMark", "This profile holds fictional demo data and is never synced, so that the invented carers "
        "do not reach your colleagues. Create a profile without demo data to sign in to a sync server.")


class DemoBadge(QLabel):
    """The status bar's mark: bold, on a tint that reads on light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBadge")
        self.setStyleSheet("QLabel#demoBadge { font-weight: bold; padding: 1px 8px; border-radius: 3px;"
                           " background: #f6d776; color: #3b2f00; }")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(demo_text())
        self.setToolTip(never_synced_text())
        self.setAccessibleName(demo_text())
