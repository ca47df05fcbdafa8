"""The app's side of sync: one controller per open profile.

``SyncController`` owns the profile's sync client and engine and a task runner of its
own (one worker thread, so a long sync never holds up the screens' reads). It

* signs the profile in and out (``sign_in``/``sign_out``, core: ``sync/account.py``);
* syncs on request (``sync_now``) and on a ``QTimer`` schedule: soon after the profile
  opens, some seconds after a local write, every few minutes, and after a failure
  again with exponential backoff and jitter (also when nothing new was written);
* cancels a running sync (``cancel``; the engine stops between batches and pages and
  the retry pause wakes at once);
* reports ``status_changed`` (a :class:`SyncView`), ``progress`` and ``running_changed``;
* lists the records that need a decision (``load_issues``: conflicting texts on carers,
  consents and follow-up tasks; records kept after a colleague deleted them) and carries
  out the decisions (``resolve``, ``keep_edited``, ``delete_after_all``; core:
  ``sync/attention.py``).

Every core call runs on a worker thread; results arrive by signal. Nothing here shows
a personal detail in a log.
"""

from __future__ import annotations

import json
import logging
import platform
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.sync import account as accounts
from anhorigdesk.sync import attention
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine, SyncReport, SyncStatus
from anhorigdesk.sync.protocol import SyncClient
from anhorigdesk.sync.replica import STATUS, Replica
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import QObject, QTimer, Signal
from anhorigdesk.ui.tasks import Task, TaskRunner
from anhorigdesk.workspace import Workspace

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("anhorigdesk.ui.sync")

AUTH_CODES = frozenset({"auth_required", "token_invalid"})


@dataclass
class SyncSchedule:
    """When the controller syncs by itself (milliseconds) and how it backs off."""

    first_ms: int = 3_000  # after the profile opens
    soon_ms: int = 20_000  # after a local write
    interval_ms: int = 5 * 60_000  # while all is well
    backoff_base_ms: int = 15_000  # first retry after a failure (before jitter)
    backoff_max_ms: int = 15 * 60_000
    enabled: bool = True
    random: Callable[[], float] = random.random

    def backoff_ms(self, failures: int) -> int:
        """Delay after ``failures`` failed syncs in a row: capped doubling, jitter 50–100 %."""
        cap = min(self.backoff_max_ms, self.backoff_base_ms * 2 ** max(0, failures - 1))
        return int(cap * (0.5 + 0.5 * self.random()))


@dataclass
class SyncView:
    """A snapshot for the status bar and the sync page (counts and codes, no personal data)."""

    linked: bool = False
    signed_in: bool = False
    server: str = ""  # host (and port) only, for display
    server_url: str = ""
    ca_bundle: str = ""
    username: str = ""
    status: SyncStatus = field(default_factory=SyncStatus)
    conflicts: int = 0  # records with conflicting texts on this computer
    kept_edits: int = 0  # records kept after a colleague deleted them while they were changed
    running: bool = False
    error: str | None = None  # code of the last failure (None after a success)
    next_sync_ms: int | None = None  # when the schedule syncs next (None: not scheduled)
    role: str = ""  # the signed-in user's role (the follow-up area is a unit manager's)


class SyncController(QObject):
    status_changed = Signal(object)  # SyncView
    progress = Signal(int, int)
    running_changed = Signal(bool)
    sync_finished = Signal(object)  # SyncReport
    signed_in = Signal()
    sign_in_failed = Signal(object)  # the exception (its code is shown, never its text)
    signed_out = Signal()
    conflicts_changed = Signal()
    data_changed = Signal()  # a resolve or a pull changed records
    # the server this profile signed in to revoked this laptop (lost or stolen): the app
    # tells the person why and removes the profile's data (``ui/sync/revoked.py``)
    device_revoked = Signal()

    def __init__(
        self,
        ctx: AppContext,
        session: Workspace,
        *,
        schedule: SyncSchedule | None = None,
        transport_factory: Callable[[], httpx.BaseTransport] | None = None,
        retry_attempts: int = 3,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.schedule = schedule or SyncSchedule()
        self.transport_factory = transport_factory
        self.retry_attempts = retry_attempts
        self.runner = TaskRunner(self, max_threads=1)
        # Sign-ins wait for the server on threads of their own: one given up (Cancel in
        # the dialog) may wait for its time-out while the person already tries again.
        self.sign_in_runner = TaskRunner(self, max_threads=2)
        self._sign_in_cancel: threading.Event | None = None
        self.client: SyncClient | None = None
        self.engine: SyncEngine | None = None
        self.view = SyncView()
        self.failures = 0
        self._cancel = threading.Event()
        self._sync_task: Task | None = None
        self._closed = False
        self._paused = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer)

    # ------------------------------------------------------------------ lifecycle
    @property
    def repo(self) -> Any:
        return self.session.repository

    def _language(self) -> str:
        return self.ctx.languages.language or "sv"

    def _transport(self) -> httpx.BaseTransport | None:
        return self.transport_factory() if self.transport_factory is not None else None

    def start(self) -> Task:
        """Open the linked account (offline: nothing is sent) and start the schedule."""
        repo, workspace, language = self.repo, self.session, self._language()
        transport = self._transport()

        def job(_ctx: Any) -> tuple[SyncClient | None, Any]:
            try:
                client = workspace.open_sync_client(transport=transport, language=language)
            except accounts.AccountError as exc:  # the certificate file is gone: sign in again
                view = self._snapshot(repo, None)
                view.error = exc.code
                return None, view
            return client, self._snapshot(repo, client)

        task = self.runner.submit(job, name="sync_open")
        task.finished.connect(self._opened)
        task.failed.connect(self._status_failed)
        return task

    def _opened(self, result: tuple[SyncClient | None, SyncView]) -> None:
        client, view = result
        self._set_client(client)
        self._publish(view)
        if client is not None and view.signed_in:
            self._schedule(self.schedule.first_ms)

    def _set_client(self, client: SyncClient | None) -> None:
        if self.client is not None and self.client is not client:
            old = self.client
            self.runner.submit(lambda _ctx: old.close(), name="sync_close_client")
        self.client = client
        policy = RetryPolicy(attempts=self.retry_attempts, base_delay=0.5, max_delay=4.0,
                             sleep=self._pause, random=self.schedule.random)
        self.engine = self.session.attach_sync(client, policy)

    def _pause(self, seconds: float) -> None:
        """The engine's retry pause; a cancel request ends it at once."""
        self._cancel.wait(seconds)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop the schedule, cancel a running sync and wait for the worker (before the store closes)."""
        self._closed = True
        self.timer.stop()
        self._cancel.set()
        self.cancel_sign_in()
        self.runner.shutdown(timeout_ms)
        self.sign_in_runner.shutdown(timeout_ms)
        if self.client is not None:
            self.client.close()
            self.client = None

    # ------------------------------------------------------------------ status
    def _snapshot(self, repo: Any, client: SyncClient | None) -> SyncView:
        """Runs on a worker: the account, the engine's status and the conflict count."""
        account = accounts.load_account(repo)
        info = accounts.describe(account)
        saved = self.session.sync_status(client) if client is not None else _status_without_client(repo)
        conflicts, kept_edits = attention.counts(repo)
        return SyncView(
            linked=account is not None,
            signed_in=client is not None and accounts.has_session(client),
            server=info.get("server", ""),
            server_url=account.server_url if account else "",
            ca_bundle=(account.ca_bundle or "") if account else "",
            username=info.get("username", ""),
            status=saved,
            conflicts=conflicts,
            kept_edits=kept_edits,
            # after signing out, a problem of the account that was is no longer news
            error=saved.last_error if account is not None else None,
            role=_role(client),
        )

    def refresh_status(self) -> Task:
        repo, client = self.repo, self.client
        task = self.runner.submit(lambda _ctx: self._snapshot(repo, client), name="sync_status")
        task.finished.connect(self._publish)
        task.failed.connect(self._status_failed)
        return task

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("sync status could not be read (%s)", type(exc).__name__)

    def _publish(self, view: SyncView) -> None:
        view.running = self._sync_task is not None
        view.next_sync_ms = self.timer.remainingTime() if self.timer.isActive() else None
        self.view = view
        self.status_changed.emit(view)

    # ------------------------------------------------------------------ schedule
    def pause(self) -> None:
        """No sync until :meth:`resume` (the database key is being changed): the schedule
        stops and a running sync is asked to stop between batches."""
        self._paused = True
        self.timer.stop()
        self.cancel()

    def resume(self) -> None:
        self._paused = False
        self._schedule(self.schedule.soon_ms)

    def _schedule(self, delay_ms: int) -> None:
        if self._closed or self._paused or not self.schedule.enabled or self.client is None:
            return
        self.timer.start(max(0, int(delay_ms)))

    def _on_timer(self) -> None:
        self.sync_now()

    def note_local_change(self) -> None:
        """Something was written here: sync soon, unless a retry after a failure waits."""
        if self.client is None or self.failures or self._sync_task is not None:
            return
        if not self.timer.isActive() or self.timer.remainingTime() > self.schedule.soon_ms:
            self._schedule(self.schedule.soon_ms)

    # ------------------------------------------------------------------ sync
    @property
    def running(self) -> bool:
        return self._sync_task is not None

    def sync_now(self) -> Task | None:
        """Start a sync on the worker (no-op while one runs or when not signed in)."""
        if self._closed or self._paused or self.engine is None or self._sync_task is not None:
            return None
        self.timer.stop()
        self._cancel = threading.Event()
        cancel, engine, repo, client = self._cancel, self.engine, self.repo, self.client

        def job(ctx: Any) -> tuple[SyncReport, SyncView]:
            report = engine.sync_once(cancel=cancel, progress=ctx.progress)
            return report, self._snapshot(repo, client)

        task = self.runner.submit(job, name="sync")
        self._sync_task = task
        task.progress.connect(self.progress)
        task.finished.connect(self._synced)
        task.failed.connect(self._sync_crashed)
        self.running_changed.emit(True)
        self.view.running = True
        self.status_changed.emit(self.view)
        return task

    def cancel(self) -> None:
        """Ask a running sync to stop (it stops between batches; a retry pause ends at once)."""
        if self._sync_task is not None:
            self._cancel.set()

    def _synced(self, result: tuple[SyncReport, SyncView]) -> None:
        report, view = result
        self._sync_task = None
        if report.device_revoked:
            self._closed = True  # never syncs again: the profile's data is to be removed
            self.timer.stop()
            self.running_changed.emit(False)
            view.error = "device_revoked"
            self._publish(view)
            self.device_revoked.emit()
            return
        if report.ok:
            self.failures = 0
            self._schedule(self.schedule.interval_ms)
        elif report.cancelled:
            self._schedule(self.schedule.interval_ms)
        elif report.error in AUTH_CODES or not view.signed_in:
            self.failures += 1  # the session ended: wait for the user to sign in again
        else:
            self.failures += 1
            self._schedule(self.schedule.backoff_ms(self.failures))
        view.error = None if report.ok else ("cancelled" if report.cancelled else report.error)
        log.info("sync done: ok=%s pushed=%d pulled=%d error=%s", report.ok, report.pushed,
                 report.pulled, report.error)
        self.running_changed.emit(False)
        self._publish(view)
        self.sync_finished.emit(report)
        if report.records or report.applied:
            self.data_changed.emit()
        self.conflicts_changed.emit()

    def _sync_crashed(self, exc: BaseException) -> None:
        self._sync_task = None
        self.failures += 1
        log.warning("sync failed with %s", type(exc).__name__)
        self._schedule(self.schedule.backoff_ms(self.failures))
        self.running_changed.emit(False)
        self.view.running = False
        self.view.error = "internal"
        self.status_changed.emit(self.view)

    def retry_rejected(self) -> Task | None:
        """Put the changes the server refused back in line (e.g. after access was granted) and sync."""
        if self.engine is None or self._sync_task is not None:
            return None
        engine = self.engine
        task = self.runner.submit(lambda _ctx: engine.retry_rejected(), name="sync_retry_rejected")
        task.finished.connect(lambda _n: self.sync_now())
        return task

    # ------------------------------------------------------------------ account
    def sign_in(self, server_url: str, username: str, password: str, ca_bundle: str | None) -> Task:
        """Log in online and link the profile; ``signed_in`` or ``sign_in_failed`` follows,
        and the returned task reports this attempt's own outcome. An earlier attempt still
        waiting for the server is given up (it links nothing; see ``cancel_sign_in``)."""
        repo, session, language = self.repo, self.session, self._language()
        profile = session.profile
        manager = ProfileManager(self.ctx.data_dir)
        transport = self._transport()
        device = device_name()
        self.cancel_sign_in()
        given_up = threading.Event()
        self._sign_in_cancel = given_up

        def job(_ctx: Any) -> tuple[accounts.SignInResult, SyncView]:
            result = accounts.sign_in(repo, profile, manager.save, server_url=server_url, username=username,
                                      password=password, ca_bundle=ca_bundle, device_name=device,
                                      transport=transport, language=language, cancelled=given_up.is_set)
            return result, self._snapshot(repo, result.client)

        task = self.sign_in_runner.submit(job, name="sync_sign_in")
        task.finished.connect(self._signed_in)
        task.failed.connect(lambda exc: self._sign_in_failed(exc, given_up))
        return task

    def cancel_sign_in(self) -> None:
        """Give up the sign-in that waits for the server (the dialog's Cancel): when the
        server answers after all, its session is ended there and the profile is not linked."""
        if self._sign_in_cancel is not None:
            self._sign_in_cancel.set()
            self._sign_in_cancel = None

    def _sign_in_failed(self, exc: BaseException, given_up: threading.Event) -> None:
        if given_up.is_set():
            return  # given up by the person (or by a newer attempt): nobody waits for it
        self.sign_in_failed.emit(exc)

    def _signed_in(self, result: tuple[accounts.SignInResult, SyncView]) -> None:
        outcome, view = result
        self.session.actor = outcome.actor
        self._set_client(outcome.client)
        self.failures = 0
        self._publish(view)
        self.signed_in.emit()
        if outcome.changed_records:
            self.data_changed.emit()
        self._schedule(0)

    def sign_out(self) -> Task:
        """End the session (told to the server if it can be reached) and forget the tokens."""
        self.cancel()
        self.timer.stop()
        repo, client = self.repo, self.client
        self.client, self.engine = None, None

        def job(_ctx: Any) -> SyncView:
            accounts.sign_out(repo, client)
            return self._snapshot(repo, None)

        task = self.runner.submit(job, name="sync_sign_out")
        task.finished.connect(self._signed_out)
        task.failed.connect(self._status_failed)
        return task

    def _signed_out(self, view: SyncView) -> None:
        self.failures = 0
        self._publish(view)
        self.signed_out.emit()

    # ------------------------------------------------------------------ decisions
    def load_issues(self, carer_id: str | None = None) -> Task:
        """The records that need a decision (all, or one carer's); a list of ``SyncIssue``."""
        repo, actor = self.repo, self.session.actor
        return self.ctx.runner.submit(lambda _ctx: attention.issues(repo, actor, carer_id=carer_id),
                                      name="sync_issues")

    def resolve(self, entity: str, entity_id: str, field_name: str, value: Any,
                shown: list[dict[str, Any]] | None = None) -> Task:
        """Settle one conflicting field (a picked or merged text); synced soon after.
        ``shown``: the versions the person saw (the decision has seen exactly those)."""
        repo, actor = self.repo, self.session.actor
        return self._decide(lambda _ctx: attention.resolve_field(repo, actor, entity, entity_id, field_name, value,
                                                                 shown=shown), "sync_resolve")

    def keep_edited(self, entity: str, entity_id: str) -> Task:
        """Keep a record a colleague deleted while it was being changed (clears the notice everywhere)."""
        repo, actor = self.repo, self.session.actor
        return self._decide(lambda _ctx: attention.keep_edited(repo, actor, entity, entity_id), "sync_keep")

    def delete_after_all(self, entity: str, entity_id: str) -> Task:
        """Delete such a record after all (on every computer at the next sync)."""
        repo, actor = self.repo, self.session.actor
        return self._decide(lambda _ctx: attention.delete_after_all(repo, actor, entity, entity_id),
                            "sync_delete_after_all")

    def _decide(self, job: Callable[[Any], Any], name: str) -> Task:
        task = self.ctx.runner.submit(job, name=name)
        task.finished.connect(self._resolved)
        return task

    def _resolved(self, _result: Any) -> None:
        self.data_changed.emit()
        self.conflicts_changed.emit()
        self.refresh_status()
        self.note_local_change()


def device_name() -> str:
    """How the server's ``list-sessions`` names this laptop: the system and the computer's
    name, so that IT can tell a person's laptops apart (all were "AnhörigDesk (Linux)")."""
    system = platform.system() or "desktop"
    host = "".join(c for c in platform.node().strip() if c.isprintable())[:60]
    return f"AnhörigDesk ({system}, {host})" if host else f"AnhörigDesk ({system})"


def _status_without_client(repo: Any) -> SyncStatus:
    """The saved status of a profile that is not signed in (counts from the store)."""
    replica = Replica(repo)
    counts = replica.counts()
    saved = replica.read(STATUS)
    status = SyncStatus(**json.loads(saved)) if saved else SyncStatus()
    status.pending, status.conflicts = counts["pending"], counts["conflicts"]
    status.flagged, status.rejected = counts["flagged"], counts["rejected"]
    return status


def _role(client: SyncClient | None) -> str:
    """The signed-in user's role as the server gave it at sign-in (on a worker)."""
    tokens = client.token_store.load() if client is not None else None
    return str((tokens.user or {}).get("role") or "") if tokens is not None else ""
