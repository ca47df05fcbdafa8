from __future__ import annotations

import threading

import pytest

from anhorigdesk.ui.qt import QThread
from anhorigdesk.ui.tasks import TaskCancelled, TaskRunner


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    assert r.shutdown()


def test_result_arrives_on_the_gui_thread_and_work_runs_elsewhere(qtbot, runner):
    gui_thread = QThread.currentThread()
    seen = {}

    def work(ctx, a, b):
        seen["worker"] = threading.current_thread().name
        return a + b

    task = runner.submit(work, 2, 3)
    received = []
    task.finished.connect(lambda value: received.append((value, QThread.currentThread() is gui_thread)))
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert received == [(5, True)]
    assert seen["worker"] != threading.current_thread().name
    assert runner.running == 0


def test_failure_is_delivered_as_a_signal_with_the_exception(qtbot, runner):
    def work(ctx):
        raise LookupError("something")

    task = runner.submit(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], LookupError)


def test_progress_and_cancel(qtbot, runner):
    started = threading.Event()
    release = threading.Event()

    def work(ctx):
        ctx.progress(1, 10)
        started.set()
        release.wait(5)
        ctx.check_cancelled()
        return "not reached"

    task = runner.submit(work)
    progress = []
    task.progress.connect(lambda done, total: progress.append((done, total)))
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    qtbot.waitUntil(lambda: task.is_done)
    assert progress == [(1, 10)]
    assert task.result is None


def test_busy_signal_brackets_the_work(qtbot, runner):
    states = []
    runner.busy_changed.connect(states.append)
    task = runner.submit(lambda ctx: 1)
    qtbot.waitUntil(lambda: task.is_done, timeout=5000)
    assert states == [True, False]


def test_task_cancelled_exception_counts_as_cancelled(qtbot, runner):
    def work(ctx):
        raise TaskCancelled

    task = runner.submit(work)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_cancel_no_longer_stops_work_that_has_committed(qtbot, runner, when):
    """Cancel pressed before the commit but not yet seen, or after it: the work's effect has
    happened, and the task says finished."""
    reached, go_on = threading.Event(), threading.Event()

    def work(ctx):
        if when == "before":
            reached.set()
            go_on.wait(5)  # the cancel arrives here, unseen
        ctx.commit()
        if when == "after":
            reached.set()
            go_on.wait(5)  # the cancel arrives here
        return "done"

    task = runner.submit(work)
    assert reached.wait(5)
    task.cancel()
    go_on.set()
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        pass
    assert finished.args == ["done"]


def test_window_shows_progress_and_cancel_of_long_work(app_window, qtbot):
    import threading

    ctrl, window = app_window
    started, release = threading.Event(), threading.Event()

    def long_work(ctx):
        for done in range(1, 4):
            ctx.progress(done, 10)
        started.set()
        release.wait(5)
        ctx.check_cancelled()

    task = ctrl.ctx.runner.submit(long_work, name="long")
    qtbot.waitUntil(lambda: window.busy_bar.isVisible() and window.busy_bar.value() == 3)
    assert window.busy_bar.maximum() == 10
    assert window.cancel_button.isVisible()
    assert started.wait(5)
    window.cancel_button.click()
    release.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not window.busy_bar.isVisible())


def test_fonts_shipped_font_is_loaded(qapp, tmp_path):
    import shutil

    from anhorigdesk.paths import fonts_dir
    from anhorigdesk.ui.fonts import SYSTEM_DEJAVU, ensure_fonts

    shipped = fonts_dir() / "DejaVuSans.ttf"
    source = shipped if shipped.exists() else next((p for p in SYSTEM_DEJAVU if p.exists()), None)
    assert source is not None, "no DejaVu Sans to test with"
    shutil.copy(source, tmp_path / "DejaVuSans.ttf")
    assert ensure_fonts(tmp_path) == "DejaVu Sans"
    # without a shipped font the system's fonts are used as they are
    assert ensure_fonts(tmp_path / "missing") is None
