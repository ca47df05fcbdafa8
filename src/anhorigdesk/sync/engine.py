"""The sync client: push the outbox, pull pages, converge, recover (no Qt).

One call of :meth:`SyncEngine.sync_once` does:

1. stage local writes (outbox rows → ``sync_log``, folded into the merge state);
2. ``hello``: protocol check and the server's epoch. A new epoch means the server was
   restored from a backup: pull again from cursor 0 and probe what it lacks;
3. push pending mutations in seq order in batches; a batch is marked acknowledged (and
   its outbox rows removed) only after the server's answer. ``SeqGap`` (the server lacks
   earlier seqs) re-sends from the seq it expects, out of ``sync_log``, which keeps every
   mutation ever pushed. A mutation the server refuses is set aside (kept locally,
   counted in the status) so it does not block the others. A clock the server finds too
   far ahead of its time (protocol 3, ``ClockAhead``) makes the laptop rebase its clock on
   the server's time and re-stamp its pending mutations, then push them again: nothing is
   lost (docs/SYNC-CLIENT.md);
4. pull pages after the stored cursor; each page and the new cursor are stored in one
   local transaction. A change that fails the server's checks, or declares another scope
   than its record's, is quarantined (kept aside, counted) and the sync goes on;
5. compare the server's combined integrity digest (count and checksum over every scope
   the user may see) with the one kept locally; when they differ, fetch the per-scope
   figures and compare those; on a difference pull again from 0 (merging is idempotent)
   once.

Unreachable server: retries with exponential backoff and jitter, then the report says
``server_unavailable``. Cancellation is checked between batches and pages.
"""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from anhorigdesk import tempfiles
from anhorigdesk.store.repository import Repository
from anhorigdesk.store.writer import WriterClosed
from anhorigdesk.sync.log_push import LOG_PROTOCOL, push_log
from anhorigdesk.sync.log_push import acked_through as acked_log_through
from anhorigdesk.sync.log_push import forget_acks as forget_log_acks
from anhorigdesk.sync.messages import describe
from anhorigdesk.sync.municipality import MUNICIPALITY_PROTOCOL, receive_material
from anhorigdesk.sync.protocol import (
    ClockAhead,
    DeviceRevoked,
    EpochChanged,
    Forbidden,
    RequestRejected,
    SeqGap,
    ServerUnavailable,
    SyncClient,
    SyncError,
)
from anhorigdesk.sync.purge import checkpoint as purge_checkpoint
from anhorigdesk.sync.replica import EPOCH, PROBE, STATUS, HistoryLost, PageResult, Replica

T = TypeVar("T")
Progress = Callable[[int, int], None]

MAX_PUSH_BATCH = 500  # the server's limit per request
MAX_PULL_LIMIT = 1000  # the server's largest pull page


class Cancelled(Exception):
    """The caller asked the sync to stop (between batches)."""


@dataclass
class RetryPolicy:
    """Exponential backoff with jitter for an unreachable server."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = random.random

    def delay(self, attempt: int) -> float:
        """Seconds before retry ``attempt`` (0-based): half the capped exponential plus jitter."""
        cap = min(self.max_delay, self.base_delay * (2**attempt))
        return cap * (0.5 + 0.5 * self.random())


@dataclass
class SyncReport:
    """What one sync did. ``error`` is a code (``server_unavailable``, ``auth_required``...)."""

    pushed: int = 0  # mutations acknowledged by the server in this sync
    resent: int = 0  # already acknowledged mutations pushed again (server restored)
    rejected: list[str] = field(default_factory=list)  # mutation ids the server refused
    pulled: int = 0  # changes received
    applied: int = 0  # remote mutations new to this laptop
    records: int = 0  # local records changed by pulled changes
    quarantined: int = 0  # pulled changes set aside instead of merged (sync_quarantine)
    purged: int = 0  # records removed by pulled purges (gallring...; sync/purge.py)
    purge_dropped: int = 0  # unsent local edits of purged records dropped (sync.purge_dropped)
    restamped: int = 0  # pending own mutations given a new clock (the clock was ahead)
    log_pushed: int = 0  # access-log rows the server acknowledged (protocol 3, part E)
    # municipality bundle versions received and kept (protocol 3, part G; sync/municipality.py)
    material: list[int] = field(default_factory=list)
    restored: bool = False  # the server's epoch changed (restored from a backup)
    repaired: bool = False  # integrity differed: pulled again from 0
    integrity_ok: bool | None = None
    cancelled: bool = False
    error: str | None = None
    error_message: str | None = None
    # the server this laptop signed in to revoked it (lost or stolen): the app tells the
    # person and removes the profile's data (``sync.account.remove_revoked_profile``)
    device_revoked: bool = False
    started_at: str = ""
    finished_at: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled

    def describe(self, language: str | None = None, *, pending: int = 0) -> str:
        """The outcome as a sentence for the user (Swedish or English)."""
        return describe(self.error, language, pending=pending)


@dataclass
class SyncStatus:
    """What the app shows about sync; persisted in ``sync_state`` after every sync."""

    last_success_at: str | None = None
    last_attempt_at: str | None = None
    last_error: str | None = None
    pending: int = 0
    conflicts: int = 0
    flagged: int = 0
    rejected: int = 0
    quarantined: int = 0  # pulled changes set aside (failed the checks), kept for the administrator
    epoch: str | None = None
    cursor: int = 0


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class SyncEngine:
    def __init__(
        self,
        repo: Repository,
        client: SyncClient,
        *,
        clock: Callable[[], datetime] | None = None,
        retry: RetryPolicy | None = None,
        push_batch: int = MAX_PUSH_BATCH,
        pull_limit: int = MAX_PULL_LIMIT,
    ) -> None:
        # The server's largest batch and page: each request costs the server a durable
        # commit and the laptop a writer transaction, and one batch or page still takes
        # about a tenth of a second, so cancelling and progress stay prompt.
        if not 1 <= push_batch <= MAX_PUSH_BATCH:
            raise ValueError(f"push_batch must be 1..{MAX_PUSH_BATCH}, got {push_batch}")
        self.repo = repo
        self.client = client
        self.replica = Replica(repo)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.retry = retry or RetryPolicy()
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self._lock = threading.Lock()
        self._restamped_for: set[Any] = set()  # mutations re-stamped in the running sync
        self._log_all_sent = False  # the running sync sent every log row from the first
        self._announced_material: Any = None  # hello's municipality_version (part G)
        Replica.load_clock_offset(repo)  # a rebase on the server's time outlives a restart

    # ------------------------------------------------------------------ public
    def sync_once(
        self, cancel: threading.Event | None = None, progress: Progress | None = None
    ) -> SyncReport:
        """Push, pull and check once; never raises for sync failures (see ``report.error``)."""
        report = SyncReport(started_at=_iso(self.clock()))
        with self._lock:
            self._restamped_for = set()
            self._log_all_sent = False
            try:
                self._run(report, cancel, progress or (lambda done, total: None))
            except Cancelled:
                report.cancelled = True
            except SyncError as exc:
                report.error = exc.code or _code(exc)
                report.error_message = exc.message
                report.device_revoked = isinstance(exc, DeviceRevoked)
            except HistoryLost as exc:
                report.error = exc.code
                report.error_message = str(exc)
            report.finished_at = _iso(self.clock())
            self._save_status(report)
        return report

    def status(self) -> SyncStatus:
        saved = self.replica.read(STATUS)
        status = SyncStatus(**json.loads(saved)) if saved else SyncStatus()
        counts = self.replica.counts()
        status.pending, status.conflicts = counts["pending"], counts["conflicts"]
        status.flagged, status.rejected = counts["flagged"], counts["rejected"]
        status.quarantined = counts["quarantined"]
        status.epoch, status.cursor = self.replica.read(EPOCH), self.replica.cursor()
        return status

    def retry_rejected(self) -> int:
        """Put mutations the server refused back in line (e.g. after a permission fix)."""
        return self.repo.apply_remote(self.replica.retry_rejected)

    # ------------------------------------------------------------------ steps
    def _run(self, report: SyncReport, cancel: threading.Event | None, progress: Progress) -> None:
        self._check(cancel)
        if self.replica.unstaged():  # a sync with nothing new to stage asks no writer job
            self.repo.apply_remote(self.replica.stage)
        epoch = self._hello(report, cancel)
        for _ in range(3):  # a restore noticed in the middle starts the sync over
            try:
                self._push(epoch, report, cancel, progress)
                self._push_log(epoch, report, cancel)
                integrity = self._pull(epoch, report, cancel, progress)
                if integrity is not None and self._diverged(integrity, epoch, cancel):
                    report.repaired = True
                    self.repo.apply_remote(lambda conn: self.replica.restart_pull(conn))
                    self._push(epoch, report, cancel, progress)
                    integrity = self._pull(epoch, report, cancel, progress)
                    if integrity is not None and self._diverged(integrity, epoch, cancel):
                        report.integrity_ok = False
                        raise SyncError(
                            "the server and this laptop still disagree after a repair",
                            code="integrity_mismatch",
                        )
                report.integrity_ok = True if integrity is not None else None
                lost = self.repo.apply_remote(self.replica.unconfirmed_own)
                if lost is not None:
                    # the server acknowledged these once and no longer has them: send them again
                    # (it acknowledges again what it still holds); once per sync
                    report.resent += self.repo.apply_remote(
                        lambda conn, lost=lost: self.replica.resend_from(conn, lost)
                    )
                    self._push(epoch, report, cancel, progress)
                    self.repo.apply_remote(self.replica.confirm)
                if (report.repaired or report.restored or lost is not None) and not self._log_all_sent:
                    # the server lacked what it had acknowledged: its log rows may be gone too
                    self.repo.apply_remote(forget_log_acks)
                    self._push_log(epoch, report, cancel)
                self._receive_material(report, cancel)
                return
            except EpochChanged as exc:
                report.restored = True
                epoch = exc.epoch or self._call(self.client.hello, cancel)["epoch"]
                self.repo.apply_remote(lambda conn, e=epoch: self.replica.restart_pull(conn, e))
        raise SyncError("the server's epoch keeps changing", code="epoch_unstable")

    def _hello(self, report: SyncReport, cancel: threading.Event | None) -> str:
        hello = self._call(self.client.hello, cancel)
        epoch: str = hello["epoch"]
        self._announced_material = hello.get("municipality_version")
        self._note_server_time(hello.get("server_time"))
        known = self.replica.read(EPOCH)
        if known != epoch:
            if known is not None:
                report.restored = True
            # A first sync with this server also probes: it may lack what was sent elsewhere.
            self.repo.apply_remote(lambda conn: self.replica.restart_pull(conn, epoch))
        return epoch

    def _note_server_time(self, server_time: Any) -> None:
        """Remember how far the server's time is from this machine's (pulled clocks are
        bounded by it); drop a rebase of the clock once the machine's clock is right again."""
        server_ms = _ms(server_time)
        if server_ms is None:
            return
        clock = self.repo.db.clock
        machine = clock.wall() - clock.offset_ms
        self.replica.server_offset_ms = server_ms - machine
        if clock.offset_ms and abs(server_ms - machine) <= CLOCK_AGREES_MS:
            self.repo.apply_remote(lambda conn: Replica.forget_clock_offset(conn, clock))

    def _push(
        self, epoch: str, report: SyncReport, cancel: threading.Event | None, progress: Progress
    ) -> None:
        """Push the pending mutations batch by batch, in seq order.

        While a full batch is on its way to the server, the writer already gives the next
        one its seqs (committed before it is sent, as always), and once the server has
        acknowledged a batch, marking it acknowledged and preparing the batch after the next
        one are one writer transaction: the laptop's work and commits overlap the server's,
        and each batch costs the laptop one commit instead of two. A batch is still marked
        acknowledged only after the server's answer. Anything but a plain acknowledgement of
        the whole batch (a gap, a refusal, a re-stamp) drops the prepared batch (its seqs
        stay: it goes first again) and goes on one step at a time as before."""
        if self.replica.read(PROBE):
            probe = self.repo.apply_remote(self.replica.last_acked)
            if probe:
                outcome, acked = self._send(probe, epoch, report, cancel, probe=True)
                if outcome == "acked":
                    self.repo.apply_remote(lambda conn: self.replica.mark_acked(conn, acked))
            self.repo.apply_remote(lambda conn: self.replica.put(conn, PROBE, None))
        done, size = 0, self.push_batch
        total = self.replica.pending()
        if total == 0:
            return  # nothing pending (staged or not): next_batch would find nothing
        last_gap: int | None = None
        # the next batch being prepared, with the count the acknowledgement before it marked
        ahead: Future[tuple[int, list[dict[str, Any]]]] | None = None

        def settle() -> list[dict[str, Any]]:
            """Wait for the batch being prepared; count the acknowledgement it marked."""
            nonlocal ahead
            assert ahead is not None
            newly, prepared = ahead.result()
            ahead = None
            report.pushed += newly
            return prepared

        try:
            batch = self.repo.apply_remote(lambda conn, n=size: self.replica.next_batch(conn, n))
            while batch:
                self._check(cancel)
                if ahead is None and size == self.push_batch and len(batch) == size:
                    after = batch[-1]["seq"]
                    ahead = self.repo.submit_remote(
                        lambda conn, n=size, a=after: (0, self.replica.next_batch(conn, n, after=a))
                    )
                outcome, acked = self._send(batch, epoch, report, cancel)
                whole = outcome == "acked" and set(acked) == {m["mutation_id"] for m in batch}
                if whole and ahead is not None:
                    done += len(batch)
                    progress(done, max(total, done))
                    following = settle()
                    after = following[-1]["seq"] if len(following) == size else None
                    ahead = self.repo.submit_remote(
                        lambda conn, ids=acked, n=size, a=after: self._ack_then_next(conn, ids, n, a)
                    )
                    batch = following
                    continue
                if ahead is not None:
                    settle()  # prepared for a batch that did not go through: sent again in order
                if outcome == "acked":
                    report.pushed += self.repo.apply_remote(
                        lambda conn, ids=acked: self.replica.mark_acked(conn, ids)
                    )
                if outcome == "gap":
                    if last_gap == batch[0]["seq"]:
                        raise SyncError(
                            "the server keeps refusing the seqs it asked for", code="push_stuck"
                        )
                    last_gap = batch[0]["seq"]
                    total = max(total, done + self.replica.pending())
                elif outcome == "refused" and len(batch) > 1:
                    size = 1  # find the refused mutation: one at a time until it is set aside
                else:
                    if outcome == "acked":
                        done += len(batch)
                    size = self.push_batch if outcome != "refused" else size
                    progress(done, max(total, done))
                batch = self.repo.apply_remote(lambda conn, n=size: self.replica.next_batch(conn, n))
        finally:
            # a failure or a cancel while a batch was being prepared: it is written all the
            # same; count the acknowledgement it marked unless it failed too
            if ahead is not None and ahead.exception() is None:
                settle()

    def _ack_then_next(
        self, conn: Any, acked: list[str], size: int, after: int | None
    ) -> tuple[int, list[dict[str, Any]]]:
        """One writer transaction: mark a batch acknowledged and, when ``after`` is given,
        prepare the batch after the one now on its way (whose last seq is ``after``)."""
        newly = self.replica.mark_acked(conn, acked)
        return newly, (self.replica.next_batch(conn, size, after=after) if after is not None else [])

    def _push_log(self, epoch: str, report: SyncReport, cancel: threading.Event | None) -> None:
        """Protocol 3: the access log's unacknowledged rows (sync/log_push.py)."""
        if getattr(self.client, "protocol_version", 0) < LOG_PROTOCOL:
            return  # an older protocol carries no log rows: they stay on the laptop
        # every row goes from the first (a new epoch): no need to send them all again
        self._log_all_sent = acked_log_through(self.repo.db.reader(), epoch) == 0
        report.log_pushed += push_log(
            self.repo,
            lambda rows: self._call(
                lambda: self.client.push([], epoch=epoch, access_log=rows), cancel
            ),
            epoch,
            check=lambda: self._check(cancel),
        )

    def _receive_material(self, report: SyncReport, cancel: threading.Event | None) -> None:
        """Protocol 3, part G: the municipality bundle versions ``hello`` named and this
        laptop lacks (sync/municipality.py); an older protocol never asks."""
        if getattr(self.client, "protocol_version", 0) < MUNICIPALITY_PROTOCOL:
            return
        report.material += receive_material(
            self.repo, lambda v: self._call(lambda: self.client.municipality(v), cancel),
            self._announced_material)

    def _send(
        self,
        batch: list[dict[str, Any]],
        epoch: str,
        report: SyncReport,
        cancel: threading.Event | None,
        *,
        probe: bool = False,
    ) -> tuple[str, list[str]]:
        """Push one batch; returns ``acked``, ``gap``, ``refused``, ``set_aside`` or
        ``restamped``, and the mutation ids the server acknowledged (the caller marks them)."""
        try:
            result = self._call(lambda: self.client.push(batch, epoch=epoch), cancel)
        except ClockAhead as ahead:
            server_ms = _ms(ahead.server_time)
            culprit = ahead.params.get("mutation_id")
            if server_ms is None or culprit in self._restamped_for:
                raise  # re-stamped once already in this sync: say so instead of looping
            self._restamped_for.add(culprit)
            report.restamped += self.repo.apply_remote(
                lambda conn: self.replica.restamp_pending(conn, server_ms)
            )
            return "restamped", []
        except SeqGap as gap:
            expected = gap.expected_seq
            report.resent += self.repo.apply_remote(
                lambda conn: self.replica.resend_from(conn, expected)
            )
            return "gap", []
        except (Forbidden, RequestRejected) as exc:
            if exc.code == "seq_reused":
                raise
            ids = {m["mutation_id"] for m in batch}
            culprit = exc.params.get("mutation_id")
            if culprit not in ids:
                if len(batch) > 1 or probe:
                    return "refused", []
                culprit = batch[0]["mutation_id"]
            code = exc.code
            if self.repo.apply_remote(lambda conn: self.replica.reject(conn, culprit, code)):
                report.rejected.append(culprit)
            return "set_aside", []
        report.purge_dropped += len(result.get("purged") or [])
        return "acked", list(result.get("acked") or [])

    def _pull(
        self, epoch: str, report: SyncReport, cancel: threading.Event | None, progress: Progress
    ) -> dict[str, Any] | None:
        """Pull pages after the stored cursor. Each page is written (merged, with the new
        cursor, in one writer transaction) while the next one is being fetched: the next
        page's cursor is known from the page itself, and the writer takes the pages in
        order, so the stored cursor never passes a page that is not written. A page is
        accounted once its write has committed; a failure while fetching waits for the
        page being written first."""
        cursor = self.replica.cursor()
        writing: Future[PageResult] | None = None
        try:
            while True:
                self._check(cancel)
                page = self._call(
                    lambda c=cursor: self.client.pull(c, self.pull_limit, epoch=epoch), cancel
                )
                if writing is not None:
                    self._written(writing.result(), report, progress, more=True)
                    writing = None
                changes, next_cursor = page["changes"], int(page["next_cursor"])
                if not changes and next_cursor == cursor and not page["has_more"]:
                    # nothing new and the cursor stays: nothing to write (no commit, no fsync)
                    return page.get("integrity")
                writing = self.repo.submit_remote(
                    lambda conn, changes=changes, next_cursor=next_cursor: self.replica.apply_page(
                        conn, changes, next_cursor
                    )
                )
                cursor = next_cursor
                if not page["has_more"]:
                    done, writing = writing, None
                    self._written(done.result(), report, progress, more=False)
                    return page.get("integrity")
        finally:
            # fetching failed (or was cancelled) while a page was being written: it is
            # written all the same; account for it unless its write failed too
            if writing is not None and writing.exception() is None:
                self._written(writing.result(), report, progress, more=True)

    def _written(self, result: PageResult, report: SyncReport, progress: Progress, *, more: bool) -> None:
        """Account for one pulled page whose write has committed."""
        report.pulled += result.changes
        report.applied += result.new
        report.records += result.records
        report.quarantined += result.quarantined
        if result.purges:
            self._after_purge(report, result)
        progress(report.pulled, report.pulled + (self.pull_limit if more else 0))

    def _after_purge(self, report: SyncReport, result: PageResult) -> None:
        """Count what the page's purges removed; then checkpoint the WAL so that no page
        image of the removed rows stays in it (docs/PROTOCOL-3.md part D)."""
        report.purged += result.purged
        report.purge_dropped += result.purge_dropped
        self.repo.apply_remote(purge_checkpoint)
        tempfiles.sweep()  # any file the app wrote to its temporary folder (print spool)

    def _diverged(
        self, integrity: dict[str, Any], epoch: str, cancel: threading.Event | None
    ) -> bool:
        """Whether this replica differs from the server in a scope the user may see.

        Equal combined digests settle it at once (a sync with nothing to do). Otherwise
        the per-scope figures up to the same cursor are fetched and compared; scopes the
        server no longer shows this user leave the local digest without a repair.
        """
        if self.replica.digest_matches(integrity):
            return False
        through = int(integrity["through"])
        detail = self._call(lambda: self.client.integrity(through, epoch=epoch), cancel)
        scopes = detail["scopes"]
        return bool(self.repo.apply_remote(lambda conn: self.replica.reconcile(conn, scopes)))

    # ------------------------------------------------------------------ helpers
    def _call(self, fn: Callable[[], T], cancel: threading.Event | None) -> T:
        """Call the server, retrying an unreachable one with backoff and jitter."""
        attempt = 0
        while True:
            self._check(cancel)
            try:
                return fn()
            except ServerUnavailable:
                if attempt + 1 >= self.retry.attempts:
                    raise
                self.retry.sleep(self.retry.delay(attempt))
                attempt += 1

    @staticmethod
    def _check(cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    def _save_status(self, report: SyncReport) -> None:
        status = self.status()
        status.last_attempt_at = report.finished_at
        if report.ok:
            status.last_success_at = report.finished_at
            status.last_error = None
        elif report.error:
            status.last_error = report.error
        saved = json.dumps(asdict(status))
        with contextlib.suppress(WriterClosed):  # the store is closing; the report still says it
            self.repo.apply_remote(lambda conn: self.replica.put(conn, STATUS, saved))


# The machine's clock agrees with the server's (a rebase of the clock is dropped) within this.
CLOCK_AGREES_MS = 60_000


def _ms(text: Any) -> int | None:
    """An ISO time (the server's) in ms since the epoch, or None."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return int(moment.timestamp() * 1000)


def _code(exc: SyncError) -> str:
    if isinstance(exc, ServerUnavailable):
        return "server_unavailable"
    name = type(exc).__name__
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
