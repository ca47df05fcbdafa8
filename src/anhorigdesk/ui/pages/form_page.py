"""A stored form response, shown read-only exactly as it was made.

New responses and drafts are written on the entry page (``pages/entry.py``), which hosts the
same :class:`~anhorigdesk.ui.forms.FormWidget` and stores through the core's
:func:`anhorigdesk.workspace.responses.submit_response`. This page opens a response from the timeline
(or from a follow-up): the definition it was made with is found by its fingerprint
(:func:`anhorigdesk.workspace.responses.open_response`, which feeds the store's remembered versions to
the registry), so an old response reads right after the form has changed.

Navigation argument: ``{"entry": row}`` (a timeline entry as ``Repository.timeline`` gives it).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.forms import FormWidget
from anhorigdesk.ui.marking import MarkingTexts
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from anhorigdesk.ui.scheduling.service import shared_registry
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.timefmt import local_minute
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted


class FormPage(Page):
    nav_key = "carers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.entry: dict[str, Any] | None = None
        self.definition: Any = None
        self.form: FormWidget | None = None
        # create
        self.heading = Heading(1.5, self)
        self.subheading = Muted(self)
        self.placeholder = Muted(self)
        self.error = ErrorLabel(self)
        self.back_button = QPushButton(self)
        self.back_button.setDefault(True)
        # connect
        self.back_button.clicked.connect(self.back)
        # assemble
        self.form_area = QVBoxLayout()
        self.form_area.addWidget(self.placeholder)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(self.form_area, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.retranslate()

    def page_title(self) -> str:
        # The kind of form only (never the carer's name).
        return self.tr("Stored response")

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Loading the response…"))
        self.back_button.setText(self.tr("&Back to the carer"))
        self._update_heading()

    def _update_heading(self) -> None:
        if self.definition is None or self.entry is None:
            self.heading.setText(self.tr("Stored response"))
            self.subheading.setText("")
            return
        # The form shows its own title below; the page says what this is.
        self.heading.setText(self.tr("Stored response"))
        text = self.tr("Stored %1, form version %2. Read-only: a correction is a new entry.").replace(
            "%1", local_minute(self.entry.get("occurred_at"))).replace("%2", str(self.definition.version))
        if self.entry.get("author_name"):
            text += " " + self.tr("Written by %1.").replace("%1", self.entry["author_name"])
        text += " " + MarkingTexts(self).long(self.entry.get("confidentiality") or "carer_only") + "."
        self.subheading.setText(text)

    # ------------------------------------------------------------------ showing
    def on_shown(self, argument: object = None) -> None:
        if not isinstance(argument, dict) or argument.get("entry") is None:
            return
        self.entry = dict(argument["entry"])
        self.error.clear()
        self._clear_form()
        session = self.ctx.workspace
        registry = shared_registry(self.ctx, load=True)
        if session is None or registry is None:
            self.error.setText(self.tr("The forms could not be loaded in this installation."))
            return
        entry = self.entry

        def work(_ctx: TaskContext) -> Any:
            return session.open_response(entry, registry)

        task = self.ctx.runner.submit(work, name="open_response")
        entry_id = entry.get("id")
        task.finished.connect(lambda definition: self._show(entry_id, definition))
        task.failed.connect(lambda _exc: self.error.setText(
            self.tr("This entry cannot be shown as a form: its form version is not known here.")))

    def _clear_form(self) -> None:
        if self.form is not None:
            self.form_area.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
            self.form = None
        self.definition = None
        self.placeholder.show()
        self._update_heading()

    def _show(self, entry_id: Any, definition: Any) -> None:
        if self.entry is None or self.entry.get("id") != entry_id:
            return
        self._clear_form()
        self.definition = definition
        self.form = FormWidget(definition, language=current_language(),
                               answers=self.entry.get("data") or None, read_only=True, parent=self)
        self.placeholder.hide()
        self.form_area.addWidget(self.form, 1)
        self._update_heading()

    def back(self) -> None:
        carer_id = self.entry.get("carer_id") if self.entry else None
        self.navigate.emit("carer", carer_id)
