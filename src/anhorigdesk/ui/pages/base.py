"""What every screen in the main window's stack offers."""

from __future__ import annotations

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import QEvent, QWidget, Signal


class Page(QWidget):
    """A screen. Subclasses build widgets in ``__init__`` (create, connect, assemble)
    and set every text in ``retranslate``, which runs again on a language change."""

    # the sidebar entry this page belongs to ("home", "carers", "shortterm", "sync")
    nav_key = "home"
    # emitted when the page wants the window to show something (see MainWindow.navigate)
    navigate = Signal(str, object)
    # a short, non-personal status message for the status bar
    status_message = Signal(str)
    # something was written to the store (the status bar's pending count may change)
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # The open profile this page was built for (pages are built per session; the
        # context's session becomes None when the application shuts down).
        self.workspace = ctx.workspace

    def page_title(self) -> str:
        """The page's name for the window title. Never personal data."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def on_shown(self, argument: object = None) -> None:
        """Called when the window shows this page (argument from ``navigate``)."""

    def on_lock(self) -> None:
        """Called before the window locks: save drafts, drop nothing the user typed."""

    def has_unsaved_changes(self) -> bool:
        return False

    def save_draft_now(self) -> None:
        """Write what the user typed as a draft (called on lock and on quit)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
