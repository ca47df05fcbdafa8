"""What the form and scheduling screens share: the form registry, the clock, the agenda.

``shared_registry(ctx)`` is the forms the entry page loaded after start; ``app_clock(ctx)`` is the
clock every screen asks for "now" (the workspace's; a test sets a ``FixedClock`` in ``ctx.clock``
before the profile opens).
:class:`AgendaService` computes the due lists off the GUI thread (task runner) and, once a
day, emits a reminder with counts only, never names: screens are seen in other homes.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import TYPE_CHECKING, Any

from anhorigdesk.scheduling import Clock, local_date
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import QObject, QTimer, Signal
from anhorigdesk.ui.tasks import TaskContext

if TYPE_CHECKING:  # the agenda pulls in the forms (schema checking): loaded on first use,
    # after the main window is up, not on the way to it
    from anhorigdesk.scheduling.book import ScheduleBook
    from anhorigdesk.workspace import Workspace
    from anhorigdesk.workspace.agenda import Agenda

log = logging.getLogger("anhorigdesk.ui.scheduling")

#: how often the service looks whether a new day has begun (then refreshes and reminds)
DAY_CHECK_MS = 10 * 60_000


def shared_registry(ctx: AppContext, *, load: bool = False) -> Any:
    """The application's form registry (``Workspace.form_registry``: built-in, the published
    municipality bundle's and the unit's own forms), or None while the
    background load after start has not finished. ``load`` loads it now instead (on the
    calling thread): for a screen the user opened before the forms were in.
    """
    workspace = ctx.workspace
    registry = workspace.forms if workspace is not None else None
    if registry is None and load:
        from anhorigdesk.ui.pages.entry import load_form_registry

        registry = load_form_registry(workspace)
        if registry is not None and workspace is not None:
            workspace.forms = registry
    return registry


def app_clock(ctx: AppContext) -> Clock:
    """The open workspace's clock (the context's before a profile opens)."""
    return ctx.workspace.clock if ctx.workspace is not None else ctx.clock


class AgendaService(QObject):
    """The due lists from the workspace's ScheduleBook (``Workspace.schedule_book``: the due
    items kept in the store, brought up to date in the background once the forms have
    loaded; before that, right after start, the stored items if they are whole:
    ``Workspace.stored_agenda``); reminds once a day of what is overdue.

    ``carer_changed(id)`` after a write that touches a carer (a response, a decision, a
    resolved follow-up): the next refresh recomputes those carers in the book. The whole
    book is rebuilt on a new day and at least every ``FULL_RELOAD_S`` seconds (entries
    synced in from other laptops), off the GUI thread, and then replaces the app's book.

    ``agenda_loaded(Agenda)`` after every refresh; ``reminder(int, int)`` with (mine, unit's)
    overdue counts, at most once per local day and only when something is overdue.
    """

    agenda_loaded = Signal(object)
    reminder = Signal(int, int)
    failed = Signal(object)

    FULL_RELOAD_S = 300

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agenda: Agenda | None = None
        self._book_seen: Any = None  # the book of the last refresh
        self._fresh_at: float | None = None  # when that book was known to be whole
        #: how many times this service rebuilt the whole book (the rest were per-carer)
        self.full_loads = 0
        self._changed: set[str] = set()
        self._reminded_on: date | None = None
        self._loaded_on: date | None = None
        self._loading = False
        self._in_flight: tuple[bool, Workspace, set[str]] | None = None
        self._again = False
        self._stored_asked: Any = None  # the workspace whose stored items were asked for
        self._burst = QTimer(self)
        self._burst.setSingleShot(True)
        self._burst.setInterval(0)
        self._burst_ids: set[str] = set()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()

    def today(self) -> date:
        clock = app_clock(self.ctx)
        return local_date(clock.now(), clock.tz)

    def carer_changed(self, carer_id: str | None) -> None:
        """A write touched this carer: their items are recomputed and the lists brought up to
        date at once (in the background; the rows of that carer change in place), so the home
        screen is current whenever it is shown next."""
        if not carer_id:
            return
        if self._burst.isActive() and carer_id in self._burst_ids:
            return  # another signal of the same save (the page's and the window's)
        self._changed.add(carer_id)
        if self.agenda is not None:
            self._burst_ids = ({carer_id} | self._burst_ids) if self._burst.isActive() else {carer_id}
            self._burst.start()  # the signals of this event-loop turn are one save
            # Now, not on a timer: the save's signal comes before the screen it opens next,
            # whose loading would otherwise run first on the screens' one worker thread.
            self.refresh()

    def refresh(self) -> None:
        session = self.ctx.workspace
        registry = shared_registry(self.ctx)
        book = session.schedule_book if session is not None else None
        if session is None or session.repository is None:
            return
        if registry is None or book is None:
            # Right after start: the items kept in the store, if they are whole, while the
            # forms load and the book is brought up to date (the app asks the home screen to
            # refresh once it is).
            self._show_stored(session)
            return
        if self._loading:
            self._again = True  # one more round after this one: the store changed meanwhile
            return
        self._loading = True
        now = app_clock(self.ctx).now()
        if book is not self._book_seen:  # a book the app built just now is whole
            self._book_seen, self._fresh_at = book, time.monotonic()
        stale = (self._fresh_at is None or time.monotonic() - self._fresh_at > self.FULL_RELOAD_S
                 or (self._loaded_on is not None and self._loaded_on != self.today()))
        changed, self._changed = set(self._changed), set()
        shown = self.agenda

        def work(_ctx: TaskContext) -> tuple[ScheduleBook, Agenda]:
            if stale:
                current = session.build_schedule_book(registry)
                return current, session.agenda(current, now)
            # the changed carers recomputed; the lists shown patched with their rows (or
            # the same lists when nothing changed, or read afresh when others changed too)
            return book, session.refresh_agenda(shown, changed, book, now)

        # one load at a time (``_loading``): what its answer needs waits here. Bound methods,
        # not lambdas: Qt drops the connection when this service is deleted (the profile
        # closed while the load ran), so a late answer never reaches a deleted object.
        self._in_flight = (stale, session, changed)
        task = self.ctx.runner.submit(work, name="load_agenda")
        task.finished.connect(self._load_finished)
        task.failed.connect(self._load_failed)

    def _show_stored(self, session: Workspace) -> None:
        if self.agenda is not None or self._loading or self._stored_asked is session:
            return
        self._stored_asked = session
        now = app_clock(self.ctx).now()
        task = self.ctx.runner.submit(lambda _ctx: session.stored_agenda(now), name="stored_agenda")
        task.finished.connect(self._stored_loaded)

    def _stored_loaded(self, agenda: Agenda | None) -> None:
        # Only until the book's first answer: that one is as new or newer.
        if agenda is None or self.agenda is not None or self._loading:
            return
        self.agenda = agenda
        self.agenda_loaded.emit(agenda)

    def _load_finished(self, result: tuple[ScheduleBook, Agenda]) -> None:
        assert self._in_flight is not None
        stale, session, _changed = self._in_flight
        self._loaded(result, stale, session)

    def _load_failed(self, exc: BaseException) -> None:
        assert self._in_flight is not None
        _stale, _session, changed = self._in_flight
        self._failed(exc, changed)

    def _loaded(self, result: tuple[ScheduleBook, Agenda], stale: bool, workspace: Workspace) -> None:
        self._loading = False
        book, agenda = result
        if stale:
            workspace.schedule_book = book  # the app's per-carer refreshes use it too
            self._book_seen, self._fresh_at = book, time.monotonic()
            self.full_loads += 1
        self.agenda = agenda
        self._loaded_on = self.today()
        self.agenda_loaded.emit(agenda)
        mine, unit = agenda.overdue_counts
        if (mine or unit) and self._reminded_on != self._loaded_on:
            self._reminded_on = self._loaded_on
            self.reminder.emit(mine, unit)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException, changed: set[str]) -> None:
        self._loading = False
        self._again = False
        self._changed |= changed  # tried again on the next refresh
        self.failed.emit(exc)

    def _check_day(self) -> None:
        if self._loaded_on is not None and self.today() != self._loaded_on:
            self.refresh()
