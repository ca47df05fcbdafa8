"""The short-term unit screen ("Här på korttiden…").

The checklist module (scheduling and unit routines) is built elsewhere; until a unit
has a checklist the screen says so plainly.  ``set_checklist_provider`` is the
integration point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QVBoxLayout, QWidget
from anhorigdesk.ui.widgets import Heading, Muted


class ShortTermPage(Page):
    nav_key = "shortterm"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.provider: Callable[[], Any] | None = None
        self.heading = Heading(1.5, self)
        self.intro = Muted(self)
        self.empty = Muted(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(16)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.retranslate()

    def set_checklist_provider(self, provider: Callable[[], Any]) -> None:
        self.provider = provider

    def page_title(self) -> str:
        return self.tr("Short-term unit")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Short-term unit"))
        self.heading.setAccessibleName(self.tr("Short-term unit"))
        self.intro.setText(
            self.tr(
                "The unit's own list of what matters to carers during a stay: who does "
                "what, when, how and where, followed up each term."
            )
        )
        self.empty.setText(
            self.tr("This unit has no checklist yet. When one is defined, its stays are listed here.")
        )
