"""Which screens the main window gets.

The window opens with the home screen (and the entry page, whose form kinds decide which
Carer actions are enabled); every other screen is registered lazily and built, with its
connections, the first time it is visited (``MainWindow.add_lazy_pages``).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.main_window import MainWindow
from anhorigdesk.ui.pages.entry import EntryPage
from anhorigdesk.ui.pages.home import HomePage
from anhorigdesk.ui.qt import QEvent, QObject


def install_pages(window: MainWindow, ctx: AppContext) -> None:
    home = HomePage(ctx, window)
    window.add_page("home", home)
    if ctx.workspace is not None:
        window.add_lazy_pages(("carers",), lambda: _add_carers(window, ctx))
        entry = EntryPage(ctx, window)
        window.add_lazy_pages(("carer",), lambda: _add_carer(window, ctx, entry))
        window.add_lazy_pages(("carer_edit",), lambda: _add_carer_edit(window, ctx))
        window.add_page("entry", entry)
        entry.kinds_changed.connect(window.set_entry_kinds)
        window.set_entry_kinds(entry.available_kinds())
        install_forms_and_scheduling(window, ctx, home, entry)
        # printing (ui/printing): the Print… button, menu action and timeline action
        from anhorigdesk.ui.printing import install_printing

        install_printing(window, ctx)
    window.add_lazy_pages(("shortterm",), lambda: _add_short_term(window, ctx))
    window.add_lazy_pages(("sync",), lambda: _add_sync(window, ctx))
    window.add_lazy_pages(("followup",), lambda: _add_followup(window, ctx))


def _add_carers(window: MainWindow, ctx: AppContext) -> None:
    from anhorigdesk.ui.pages.carers import CarersPage

    window.add_page("carers", CarersPage(ctx, window))


def _add_carer(window: MainWindow, ctx: AppContext, entry: EntryPage) -> None:
    from anhorigdesk.ui.pages.carer import CarerPage
    from anhorigdesk.ui.scheduling.carer_panel import CarerSchedulePanel

    carer = CarerPage(ctx, window)
    window.add_page("carer", carer)
    carer.carer_opened.connect(window.set_current_carer)
    entry.kinds_changed.connect(carer.set_form_actions_available)
    carer.set_form_actions_available(entry.available_kinds())

    # the check-in panel on the carer page
    service = ctx.agenda
    assert service is not None  # installed with the pages (install_forms_and_scheduling)
    panel = CarerSchedulePanel(ctx, carer)
    panel.place_in(carer.add_panel(panel, panel.header))
    panel.open_requested.connect(window.navigate)
    panel.changed.connect(lambda: service.carer_changed(panel.carer_id))
    panel.data_changed.connect(window.data_changed)
    carer.carer_opened.connect(panel.load)
    carer.entry_activated.connect(lambda entry: window.navigate("form", {"entry": entry}))
    entry.kinds_changed.connect(lambda _kinds: panel.load(panel.carer_id))


def _add_carer_edit(window: MainWindow, ctx: AppContext) -> None:
    from anhorigdesk.ui.pages.carer_edit import CarerEditPage

    window.add_page("carer_edit", CarerEditPage(ctx, window))


def _add_short_term(window: MainWindow, ctx: AppContext) -> None:
    from anhorigdesk.ui.pages.short_term import ShortTermPage

    window.add_page("shortterm", ShortTermPage(ctx, window))


def _add_sync(window: MainWindow, ctx: AppContext) -> None:
    from anhorigdesk.ui.pages.sync import SyncPage

    window.add_page("sync", SyncPage(ctx, window))


def _add_followup(window: MainWindow, ctx: AppContext) -> None:
    """Uppföljning: the unit head's area, one tab per section: Statistik and Loggkontroll
    (``area.add_section(key, widget, title)``)."""
    from anhorigdesk.ui.followup.area import FollowUpArea
    from anhorigdesk.ui.followup.statistics_view import StatisticsView
    from anhorigdesk.ui.followup.thinning_view import ThinningDueView
    from anhorigdesk.ui.pages.log_review import LogReviewPage

    area = FollowUpArea(ctx, window)
    statistics = StatisticsView(ctx, area)
    area.add_section("statistics", statistics, statistics.section_title)
    log_review = LogReviewPage(ctx, area)
    area.add_section("log_review", log_review, log_review.page_title)
    area.add_section("thinning", thinning := ThinningDueView(ctx, area), thinning.section_title)
    window.add_page("followup", area)


def install_forms_and_scheduling(window: MainWindow, ctx: AppContext, home: HomePage, entry: EntryPage) -> None:
    """The due lists on the home screen and the daily reminder at once; the stored-response
    page, the follow-up page and the check-in panel on the carer page when first needed.
    The forms load in the background after the window shows; the due lists and the panel
    fill in once they are."""
    from anhorigdesk.ui.scheduling.due_view import DueView
    from anhorigdesk.ui.scheduling.reminder import reminder_text
    from anhorigdesk.ui.scheduling.service import AgendaService

    window.add_lazy_pages(("form",), lambda: _add_form(window, ctx))

    service = AgendaService(ctx, window)
    ctx.agenda = service
    window.add_lazy_pages(("follow_up",), lambda: _add_follow_up(window, ctx, service))
    due = DueView(home)
    home.install_due_view(due)
    due.open_requested.connect(window.navigate)
    service.agenda_loaded.connect(due.set_agenda)

    bar = window.statusBar()
    said = _SaidAgain(bar)

    def remind(mine: int, unit: int) -> None:
        # counts only, never names: screens are seen in other people's homes
        home.show_reminder(mine, unit)  # said again when the language changes
        said.show(lambda: reminder_text(mine, unit), 60_000)

    service.reminder.connect(remind)

    # The due lists follow the home screen: shown, it refreshes (after any change elsewhere);
    # and they (and the panel) fill in when the forms have loaded.
    home.refreshed.connect(service.refresh)
    # A write touching a carer (a response, an edited record, a resolved follow-up): only
    # that carer's schedule is recomputed on the next refresh.
    window.data_changed.connect(lambda: service.carer_changed(window.current_carer_id))
    entry.data_changed.connect(lambda: service.carer_changed(entry.carer_id))
    entry.kinds_changed.connect(lambda _kinds: service.refresh())


class _SaidAgain(QObject):
    """A status bar message built from counts, said again in the new language when the
    language changes while it is shown."""

    def __init__(self, bar: Any) -> None:
        super().__init__(bar)
        self.bar = bar
        self.text = ""
        self.make: Any = None
        self.timeout = 0
        bar.installEventFilter(self)

    def show(self, make: Any, timeout: int) -> None:
        self.make, self.timeout = make, timeout
        self.text = make()
        self.bar.showMessage(self.text, timeout)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (event.type() == QEvent.Type.LanguageChange and self.make is not None and self.text
                and self.bar.currentMessage() == self.text):
            self.show(self.make, self.timeout)
        return False


def _add_form(window: MainWindow, ctx: AppContext) -> None:
    from anhorigdesk.ui.pages.form_page import FormPage

    window.add_page("form", FormPage(ctx, window))


def _add_follow_up(window: MainWindow, ctx: AppContext, service: Any) -> None:
    from anhorigdesk.ui.scheduling.follow_up_page import FollowUpPage

    follow_up = FollowUpPage(ctx, window)
    window.add_page("follow_up", follow_up)
    follow_up.data_changed.connect(lambda: service.carer_changed(follow_up.carer_id))
