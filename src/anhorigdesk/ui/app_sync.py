"""The application's sync glue: the open profile's sync controller (``ui/sync/``) started
once the first screen is quiet, hooked to the Sync screen and the status bar, and what a sync
changes followed on screen (schedules recomputed, the list on screen refreshed, the actor
after signing in, a revoked laptop). A part of :class:`~anhorigdesk.ui.app.AppController`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from anhorigdesk.ui.qt import QTimer

if TYPE_CHECKING:
    from anhorigdesk.ui.app import AppController
    from anhorigdesk.ui.main_window import MainWindow
    from anhorigdesk.ui.sync.controller import SyncController

# run_app: sync starts once the screens have been quiet this long after the first screen...
SYNC_START_QUIET_S = 0.5
SYNC_START_PATIENCE_S = 10.0  # ... or after this long, whatever
SYNC_START_POLL_MS = 100


class SyncGlue:
    """The sync part of the app controller (a mixin of :class:`AppController`; its state,
    ``sync_schedule`` and ``sync_transport_factory``, is set up there).

    ``sync``: the open profile's controller, kept in ``ctx.sync`` (the screens ask there)."""

    @property
    def sync(self: AppController) -> SyncController | None:
        return self.ctx.sync

    @sync.setter
    def sync(self: AppController, controller: SyncController | None) -> None:
        self.ctx.sync = controller

    def _start_sync_when_quiet(self: AppController, window: MainWindow) -> None:
        """Start sync once the screens have had no store work for ``SYNC_START_QUIET_S`` (or
        after ``SYNC_START_PATIENCE_S``): its modules and its first status read (tens of
        milliseconds over a large outbox) would otherwise slow the first search typed."""
        began = time.monotonic()
        timer = QTimer(self)
        timer.setInterval(SYNC_START_POLL_MS)

        def check() -> None:
            wanted = self.window is window and self.ctx.workspace is not None and self.sync is None
            ready = (self.ctx.runner.quiet_for(SYNC_START_QUIET_S)
                     or time.monotonic() - began >= SYNC_START_PATIENCE_S)
            if wanted and not ready:
                return
            timer.stop()
            timer.deleteLater()
            if wanted:
                self.start_sync(window)

        timer.timeout.connect(check)
        timer.start()

    def start_sync(self: AppController, window: MainWindow) -> Any:
        """The open profile's sync controller, hooked to the sync page and the status bar.
        A profile of demo data gets none: it is never synced, and sign-in is not offered."""
        from anhorigdesk.ui.demo_mark import is_demo

        workspace = self.ctx.workspace
        if workspace is None or is_demo(workspace):
            return None
        from anhorigdesk.ui.sync.controller import SyncController

        controller = SyncController(self.ctx, workspace, schedule=self.sync_schedule,
                                    transport_factory=self.sync_transport_factory, parent=self)
        self.sync = controller  # ctx.sync: the carer page's sync notices decide through it

        def hook_page(page: Any) -> None:
            page.set_pending(getattr(window, "_pending", None))
            page.set_controller(controller)
            window.locked_changed.connect(page.on_lock_changed)

        page = window.pages.built("sync")
        if page is not None:
            hook_page(page)
        else:  # the sync screen is built at its first visit
            window.page_added.connect(lambda name, added: hook_page(added) if name == "sync" else None)
        controller.status_changed.connect(self._sync_status)
        from anhorigdesk.sync.log_review import REVIEWER_ROLES

        controller.status_changed.connect(  # the follow-up area: a signed-in unit manager's
            lambda view: window.set_nav_visible(
                "followup", view.signed_in and view.role in REVIEWER_ROLES
            )
        )
        controller.progress.connect(self._sync_progress)
        controller.data_changed.connect(self.refresh_status)
        controller.data_changed.connect(self._sync_changed_records)
        controller.sync_finished.connect(self._sync_material)
        controller.signed_in.connect(self._sync_actor_changed)
        controller.device_revoked.connect(lambda: self._device_revoked(window))
        window.data_changed.connect(controller.note_local_change)
        window.store_pools.extend((controller.runner.pool, controller.sign_in_runner.pool))
        controller.start()
        return controller

    def _device_revoked(self: AppController, window: MainWindow) -> None:
        """The server revoked this laptop: tell the person why, then remove the profile's
        data and close (``ui/sync/revoked.py``)."""
        from anhorigdesk.ui.sync.revoked import remove_profile_after_telling

        self._status_timer.stop()
        self.revoked_notice = remove_profile_after_telling(self, window)

    def _maintenance(self: AppController, on: bool) -> None:
        """The database key is being changed (on) or the change ended: the other users of
        the store pause, then go on."""
        if on:
            self._status_timer.stop()
            if self.sync is not None:
                self.sync.pause()
            return
        self._status_timer.start()
        if self.sync is not None:
            self.sync.resume()
            self.sync.refresh_status()
        self.refresh_status()

    def _sync_status(self: AppController, view: Any) -> None:
        from anhorigdesk.ui.sync.status_panel import short_state

        if self.window is not None:
            self.window.set_sync_state(short_state(view))
            self.window.set_pending_changes(view.status.pending)

    def _sync_progress(self: AppController, done: int, total: int) -> None:
        from anhorigdesk.ui.sync.status_panel import progress_state

        if self.window is not None:
            self.window.set_sync_state(progress_state(done, total))

    def _sync_changed_records(self: AppController) -> None:
        """Records changed by a pull or a resolve: the schedules are recomputed (background)
        and a list on screen shows the changes at once."""
        workspace = self.ctx.workspace
        if workspace is not None and workspace.schedule_book is not None:
            # scans entries that arrived (flags raise follow-ups), then reloads every schedule
            task = self.background.submit(lambda _ctx: workspace.refresh_schedules(None), name="schedule_reload")
            task.finished.connect(lambda _r: self._sync_refresh_page())
        self._sync_refresh_page()

    def _sync_material(self: AppController, report: Any) -> None:
        """A sync brought a newly published municipality bundle (docs/PROTOCOL-3.md part G):
        the workspace's forms registry is built again (background) and every screen that
        holds it gets the new one; the schedules are recomputed with it."""
        workspace = self.ctx.workspace
        if workspace is None:
            return
        forms = workspace.forms
        unit_changed = forms is not None and getattr(forms, "unit_id", None) != workspace.actor.unit_id
        if not getattr(report, "material", None) and not unit_changed:
            return
        task = self.background.submit(lambda _ctx: workspace.form_registry(reload=True), name="material")
        task.finished.connect(lambda registry: self._material_loaded(workspace, registry))

    def _material_loaded(self: AppController, workspace: Any, registry: Any) -> None:
        if workspace is not self.ctx.workspace or self.window is None:
            return
        entry = self.window.pages.get("entry")
        if entry is not None:
            entry.set_registry(registry)
        page = self.window.pages.built("shortterm")
        if page is not None and hasattr(page, "reload"):
            page.reload()
        self._forms_loaded(registry)  # the schedule book, built again with the new forms

    def _sync_refresh_page(self: AppController) -> None:
        if self.window is None or self.window.locked:
            return
        page = self.window.pages.built(self.window.current_page_name)
        if self.window.current_page_name in ("carers", "home") and hasattr(page, "refresh"):
            page.refresh()
        elif self.window.current_page_name == "carer" and hasattr(page, "reload"):
            page.reload()  # the record, and its sync notices, as they now are

    def _sync_actor_changed(self: AppController) -> None:
        """After signing in the profile works as the server's user: lists follow."""
        session = self.ctx.workspace
        page = self.window.pages.built("carers") if self.window is not None else None
        model = getattr(page, "model", None)
        if session is not None and model is not None and hasattr(model, "actor"):
            model.actor = session.actor
