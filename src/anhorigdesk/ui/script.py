"""Scripted runs of the real application (end-to-end tests and demos).

``ANHORIGDESK_UI_SCRIPT=steps.json python -m anhorigdesk --data-dir DIR`` starts the
application as usual, then carries out the steps in the JSON list through the
widgets a user would use (typing into fields, clicking buttons, triggering menu
actions), waiting for the results the user would wait for.  It writes what it saw
to ``<steps>.out.json`` and quits; a step that does not complete within its
timeout ends the run with exit code 3.  No step reaches around the UI into the store.

Steps: ``create_profile`` (name, unit, passphrase), ``open_profile`` (passphrase),
``new_carer`` (name, personnummer?, phone?), ``write_conversation`` (participants,
note, parts?), ``search`` (text) → names found, ``open_result`` (row),
``read_carer`` → name and timeline, ``lock``, ``unlock`` (passphrase), ``quit``.
For the benchmark: ``mark`` (seconds since ``ANHORIGDESK_BENCH_T0``, the launcher's
clock, once the main window is shown and its home screen has its content; and whether the
profile picker was shown on the way), ``memory`` (resident MB now and at peak),
``search_latency`` (text typed a letter at a time; milliseconds from each keystroke to the
matching rows in the list), ``wait_schedule`` (the schedule book built), ``wait_due_list``
(the home screen's due lists shown: seconds from the main window being shown),
``checkin_due`` (the first overdue check-in of "Mine" on the home screen clicked, the form
answered and saved, then Home: milliseconds from the check-in being saved, and from the
Save click, to the due lists without it).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from anhorigdesk.ui.qt import QApplication, QElapsedTimer, QObject, QTimer, QWizard

log = logging.getLogger("anhorigdesk.ui.script")

Wait = Callable[[], bool]
STEP_TIMEOUT_MS = 20_000
EXIT_SCRIPT_FAILED = 3


class ScriptRunner(QObject):
    def __init__(self, controller: Any, path: Path) -> None:
        super().__init__(controller)
        self.controller = controller
        self.path = path
        self.steps: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(self.steps, list):
            raise ValueError(f"{path}: expected a JSON list of steps")
        self.results: list[dict[str, Any]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._current: Iterator[Wait] | None = None
        self._waiting: Wait | None = None
        self._clock = QElapsedTimer()
        self._index = -1
        self._result: dict[str, Any] = {}
        self._timeout_ms = STEP_TIMEOUT_MS

    def start(self) -> None:
        self._timer.start()

    # --------------------------------------------------------------- engine
    def _tick(self) -> None:
        if self._waiting is not None:
            if not self._waiting():
                if self._clock.elapsed() > self._timeout_ms:
                    self._fail("timed out")
                return
            self._waiting = None
        if self._current is None:
            self._index += 1
            if self._index >= len(self.steps):
                self._finish(0)
                return
            step = self.steps[self._index]
            action = getattr(self, f"step_{step.get('do')}", None)
            if action is None:
                self._fail(f"unknown step {step.get('do')!r}")
                return
            self._result = {"do": step["do"]}
            # a step may wait longer than the default (a benchmark's large profile)
            self._timeout_ms = int(float(step.get("timeout_s", STEP_TIMEOUT_MS / 1000)) * 1000)
            self._current = action(step)
            self._clock.start()
        try:
            self._waiting = next(self._current)
        except StopIteration:
            self.results.append(self._result)
            self._current = None
        except Exception as exc:  # a broken step ends the run with its type
            self._fail(type(exc).__name__)

    def _fail(self, why: str) -> None:
        self._result["error"] = why
        self.results.append(self._result)
        self._finish(EXIT_SCRIPT_FAILED)

    def _finish(self, code: int) -> None:
        self._timer.stop()
        out = self.path.with_name(self.path.name + ".out.json")
        out.write_text(json.dumps({"exit": code, "steps": self.results}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
        window = self.controller.window
        if window is not None:
            window.close()
        QApplication.instance().exit(code)

    # ---------------------------------------------------------------- steps
    def step_create_profile(self, step: dict[str, Any]) -> Iterator[Wait]:
        yield lambda: self.controller.wizard is not None and self.controller.wizard.isVisible()
        wizard = self.controller.wizard
        wizard.identity.name.setText(step["name"])
        wizard.identity.unit.setText(step["unit"])
        wizard.next()
        yield lambda: wizard.currentPage() is wizard.key_page
        wizard.key_page.use_passphrase.setChecked(True)
        wizard.key_page.passphrase.setText(step["passphrase"])
        wizard.key_page.repeat.setText(step["passphrase"])
        wizard.button(QWizard.WizardButton.FinishButton).click()
        yield lambda: self.controller.window is not None and self.controller.window.isVisible()

    def step_open_profile(self, step: dict[str, Any]) -> Iterator[Wait]:
        yield lambda: self.controller.picker is not None and self.controller.picker.isVisible()
        picker = self.controller.picker
        picker.passphrase.setText(step["passphrase"])
        picker.open_button.click()
        yield lambda: self.controller.window is not None and self.controller.window.isVisible()

    def step_new_carer(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.actions_by_name["new_carer"].trigger()
        page = window.pages["carer_edit"]
        yield lambda: window.current_page_name == "carer_edit"
        page.name.setText(step["name"])
        page.personnummer.setText(step.get("personnummer", ""))
        page.phone.setText(step.get("phone", ""))
        page.save_button.click()
        yield lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer)
        self._result["carer_name"] = window.pages["carer"].heading.text()

    def step_write_conversation(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.actions_by_name["new_conversation"].trigger()
        yield lambda: window.current_page_name == "entry"
        page = window.pages["entry"]
        if page.form is not None:  # the samtal form, through its editors
            form = page.form
            form.editor("participants").edit.setText(step["participants"])
            form.editor("note").edit.setPlainText(step["note"])
            for part in step.get("parts", []):
                form.editor("perspective_parts").boxes[part].setChecked(True)
            form.editor("support_info_offered").options.buttons[step.get("info_offered", "yes")].setChecked(True)
        else:
            editor = page.note_editor
            editor.participants.setText(step["participants"])
            editor.note.setPlainText(step["note"])
            for part in step.get("parts", []):
                editor.parts[part].setChecked(True)
        before = len(window.pages["carer"].entries)
        page.save_button.click()
        carer = window.pages["carer"]
        yield lambda: window.current_page_name == "carer" and len(carer.entries) > before

    def step_search(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.actions_by_name["find"].trigger()
        page = window.pages["carers"]
        yield lambda: window.current_page_name == "carers"
        generation = page.model.generation
        page.search.setText(step["text"])
        yield lambda: page.model.generation > generation and not page.model.is_loading
        self._result["names"] = [r.get("name") for r in page.model.rows]

    def step_open_result(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        page = window.pages["carers"]
        index = page.model.index(int(step.get("row", 0)), 0)
        page.table.setCurrentIndex(index)
        page.table.activated.emit(index)  # what a double-click or Enter on the row does
        carer = window.pages["carer"]
        yield lambda: window.current_page_name == "carer" and bool(carer.carer)

    def step_read_carer(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        carer = window.pages["carer"]
        yield lambda: bool(carer.carer)
        self._result["name"] = carer.heading.text()
        self._result["timeline"] = [
            carer.timeline.topLevelItem(i).text(2) for i in range(carer.timeline.topLevelItemCount())
        ]

    def step_lock(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.actions_by_name["lock"].trigger()
        yield lambda: window.locked
        self._result["title"] = window.windowTitle()

    def step_unlock(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.lock_screen.passphrase.setText(step["passphrase"])
        window.lock_screen.unlock_button.click()
        yield lambda: not window.locked

    def step_mark(self, step: dict[str, Any]) -> Iterator[Wait]:
        # Interactive: the main window is shown and the home screen shows its content.
        def ready() -> bool:
            window = self.controller.window
            home = window.pages.get("home") if window is not None else None
            return window is not None and window.isVisible() and home is not None and home.loaded_once

        yield ready
        t0 = float(os.environ.get("ANHORIGDESK_BENCH_T0", "0") or 0)
        self._result["seconds"] = time.time() - t0 if t0 else None
        self._result["picker_shown"] = self.controller.picker is not None

    def _main_window_idle(self) -> Wait:
        def ready() -> bool:
            window = self.controller.window
            return (window is not None and window.isVisible() and self.controller.ctx.runner.running == 0
                    and window.current_page_name != "")
        return ready

    def step_mark_picker(self, step: dict[str, Any]) -> Iterator[Wait]:
        yield lambda: self.controller.picker is not None and self.controller.picker.isVisible()
        t0 = float(os.environ.get("ANHORIGDESK_BENCH_T0", "0") or 0)
        self._result["seconds"] = time.time() - t0 if t0 else None

    def step_wait_schedule(self, step: dict[str, Any]) -> Iterator[Wait]:
        """Until every carer's schedule is computed (the due list is ready)."""
        yield lambda: getattr(self.controller.ctx.workspace, "schedule_book", None) is not None
        t0 = float(os.environ.get("ANHORIGDESK_BENCH_T0", "0") or 0)
        self._result["seconds"] = time.time() - t0 if t0 else None

    def step_wait_due_list(self, step: dict[str, Any]) -> Iterator[Wait]:
        """Until the home screen's due lists are shown: seconds since the main window was
        shown, and since start."""
        def shown() -> bool:
            window = self.controller.window
            home = window.pages.get("home") if window is not None else None
            due = getattr(home, "_due_view", None)
            return getattr(due, "agenda", None) is not None

        yield shown
        due = self.controller.window.pages.get("home")._due_view
        self._result["from_main_window_s"] = due.first_filled_at - self.controller.window_shown_at
        t0 = float(os.environ.get("ANHORIGDESK_BENCH_T0", "0") or 0)
        self._result["seconds"] = time.time() - t0 if t0 else None
        self._result["mine"] = len(due.agenda.mine)
        self._result["unit"] = len(due.agenda.unit)

    def step_checkin_due(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        home = window.pages["home"]
        due = home._due_view
        workspace = self.controller.ctx.workspace
        yield lambda: (due.agenda is not None and workspace.schedule_book is not None
                       and self.controller.ctx.runner.running == 0)
        if window.current_page_name != "home":
            window.navigate("home")
        yield lambda: self.controller.ctx.runner.running == 0
        index, found = next((i, a) for i, a in enumerate(due.agenda.mine[:due.mine.topLevelItemCount()])
                            if a.item.kind.value == "checkin" and a.item.overdue)
        carer_id = found.item.carer_id
        due.mine.itemClicked.emit(due.mine.topLevelItem(index), 0)
        entry = window.pages["entry"]
        yield lambda: (window.current_page_name == "entry" and entry.form is not None
                       and entry.carer_id == carer_id and self.controller.ctx.runner.running == 0)
        today = workspace.now().date().isoformat()
        for question, value in (("check_in_date", today), ("still_own_choice", "yes"),
                                ("burden_now", 2), ("wants_to_reduce", "no")):
            entry.form.editor(question).set_value(value)
        saved: list[float] = []
        on_saved = lambda: saved.append(time.monotonic())  # noqa: E731
        entry.data_changed.connect(on_saved)
        clicked = time.monotonic()
        entry.save_button.click()
        yield lambda: bool(saved)
        entry.data_changed.disconnect(on_saved)
        window.navigate("home")  # what the user does next

        def gone() -> bool:
            agenda = due.agenda
            return not any(a.item.carer_id == carer_id and a.item.kind.value == "checkin" and a.item.overdue
                           for a in agenda.mine)

        yield gone
        self._result["saved_to_due_ms"] = round((due.filled_at - saved[0]) * 1000, 2)
        self._result["click_to_due_ms"] = round((due.filled_at - clicked) * 1000, 2)

    def step_memory(self, step: dict[str, Any]) -> Iterator[Wait]:
        yield self._main_window_idle()
        status = Path("/proc/self/status")
        if status.exists():
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            self._result["rss_mb"] = int(fields["VmRSS"].split()[0]) / 1024
            self._result["peak_rss_mb"] = int(fields["VmHWM"].split()[0]) / 1024
        else:  # not Linux: the peak from the resource module where there is one
            import resource

            self._result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def step_search_latency(self, step: dict[str, Any]) -> Iterator[Wait]:
        window = self.controller.window
        window.actions_by_name["find"].trigger()
        page = window.pages["carers"]
        yield lambda: window.current_page_name == "carers" and not page.model.is_loading
        timings: list[float] = []
        counts: list[int] = []
        arrived: list[float] = []
        # The moment the rows are in the model (the signal), not when this poller notices.
        on_loaded = lambda _generation, _ms: arrived.append(time.perf_counter())  # noqa: E731
        page.model.loaded.connect(on_loaded)
        text = step["text"]
        for i in range(1, len(text) + 1):
            typed = text[:i]
            arrived.clear()
            start = time.perf_counter()
            page.search.setText(typed)  # what a keystroke does (textChanged)
            yield lambda typed=typed: page.model.query == typed.strip() and not page.model.is_loading
            timings.append((arrived[-1] - start) * 1000)
            counts.append(page.model.rowCount())
        page.model.loaded.disconnect(on_loaded)
        self._result["ms"] = [round(t, 2) for t in timings]
        self._result["rows"] = counts
        import statistics  # here: the benchmark's start-up figure measures the app, not this

        self._result["median_ms"] = round(statistics.median(timings), 2)
        self._result["max_ms"] = round(max(timings), 2)

    def step_quit(self, step: dict[str, Any]) -> Iterator[Wait]:
        self.results.append(self._result)
        self._finish(0)
        yield lambda: False
