"""The Uppföljning area: one screen in the sidebar, a tab per section.

A section is any widget with a title function: ``area.add_section("statistics", view,
view.section_title)``. The statistics (Statistik) come first; the access-log review
(Loggkontroll) is added the same way in ``ui/pages/registry.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QTabWidget, QVBoxLayout, QWidget
from anhorigdesk.ui.widgets import Heading


class FollowUpArea(Page):
    nav_key = "followup"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = Heading(1.5, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("followupTabs")
        self.tabs.currentChanged.connect(self._tab_shown)
        self._sections: dict[str, tuple[QWidget, Callable[[], str]]] = {}
        body = QVBoxLayout(self)
        body.setContentsMargins(24, 20, 24, 20)
        body.addWidget(self.heading)
        body.addWidget(self.tabs, 1)
        self.retranslate()

    def add_section(self, key: str, widget: QWidget, title: Callable[[], str]) -> None:
        """Add a tab; ``title`` gives its (translated) name, asked again on a language change."""
        if key in self._sections:
            raise ValueError(f"a follow-up section named {key!r} is already added")
        self._sections[key] = (widget, title)
        self.tabs.addTab(widget, title())

    def section(self, key: str) -> QWidget:
        return self._sections[key][0]

    def show_section(self, key: str) -> None:
        self.tabs.setCurrentWidget(self._sections[key][0])

    def on_shown(self, argument: object = None) -> None:
        if isinstance(argument, str) and argument in self._sections:
            self.show_section(argument)
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, _index: int) -> None:
        """A section that is a page (the log review) hears when it is shown, as pages do."""
        on_shown = getattr(self.tabs.currentWidget(), "on_shown", None)
        if on_shown is not None:
            on_shown()

    def page_title(self) -> str:
        return self.tr("Follow-up")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Follow-up"))
        for widget, title in self._sections.values():
            if isinstance(widget, Page):  # a page inside the area retranslates with it
                widget.retranslate()
            self.tabs.setTabText(self.tabs.indexOf(widget), title())
