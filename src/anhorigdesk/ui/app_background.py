"""The application's background work on the open profile: the store's integrity check once
the first screen has its content, the pending-changes count for the status bar, the forms
loaded after the window shows and every carer's schedule built from them (the workspace's
``schedule_book``), recomputed after a write — each beside the screens, yielding to their
store work. A part of :class:`~anhorigdesk.ui.app.AppController`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from anhorigdesk import i18n as core_i18n
from anhorigdesk.ui.qt import QTimer

if TYPE_CHECKING:
    from anhorigdesk.ui.app import AppController
    from anhorigdesk.workspace import Workspace

log = logging.getLogger("anhorigdesk.ui.app")

BACKGROUND_PAUSE_MAX_S = 0.25  # background work waits at most this long at a time
SCREENS_QUIET_S = 0.15  # ... and until the screens' runner has been idle this long


class BackgroundWork:
    """The background part of the app controller (a mixin of :class:`AppController`; its
    runner ``background`` is made there)."""

    def check_store_integrity(self: AppController) -> Any:
        """Once after a profile opens, when the first screen has its content: every page of
        the file is read and checked (``Database.check_integrity``, on the background runner;
        opening reads only the schema), so damage is told now, clearly, instead of as an
        error when some record is read later. Nothing is shown when the file is sound."""
        session = self.ctx.workspace
        db = getattr(getattr(session, "repository", None), "db", None)
        if db is None or not hasattr(db, "check_integrity"):
            return None
        pause = self.yield_to_screens

        def check(_ctx: Any) -> list[str]:
            pause()  # not while the screens have store work
            return db.check_integrity()

        task = self.background.submit(check, name="integrity_check")
        task.finished.connect(lambda problems: self._integrity_checked(problems, session))
        return task

    def _integrity_checked(self: AppController, problems: list[str], session: Any) -> None:
        if not problems or self.window is None or self.ctx.workspace is not session:
            return
        log.warning("the store's integrity check found %d problem(s)", len(problems))
        self.tell_damage(core_i18n.message("store.integrity_failed"))

    def refresh_status(self: AppController) -> None:
        """Pending changes for the status bar (a count, never content)."""
        session = self.ctx.workspace
        if session is None or self.window is None:
            return
        repo = session.repository
        task = self.ctx.runner.submit(lambda _ctx: repo.pending_count(), name="pending_count")
        task.finished.connect(self._got_pending)

    def _got_pending(self: AppController, count: int) -> None:
        if self.window is not None:
            self.window.set_pending_changes(count)
            sync = self.window.pages.built("sync")
            if sync is not None:
                sync.set_pending(count)

    def _after_first_screen(self: AppController, then: Callable[[], None]) -> None:
        """Call ``then`` (soon, on the GUI thread) once the screens' runner has done the
        first screen's store work and its results have been shown."""
        def idle(busy: bool) -> None:
            if not busy:
                self.ctx.runner.busy_changed.disconnect(idle)
                QTimer.singleShot(0, then)  # after the results' own slots

        self.ctx.runner.busy_changed.connect(idle)

    def _load_forms(self: AppController) -> None:
        from anhorigdesk.ui.pages.entry import load_form_registry

        entry = self.window.pages.get("entry") if self.window is not None else None
        if entry is None or entry.registry is not None:
            return
        pause = self.yield_to_screens
        workspace = self.ctx.workspace

        def load(_ctx: Any) -> Any:
            pause()  # reading the form files is Python work: not while the user types
            return load_form_registry(workspace)

        task = self.background.submit(load, name="load_forms")
        task.finished.connect(self._forms_loaded)

    def _forms_loaded(self: AppController, registry: Any) -> None:
        entry = self.window.pages.get("entry") if self.window is not None else None
        if entry is not None and entry.registry is None:
            entry.set_registry(registry)
        session = self.ctx.workspace
        if registry is None or session is None:
            return
        pause = self.yield_to_screens

        def build(_ctx: Any) -> Any:
            # Every carer's schedule in memory (about a second for 10,000 carers), so the
            # due list is one pass; built beside the screens, not before them: it waits
            # whenever the screens have store work (a search as you type, a record opening).
            return session.build_schedule_book(registry, pause=pause)

        task = self.background.submit(build, name="schedule_book")
        task.finished.connect(lambda book: self._schedule_ready(book, session))

    def _schedule_ready(self: AppController, book: Any, workspace: Workspace) -> None:
        workspace.schedule_book = book
        if workspace is not self.ctx.workspace:
            return  # the profile closed meanwhile
        home = self.window.pages.get("home") if self.window is not None else None
        if home is not None:
            home.refresh()

    def yield_to_screens(self: AppController) -> None:
        """Called by background work (on its thread) between pieces: while the screens'
        task runner has work, wait, so a keystroke's search does not share the interpreter
        with it (nor the pauses between keystrokes, ``SCREENS_QUIET_S``); never longer than
        ``BACKGROUND_PAUSE_MAX_S`` at a time."""
        self.ctx.runner.wait_until_idle(BACKGROUND_PAUSE_MAX_S, SCREENS_QUIET_S)

    def refresh_schedule(self: AppController, carer_id: str | None) -> None:
        """After a write about a carer: recompute that carer's schedule (background)."""
        workspace = self.ctx.workspace
        if workspace is None or workspace.schedule_book is None or carer_id is None:
            return
        service = self.ctx.agenda
        if service is not None and service.agenda is not None:
            return  # the due lists' service recomputes the carer at once (carer_changed)
        self.background.submit(lambda _ctx: workspace.refresh_schedules([carer_id]), name="schedule_refresh")
