"""A follow-up task: the flag that raised it, when it is due, and what was done about it.

Writing what was done and pressing *Mark as done* resolves the task (the scheduling package's
``resolve_task``, with who and when); it then leaves the due lists. Navigation argument:
``{"carer_id", "task_id", "carer_name"?}``.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.scheduling import local_date
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import get_follow_up, resolve_task
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.scheduling.service import app_clock, shared_registry
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted


class FollowUpPage(Page):
    nav_key = "home"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.carer_id: str | None = None
        self.task_id: str | None = None
        self.task: Any = None
        self.entry: dict[str, Any] | None = None
        self.carer_name = ""
        # create
        self.heading = Heading(1.5, self)
        self.intro = Muted(self)
        self.values = {key: QLabel(self) for key in ("carer", "flag", "raised", "due", "state")}
        self.names = {key: QLabel(self) for key in self.values}
        for label in self.values.values():
            label.setWordWrap(True)
        self.done_label = QLabel(self)
        self.done_text = QPlainTextEdit(self)
        self.done_text.setTabChangesFocus(True)
        self.done_text.setMaximumHeight(self.done_text.fontMetrics().lineSpacing() * 8 + 12)
        self.done_label.setBuddy(self.done_text)
        self.error = ErrorLabel(self)
        self.resolve_button = QPushButton(self)
        self.resolve_button.setDefault(True)
        self.response_button = QPushButton(self)
        self.carer_button = QPushButton(self)
        self.back_button = QPushButton(self)
        # connect
        self.resolve_button.clicked.connect(self.resolve)
        self.response_button.clicked.connect(self._open_response)
        self.carer_button.clicked.connect(lambda: self.navigate.emit("carer", self.carer_id))
        self.back_button.clicked.connect(lambda: self.navigate.emit("home", None))
        # assemble
        form = QFormLayout()
        for key in self.values:
            form.addRow(self.names[key], self.values[key])
        buttons = QHBoxLayout()
        buttons.addWidget(self.response_button)
        buttons.addWidget(self.carer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.done_label)
        layout.addWidget(self.done_text)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    def page_title(self) -> str:
        return self.tr("Follow-up")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Follow-up"))
        self.intro.setText(self.tr("An answer in a form raised this flag. Talk with the carer, "
                                   "then write what was done: that closes the follow-up."))
        for key, text in {"carer": self.tr("Carer:"), "flag": self.tr("Flag:"),
                          "raised": self.tr("Raised:"), "due": self.tr("Due:"),
                          "state": self.tr("State:")}.items():
            self.names[key].setText(text)
        self.done_label.setText(self.tr("What was &done *"))
        self.done_text.setAccessibleName(self.tr("What was done about the follow-up"))
        self.done_text.setPlaceholderText(self.tr("For example: called the carer, booked a conversation "
                                                  "about respite on Tuesday."))
        self.resolve_button.setText(self.tr("&Mark as done"))
        self.response_button.setText(self.tr("Open the &response"))
        self.carer_button.setText(self.tr("Open the &carer"))
        self.back_button.setText(self.tr("&Back to home"))
        self._show()

    # ------------------------------------------------------------------ loading
    def on_shown(self, argument: object = None) -> None:
        if not isinstance(argument, dict):
            return
        self.carer_id = argument.get("carer_id")
        self.task_id = argument.get("task_id")
        self.carer_name = argument.get("carer_name") or ""
        self.task = None
        self.entry = None
        self.done_text.clear()
        self.error.clear()
        self._show()
        self.reload()

    def reload(self) -> None:
        session = self.ctx.workspace
        if session is None or not self.task_id:
            return
        repo, actor, task_id, carer_id = session.repository, session.actor, self.task_id, self.carer_id

        def work(_ctx: TaskContext) -> tuple[Any, dict[str, Any] | None, str]:
            task = get_follow_up(repo, actor, task_id)
            try:
                entry = repo.get(actor, "entry", task.entry_id)
            except LookupError:
                entry = None
            name = repo.get(actor, "carer", carer_id or task.carer_id, action="follow_up")["name"]
            return task, entry, name

        task = self.ctx.runner.submit(work, name="load_follow_up")
        task.finished.connect(lambda result, tid=task_id: self._loaded(tid, result))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _loaded(self, task_id: str, result: tuple[Any, dict[str, Any] | None, str]) -> None:
        if task_id != self.task_id:
            return
        self.task, self.entry, self.carer_name = result
        self.carer_id = self.task.carer_id
        self._show()
        if self.task.is_open:
            self.done_text.setFocus()

    def _show(self) -> None:
        task = self.task
        self.values["carer"].setText(self.carer_name or "–")
        if task is None:
            for key in ("flag", "raised", "due", "state"):
                self.values[key].setText("–")
            self.resolve_button.setEnabled(False)
            self.response_button.setEnabled(False)
            return
        registry = shared_registry(self.ctx)
        label = task.flag_id
        if registry is not None:
            label = rules_from_registry(registry).flag_action(task.form_id, task.flag_id).label.get(
                current_language())
        self.values["flag"].setText(label)
        self.values["raised"].setText(local_date(task.raised_at).isoformat())
        self.values["due"].setText(task.due_on.isoformat())
        if task.is_open:
            self.values["state"].setText(self.tr("Open"))
        else:
            self.values["state"].setText(self.tr("Done %1: %2").replace(
                "%1", task.resolution.at.date().isoformat()).replace("%2", task.resolution.text))
        self.resolve_button.setEnabled(task.is_open)
        self.done_text.setReadOnly(not task.is_open)
        self.response_button.setEnabled(self.entry is not None)

    # ------------------------------------------------------------------ actions
    def _open_response(self) -> None:
        if self.entry is not None:
            self.navigate.emit("form", {"entry": self.entry})

    def resolve(self) -> None:
        text = self.done_text.toPlainText().strip()
        if not text:
            self.error.setText(self.tr("Write what was done first."))
            self.done_text.setFocus()
            return
        session = self.ctx.workspace
        if session is None or self.task is None:
            return
        repo, actor, task_id = session.repository, session.actor, self.task.id
        at = app_clock(self.ctx).now()
        self.resolve_button.setEnabled(False)

        task = self.ctx.runner.submit(lambda _ctx: resolve_task(repo, actor, task_id, text, at=at),
                                      name="resolve_follow_up")
        task.finished.connect(self._resolved)
        task.failed.connect(self._failed)

    def _resolved(self, _task: Any) -> None:
        self.status_message.emit(self.tr("Follow-up marked as done."))
        self.data_changed.emit()
        self.done_text.clear()
        self.navigate.emit("home", None)

    def _failed(self, exc: BaseException) -> None:
        self.resolve_button.setEnabled(True)
        self.error.setText(self.tr("Could not save: %1").replace("%1", user_message(exc)))
