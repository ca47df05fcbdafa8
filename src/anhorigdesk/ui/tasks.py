"""Running core calls off the GUI thread.

``TaskRunner.submit(fn, *args)`` runs ``fn(ctx, *args)`` on a QThreadPool thread and
returns a ``Task`` whose signals (``finished``, ``failed``, ``progress``, ``cancelled``)
arrive on the GUI thread (the Task lives there, so the emits from the worker thread
are queued).  ``fn`` receives a ``TaskContext``: ``ctx.progress(done, total)``
reports progress, ``ctx.cancelled`` says the user asked to stop (raise
``TaskCancelled`` or just return), ``ctx.commit()`` marks the point after which it no longer
can.  A task never touches a widget.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from anhorigdesk.ui.qt import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("anhorigdesk.ui.tasks")


class TaskCancelled(Exception):
    """Raised inside a task function to stop early after a cancel request."""


class TaskContext:
    def __init__(self, task: Task) -> None:
        self._task = task

    @property
    def cancelled(self) -> bool:
        return self._task._cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancelled:
            raise TaskCancelled

    def commit(self) -> None:
        """The work's effect has happened (the pages are with the printer): from here a
        cancel no longer stops it — also one asked for but not yet seen — and the task
        reports ``finished``, so the user is never told "nothing happened" when it did."""
        self._task._commit()

    def progress(self, done: int, total: int) -> None:
        self._task._progressed.emit(done, total)


class Task(QObject):
    """One submitted call. Exactly one of finished/failed/cancelled is emitted, then done."""

    finished = Signal(object)
    failed = Signal(object)  # the exception object (show its type, never its message)
    cancelled = Signal()
    progress = Signal(int, int)
    done = Signal()
    # Emitted on the worker thread; connected to slots of this object, which lives on
    # the GUI thread, so they are queued there.  The public signals above are then
    # emitted on the GUI thread and any receiver (even a lambda) runs there.
    _ended = Signal(str, object)
    _progressed = Signal(int, int)

    def __init__(self, name: str, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.name = name
        self._fn = fn
        self._args = args
        self._cancel_event = threading.Event()
        self._cancel_lock = threading.Lock()
        self._committed = False  # past the point where a cancel could stop it (TaskContext.commit)
        self.is_done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._ended.connect(self._on_ended)
        self._progressed.connect(self._on_progressed)

    def cancel(self) -> None:
        with self._cancel_lock:
            if not self._committed:
                self._cancel_event.set()

    def _commit(self) -> None:
        with self._cancel_lock:
            self._committed = True
            self._cancel_event.clear()

    def _run(self) -> None:
        ctx = TaskContext(self)
        try:
            result = self._fn(ctx, *self._args)
        except TaskCancelled:
            self._emit_end("cancelled", None)
        except Exception as exc:  # delivered to the GUI thread as a signal
            log.warning("task %s failed with %s", self.name, type(exc).__name__)
            self._emit_end("failed", exc)
        else:
            if self._cancel_event.is_set():
                self._emit_end("cancelled", None)
            else:
                self._emit_end("finished", result)

    def _emit_end(self, how: str, value: Any) -> None:
        self._ended.emit(how, value)

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(str, object)
    def _on_ended(self, how: str, value: Any) -> None:
        if how == "finished":
            self.result = value
            self.finished.emit(value)
        elif how == "failed":
            self.error = value
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.done.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task._run()


class TaskRunner(QObject):
    """Owns the pool and keeps running tasks alive until they report ``done``.

    By default tasks run one at a time, in the order they were submitted: a read
    submitted after a write (say, the home screen's drafts after a draft save) sees
    that write.  The store's calls take milliseconds; long jobs that should not hold
    up the screens get a runner of their own.
    """

    busy_changed = Signal(bool)
    # progress of the task that reported last (done, total), for a status bar
    progress = Signal(int, int)
    #: a task failed because the store's file is damaged (the core's ``store.damage_found``
    #: error): the app tells the user once, whichever screen's work met it
    store_damaged = Signal(object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        # Keep the worker thread: the store keeps one read connection per thread.
        self.pool.setExpiryTimeout(-1)
        self._running: set[Task] = set()
        self._closed = False
        self._idle = threading.Event()  # set while no task is queued or running
        self._idle.set()
        self._idle_since = time.monotonic()

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "") -> Task:
        task = Task(name or getattr(fn, "__name__", "task"), fn, args)
        if self._closed:
            # After shutdown (the store may be closed): never run, report "cancelled".
            task.cancel()
            task._emit_end("cancelled", None)
            return task
        self._running.add(task)
        # A bound slot (not a lambda): Qt drops the connection if the runner is deleted.
        task.done.connect(self._on_task_done)
        task.progress.connect(self.progress)
        if len(self._running) == 1:
            self._idle.clear()
            self.busy_changed.emit(True)
        self.pool.start(_Runnable(task))
        return task

    @Slot()
    def _on_task_done(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            if getattr(task.error, "code", None) == "store.damage_found":
                self.store_damaged.emit(task.error)
            self._forget(task)

    def _forget(self, task: Task) -> None:
        task.is_done = True
        self._running.discard(task)
        if not self._running:
            self._idle_since = time.monotonic()
            self._idle.set()
            self.busy_changed.emit(False)

    @property
    def running(self) -> int:
        return len(self._running)

    def quiet_for(self, seconds: float) -> bool:
        """True if this runner has had no task for at least ``seconds`` (any thread)."""
        return self._idle.is_set() and time.monotonic() - self._idle_since >= seconds

    def wait_until_idle(self, timeout_s: float, quiet_s: float = 0.0) -> bool:
        """Wait (on any thread but the GUI thread) until this runner has had no task for
        ``quiet_s`` seconds, at most ``timeout_s`` seconds; True if it has. Background work
        calls it between pieces so that the screens' work, queued here, gets the interpreter
        first; ``quiet_s`` keeps it waiting between the searches of someone typing."""
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if not self._idle.wait(left):
                return False
            quiet_left = quiet_s - (time.monotonic() - self._idle_since)
            if quiet_left <= 0:
                return self._idle.is_set()
            time.sleep(min(quiet_left, max(0.0, deadline - time.monotonic())))

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel what runs and wait for the threads (used on quit, before the store closes).
        Tasks submitted afterwards do not run."""
        self._closed = True
        self.cancel_all()
        return self.pool.waitForDone(timeout_ms)
