"""Filling in any form for a carer, or reading a stored response as it was made.

The page hosts :class:`~anhorigdesk.ui.forms.FormWidget`. What is typed is saved as a draft in
the encrypted store every few seconds and when focus leaves a field (the widget's autosave,
handed a callable that writes through the task runner), and also on leaving the page, on lock
and on quit; after a crash the draft is offered back on the home screen and on the carer's
page. *Finish* lets the core validate and store the response
(:func:`anhorigdesk.responses.submit_response_details`: entry, follow-up tasks of its flags,
draft discarded, in one transaction). A stored response opens read-only with the definition
it was made with (:func:`anhorigdesk.responses.open_response`).

Navigation arguments: ``{"carer_id", "form_id"}`` (a new response), ``{"draft": row}`` (a
draft from ``Repository.drafts``), ``{"entry": row}`` (a stored response, read-only).
"""

from __future__ import annotations

import logging
from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.responses import SubmittedResponse, open_response, submit_response_details
from anhorigdesk.store.ids import uuid7
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.forms import FormWidget
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.scheduling.service import app_clock, shared_registry
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import Task, TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

log = logging.getLogger("anhorigdesk.ui.form_page")

AUTOSAVE_MS = 3000
CONFIDENTIALITY_KEY = "_confidentiality"  # kept in the draft beside the answers
#: the forms the carer page offers, in its order (ids of built-in forms)
CARER_FORMS = ("samtal", "stodplan", "frivillighet", "korttid")


class FormPage(Page):
    nav_key = "carers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.registry = shared_registry(ctx)
        self.carer_id: str | None = None
        self.carer_name = ""
        self.definition: Any = None
        self.form: FormWidget | None = None
        self.draft_id: str | None = None
        self.entry: dict[str, Any] | None = None  # the stored response shown read-only
        self.read_only = False
        self._saving = False
        self._draft_tasks: set[Task] = set()
        self._after_drafts: list[Any] = []  # what waits for the draft writes in flight
        self.last_submitted: SubmittedResponse | None = None

        # create
        self.heading = Heading(1.5, self)
        self.subheading = Muted(self)
        self.form_area = QVBoxLayout()
        self.placeholder = Muted(self)
        self.sharing_label = QLabel(self)
        self.confidential = QRadioButton(self)
        self.shareable = QRadioButton(self)
        self.confidential.setChecked(True)
        self.sharing = QButtonGroup(self)
        self.sharing.addButton(self.confidential)
        self.sharing.addButton(self.shareable)
        self.error = ErrorLabel(self)
        self.draft_state = Muted(self)
        self.finish_button = QPushButton(self)
        self.finish_button.setDefault(True)
        self.close_button = QPushButton(self)
        self.discard_button = QPushButton(self)

        # connect
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.close_form)
        self.discard_button.clicked.connect(self.discard)
        self.shareable.toggled.connect(self._sharing_changed)

        # assemble
        self.form_area.addWidget(self.placeholder)
        sharing = QHBoxLayout()
        sharing.addWidget(self.sharing_label)
        sharing.addWidget(self.confidential)
        sharing.addWidget(self.shareable)
        sharing.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_state, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(self.form_area, 1)
        layout.addLayout(sharing)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.retranslate()
        self._update_buttons()

    def available_forms(self) -> list[str]:
        """The carer forms this installation has (ids)."""
        if self.registry is None:
            return []
        return [form_id for form_id in CARER_FORMS if form_id in self.registry]

    # ---------------------------------------------------------------- texts
    def page_title(self) -> str:
        # The kind of form only (never the carer's name).
        if self.definition is not None:
            return self.definition.title.get(current_language())
        return self.tr("Form")

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Loading the form…"))
        self.sharing_label.setText(self.tr("Sharing:"))
        self.confidential.setText(self.tr("Only in the carer's record"))
        self.shareable.setText(self.tr("May be shared with colleagues in the care"))
        self.finish_button.setText(self.tr("&Finish and save"))
        self.finish_button.setToolTip(self.tr("Check the answers and put the response on the carer's timeline"))
        self.close_button.setText(self.tr("Close (keep draft)"))
        self.discard_button.setText(self.tr("&Discard draft"))
        self.discard_button.setAccessibleName(self.tr("Discard the draft"))
        self.back_text = self.tr("&Back to the carer")
        self._update_buttons()
        self._update_heading()

    def _update_heading(self) -> None:
        lang = current_language()
        if self.definition is None:
            self.heading.setText(self.tr("Form"))
            self.subheading.setText("")
            return
        self.heading.setText(self.definition.title.get(lang))
        if self.read_only and self.entry is not None:
            when = (self.entry.get("occurred_at") or "")[:10]
            by = self.entry.get("author_name") or ""
            text = self.tr("Stored response of %1, form version %2, read-only.").replace(
                "%1", when).replace("%2", str(self.definition.version))
            if by:
                text += " " + self.tr("Written by %1.").replace("%1", by)
        else:
            text = self.tr("With %1. Saved as a draft while you write; Finish puts it on the timeline.").replace(
                "%1", self.carer_name or "–")
        self.subheading.setText(text)

    def _update_buttons(self) -> None:
        editing = self.form is not None and not self.read_only
        self.finish_button.setVisible(editing)
        self.discard_button.setVisible(editing)
        self.finish_button.setEnabled(editing and not self._saving)
        self.confidential.setEnabled(editing)
        self.shareable.setEnabled(editing)
        self.close_button.setText(getattr(self, "back_text", "") if not editing
                                  else self.tr("Close (keep draft)"))

    # -------------------------------------------------------------- showing
    def on_shown(self, argument: object = None) -> None:
        if not isinstance(argument, dict):
            return
        self.save_draft_now()
        self.error.clear()
        self.draft_state.clear()
        self._saving = False
        self._after_drafts = []
        if self.registry is None:
            self.error.setText(self.tr("The forms could not be loaded in this installation."))
            return
        if argument.get("entry") is not None:
            self._open_entry(dict(argument["entry"]))
        elif argument.get("draft") is not None:
            draft = argument["draft"]
            self.carer_id = draft.get("carer_id")
            self.carer_name = draft.get("carer_name") or argument.get("carer_name") or ""
            self.draft_id = draft["id"]
            definition = self._definition_of_draft(draft)
            data = dict(draft.get("data") or {})
            shareable = data.pop(CONFIDENTIALITY_KEY, "carer_only") == "shareable"
            self._show_form(definition, data, read_only=False, shareable=shareable)
            self.draft_state.setText(self.tr("Restored from a draft."))
        else:
            self.carer_id = argument.get("carer_id")
            self.carer_name = argument.get("carer_name") or ""
            self.draft_id = None
            self.entry = None
            self._show_form(self.registry.current(argument["form_id"]), {}, read_only=False,
                            shareable=False)
        if self.carer_id and not self.carer_name:
            self._load_carer_name(self.carer_id)

    def _definition_of_draft(self, draft: dict[str, Any]) -> Any:
        form_id = draft.get("form_id") or "samtal"
        try:
            return self.registry.get(form_id, draft.get("form_version"), draft.get("form_fingerprint"))
        except KeyError:
            return self.registry.current(form_id)  # a draft of a version no longer known

    def _open_entry(self, entry: dict[str, Any]) -> None:
        self.entry = entry
        self.carer_id = entry.get("carer_id")
        self.draft_id = None
        self._clear_form()
        session = self.ctx.session
        repo, registry = session.repository, self.registry

        def work(_ctx: TaskContext) -> Any:
            return open_response(repo, registry, entry)

        task = self.ctx.runner.submit(work, name="open_response")
        entry_id = entry.get("id")
        task.finished.connect(lambda definition: self._entry_definition(entry_id, definition))
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("This response cannot be shown: its form version is not known here.")))

    def _entry_definition(self, entry_id: Any, definition: Any) -> None:
        if self.entry is None or self.entry.get("id") != entry_id:
            return
        self._show_form(definition, self.entry.get("data") or {}, read_only=True,
                        shareable=self.entry.get("confidentiality") == "shareable")

    def _load_carer_name(self, carer_id: str) -> None:
        session = self.ctx.session
        repo, actor = session.repository, session.actor
        task = self.ctx.runner.submit(lambda _ctx: repo.get(actor, "carer", carer_id, action="form")["name"],
                                      name="form_carer_name")
        task.finished.connect(lambda name: self._got_name(carer_id, name))

    def _got_name(self, carer_id: str, name: str) -> None:
        if carer_id == self.carer_id:
            self.carer_name = name or ""
            self._update_heading()

    def _clear_form(self) -> None:
        if self.form is not None:
            self.form_area.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
            self.form = None
        self.definition = None
        self.placeholder.show()
        self._update_heading()
        self._update_buttons()

    def _show_form(self, definition: Any, answers: dict[str, Any], *, read_only: bool,
                   shareable: bool) -> None:
        self._clear_form()
        self.read_only = read_only
        self.definition = definition
        self.form = FormWidget(
            definition, language=current_language(), answers=answers or None, read_only=read_only,
            save_draft=None if read_only else self._write_draft, autosave_ms=AUTOSAVE_MS, parent=self,
        )
        self.form.finished.connect(self._form_finished)
        self.form.draft_saved.connect(lambda _a: self.draft_state.setText(self.tr("Draft saved.")))
        self.placeholder.hide()
        self.form_area.addWidget(self.form, 1)
        self.confidential.blockSignals(True)
        self.shareable.blockSignals(True)
        (self.shareable if shareable else self.confidential).setChecked(True)
        self.confidential.blockSignals(False)
        self.shareable.blockSignals(False)
        self._update_heading()
        self._update_buttons()

    # -------------------------------------------------------------- drafts
    def _sharing_changed(self, _on: bool) -> None:
        if self.form is not None and not self.read_only:
            self.form.save_draft_now()  # the choice is part of the draft

    def has_unsaved_changes(self) -> bool:
        return self.form is not None and not self.read_only and self.form.is_dirty()

    def save_draft_now(self) -> None:
        if self.form is not None and not self.read_only and not self._saving and self.form.is_dirty():
            self.form.save_draft_now()

    def on_lock(self) -> None:
        self.save_draft_now()

    def _write_draft(self, answers: dict[str, Any]) -> None:
        """The FormWidget's save_draft: hands the write to a worker (never waits on disk)."""
        session = self.ctx.session
        if session is None or self.carer_id is None or self.definition is None or self._saving:
            return
        repo, actor = session.repository, session.actor
        self.draft_id = self.draft_id or uuid7()
        draft_id, carer_id, definition = self.draft_id, self.carer_id, self.definition
        data = dict(answers)
        data[CONFIDENTIALITY_KEY] = "shareable" if self.shareable.isChecked() else "carer_only"

        def work(_ctx: TaskContext) -> str:
            return repo.save_draft(actor, form_id=definition.id, data=data, draft_id=draft_id,
                                   carer_id=carer_id, form_version=definition.version,
                                   form_fingerprint=definition.fingerprint)

        task = self.ctx.runner.submit(work, name="save_form_draft")
        self._draft_tasks.add(task)
        task.done.connect(lambda t=task: self._draft_task_done(t))

    def _draft_task_done(self, task: Task) -> None:
        self._draft_tasks.discard(task)
        if not self._draft_tasks:
            waiting, self._after_drafts = self._after_drafts, []
            for step in waiting:
                step()

    def _when_drafts_written(self, step: Any) -> None:
        """Run ``step`` once no draft write is in flight (so a finished or discarded
        draft cannot come back through a write that was already on its way)."""
        if self._draft_tasks:
            self._after_drafts.append(step)
        else:
            step()

    # -------------------------------------------------------------- finishing
    def finish(self) -> None:
        if self.form is None or self.read_only or self._saving:
            return
        self.error.clear()
        if not self.form.finish():  # shows and focuses the problems
            self.error.setText(self.tr("Some answers are missing or need a look; see the marked questions."))

    def _form_finished(self, answers: dict[str, Any]) -> None:
        self._saving = True
        self._update_buttons()
        kept = dict(answers)
        self._when_drafts_written(lambda: self._submit(kept))

    def _submit(self, answers: dict[str, Any]) -> None:
        session = self.ctx.session
        repo, actor, registry = session.repository, session.actor, self.registry
        carer_id, definition, draft_id = self.carer_id, self.definition, self.draft_id
        confidentiality = "shareable" if self.shareable.isChecked() else "carer_only"
        now = app_clock(self.ctx).now()

        def work(_ctx: TaskContext) -> SubmittedResponse:
            return submit_response_details(repo, registry, actor, carer_id, definition, answers,
                                           confidentiality=confidentiality, draft_id=draft_id, now=now)

        task = self.ctx.runner.submit(work, name="submit_response")
        task.finished.connect(self._stored)
        task.failed.connect(self._failed)

    def _stored(self, result: SubmittedResponse) -> None:
        self._saving = False
        self.last_submitted = result
        self.draft_id = None
        carer_id = self.carer_id
        if result.task_ids:
            self.status_message.emit(self.tr("Saved on the timeline; %n follow-up(s) created.", "",
                                             len(result.task_ids)))
        else:
            self.status_message.emit(self.tr("Saved on the timeline."))
        self._clear_form()
        self.navigate.emit("carer", carer_id)

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self._update_buttons()
        self.error.setText(self.tr("Could not save: %1").replace("%1", user_message(exc)))

    def discard(self) -> None:
        draft_id, carer_id = self.draft_id, self.carer_id
        if draft_id and self.ctx.session is not None:
            repo, actor, runner = self.ctx.session.repository, self.ctx.session.actor, self.ctx.runner
            self._when_drafts_written(lambda: runner.submit(
                lambda _ctx: repo.delete_draft(actor, draft_id), name="discard_draft"))
        self.draft_id = None
        self._clear_form()
        self.navigate.emit("carer", carer_id)

    def close_form(self) -> None:
        self.save_draft_now()
        carer_id = self.carer_id
        self._clear_form()
        self.navigate.emit("carer", carer_id)
