"""Which screens the main window gets."""

from __future__ import annotations

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.main_window import MainWindow
from anhorigdesk.ui.pages.carer import CarerPage
from anhorigdesk.ui.pages.carer_edit import CarerEditPage
from anhorigdesk.ui.pages.carers import CarersPage
from anhorigdesk.ui.pages.entry import EntryPage
from anhorigdesk.ui.pages.home import HomePage
from anhorigdesk.ui.pages.shortterm import ShortTermPage
from anhorigdesk.ui.pages.sync import SyncPage


def install_pages(window: MainWindow, ctx: AppContext) -> None:
    window.add_page("home", HomePage(ctx, window))
    if ctx.session is not None:
        window.add_page("carers", CarersPage(ctx, window))
        carer = CarerPage(ctx, window)
        window.add_page("carer", carer)
        window.add_page("carer_edit", CarerEditPage(ctx, window))
        entry = EntryPage(ctx, window)
        window.add_page("entry", entry)
        carer.carer_opened.connect(window.set_current_carer)
        entry.kinds_changed.connect(carer.set_form_actions_available)
        entry.kinds_changed.connect(window.set_entry_kinds)
        carer.set_form_actions_available(entry.available_kinds())
        window.set_entry_kinds(entry.available_kinds())
        # printing (ui/printing): the Print… button, menu action and timeline action
        from anhorigdesk.ui.printing import install_printing

        install_printing(window, ctx)
    window.add_page("shortterm", ShortTermPage(ctx, window))
    window.add_page("sync", SyncPage(ctx, window))
