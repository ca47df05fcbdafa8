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
    home = HomePage(ctx, window)
    window.add_page("home", home)
    if ctx.session is not None:
        window.add_page("carers", CarersPage(ctx, window))
        carer = CarerPage(ctx, window)
        window.add_page("carer", carer)
        window.add_page("carer_edit", CarerEditPage(ctx, window))
        entry = EntryPage(ctx, window)
        window.add_page("entry", entry)
        carer.carer_opened.connect(window.set_current_carer)
        kinds = entry.available_kinds()
        ctx.extras.setdefault("form_registry", entry.registry)  # one registry for every page
        install_forms_and_scheduling(window, ctx, home, carer)
        carer.set_form_actions_available(kinds)
        window.set_entry_kinds(kinds)
    window.add_page("shortterm", ShortTermPage(ctx, window))
    window.add_page("sync", SyncPage(ctx, window))


def install_forms_and_scheduling(window: MainWindow, ctx: AppContext, home: HomePage,
                                 carer: CarerPage) -> bool:
    """The stored-response page, the follow-up page, the due lists on the home screen, the
    check-in panel on the carer page and the daily reminder. False (nothing installed) when
    the forms cannot be loaded: the plain conversation editor then stays the only editor."""
    from anhorigdesk.ui.pages.form_page import FormPage
    from anhorigdesk.ui.scheduling.carer_panel import CarerSchedulePanel
    from anhorigdesk.ui.scheduling.due_view import DueView
    from anhorigdesk.ui.scheduling.follow_up_page import FollowUpPage
    from anhorigdesk.ui.scheduling.reminder import reminder_text
    from anhorigdesk.ui.scheduling.service import AgendaService, shared_registry

    if shared_registry(ctx) is None:
        return False
    form = FormPage(ctx, window)
    window.add_page("form", form)
    window.add_page("follow_up", FollowUpPage(ctx, window))

    service = AgendaService(ctx, window)
    ctx.extras["agenda_service"] = service
    due = DueView(home)
    home.install_due_view(due)
    due.open_requested.connect(window.navigate)
    service.agenda_loaded.connect(due.set_agenda)

    def remind(mine: int, unit: int) -> None:
        # counts only, never names: screens are seen in other people's homes
        due.show_notice(reminder_text(mine, unit, point_home=False))
        window.statusBar().showMessage(reminder_text(mine, unit), 60_000)

    service.reminder.connect(remind)

    panel = CarerSchedulePanel(ctx, carer)
    panel.place_in(carer.add_panel(panel, panel.header))
    panel.open_requested.connect(window.navigate)
    panel.changed.connect(service.refresh)
    carer.carer_opened.connect(panel.load)
    carer.entry_activated.connect(lambda entry: window.navigate("form", {"entry": entry}))

    # The due lists follow the home screen: shown, it refreshes (after any change elsewhere).
    home.refreshed.connect(service.refresh)
    return True
