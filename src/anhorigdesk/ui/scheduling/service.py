"""What the form and scheduling screens share: the form registry, the clock, the agenda.

``shared_registry(ctx)`` is the forms the entry page loaded after start; ``app_clock(ctx)`` is the
clock every screen asks for "now" (a test puts a ``FixedClock`` in ``ctx.extras["clock"]``).
:class:`AgendaService` computes the due lists off the GUI thread (task runner) and, once a
day, emits a reminder with counts only, never names: screens are seen in other homes.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from anhorigdesk.agenda import Agenda, load_agenda
from anhorigdesk.scheduling import Clock, SystemClock, local_date
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import QObject, QTimer, Signal
from anhorigdesk.ui.tasks import TaskContext

log = logging.getLogger("anhorigdesk.ui.scheduling")

REGISTRY_KEY = "forms"  # set by the entry page when the background load of the forms ends
CLOCK_KEY = "clock"
#: how often the service looks whether a new day has begun (then refreshes and reminds)
DAY_CHECK_MS = 10 * 60_000


def shared_registry(ctx: AppContext, *, load: bool = False) -> Any:
    """The application's form registry (built-in and municipality forms), or None while the
    background load after start has not finished. ``load`` loads it now instead (on the
    calling thread): for a screen the user opened before the forms were in.
    """
    registry = ctx.extras.get(REGISTRY_KEY)
    if registry is None and load:
        from anhorigdesk.ui.pages.entry import load_form_registry

        registry = load_form_registry()
        if registry is not None:
            ctx.extras[REGISTRY_KEY] = registry
    return registry


def app_clock(ctx: AppContext) -> Clock:
    clock = ctx.extras.get(CLOCK_KEY)
    if clock is None:
        clock = ctx.extras[CLOCK_KEY] = SystemClock()
    return clock


class AgendaService(QObject):
    """Loads the due lists in the background; reminds once a day of what is overdue.

    ``agenda_loaded(Agenda)`` after every refresh; ``reminder(int, int)`` with (mine, unit's)
    overdue counts, at most once per local day and only when something is overdue.
    """

    agenda_loaded = Signal(object)
    reminder = Signal(int, int)
    failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agenda: Agenda | None = None
        self._reminded_on: date | None = None
        self._loaded_on: date | None = None
        self._loading = False
        self._again = False
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()

    def today(self) -> date:
        clock = app_clock(self.ctx)
        return local_date(clock.now(), clock.tz)

    def refresh(self) -> None:
        session = self.ctx.session
        registry = shared_registry(self.ctx)
        if session is None or session.repository is None or registry is None:
            return
        if self._loading:
            self._again = True  # one more round after this one: the store changed meanwhile
            return
        self._loading = True
        repo, actor, now = session.repository, session.actor, app_clock(self.ctx).now()

        def work(_ctx: TaskContext) -> Agenda:
            return load_agenda(repo, registry, actor, now)

        task = self.ctx.runner.submit(work, name="load_agenda")
        task.finished.connect(self._loaded)
        task.failed.connect(self._failed)

    def _loaded(self, agenda: Agenda) -> None:
        self._loading = False
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

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._again = False
        self.failed.emit(exc)

    def _check_day(self) -> None:
        if self._loaded_on is not None and self.today() != self._loaded_on:
            self.refresh()
