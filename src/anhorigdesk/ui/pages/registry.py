"""Which screens the main window gets."""

from __future__ import annotations

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.main_window import MainWindow
from anhorigdesk.ui.pages.home import HomePage
from anhorigdesk.ui.pages.shortterm import ShortTermPage
from anhorigdesk.ui.pages.sync import SyncPage


def install_pages(window: MainWindow, ctx: AppContext) -> None:
    window.add_page("home", HomePage(ctx, window))
    window.add_page("shortterm", ShortTermPage(ctx, window))
    window.add_page("sync", SyncPage(ctx, window))
